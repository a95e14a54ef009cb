/*
 * vt: helpers shared by the vault's robustness tests (see vt.h). Nothing here judges the
 * vault; each test program says what it proves.
 */
#include "vt.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

static const uint8_t image_magic[8] = {'o', 'd', 'a', 'a', 't', 'V', 'T', '1'};
#define IMAGE_HEAD 24

static int points;
static int failures;

void vt_init(void)
{
    /* Line buffering: every TAP line is out before a fork can copy it into a child. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (vault_harden_process() != ODAAT_OK)
        vt_bail("the vault could not start (libsodium)");
}

bool vt_ok(bool cond, const char *fmt, ...)
{
    va_list ap;
    points++;
    if (!cond)
        failures++;
    printf("%sok %d - ", cond ? "" : "not ", points);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
    return cond;
}

void vt_diag(const char *fmt, ...)
{
    va_list ap;
    fputs("# ", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
}

int vt_done(void)
{
    printf("1..%d\n", points);
    fflush(stdout);
    return failures == 0 && points > 0 ? 0 : 1;
}

void vt_bail(const char *fmt, ...)
{
    va_list ap;
    fputs("Bail out! ", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
    exit(1);
}

void vt_tempdir(char *out, size_t size)
{
    const char *base = getenv("TMPDIR");
    if (base == NULL || base[0] != '/')
        base = "/tmp";
    int n = snprintf(out, size, "%s/odaat-vt-XXXXXX", base);
    if (n < 0 || (size_t)n >= size || mkdtemp(out) == NULL)
        vt_bail("cannot make a temporary folder under %s: %s", base, strerror(errno));
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

void vt_rmtree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* splitmix64: a small generator whose whole stream follows from its seed. */
static uint64_t splitmix(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static void put_u64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_u64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

/* The pattern of counter: bytes IMAGE_HEAD..len-1, 64-bit words of a stream seeded by the
 * counter. A different counter gives different bytes nearly everywhere, so a mixture of two
 * saves cannot pass for either. Words are in the host's byte order: the pattern only has to
 * be the same within one run. */
static uint64_t pattern_seed(uint64_t counter)
{
    return counter ^ 0x6f64616174ull;
}

void vt_image_fill(uint8_t *image, uint64_t counter, size_t len)
{
    if (len < 64)
        vt_bail("a test image must be at least 64 bytes, not %zu", len);
    memcpy(image, image_magic, sizeof image_magic);
    put_u64(image + 8, counter);
    put_u64(image + 16, (uint64_t)len);
    uint64_t state = pattern_seed(counter);
    size_t at = IMAGE_HEAD;
    for (; at + 8 <= len; at += 8) {
        uint64_t word = splitmix(&state);
        memcpy(image + at, &word, 8);
    }
    uint64_t word = splitmix(&state);
    memcpy(image + at, &word, len - at);
}

uint8_t *vt_image_new(uint64_t counter, size_t len)
{
    uint8_t *image = malloc(len);
    if (image == NULL)
        vt_bail("cannot allocate a test image of %zu bytes", len);
    vt_image_fill(image, counter, len);
    return image;
}

/* Compares as it regenerates, without a second buffer: fresh memory costs page faults. */
bool vt_image_check(const uint8_t *image, size_t len, uint64_t *counter)
{
    if (image == NULL || len < 64 || memcmp(image, image_magic, sizeof image_magic) != 0 ||
        get_u64(image + 16) != (uint64_t)len)
        return false;
    uint64_t c = get_u64(image + 8);
    uint64_t state = pattern_seed(c);
    size_t at = IMAGE_HEAD;
    for (; at + 8 <= len; at += 8) {
        uint64_t word = splitmix(&state);
        if (memcmp(image + at, &word, 8) != 0)
            return false;
    }
    uint64_t word = splitmix(&state);
    if (memcmp(image + at, &word, len - at) != 0)
        return false;
    *counter = c;
    return true;
}

enum odaat_err vt_create(const char *dir, const uint8_t *image, size_t len)
{
    char recovery[CRYPTO_RECOVERY_TEXT_SIZE];
    struct vault *v = NULL;
    enum odaat_err err = vault_create(dir, VT_PASSPHRASE, strlen(VT_PASSPHRASE),
                                      CRYPTO_KDF_TEST_MINIMUM, image, len, recovery, &v);
    crypto_wipe(recovery, sizeof recovery);
    vault_close(v);
    return err;
}

enum odaat_err vt_open(const char *dir, struct vault **out, uint8_t **image, size_t *len)
{
    struct vault_secret secret = {VAULT_PASSPHRASE, VT_PASSPHRASE, strlen(VT_PASSPHRASE)};
    return vault_open(dir, &secret, out, image, len);
}

enum odaat_err vt_open_counter(const char *dir, uint64_t *counter)
{
    struct vault *v = NULL;
    uint8_t *image = NULL;
    size_t len = 0;
    enum odaat_err err = vt_open(dir, &v, &image, &len);
    if (err == ODAAT_OK && !vt_image_check(image, len, counter))
        *counter = UINT64_MAX;
    sqlite3_free(image);
    vault_close(v);
    return err;
}

bool vt_read_file(const char *path, uint8_t **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return false;
    if (fstat(fd, &st) != 0 || (*data = malloc((size_t)st.st_size + 1)) == NULL) {
        close(fd);
        return false;
    }
    size_t have = 0;
    while (have < (size_t)st.st_size) {
        ssize_t n = read(fd, *data + have, (size_t)st.st_size - have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        have += (size_t)n;
    }
    close(fd);
    if (have != (size_t)st.st_size) {
        free(*data);
        *data = NULL;
        return false;
    }
    *len = have;
    return true;
}

bool vt_write_file(const char *path, const uint8_t *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    return close(fd) == 0 && done == len;
}

bool vt_file_equals(const char *path, const uint8_t *data, size_t len)
{
    uint8_t *now = NULL;
    size_t now_len = 0;
    bool same = vt_read_file(path, &now, &now_len) && now_len == len && memcmp(now, data, len) == 0;
    free(now);
    return same;
}

int vt_count_temps(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, ".tmp-", 5) == 0)
            count++;
    }
    closedir(d);
    return count;
}

double vt_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void vt_sleep_ms(double ms)
{
    if (ms <= 0)
        return;
    struct timespec ts = {(time_t)(ms / 1e3),
                          (long)((ms - (double)(time_t)(ms / 1e3) * 1e3) * 1e6)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}
