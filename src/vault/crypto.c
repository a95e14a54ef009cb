/*
 * crypto: the only file that includes sodium.h. Argon2id v1.3 is named explicitly (never
 * crypto_pwhash_ALG_DEFAULT), so a file written today opens with any later libsodium; the
 * costs travel in the file beside the salt.
 */
#include "odaat/crypto.h"

#include <sodium.h>
#include <string.h>

/* Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
static const char recovery_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

struct crypto_chunker {
    crypto_secretstream_xchacha20poly1305_state state;
};

_Static_assert(CRYPTO_KEY_BYTES == crypto_aead_xchacha20poly1305_ietf_KEYBYTES, "key size");
_Static_assert(CRYPTO_KEY_BYTES == crypto_secretstream_xchacha20poly1305_KEYBYTES, "key size");
_Static_assert(CRYPTO_SALT_BYTES == crypto_pwhash_argon2id_SALTBYTES, "salt size");
_Static_assert(CRYPTO_WRAP_NONCE_BYTES == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, "nonce");
_Static_assert(CRYPTO_WRAP_TAG_BYTES == crypto_aead_xchacha20poly1305_ietf_ABYTES, "tag size");
_Static_assert(CRYPTO_STREAM_HEADER_BYTES == crypto_secretstream_xchacha20poly1305_HEADERBYTES,
               "stream header size");
_Static_assert(CRYPTO_STREAM_TAG_BYTES == crypto_secretstream_xchacha20poly1305_ABYTES,
               "stream tag size");

enum odaat_err crypto_init(void)
{
    return sodium_init() < 0 ? ODAAT_ERR_CRYPTO_INIT : ODAAT_OK;
}

bool crypto_kdf_profile_parse(const char *text, enum crypto_kdf_profile *out)
{
    static const struct {
        const char *name;
        enum crypto_kdf_profile profile;
    } names[] = {
        {"interactive", CRYPTO_KDF_INTERACTIVE},
        {"moderate", CRYPTO_KDF_MODERATE},
        {"sensitive", CRYPTO_KDF_SENSITIVE},
#ifdef ODAAT_TEST_KDF
        {"test-minimum", CRYPTO_KDF_TEST_MINIMUM},
#endif
    };
    for (size_t i = 0; text != NULL && i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(text, names[i].name) == 0) {
            *out = names[i].profile;
            return true;
        }
    }
    return false;
}

struct crypto_kdf_costs crypto_kdf_profile_costs(enum crypto_kdf_profile profile)
{
    struct crypto_kdf_costs costs = {CRYPTO_KDF_ARGON2ID13, 0, 0};
    switch (profile) {
    case CRYPTO_KDF_INTERACTIVE:
        costs.ops = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
        costs.mem_kib = (uint32_t)(crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE / 1024);
        break;
    case CRYPTO_KDF_MODERATE:
        costs.ops = crypto_pwhash_argon2id_OPSLIMIT_MODERATE;
        costs.mem_kib = (uint32_t)(crypto_pwhash_argon2id_MEMLIMIT_MODERATE / 1024);
        break;
    case CRYPTO_KDF_SENSITIVE:
        costs.ops = crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE;
        costs.mem_kib = (uint32_t)(crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE / 1024);
        break;
#ifdef ODAAT_TEST_KDF
    case CRYPTO_KDF_TEST_MINIMUM:
        costs.ops = crypto_pwhash_argon2id_OPSLIMIT_MIN;
        costs.mem_kib = (uint32_t)(crypto_pwhash_argon2id_MEMLIMIT_MIN / 1024);
        break;
#endif
    }
    return costs;
}

bool crypto_kdf_costs_acceptable(const struct crypto_kdf_costs *costs)
{
    return costs->kdf_id == CRYPTO_KDF_ARGON2ID13 &&
           costs->ops >= crypto_pwhash_argon2id_OPSLIMIT_MIN && costs->ops <= CRYPTO_KDF_OPS_MAX &&
           (size_t)costs->mem_kib * 1024u >= crypto_pwhash_argon2id_MEMLIMIT_MIN &&
           costs->mem_kib <= CRYPTO_KDF_MEM_MAX_KIB;
}

enum odaat_err crypto_kdf_derive(const struct crypto_kdf_costs *costs, const uint8_t *secret,
                                 size_t secret_len, const uint8_t salt[CRYPTO_SALT_BYTES],
                                 uint8_t *key)
{
    if (!crypto_kdf_costs_acceptable(costs))
        return ODAAT_ERR_HEADER_DAMAGED;
#ifdef ODAAT_FUZZ_NO_KDF
    /* Fuzz builds only (-Dfuzz=true): a keyed hash stands in for Argon2id so the parser,
     * not the KDF, takes the time. Never compiled into odaat itself. */
    crypto_generichash(key, CRYPTO_KEY_BYTES, secret, secret_len, salt, CRYPTO_SALT_BYTES);
    return ODAAT_OK;
