/*
 * crypto: every use of libsodium, behind names that say what odaat needs. This header does
 * not include sodium.h; only crypto.c does. Keys and passphrases live in secure buffers
 * (guarded pages, locked in memory, wiped when freed).
 */
#ifndef ODAAT_CRYPTO_H
#define ODAAT_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "odaat/err.h"

#define CRYPTO_KEY_BYTES           32
#define CRYPTO_SALT_BYTES          16
#define CRYPTO_WRAP_NONCE_BYTES    24
#define CRYPTO_WRAP_TAG_BYTES      16
#define CRYPTO_WRAPPED_KEY_BYTES   (CRYPTO_KEY_BYTES + CRYPTO_WRAP_TAG_BYTES)
#define CRYPTO_STREAM_HEADER_BYTES 24
#define CRYPTO_STREAM_TAG_BYTES    17
#define CRYPTO_HASH_BYTES          32

/* The plaintext size of one sealed chunk; every chunk but the last is exactly this size. */
#define CRYPTO_CHUNK_BYTES 65536

/* The key-derivation function named in a file: Argon2id version 1.3, never "the default". */
#define CRYPTO_KDF_ARGON2ID13 1

/* The highest costs a reader accepts, so a doctored header cannot hang or exhaust it. */
#define CRYPTO_KDF_MEM_MAX_KIB (1024u * 1024u)
#define CRYPTO_KDF_OPS_MAX     10u

/* A recovery code: 128 random bits written as 26 base32 characters, shown in groups. */
#define CRYPTO_RECOVERY_BITS  128
#define CRYPTO_RECOVERY_CHARS 26
/* Five groups of five characters and one of one, dashes between, plus NUL, with room. */
#define CRYPTO_RECOVERY_TEXT_SIZE 40

enum crypto_kdf_profile {
    CRYPTO_KDF_INTERACTIVE, /* 2 passes, 64 MiB */
    CRYPTO_KDF_MODERATE,    /* 3 passes, 256 MiB: the default */
    CRYPTO_KDF_SENSITIVE,   /* 4 passes, 1 GiB */
#ifdef ODAAT_TEST_KDF
    CRYPTO_KDF_TEST_MINIMUM, /* 1 pass, 8 KiB: compiled only into test programs */
#endif
};

struct crypto_kdf_costs {
    uint8_t kdf_id;
    uint32_t ops;
    uint32_t mem_kib;
};

/* Starts libsodium once; later calls are cheap. Errors: ODAAT_ERR_CRYPTO_INIT. */
enum odaat_err crypto_init(void);

/* Parses "interactive", "moderate", "sensitive" (and "test-minimum" in test programs). */
bool crypto_kdf_profile_parse(const char *text, enum crypto_kdf_profile *out);

/* Returns the costs of a profile. */
struct crypto_kdf_costs crypto_kdf_profile_costs(enum crypto_kdf_profile profile);

/* Returns true when costs name a known KDF within the limits a reader accepts. */
bool crypto_kdf_costs_acceptable(const struct crypto_kdf_costs *costs);

/*
 * Derives a key from secret (a passphrase or a normalised recovery code) and salt into key
 * (CRYPTO_KEY_BYTES, a secure buffer). Errors: ODAAT_ERR_HEADER_DAMAGED for costs outside
 * the accepted limits, ODAAT_ERR_NOMEM when the memory cost cannot be had.
 */
enum odaat_err crypto_kdf_derive(const struct crypto_kdf_costs *costs, const uint8_t *secret,
                                 size_t secret_len, const uint8_t salt[CRYPTO_SALT_BYTES],
                                 uint8_t *key);

/* Fills buf with random bytes. */
void crypto_random(void *buf, size_t len);

/* Allocates len bytes of secure memory (guarded, locked, wiped on free); NULL when out of
 * memory. Free with crypto_secure_free. */
void *crypto_secure_alloc(size_t len);

/* Wipes and frees memory from crypto_secure_alloc; NULL is fine. */
void crypto_secure_free(void *ptr);

/* Makes secure memory unreadable until crypto_secure_readwrite (a key at rest while idle). */
void crypto_secure_noaccess(void *ptr);
void crypto_secure_readwrite(void *ptr);

/* Wipes len bytes at ptr in a way the compiler cannot skip. */
void crypto_wipe(void *ptr, size_t len);

/* Compares two byte strings in constant time; true when equal. */
bool crypto_equal(const void *a, const void *b, size_t len);

/*
 * Wraps the data key with a key-encryption key: XChaCha20-Poly1305 with a fresh random
 * nonce; ad (the slot's KDF parameters) is authenticated with it.
 */
void crypto_wrap_key(const uint8_t *kek, const uint8_t *data_key, const uint8_t *ad, size_t ad_len,
                     uint8_t nonce[CRYPTO_WRAP_NONCE_BYTES],
                     uint8_t wrapped[CRYPTO_WRAPPED_KEY_BYTES]);

/* Unwraps into data_key (a secure buffer); false when the key or ad is wrong. */
bool crypto_unwrap_key(const uint8_t *kek, const uint8_t nonce[CRYPTO_WRAP_NONCE_BYTES],
                       const uint8_t wrapped[CRYPTO_WRAPPED_KEY_BYTES], const uint8_t *ad,
                       size_t ad_len, uint8_t *data_key);

/* Unkeyed BLAKE2b-256 of data. */
void crypto_checksum(const void *data, size_t len, uint8_t out[CRYPTO_HASH_BYTES]);

/* A secretstream being sealed or opened; opaque, in secure memory. */
struct crypto_chunker;

/* Starts sealing under key; writes the stream header. NULL when out of memory. */
struct crypto_chunker *crypto_seal_start(const uint8_t *key,
                                         uint8_t header[CRYPTO_STREAM_HEADER_BYTES]);

/* Seals one chunk of len <= CRYPTO_CHUNK_BYTES bytes into out (len +
 * CRYPTO_STREAM_TAG_BYTES bytes), binding ad; last marks the final chunk. */
void crypto_seal_chunk(struct crypto_chunker *stream, const uint8_t *in, size_t len,
                       const uint8_t *ad, size_t ad_len, bool last, uint8_t *out);

/* Starts opening a stream under key. NULL when out of memory or the header is invalid. */
struct crypto_chunker *crypto_open_start(const uint8_t *key,
                                         const uint8_t header[CRYPTO_STREAM_HEADER_BYTES]);

/* Opens one sealed chunk of len bytes into out (len - CRYPTO_STREAM_TAG_BYTES bytes); sets
 * *last for the final chunk. false when the chunk is forged, damaged or out of order. */
bool crypto_open_chunk(struct crypto_chunker *stream, const uint8_t *in, size_t len,
                       const uint8_t *ad, size_t ad_len, uint8_t *out, bool *last);

/* Wipes and frees a stream; NULL is fine. */
void crypto_stream_free(struct crypto_chunker *stream);

/* Makes a new recovery code: 128 random bits in text (grouped base32: "ABCDE-FGHJK-...").
 * Free text with crypto_wipe when done. */
void crypto_recovery_new(char text[CRYPTO_RECOVERY_TEXT_SIZE]);

/*
 * Normalises a recovery code as a person may type it (any case, with or without spaces and
 * dashes, O read as 0, I and L as 1) into its 26 canonical characters plus NUL in out.
 * Errors: ODAAT_ERR_RECOVERY_CODE_SYNTAX.
 */
enum odaat_err crypto_recovery_normalise(const char *typed, char out[CRYPTO_RECOVERY_CHARS + 1]);

#endif
