/*
 * kill_loop: kill -9 at random moments while a process saves, round after round; the store
 * always opens, holding a whole image of the last save reported or of the one after it.
 *
 * Usage: kill_loop [ROUNDS [SEED]]   (200 rounds by default; the seed is printed)
 *
 * Each round a forked child opens the store (a 3 MiB image), writes the counter it found to
 * a pipe, and saves in a loop, each save an image of the next counter (see vt.h: the image
 * is its counter's pattern throughout, so a mixture of two saves or a cut-off one is caught
 * byte for byte), writing the counter to the pipe after each save that returned ODAAT_OK.
 * Once the child has opened the store, the parent sleeps a random 0-30 ms (a seeded
 * generator, so a failing run can be repeated), sends SIGKILL, waits, reads what the child
 * reported, and opens the store: it must open, hold a whole image, and its counter must be
 * the last one reported or the next one, which was saved but not yet reported when the
 * kill came. The open must also remove a temp file left by a save that was cut short.
 * Where a save takes longer than 15 ms (a slow disk, the sanitizers), the window grows to
 * two saves' time, so kills still land in every part of a save and between saves.
 *
 * One test point per round; the totals (rounds killed mid-save, old and new states seen,
 * saves made) and the run time are printed as comments. tests/bench/soak.sh runs 1,000
 * rounds.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "vt.h"

#define IMAGE_LEN (3u * 1024u * 1024u)
/* The longest wait before the kill, unless a save takes longer than half of it. */
#define SLEEP_MAX_MS 30.0
/* What a child writes instead of a counter when a save fails: no counter comes near it. */
#define CHILD_FAILED UINT64_MAX

static uint64_t rng_state;

/* xorshift64*: enough randomness for sleep lengths, and repeatable from the seed. */
static uint64_t rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

static double median3(const double t[3])
{
    if ((t[0] <= t[1]) == (t[1] <= t[2]))
        return t[1];
    if ((t[1] <= t[0]) == (t[0] <= t[2]))
        return t[0];
    return t[2];
}

static void put_counter(int fd, uint64_t counter)
{
    /* 8 bytes to a pipe are written at once (PIPE_BUF), so a kill never splits one. */
    if (write(fd, &counter, sizeof counter) != (ssize_t)sizeof counter)
        _exit(3);
}

/* The child: opens the store, reports the counter it found (which says it is ready), then
 * saves the next counter and reports it, until it is killed. */
static _Noreturn void child_loop(const char *dir, int fd)
{
    struct vault *v = NULL;
    uint8_t *image = NULL;
    size_t len = 0;
    uint64_t counter = 0;
    enum odaat_err err = vt_open(dir, &v, &image, &len);
    if (err != ODAAT_OK || !vt_image_check(image, len, &counter)) {
        put_counter(fd, CHILD_FAILED);
        _exit(2);
    }
    sqlite3_free(image);
    /* One buffer for every save, made before the child says it is ready: new memory costs
     * page faults (many more under the sanitizers), which would stretch the time to the
     * first save. */
    uint8_t *next = vt_image_new(counter, IMAGE_LEN);
    put_counter(fd, counter);
    for (;;) {
        vt_image_fill(next, counter + 1, IMAGE_LEN);
        err = vault_save(v, next, IMAGE_LEN);
        if (err != ODAAT_OK) {
            put_counter(fd, CHILD_FAILED);
            _exit(2);
        }
        counter++;
        put_counter(fd, counter);
    }
}