#endif
    if (crypto_pwhash(key, CRYPTO_KEY_BYTES, (const char *)secret, secret_len, salt, costs->ops,
                      (size_t)costs->mem_kib * 1024u, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return ODAAT_ERR_NOMEM;
    return ODAAT_OK;
}

void crypto_random(void *buf, size_t len)
{
    randombytes_buf(buf, len);
}

void *crypto_secure_alloc(size_t len)
{
    return sodium_malloc(len);
}

void crypto_secure_free(void *ptr)
{
    if (ptr != NULL)
        sodium_free(ptr);
}

void crypto_secure_noaccess(void *ptr)
{
    sodium_mprotect_noaccess(ptr);
}

void crypto_secure_readwrite(void *ptr)
{
    sodium_mprotect_readwrite(ptr);
}

void crypto_wipe(void *ptr, size_t len)
{
    sodium_memzero(ptr, len);
}

bool crypto_equal(const void *a, const void *b, size_t len)
{
    return sodium_memcmp(a, b, len) == 0;
}

void crypto_wrap_key(const uint8_t *kek, const uint8_t *data_key, const uint8_t *ad, size_t ad_len,
                     uint8_t nonce[CRYPTO_WRAP_NONCE_BYTES],
                     uint8_t wrapped[CRYPTO_WRAPPED_KEY_BYTES])
{
    randombytes_buf(nonce, CRYPTO_WRAP_NONCE_BYTES);
    crypto_aead_xchacha20poly1305_ietf_encrypt(wrapped, NULL, data_key, CRYPTO_KEY_BYTES, ad,
                                               ad_len, NULL, nonce, kek);
}

bool crypto_unwrap_key(const uint8_t *kek, const uint8_t nonce[CRYPTO_WRAP_NONCE_BYTES],
                       const uint8_t wrapped[CRYPTO_WRAPPED_KEY_BYTES], const uint8_t *ad,
                       size_t ad_len, uint8_t *data_key)
{
    return crypto_aead_xchacha20poly1305_ietf_decrypt(data_key, NULL, NULL, wrapped,
                                                      CRYPTO_WRAPPED_KEY_BYTES, ad, ad_len, nonce,
                                                      kek) == 0;
}

void crypto_checksum(const void *data, size_t len, uint8_t out[CRYPTO_HASH_BYTES])
{
    crypto_generichash(out, CRYPTO_HASH_BYTES, data, len, NULL, 0);
}

struct crypto_chunker *crypto_seal_start(const uint8_t *key,
                                         uint8_t header[CRYPTO_STREAM_HEADER_BYTES])
{
    struct crypto_chunker *stream = sodium_malloc(sizeof *stream);
    if (stream == NULL)
        return NULL;
    crypto_secretstream_xchacha20poly1305_init_push(&stream->state, header, key);
    return stream;
}

void crypto_seal_chunk(struct crypto_chunker *stream, const uint8_t *in, size_t len,
                       const uint8_t *ad, size_t ad_len, bool last, uint8_t *out)
{
    uint8_t tag = last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                       : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    crypto_secretstream_xchacha20poly1305_push(&stream->state, out, NULL, in, len, ad, ad_len, tag);
}

struct crypto_chunker *crypto_open_start(const uint8_t *key,
                                         const uint8_t header[CRYPTO_STREAM_HEADER_BYTES])
{
    struct crypto_chunker *stream = sodium_malloc(sizeof *stream);
    if (stream == NULL)
        return NULL;
    if (crypto_secretstream_xchacha20poly1305_init_pull(&stream->state, header, key) != 0) {
        sodium_free(stream);
        return NULL;
    }
    return stream;
}

bool crypto_open_chunk(struct crypto_chunker *stream, const uint8_t *in, size_t len,
                       const uint8_t *ad, size_t ad_len, uint8_t *out, bool *last)
{
    unsigned char tag = 0;
    if (len < CRYPTO_STREAM_TAG_BYTES)
        return false;
    if (crypto_secretstream_xchacha20poly1305_pull(&stream->state, out, NULL, &tag, in, len, ad,
                                                   ad_len) != 0)
        return false;
    /* Only the two tags odaat writes are valid; a PUSH or REKEY tag means a forged file. */
    if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE &&
        tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        return false;
    *last = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    return true;
}

void crypto_stream_free(struct crypto_chunker *stream)
{
    if (stream != NULL)
        sodium_free(stream);
}

void crypto_recovery_new(char text[CRYPTO_RECOVERY_TEXT_SIZE])
{
    uint8_t bits[CRYPTO_RECOVERY_BITS / 8];
    char code[CRYPTO_RECOVERY_CHARS];
    randombytes_buf(bits, sizeof bits);
    /* 26 characters of 5 bits carry 130 bits: the 128 random bits and two zero bits. */
    for (int i = 0; i < CRYPTO_RECOVERY_CHARS; i++) {
        unsigned value = 0;
        for (int b = 0; b < 5; b++) {
            int bit = i * 5 + b;
            unsigned v = bit < CRYPTO_RECOVERY_BITS ? (bits[bit / 8] >> (7 - bit % 8)) & 1u : 0u;
            value = (value << 1) | v;
        }
        code[i] = recovery_alphabet[value];
    }
    size_t out = 0;
    for (int i = 0; i < CRYPTO_RECOVERY_CHARS; i++) {
        if (i > 0 && i % 5 == 0)
            text[out++] = '-';
        text[out++] = code[i];
    }
    text[out] = '\0';
    sodium_memzero(bits, sizeof bits);
    sodium_memzero(code, sizeof code);
}

/* Maps one typed character to its canonical base32 character, or 0 when it is not one. */
static char recovery_canonical(char c)
{
    if (c >= 'a' && c <= 'z')
        c = (char)(c - 'a' + 'A');
    if (c == 'O')
        return '0';
    if (c == 'I' || c == 'L')
        return '1';
    return (c != '\0' && strchr(recovery_alphabet, c) != NULL) ? c : 0;
}

enum odaat_err crypto_recovery_normalise(const char *typed, char out[CRYPTO_RECOVERY_CHARS + 1])
{
    size_t n = 0;
    for (const char *p = typed; p != NULL && *p != '\0'; p++) {
        if (*p == ' ' || *p == '-' || *p == '\t' || *p == '\n' || *p == '\r')
            continue;
        char c = recovery_canonical(*p);
        if (c == 0 || n == CRYPTO_RECOVERY_CHARS) {
            sodium_memzero(out, CRYPTO_RECOVERY_CHARS + 1);
            return ODAAT_ERR_RECOVERY_CODE_SYNTAX;
        }
        out[n++] = c;
    }
    /* The last character holds 3 random bits and two zero bits. */
    if (n != CRYPTO_RECOVERY_CHARS ||
        (strchr(recovery_alphabet, out[n - 1]) - recovery_alphabet) % 4 != 0) {
        sodium_memzero(out, CRYPTO_RECOVERY_CHARS + 1);
        return ODAAT_ERR_RECOVERY_CODE_SYNTAX;
    }
    out[n] = '\0';
    return ODAAT_OK;
}
