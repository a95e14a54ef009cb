/*
 * vault: the sealed file, its keys, its lock and its backups. The only module that opens
 * the store's files. Every save goes to a new file that replaces the old one by rename
 * only once it is complete and on disk, so a crash, a full disk or a failing drive leaves
 * the old file exactly as it was.
 *
 * Must never: write plaintext to any file, overwrite the store in place, follow a link in
 * the data folder, or report a save that did not reach the disk.
 *
 * File format version 1 (all integers little-endian):
 *   0    8  magic (opaque bytes, no program name)
 *   8    2  version (1)            10  2  flags (0)
 *   12   4  header size (296)      16 16  store id (random, for the life of the store)
 *   32 104  key slot 0: the passphrase        136 104  key slot 1: the recovery code
 *   240 24  secretstream header of the payload
 *   264 32  BLAKE2b-256 of bytes 0..263 (unkeyed: tells damage from a wrong passphrase)
 * A key slot: kdf id (1 byte: Argon2id v1.3), 3 zero bytes, ops (4), memory in KiB (4),
 * salt (16), nonce (24), the data key wrapped with XChaCha20-Poly1305 (48), 4 zero bytes;
 * its associated data is bytes 0..31, the slot's first 28 bytes and the slot number.
 * Payload: secretstream chunks of 64 KiB plaintext (the last tagged final, nothing after),
 * each bound to bytes 0..31 and the stream header. Plaintext: inner magic (4), zero (4),
 * save counter (8), image length (8), the SQLite image, zeros to the padded size.
 */
#include "odaat/vault.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "odaat/clock.h"
#include "odaat/date.h"

#define HEADER_SIZE     296
#define PREFIX_SIZE     32
#define SLOT_OFFSET(i)  (32 + (i)*SLOT_SIZE)
#define SLOT_SIZE       104
#define SLOT_AD_SIZE    28
#define STREAM_OFFSET   240
#define CHECKSUM_OFFSET 264
#define HEADER_SIZE_MAX 65536
#define FORMAT_VERSION  1
#define INNER_SIZE      24
#define PAD_FLOOR       (1u << 20)
#define SEALED_CHUNK    (CRYPTO_CHUNK_BYTES + CRYPTO_STREAM_TAG_BYTES)

#define STORE_NAME  "store"
#define LOCK_NAME   "lock"
#define BACKUP_DIR  "backups"
#define TEMP_PREFIX ".tmp-"

static const uint8_t file_magic[8] = {0x9e, 0x1c, 0x5b, 0x3a, 0xd2, 0x77, 0x08, 0xf4};
static const uint8_t inner_magic[4] = {0x51, 0xc3, 0x0e, 0x6a};

/* Backup generations: how many of each, kept by hard link. */
static const struct generation {
    const char *prefix;
    int keep;
    int min_days; /* a new one is kept when the newest is at least this many days older */
} generations[] = {
    {"save", 5, 0},
    {"day", 7, 1},
    {"week", 4, 7},
};

#ifdef ODAAT_TEST_HOOKS
void (*vault_test_step)(const char *step);
#define STEP(name)                                                                                 \
    do {                                                                                           \
        if (vault_test_step != NULL)                                                               \
            vault_test_step(name);                                                                 \
    } while (0)
#else
#define STEP(name) ((void)0)
#endif

/* What the store file on disk was when we last read or wrote it. */
struct fingerprint {
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
    bool present;
};

struct vault {
    char *dir;
    int dir_fd;
    int lock_fd;
    uint8_t *key; /* secure memory, no-access while idle */
    uint8_t header[HEADER_SIZE];
    uint64_t counter;
    struct fingerprint disk;
    char *conflict_path;
};

/* ---- little-endian fields ---- */

static void put_u16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void put_u64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint16_t get_u16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t get_u32(const uint8_t *p)
{
    uint32_t v = 0;
    for (int i = 3; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static uint64_t get_u64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static bool all_zero(const uint8_t *p, size_t len)
{
    uint8_t acc = 0;
    for (size_t i = 0; i < len; i++)
        acc |= p[i];
    return acc == 0;
}

/* ---- sizes ---- */

/* Padmé: round len up so that at most about log2(log2(len)) low bits are set, which leaks
 * at most that many bits of the length; never below the 1 MiB floor. */
static uint64_t padme(uint64_t len)
{
    if (len <= PAD_FLOOR)
        return PAD_FLOOR;
    int e = 63 - __builtin_clzll(len);
    int s = 32 - __builtin_clz((unsigned)e);
    uint64_t mask = (1ull << (e - s)) - 1;
    return (len + mask) & ~mask;
}

static uint64_t chunk_count(uint64_t plain)
{
    return (plain + CRYPTO_CHUNK_BYTES - 1) / CRYPTO_CHUNK_BYTES;
}

uint64_t vault_file_size(size_t image_len)
{
    uint64_t plain = padme((uint64_t)image_len + INNER_SIZE);
    return HEADER_SIZE + plain + chunk_count(plain) * CRYPTO_STREAM_TAG_BYTES;
}

/* ---- the process ---- */

enum odaat_err vault_harden_process(void)
{
    umask(077);
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    signal(SIGXFSZ, SIG_IGN);
    return crypto_init();
}

static char *path_join(const char *a, const char *b)
{
    size_t len = strlen(a) + strlen(b) + 2;
    char *out = malloc(len);
    if (out != NULL)
        snprintf(out, len, "%s/%s", a, b);
    return out;
}

enum odaat_err vault_data_dir(const char *dir, char **out)
{
    const char *home = getenv("HOME");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *odaat_home = getenv("ODAAT_HOME");
    if (dir != NULL && dir[0] != '\0')
        *out = strdup(dir);
    else if (odaat_home != NULL && odaat_home[0] != '\0')
        *out = strdup(odaat_home);
    else if (xdg != NULL && xdg[0] == '/')
        *out = path_join(xdg, "odaat");
    else if (home != NULL && home[0] != '\0')
        *out = path_join(home, ".local/share/odaat");
    else
        return ODAAT_ERR_IO;
    return *out != NULL ? ODAAT_OK : ODAAT_ERR_NOMEM;
}

bool vault_exists(const char *dir)
{
    char *path = path_join(dir, STORE_NAME);
    struct stat st;
    bool exists = path != NULL && lstat(path, &st) == 0;
    free(path);
    return exists;
}

/* ---- the folder and the lock ---- */

/* Makes dir and its missing parents (0700). */
static enum odaat_err make_dirs(const char *dir)
{
    char *copy = strdup(dir);
    if (copy == NULL)
        return ODAAT_ERR_NOMEM;
    enum odaat_err err = ODAAT_OK;
    for (char *p = copy + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(copy, 0700) != 0 && errno != EEXIST)
            err = ODAAT_ERR_IO;
        *p = saved;
        if (saved == '\0' || err != ODAAT_OK)
            break;
    }
    free(copy);
    return err;
}

/* Opens the data folder after checking nobody else can write into it. */
static enum odaat_err open_folder(const char *dir, int *dir_fd)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? ODAAT_ERR_NO_STORE : ODAAT_ERR_IO;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode)) {
        close(fd);
        return ODAAT_ERR_IO;
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0 || st.st_uid != geteuid()) {
        close(fd);
        return ODAAT_ERR_UNSAFE_FOLDER;
    }
    *dir_fd = fd;
    return ODAAT_OK;
}

