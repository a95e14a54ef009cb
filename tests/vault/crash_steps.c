/*
 * crash_steps: a process killed at any step of a save leaves a store that opens, holding
 * the old contents up to the rename and the new ones from the rename on; never neither.
 *
 * For each named step of a save ("temp-created", "space-reserved", "temp-written",
 * "temp-synced", "temp-closed", "backup-linked", "renamed", "folder-synced"), a store
 * holding image A is made; a forked child opens it, sets vault_test_step (compiled in with
 * ODAAT_TEST_HOOKS) to a function that raises SIGKILL at that step, and saves image B. SIGKILL
 * cannot be caught, so nothing of the vault runs after it: what is on disk is what a crash
 * leaves, short of losing the page cache (which the fsyncs are there for).
 *
 * The parent checks that the child died of SIGKILL (so the step exists and was reached),
 * that up to "backup-linked" the store file is byte-identical to before and a temp file was
 * left behind (the kill really came mid-save), that the store opens holding A before
 * "renamed" and B from "renamed" on, with backups/save-1 then holding A, that the open
 * removed the temp file, and that the store then saves again.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "vt.h"

#define IMAGE_LEN (300u * 1024u)
#define COUNTER_A 1u
#define COUNTER_B 2u
#define COUNTER_C 3u

static const char *const steps[] = {
    "temp-created", "space-reserved", "temp-written", "temp-synced",
    "temp-closed",  "backup-linked",  "renamed",      "folder-synced",
};
/* The first step after which the new contents are in place. */
#define FIRST_NEW_STEP 6

static const char *kill_step;

static void kill_at(const char *step)
{
    if (strcmp(step, kill_step) == 0)
        raise(SIGKILL);
}

/* In the child: open dir and save B, dying at the step. Returns only if it did not die. */
static int child_save(const char *dir)
{
    struct vault *v = NULL;
    uint8_t *image = NULL;
    size_t len = 0;
    if (vt_open(dir, &v, &image, &len) != ODAAT_OK)
        return 3;
    sqlite3_free(image);
    uint8_t *b = vt_image_new(COUNTER_B, IMAGE_LEN);
    vault_test_step = kill_at;
    enum odaat_err err = vault_save(v, b, IMAGE_LEN);
    free(b);
    vault_close(v);
    return err == ODAAT_OK ? 4 : 5;
}

/* Opens dir, saves C and checks it opens holding C: the store is usable after the crash. */
static bool saves_again(const char *dir)
{
    struct vault *v = NULL;
    uint8_t *image = NULL;
    size_t len = 0;
    if (vt_open(dir, &v, &image, &len) != ODAAT_OK)
        return false;
    sqlite3_free(image);
    uint8_t *c = vt_image_new(COUNTER_C, IMAGE_LEN);
    enum odaat_err err = vault_save(v, c, IMAGE_LEN);
    free(c);
    vault_close(v);
    uint64_t counter = 0;
    return err == ODAAT_OK && vt_open_counter(dir, &counter) == ODAAT_OK && counter == COUNTER_C;
}

static void run_step(const char *root, size_t index)
{
    const char *step = steps[index];
    bool expect_new = index >= FIRST_NEW_STEP;
    char dir[4200];
    char store_path[4300];
    char save1_path[4300];
    snprintf(dir, sizeof dir, "%s/%s", root, step);
    snprintf(store_path, sizeof store_path, "%s/store", dir);
    snprintf(save1_path, sizeof save1_path, "%s/backups/save-1", dir);

    uint8_t *a = vt_image_new(COUNTER_A, IMAGE_LEN);
    if (vt_create(dir, a, IMAGE_LEN) != ODAAT_OK)
        vt_bail("cannot create a store in %s", dir);
    free(a);
    uint8_t *before = NULL;
    size_t before_len = 0;
    if (!vt_read_file(store_path, &before, &before_len))
        vt_bail("cannot read %s", store_path);

    fflush(NULL);
    kill_step = step;
    pid_t pid = fork();
    if (pid < 0)
        vt_bail("fork: %s", strerror(errno));
    if (pid == 0)
        _exit(child_save(dir));
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    if (!vt_ok(killed, "%s: the save was killed at this step", step))
        vt_diag("the child %s %d", WIFSIGNALED(status) ? "died of signal" : "exited with",
                WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));

    int temps = vt_count_temps(dir);
    if (!expect_new) {
        vt_ok(vt_file_equals(store_path, before, before_len) && temps == 1,
              "%s: the store file is byte-identical and the temp file is left", step);
    } else {
        vt_ok(temps == 0, "%s: the temp file became the store", step);
    }

    uint64_t counter = 0;
    enum odaat_err err = vt_open_counter(dir, &counter);
    uint64_t want = expect_new ? COUNTER_B : COUNTER_A;
    if (!vt_ok(err == ODAAT_OK && counter == want, "%s: the store opens holding %s", step,
               expect_new ? "B" : "A"))
        vt_diag("open: %s; counter %llu", odaat_err_message(err), (unsigned long long)counter);
    if (expect_new)
        vt_ok(vt_file_equals(save1_path, before, before_len),
              "%s: backups/save-1 is the old store file", step);
    vt_ok(vt_count_temps(dir) == 0, "%s: the open removed any temp file", step);
    vt_ok(saves_again(dir), "%s: the store saves again afterwards", step);
    free(before);
}

int main(void)
{
    vt_init();
    char root[4096];
    vt_tempdir(root, sizeof root);
    double start = vt_now_ms();
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        run_step(root, i);
    vt_diag("%zu steps in %.1f s", sizeof steps / sizeof steps[0], (vt_now_ms() - start) / 1e3);
    vt_rmtree(root);
    return vt_done();
}
