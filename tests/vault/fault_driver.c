/*
 * fault_driver: a failing or full disk at any call of a save never harms the store, and the
 * program can save again once the disk is well.
 *
 * Usage: fault_driver SHIM   (SHIM: the fault_shim shared library)
 *
 * A template store is made in a temporary folder: image A after six earlier saves, so every
 * "save" backup generation exists. Then, for every family of calls a save makes (write, fsync,
 * close, rename, link, posix_fallocate), every way it can fail (EIO, ENOSPC, and for write a
 * short write after which the disk is full) and every k from 1 on, a fresh copy of the
 * template is made and a child saves image B over A with the k-th call of that family
 * failing. The child is this program again, run with the shim in LD_PRELOAD so its counts
 * start fresh; it brackets vault_save with fault_arm/fault_disarm and reports the save's
 * result and the calls it made. k goes up until the fault no longer happens: that last case
 * shows the save succeeds when nothing fails, and k has then covered every call of a save.
 *
 * Every case must end in one of two states, never a third:
 *   NOT SAVED  vault_save returned ODAAT_ERR_NOT_SAVED (exit code 6), the store file is
 *              byte-identical to before, no temp file is left, and the store opens holding A.
 *              Then, still holding the store open, the child saves B again with nothing
 *              failing (the disk was freed): that must succeed, not report a conflict.
 *   saved      vault_save returned ODAAT_OK, the store opens holding B, and backups/save-1 is
 *              the old file, byte for byte.
 * In both, the next open leaves no temp file. "saved" is allowed only when no fault
 * happened; when the failed call was the close of a directory descriptor (the folder was
 * fsynced before, so that close loses nothing and the vault rightly ignores it); or when a
 * rename or link failed after the switch, while the old file, already kept on disk as
 * backups/.pending, was being moved into the generations: the save stands, and the next
 * open finishes the move (the checks above run after that open). A short write is never
 * completed (every later write fails), so it must always end NOT SAVED.
 *
 * While the child waits after a failed save it still holds the store's lock, so the store is
 * checked byte for byte in place and opened from a copy.
 *
 * Also checked, once per family: a save that fails leaves the backup generations as they
 * were (names and bytes). And three cases outside the k loops: RLIMIT_FSIZE below the
 * file's size (posix_fallocate fails with EFBIG; the vault ignores SIGXFSZ, see
 * vault_harden_process), the same with posix_fallocate unsupported by the file system (the
 * write then fails at the limit), and posix_fallocate unsupported alone (the save succeeds).
 * Last, the shim's rename() and link(), which no save calls, are shown to work as well.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fault_shim.h"
#include "vt.h"

/* Small enough to be quick, big enough that the sealed file takes many writes: the 1 MiB
 * padding floor in 16 chunks, one write each, after the header's. */
#define IMAGE_LEN (200u * 1024u)
/* Six saves before A, so all five "save" generations exist and the oldest holds a save no
 * other backup has. */
#define COUNTER_A 7u
#define COUNTER_B 8u
/* A save makes a few dozen calls; a k loop that reaches this has lost its way. */
#define K_MAX       1000u
#define PATH_SIZE   4400
#define BACKUPS_MAX 32

#define FAMILIES 6
static const char *const families[FAMILIES] = {
    "write", "fsync", "close", "rename", "link", "posix_fallocate",
};

/* What a child reported about its save. */
struct outcome {
    /* The child reported its save and exited normally. */
    bool ran;
    /* Its exit status (odaat_err_exit_code of the save's error), or minus the signal that
     * killed it. */
    int exit_code;
    /* The save's enum odaat_err, and the calls of each family it made while armed. */
    int err;
    unsigned long calls[FAMILIES];
    /* The chosen call happened and was failed; it was made on a directory descriptor. */
    int injected;
    int hit_dir;
    /* Temp files in the folder right after the save. */
    int temps;
    /* The second save's enum odaat_err after a failed one, -1 when there was none. */
    int retry;
    /* After a failed save: the backup generations are as they were. */
    bool backups_kept;
};

/* A backup generation of the template, as it was. */
struct backup_copy {
    char name[64];
    uint8_t *data;
    size_t len;
};

