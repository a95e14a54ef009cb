/*
 * fuzz_seed: writes a starting corpus for the two fuzz targets, made by the same fuzz build
 * (its stand-in KDF) so the seeds are valid: a whole store file, and the plaintext of a
 * payload (inner header, a real SQLite image of a new store, zero padding).
 * Usage: fuzz_seed FILE_CORPUS_DIR PAYLOAD_CORPUS_DIR
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "odaat/store.h"
#include "odaat/vault.h"

static int write_file(const char *path, const uint8_t *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(data, 1, len, f) != len) {
        if (f != NULL)
            fclose(f);
        return -1;
    }
    return fclose(f);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: fuzz_seed FILE_CORPUS_DIR PAYLOAD_CORPUS_DIR\n", stderr);
        return 2;
    }
    if (vault_harden_process() != ODAAT_OK || store_global_init() != ODAAT_OK)
        return 1;
    struct store *store = NULL;
    const uint8_t *image = NULL;
    size_t len = 0;
    if (store_open_image(NULL, 0, &store) != ODAAT_OK ||
        store_image(store, &image, &len) != ODAAT_OK)
        return 1;

    /* The payload plaintext: inner magic, zero, save counter 1, image length, image, padding
     * to the 1 MiB floor (the vault's format, docs/security.md). */
    size_t plain_len = 1u << 20;
    uint8_t *plain = calloc(1, plain_len);
    static const uint8_t inner_magic[4] = {0x51, 0xc3, 0x0e, 0x6a};
    if (plain == NULL || len + 24 > plain_len)
        return 1;
    memcpy(plain, inner_magic, 4);
    plain[8] = 1;
    for (int i = 0; i < 8; i++)
        plain[16 + i] = (uint8_t)((uint64_t)len >> (8 * i));
    memcpy(plain + 24, image, len);
    char path[512];
    snprintf(path, sizeof path, "%s/new-store-plaintext", argv[2]);
    if (write_file(path, plain, plain_len) != 0)
        return 1;

    char dir[] = "/tmp/odaat-fuzz-seed-XXXXXX";
    if (mkdtemp(dir) == NULL)
        return 1;
    char code[CRYPTO_RECOVERY_TEXT_SIZE];
    struct vault *v = NULL;
    if (vault_create(dir, "fuzz", 4, CRYPTO_KDF_TEST_MINIMUM, image, len, code, &v) != ODAAT_OK)
        return 1;
    vault_close(v);
    char store_path[600];
    snprintf(store_path, sizeof store_path, "%s/store", dir);
    FILE *f = fopen(store_path, "rb");
    if (f == NULL)
        return 1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *bytes = malloc((size_t)n);
    if (bytes == NULL || fread(bytes, 1, (size_t)n, f) != (size_t)n)
        return 1;
    fclose(f);
    snprintf(path, sizeof path, "%s/new-store-file", argv[1]);
    if (write_file(path, bytes, (size_t)n) != 0)
        return 1;
    /* The header alone, so short inputs start from a valid header too. */
    snprintf(path, sizeof path, "%s/header-only", argv[1]);
    if (write_file(path, bytes, 296) != 0)
        return 1;
    free(bytes);
    free(plain);
    store_close(store);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}
