/*
 * test_vault: the sealed file. Round trips; every way a file can be wrong (a wrong
 * passphrase, each header bit flipped, payload bits flipped, truncation at every chunk
 * boundary and one byte either side, bytes appended, chunks swapped, one file's header on
 * another's payload, an empty file, a folder, a link or a pipe in the store's place), each
 * with its own error and the file left byte for byte as it was; passphrase change, recovery
 * code and key rotation; backup generations; conflicts; leftovers; folder permissions; the
 * lock; equal sizes for small stores; no marker text on disk. Uses the test-minimum KDF
 * except where the real profile is the point.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "odaat/store.h"
#include "odaat/vault.h"

#define PASS         "correct horse battery staple"
#define HEADER_SIZE  296
#define SEALED_CHUNK (CRYPTO_CHUNK_BYTES + CRYPTO_STREAM_TAG_BYTES)
#define MARKER       "MARKER-one-day-at-a-time-7d1f"

static char work[256];

static struct vault_secret pass(const char *text)
{
    return (struct vault_secret){VAULT_PASSPHRASE, text, strlen(text)};
}

/* An image of len bytes: a repeating pattern with seed at the front, so images differ. */
static uint8_t *image_make(size_t len, unsigned seed)
{
    uint8_t *img = malloc(len);
    assert_non_null(img);
    for (size_t i = 0; i < len; i++)
        img[i] = (uint8_t)(i * 31 + seed);
    memcpy(img, &seed, sizeof seed < len ? sizeof seed : len);
    return img;
}

/* A path short enough for every test folder; returned by value so nothing is shared. */
struct path {
    char s[1024];
};

static struct path path_in(const char *dir, const char *name)
{
    struct path p;
    size_t a = strlen(dir);
    size_t b = strlen(name);
    assert_true(a + b + 2 <= sizeof p.s);
    memcpy(p.s, dir, a);
    p.s[a] = '/';
    memcpy(p.s + a + 1, name, b + 1);
    return p;
}

