/*
 * utf8: every length decodes and encodes back to the same bytes; what is not well-formed
 * UTF-8 (a stray continuation byte, a character cut short, overlong forms, surrogates, values
 * past U+10FFFF) decodes to 0 and leaves the code point alone; encoding refuses what UTF-8
 * cannot hold.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "odaat/utf8.h"

static void test_each_length_round_trips(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        uint32_t cp;
    } cases[] = {
        {"A", 0x41},    {"\x7f", 0x7f},           {"é", 0xe9},    {"\xdf\xbf", 0x7ff},
        {"一", 0x4e00}, {"\xef\xbf\xbd", 0xfffd}, {"😀", 0x1f600}, {"\xf4\x8f\xbf\xbf", 0x10ffff},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const unsigned char *s = (const unsigned char *)cases[i].bytes;
        size_t n = strlen(cases[i].bytes);
        uint32_t cp = 0;
        assert_int_equal(utf8_decode(s, n, &cp), n);
        assert_int_equal(cp, cases[i].cp);
        unsigned char out[4];
        assert_int_equal(utf8_encode(cp, out), n);
        assert_memory_equal(out, s, n);
    }
}

static void test_what_is_not_utf8_decodes_to_nothing(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "\x80",             /* a continuation byte alone */
        "\xc3",             /* cut short */
        "\xe4\xb8",         /* cut short */
        "\xc3\x41",         /* a lead byte, then no continuation */
        "\xc0\xaf",         /* overlong '/' */
        "\xe0\x80\xaf",     /* overlong '/' */
        "\xed\xa0\x80",     /* a surrogate */
        "\xf4\x90\x80\x80", /* past U+10FFFF */
        "\xff",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint32_t cp = 12345;
        assert_int_equal(utf8_decode((const unsigned char *)bad[i], strlen(bad[i]), &cp), 0);
        assert_int_equal(cp, 12345);
    }
    uint32_t cp = 7;
    assert_int_equal(utf8_decode((const unsigned char *)"A", 0, &cp), 0);
    assert_int_equal(cp, 7);
}

static void test_encoding_refuses_surrogates_and_values_past_the_last(void **state)
{
    (void)state;
    unsigned char out[4] = {0};
    assert_int_equal(utf8_encode(0xd800, out), 0);
    assert_int_equal(utf8_encode(0xdfff, out), 0);
    assert_int_equal(utf8_encode(0x110000, out), 0);
    assert_int_equal(utf8_encode(0, out), 1);
    assert_int_equal(out[0], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_length_round_trips),
        cmocka_unit_test(test_what_is_not_utf8_decodes_to_nothing),
        cmocka_unit_test(test_encoding_refuses_surrogates_and_values_past_the_last),
    };
    return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
