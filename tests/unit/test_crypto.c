/*
 * test_crypto: the libsodium wrapper. KDF profiles and the limits a reader accepts, key
 * wrapping bound to its associated data, the chunked secretstream (order, final tag), the
 * header checksum against a published BLAKE2b value, and recovery codes as people type them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "odaat/crypto.h"

static int setup(void **state)
{
    (void)state;
    return crypto_init() == ODAAT_OK ? 0 : -1;
}

static void test_profiles_name_argon2id_with_libsodium_costs(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        uint32_t ops;
        uint32_t mem_kib;
    } rows[] = {
        {"interactive", 2, 64 * 1024},
        {"moderate", 3, 256 * 1024},
        {"sensitive", 4, 1024 * 1024},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        enum crypto_kdf_profile p;
        assert_true(crypto_kdf_profile_parse(rows[i].name, &p));
        struct crypto_kdf_costs c = crypto_kdf_profile_costs(p);
        assert_int_equal(c.kdf_id, CRYPTO_KDF_ARGON2ID13);
        assert_int_equal(c.ops, rows[i].ops);
        assert_int_equal(c.mem_kib, rows[i].mem_kib);
        assert_true(crypto_kdf_costs_acceptable(&c));
    }
}

static void test_unknown_profile_is_refused(void **state)
{
    (void)state;
    enum crypto_kdf_profile p;
    assert_false(crypto_kdf_profile_parse("fast", &p));
    assert_false(crypto_kdf_profile_parse("", &p));
    assert_false(crypto_kdf_profile_parse(NULL, &p));
    assert_false(crypto_kdf_profile_parse("Moderate", &p));
}

static void test_doctored_costs_are_refused_before_deriving(void **state)
{
    (void)state;
    static const struct crypto_kdf_costs bad[] = {
        {CRYPTO_KDF_ARGON2ID13, 3, CRYPTO_KDF_MEM_MAX_KIB + 1}, /* over 1 GiB */
        {CRYPTO_KDF_ARGON2ID13, CRYPTO_KDF_OPS_MAX + 1, 65536}, /* over 10 passes */
        {CRYPTO_KDF_ARGON2ID13, 0, 65536},                      /* no pass at all */
        {CRYPTO_KDF_ARGON2ID13, 3, 4},                          /* under libsodium's minimum */
        {2, 3, 65536},                                          /* an unknown KDF */
        {0, 3, 65536},
    };
    uint8_t salt[CRYPTO_SALT_BYTES] = {0};
    uint8_t *key = crypto_secure_alloc(CRYPTO_KEY_BYTES);
    assert_non_null(key);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(crypto_kdf_costs_acceptable(&bad[i]));
        assert_int_equal(crypto_kdf_derive(&bad[i], (const uint8_t *)"pw", 2, salt, key),
                         ODAAT_ERR_HEADER_DAMAGED);
    }
    crypto_secure_free(key);
}

static void test_derive_depends_on_secret_and_salt(void **state)
{
    (void)state;
    enum crypto_kdf_profile p;
    assert_true(crypto_kdf_profile_parse("test-minimum", &p));
    struct crypto_kdf_costs c = crypto_kdf_profile_costs(p);
    uint8_t salt_a[CRYPTO_SALT_BYTES] = {1};
    uint8_t salt_b[CRYPTO_SALT_BYTES] = {2};
    uint8_t k1[CRYPTO_KEY_BYTES], k2[CRYPTO_KEY_BYTES], k3[CRYPTO_KEY_BYTES], k4[CRYPTO_KEY_BYTES];
    assert_int_equal(crypto_kdf_derive(&c, (const uint8_t *)"one day", 7, salt_a, k1), ODAAT_OK);
    assert_int_equal(crypto_kdf_derive(&c, (const uint8_t *)"one day", 7, salt_a, k2), ODAAT_OK);
    assert_int_equal(crypto_kdf_derive(&c, (const uint8_t *)"one day", 7, salt_b, k3), ODAAT_OK);
    assert_int_equal(crypto_kdf_derive(&c, (const uint8_t *)"one dax", 7, salt_a, k4), ODAAT_OK);
    assert_memory_equal(k1, k2, sizeof k1);
    assert_memory_not_equal(k1, k3, sizeof k1);
    assert_memory_not_equal(k1, k4, sizeof k1);
}