/* The template store and the paths of one run. */
struct fixture {
    char root[PATH_SIZE];
    char template_dir[PATH_SIZE];
    char case_dir[PATH_SIZE];
    char copy_dir[PATH_SIZE];
    uint8_t *store; /* the template's store file */
    size_t store_len;
    struct backup_copy backups[BACKUPS_MAX]; /* sorted by name */
    int backup_count;
    const char *shim; /* absolute path of the fault library */
};

static void path_in(char *out, size_t size, const char *dir, const char *name)
{
    int n = snprintf(out, size, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= size)
        vt_bail("path too long: %s/%s", dir, name);
}

/* ---- the child ---- */

static void *shim_symbol(const char *name)
{
    void *p = dlsym(RTLD_DEFAULT, name);
    if (p == NULL) {
        fprintf(stderr, "fault_driver: %s not found: is the shim in LD_PRELOAD?\n", name);
        exit(90);
    }
    return p;
}

/* Function pointers cannot be assigned from void * in ISO C; POSIX promises copying works. */
#define SHIM_FN(var, name)                                                                         \
    do {                                                                                           \
        void *p_ = shim_symbol(name);                                                              \
        memcpy(&(var), &p_, sizeof(var));                                                          \
    } while (0)

/* Runs inside the child: opens dir, saves B with the fault armed, prints what happened,
 * waits for the parent to look, and after a failed save saves B again with nothing armed. */
static int child_main(const char *dir, long fsize)
{
    fault_arm_fn *arm;
    fault_disarm_fn *disarm;
    fault_calls_fn *calls;
    fault_injected_fn *injected;
    fault_hit_dir_fn *hit_dir;
    SHIM_FN(arm, "fault_arm");
    SHIM_FN(disarm, "fault_disarm");
    SHIM_FN(calls, "fault_calls");
    SHIM_FN(injected, "fault_injected");
    SHIM_FN(hit_dir, "fault_hit_dir");

    struct vault *v = NULL;
    uint8_t *image = NULL;
    size_t len = 0;
    enum odaat_err err = vt_open(dir, &v, &image, &len);
    if (err != ODAAT_OK) {
        fprintf(stderr, "fault_driver: the child could not open the store: %s\n",
                odaat_err_message(err));
        return 91;
    }
    sqlite3_free(image);
    uint8_t *b = vt_image_new(COUNTER_B, IMAGE_LEN);
    struct rlimit limit;
    getrlimit(RLIMIT_FSIZE, &limit);
    rlim_t no_limit = limit.rlim_cur;
    if (fsize > 0) {
        limit.rlim_cur = (rlim_t)fsize;
        if (setrlimit(RLIMIT_FSIZE, &limit) != 0) {
            fprintf(stderr, "fault_driver: setrlimit: %s\n", strerror(errno));
            return 92;
        }
    }
    arm();
    err = vault_save(v, b, IMAGE_LEN);
    disarm();
    printf("err=%d", (int)err);
    for (int f = 0; f < FAMILIES; f++)
        printf(" %s=%lu", families[f], calls(families[f]));
    printf(" injected=%d dir=%d temps=%d\n", injected(), hit_dir(), vt_count_temps(dir));
    fflush(stdout);

    /* The parent looks at the folder now; any byte or the end of the pipe says go on. */
    char go;
    while (read(0, &go, 1) < 0 && errno == EINTR)
        ;
    int retry = -1;
    if (err != ODAAT_OK) {
        limit.rlim_cur = no_limit;
        setrlimit(RLIMIT_FSIZE, &limit);
        retry = (int)vault_save(v, b, IMAGE_LEN);
    }
    printf("retry=%d\n", retry);
    fflush(stdout);
    free(b);
    vault_close(v);
    return odaat_err_exit_code(err);
}

/* Runs inside a child: the shim's rename() and link(), which a save does not call (it uses
 * renameat and linkat), fail the first call and pass the second. Prints "first errno second"
 * results of the chosen call. */
