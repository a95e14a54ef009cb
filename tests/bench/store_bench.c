/*
 * store_bench: what a command pays to unlock a real store and to save it after one check-in,
 * on a store made by gen_store. Not a test: it prints a table and judges nothing.
 *
 * Usage: store_bench DIR [RUNS]   (default 5 runs; the passphrase on standard input, one line)
 *   DIR  a data folder holding a store (gen_store makes them). It is never changed: every
 *        run works on a fresh copy of DIR/store in a private folder under $TMPDIR (else /tmp).
 *
 * Method. Each figure is the median of RUNS runs, with the fastest and slowest beside it. One
 * untimed open first warms the page cache and finds the newest check-in; the runs then count
 * today as the day after it, so the check-in below is a new one, as on a person's next day.
 * Per run, on a fresh copy (written and flushed before any timing):
 *   kdf                crypto_kdf_derive with the costs and salt of key slot 0, read from the
 *                      copy's header (docs/security.md, "File format, version 1"): exactly
 *                      the derivation an unlock with the passphrase pays.
 *   unlock             app_open, from its call to its return: what every command pays first.
 *   unlock - kdf       the same, less the kdf measured just before it in the same run.
 *   checkin + save     app_checkin of a new check-in (mood 3, a short note), then app_save.
 *   save               app_save alone: the image, sealing, the temp file and its fsync, the
 *                      backup links, the rename and the folder's fsync.
 * Then, on a second fresh copy, the same unlock in its two steps: vault_open (the file read,
 * checked and decrypted, the kdf included, and also shown without it) and store_open_image
 * (SQLite's checks, the schema and the migrations).
 *   unlock, 1-pass kdf the same image sealed afresh (at the start, untimed) under the test
 *                      programs' minimum KDF profile (1 pass over 8 KiB, well under a
 *                      millisecond), opened with app_open: the unlock without the kdf measured
 *                      directly. A difference of two timings of half a second each shifts
 *                      with anything else the machine runs; this one does not.
 * Memory: the key derivation alone takes its memory cost (256 MiB for the moderate profile),
 * freed before the records are read, so a process's peak hides what the records cost. A child
 * forked at the start, before any derivation, waits until the runs are done, then unlocks the
 * store under the 1-pass kdf, checks in and saves once; its peak resident set (VmHWM) less
 * its resident set before (VmRSS) is the records' own peak, shown against the image size.
 */
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "odaat/app.h"
#include "odaat/crypto.h"
#include "odaat/date.h"
#include "odaat/store.h"
#include "odaat/vault.h"

#define RUNS_MAX       64
#define PATH_MAX_BENCH 4096

/* Key slot 0 of a version 1 header: KDF id, then passes and KiB (little-endian), then salt. */
#define SLOT0_OFFSET 32
#define SLOT_OPS     4
#define SLOT_MEM     8
#define SLOT_SALT    12
#define HEADER_READ  (SLOT0_OFFSET + SLOT_SALT + CRYPTO_SALT_BYTES)

enum bench_row {
    ROW_KDF,
    ROW_UNLOCK,
    ROW_UNLOCK_NO_KDF,
    ROW_CHECKIN_SAVE,
    ROW_SAVE,
    ROW_VAULT_OPEN,
    ROW_VAULT_OPEN_NO_KDF,
    ROW_STORE_OPEN,
    ROW_UNLOCK_CHEAP_KDF,
    ROW_COUNT,
};

/* What one bench needs: the store, the copy's folder, the secret and today's override. */
struct bench {
    const char *dir;
    char copy_dir[PATH_MAX_BENCH];
    char copy_store[PATH_MAX_BENCH + 8];
    char cheap_dir[PATH_MAX_BENCH]; /* the same image under the minimum KDF */
    struct vault_secret secret;
    char today[DATE_ISO_SIZE];
    struct crypto_kdf_costs costs;
    uint8_t salt[CRYPTO_SALT_BYTES];
    size_t image_len;
    long long saved_len; /* the copy's file after a save */
    pid_t memory_child;
    int memory_go;     /* the parent's end of the pipe that starts the child */
    int memory_result; /* the parent's end of the pipe the child answers on */
    double ms[ROW_COUNT][RUNS_MAX];
};