static void test_wrapped_key_opens_only_with_its_kek_and_ad(void **state)
{
    (void)state;
    uint8_t kek[CRYPTO_KEY_BYTES], other[CRYPTO_KEY_BYTES], key[CRYPTO_KEY_BYTES];
    uint8_t nonce[CRYPTO_WRAP_NONCE_BYTES], wrapped[CRYPTO_WRAPPED_KEY_BYTES];
    uint8_t out[CRYPTO_KEY_BYTES];
    crypto_random(kek, sizeof kek);
    crypto_random(other, sizeof other);
    crypto_random(key, sizeof key);
    const uint8_t ad[] = "slot 0 parameters";
    crypto_wrap_key(kek, key, ad, sizeof ad, nonce, wrapped);
    assert_true(crypto_unwrap_key(kek, nonce, wrapped, ad, sizeof ad, out));
    assert_memory_equal(out, key, sizeof key);
    assert_false(crypto_unwrap_key(other, nonce, wrapped, ad, sizeof ad, out));
    const uint8_t other_ad[] = "slot 1 parameters";
    assert_false(crypto_unwrap_key(kek, nonce, wrapped, other_ad, sizeof other_ad, out));
    wrapped[5] ^= 1;
    assert_false(crypto_unwrap_key(kek, nonce, wrapped, ad, sizeof ad, out));
}

/* Seals three chunks and returns them in sealed (3 * (len + tag) bytes). */
static void seal_three(const uint8_t *key, uint8_t header[CRYPTO_STREAM_HEADER_BYTES],
                       const uint8_t plain[3][100],
                       uint8_t sealed[3][100 + CRYPTO_STREAM_TAG_BYTES])
{
    struct crypto_chunker *s = crypto_seal_start(key, header);
    assert_non_null(s);
    for (int i = 0; i < 3; i++)
        crypto_seal_chunk(s, plain[i], 100, (const uint8_t *)"ad", 2, i == 2, sealed[i]);
    crypto_stream_free(s);
}

static void test_stream_opens_in_order_and_marks_the_last_chunk(void **state)
{
    (void)state;
    uint8_t key[CRYPTO_KEY_BYTES], header[CRYPTO_STREAM_HEADER_BYTES];
    uint8_t plain[3][100], sealed[3][100 + CRYPTO_STREAM_TAG_BYTES], out[100];
    crypto_random(key, sizeof key);
    for (int i = 0; i < 3; i++)
        memset(plain[i], 'a' + i, 100);
    seal_three(key, header, (const uint8_t(*)[100])plain, sealed);
    struct crypto_chunker *o = crypto_open_start(key, header);
    assert_non_null(o);
    for (int i = 0; i < 3; i++) {
        bool last = true;
        assert_true(crypto_open_chunk(o, sealed[i], sizeof sealed[i], (const uint8_t *)"ad", 2, out,
                                      &last));
        assert_memory_equal(out, plain[i], 100);
        assert_int_equal(last, i == 2);
    }
    crypto_stream_free(o);
}

static void test_stream_refuses_swapped_chunks_and_other_ad(void **state)
{
    (void)state;
    uint8_t key[CRYPTO_KEY_BYTES], header[CRYPTO_STREAM_HEADER_BYTES];
    uint8_t plain[3][100] = {{0}}, sealed[3][100 + CRYPTO_STREAM_TAG_BYTES], out[100];
    bool last = false;
    crypto_random(key, sizeof key);
    seal_three(key, header, (const uint8_t(*)[100])plain, sealed);
    struct crypto_chunker *o = crypto_open_start(key, header);
    assert_true(
        crypto_open_chunk(o, sealed[0], sizeof sealed[0], (const uint8_t *)"ad", 2, out, &last));
    assert_false(
        crypto_open_chunk(o, sealed[2], sizeof sealed[2], (const uint8_t *)"ad", 2, out, &last));
    crypto_stream_free(o);
    o = crypto_open_start(key, header);
    assert_false(
        crypto_open_chunk(o, sealed[0], sizeof sealed[0], (const uint8_t *)"xx", 2, out, &last));
    crypto_stream_free(o);
}

static void test_checksum_is_unkeyed_blake2b_256(void **state)
{
    (void)state;
    /* BLAKE2b-256 of the empty string and of "abc" (RFC 7693 family, published values). */
    static const uint8_t empty[32] = {
        0x0e, 0x57, 0x51, 0xc0, 0x26, 0xe5, 0x43, 0xb2, 0xe8, 0xab, 0x2e,
        0xb0, 0x60, 0x99, 0xda, 0xa1, 0xd1, 0xe5, 0xdf, 0x47, 0x77, 0x8f,
        0x77, 0x87, 0xfa, 0xab, 0x45, 0xcd, 0xf1, 0x2f, 0xe3, 0xa8,
    };
    static const uint8_t abc[32] = {
        0xbd, 0xdd, 0x81, 0x3c, 0x63, 0x42, 0x39, 0x72, 0x31, 0x71, 0xef,
        0x3f, 0xee, 0x98, 0x57, 0x9b, 0x94, 0x96, 0x4e, 0x3b, 0xb1, 0xcb,
        0x3e, 0x42, 0x72, 0x62, 0xc8, 0xc0, 0x68, 0xd5, 0x23, 0x19,
    };
    uint8_t out[CRYPTO_HASH_BYTES];
    crypto_checksum("", 0, out);
    assert_memory_equal(out, empty, sizeof out);
    crypto_checksum("abc", 3, out);
    assert_memory_equal(out, abc, sizeof out);
}

