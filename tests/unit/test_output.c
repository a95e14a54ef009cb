/*
 * test_output: the JSON writer (escaping, nesting, empty containers) and the phrases people
 * read (dates, durations, grouped counts).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/output.h"

/* Captures what a writer prints. */
struct capture {
    char *text;
    size_t size;
    FILE *f;
};

static void capture_open(struct capture *c)
{
    c->text = NULL;
    c->size = 0;
    c->f = open_memstream(&c->text, &c->size);
    assert_non_null(c->f);
}

static void capture_close(struct capture *c)
{
    assert_int_equal(fclose(c->f), 0);
}

static int32_t day_of(int year, int month, int day)
{
    return date_from_ymd((struct date_ymd){year, month, day});
}

static void test_json_nested_document_is_indented(void **state)
{
    (void)state;
    struct capture c;
    struct json_writer w;
    capture_open(&c);
    json_begin(&w, c.f);
    json_object_open(&w, NULL);
    json_string(&w, "name", "cocaine");
    json_int(&w, "days", 661);
    json_object_open(&w, "duration");
    json_int(&w, "years", 1);
    json_object_close(&w);
    json_array_open(&w, "list");
    json_bool(&w, NULL, true);
    json_null(&w, NULL);
    json_array_close(&w);
    json_object_close(&w);
    json_end(&w);
    capture_close(&c);
    assert_string_equal(c.text, "{\n"
                                "  \"name\": \"cocaine\",\n"
                                "  \"days\": 661,\n"
                                "  \"duration\": {\n"
                                "    \"years\": 1\n"
                                "  },\n"
                                "  \"list\": [\n"
                                "    true,\n"
                                "    null\n"
                                "  ]\n"
                                "}\n");
    free(c.text);
}

static void test_json_empty_containers_stay_on_one_line(void **state)
{
    (void)state;
    struct capture c;
    struct json_writer w;
    capture_open(&c);
    json_begin(&w, c.f);
    json_object_open(&w, NULL);
    json_array_open(&w, "milestones");
    json_array_close(&w);
    json_string(&w, "next", NULL);
    json_object_close(&w);
    json_end(&w);
    capture_close(&c);
    assert_string_equal(c.text, "{\n  \"milestones\": [],\n  \"next\": null\n}\n");
    free(c.text);
}

static void test_json_escapes_quotes_backslashes_and_controls(void **state)
{
    (void)state;
    struct capture c;
    struct json_writer w;
    capture_open(&c);
    json_begin(&w, c.f);
    json_string(&w, NULL, "say \"hi\"\\ \n\t\r\x01\x1f\x7f");
    capture_close(&c);
    assert_string_equal(c.text, "\"say \\\"hi\\\"\\\\ \\n\\t\\r\\u0001\\u001f\\u007f\"");
    free(c.text);
}

static void test_json_passes_utf8_through(void **state)
{
    (void)state;
    struct capture c;
    struct json_writer w;
    capture_open(&c);
    json_begin(&w, c.f);
    json_string(&w, NULL, "一日一日 Élodie");
    capture_close(&c);
    assert_string_equal(c.text, "\"一日一日 Élodie\"");
    free(c.text);
}

static void test_json_date_is_iso(void **state)
{
    (void)state;
    struct capture c;
    struct json_writer w;
    capture_open(&c);
    json_begin(&w, c.f);
    json_date(&w, NULL, day_of(2024, 2, 29));
    capture_close(&c);
    assert_string_equal(c.text, "\"2024-02-29\"");
    free(c.text);
}

static void test_date_phrases_name_weekday_and_month(void **state)
{
    (void)state;
    char buf[48];
    assert_string_equal(output_date_long(day_of(2025, 1, 31), buf, sizeof buf),
                        "Friday 31 January 2025");
    assert_string_equal(output_date_short(day_of(2025, 2, 1), buf, sizeof buf), "Sat  1 Feb 2025");
    assert_string_equal(output_date_short(day_of(2026, 11, 23), buf, sizeof buf),
                        "Mon 23 Nov 2026");
}

static void test_duration_leaves_out_zero_parts(void **state)
{
    (void)state;
    static const struct {
        struct date_duration d;
        const char *text;
    } rows[] = {
        {{0, 0, 0}, "0 days"},
        {{0, 0, 1}, "1 day"},
        {{1, 9, 23}, "1 year, 9 months, 23 days"},
        {{1, 0, 0}, "1 year"},
        {{2, 1, 0}, "2 years, 1 month"},
        {{0, 6, 1}, "6 months, 1 day"},
        {{3, 0, 18}, "3 years, 18 days"},
    };
    char buf[64];
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        assert_string_equal(output_duration(&rows[i].d, buf, sizeof buf), rows[i].text);
}

static void test_counts_group_thousands(void **state)
{
    (void)state;
    static const struct {
        long long n;
        const char *text;
    } rows[] = {
        {0, "0"},
        {7, "7"},
        {999, "999"},
        {1000, "1,000"},
        {1206, "1,206"},
        {100000, "100,000"},
        {1234567, "1,234,567"},
        {-1206, "-1,206"},
    };
    char buf[32];
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        assert_string_equal(output_count(rows[i].n, buf, sizeof buf), rows[i].text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_nested_document_is_indented),
        cmocka_unit_test(test_json_empty_containers_stay_on_one_line),
        cmocka_unit_test(test_json_escapes_quotes_backslashes_and_controls),
        cmocka_unit_test(test_json_passes_utf8_through),
        cmocka_unit_test(test_json_date_is_iso),
        cmocka_unit_test(test_date_phrases_name_weekday_and_month),
        cmocka_unit_test(test_duration_leaves_out_zero_parts),
        cmocka_unit_test(test_counts_group_thousands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