static void bench_fail(const char *what, enum odaat_err err)
{
    fprintf(stderr, "store_bench: %s: %s\n", what, odaat_err_message(err));
    exit(1);
}

static void bench_must(enum odaat_err err, const char *what)
{
    if (err != ODAAT_OK)
        bench_fail(what, err);
}

static double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static uint32_t bench_get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Reads the whole file at path into a malloc'd buffer. */
static uint8_t *bench_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (f == NULL || fstat(fileno(f), &st) != 0 || st.st_size <= 0) {
        fprintf(stderr, "store_bench: cannot read %s\n", path);
        exit(1);
    }
    *len = (size_t)st.st_size;
    uint8_t *data = malloc(*len);
    if (data == NULL || fread(data, 1, *len, f) != *len) {
        fprintf(stderr, "store_bench: cannot read %s\n", path);
        exit(1);
    }
    fclose(f);
    return data;
}

/* Reads the costs and salt of key slot 0 from the store's header, which an unlock with the
 * passphrase derives its key with; the file holds them, so no profile need be given. */
static void bench_read_costs(struct bench *b, const uint8_t *file, size_t len)
{
    if (len < HEADER_READ) {
        fprintf(stderr, "store_bench: %s/store is too short for a store\n", b->dir);
        exit(1);
    }
    const uint8_t *slot = file + SLOT0_OFFSET;
    b->costs = (struct crypto_kdf_costs){slot[0], bench_get_u32(slot + SLOT_OPS),
                                         bench_get_u32(slot + SLOT_MEM)};
    memcpy(b->salt, slot + SLOT_SALT, CRYPTO_SALT_BYTES);
    if (!crypto_kdf_costs_acceptable(&b->costs))
        bench_fail("the header's key slot", ODAAT_ERR_HEADER_DAMAGED);
}

static int bench_remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(path);
}