static void test_recovery_code_is_26_base32_characters_in_groups(void **state)
{
    (void)state;
    char text[CRYPTO_RECOVERY_TEXT_SIZE];
    char other[CRYPTO_RECOVERY_TEXT_SIZE];
    crypto_recovery_new(text);
    crypto_recovery_new(other);
    assert_int_equal(strlen(text), 31);
    for (int i = 0; i < 31; i++) {
        if (i % 6 == 5)
            assert_int_equal(text[i], '-');
        else
            assert_non_null(strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", text[i]));
    }
    assert_string_not_equal(text, other);
    char code[CRYPTO_RECOVERY_CHARS + 1];
    assert_int_equal(crypto_recovery_normalise(text, code), ODAAT_OK);
    assert_int_equal(strlen(code), 26);
}

static void test_recovery_code_forgives_case_spaces_and_lookalikes(void **state)
{
    (void)state;
    char code[CRYPTO_RECOVERY_CHARS + 1];
    assert_int_equal(crypto_recovery_normalise("ABCDE-FGHJK-MNPQR-STVWX-YZ012-4", code), ODAAT_OK);
    assert_string_equal(code, "ABCDEFGHJKMNPQRSTVWXYZ0124");
    assert_int_equal(crypto_recovery_normalise("abcde fghjk mnpqr stvwx yzo1i 4\n", code),
                     ODAAT_OK);
    assert_string_equal(code, "ABCDEFGHJKMNPQRSTVWXYZ0114");
    assert_int_equal(crypto_recovery_normalise("abcdefghjkmnpqrstvwxyzOIL4", code), ODAAT_OK);
    assert_string_equal(code, "ABCDEFGHJKMNPQRSTVWXYZ0114");
}

static void test_recovery_code_refuses_bad_shapes(void **state)
{
    (void)state;
    char code[CRYPTO_RECOVERY_CHARS + 1];
    static const char *const bad[] = {
        "",
        "ABCDE-FGHJK-MNPQR-STVWX-YZ012",          /* 25 characters */
        "ABCDE-FGHJK-MNPQR-STVWX-YZ012-44",       /* 27 characters */
        "ABCDE-FGHJK-MNPQR-STVWX-YZ01U-4",        /* U is not in the alphabet */
        "ABCDE-FGHJK-MNPQR-STVWX-YZ012-5",        /* the last character's low bits must be 0 */
        "ABCDE_FGHJK-MNPQR-STVWX-YZ012-4",        /* '_' is not a separator */
        "ABCDE-FGHJK-MNPQR-STVWX-YZ012-\xc3\x84", /* not ASCII */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(crypto_recovery_normalise(bad[i], code), ODAAT_ERR_RECOVERY_CODE_SYNTAX);
}

static void test_secure_memory_round_trip_and_wipe(void **state)
{
    (void)state;
    uint8_t *p = crypto_secure_alloc(64);
    assert_non_null(p);
    memset(p, 0xAB, 64);
    crypto_secure_noaccess(p);
    crypto_secure_readwrite(p);
    assert_int_equal(p[63], 0xAB);
    crypto_wipe(p, 64);
    for (int i = 0; i < 64; i++)
        assert_int_equal(p[i], 0);
    crypto_secure_free(p);
    crypto_secure_free(NULL);
    assert_true(crypto_equal("abc", "abc", 3));
    assert_false(crypto_equal("abc", "abd", 3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_profiles_name_argon2id_with_libsodium_costs),
        cmocka_unit_test(test_unknown_profile_is_refused),
        cmocka_unit_test(test_doctored_costs_are_refused_before_deriving),
        cmocka_unit_test(test_derive_depends_on_secret_and_salt),
        cmocka_unit_test(test_wrapped_key_opens_only_with_its_kek_and_ad),
        cmocka_unit_test(test_stream_opens_in_order_and_marks_the_last_chunk),
        cmocka_unit_test(test_stream_refuses_swapped_chunks_and_other_ad),
        cmocka_unit_test(test_checksum_is_unkeyed_blake2b_256),
        cmocka_unit_test(test_recovery_code_is_26_base32_characters_in_groups),
        cmocka_unit_test(test_recovery_code_forgives_case_spaces_and_lookalikes),
        cmocka_unit_test(test_recovery_code_refuses_bad_shapes),
        cmocka_unit_test(test_secure_memory_round_trip_and_wipe),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
