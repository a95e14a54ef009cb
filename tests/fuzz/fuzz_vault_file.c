/*
 * fuzz_vault_file: any bytes as the store file. The vault must answer with one of its
 * errors (or open a file the fuzzer happened to forge validly) and never crash, hang, leak
 * or read out of bounds. Built with -DODAAT_FUZZ_NO_KDF so the key derivation is a hash and
 * the fuzzer's time goes to the header and payload parsers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "odaat/vault.h"

static char dir[64];
static char store_path[96];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (dir[0] == '\0') {
        snprintf(dir, sizeof dir, "/tmp/odaat-fuzz-file-XXXXXX");
        if (mkdtemp(dir) == NULL || vault_harden_process() != ODAAT_OK)
            abort();
        snprintf(store_path, sizeof store_path, "%s/store", dir);
    }
    FILE *f = fopen(store_path, "wb");
    if (f == NULL)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    struct vault_secret secret = {VAULT_PASSPHRASE, "fuzz", 4};
    struct vault *v = NULL;
    uint8_t *image = NULL;
    size_t len = 0;
    enum odaat_err err = vault_open(dir, &secret, &v, &image, &len);
    if ((err == ODAAT_OK) != (v != NULL) || (err == ODAAT_OK) != (image != NULL))
        abort();
    sqlite3_free(image);
    vault_close(v);
    return 0;
}
