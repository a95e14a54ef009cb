/*
 * two_writers: two odaat processes on one store never lose an update: the lock lets one in
 * at a time and the other is told the store is busy.
 *
 * Usage: two_writers [ROUNDS]   (100 rounds per process by default)
 *
 * First, deterministically: while one vault holds the store, a second open, in the same
 * process or another, returns ODAAT_ERR_BUSY (exit code 5), and once it is closed the store
 * opens again. Then two forked processes, started together, each do ROUNDS rounds of: open
 * (while ODAAT_ERR_BUSY, sleep a millisecond and try again, counting the refusals), read the
 * counter from the image, save the image of counter + 1, close. Each reports every counter
 * it saved. At the end the store must hold 2 * ROUNDS, the counters saved by the two must be
 * 1 .. 2 * ROUNDS, each exactly once (no update lost, none saved twice), and the save count
 * inside the file must have gone up by 2 * ROUNDS. The refusals are printed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "vt.h"

#define IMAGE_LEN (16u * 1024u)
/* A process refused for this long is starved, not merely waiting its turn. */
#define BUSY_GIVE_UP_MS 20000.0

/* What a writer tells the parent, one record at a time. */
enum record_kind { REC_SAVED = 1, REC_REFUSALS = 2, REC_FAILED = 3 };
struct record {
    uint64_t kind;
    uint64_t value;
};

static void put_record(int fd, uint64_t kind, uint64_t value)
{
    struct record r = {kind, value};
    if (write(fd, &r, sizeof r) != (ssize_t)sizeof r)
        exit(3);
}

/* One writer: waits for the start, then ROUNDS rounds of open, increment, save, close. */
static int writer(const char *dir, long rounds, int start_fd, int out)
{
    char go;
    while (read(start_fd, &go, 1) < 0 && errno == EINTR)
        ;
    uint64_t refusals = 0;
    uint8_t *next = vt_image_new(0, IMAGE_LEN);
    for (long i = 0; i < rounds; i++) {
        struct vault *v = NULL;
        uint8_t *image = NULL;
        size_t len = 0;
        enum odaat_err err;
        double since = vt_now_ms();
        while ((err = vt_open(dir, &v, &image, &len)) == ODAAT_ERR_BUSY &&
               vt_now_ms() - since < BUSY_GIVE_UP_MS) {
            refusals++;
            vt_sleep_ms(1);
        }
        uint64_t counter = 0;
        if (err == ODAAT_OK && !vt_image_check(image, len, &counter))
            err = ODAAT_ERR_CONTENTS_DAMAGED;
        sqlite3_free(image);
        if (err == ODAAT_OK) {
            vt_image_fill(next, counter + 1, IMAGE_LEN);
            err = vault_save(v, next, IMAGE_LEN);
        }
        vault_close(v);
        if (err != ODAAT_OK) {
            put_record(out, REC_FAILED, (uint64_t)err);
            free(next);
            return 1;
        }
        put_record(out, REC_SAVED, counter + 1);
    }
    put_record(out, REC_REFUSALS, refusals);
    free(next);
    return 0;
}

/* Forks a process that tries to open dir once; returns the error it got. */
static enum odaat_err open_elsewhere(const char *dir)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        vt_bail("fork: %s", strerror(errno));
    if (pid == 0) {
        struct vault *v = NULL;
        uint8_t *image = NULL;
        size_t len = 0;
        enum odaat_err err = vt_open(dir, &v, &image, &len);
        sqlite3_free(image);
        vault_close(v);
        _exit((int)err);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) ? (enum odaat_err)WEXITSTATUS(status) : ODAAT_ERR_FAIL;
}

static void busy_checks(const char *dir)
{
    struct vault *holder = NULL;
    struct vault *second = NULL;
    uint8_t *image = NULL;
    size_t len = 0;
    if (vt_open(dir, &holder, &image, &len) != ODAAT_OK)
        vt_bail("cannot open the store");
    sqlite3_free(image);
    image = NULL;
    enum odaat_err err = vt_open(dir, &second, &image, &len);
    vt_ok(err == ODAAT_ERR_BUSY && second == NULL && image == NULL,
          "a second open in the same process is refused: %s", odaat_err_message(err));
    vt_ok(odaat_err_exit_code(err) == 5, "busy maps to exit code 5");
    sqlite3_free(image);
    vault_close(second);
    err = open_elsewhere(dir);
    vt_ok(err == ODAAT_ERR_BUSY, "an open in another process is refused: %s",
          odaat_err_message(err));
    vault_close(holder);
    err = open_elsewhere(dir);
    vt_ok(err == ODAAT_OK, "once closed, another process opens the store: %s",
          odaat_err_message(err));
}