/* Removes path and everything under it (a store's lock, backups and temp files included). */
static bool bench_rmtree(const char *path)
{
    return nftw(path, bench_remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0;
}

/* Empties the copy's folder, keeping the folder. */
static void bench_clear_copy(struct bench *b)
{
    if (!bench_rmtree(b->copy_dir) || mkdir(b->copy_dir, 0700) != 0) {
        fprintf(stderr, "store_bench: cannot clear %s\n", b->copy_dir);
        exit(1);
    }
}

/* Puts a fresh copy of the store file in the copy's folder, flushed to disk, so no save of
 * an earlier run accumulates and no timed fsync flushes the copy itself. */
static void bench_fresh_copy(struct bench *b, const uint8_t *file, size_t len)
{
    bench_clear_copy(b);
    int fd = open(b->copy_store, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 || write(fd, file, len) != (ssize_t)len || fsync(fd) != 0 || close(fd) != 0) {
        fprintf(stderr, "store_bench: cannot write %s\n", b->copy_store);
        exit(1);
    }
}

/* Times the key derivation an unlock pays, into row ROW_KDF of run i. */
static void bench_kdf(struct bench *b, int i)
{
    uint8_t *key = crypto_secure_alloc(CRYPTO_KEY_BYTES);
    if (key == NULL)
        bench_fail("the key derivation", ODAAT_ERR_NOMEM);
    double t = bench_now_ms();
    enum odaat_err err =
        crypto_kdf_derive(&b->costs, (const uint8_t *)b->secret.text, b->secret.len, b->salt, key);
    b->ms[ROW_KDF][i] = bench_now_ms() - t;
    crypto_secure_free(key);
    bench_must(err, "the key derivation");
}

/* Unlocks the copy as a command does, checks in and saves: run i's unlock and save rows. */
static void bench_unlock_save(struct bench *b, int i)
{
    struct app *app = NULL;
    double t = bench_now_ms();
    bench_must(app_open(b->copy_dir, &b->secret, b->today, &app), "unlock");
    b->ms[ROW_UNLOCK][i] = bench_now_ms() - t;
    b->ms[ROW_UNLOCK_NO_KDF][i] = b->ms[ROW_UNLOCK][i] - b->ms[ROW_KDF][i];

    struct checkin c = {.has_mood = true, .mood = 3, .note = (char *)(uintptr_t) "a quiet day"};
    bool updated = false;
    t = bench_now_ms();
    bench_must(app_checkin(app, &c, &updated), "check-in");
    double saving = bench_now_ms();
    bench_must(app_save(app), "save");
    double end = bench_now_ms();
    b->ms[ROW_CHECKIN_SAVE][i] = end - t;
    b->ms[ROW_SAVE][i] = end - saving;
    struct stat st;
    b->saved_len = stat(b->copy_store, &st) == 0 ? (long long)st.st_size : -1;
    app_close(app);
    if (updated)
        fprintf(stderr, "store_bench: the check-in was not a new one\n");
}

/* The same unlock in its two steps, on a fresh copy: run i's vault and store rows. */
static void bench_unlock_split(struct bench *b, int i)
{
    struct vault *v = NULL;
    struct store *store = NULL;
    uint8_t *image = NULL;
    size_t len = 0;
    double t = bench_now_ms();
    bench_must(vault_open(b->copy_dir, &b->secret, &v, &image, &len), "vault_open");
    double opened = bench_now_ms();
    bench_must(store_open_image(image, len, &store), "store_open_image");
    double end = bench_now_ms();
    b->ms[ROW_VAULT_OPEN][i] = opened - t;
    b->ms[ROW_VAULT_OPEN_NO_KDF][i] = opened - t - b->ms[ROW_KDF][i];
    b->ms[ROW_STORE_OPEN][i] = end - opened;
    b->image_len = len;
    store_close(store);
    vault_close(v);
}

/* Seals the store's image afresh in cheap_dir under the minimum KDF profile, untimed. */
static void bench_make_cheap(struct bench *b)
{
    struct vault *v = NULL;
    struct store *store = NULL;
    uint8_t *image = NULL;
    size_t len = 0;
    char code[CRYPTO_RECOVERY_TEXT_SIZE];
    bench_must(vault_open(b->copy_dir, &b->secret, &v, &image, &len), "vault_open");
    vault_close(v);
    bench_must(store_open_image(image, len, &store), "store_open_image");
    const uint8_t *img = NULL;
    bench_must(store_image(store, &img, &len), "store_image");
    bench_must(vault_create(b->cheap_dir, b->secret.text, b->secret.len, CRYPTO_KDF_TEST_MINIMUM,
                            img, len, code, &v),
               "sealing under the minimum KDF");
    crypto_wipe(code, sizeof code);
    vault_close(v);
    store_close(store);
}

/* Run i's unlock of the store under the minimum KDF: no kdf to subtract. */
static void bench_unlock_cheap(struct bench *b, int i)
{
    struct app *app = NULL;
    double t = bench_now_ms();
    bench_must(app_open(b->cheap_dir, &b->secret, b->today, &app), "unlock");
    b->ms[ROW_UNLOCK_CHEAP_KDF][i] = bench_now_ms() - t;
    app_close(app);
}

/* Returns field ("VmRSS:", "VmHWM:") of /proc/self/status in KiB, or -1. */
static long bench_status_kib(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    size_t n = strlen(field);
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, field, n) == 0)
            kib = strtol(line + n, NULL, 10);
    if (f != NULL)
        fclose(f);
    return kib;
}

/* The child's side: once today arrives on go, one unlock under the 1-pass kdf, a check-in and
 * a save; answers "RSS_BEFORE PEAK" in KiB on result. Never returns. */