int main(int argc, char **argv)
{
    long rounds = argc > 1 ? strtol(argv[1], NULL, 10) : 200;
    uint64_t seed =
        argc > 2 ? strtoull(argv[2], NULL, 10) : (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
    if (rounds < 1 || seed == 0) {
        fprintf(stderr, "usage: kill_loop [ROUNDS [SEED]]  (ROUNDS >= 1, SEED != 0)\n");
        return 2;
    }
    vt_init();
    rng_state = seed;
    vt_diag("seed %llu (repeat with: kill_loop %ld %llu)", (unsigned long long)seed, rounds,
            (unsigned long long)seed);

    char dir[4096];
    vt_tempdir(dir, sizeof dir);
    uint8_t *first = vt_image_new(0, IMAGE_LEN);
    if (vt_create(dir, first, IMAGE_LEN) != ODAAT_OK)
        vt_bail("cannot create the store");

    /* Three saves to time one: on a slow machine or under the sanitizers a save of 3 MiB
     * takes longer than 30 ms, and the window then stretches to two saves' time so that
     * kills still land in every part of a save and between saves. */
    struct vault *v = NULL;
    uint8_t *image = NULL;
    size_t len = 0;
    double took[3];
    if (vt_open(dir, &v, &image, &len) != ODAAT_OK)
        vt_bail("cannot open the store");
    sqlite3_free(image);
    for (int i = 0; i < 3; i++) {
        vt_image_fill(first, (uint64_t)i + 1, IMAGE_LEN);
        double t = vt_now_ms();
        if (vault_save(v, first, IMAGE_LEN) != ODAAT_OK)
            vt_bail("cannot save the store");
        took[i] = vt_now_ms() - t;
    }
    vault_close(v);
    free(first);
    double save_ms = median3(took);
    double window_ms = 2 * save_ms > SLEEP_MAX_MS ? 2 * save_ms : SLEEP_MAX_MS;
    vt_diag("a save of 3 MiB takes %.1f ms; kills come 0-%.0f ms after the child opened the "
            "store",
            save_ms, window_ms);

    double start = vt_now_ms();
    uint64_t counter = 3; /* what the store held after the last round */
    long mid_save = 0;
    long saw_old = 0;
    long saw_new = 0;
    for (long round = 1; round <= rounds; round++) {
        int fds[2];
        if (pipe(fds) != 0)
            vt_bail("pipe: %s", strerror(errno));
        fflush(NULL);
        pid_t pid = fork();
        if (pid < 0)
            vt_bail("fork: %s", strerror(errno));
        if (pid == 0) {
            close(fds[0]);
            child_loop(dir, fds[1]);
        }
        close(fds[1]);
        /* The clock starts once the child has opened the store, so the kill lands among
         * its saves: opening a 3 MiB store takes about as long as the whole window. */
        uint64_t opened = CHILD_FAILED;
        bool child_failed =
            read(fds[0], &opened, sizeof opened) != (ssize_t)sizeof opened || opened != counter;
        double sleep_ms = (double)(rng_next() % 1000001) / 1e6 * window_ms;
        vt_sleep_ms(sleep_ms);
        kill(pid, SIGKILL);
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;

        uint64_t reported = counter;
        uint64_t value;
        while (read(fds[0], &value, sizeof value) == (ssize_t)sizeof value) {
            if (value == CHILD_FAILED)
                child_failed = true;
            else
                reported = value;
        }
        close(fds[0]);

        int temps = vt_count_temps(dir);
        if (temps > 0)
            mid_save++;
        uint64_t found = 0;
        enum odaat_err err = vt_open_counter(dir, &found);
        bool whole = err == ODAAT_OK && found != UINT64_MAX;
        bool in_range = whole && (found == reported || found == reported + 1);
        bool cleaned = vt_count_temps(dir) == 0;
        bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        if (!vt_ok(killed && !child_failed && in_range && cleaned,
                   "round %ld: killed after %.1f ms, store opens at %llu (reported %llu)", round,
                   sleep_ms, (unsigned long long)found, (unsigned long long)reported)) {
            if (!killed || child_failed)
                vt_diag("the child stopped before the kill: a save or open failed");
            if (err != ODAAT_OK)
                vt_diag("open: %s", odaat_err_message(err));
            else if (!whole)
                vt_diag("the image is not whole: a mixture or a cut-off save");
            if (!cleaned)
                vt_diag("a temp file is left after the open");
        }
        if (whole && found == reported)
            saw_old++;
        else if (in_range)
            saw_new++;
        if (whole)
            counter = found;
    }
    double seconds = (vt_now_ms() - start) / 1e3;
    vt_diag("%ld rounds in %.1f s; %llu saves; killed mid-save (temp file left) in %ld rounds",
            rounds, seconds, (unsigned long long)counter, mid_save);
    vt_diag("the store held the last reported save in %ld rounds, the next one in %ld", saw_old,
            saw_new);
    vt_rmtree(dir);
    return vt_done();
}
