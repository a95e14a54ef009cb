/*
 * fuzz_vault_payload: any bytes as the decrypted payload. The fuzzer's input is sealed
 * properly with a known passphrase, so everything after decryption is exercised: the inner
 * header, the image length, the padding checks, and then the store opening whatever SQLite
 * image came out (integrity check, schema version, migrations).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "odaat/store.h"
#include "odaat/vault.h"

static char dir[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (dir[0] == '\0') {
        snprintf(dir, sizeof dir, "/tmp/odaat-fuzz-payload-XXXXXX");
        if (mkdtemp(dir) == NULL || vault_harden_process() != ODAAT_OK ||
            store_global_init() != ODAAT_OK)
            abort();
    }
    if (size == 0 || vault_test_seal_plaintext(dir, "fuzz", data, size) != ODAAT_OK)
        return 0;
    struct vault_secret secret = {VAULT_PASSPHRASE, "fuzz", 4};
    struct vault *v = NULL;
    uint8_t *image = NULL;
    size_t len = 0;
    if (vault_open(dir, &secret, &v, &image, &len) == ODAAT_OK) {
        struct store *store = NULL;
        if (store_open_image(image, len, &store) == ODAAT_OK)
            store_close(store);
        vault_close(v);
    }
    return 0;
}