static uint8_t *file_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void file_write(const char *path, const uint8_t *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(buf, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void remove_tree(const char *path)
{
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    assert_int_equal(system(cmd), 0);
}

/* A fresh folder (under the test's work folder) holding a store with image seed 1. */
static const char *store_make(const char *name, size_t image_len, enum crypto_kdf_profile profile,
                              char recovery[CRYPTO_RECOVERY_TEXT_SIZE])
{
    static struct path dir_path;
    dir_path = path_in(work, name);
    const char *dir = dir_path.s;
    remove_tree(dir);
    char code[CRYPTO_RECOVERY_TEXT_SIZE];
    uint8_t *img = image_make(image_len, 1);
    struct vault *v = NULL;
    assert_int_equal(vault_create(dir, PASS, strlen(PASS), profile, img, image_len,
                                  recovery ? recovery : code, &v),
                     ODAAT_OK);
    vault_close(v);
    free(img);
    return dir;
}

static enum odaat_err try_open(const char *dir, struct vault_secret secret)
{
    struct vault *v = NULL;
    uint8_t *img = NULL;
    size_t len = 0;
    enum odaat_err err = vault_open(dir, &secret, &v, &img, &len);
    sqlite3_free(img);
    vault_close(v);
    return err;
}

/* Opens dir and checks it holds the image made with seed and len. */
static void assert_holds(const char *dir, size_t len, unsigned seed)
{
    struct vault_secret s = pass(PASS);
    struct vault *v = NULL;
    uint8_t *img = NULL;
    size_t got = 0;
    assert_int_equal(vault_open(dir, &s, &v, &img, &got), ODAAT_OK);
    uint8_t *want = image_make(len, seed);
    assert_int_equal(got, len);
    assert_memory_equal(img, want, len);
    free(want);
    sqlite3_free(img);
    vault_close(v);
}

static void save_seed(const char *dir, size_t len, unsigned seed)
{
    struct vault_secret s = pass(PASS);
    struct vault *v = NULL;
    uint8_t *img = NULL;
    size_t got = 0;
    assert_int_equal(vault_open(dir, &s, &v, &img, &got), ODAAT_OK);
    sqlite3_free(img);
    uint8_t *next = image_make(len, seed);
    assert_int_equal(vault_save(v, next, len), ODAAT_OK);
    free(next);
    vault_close(v);
}

static int setup(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(work, sizeof work, "%s/odaat-test-vault-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    /* As odaat's main does: the wiping allocator goes in before SQLite allocates anything
     * (the vault's decrypted images come from it). */
    if (mkdtemp(work) == NULL || vault_harden_process() != ODAAT_OK ||
        store_global_init() != ODAAT_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    remove_tree(work);
    return 0;
}

static void test_round_trip_keeps_the_image_and_makes_private_files(void **state)
{
    (void)state;
    const char *dir = store_make("round", 5000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    assert_holds(dir, 5000, 1);
    struct stat st;
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(stat(path_in(dir, "store").s, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal((uint64_t)st.st_size, vault_file_size(5000));
}

static void test_round_trip_with_the_interactive_profile(void **state)
{
    (void)state;
    const char *dir = store_make("interactive", 100, CRYPTO_KDF_INTERACTIVE, NULL);
    assert_holds(dir, 100, 1);
    assert_int_equal(try_open(dir, pass("wrong")), ODAAT_ERR_WRONG_PASSPHRASE);
}

static void test_saves_count_up_and_replace_the_image(void **state)
{
    (void)state;
    const char *dir = store_make("count", 3000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    save_seed(dir, 4000, 2);
    save_seed(dir, 2500, 3);
    assert_holds(dir, 2500, 3);
    struct vault_secret s = pass(PASS);
    struct vault *v = NULL;
    uint8_t *img = NULL;
    size_t len = 0;
    assert_int_equal(vault_open(dir, &s, &v, &img, &len), ODAAT_OK);
    assert_int_equal(vault_save_count(v), 3);
    sqlite3_free(img);
    vault_close(v);
}

static void test_wrong_passphrase_is_its_own_error_and_changes_nothing(void **state)
{
    (void)state;
    const char *dir = store_make("wrong", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    size_t before_len, after_len;
    uint8_t *before = file_read(path_in(dir, "store").s, &before_len);
    assert_int_equal(try_open(dir, pass("correct horse battery stapler")),
                     ODAAT_ERR_WRONG_PASSPHRASE);
    assert_int_equal(try_open(dir, pass("")), ODAAT_ERR_WRONG_PASSPHRASE);
    uint8_t *after = file_read(path_in(dir, "store").s, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    assert_int_equal(odaat_err_exit_code(ODAAT_ERR_WRONG_PASSPHRASE), 3);
    free(before);
    free(after);
}

/* Writes buf (len bytes) as the store, expects err on open, and puts the original back. */
static void expect_damage(const char *dir, const uint8_t *buf, size_t len, enum odaat_err err,
                          const char *what)
{
    file_write(path_in(dir, "store").s, buf, len);
    enum odaat_err got = try_open(dir, pass(PASS));
    if (got != err)
        fail_msg("%s: expected %s, got %s", what, odaat_err_message(err), odaat_err_message(got));
    size_t check_len;
    uint8_t *check = file_read(path_in(dir, "store").s, &check_len);
    assert_int_equal(check_len, len);
    assert_memory_equal(check, buf, len);
    free(check);
}

static void test_every_header_bit_flipped_is_a_damaged_header(void **state)
{
    (void)state;
    const char *dir = store_make("bits", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    size_t len;
    uint8_t *orig = file_read(path_in(dir, "store").s, &len);
    uint8_t *copy = malloc(len);
    for (size_t bit = 0; bit < HEADER_SIZE * 8; bit++) {
        memcpy(copy, orig, len);
        copy[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        char what[64];
        snprintf(what, sizeof what, "header bit %zu", bit);
        expect_damage(dir, copy, len, ODAAT_ERR_HEADER_DAMAGED, what);
    }
    file_write(path_in(dir, "store").s, orig, len);
    assert_holds(dir, 1000, 1);
    free(copy);
    free(orig);
}

/* Recomputes the header checksum after a deliberate edit (a doctored, not damaged, header). */
static void reseal_checksum(uint8_t *buf)
{
    crypto_checksum(buf, HEADER_SIZE - CRYPTO_HASH_BYTES, buf + HEADER_SIZE - CRYPTO_HASH_BYTES);
}

static void test_newer_version_and_doctored_costs_are_refused(void **state)
{
    (void)state;
    const char *dir = store_make("doctored", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    size_t len;
    uint8_t *orig = file_read(path_in(dir, "store").s, &len);
    uint8_t *copy = malloc(len);
    memcpy(copy, orig, len);
    copy[8] = 2; /* version 2 */
    reseal_checksum(copy);
    expect_damage(dir, copy, len, ODAAT_ERR_VERSION_UNKNOWN, "version 2");
    memcpy(copy, orig, len);
    copy[32 + 8 + 3] = 0x40; /* slot 0 memory cost: 1 GiB * 64 */
    reseal_checksum(copy);
    expect_damage(dir, copy, len, ODAAT_ERR_HEADER_DAMAGED, "memory cost over 1 GiB");
    memcpy(copy, orig, len);
    copy[32 + 4] = 200; /* slot 0: 200 passes */
    reseal_checksum(copy);
    expect_damage(dir, copy, len, ODAAT_ERR_HEADER_DAMAGED, "200 passes");
    memcpy(copy, orig, len);
    copy[32 + 60] ^= 1; /* slot 0's wrapped key, checksum made to match */
    reseal_checksum(copy);
    expect_damage(dir, copy, len, ODAAT_ERR_WRONG_PASSPHRASE, "forged key slot");
    free(copy);
    free(orig);
}

static void test_payload_bit_flips_are_damaged_contents(void **state)
{
    (void)state;
    const char *dir = store_make("payload", 200000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    size_t len;
    uint8_t *orig = file_read(path_in(dir, "store").s, &len);
    uint8_t *copy = malloc(len);
    uint32_t x = 2463534242u;
    for (int i = 0; i < 48; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        size_t at = HEADER_SIZE + x % (len - HEADER_SIZE);
        memcpy(copy, orig, len);
        copy[at] ^= (uint8_t)(1u << (x >> 29));
        char what[64];
        snprintf(what, sizeof what, "payload byte %zu", at);
        expect_damage(dir, copy, len, ODAAT_ERR_CONTENTS_DAMAGED, what);
    }
    free(copy);
    free(orig);
}

static void test_truncation_at_every_chunk_boundary_and_either_side(void **state)
{
    (void)state;
    const char *dir = store_make("truncate", 300000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    size_t len;
    uint8_t *orig = file_read(path_in(dir, "store").s, &len);
    int cases = 0;
    for (size_t boundary = HEADER_SIZE; boundary <= len; boundary += SEALED_CHUNK) {
        for (int delta = -1; delta <= 1; delta++) {
            size_t cut = boundary + (size_t)delta;
            if (cut >= len)
                continue;
            char what[64];
            snprintf(what, sizeof what, "cut at %zu of %zu", cut, len);
            expect_damage(dir, orig, cut,
                          cut < HEADER_SIZE ? ODAAT_ERR_HEADER_DAMAGED : ODAAT_ERR_CONTENTS_DAMAGED,
                          what);
            cases++;
        }
    }
    /* The 1 MiB floor gives 17 chunks: 16 inner boundaries, the end of the header, ±1. */
    assert_true(cases >= 48);
    expect_damage(dir, orig, len - 1, ODAAT_ERR_CONTENTS_DAMAGED, "last byte cut");
    expect_damage(dir, orig, 100, ODAAT_ERR_HEADER_DAMAGED, "inside the header");
    expect_damage(dir, orig, 10, ODAAT_ERR_HEADER_DAMAGED, "inside the magic");
    free(orig);
}

static void test_appended_bytes_are_damaged_contents(void **state)
{
    (void)state;
    const char *dir = store_make("append", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    size_t len;
    uint8_t *orig = file_read(path_in(dir, "store").s, &len);
    static const size_t extra[] = {1, 17, 4096, SEALED_CHUNK, SEALED_CHUNK + 5};
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
        uint8_t *copy = calloc(1, len + extra[i]);
        memcpy(copy, orig, len);
        char what[64];
        snprintf(what, sizeof what, "%zu bytes appended", extra[i]);
        expect_damage(dir, copy, len + extra[i], ODAAT_ERR_CONTENTS_DAMAGED, what);
        free(copy);
    }
    free(orig);
}

static void test_swapped_chunks_are_damaged_contents(void **state)
{
    (void)state;
    const char *dir = store_make("swap", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    size_t len;
    uint8_t *orig = file_read(path_in(dir, "store").s, &len);
    uint8_t *copy = malloc(len);
    memcpy(copy, orig, len);
    memcpy(copy + HEADER_SIZE + SEALED_CHUNK, orig + HEADER_SIZE + 2 * SEALED_CHUNK, SEALED_CHUNK);
    memcpy(copy + HEADER_SIZE + 2 * SEALED_CHUNK, orig + HEADER_SIZE + SEALED_CHUNK, SEALED_CHUNK);
    expect_damage(dir, copy, len, ODAAT_ERR_CONTENTS_DAMAGED, "chunks 1 and 2 swapped");
    free(copy);
    free(orig);
}

static void test_one_files_header_on_anothers_payload_is_refused(void **state)
{
    (void)state;
    struct path a_path = path_in(store_make("mix-a", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL), ".");
    const char *a_dir = a_path.s;
    const char *b_dir = store_make("mix-b", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    size_t a_len, b_len;
    uint8_t *a = file_read(path_in(a_dir, "store").s, &a_len);
    uint8_t *b = file_read(path_in(b_dir, "store").s, &b_len);
    assert_int_equal(a_len, b_len);
    memcpy(b, a, HEADER_SIZE); /* A's header (same passphrase) on B's payload */
    expect_damage(b_dir, b, b_len, ODAAT_ERR_CONTENTS_DAMAGED, "another store's header");
    /* The same store: an earlier save's header on the current payload. */
    save_seed(a_dir, 1000, 2);
    size_t cur_len;
    uint8_t *cur = file_read(path_in(a_dir, "store").s, &cur_len);
    memcpy(cur, a, HEADER_SIZE);
    expect_damage(a_dir, cur, cur_len, ODAAT_ERR_CONTENTS_DAMAGED, "an earlier save's header");
    free(a);
    free(b);
    free(cur);
}

static void test_empty_file_folder_link_and_pipe_each_have_their_error(void **state)
{
    (void)state;
    const char *dir = store_make("shapes", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    struct path store_p = path_in(dir, "store");
    struct path moved_p = path_in(dir, "moved");
    const char *store = store_p.s;
    const char *moved = moved_p.s;
    assert_int_equal(rename(store, moved), 0);
    file_write(store, (const uint8_t *)"", 0);
    assert_int_equal(try_open(dir, pass(PASS)), ODAAT_ERR_STORE_EMPTY);
    assert_int_equal(unlink(store), 0);
    assert_int_equal(mkdir(store, 0700), 0);
    assert_int_equal(try_open(dir, pass(PASS)), ODAAT_ERR_NOT_A_FILE);
    assert_int_equal(rmdir(store), 0);
    assert_int_equal(symlink(moved, store), 0);
    assert_int_equal(try_open(dir, pass(PASS)), ODAAT_ERR_NOT_A_FILE);
    assert_int_equal(unlink(store), 0);
    assert_int_equal(mkfifo(store, 0600), 0);
    assert_int_equal(try_open(dir, pass(PASS)), ODAAT_ERR_NOT_A_FILE);
    assert_int_equal(unlink(store), 0);
    assert_int_equal(try_open(dir, pass(PASS)), ODAAT_ERR_NO_STORE);
    assert_int_equal(rename(moved, store), 0);
    assert_holds(dir, 1000, 1);
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += e->d_name[0] != '.' || (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0);
    closedir(d);
    return n;
}

static void test_a_folder_without_store_is_left_untouched(void **state)
{
    (void)state;
    struct path dir_p = path_in(work, "empty");
    const char *dir = dir_p.s;
    remove_tree(dir);
    assert_int_equal(try_open(dir, pass(PASS)), ODAAT_ERR_NO_STORE);
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_int_equal(try_open(dir, pass(PASS)), ODAAT_ERR_NO_STORE);
    assert_int_equal(count_entries(dir), 0);
}

static void test_a_folder_others_can_write_is_refused(void **state)
{
    (void)state;
    const char *dir = store_make("unsafe", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    assert_int_equal(chmod(dir, 0777), 0);
    assert_int_equal(try_open(dir, pass(PASS)), ODAAT_ERR_UNSAFE_FOLDER);
    assert_int_equal(chmod(dir, 0720), 0);
    assert_int_equal(try_open(dir, pass(PASS)), ODAAT_ERR_UNSAFE_FOLDER);
    assert_int_equal(chmod(dir, 0700), 0);
    assert_holds(dir, 1000, 1);
}

static void test_a_second_open_is_busy_until_the_first_closes(void **state)
{
    (void)state;
    const char *dir = store_make("busy", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    struct vault_secret s = pass(PASS);
    struct vault *v = NULL;
    uint8_t *img = NULL;
    size_t len = 0;
    assert_int_equal(vault_open(dir, &s, &v, &img, &len), ODAAT_OK);
    assert_int_equal(try_open(dir, s), ODAAT_ERR_BUSY);
    assert_int_equal(odaat_err_exit_code(ODAAT_ERR_BUSY), 5);
    vault_close(v);
    sqlite3_free(img);
    assert_int_equal(try_open(dir, s), ODAAT_OK);
}

static void test_create_refuses_an_existing_store_and_bad_passphrases(void **state)
{
    (void)state;
    const char *dir = store_make("exists", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    char code[CRYPTO_RECOVERY_TEXT_SIZE];
    uint8_t img[10] = {1};
    struct vault *v = NULL;
    assert_int_equal(vault_create(dir, "x", 1, CRYPTO_KDF_TEST_MINIMUM, img, sizeof img, code, &v),
                     ODAAT_ERR_STORE_EXISTS);
    assert_null(v);
    struct path fresh_p = path_in(work, "fresh");
    const char *fresh = fresh_p.s;
    assert_int_equal(vault_create(fresh, "", 0, CRYPTO_KDF_TEST_MINIMUM, img, sizeof img, code, &v),
                     ODAAT_ERR_PASSPHRASE_EMPTY);
    char *long_pass = malloc(VAULT_PASSPHRASE_MAX + 1);
    memset(long_pass, 'a', VAULT_PASSPHRASE_MAX + 1);
    assert_int_equal(vault_create(fresh, long_pass, VAULT_PASSPHRASE_MAX + 1,
                                  CRYPTO_KDF_TEST_MINIMUM, img, sizeof img, code, &v),
                     ODAAT_ERR_PASSPHRASE_TOO_LONG);
    free(long_pass);
    assert_false(vault_exists(fresh));
}

static void test_passphrase_change_rewraps_without_reencrypting(void **state)
{
    (void)state;
    char code[CRYPTO_RECOVERY_TEXT_SIZE];
    const char *dir = store_make("passwd", 1000, CRYPTO_KDF_TEST_MINIMUM, code);
    size_t before_len, after_len;
    uint8_t *before = file_read(path_in(dir, "store").s, &before_len);
    struct vault_secret s = pass(PASS);
    struct vault *v = NULL;
    uint8_t *img = NULL;
    size_t len = 0;
    assert_int_equal(vault_open(dir, &s, &v, &img, &len), ODAAT_OK);
    assert_int_equal(vault_change_passphrase(v, "new words", 9), ODAAT_OK);
    vault_close(v);
    sqlite3_free(img);
    uint8_t *after = file_read(path_in(dir, "store").s, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before + HEADER_SIZE, after + HEADER_SIZE, before_len - HEADER_SIZE);
    assert_memory_not_equal(before + 32, after + 32, 104);
    assert_int_equal(try_open(dir, pass(PASS)), ODAAT_ERR_WRONG_PASSPHRASE);
    assert_int_equal(try_open(dir, pass("new words")), ODAAT_OK);
    struct vault_secret rc = {VAULT_RECOVERY_CODE, code, strlen(code)};
    assert_int_equal(try_open(dir, rc), ODAAT_OK);
    free(before);
    free(after);
}

/* Checking a secret against the open store answers without changing the file, for the
 * passphrase and the recovery code alike. */
static void test_check_secret_answers_and_changes_nothing(void **state)
{
    (void)state;
    char code[CRYPTO_RECOVERY_TEXT_SIZE];
    const char *dir = store_make("check", 1000, CRYPTO_KDF_TEST_MINIMUM, code);
    size_t before_len = 0, after_len = 0;
    uint8_t *before = file_read(path_in(dir, "store").s, &before_len);
    struct vault *v = NULL;
    struct vault_secret s = pass(PASS);
    uint8_t *img = NULL;
    size_t len = 0;
    assert_int_equal(vault_open(dir, &s, &v, &img, &len), ODAAT_OK);
    assert_int_equal(vault_check_secret(v, &s), ODAAT_OK);
    struct vault_secret wrong = pass("not these words");
    assert_int_equal(vault_check_secret(v, &wrong), ODAAT_ERR_WRONG_PASSPHRASE);
    struct vault_secret rc = {VAULT_RECOVERY_CODE, code, strlen(code)};
    assert_int_equal(vault_check_secret(v, &rc), ODAAT_OK);
    vault_close(v);
    sqlite3_free(img);
    uint8_t *after = file_read(path_in(dir, "store").s, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);
}

static void test_recovery_code_opens_as_people_type_it(void **state)
{
    (void)state;
    char code[CRYPTO_RECOVERY_TEXT_SIZE];
    const char *dir = store_make("recover", 1000, CRYPTO_KDF_TEST_MINIMUM, code);
    char typed[64];
    size_t n = 0;
    for (const char *p = code; *p; p++) {
        if (*p != '-')
            typed[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
        if (*p == '-')
            typed[n++] = ' ';
    }
    typed[n] = '\0';
    struct vault_secret rc = {VAULT_RECOVERY_CODE, typed, n};
    assert_int_equal(try_open(dir, rc), ODAAT_OK);
    char wrong[CRYPTO_RECOVERY_TEXT_SIZE];
    crypto_recovery_new(wrong);
    struct vault_secret bad = {VAULT_RECOVERY_CODE, wrong, strlen(wrong)};
    assert_int_equal(try_open(dir, bad), ODAAT_ERR_WRONG_RECOVERY_CODE);
    struct vault_secret junk = {VAULT_RECOVERY_CODE, "not a code", 10};
    assert_int_equal(try_open(dir, junk), ODAAT_ERR_RECOVERY_CODE_SYNTAX);
    /* The passphrase is not a recovery code, nor the code a passphrase. */
    struct vault_secret code_as_pass = pass(code);
    assert_int_equal(try_open(dir, code_as_pass), ODAAT_ERR_WRONG_PASSPHRASE);
}

static void test_rotate_key_gives_new_code_and_drops_old_backups(void **state)
{
    (void)state;
    char old_code[CRYPTO_RECOVERY_TEXT_SIZE];
    char new_code[CRYPTO_RECOVERY_TEXT_SIZE];
    const char *dir = store_make("rotate", 1000, CRYPTO_KDF_TEST_MINIMUM, old_code);
    save_seed(dir, 1000, 2);
    struct vault_secret s = pass(PASS);
    struct vault *v = NULL;
    uint8_t *img = NULL;
    size_t len = 0;
    assert_int_equal(vault_open(dir, &s, &v, &img, &len), ODAAT_OK);
    struct vault_backup *list = NULL;
    size_t count = 0;
    assert_int_equal(vault_backup_list(v, &list, &count), ODAAT_OK);
    assert_true(count > 0);
    free(list);
    assert_int_equal(vault_rotate_key(v, "fresh start", 11, img, len, new_code), ODAAT_OK);
    assert_int_equal(vault_backup_list(v, &list, &count), ODAAT_OK);
    assert_int_equal(count, 0);
    free(list);
    vault_close(v);
    sqlite3_free(img);
    assert_string_not_equal(old_code, new_code);
    struct vault_secret old_rc = {VAULT_RECOVERY_CODE, old_code, strlen(old_code)};
    struct vault_secret new_rc = {VAULT_RECOVERY_CODE, new_code, strlen(new_code)};
    assert_int_equal(try_open(dir, old_rc), ODAAT_ERR_WRONG_RECOVERY_CODE);
    assert_int_equal(try_open(dir, new_rc), ODAAT_OK);
    assert_int_equal(try_open(dir, pass(PASS)), ODAAT_ERR_WRONG_PASSPHRASE);
    assert_int_equal(try_open(dir, pass("fresh start")), ODAAT_OK);
}

static void test_backups_keep_generations_that_open_with_the_key(void **state)
{
    (void)state;
    const char *dir = store_make("backups", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    for (unsigned seed = 2; seed <= 8; seed++)
        save_seed(dir, 1000 + seed, seed);
    struct vault_secret s = pass(PASS);
    struct vault *v = NULL;
    uint8_t *img = NULL;
    size_t len = 0;
    assert_int_equal(vault_open(dir, &s, &v, &img, &len), ODAAT_OK);
    sqlite3_free(img);
    struct vault_backup *list = NULL;
    size_t count = 0;
    assert_int_equal(vault_backup_list(v, &list, &count), ODAAT_OK);
    /* Five recent saves plus the first daily and weekly generation. */
    int saves = 0, days = 0, weeks = 0;
    for (size_t i = 0; i < count; i++) {
        saves += strncmp(list[i].name, "save-", 5) == 0;
        days += strncmp(list[i].name, "day-", 4) == 0;
        weeks += strncmp(list[i].name, "week-", 5) == 0;
    }
    assert_int_equal(saves, 5);
    assert_int_equal(days, 1);
    assert_int_equal(weeks, 1);
    free(list);
    /* save-1 is the state before the last save (seed 7); save-5 is seed 3. */
    assert_int_equal(vault_backup_read(v, "save-1", &img, &len), ODAAT_OK);
    uint8_t *want = image_make(1007, 7);
    assert_int_equal(len, 1007);
    assert_memory_equal(img, want, len);
    free(want);
    sqlite3_free(img);
    assert_int_equal(vault_backup_read(v, "save-5", &img, &len), ODAAT_OK);
    assert_int_equal(len, 1003);
    sqlite3_free(img);
    /* Restoring: saving a backup's image makes it current. */
    assert_int_equal(vault_backup_read(v, "day-1", &img, &len), ODAAT_OK);
    assert_int_equal(len, 1000);
    assert_int_equal(vault_save(v, img, len), ODAAT_OK);
    sqlite3_free(img);
    assert_int_equal(vault_backup_read(v, "../store", &img, &len), ODAAT_ERR_NO_BACKUP);
    assert_int_equal(vault_backup_read(v, "save-6", &img, &len), ODAAT_ERR_NO_BACKUP);
    assert_int_equal(vault_backup_read(v, "week-2", &img, &len), ODAAT_ERR_NO_BACKUP);
    vault_close(v);
    assert_holds(dir, 1000, 1);
}

static ino_t inode_of(const char *path)
{
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    return st.st_ino;
}

static void test_a_promotion_cut_short_is_finished_without_loss(void **state)
{
    (void)state;
    const char *dir = store_make("promote", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    for (unsigned seed = 2; seed <= 7; seed++)
        save_seed(dir, 1000, seed);
    struct path b = path_in(dir, "backups");
    ino_t old[6];
    for (int i = 1; i <= 5; i++) {
        char name[16];
        snprintf(name, sizeof name, "save-%d", i);
        old[i] = inode_of(path_in(b.s, name).s);
    }
    /* A save got as far as linking the store as .pending, then promotion shifted save-4 to
     * save-5 and save-3 to save-4 before the machine stopped. */
    assert_int_equal(link(path_in(dir, "store").s, path_in(b.s, ".pending").s), 0);
    ino_t pending = inode_of(path_in(b.s, ".pending").s);
    assert_int_equal(rename(path_in(b.s, "save-4").s, path_in(b.s, "save-5").s), 0);
    assert_int_equal(rename(path_in(b.s, "save-3").s, path_in(b.s, "save-4").s), 0);
    assert_int_equal(try_open(dir, pass(PASS)), ODAAT_OK);
    /* The open finished the promotion: nothing but the oldest (old save-5, let go by the
     * first shift) is gone, and nothing was let go twice. */
    const ino_t want[6] = {0, pending, old[1], old[2], old[3], old[4]};
    for (int i = 1; i <= 5; i++) {
        char name[16];
        snprintf(name, sizeof name, "save-%d", i);
        assert_int_equal(inode_of(path_in(b.s, name).s), want[i]);
    }
    assert_int_equal(access(path_in(b.s, ".pending").s, F_OK), -1);
}

static void test_a_store_changed_on_disk_is_never_overwritten(void **state)
{
    (void)state;
    struct path dir_path =
        path_in(store_make("conflict", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL), ".");
    const char *dir = dir_path.s;
    struct vault_secret s = pass(PASS);
    struct vault *v = NULL;
    uint8_t *img = NULL;
    size_t len = 0;
    assert_int_equal(vault_open(dir, &s, &v, &img, &len), ODAAT_OK);
    /* Someone puts another file in place (a sync tool, a restore by hand). */
    struct path other_path =
        path_in(store_make("conflict-other", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL), ".");
    const char *other = other_path.s;
    size_t other_len;
    uint8_t *other_bytes = file_read(path_in(other, "store").s, &other_len);
    struct path tmp_p = path_in(dir, "replacement");
    const char *tmp = tmp_p.s;
    file_write(tmp, other_bytes, other_len);
    assert_int_equal(rename(tmp, path_in(dir, "store").s), 0);
    uint8_t *mine = image_make(1500, 9);
    assert_int_equal(vault_save(v, mine, 1500), ODAAT_ERR_CONFLICT);
    assert_non_null(vault_conflict_path(v));
    assert_non_null(strstr(vault_conflict_path(v), "conflict-1"));
    size_t now_len;
    uint8_t *now = file_read(path_in(dir, "store").s, &now_len);
    assert_int_equal(now_len, other_len);
    assert_memory_equal(now, other_bytes, now_len);
    vault_close(v);
    sqlite3_free(img);
    free(mine);
    free(now);
    free(other_bytes);
    /* The conflict copy is a whole store: moved into place it opens with our state. */
    assert_int_equal(rename(path_in(dir, "conflict-1").s, path_in(dir, "store").s), 0);
    assert_holds(dir, 1500, 9);
}

static void test_leftover_temp_files_are_removed_at_open(void **state)
{
    (void)state;
    const char *dir = store_make("leftover", 1000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    file_write(path_in(dir, ".tmp-abcdefghijkl").s, (const uint8_t *)"half a save", 11);
    assert_int_equal(try_open(dir, pass(PASS)), ODAAT_OK);
    assert_int_equal(access(path_in(dir, ".tmp-abcdefghijkl").s, F_OK), -1);
}

static void test_small_stores_have_one_size_and_large_ones_pad(void **state)
{
    (void)state;
    assert_int_equal(vault_file_size(1), vault_file_size(900000));
    assert_int_equal(vault_file_size(365 * 1500), vault_file_size(1000));
    uint64_t one_mib = vault_file_size(1000);
    assert_true(one_mib > (1u << 20));
    assert_true(vault_file_size(3000000) > one_mib);
    /* Padmé: 3,000,000 bytes and 3,000,100 bytes land in the same size class. */
    assert_int_equal(vault_file_size(3000000), vault_file_size(3000100));
    const char *a = store_make("size-a", 500, CRYPTO_KDF_TEST_MINIMUM, NULL);
    struct stat sa, sb;
    assert_int_equal(stat(path_in(a, "store").s, &sa), 0);
    const char *b = store_make("size-b", 600000, CRYPTO_KDF_TEST_MINIMUM, NULL);
    assert_int_equal(stat(path_in(b, "store").s, &sb), 0);
    assert_int_equal(sa.st_size, sb.st_size);
}

/* Returns true when needle occurs in any regular file under dir. */
static bool marker_on_disk(const char *dir)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "grep -rqa -- '%s' '%s'", MARKER, dir);
    return system(cmd) == 0;
}

static void test_marker_text_never_reaches_the_disk(void **state)
{
    (void)state;
    size_t len = 50000;
    uint8_t *img = image_make(len, 4);
    for (size_t at = 100; at + sizeof MARKER < len; at += 5000)
        memcpy(img + at, MARKER, sizeof MARKER - 1);
    struct path dir_p = path_in(work, "marker");
    const char *dir = dir_p.s;
    remove_tree(dir);
    char code[CRYPTO_RECOVERY_TEXT_SIZE];
    struct vault *v = NULL;
    assert_int_equal(
        vault_create(dir, PASS, strlen(PASS), CRYPTO_KDF_TEST_MINIMUM, img, len, code, &v),
        ODAAT_OK);
    assert_int_equal(vault_save(v, img, len), ODAAT_OK);
    assert_int_equal(vault_save(v, img, len), ODAAT_OK);
    vault_close(v);
    assert_false(marker_on_disk(dir));
    assert_false(marker_on_disk(work));
    /* The test itself can find the marker where it is plain: the check can fail. */
    file_write(path_in(dir, "plain").s, img, len);
    assert_true(marker_on_disk(dir));
    unlink(path_in(dir, "plain").s);
    free(img);
}

static void test_recover_sets_a_new_passphrase_with_the_code(void **state)
{
    (void)state;
    char code[CRYPTO_RECOVERY_TEXT_SIZE];
    const char *dir = store_make("recover-flow", 1000, CRYPTO_KDF_TEST_MINIMUM, code);
    /* The passphrase is forgotten: the code opens the store, and a new passphrase is set. */
    struct vault_secret rc = {VAULT_RECOVERY_CODE, code, strlen(code)};
    struct vault *v = NULL;
    uint8_t *img = NULL;
    size_t len = 0;
    assert_int_equal(vault_open(dir, &rc, &v, &img, &len), ODAAT_OK);
    assert_int_equal(vault_change_passphrase(v, "remembered now", 14), ODAAT_OK);
    vault_close(v);
    sqlite3_free(img);
    assert_int_equal(try_open(dir, pass(PASS)), ODAAT_ERR_WRONG_PASSPHRASE);
    assert_int_equal(try_open(dir, pass("remembered now")), ODAAT_OK);
    assert_int_equal(try_open(dir, rc), ODAAT_OK);
}

/* Makes a real store holding `days` check-ins (each with the marker in its note) and
 * seals it into folder `name`; returns the sealed file's size. */
static off_t sealed_checkins(const char *name, int days)
{
    struct store *store = NULL;
    assert_int_equal(store_global_init(), ODAAT_OK);
    assert_int_equal(store_open_image(NULL, 0, &store), ODAAT_OK);
    store_set_now(store, "2026-11-23T09:41:07Z");
    for (int i = 0; i < days; i++) {
        struct checkin c = {0};
        int32_t day = date_add_days(date_from_ymd((struct date_ymd){2025, 11, 23}), i);
        date_format(day, c.date);
        c.has_mood = true;
        c.mood = 1 + i % 5;
        char note[128];
        snprintf(note, sizeof note, "%s day %d: called my sponsor", MARKER, i);
        c.note = note;
        assert_int_equal(store_checkin_put(store, &c), ODAAT_OK);
    }
    const uint8_t *image = NULL;
    size_t len = 0;
    assert_int_equal(store_image(store, &image, &len), ODAAT_OK);
    struct path dir = path_in(work, name);
    remove_tree(dir.s);
    char code[CRYPTO_RECOVERY_TEXT_SIZE];
    struct vault *v = NULL;
    assert_int_equal(
        vault_create(dir.s, PASS, strlen(PASS), CRYPTO_KDF_TEST_MINIMUM, image, len, code, &v),
        ODAAT_OK);
    assert_int_equal(vault_save(v, image, len), ODAAT_OK);
    vault_close(v);
    store_close(store);
    struct stat st;
    assert_int_equal(stat(path_in(dir.s, "store").s, &st), 0);
    return st.st_size;
}

static void test_one_and_365_checkins_look_alike_and_leave_no_text(void **state)
{
    (void)state;
    /* An empty temp folder of its own: nothing may be written there either. */
    struct path tmp = path_in(work, "tmpdir");
    assert_int_equal(mkdir(tmp.s, 0700), 0);
    char *old_tmp = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
    setenv("TMPDIR", tmp.s, 1);
    off_t one = sealed_checkins("one-checkin", 1);
    off_t year = sealed_checkins("a-year-of-checkins", 365);
    if (old_tmp != NULL)
        setenv("TMPDIR", old_tmp, 1);
    else
        unsetenv("TMPDIR");
    free(old_tmp);
    assert_int_equal(one, year);
    assert_false(marker_on_disk(path_in(work, "one-checkin").s));
    assert_false(marker_on_disk(path_in(work, "a-year-of-checkins").s));
    assert_int_equal(count_entries(tmp.s), 0);
}

/* A payload plaintext of plain_len bytes: inner header claiming image_len, a pattern for the
 * image, zeros after it. */
static uint8_t *plaintext_make(size_t plain_len, uint64_t image_len)
{
    static const uint8_t inner_magic[4] = {0x51, 0xc3, 0x0e, 0x6a};
    uint8_t *plain = calloc(1, plain_len < 24 ? 24 : plain_len); /* room for the header */
    assert_non_null(plain);
    memcpy(plain, inner_magic, 4);
    plain[8] = 7;
    for (int i = 0; i < 8; i++)
        plain[16 + i] = (uint8_t)(image_len >> (8 * i));
    for (uint64_t i = 0; i < image_len && 24 + i < plain_len; i++)
        plain[24 + i] = (uint8_t)(i * 31 + 1);
    return plain;
}

static enum odaat_err open_plaintext(const char *name, const uint8_t *plain, size_t len)
{
    struct path dir = path_in(work, name);
    remove_tree(dir.s);
    assert_int_equal(mkdir(dir.s, 0700), 0);
    assert_int_equal(vault_test_seal_plaintext(dir.s, PASS, plain, len), ODAAT_OK);
    return try_open(dir.s, pass(PASS));
}

static void test_the_inner_header_and_padding_are_checked_after_decryption(void **state)
{
    (void)state;
    size_t floor = 1u << 20;
    uint8_t *plain = plaintext_make(floor, 5000);
    assert_int_equal(open_plaintext("inner-good", plain, floor), ODAAT_OK);
    plain[24 + 5000 + 10] = 1; /* a byte of padding that is not zero */
    assert_int_equal(open_plaintext("inner-padding", plain, floor), ODAAT_ERR_CONTENTS_DAMAGED);
    free(plain);
    plain = plaintext_make(floor - 1, 5000); /* not the padded size of its image */
    assert_int_equal(open_plaintext("inner-size", plain, floor - 1), ODAAT_ERR_CONTENTS_DAMAGED);
    free(plain);
    plain = plaintext_make(floor, 0); /* an empty image */
    assert_int_equal(open_plaintext("inner-empty", plain, floor), ODAAT_ERR_CONTENTS_DAMAGED);
    free(plain);
    plain = plaintext_make(floor, 5000);
    plain[2] ^= 1; /* the inner magic */
    assert_int_equal(open_plaintext("inner-magic", plain, floor), ODAAT_ERR_CONTENTS_DAMAGED);
    free(plain);
    /* An image length far beyond the file is refused before anything is allocated for it. */
    plain = plaintext_make(2000, 1ull << 33);
    assert_int_equal(open_plaintext("inner-huge", plain, 2000), ODAAT_ERR_CONTENTS_DAMAGED);
    free(plain);
    plain = plaintext_make(10, 0); /* shorter than the inner header */
    assert_int_equal(open_plaintext("inner-short", plain, 10), ODAAT_ERR_CONTENTS_DAMAGED);
    free(plain);
}

static void test_data_folder_follows_the_documented_order(void **state)
{
    (void)state;
    char *out = NULL;
    setenv("HOME", "/home/someone", 1);
    unsetenv("ODAAT_HOME");
    unsetenv("XDG_DATA_HOME");
    assert_int_equal(vault_data_dir(NULL, &out), ODAAT_OK);
    assert_string_equal(out, "/home/someone/.local/share/odaat");
    free(out);
    setenv("XDG_DATA_HOME", "/xdg", 1);
    assert_int_equal(vault_data_dir(NULL, &out), ODAAT_OK);
    assert_string_equal(out, "/xdg/odaat");
    free(out);
    setenv("XDG_DATA_HOME", "relative", 1); /* the XDG spec ignores relative paths */
    assert_int_equal(vault_data_dir(NULL, &out), ODAAT_OK);
    assert_string_equal(out, "/home/someone/.local/share/odaat");
    free(out);
    setenv("ODAAT_HOME", "/o", 1);
    assert_int_equal(vault_data_dir(NULL, &out), ODAAT_OK);
    assert_string_equal(out, "/o");
    free(out);
    assert_int_equal(vault_data_dir("/given", &out), ODAAT_OK);
    assert_string_equal(out, "/given");
    free(out);
    unsetenv("ODAAT_HOME");
    unsetenv("XDG_DATA_HOME");
    unsetenv("HOME");
    assert_int_equal(vault_data_dir(NULL, &out), ODAAT_ERR_IO);
}

static void test_the_process_is_hardened(void **state)
{
    (void)state;
    assert_int_equal(vault_harden_process(), ODAAT_OK);
    mode_t old = umask(0);
    umask(old);
    assert_int_equal(old, 077);
    assert_int_equal(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
    struct rlimit core;
    assert_int_equal(getrlimit(RLIMIT_CORE, &core), 0);
    assert_int_equal(core.rlim_cur, 0);
    struct sigaction sa;
    assert_int_equal(sigaction(SIGXFSZ, NULL, &sa), 0);
    assert_true(sa.sa_handler == SIG_IGN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_keeps_the_image_and_makes_private_files),
        cmocka_unit_test(test_round_trip_with_the_interactive_profile),
        cmocka_unit_test(test_saves_count_up_and_replace_the_image),
        cmocka_unit_test(test_wrong_passphrase_is_its_own_error_and_changes_nothing),
        cmocka_unit_test(test_every_header_bit_flipped_is_a_damaged_header),
        cmocka_unit_test(test_newer_version_and_doctored_costs_are_refused),
        cmocka_unit_test(test_payload_bit_flips_are_damaged_contents),
        cmocka_unit_test(test_truncation_at_every_chunk_boundary_and_either_side),
        cmocka_unit_test(test_appended_bytes_are_damaged_contents),
        cmocka_unit_test(test_swapped_chunks_are_damaged_contents),
        cmocka_unit_test(test_one_files_header_on_anothers_payload_is_refused),
        cmocka_unit_test(test_empty_file_folder_link_and_pipe_each_have_their_error),
        cmocka_unit_test(test_a_folder_without_store_is_left_untouched),
        cmocka_unit_test(test_a_folder_others_can_write_is_refused),
        cmocka_unit_test(test_a_second_open_is_busy_until_the_first_closes),
        cmocka_unit_test(test_create_refuses_an_existing_store_and_bad_passphrases),
        cmocka_unit_test(test_passphrase_change_rewraps_without_reencrypting),
        cmocka_unit_test(test_check_secret_answers_and_changes_nothing),
        cmocka_unit_test(test_recovery_code_opens_as_people_type_it),
        cmocka_unit_test(test_rotate_key_gives_new_code_and_drops_old_backups),
        cmocka_unit_test(test_backups_keep_generations_that_open_with_the_key),
        cmocka_unit_test(test_a_promotion_cut_short_is_finished_without_loss),
        cmocka_unit_test(test_a_store_changed_on_disk_is_never_overwritten),
        cmocka_unit_test(test_leftover_temp_files_are_removed_at_open),
        cmocka_unit_test(test_small_stores_have_one_size_and_large_ones_pad),
        cmocka_unit_test(test_marker_text_never_reaches_the_disk),
        cmocka_unit_test(test_recover_sets_a_new_passphrase_with_the_code),
        cmocka_unit_test(test_one_and_365_checkins_look_alike_and_leave_no_text),
        cmocka_unit_test(test_the_inner_header_and_padding_are_checked_after_decryption),
        cmocka_unit_test(test_data_folder_follows_the_documented_order),
        cmocka_unit_test(test_the_process_is_hardened),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