int main(int argc, char **argv)
{
    long rounds = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    if (rounds < 1) {
        fprintf(stderr, "usage: two_writers [ROUNDS]\n");
        return 2;
    }
    vt_init();
    char dir[4096];
    vt_tempdir(dir, sizeof dir);
    uint8_t *first = vt_image_new(0, IMAGE_LEN);
    if (vt_create(dir, first, IMAGE_LEN) != ODAAT_OK)
        vt_bail("cannot create the store");
    free(first);

    busy_checks(dir);

    struct vault *v = NULL;
    uint8_t *image = NULL;
    size_t len = 0;
    if (vt_open(dir, &v, &image, &len) != ODAAT_OK)
        vt_bail("cannot open the store");
    uint64_t saves_before = vault_save_count(v);
    sqlite3_free(image);
    vault_close(v);

    /* Both writers wait on one pipe; closing its write end starts them together. */
    int start[2];
    int out[2][2];
    pid_t pids[2];
    if (pipe(start) != 0 || pipe(out[0]) != 0 || pipe(out[1]) != 0)
        vt_bail("pipe: %s", strerror(errno));
    double t0 = vt_now_ms();
    for (int w = 0; w < 2; w++) {
        fflush(NULL);
        pids[w] = fork();
        if (pids[w] < 0)
            vt_bail("fork: %s", strerror(errno));
        if (pids[w] == 0) {
            close(start[1]);
            close(out[w][0]);
            close(out[1 - w][0]);
            close(out[1 - w][1]);
            exit(writer(dir, rounds, start[0], out[w][1]));
        }
        close(out[w][1]);
    }
    close(start[0]);
    close(start[1]);

    /* Reading one writer to the end, then the other, cannot stall: a writer blocked on a
     * full pipe has already closed the store, so the other one goes on and finishes. */
    uint64_t total = 2 * (uint64_t)rounds;
    unsigned char *seen = calloc((size_t)total + 2, 1);
    uint64_t refusals[2] = {0, 0};
    bool failed = false;
    bool duplicate = false;
    bool out_of_range = false;
    for (int w = 0; w < 2; w++) {
        struct record r;
        while (read(out[w][0], &r, sizeof r) == (ssize_t)sizeof r) {
            if (r.kind == REC_SAVED && r.value >= 1 && r.value <= total) {
                duplicate = duplicate || seen[r.value];
                seen[r.value] = 1;
            } else if (r.kind == REC_SAVED) {
                out_of_range = true;
            } else if (r.kind == REC_REFUSALS) {
                refusals[w] = r.value;
            } else {
                failed = true;
                vt_diag("writer %d failed: %s", w + 1, odaat_err_message((enum odaat_err)r.value));
            }
        }
        close(out[w][0]);
    }
    bool exited = true;
    for (int w = 0; w < 2; w++) {
        int status = 0;
        while (waitpid(pids[w], &status, 0) < 0 && errno == EINTR)
            ;
        exited = exited && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    double seconds = (vt_now_ms() - t0) / 1e3;
    vt_ok(exited && !failed, "both writers finished %ld rounds", rounds);
    bool all = !duplicate && !out_of_range;
    for (uint64_t c = 1; c <= total; c++)
        all = all && seen[c];
    vt_ok(all, "the counters saved were 1..%llu, each exactly once", (unsigned long long)total);
    free(seen);

    uint64_t counter = 0;
    enum odaat_err err = vt_open(dir, &v, &image, &len);
    bool whole = err == ODAAT_OK && vt_image_check(image, len, &counter);
    if (!vt_ok(whole && counter == total, "the store holds %llu: no update lost",
               (unsigned long long)total))
        vt_diag("open: %s; counter %llu", odaat_err_message(err), (unsigned long long)counter);
    vt_ok(err == ODAAT_OK && vault_save_count(v) == saves_before + total,
          "the save count in the file went up by %llu", (unsigned long long)total);
    sqlite3_free(image);
    vault_close(v);
    vt_diag("%ld rounds each in %.1f s; busy refusals: %llu and %llu", rounds, seconds,
            (unsigned long long)refusals[0], (unsigned long long)refusals[1]);
    vt_rmtree(dir);
    return vt_done();
}