static void bench_memory_child(struct bench *b, int go, int result)
{
    long before = bench_status_kib("VmRSS:");
    struct app *app = NULL;
    struct checkin c = {.has_mood = true, .mood = 3, .note = (char *)(uintptr_t) "a quiet day"};
    bool updated = false;
    if (read(go, b->today, sizeof b->today) != (ssize_t)sizeof b->today ||
        app_open(b->cheap_dir, &b->secret, b->today, &app) != ODAAT_OK ||
        app_checkin(app, &c, &updated) != ODAAT_OK || app_save(app) != ODAAT_OK)
        _exit(1);
    app_close(app);
    char line[64];
    int n = snprintf(line, sizeof line, "%ld %ld\n", before, bench_status_kib("VmHWM:"));
    _exit(write(result, line, (size_t)n) == n ? 0 : 1);
}

/* Forks the memory child now, while the process holds no key derivation's memory. */
static void bench_memory_start(struct bench *b)
{
    int go[2], result[2];
    if (pipe(go) != 0 || pipe(result) != 0)
        bench_fail("the memory child's pipes", ODAAT_ERR_IO);
    fflush(NULL);
    b->memory_child = fork();
    if (b->memory_child < 0)
        bench_fail("the memory child", ODAAT_ERR_IO);
    if (b->memory_child == 0) {
        close(go[1]);
        close(result[0]);
        bench_memory_child(b, go[0], result[1]);
    }
    close(go[0]);
    close(result[1]);
    b->memory_go = go[1];
    b->memory_result = result[0];
}

/* Lets the child run and prints its peak against the image size. */
static void bench_memory_report(struct bench *b)
{
    char line[64] = "";
    long before = -1, peak = -1;
    ssize_t n = -1;
    if (write(b->memory_go, b->today, sizeof b->today) == (ssize_t)sizeof b->today)
        n = read(b->memory_result, line, sizeof line - 1);
    close(b->memory_go);
    close(b->memory_result);
    int status = 0;
    waitpid(b->memory_child, &status, 0);
    if (n <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
        sscanf(line, "%ld %ld", &before, &peak) != 2 || before < 0 || peak < 0) {
        printf("memory: the child measured nothing\n");
        return;
    }
    double mb = (double)(peak - before) * 1024 / 1e6;
    printf("memory: unlock (1-pass kdf), check-in and save: peak %.1f MB above the %.1f MB "
           "before, %.2f x the image\n",
           mb, (double)before * 1024 / 1e6, mb * 1e6 / (double)b->image_len);
}

/* The untimed first open: warms the caches and sets today to the day after the newest
 * check-in, so each run's check-in is a new record rather than an update. */
static void bench_warm_up(struct bench *b)
{
    struct app *app = NULL;
    struct checkin *list = NULL;
    size_t count = 0;
    bench_must(app_open(b->copy_dir, &b->secret, NULL, &app), "unlock");
    bench_must(app_checkin_list(app, NULL, NULL, &list, &count), "check-ins");
    int32_t last = app_today(app);
    if (count > 0)
        bench_must(date_parse(list[count - 1].date, &last), "check-in date");
    date_format(last + 1, b->today);
    store_checkin_list_free(list, count);
    app_close(app);
}