static int child_selftest(const char *dir, const char *call)
{
    fault_arm_fn *arm;
    fault_disarm_fn *disarm;
    SHIM_FN(arm, "fault_arm");
    SHIM_FN(disarm, "fault_disarm");
    char from[PATH_SIZE];
    char to[PATH_SIZE];
    snprintf(from, sizeof from, "%s/selftest-from", dir);
    snprintf(to, sizeof to, "%s/selftest-to", dir);
    if (!vt_write_file(from, (const uint8_t *)"x", 1))
        return 93;
    bool is_link = strcmp(call, "link") == 0;
    arm();
    int first = is_link ? link(from, to) : rename(from, to);
    int first_errno = errno;
    int second = is_link ? link(from, to) : rename(from, to);
    disarm();
    printf("%d %d %d\n", first, first_errno, second);
    unlink(from);
    unlink(to);
    return 0;
}

/* ---- the parent ---- */

static void copy_file(const char *from, const char *to)
{
    uint8_t *data = NULL;
    size_t len = 0;
    if (!vt_read_file(from, &data, &len) || !vt_write_file(to, data, len))
        vt_bail("cannot copy %s to %s", from, to);
    free(data);
}

/* Makes dir a fresh folder holding a copy of from's store and, when with_backups, its
 * backup generations (plain copies: the vault only reads them). */
static void folder_copy(const char *from_dir, const char *dir, bool with_backups)
{
    char from[PATH_SIZE];
    char to[PATH_SIZE];
    vt_rmtree(dir);
    path_in(to, sizeof to, dir, "backups");
    if (mkdir(dir, 0700) != 0 || (with_backups && mkdir(to, 0700) != 0))
        vt_bail("cannot make %s: %s", dir, strerror(errno));
    path_in(from, sizeof from, from_dir, "store");
    path_in(to, sizeof to, dir, "store");
    copy_file(from, to);
    char bdir[PATH_SIZE];
    path_in(bdir, sizeof bdir, from_dir, "backups");
    DIR *d = with_backups ? opendir(bdir) : NULL;
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char name[300];
        snprintf(name, sizeof name, "backups/%s", e->d_name);
        path_in(from, sizeof from, from_dir, name);
        path_in(to, sizeof to, dir, name);
        copy_file(from, to);
    }
    if (d != NULL)
        closedir(d);
}

