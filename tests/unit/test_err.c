/*
 * test_err: every error has words for people and the exit code of the command-line
 * contract (0 ok, 1 failure, 2 usage), and an unknown value never reads out of bounds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "odaat/err.h"

static void test_ok_maps_to_exit_zero(void **state)
{
    (void)state;
    assert_int_equal(odaat_err_exit_code(ODAAT_OK), 0);
    assert_string_equal(odaat_err_message(ODAAT_OK), "success");
}

static void test_input_errors_are_usage_errors(void **state)
{
    (void)state;
    const enum odaat_err usage[] = {
        ODAAT_ERR_DATE_SYNTAX,      ODAAT_ERR_DATE_INVALID, ODAAT_ERR_DATE_RANGE,
        ODAAT_ERR_TIME_SYNTAX,      ODAAT_ERR_BOUNDARY,     ODAAT_ERR_FUTURE_START,
        ODAAT_ERR_END_BEFORE_START,
    };
    for (size_t i = 0; i < sizeof usage / sizeof usage[0]; i++)
        assert_int_equal(odaat_err_exit_code(usage[i]), 2);
}

static void test_failures_exit_one(void **state)
{
    (void)state;
    assert_int_equal(odaat_err_exit_code(ODAAT_ERR_NOMEM), 1);
    assert_int_equal(odaat_err_exit_code(ODAAT_ERR_FAIL), 1);
    assert_int_equal(odaat_err_exit_code(ODAAT_ERR_CLOCK), 1);
}

static void test_every_message_is_one_line_sentence(void **state)
{
    (void)state;
    for (int e = ODAAT_OK; e < ODAAT_ERR_COUNT; e++) {
        const char *msg = odaat_err_message((enum odaat_err)e);
        assert_non_null(msg);
        assert_true(strlen(msg) > 5);
        assert_null(strchr(msg, '\n'));
    }
}

static void test_unknown_error_reads_as_failure(void **state)
{
    (void)state;
    enum odaat_err unknown = (enum odaat_err)9999;
    assert_int_equal(odaat_err_exit_code(unknown), 1);
    assert_string_equal(odaat_err_message(unknown), odaat_err_message(ODAAT_ERR_FAIL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ok_maps_to_exit_zero),
        cmocka_unit_test(test_input_errors_are_usage_errors),
        cmocka_unit_test(test_failures_exit_one),
        cmocka_unit_test(test_every_message_is_one_line_sentence),
        cmocka_unit_test(test_unknown_error_reads_as_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