static int bench_compare(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

static void bench_row(const char *what, double *ms, int runs)
{
    qsort(ms, (size_t)runs, sizeof ms[0], bench_compare);
    double median = runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
    printf("%-44s %4d %10.2f %10.2f %10.2f\n", what, runs, median, ms[0], ms[runs - 1]);
}

static void bench_report(struct bench *b, int runs, size_t file_len)
{
    static const char *const names[ROW_COUNT] = {
        [ROW_UNLOCK] = "unlock (app_open)",
        [ROW_UNLOCK_NO_KDF] = "unlock without the kdf",
        [ROW_CHECKIN_SAVE] = "checkin + save",
        [ROW_SAVE] = "save after one check-in (app_save)",
        [ROW_VAULT_OPEN] = "  vault_open",
        [ROW_VAULT_OPEN_NO_KDF] = "  vault_open without the kdf",
        [ROW_STORE_OPEN] = "  store_open_image",
        [ROW_UNLOCK_CHEAP_KDF] = "unlock, the same image under a 1-pass kdf",
    };
    char kdf[64];
    snprintf(kdf, sizeof kdf, "kdf (Argon2id, %u passes, %u MiB)", b->costs.ops,
             b->costs.mem_kib / 1024);
    printf("odaat store benchmark: %s, milliseconds, median of RUNS (fastest, slowest)\n\n",
           b->dir);
    printf("%-44s %4s %10s %10s %10s\n", "what", "runs", "median", "min", "max");
    for (int r = 0; r < ROW_COUNT; r++)
        bench_row(r == ROW_KDF ? kdf : names[r], b->ms[r], runs);
    printf("\nimage %zu bytes (%.1f MB); file %zu bytes (%.1f MB), %lld after the save\n",
           b->image_len, (double)b->image_len / 1e6, file_len, (double)file_len / 1e6,
           b->saved_len);
}

/* Makes the private folder the copies live in, under $TMPDIR (else /tmp), with the copy's
 * folder in it, and names the minimum-KDF store's folder beside it. */
static void bench_make_root(struct bench *b, char *root, size_t size)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(root, size, "%s/store_bench-XXXXXX", tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
    if (mkdtemp(root) == NULL) {
        fprintf(stderr, "store_bench: cannot make a folder under %s\n", root);
        exit(1);
    }
    snprintf(b->copy_dir, sizeof b->copy_dir, "%s/data", root);
    snprintf(b->copy_store, sizeof b->copy_store, "%s/store", b->copy_dir);
    snprintf(b->cheap_dir, sizeof b->cheap_dir, "%s/cheap", root);
    if (mkdir(b->copy_dir, 0700) != 0)
        bench_fail("the copy's folder", ODAAT_ERR_IO);
}

/* Reads the passphrase line from standard input into pass (size bytes); returns its length. */
static size_t bench_read_passphrase(char *pass, size_t size)
{
    if (fgets(pass, (int)size, stdin) == NULL) {
        fputs("store_bench: no passphrase on standard input\n", stderr);
        exit(2);
    }
    pass[strcspn(pass, "\n")] = '\0';
    return strlen(pass);
}

int main(int argc, char **argv)
{
    int runs = argc == 3 ? atoi(argv[2]) : 5;
    if (argc < 2 || argc > 3 || runs < 1 || runs > RUNS_MAX) {
        fprintf(stderr, "usage: store_bench DIR [RUNS]   (1-%d runs; passphrase on stdin)\n",
                RUNS_MAX);
        return 2;
    }
    /* As odaat's main: hardened first, SQLite's wiping allocator before SQLite's first use. */
    bench_must(vault_harden_process(), "start");
    bench_must(store_global_init(), "start");
    static char pass[VAULT_PASSPHRASE_MAX + 2];
    static struct bench b;
    b.dir = argv[1];
    b.secret =
        (struct vault_secret){VAULT_PASSPHRASE, pass, bench_read_passphrase(pass, sizeof pass)};
    char path[PATH_MAX_BENCH + 8];
    snprintf(path, sizeof path, "%s/store", b.dir);
    size_t file_len = 0;
    uint8_t *file = bench_read_file(path, &file_len);
    bench_read_costs(&b, file, file_len);

    char root[PATH_MAX_BENCH - 8];
    bench_make_root(&b, root, sizeof root);
    bench_memory_start(&b);
    bench_fresh_copy(&b, file, file_len);
    bench_warm_up(&b);
    bench_make_cheap(&b);
    for (int i = 0; i < runs; i++) {
        bench_fresh_copy(&b, file, file_len);
        bench_kdf(&b, i);
        bench_unlock_save(&b, i);
        bench_fresh_copy(&b, file, file_len);
        bench_unlock_split(&b, i);
        bench_unlock_cheap(&b, i);
    }
    bench_report(&b, runs, file_len);
    bench_memory_report(&b);
    if (!bench_rmtree(root))
        fprintf(stderr, "store_bench: could not remove %s\n", root);
    crypto_wipe(pass, sizeof pass);
    free(file);
    return 0;
}