static int name_compare(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads the names in dir/backups, sorted, into names (each malloc'd); returns the count. */
static int backup_names(const char *dir, char *names[BACKUPS_MAX])
{
    char bdir[PATH_SIZE];
    int n = 0;
    path_in(bdir, sizeof bdir, dir, "backups");
    DIR *d = opendir(bdir);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL && n < BACKUPS_MAX) {
        if (e->d_name[0] != '.' && (names[n] = strdup(e->d_name)) != NULL)
            n++;
    }
    if (d != NULL)
        closedir(d);
    qsort(names, (size_t)n, sizeof names[0], name_compare);
    return n;
}

/* Names the earlier save that data is: a template backup's name (name itself when it holds
 * the same bytes: day-1 and week-1 can be one file), "store" or "?". */
static const char *origin_of(const struct fixture *fx, const char *name, const uint8_t *data,
                             size_t len)
{
    for (int i = 0; i < fx->backup_count; i++) {
        const struct backup_copy *c = &fx->backups[i];
        if (strcmp(c->name, name) == 0 && c->len == len && memcmp(c->data, data, len) == 0)
            return c->name;
    }
    for (int i = 0; i < fx->backup_count; i++) {
        const struct backup_copy *c = &fx->backups[i];
        if (c->len == len && memcmp(c->data, data, len) == 0)
            return c->name;
    }
    if (fx->store_len == len && memcmp(fx->store, data, len) == 0)
        return "store";
    return "?";
}

/* Returns true when dir/backups holds exactly the template's backups (names and bytes).
 * When not, why says where each file now came from and which earlier saves are lost. */
static bool backups_kept(const struct fixture *fx, const char *dir, char *why, size_t size)
{
    char *names[BACKUPS_MAX];
    int n = backup_names(dir, names);
    bool kept = n == fx->backup_count;
    bool found[BACKUPS_MAX] = {false};
    size_t at = (size_t)snprintf(why, size, "now");
    for (int i = 0; i < n; i++) {
        char path[PATH_SIZE];
        char name[300];
        uint8_t *data = NULL;
        size_t len = 0;
        snprintf(name, sizeof name, "backups/%s", names[i]);
        path_in(path, sizeof path, dir, name);
        const char *origin =
            vt_read_file(path, &data, &len) ? origin_of(fx, names[i], data, len) : "?";
        kept = kept && strcmp(origin, names[i]) == 0;
        for (int j = 0; j < fx->backup_count; j++)
            found[j] = found[j] || strcmp(origin, fx->backups[j].name) == 0;
        if (at < size)
            at += (size_t)snprintf(why + at, size - at, " %s=old %s", names[i], origin);
        free(data);
        free(names[i]);
    }
    for (int j = 0; j < fx->backup_count; j++) {
        if (!found[j] && at < size)
            at += (size_t)snprintf(why + at, size - at, "; lost: old %s", fx->backups[j].name);
    }
    return kept;
}

/* Reads one line from fd into buf (without the newline); false at the end of the pipe. */
static bool read_line(int fd, char *buf, size_t size)
{
    size_t have = 0;
    while (have + 1 < size) {
        ssize_t n = read(fd, buf + have, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || buf[have] == '\n')
            break;
        have++;
    }
    buf[have] = '\0';
    return have > 0;
}

/* Checks the folder right after a failed save, while the child waits holding the lock.
 * Returns a description of the first problem, or "" (in problem). */
static void check_not_saved(const struct fixture *fx, const struct outcome *o, char *problem,
                            size_t size)
{
    char path[PATH_SIZE];
    uint64_t counter = 0;
    path_in(path, sizeof path, fx->case_dir, "store");
    if (!vt_file_equals(path, fx->store, fx->store_len)) {
        snprintf(problem, size, "NOT SAVED, but the store file changed");
        return;
    }
    if (o->temps != 0 || vt_count_temps(fx->case_dir) != 0) {
        snprintf(problem, size, "NOT SAVED left %d temp file(s) behind", o->temps);
        return;
    }
    folder_copy(fx->case_dir, fx->copy_dir, false);
    enum odaat_err err = vt_open_counter(fx->copy_dir, &counter);
    if (err != ODAAT_OK || counter != COUNTER_A)
        snprintf(problem, size, "NOT SAVED, but the store does not open with A: %s",
                 odaat_err_message(err));
}

/* Checks how a case ended, once the child is gone: its exit code, the result of the save
 * and of the retry, and the store as the next open finds it. */
static void check_end(const struct fixture *fx, const struct outcome *o, bool may_survive,
                      char *problem, size_t size)
{
    char path[PATH_SIZE];
    uint64_t counter = 0;
    enum odaat_err err = (enum odaat_err)o->err;
    if (!o->ran && o->exit_code < 0) {
        snprintf(problem, size, "the child was killed by signal %d", -o->exit_code);
        return;
    }
    if (!o->ran) {
        snprintf(problem, size, "the child did not run to the end (exit %d)", o->exit_code);
        return;
    }
    if (o->exit_code != odaat_err_exit_code(err))
        snprintf(problem, size, "exit code %d for \"%s\"", o->exit_code, odaat_err_message(err));
    else if (err != ODAAT_OK && err != ODAAT_ERR_NOT_SAVED)
        snprintf(problem, size, "the save failed with \"%s\", not NOT SAVED",
                 odaat_err_message(err));
    else if (err == ODAAT_OK && o->injected && !may_survive)
        snprintf(problem, size, "saved although the fault happened");
    else if (err == ODAAT_ERR_NOT_SAVED && o->exit_code != 6)
        snprintf(problem, size, "NOT SAVED gave exit code %d", o->exit_code);
    else if (err == ODAAT_ERR_NOT_SAVED && o->retry != ODAAT_OK)
        snprintf(problem, size, "the retry with nothing failing gave \"%s\"",
                 o->retry >= 0 ? odaat_err_message((enum odaat_err)o->retry) : "nothing");
    if (problem[0] != '\0')
        return;
    err = vt_open_counter(fx->case_dir, &counter);
    path_in(path, sizeof path, fx->case_dir, "backups/save-1");
    if (err != ODAAT_OK || counter != COUNTER_B)
        snprintf(problem, size, "the store does not open with B: %s", odaat_err_message(err));
    else if (!vt_file_equals(path, fx->store, fx->store_len))
        snprintf(problem, size, "backups/save-1 is not the old store file");
    else if (vt_count_temps(fx->case_dir) != 0)
        snprintf(problem, size, "a temp file is left after the next open");
}

/* When "saved" is acceptable although the fault happened. */
enum survive {
    SURVIVE_NEVER,
    SURVIVE_DIR_CLOSE, /* the failed call closed a folder's descriptor */
    SURVIVE_PROMOTION, /* a rename or link may fail after the switch, while the pending
                        * backup is promoted: the save stands, the next open finishes it */
    SURVIVE_ALWAYS,    /* the fault is a condition the vault copes with */
};

/* In a forked child before exec: the environment that preloads the shim and chooses the
 * fault. */
static void child_env(const struct fixture *fx, const char *call, const char *mode, unsigned long k)
{
    char kbuf[32];
    char asan[4096];
    const char *old_asan = getenv("ASAN_OPTIONS");
    snprintf(kbuf, sizeof kbuf, "%lu", k);
    /* The shim comes before the sanitizer runtime in the load order, which AddressSanitizer
     * refuses unless told it is on purpose. */
    snprintf(asan, sizeof asan, "%s%sverify_asan_link_order=0", old_asan ? old_asan : "",
             old_asan && old_asan[0] ? ":" : "");
    setenv("ASAN_OPTIONS", asan, 1);
    setenv("LD_PRELOAD", fx->shim, 1);
    setenv("ODAAT_FAULT_CALL", call, 1);
    setenv("ODAAT_FAULT_K", kbuf, 1);
    setenv("ODAAT_FAULT_MODE", mode, 1);
}

/*
 * Runs one case: a fresh copy of the template, a child that saves B with the k-th call of
 * call failing, the checks of the header comment, one test point. survive says when
 * "saved" is acceptable although the fault happened. Returns what the child reported.
 */
static struct outcome run_case(const struct fixture *fx, const char *call, const char *mode,
                               unsigned long k, long fsize, enum survive survive, const char *label)
{
    struct outcome o = {.retry = -1, .backups_kept = true};
    char problem[600] = "";
    folder_copy(fx->template_dir, fx->case_dir, true);
    int to_child[2];
    int from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0)
        vt_bail("pipe: %s", strerror(errno));
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        vt_bail("fork: %s", strerror(errno));
    if (pid == 0) {
        char fbuf[32];
        snprintf(fbuf, sizeof fbuf, "%ld", fsize);
        child_env(fx, call, mode, k);
        dup2(to_child[0], 0);
        dup2(from_child[1], 1);
        close(to_child[0]);
        close(to_child[1]);
        close(from_child[0]);
        close(from_child[1]);
        execl("/proc/self/exe", "fault_driver", "--child", fx->case_dir, fbuf, (char *)NULL);
        _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);

    char line[512];
    bool reported = read_line(from_child[0], line, sizeof line) &&
                    sscanf(line,
                           "err=%d write=%lu fsync=%lu close=%lu rename=%lu link=%lu "
                           "posix_fallocate=%lu injected=%d dir=%d temps=%d",
                           &o.err, &o.calls[0], &o.calls[1], &o.calls[2], &o.calls[3], &o.calls[4],
                           &o.calls[5], &o.injected, &o.hit_dir, &o.temps) == 10;
    if (reported && o.err == ODAAT_ERR_NOT_SAVED) {
        char why[600] = "";
        check_not_saved(fx, &o, problem, sizeof problem);
        o.backups_kept = backups_kept(fx, fx->case_dir, why, sizeof why);
        if (!o.backups_kept)
            vt_diag("%s: the failed save changed the backups: %s", label, why);
    }
    /* A child that died already is caught below, by its status. */
    if (write(to_child[1], "g", 1) != 1)
        vt_diag("%s: the child is gone: %s", label, strerror(errno));
    close(to_child[1]);
    reported = reported && read_line(from_child[0], line, sizeof line) &&
               sscanf(line, "retry=%d", &o.retry) == 1;
    close(from_child[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    o.ran = reported && WIFEXITED(status);
    o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);

    const char *state = !o.ran              ? "the child reports its save and exits"
                        : o.err == ODAAT_OK ? "saved, opens with B"
                                            : "NOT SAVED, store byte-identical, opens with A; "
                                              "saved by the retry";
    bool may_survive = survive == SURVIVE_ALWAYS || survive == SURVIVE_PROMOTION ||
                       (survive == SURVIVE_DIR_CLOSE && o.hit_dir);
    if (problem[0] == '\0')
        check_end(fx, &o, may_survive, problem, sizeof problem);
    if (!vt_ok(problem[0] == '\0', "%s: %s", label, state))
        vt_diag("%s", problem);
    return o;
}

/* Runs the shim's self-test for call (rename or link) in a child; one test point. */
static void shim_selftest(const struct fixture *fx, const char *call)
{
    int fds[2];
    if (pipe(fds) != 0)
        vt_bail("pipe: %s", strerror(errno));
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        vt_bail("fork: %s", strerror(errno));
    if (pid == 0) {
        child_env(fx, call, "eio", 1);
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execl("/proc/self/exe", "fault_driver", "--selftest", fx->root, call, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char line[128];
    int first = 0;
    int first_errno = 0;
    int second = -1;
    bool reported = read_line(fds[0], line, sizeof line) &&
                    sscanf(line, "%d %d %d", &first, &first_errno, &second) == 3;
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    vt_ok(reported && first == -1 && first_errno == EIO && second == 0,
          "the shim's %s() fails the first call with EIO and passes the second", call);
}

/* Makes the template store: A after six earlier saves, so backup generations exist. */
static void fixture_make(struct fixture *fx)
{
    path_in(fx->template_dir, sizeof fx->template_dir, fx->root, "template");
    path_in(fx->case_dir, sizeof fx->case_dir, fx->root, "case");
    path_in(fx->copy_dir, sizeof fx->copy_dir, fx->root, "copy");
    uint8_t *image = vt_image_new(1, IMAGE_LEN);
    if (vt_create(fx->template_dir, image, IMAGE_LEN) != ODAAT_OK)
        vt_bail("cannot create the template store");
    free(image);
    for (uint64_t c = 2; c <= COUNTER_A; c++) {
        struct vault *v = NULL;
        uint8_t *old = NULL;
        size_t len = 0;
        if (vt_open(fx->template_dir, &v, &old, &len) != ODAAT_OK)
            vt_bail("cannot open the template store");
        sqlite3_free(old);
        image = vt_image_new(c, IMAGE_LEN);
        if (vault_save(v, image, IMAGE_LEN) != ODAAT_OK)
            vt_bail("cannot save the template store");
        free(image);
        vault_close(v);
    }
    char path[PATH_SIZE];
    path_in(path, sizeof path, fx->template_dir, "store");
    if (!vt_read_file(path, &fx->store, &fx->store_len))
        vt_bail("cannot read the template store");
    char *names[BACKUPS_MAX];
    fx->backup_count = backup_names(fx->template_dir, names);
    for (int i = 0; i < fx->backup_count; i++) {
        struct backup_copy *c = &fx->backups[i];
        snprintf(c->name, sizeof c->name, "%s", names[i]);
        char name[300];
        snprintf(name, sizeof name, "backups/%s", names[i]);
        path_in(path, sizeof path, fx->template_dir, name);
        if (!vt_read_file(path, &c->data, &c->len))
            vt_bail("cannot read the template's %s", names[i]);
        free(names[i]);
    }
}

/* The k loop of one family and mode; returns how many calls of the family a save makes.
 * Clears *backups_kept when a failed save changed the backups. */
static unsigned long sweep(const struct fixture *fx, int family, const char *mode,
                           bool *backups_kept)
{
    bool is_close = strcmp(families[family], "close") == 0;
    bool is_promotion =
        strcmp(families[family], "rename") == 0 || strcmp(families[family], "link") == 0;
    enum survive survive = is_close       ? SURVIVE_DIR_CLOSE
                           : is_promotion ? SURVIVE_PROMOTION
                                          : SURVIVE_NEVER;
    unsigned long k;
    for (k = 1; k <= K_MAX; k++) {
        char label[128];
        snprintf(label, sizeof label, "%s %s k=%lu", families[family], mode, k);
        struct outcome o = run_case(fx, families[family], mode, k, 0, survive, label);
        if (o.ran && o.err == ODAAT_OK && o.injected)
            vt_diag("%s: saved; the failed call came after the switch (%s)", label,
                    is_close ? "the close of a folder" : "promoting the pending backup");
        if (!o.backups_kept)
            *backups_kept = false;
        if (!o.ran || !o.injected)
            break;
    }
    return k - 1;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--child") == 0) {
        vt_init();
        return child_main(argv[2], strtol(argv[3], NULL, 10));
    }
    if (argc == 4 && strcmp(argv[1], "--selftest") == 0) {
        vt_init();
        return child_selftest(argv[2], argv[3]);
    }
    if (argc != 2) {
        fprintf(stderr, "usage: fault_driver SHIM\n");
        return 2;
    }
    vt_init();
    /* A child that dies before reading its go-ahead must fail its case, not end the run. */
    signal(SIGPIPE, SIG_IGN);
    static struct fixture fx;
    char shim[PATH_MAX];
    if (realpath(argv[1], shim) == NULL)
        vt_bail("no fault library at %s", argv[1]);
    fx.shim = shim;
    vt_tempdir(fx.root, sizeof fx.root);
    fixture_make(&fx);
    double start = vt_now_ms();

    /* A save with the shim armed and nothing to fail: the calls it makes, family by family.
     * Each must be seen at least once, or the sweeps below would prove nothing. */
    struct outcome dry =
        run_case(&fx, "none", "eio", 0, 0, SURVIVE_NEVER, "a save with nothing failing");
    bool all_seen = dry.ran;
    for (int f = 0; f < FAMILIES; f++)
        all_seen = all_seen && dry.calls[f] > 0;
    vt_ok(all_seen, "the shim sees every family of calls in a save");
    vt_diag("calls in one save: write %lu, fsync %lu, close %lu, rename %lu, link %lu, "
            "posix_fallocate %lu",
            dry.calls[0], dry.calls[1], dry.calls[2], dry.calls[3], dry.calls[4], dry.calls[5]);

    static const char *const modes[] = {"eio", "enospc", "short"};
    int cases = 1;
    for (int f = 0; f < FAMILIES; f++) {
        bool backups_kept = true;
        for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
            if (strcmp(modes[m], "short") == 0 && f != 0)
                continue;
            unsigned long n = sweep(&fx, f, modes[m], &backups_kept);
            cases += (int)n + 1;
            vt_diag("%s %s: k = 1..%lu each failed a call, k = %lu failed none", families[f],
                    modes[m], n, n + 1);
        }
        vt_ok(backups_kept, "%s faults: a failed save leaves the backups as they were",
              families[f]);
    }

    /* A file-size limit below the sealed file's size: the kernel refuses the space. The
     * child restores the limit before its retry. */
    long limit = 64 * 1024;
    struct outcome o = run_case(&fx, "none", "eio", 0, limit, SURVIVE_NEVER, "RLIMIT_FSIZE 64 KiB");
    vt_ok(o.ran && o.err == ODAAT_ERR_NOT_SAVED,
          "RLIMIT_FSIZE 64 KiB: NOT SAVED reported, the process not killed by SIGXFSZ");
    run_case(&fx, "posix_fallocate", "unsupported", 1, limit, SURVIVE_NEVER,
             "RLIMIT_FSIZE 64 KiB with posix_fallocate unsupported (a write hits the limit)");
    o = run_case(&fx, "posix_fallocate", "unsupported", 1, 0, SURVIVE_ALWAYS,
                 "posix_fallocate unsupported by the file system");
    vt_ok(o.ran && o.err == ODAAT_OK, "a file system without posix_fallocate still saves");
    cases += 3;

    shim_selftest(&fx, "rename");
    shim_selftest(&fx, "link");

    vt_diag("%d cases in %.1f s", cases, (vt_now_ms() - start) / 1e3);
    free(fx.store);
    for (int i = 0; i < fx.backup_count; i++)
        free(fx.backups[i].data);
    vt_rmtree(fx.root);
    return vt_done();
}
