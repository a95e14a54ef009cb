/*
 * vault_bench: how long the vault takes to save and to open a store, and what each key
 * derivation profile costs. Not a test: it prints a table and judges nothing.
 *
 * Usage: vault_bench [--quick]   (--quick: 3 runs of each, without 50 MiB and "sensitive")
 *
 * Method. Each figure is the median of repeated runs, with the fastest and slowest beside it.
 *   vault_save  an open store saved with a fresh image of 1, 10 and 50 MiB: sealing, the
 *               temp file, its fsync, the backup links, the rename and the folder's fsync,
 *               so the figure includes the drive's flush. The store lives under $TMPDIR
 *               (else /tmp): point TMPDIR at the disk you care about.
 *   vault_open  the store opened with its passphrase, without the key derivation: the store
 *               is made with the test-minimum KDF profile (1 pass over 8 KiB), whose own
 *               median time, measured alone, is subtracted. What remains is reading the file
 *               (from the page cache: it was just written), checking the header, unwrapping
 *               the key, decrypting the image into fresh memory from odaat's own allocator
 *               (store_global_init: blocks of a MiB or more mapped and populated at once).
 *   Argon2id    crypto_kdf_derive with the costs of each profile (crypto_kdf_profile_costs),
 *               which is what an open or a passphrase change pays once per key slot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "odaat/crypto.h"
#include "odaat/store.h"
#include "vt.h"

#define MIB      (1024u * 1024u)
#define RUNS_MAX 64

struct stats {
    int runs;
    double median;
    double min;
    double max;
};

static int double_compare(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

static struct stats summarise(double *ms, int runs)
{
    qsort(ms, (size_t)runs, sizeof ms[0], double_compare);
    struct stats s = {runs, ms[runs / 2], ms[0], ms[runs - 1]};
    if (runs % 2 == 0)
        s.median = (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
    return s;
}

static void row(const char *what, struct stats s)
{
    printf("%-44s %4d %10.2f %10.2f %10.2f\n", what, s.runs, s.median, s.min, s.max);
    fflush(stdout);
}

/* Times runs key derivations under costs; a fixed passphrase and salt. */
static struct stats time_kdf(const struct crypto_kdf_costs *costs, int runs)
{
    static const char pass[] = VT_PASSPHRASE;
    uint8_t salt[CRYPTO_SALT_BYTES] = {0};
    uint8_t *key = crypto_secure_alloc(CRYPTO_KEY_BYTES);
    double ms[RUNS_MAX];
    if (key == NULL)
        vt_bail("out of secure memory");
    for (int i = 0; i < runs; i++) {
        double t = vt_now_ms();
        if (crypto_kdf_derive(costs, (const uint8_t *)pass, strlen(pass), salt, key) != ODAAT_OK)
            vt_bail("the key derivation failed (out of memory?)");
        ms[i] = vt_now_ms() - t;
    }
    crypto_secure_free(key);
    return summarise(ms, runs);
}

/* Saves and opens a store of image_len bytes, runs times each. */
static void time_store(const char *root, size_t image_len, int runs, double kdf_ms)
{
    char dir[4200];
    char label[96];
    double save_ms[RUNS_MAX];
    double open_ms[RUNS_MAX];
    snprintf(dir, sizeof dir, "%s/store-%zu", root, image_len / MIB);
    uint8_t *image = vt_image_new(0, image_len);
    if (vt_create(dir, image, image_len) != ODAAT_OK)
        vt_bail("cannot create a store of %zu bytes", image_len);

    struct vault *v = NULL;
    uint8_t *opened = NULL;
    size_t len = 0;
    if (vt_open(dir, &v, &opened, &len) != ODAAT_OK)
        vt_bail("cannot open the store");
    sqlite3_free(opened);
    for (int i = 0; i < runs; i++) {
        vt_image_fill(image, (uint64_t)i + 1, image_len);
        double t = vt_now_ms();
        if (vault_save(v, image, image_len) != ODAAT_OK)
            vt_bail("a save failed");
        save_ms[i] = vt_now_ms() - t;
    }
    vault_close(v);
    free(image);

    for (int i = 0; i < runs; i++) {
        double t = vt_now_ms();
        if (vt_open(dir, &v, &opened, &len) != ODAAT_OK)
            vt_bail("an open failed");
        open_ms[i] = vt_now_ms() - t - kdf_ms;
        sqlite3_free(opened);
        vault_close(v);
    }
    double file_mib = (double)vault_file_size(image_len) / MIB;
    snprintf(label, sizeof label, "vault_save %zu MiB (file %.2f MiB)", image_len / MIB, file_mib);
    row(label, summarise(save_ms, runs));
    snprintf(label, sizeof label, "vault_open %zu MiB, without the KDF", image_len / MIB);
    row(label, summarise(open_ms, runs));
    vt_rmtree(dir);
}

int main(int argc, char **argv)
{
    bool quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    if (argc > 2 || (argc == 2 && !quick)) {
        fprintf(stderr, "usage: vault_bench [--quick]\n");
        return 2;
    }
    vt_init();
    /* The image an open returns comes from SQLite's allocator: odaat's own, as in odaat. */
    if (store_global_init() != ODAAT_OK) {
        fprintf(stderr, "vault_bench: SQLite could not start\n");
        return 1;
    }
    char root[4096];
    vt_tempdir(root, sizeof root);

    printf("odaat vault benchmark: milliseconds, median of RUNS (fastest, slowest)\n\n");
    printf("%-44s %4s %10s %10s %10s\n", "operation", "runs", "median", "min", "max");
    struct crypto_kdf_costs minimum = crypto_kdf_profile_costs(CRYPTO_KDF_TEST_MINIMUM);
    struct stats kdf_min = time_kdf(&minimum, quick ? 3 : 41);
    row("Argon2id test-minimum (subtracted below)", kdf_min);

    static const struct {
        size_t mib;
        int runs;
    } sizes[] = {{1, 21}, {10, 11}, {50, 7}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        if (quick && sizes[i].mib > 10)
            continue;
        time_store(root, sizes[i].mib * MIB, quick ? 3 : sizes[i].runs, kdf_min.median);
    }

    static const struct {
        const char *name;
        enum crypto_kdf_profile profile;
        int runs;
    } profiles[] = {
        {"interactive", CRYPTO_KDF_INTERACTIVE, 7},
        {"moderate", CRYPTO_KDF_MODERATE, 5},
        {"sensitive", CRYPTO_KDF_SENSITIVE, 3},
    };
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
        if (quick && profiles[i].profile == CRYPTO_KDF_SENSITIVE)
            continue;
        struct crypto_kdf_costs costs = crypto_kdf_profile_costs(profiles[i].profile);
        char label[96];
        snprintf(label, sizeof label, "Argon2id %s (%u passes, %u MiB)", profiles[i].name,
                 costs.ops, costs.mem_kib / 1024);
        row(label, time_kdf(&costs, quick ? 2 : profiles[i].runs));
    }
    vt_rmtree(root);
    return 0;
}