static enum odaat_err take_lock(int dir_fd, int *lock_fd)
{
    int fd = openat(dir_fd, LOCK_NAME, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return ODAAT_ERR_IO;
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        close(fd);
        return e == EWOULDBLOCK ? ODAAT_ERR_BUSY : ODAAT_ERR_IO;
    }
    *lock_fd = fd;
    return ODAAT_OK;
}

/* Removes temp files a crashed save left behind (only under the lock: never another
 * process's save in progress). */
static void remove_leftovers(int dir_fd)
{
    int fd = dup(dir_fd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (d == NULL) {
        if (fd >= 0)
            close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, TEMP_PREFIX, strlen(TEMP_PREFIX)) == 0)
            unlinkat(dir_fd, e->d_name, 0);
    }
    closedir(d);
}

static void fingerprint_of(const struct stat *st, struct fingerprint *fp)
{
    fp->dev = st->st_dev;
    fp->ino = st->st_ino;
    fp->size = st->st_size;
    fp->mtime = st->st_mtim;
    fp->present = true;
}

static bool fingerprint_matches(int dir_fd, const struct fingerprint *fp)
{
    struct stat st;
    if (fstatat(dir_fd, STORE_NAME, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return !fp->present && errno == ENOENT;
    return fp->present && st.st_dev == fp->dev && st.st_ino == fp->ino && st.st_size == fp->size &&
           st.st_mtim.tv_sec == fp->mtime.tv_sec && st.st_mtim.tv_nsec == fp->mtime.tv_nsec;
}

/* ---- the vault object ---- */

static struct vault *vault_new(const char *dir)
{
    struct vault *v = calloc(1, sizeof *v);
    if (v == NULL)
        return NULL;
    v->dir = strdup(dir);
    v->key = crypto_secure_alloc(CRYPTO_KEY_BYTES);
    v->dir_fd = -1;
    v->lock_fd = -1;
    if (v->dir == NULL || v->key == NULL) {
        vault_close(v);
        return NULL;
    }
    return v;
}

void vault_close(struct vault *v)
{
    if (v == NULL)
        return;
    if (v->key != NULL) {
        crypto_secure_readwrite(v->key);
        crypto_secure_free(v->key);
    }
    if (v->lock_fd >= 0)
        close(v->lock_fd); /* releases the flock */
    if (v->dir_fd >= 0)
        close(v->dir_fd);
    free(v->dir);
    free(v->conflict_path);
    crypto_wipe(v->header, sizeof v->header);
    free(v);
}

uint64_t vault_save_count(const struct vault *v)
{
    return v->counter;
}

const char *vault_conflict_path(const struct vault *v)
{
    return v->conflict_path;
}

/* Takes the folder and the lock for v. */
static enum odaat_err vault_attach(struct vault *v)
{
    enum odaat_err err = open_folder(v->dir, &v->dir_fd);
    if (err == ODAAT_OK)
        err = take_lock(v->dir_fd, &v->lock_fd);
    return err;
}

/* ---- header and key slots ---- */

static void slot_ad(const uint8_t *header, int slot, uint8_t ad[PREFIX_SIZE + SLOT_AD_SIZE + 1])
{
    memcpy(ad, header, PREFIX_SIZE);
    memcpy(ad + PREFIX_SIZE, header + SLOT_OFFSET(slot), SLOT_AD_SIZE);
    ad[PREFIX_SIZE + SLOT_AD_SIZE] = (uint8_t)slot;
}

static void header_checksum(uint8_t *header)
{
    crypto_checksum(header, CHECKSUM_OFFSET, header + CHECKSUM_OFFSET);
}

static void header_init(uint8_t *header)
{
    memset(header, 0, HEADER_SIZE);
    memcpy(header, file_magic, sizeof file_magic);
    put_u16(header + 8, FORMAT_VERSION);
    put_u16(header + 10, 0);
    put_u32(header + 12, HEADER_SIZE);
    crypto_random(header + 16, 16);
}

static struct crypto_kdf_costs slot_costs(const uint8_t *header, int slot)
{
    const uint8_t *s = header + SLOT_OFFSET(slot);
    struct crypto_kdf_costs costs = {s[0], get_u32(s + 4), get_u32(s + 8)};
    return costs;
}

/* Fills key slot `slot` of header: fresh salt, the key derived from secret, data_key
 * wrapped under it. */
static enum odaat_err slot_fill(uint8_t *header, int slot, const struct crypto_kdf_costs *costs,
                                const uint8_t *secret, size_t secret_len, const uint8_t *data_key)
{
    uint8_t *s = header + SLOT_OFFSET(slot);
    memset(s, 0, SLOT_SIZE);
    s[0] = costs->kdf_id;
    put_u32(s + 4, costs->ops);
    put_u32(s + 8, costs->mem_kib);
    crypto_random(s + 12, CRYPTO_SALT_BYTES);
    uint8_t *kek = crypto_secure_alloc(CRYPTO_KEY_BYTES);
    if (kek == NULL)
        return ODAAT_ERR_NOMEM;
    enum odaat_err err = crypto_kdf_derive(costs, secret, secret_len, s + 12, kek);
    if (err == ODAAT_OK) {
        uint8_t ad[PREFIX_SIZE + SLOT_AD_SIZE + 1];
        slot_ad(header, slot, ad);
        crypto_wrap_key(kek, data_key, ad, sizeof ad, s + 28, s + 52);
    }
    crypto_secure_free(kek);
    return err;
}

/* Unwraps the data key from slot `slot` with secret into key. */
static enum odaat_err slot_open(const uint8_t *header, int slot, const uint8_t *secret,
                                size_t secret_len, uint8_t *key)
{
    struct crypto_kdf_costs costs = slot_costs(header, slot);
    const uint8_t *s = header + SLOT_OFFSET(slot);
    if (!crypto_kdf_costs_acceptable(&costs))
        return ODAAT_ERR_HEADER_DAMAGED;
    uint8_t *kek = crypto_secure_alloc(CRYPTO_KEY_BYTES);
    if (kek == NULL)
        return ODAAT_ERR_NOMEM;
    enum odaat_err err = crypto_kdf_derive(&costs, secret, secret_len, s + 12, kek);
    if (err == ODAAT_OK) {
        uint8_t ad[PREFIX_SIZE + SLOT_AD_SIZE + 1];
        slot_ad(header, slot, ad);
        if (!crypto_unwrap_key(kek, s + 28, s + 52, ad, sizeof ad, key))
            err = slot == 0 ? ODAAT_ERR_WRONG_PASSPHRASE : ODAAT_ERR_WRONG_RECOVERY_CODE;
    }
    crypto_secure_free(kek);
    return err;
}

static enum odaat_err check_passphrase(const char *passphrase, size_t len)
{
    if (passphrase == NULL || len == 0)
        return ODAAT_ERR_PASSPHRASE_EMPTY;
    return len > VAULT_PASSPHRASE_MAX ? ODAAT_ERR_PASSPHRASE_TOO_LONG : ODAAT_OK;
}

/* ---- reading a sealed file ---- */

static bool read_exact(int fd, uint8_t *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = read(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        buf += n;
        len -= (size_t)n;
    }
    return true;
}

/* Reads and checks the header of the open file fd into header; *file_size gets its size. */
static enum odaat_err header_read(int fd, uint8_t header[HEADER_SIZE], uint64_t *file_size)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return ODAAT_ERR_IO;
    if (!S_ISREG(st.st_mode))
        return ODAAT_ERR_NOT_A_FILE;
    if (st.st_size == 0)
        return ODAAT_ERR_STORE_EMPTY;
    *file_size = (uint64_t)st.st_size;
    uint8_t start[16];
    if (*file_size < sizeof start || !read_exact(fd, start, sizeof start) ||
        memcmp(start, file_magic, sizeof file_magic) != 0)
        return ODAAT_ERR_HEADER_DAMAGED;
    /* Every version keeps its size at byte 12 and a BLAKE2b-256 of the rest at its end, so
     * damage is told apart from a newer version before the version is believed. */
    uint32_t size = get_u32(start + 12);
    if (size < 64 || size > HEADER_SIZE_MAX || size > *file_size)
        return ODAAT_ERR_HEADER_DAMAGED;
    uint8_t *whole = malloc(size);
    if (whole == NULL)
        return ODAAT_ERR_NOMEM;
    memcpy(whole, start, sizeof start);
    enum odaat_err err = ODAAT_OK;
    uint8_t sum[CRYPTO_HASH_BYTES];
    if (!read_exact(fd, whole + sizeof start, size - sizeof start)) {
        err = ODAAT_ERR_HEADER_DAMAGED;
        goto out;
    }
    crypto_checksum(whole, size - CRYPTO_HASH_BYTES, sum);
    if (!crypto_equal(sum, whole + size - CRYPTO_HASH_BYTES, CRYPTO_HASH_BYTES))
        err = ODAAT_ERR_HEADER_DAMAGED;
    else if (get_u16(whole + 8) != FORMAT_VERSION)
        err = ODAAT_ERR_VERSION_UNKNOWN;
    else if (size != HEADER_SIZE || get_u16(whole + 10) != 0 ||
             !all_zero(whole + SLOT_OFFSET(0) + 1, 3) ||
             !all_zero(whole + SLOT_OFFSET(0) + 100, 4) ||
             !all_zero(whole + SLOT_OFFSET(1) + 1, 3) || !all_zero(whole + SLOT_OFFSET(1) + 100, 4))
        err = ODAAT_ERR_HEADER_DAMAGED;
    else
        memcpy(header, whole, HEADER_SIZE);
out:
    free(whole);
    return err;
}

/* The associated data every payload chunk is bound to: the header's prefix and the stream
 * header. Key slots are left out so a passphrase change never re-encrypts the contents. */
static void payload_ad(const uint8_t *header, uint8_t ad[PREFIX_SIZE + CRYPTO_STREAM_HEADER_BYTES])
{
    memcpy(ad, header, PREFIX_SIZE);
    memcpy(ad + PREFIX_SIZE, header + STREAM_OFFSET, CRYPTO_STREAM_HEADER_BYTES);
}

/*
 * The image's memory, made ready on a second core while the key is derived. Fresh memory is
 * not free (populating it took 0.7 ms per MiB on the machines measured, a third of an
 * unlock's time beyond the key derivation), and the derivation leaves the other cores idle.
 * It is as large as the file's size allows the image to be, zero until filled, and taken
 * only after the file has been authenticated chunk by chunk into it. Without a second thread
 * the image is allocated after the derivation, as before.
 */
struct image_prefetch {
    pthread_t thread;
    bool running;
    uint64_t capacity;
    uint8_t *image; /* from sqlite3_malloc64, or NULL */
};

/* A file too small to be a store's (every store is padded to a MiB or more) gets no thread.
 * Nor is more than PREFETCH_MAX made ready before the file is known to be ours: a file made
 * huge by someone else must not take that much memory from a wrong passphrase (a hundred
 * years of daily use make an image of about 230 MB). */
#define PREFETCH_MIN ((uint64_t)1 << 20)
#define PREFETCH_MAX ((uint64_t)256 << 20)

static void *prefetch_run(void *arg)
{
    struct image_prefetch *p = arg;
    p->image = sqlite3_malloc64(p->capacity);
    return NULL;
}

static void prefetch_start(struct image_prefetch *p, uint64_t capacity)
{
    *p = (struct image_prefetch){.capacity = capacity};
    if (capacity >= PREFETCH_MIN && capacity <= PREFETCH_MAX)
        p->running = pthread_create(&p->thread, NULL, prefetch_run, p) == 0;
}

/* Waits for the memory and hands it over (NULL when there is none); *capacity its size. */
static uint8_t *prefetch_take(struct image_prefetch *p, uint64_t *capacity)
{
    if (p->running)
        pthread_join(p->thread, NULL);
    p->running = false;
    uint8_t *image = p->image;
    p->image = NULL;
    *capacity = image != NULL ? p->capacity : 0;
    return image;
}

/* Where decrypted bytes go while a payload is read. */
struct payload_reader {
    uint64_t image_max; /* what the file's size allows: no allocation beyond it */
    uint8_t *ready;     /* memory for the image made beforehand (image_prefetch), or NULL */
    uint64_t ready_capacity;
    uint8_t *image;
    uint64_t image_len;
    uint64_t plain_seen;
    uint64_t counter;
    bool bad_padding;
};

/* Takes one decrypted chunk: the inner header, image bytes, then padding that must be zero. */
static enum odaat_err payload_take(struct payload_reader *r, const uint8_t *plain, size_t len)
{
    size_t at = 0;
    if (r->plain_seen == 0) {
        if (len < INNER_SIZE || memcmp(plain, inner_magic, 4) != 0 || !all_zero(plain + 4, 4))
            return ODAAT_ERR_CONTENTS_DAMAGED;
        r->counter = get_u64(plain + 8);
        r->image_len = get_u64(plain + 16);
        if (r->image_len == 0 || r->image_len > r->image_max)
            return ODAAT_ERR_CONTENTS_DAMAGED;
        if (r->ready != NULL && r->image_len <= r->ready_capacity) {
            r->image = r->ready;
            r->ready = NULL;
        } else {
            r->image = sqlite3_malloc64(r->image_len);
        }
        if (r->image == NULL)
            return ODAAT_ERR_NOMEM;
        at = INNER_SIZE;
    }
    uint64_t image_at = r->plain_seen + at - INNER_SIZE;
    while (at < len) {
        if (image_at < r->image_len) {
            uint64_t n = r->image_len - image_at;
            if (n > len - at)
                n = len - at;
            memcpy(r->image + image_at, plain + at, n);
            at += n;
            image_at += n;
        } else {
            r->bad_padding |= !all_zero(plain + at, len - at);
            at = len;
        }
    }
    r->plain_seen += len;
    return ODAAT_OK;
}

/* Decrypts the payload that follows the header in fd under key. */
static enum odaat_err payload_read(int fd, uint64_t file_size, const uint8_t *header,
                                   const uint8_t *key, struct payload_reader *r)
{
    uint8_t ad[PREFIX_SIZE + CRYPTO_STREAM_HEADER_BYTES];
    payload_ad(header, ad);
    struct crypto_chunker *stream = crypto_open_start(key, header + STREAM_OFFSET);
    uint8_t *sealed = malloc(SEALED_CHUNK);
    uint8_t *plain = crypto_secure_alloc(CRYPTO_CHUNK_BYTES);
    enum odaat_err err = ODAAT_OK;
    uint64_t left = file_size - HEADER_SIZE;
    bool last = false;
    r->image_max = left > INNER_SIZE ? left - INNER_SIZE : 0;
    if (stream == NULL || sealed == NULL || plain == NULL) {
        err = stream == NULL && sealed != NULL && plain != NULL ? ODAAT_ERR_CONTENTS_DAMAGED
                                                                : ODAAT_ERR_NOMEM;
        goto out;
    }
    while (!last) {
        size_t n = left >= SEALED_CHUNK ? SEALED_CHUNK : (size_t)left;
        if (n <= CRYPTO_STREAM_TAG_BYTES || !read_exact(fd, sealed, n)) {
            err = ODAAT_ERR_CONTENTS_DAMAGED;
            goto out;
        }
        /* A chunk that lies wholly inside the image is decrypted straight into it (libsodium
         * writes nothing before the chunk is authenticated); the first, with the inner
         * header, and the last, with the padding, go through plain. */
        size_t len = n - CRYPTO_STREAM_TAG_BYTES;
        uint8_t *into = plain;
        if (r->image != NULL && r->plain_seen - INNER_SIZE + len <= r->image_len)
            into = r->image + (r->plain_seen - INNER_SIZE);
        if (!crypto_open_chunk(stream, sealed, n, ad, sizeof ad, into, &last)) {
            err = ODAAT_ERR_CONTENTS_DAMAGED;
            goto out;
        }
        left -= n;
        if (into == plain)
            err = payload_take(r, plain, len);
        else
            r->plain_seen += len;
        if (err != ODAAT_OK)
            goto out;
    }
    /* Nothing may follow the final chunk, the padding must be zero, and the padded size
     * must be the one the image length gives. */
    if (left != 0 || r->bad_padding || r->plain_seen != padme(r->image_len + INNER_SIZE))
        err = ODAAT_ERR_CONTENTS_DAMAGED;
out:
    if (plain != NULL)
        crypto_secure_free(plain);
    free(sealed);
    crypto_stream_free(stream);
    sqlite3_free(r->ready); /* memory made ready but not taken: still all zero */
    r->ready = NULL;
    if (err != ODAAT_OK) {
        sqlite3_free(r->image);
        r->image = NULL;
    }
    return err;
}

/* Unlocks the data key of header with secret into key. */
static enum odaat_err key_unlock(const uint8_t *header, const struct vault_secret *secret,
                                 uint8_t *key)
{
    if (secret->kind == VAULT_PASSPHRASE) {
        enum odaat_err err = check_passphrase(secret->text, secret->len);
        if (err != ODAAT_OK)
            return err == ODAAT_ERR_PASSPHRASE_EMPTY ? ODAAT_ERR_WRONG_PASSPHRASE : err;
        return slot_open(header, 0, (const uint8_t *)secret->text, secret->len, key);
    }
    char *typed = crypto_secure_alloc(secret->len + 1);
    char *code = crypto_secure_alloc(CRYPTO_RECOVERY_CHARS + 1);
    enum odaat_err err = ODAAT_ERR_NOMEM;
    if (typed != NULL && code != NULL) {
        memcpy(typed, secret->text, secret->len);
        typed[secret->len] = '\0';
        err = crypto_recovery_normalise(typed, code);
        if (err == ODAAT_OK)
            err = slot_open(header, 1, (const uint8_t *)code, CRYPTO_RECOVERY_CHARS, key);
    }
    crypto_secure_free(typed);
    crypto_secure_free(code);
    return err;
}

/* Opens name in dirfd without following links and reads its header. */
static enum odaat_err sealed_open(int dirfd, const char *name, int *fd, uint8_t *header,
                                  uint64_t *file_size)
{
    *fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (*fd < 0) {
        if (errno == ENOENT)
            return ODAAT_ERR_NO_STORE;
        return errno == ELOOP || errno == EISDIR ? ODAAT_ERR_NOT_A_FILE : ODAAT_ERR_IO;
    }
    enum odaat_err err = header_read(*fd, header, file_size);
    if (err != ODAAT_OK) {
        close(*fd);
        *fd = -1;
    }
    return err;
}

static void backups_finish(struct vault *v);

enum odaat_err vault_open(const char *dir, const struct vault_secret *secret, struct vault **out,
                          uint8_t **image, size_t *image_len)
{
    *out = NULL;
    *image = NULL;
    *image_len = 0;
    struct vault *v = vault_new(dir);
    if (v == NULL)
        return ODAAT_ERR_NOMEM;
    int fd = -1;
    uint64_t file_size = 0;
    struct payload_reader r = {0};
    struct image_prefetch prefetch = {0};
    struct stat st;
    enum odaat_err err = open_folder(v->dir, &v->dir_fd);
    if (err != ODAAT_OK)
        goto out;
    /* Look before taking the lock, so opening a folder without a store creates nothing. */
    if (fstatat(v->dir_fd, STORE_NAME, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        err = errno == ENOENT ? ODAAT_ERR_NO_STORE : ODAAT_ERR_IO;
        goto out;
    }
    err = take_lock(v->dir_fd, &v->lock_fd);
    if (err != ODAAT_OK)
        goto out;
    remove_leftovers(v->dir_fd);
    err = sealed_open(v->dir_fd, STORE_NAME, &fd, v->header, &file_size);
    if (err == ODAAT_OK && file_size > HEADER_SIZE + INNER_SIZE)
        prefetch_start(&prefetch, file_size - HEADER_SIZE - INNER_SIZE);
    if (err == ODAAT_OK)
        err = key_unlock(v->header, secret, v->key);
    r.ready = prefetch_take(&prefetch, &r.ready_capacity);
    if (err == ODAAT_OK)
        err = payload_read(fd, file_size, v->header, v->key, &r);
    sqlite3_free(r.ready); /* when payload_read did not run */
    r.ready = NULL;
    if (err == ODAAT_OK && fstat(fd, &st) != 0)
        err = ODAAT_ERR_IO;
    if (err != ODAAT_OK)
        goto out;
    fingerprint_of(&st, &v->disk);
    v->counter = r.counter;
    crypto_secure_noaccess(v->key);
    backups_finish(v);
    *image = r.image;
    *image_len = (size_t)r.image_len;
    *out = v;
    v = NULL;
out:
    if (fd >= 0)
        close(fd);
    vault_close(v);
    return err;
}

/* ---- writing a sealed file ---- */

static bool write_all(int fd, const uint8_t *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        buf += n;
        len -= (size_t)n;
    }
    return true;
}

/* Seals image after header into fd: inner header, image, zero padding, 64 KiB chunks. The
 * stream header is made here and written into header (whose checksum is then renewed). */
static enum odaat_err payload_write(int fd, uint8_t *header, const uint8_t *key, uint64_t counter,
                                    const uint8_t *image, size_t image_len)
{
    uint64_t plain_total = padme((uint64_t)image_len + INNER_SIZE);
    struct crypto_chunker *stream = crypto_seal_start(key, header + STREAM_OFFSET);
    uint8_t *plain = crypto_secure_alloc(CRYPTO_CHUNK_BYTES);
    uint8_t *sealed = malloc(SEALED_CHUNK);
    enum odaat_err err = ODAAT_ERR_NOMEM;
    if (stream == NULL || plain == NULL || sealed == NULL)
        goto out;
    header_checksum(header);
    err = ODAAT_ERR_NOT_SAVED;
    if (!write_all(fd, header, HEADER_SIZE))
        goto out;
    uint8_t ad[PREFIX_SIZE + CRYPTO_STREAM_HEADER_BYTES];
    payload_ad(header, ad);
    for (uint64_t at = 0; at < plain_total; at += CRYPTO_CHUNK_BYTES) {
        size_t n =
            plain_total - at < CRYPTO_CHUNK_BYTES ? (size_t)(plain_total - at) : CRYPTO_CHUNK_BYTES;
        memset(plain, 0, n);
        size_t filled = 0;
        if (at == 0) {
            memcpy(plain, inner_magic, 4);
            put_u64(plain + 8, counter);
            put_u64(plain + 16, image_len);
            filled = INNER_SIZE;
        }
        uint64_t image_at = at + filled - INNER_SIZE;
        if (image_at < image_len) {
            size_t take =
                image_len - image_at < n - filled ? (size_t)(image_len - image_at) : n - filled;
            memcpy(plain + filled, image + image_at, take);
        }
        crypto_seal_chunk(stream, plain, n, ad, sizeof ad, at + n >= plain_total, sealed);
        if (!write_all(fd, sealed, n + CRYPTO_STREAM_TAG_BYTES))
            goto out;
    }
    err = ODAAT_OK;
out:
    crypto_stream_free(stream);
    crypto_secure_free(plain);
    free(sealed);
    return err;
}

/* What a save writes: an image to seal, or sealed bytes to copy as they are. */
struct save_source {
    const uint8_t *image;
    size_t image_len;
    const uint8_t *sealed; /* the payload after the header, for a passphrase change */
    uint64_t sealed_len;
};

static uint64_t source_file_size(const struct save_source *src)
{
    return src->sealed != NULL ? HEADER_SIZE + src->sealed_len : vault_file_size(src->image_len);
}

/* Creates a temp file in dirfd with a random name (returned in name). */
static int temp_create(int dirfd, char name[32])
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    for (int attempt = 0; attempt < 16; attempt++) {
        uint8_t bytes[12];
        crypto_random(bytes, sizeof bytes);
        size_t n = strlen(TEMP_PREFIX);
        memcpy(name, TEMP_PREFIX, n);
        for (size_t i = 0; i < sizeof bytes; i++)
            name[n++] = alphabet[bytes[i] & 31];
        name[n] = '\0';
        int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

/* Writes a complete sealed file to a new temp file in v's folder, on disk when it returns.
 * On success name holds its name and *st its metadata; on failure it is gone. */
static enum odaat_err temp_write(struct vault *v, const struct save_source *src, char name[32],
                                 struct stat *st)
{
    int fd = temp_create(v->dir_fd, name);
    if (fd < 0)
        return ODAAT_ERR_NOT_SAVED;
    STEP("temp-created");
    enum odaat_err err = ODAAT_ERR_NOT_SAVED;
    int r = posix_fallocate(fd, 0, (off_t)source_file_size(src));
    if (r != 0 && r != EOPNOTSUPP && r != EINVAL)
        goto fail;
    STEP("space-reserved");
    if (src->sealed != NULL) {
        header_checksum(v->header);
        if (!write_all(fd, v->header, HEADER_SIZE) || !write_all(fd, src->sealed, src->sealed_len))
            goto fail;
    } else {
        crypto_secure_readwrite(v->key);
        err = payload_write(fd, v->header, v->key, v->counter + 1, src->image, src->image_len);
        crypto_secure_noaccess(v->key);
        if (err != ODAAT_OK)
            goto fail;
        err = ODAAT_ERR_NOT_SAVED;
    }
    STEP("temp-written");
    if (fsync(fd) != 0 || fstat(fd, st) != 0)
        goto fail;
    STEP("temp-synced");
    r = close(fd);
    fd = -1;
    if (r != 0)
        goto fail;
    STEP("temp-closed");
    return ODAAT_OK;
fail:
    if (fd >= 0)
        close(fd);
    unlinkat(v->dir_fd, name, 0);
    return err;
}

/* The local date of a file time, for the daily and weekly generations. */
static int32_t file_day(time_t t)
{
    struct clock_moment m;
    return clock_local_at(t, &m) == ODAAT_OK ? m.date : (int32_t)(t / 86400);
}

/*
 * Backups. A save first hard-links the file it is about to replace as backups/.pending
 * (nothing else in backups/ changes until the save has reached the disk), then, once the new
 * store is in place, promotes .pending into the generations. Promotion is idempotent: it
 * shifts a generation's files up only as far as the first free slot, so a promotion cut
 * short (a crash, a failing disk) is finished by the next save or open without dropping a
 * generation twice.
 */
#define PENDING_NAME ".pending"

static int backup_dir_open(int dir_fd, bool create)
{
    if (create && mkdirat(dir_fd, BACKUP_DIR, 0700) != 0 && errno != EEXIST)
        return -1;
    return openat(dir_fd, BACKUP_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

static void slot_name(char name[32], const struct generation *g, int i)
{
    snprintf(name, 32, "%s-%d", g->prefix, i);
}

/* Makes slot 1 of g free: shifts slots 1..j-1 up by one, where j is the first free slot (or
 * the last slot, whose file is then the one the generation lets go). */
static bool generation_shift(int bdir, const struct generation *g)
{
    char from[32];
    char to[32];
    struct stat st;
    int free_slot = g->keep;
    for (int i = 1; i <= g->keep; i++) {
        slot_name(to, g, i);
        if (fstatat(bdir, to, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            free_slot = i;
            break;
        }
    }
    for (int i = free_slot; i > 1; i--) {
        slot_name(from, g, i - 1);
        slot_name(to, g, i);
        if (renameat(bdir, from, bdir, to) != 0)
            return false;
    }
    return true;
}

/* Returns true when the pending file should start a new daily or weekly generation. */
static bool generation_due(int bdir, const struct generation *g, const struct stat *pending)
{
    char newest[32];
    struct stat st;
    slot_name(newest, g, 1);
    if (fstatat(bdir, newest, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return true;
    if (st.st_ino == pending->st_ino && st.st_dev == pending->st_dev)
        return false;
    return file_day(pending->st_mtime) - file_day(st.st_mtime) >= g->min_days;
}

/* Moves backups/.pending into the generations. Returns false when a step failed (what is
 * left is finished by the next promotion). */
static bool backups_promote(int bdir)
{
    struct stat pending;
    if (fstatat(bdir, PENDING_NAME, &pending, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT;
    char first[32];
    size_t count = sizeof generations / sizeof generations[0];
    /* Daily and weekly generations link the pending file; the recent saves take it last, by
     * rename, which is what marks the promotion as done. */
    for (size_t i = 1; i < count; i++) {
        const struct generation *g = &generations[i];
        if (!generation_due(bdir, g, &pending))
            continue;
        slot_name(first, g, 1);
        if (!generation_shift(bdir, g) || linkat(bdir, PENDING_NAME, bdir, first, 0) != 0)
            return false;
    }
    slot_name(first, &generations[0], 1);
    return generation_shift(bdir, &generations[0]) &&
           renameat(bdir, PENDING_NAME, bdir, first) == 0;
}

/* Finishes a promotion a crash or a failing disk cut short (called after a good open). */
static void backups_finish(struct vault *v)
{
    int bdir = backup_dir_open(v->dir_fd, false);
    if (bdir >= 0) {
        backups_promote(bdir);
        close(bdir);
    }
}

/* Before the switch: finishes an earlier promotion, then links the store about to be
 * replaced as backups/.pending and syncs the folder. On failure backups/ holds no new file. */
static enum odaat_err backups_prepare(struct vault *v, int *bdir_out)
{
    *bdir_out = -1;
    struct stat st;
    if (fstatat(v->dir_fd, STORE_NAME, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? ODAAT_OK : ODAAT_ERR_NOT_SAVED;
    int bdir = backup_dir_open(v->dir_fd, true);
    if (bdir < 0)
        return ODAAT_ERR_NOT_SAVED;
    if (!backups_promote(bdir) || linkat(v->dir_fd, STORE_NAME, bdir, PENDING_NAME, 0) != 0) {
        close(bdir);
        return ODAAT_ERR_NOT_SAVED;
    }
    if (fsync(bdir) != 0) {
        unlinkat(bdir, PENDING_NAME, 0);
        close(bdir);
        return ODAAT_ERR_NOT_SAVED;
    }
    *bdir_out = bdir;
    return ODAAT_OK;
}

/* Puts the replaced file back in place after a failed folder sync; it is still linked as
 * backups/.pending (or there was none: then the new store goes). */
static void rollback(struct vault *v, int bdir)
{
    char name[32];
    if (bdir < 0) {
        unlinkat(v->dir_fd, STORE_NAME, 0);
        return;
    }
    int fd = temp_create(v->dir_fd, name);
    if (fd >= 0) {
        close(fd);
        unlinkat(v->dir_fd, name, 0);
        if (linkat(bdir, PENDING_NAME, v->dir_fd, name, 0) == 0 &&
            renameat(v->dir_fd, name, v->dir_fd, STORE_NAME) != 0)
            unlinkat(v->dir_fd, name, 0);
    }
    unlinkat(bdir, PENDING_NAME, 0);
    fsync(v->dir_fd);
}

/* Writes src beside the store as conflict-N, never over anything. */
static enum odaat_err conflict_write(struct vault *v, const struct save_source *src)
{
    char name[32];
    struct stat st;
    enum odaat_err err = temp_write(v, src, name, &st);
    if (err != ODAAT_OK)
        return err;
    for (int n = 1; n < 1000; n++) {
        char target[32];
        snprintf(target, sizeof target, "conflict-%d", n);
        if (linkat(v->dir_fd, name, v->dir_fd, target, 0) == 0) {
            unlinkat(v->dir_fd, name, 0);
            fsync(v->dir_fd);
            free(v->conflict_path);
            v->conflict_path = path_join(v->dir, target);
            return ODAAT_ERR_CONFLICT;
        }
        if (errno != EEXIST)
            break;
    }
    unlinkat(v->dir_fd, name, 0);
    return ODAAT_ERR_NOT_SAVED;
}

/* The five steps of a save: check the disk, write a temp file, link the old file as a
 * pending backup, rename, sync; then promote the pending backup. */
static enum odaat_err save_source(struct vault *v, const struct save_source *src)
{
    uint8_t before[HEADER_SIZE];
    memcpy(before, v->header, HEADER_SIZE);
    if (!fingerprint_matches(v->dir_fd, &v->disk))
        return conflict_write(v, src);
    char name[32];
    struct stat st;
    int bdir = -1;
    enum odaat_err err = temp_write(v, src, name, &st);
    if (err == ODAAT_OK)
        err = backups_prepare(v, &bdir);
    if (err == ODAAT_OK)
        STEP("backup-linked");
    if (err == ODAAT_OK && renameat(v->dir_fd, name, v->dir_fd, STORE_NAME) != 0) {
        unlinkat(bdir, PENDING_NAME, 0);
        err = ODAAT_ERR_NOT_SAVED;
    }
    if (err != ODAAT_OK) {
        unlinkat(v->dir_fd, name, 0);
        if (bdir >= 0)
            close(bdir);
        memcpy(v->header, before, HEADER_SIZE);
        return err;
    }
    STEP("renamed");
    if (fsync(v->dir_fd) != 0) {
        rollback(v, bdir);
        if (bdir >= 0)
            close(bdir);
        memcpy(v->header, before, HEADER_SIZE);
        return ODAAT_ERR_NOT_SAVED;
    }
    STEP("folder-synced");
    fingerprint_of(&st, &v->disk);
    if (src->sealed == NULL)
        v->counter++;
    /* The save is on disk. A promotion cut short here is finished by the next save or open;
     * nothing is lost meanwhile, as backups/.pending still holds the old file. */
    if (bdir >= 0) {
        backups_promote(bdir);
        close(bdir);
    }
    return ODAAT_OK;
}

enum odaat_err vault_save(struct vault *v, const uint8_t *image, size_t image_len)
{
    if (image == NULL || image_len == 0)
        return ODAAT_ERR_INVALID;
    struct save_source src = {image, image_len, NULL, 0};
    return save_source(v, &src);
}

/* Fills both key slots of v's header for passphrase and a new recovery code. */
static enum odaat_err slots_new(struct vault *v, const char *passphrase, size_t passphrase_len,
                                const struct crypto_kdf_costs *costs,
                                char recovery[CRYPTO_RECOVERY_TEXT_SIZE])
{
    char *code = crypto_secure_alloc(CRYPTO_RECOVERY_CHARS + 1);
    if (code == NULL)
        return ODAAT_ERR_NOMEM;
    crypto_recovery_new(recovery);
    crypto_secure_readwrite(v->key);
    enum odaat_err err =
        slot_fill(v->header, 0, costs, (const uint8_t *)passphrase, passphrase_len, v->key);
    if (err == ODAAT_OK)
        err = crypto_recovery_normalise(recovery, code);
    if (err == ODAAT_OK)
        err = slot_fill(v->header, 1, costs, (const uint8_t *)code, CRYPTO_RECOVERY_CHARS, v->key);
    crypto_secure_noaccess(v->key);
    crypto_secure_free(code);
    if (err != ODAAT_OK)
        crypto_wipe(recovery, CRYPTO_RECOVERY_TEXT_SIZE);
    return err;
}

enum odaat_err vault_create(const char *dir, const char *passphrase, size_t passphrase_len,
                            enum crypto_kdf_profile profile, const uint8_t *image, size_t image_len,
                            char recovery[CRYPTO_RECOVERY_TEXT_SIZE], struct vault **out)
{
    *out = NULL;
    enum odaat_err err = check_passphrase(passphrase, passphrase_len);
    if (err != ODAAT_OK)
        return err;
    if (image == NULL || image_len == 0)
        return ODAAT_ERR_INVALID;
    struct vault *v = vault_new(dir);
    if (v == NULL)
        return ODAAT_ERR_NOMEM;
    struct stat st;
    err = make_dirs(dir);
    if (err == ODAAT_OK)
        err = vault_attach(v);
    if (err == ODAAT_OK && fstatat(v->dir_fd, STORE_NAME, &st, AT_SYMLINK_NOFOLLOW) == 0)
        err = ODAAT_ERR_STORE_EXISTS;
    if (err != ODAAT_OK) {
        vault_close(v);
        return err;
    }
    remove_leftovers(v->dir_fd);
    header_init(v->header);
    crypto_random(v->key, CRYPTO_KEY_BYTES);
    crypto_secure_noaccess(v->key);
    struct crypto_kdf_costs costs = crypto_kdf_profile_costs(profile);
    err = slots_new(v, passphrase, passphrase_len, &costs, recovery);
    if (err == ODAAT_OK)
        err = vault_save(v, image, image_len);
    if (err != ODAAT_OK) {
        crypto_wipe(recovery, CRYPTO_RECOVERY_TEXT_SIZE);
        vault_close(v);
        return err;
    }
    *out = v;
    return ODAAT_OK;
}

/* Reads the sealed payload of the store as it is on disk (for a copy that keeps it). */
static enum odaat_err sealed_payload(struct vault *v, uint8_t **payload, uint64_t *len)
{
    uint8_t header[HEADER_SIZE];
    uint64_t file_size = 0;
    int fd = -1;
    enum odaat_err err = sealed_open(v->dir_fd, STORE_NAME, &fd, header, &file_size);
    if (err != ODAAT_OK)
        return err;
    *len = file_size - HEADER_SIZE;
    *payload = malloc(*len ? *len : 1);
    if (*payload == NULL)
        err = ODAAT_ERR_NOMEM;
    else if (memcmp(header + STREAM_OFFSET, v->header + STREAM_OFFSET,
                    CRYPTO_STREAM_HEADER_BYTES) != 0 ||
             !read_exact(fd, *payload, *len))
        err = ODAAT_ERR_CONTENTS_DAMAGED;
    close(fd);
    if (err != ODAAT_OK) {
        free(*payload);
        *payload = NULL;
    }
    return err;
}

enum odaat_err vault_check_secret(const struct vault *v, const struct vault_secret *secret)
{
    uint8_t *key = crypto_secure_alloc(CRYPTO_KEY_BYTES);
    if (key == NULL)
        return ODAAT_ERR_NOMEM;
    enum odaat_err err = key_unlock(v->header, secret, key);
    crypto_secure_free(key);
    return err;
}

enum odaat_err vault_change_passphrase(struct vault *v, const char *passphrase,
                                       size_t passphrase_len)
{
    enum odaat_err err = check_passphrase(passphrase, passphrase_len);
    if (err != ODAAT_OK)
        return err;
    if (!fingerprint_matches(v->dir_fd, &v->disk))
        return ODAAT_ERR_CONFLICT;
    uint8_t *payload = NULL;
    uint64_t payload_len = 0;
    err = sealed_payload(v, &payload, &payload_len);
    if (err != ODAAT_OK)
        return err;
    uint8_t before[HEADER_SIZE];
    memcpy(before, v->header, HEADER_SIZE);
    struct crypto_kdf_costs costs = slot_costs(v->header, 0);
    crypto_secure_readwrite(v->key);
    err = slot_fill(v->header, 0, &costs, (const uint8_t *)passphrase, passphrase_len, v->key);
    crypto_secure_noaccess(v->key);
    if (err == ODAAT_OK) {
        struct save_source src = {NULL, 0, payload, payload_len};
        err = save_source(v, &src);
    }
    if (err != ODAAT_OK)
        memcpy(v->header, before, HEADER_SIZE);
    free(payload);
    return err;
}

/* Removes every backup generation (they hold the old key). */
static void backups_remove(struct vault *v)
{
    int bdir = backup_dir_open(v->dir_fd, false);
    if (bdir < 0)
        return;
    int fd = dup(bdir);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] != '.')
            unlinkat(bdir, e->d_name, 0);
    }
    if (d != NULL)
        closedir(d);
    else if (fd >= 0)
        close(fd);
    fsync(bdir);
    close(bdir);
}

enum odaat_err vault_rotate_key(struct vault *v, const char *passphrase, size_t passphrase_len,
                                const uint8_t *image, size_t image_len,
                                char recovery[CRYPTO_RECOVERY_TEXT_SIZE])
{
    enum odaat_err err = check_passphrase(passphrase, passphrase_len);
    if (err != ODAAT_OK)
        return err;
    uint8_t *old_key = crypto_secure_alloc(CRYPTO_KEY_BYTES);
    if (old_key == NULL)
        return ODAAT_ERR_NOMEM;
    uint8_t before[HEADER_SIZE];
    memcpy(before, v->header, HEADER_SIZE);
    crypto_secure_readwrite(v->key);
    memcpy(old_key, v->key, CRYPTO_KEY_BYTES);
    crypto_random(v->key, CRYPTO_KEY_BYTES);
    crypto_secure_noaccess(v->key);
    struct crypto_kdf_costs costs = slot_costs(v->header, 0);
    err = slots_new(v, passphrase, passphrase_len, &costs, recovery);
    if (err == ODAAT_OK)
        err = vault_save(v, image, image_len);
    if (err != ODAAT_OK) {
        crypto_secure_readwrite(v->key);
        memcpy(v->key, old_key, CRYPTO_KEY_BYTES);
        crypto_secure_noaccess(v->key);
        memcpy(v->header, before, HEADER_SIZE);
        crypto_wipe(recovery, CRYPTO_RECOVERY_TEXT_SIZE);
    } else {
        backups_remove(v);
    }
    crypto_secure_free(old_key);
    return err;
}

/* ---- backups ---- */

/* The rank of a backup's generation (save, day, week) and its number, for ordering. */
static int backup_rank(const char *name)
{
    for (size_t g = 0; g < sizeof generations / sizeof generations[0]; g++) {
        size_t n = strlen(generations[g].prefix);
        if (strncmp(name, generations[g].prefix, n) == 0 && name[n] == '-')
            return (int)g * 100 + atoi(name + n + 1);
    }
    return 1000;
}

/* Newest first; hard links to the same save list the recent-save name first. */
static int backup_compare(const void *a, const void *b)
{
    const struct vault_backup *x = a;
    const struct vault_backup *y = b;
    if (x->saved_at != y->saved_at)
        return x->saved_at > y->saved_at ? -1 : 1;
    if (x->saved_at_ns != y->saved_at_ns)
        return x->saved_at_ns > y->saved_at_ns ? -1 : 1;
    return backup_rank(x->name) - backup_rank(y->name);
}

/* Returns true for the names backups_promote gives ("save-1", "day-7", "week-4"). */
static bool backup_name_valid(const char *name)
{
    for (size_t g = 0; g < sizeof generations / sizeof generations[0]; g++) {
        size_t n = strlen(generations[g].prefix);
        if (strncmp(name, generations[g].prefix, n) != 0 || name[n] != '-')
            continue;
        const char *digits = name + n + 1;
        if (digits[0] >= '1' && digits[0] <= '9' && digits[1] == '\0' &&
            digits[0] - '0' <= generations[g].keep)
            return true;
    }
    return false;
}

enum odaat_err vault_backup_list(const struct vault *v, struct vault_backup **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    int bdir = backup_dir_open(v->dir_fd, false);
    if (bdir < 0)
        return errno == ENOENT ? ODAAT_OK : ODAAT_ERR_IO;
    int fd = dup(bdir);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    enum odaat_err err = d != NULL ? ODAAT_OK : ODAAT_ERR_IO;
    size_t capacity = 0;
    struct dirent *e;
    while (err == ODAAT_OK && (e = readdir(d)) != NULL) {
        struct stat st;
        if (!backup_name_valid(e->d_name) ||
            fstatat(bdir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (*count == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            struct vault_backup *grown = realloc(*out, capacity * sizeof *grown);
            if (grown == NULL) {
                err = ODAAT_ERR_NOMEM;
                break;
            }
            *out = grown;
        }
        struct vault_backup *b = &(*out)[(*count)++];
        /* backup_name_valid allows only short names ("week-4"). */
        size_t name_len = strnlen(e->d_name, sizeof b->name - 1);
        memcpy(b->name, e->d_name, name_len);
        b->name[name_len] = '\0';
        b->saved_at = st.st_mtim.tv_sec;
        b->saved_at_ns = st.st_mtim.tv_nsec;
        b->size = st.st_size;
    }
    if (d != NULL)
        closedir(d);
    else if (fd >= 0)
        close(fd);
    close(bdir);
    if (err != ODAAT_OK) {
        free(*out);
        *out = NULL;
        *count = 0;
        return err;
    }
    if (*count > 1)
        qsort(*out, *count, sizeof **out, backup_compare);
    return ODAAT_OK;
}

enum odaat_err vault_backup_read(const struct vault *v, const char *name, uint8_t **image,
                                 size_t *image_len)
{
    *image = NULL;
    *image_len = 0;
    if (name == NULL || !backup_name_valid(name))
        return ODAAT_ERR_NO_BACKUP;
    int bdir = backup_dir_open(v->dir_fd, false);
    if (bdir < 0)
        return ODAAT_ERR_NO_BACKUP;
    uint8_t header[HEADER_SIZE];
    uint64_t file_size = 0;
    int fd = -1;
    struct payload_reader r = {0};
    enum odaat_err err = sealed_open(bdir, name, &fd, header, &file_size);
    if (err == ODAAT_ERR_NO_STORE)
        err = ODAAT_ERR_NO_BACKUP;
    if (err == ODAAT_OK) {
        crypto_secure_readwrite(v->key);
        err = payload_read(fd, file_size, header, v->key, &r);
        crypto_secure_noaccess(v->key);
    }
    if (fd >= 0)
        close(fd);
    close(bdir);
    if (err == ODAAT_OK) {
        *image = r.image;
        *image_len = (size_t)r.image_len;
    }
    return err;
}

#ifdef ODAAT_TEST_HOOKS
enum odaat_err vault_test_seal_plaintext(const char *dir, const char *passphrase,
                                         const uint8_t *plain, size_t plain_len)
{
    char code[CRYPTO_RECOVERY_TEXT_SIZE];
    struct vault *v = vault_new(dir);
    if (v == NULL)
        return ODAAT_ERR_NOMEM;
    header_init(v->header);
    crypto_random(v->key, CRYPTO_KEY_BYTES);
    struct crypto_kdf_costs costs = crypto_kdf_profile_costs(CRYPTO_KDF_TEST_MINIMUM);
    enum odaat_err err = slots_new(v, passphrase, strlen(passphrase), &costs, code);
    crypto_secure_readwrite(v->key);
    struct crypto_chunker *stream = crypto_seal_start(v->key, v->header + STREAM_OFFSET);
    uint8_t *sealed = malloc(SEALED_CHUNK);
    char *path = path_join(dir, STORE_NAME);
    FILE *f = path != NULL ? fopen(path, "wb") : NULL;
    if (err == ODAAT_OK && (stream == NULL || sealed == NULL || f == NULL))
        err = ODAAT_ERR_NOMEM;
    if (err == ODAAT_OK) {
        uint8_t ad[PREFIX_SIZE + CRYPTO_STREAM_HEADER_BYTES];
        header_checksum(v->header);
        payload_ad(v->header, ad);
        fwrite(v->header, 1, HEADER_SIZE, f);
        size_t at = 0;
        do {
            size_t n = plain_len - at < CRYPTO_CHUNK_BYTES ? plain_len - at : CRYPTO_CHUNK_BYTES;
            crypto_seal_chunk(stream, plain + at, n, ad, sizeof ad, at + n >= plain_len, sealed);
            fwrite(sealed, 1, n + CRYPTO_STREAM_TAG_BYTES, f);
            at += n;
        } while (at < plain_len);
    }
    if (f != NULL && fclose(f) != 0 && err == ODAAT_OK)
        err = ODAAT_ERR_NOT_SAVED;
    free(path);
    free(sealed);
    crypto_stream_free(stream);
    crypto_wipe(code, sizeof code);
    vault_close(v);
    return err;
}
#endif
