/*
 * test_date: the date module, which every count in odaat rests on.
 *
 * Covers parsing (the exact error for each malformed or out-of-range input, and that the
 * output is left alone on error), formatting, weekdays, day numbers of known dates, leap
 * years and month lengths, adding days, months and years (month ends, 29 February, year
 * ends, negative steps), differences in days, durations read as years, months and days (the
 * rule of python-dateutil's relativedelta), the day boundary, and the English names.
 *
 * Beyond the hand-picked cases:
 *   - the golden file (its path is argv[1]) pins 5,000 rows computed with relativedelta;
 *   - property tests run over every day from 1900-01-01 to 2200-12-31 against references
 *     written here from scratch (a day-by-day walker with its own month lengths and leap
 *     rule, and a month stepper), so a shared mistake cannot hide in both.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/date.h"
#include "odaat/err.h"

/* How many mismatches a bulk test prints before it only counts them. */
#define MAX_REPORTED 10

/* The number of data rows in tests/data/calendar-golden.tsv. */
#define GOLDEN_ROWS 5000

/* Set by main from argv[1]. */
static const char *golden_path;

/* ------------------------------------------------------------------------------------- */
/* Helpers                                                                               */
/* ------------------------------------------------------------------------------------- */

/* The name of err as written in err.h, for failure messages. */
static const char *err_name(enum odaat_err err)
{
    static const char *const names[] = {
#define ERR_NAME(name, code, msg) #name,
        ODAAT_ERR_TABLE(ERR_NAME)
#undef ERR_NAME
    };
    if ((unsigned)err < sizeof names / sizeof names[0])
        return names[err];
    return "(not an odaat_err)";
}

/* Counts one mismatch in *count and prints it if it is among the first MAX_REPORTED. */
static void note_mismatch(long *count, const char *format, ...) CMOCKA_PRINTF_ATTRIBUTE(2, 3);

static void note_mismatch(long *count, const char *format, ...)
{
    ++*count;
    if (*count <= MAX_REPORTED) {
        va_list args;
        va_start(args, format);
        vprint_error(format, args);
        va_end(args);
        print_error("\n");
    }
}

/* Fails the test when a bulk check counted mismatches (they were printed as found). */
static void expect_no_mismatches(long count, const char *what)
{
    if (count != 0) {
        print_error("%s: %ld mismatches (the first %d are shown above)\n", what, count,
                    MAX_REPORTED);
        fail();
    }
}

/* The day number of a date the test names (any year 1..9999; no range check). */
static int32_t ymd_day(int year, int month, int day)
{
    struct date_ymd ymd = {.year = year, .month = month, .day = day};
    if (!date_ymd_valid(ymd)) {
        print_error("test data: %04d-%02d-%02d is not a date\n", year, month, day);
        fail();
    }
    return date_from_ymd(ymd);
}

/* The day number of "YYYY-MM-DD" (years 1900..2200); fails the test if it does not parse. */
static int32_t iso_day(const char *iso)
{
    int32_t day = 0;
    enum odaat_err err = date_parse(iso, &day);
    if (err != ODAAT_OK) {
        print_error("test data: \"%s\" does not parse: %s\n", iso, err_name(err));
        fail();
    }
    return day;
}

/* Fails, naming the row, unless day formats as want. */
static void expect_iso(const char *row, int32_t day, const char *want)
{
    char got[DATE_ISO_SIZE];
    date_format(day, got);
    if (strcmp(got, want) != 0) {
        print_error("%s: got %s, want %s\n", row, got, want);
        fail();
    }
}

/* ------------------------------------------------------------------------------------- */
/* Parsing                                                                               */
/* ------------------------------------------------------------------------------------- */

static void test_parse_valid_dates_give_known_day_numbers(void **state)
{
    static const struct {
        const char *text;
        int32_t day;
    } rows[] = {
        {"1970-01-01", 0},     {"1969-12-31", -1},    {"1970-01-02", 1},      {"2000-01-01", 10957},
        {"2000-03-01", 11017}, {"2024-02-29", 19782}, {"1900-01-01", -25567}, {"2200-12-31", 84370},
        {"2000-02-29", 11016}, {"2025-12-31", 20453}, {"1999-12-31", 10956},  {"2100-03-01", 47541},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int32_t day = INT32_MIN;
        enum odaat_err err = date_parse(rows[i].text, &day);
        if (err != ODAAT_OK || day != rows[i].day) {
            print_error("date_parse(\"%s\"): got %s, day %" PRId32 "; want ODAAT_OK, day %" PRId32
                        "\n",
                        rows[i].text, err_name(err), day, rows[i].day);
            fail();
        }
    }
}

/* One malformed input and the exact error it must give. */
struct parse_error_row {
    const char *name;
    const char *text;
    enum odaat_err want;
};

static void check_parse_errors(const struct parse_error_row *rows, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const int32_t sentinel = 123456;
        int32_t day = sentinel;
        enum odaat_err err = date_parse(rows[i].text, &day);
        if (err != rows[i].want || day != sentinel) {
            print_error("%s: date_parse(\"%s\") gave %s, day %" PRId32 "; want %s, day untouched\n",
                        rows[i].name, rows[i].text ? rows[i].text : "(null)", err_name(err), day,
                        err_name(rows[i].want));
            fail();
        }
    }
}

static void test_parse_days_that_do_not_exist_are_invalid(void **state)
{
    static const struct parse_error_row rows[] = {
        {"30 February", "2025-02-30", ODAAT_ERR_DATE_INVALID},
        {"29 February of a common year", "2023-02-29", ODAAT_ERR_DATE_INVALID},
        {"29 February 1900 (century, not leap)", "1900-02-29", ODAAT_ERR_DATE_INVALID},
        {"29 February 2100 (century, not leap)", "2100-02-29", ODAAT_ERR_DATE_INVALID},
        {"month 13", "2025-13-01", ODAAT_ERR_DATE_INVALID},
        {"month 0", "2025-00-10", ODAAT_ERR_DATE_INVALID},
        {"day 0", "2025-01-00", ODAAT_ERR_DATE_INVALID},
        {"31 April", "2025-04-31", ODAAT_ERR_DATE_INVALID},
        {"32 January", "2025-01-32", ODAAT_ERR_DATE_INVALID},
        {"month 99", "2025-99-01", ODAAT_ERR_DATE_INVALID},
    };
    check_parse_errors(rows, sizeof rows / sizeof rows[0]);
}

static void test_parse_wrong_shapes_are_syntax_errors(void **state)
{
    static const struct parse_error_row rows[] = {
        {"two-digit year, one-digit month and day", "25-1-1", ODAAT_ERR_DATE_SYNTAX},
        {"one-digit month", "2025-1-01", ODAAT_ERR_DATE_SYNTAX},
        {"one-digit day", "2025-01-1", ODAAT_ERR_DATE_SYNTAX},
        {"slashes", "2025/01/01", ODAAT_ERR_DATE_SYNTAX},
        {"leading space", " 2025-01-01", ODAAT_ERR_DATE_SYNTAX},
        {"trailing space", "2025-01-01 ", ODAAT_ERR_DATE_SYNTAX},
        {"trailing letter", "2025-01-01x", ODAAT_ERR_DATE_SYNTAX},
        {"trailing time", "2025-01-01T07:30", ODAAT_ERR_DATE_SYNTAX},
        {"empty", "", ODAAT_ERR_DATE_SYNTAX},
        {"NULL", NULL, ODAAT_ERR_DATE_SYNTAX},
        {"letter in the day", "2025-01-0a", ODAAT_ERR_DATE_SYNTAX},
        {"letter in the month", "2025-o1-01", ODAAT_ERR_DATE_SYNTAX},
        {"sign in the year", "+025-01-01", ODAAT_ERR_DATE_SYNTAX},
        {"minus sign in the year", "-025-01-01", ODAAT_ERR_DATE_SYNTAX},
        {"sign in the day", "2025-01-+1", ODAAT_ERR_DATE_SYNTAX},
        {"five-digit year", "20250-01-01", ODAAT_ERR_DATE_SYNTAX},
        {"no separators", "20250101", ODAAT_ERR_DATE_SYNTAX},
        {"dots", "2025.01.01", ODAAT_ERR_DATE_SYNTAX},
        {"day first", "01-01-2025", ODAAT_ERR_DATE_SYNTAX},
        {"space inside", "2025-01- 1", ODAAT_ERR_DATE_SYNTAX},
    };
    check_parse_errors(rows, sizeof rows / sizeof rows[0]);
}

static void test_parse_years_outside_1900_to_2200_are_range_errors(void **state)
{
    static const struct parse_error_row rows[] = {
        {"day before 1900-01-01", "1899-12-31", ODAAT_ERR_DATE_RANGE},
        {"day after 2200-12-31", "2201-01-01", ODAAT_ERR_DATE_RANGE},
        {"year 1", "0001-01-01", ODAAT_ERR_DATE_RANGE},
        {"year 0", "0000-01-01", ODAAT_ERR_DATE_RANGE},
        {"year 9999", "9999-12-31", ODAAT_ERR_DATE_RANGE},
        {"29 February of a leap year after the range", "2204-02-29", ODAAT_ERR_DATE_RANGE},
        {"29 February of a leap year before the range", "1896-02-29", ODAAT_ERR_DATE_RANGE},
    };
    check_parse_errors(rows, sizeof rows / sizeof rows[0]);
}

static void test_parse_accepts_range_bounds_1900_01_01_and_2200_12_31(void **state)
{
    int32_t first = 0;
    int32_t last = 0;
    assert_int_equal(date_parse("1900-01-01", &first), ODAAT_OK);
    assert_int_equal(date_parse("2200-12-31", &last), ODAAT_OK);
    assert_int_equal(first, -25567);
    assert_int_equal(last, 84370);
}

static void test_parse_n_reads_a_date_prefix_of_a_longer_string(void **state)
{
    const char *stamp = "2025-01-31T07:30";
    int32_t day = 0;
    assert_int_equal(date_parse_n(stamp, 10, &day), ODAAT_OK);
    assert_int_equal(day, ymd_day(2025, 1, 31));

    /* The length is taken as given: too short or too long is the wrong shape. */
    const int32_t sentinel = -7;
    day = sentinel;
    assert_int_equal(date_parse_n(stamp, 9, &day), ODAAT_ERR_DATE_SYNTAX);
    assert_int_equal(date_parse_n(stamp, 11, &day), ODAAT_ERR_DATE_SYNTAX);
    assert_int_equal(date_parse_n(stamp, 0, &day), ODAAT_ERR_DATE_SYNTAX);
    assert_int_equal(date_parse_n(NULL, 10, &day), ODAAT_ERR_DATE_SYNTAX);
    assert_int_equal(date_parse_n("2025-02-30 and more", 10, &day), ODAAT_ERR_DATE_INVALID);
    assert_int_equal(date_parse_n("1899-12-31 and more", 10, &day), ODAAT_ERR_DATE_RANGE);
    assert_int_equal(day, sentinel);
}

/* ------------------------------------------------------------------------------------- */
/* Formatting, weekdays, day numbers                                                     */
/* ------------------------------------------------------------------------------------- */

static void test_format_writes_zero_padded_iso_dates(void **state)
{
    static const struct {
        int year, month, day;
        const char *iso;
    } rows[] = {
        {1970, 1, 1, "1970-01-01"},  {1900, 1, 1, "1900-01-01"},   {2200, 12, 31, "2200-12-31"},
        {2024, 2, 29, "2024-02-29"}, {2025, 10, 9, "2025-10-09"},  {1, 1, 1, "0001-01-01"},
        {999, 9, 9, "0999-09-09"},   {9999, 12, 31, "9999-12-31"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        expect_iso(rows[i].iso, ymd_day(rows[i].year, rows[i].month, rows[i].day), rows[i].iso);
}

static void test_format_returns_its_buffer_with_terminator(void **state)
{
    char buf[DATE_ISO_SIZE];
    memset(buf, 'z', sizeof buf);
    assert_ptr_equal(date_format(0, buf), buf);
    assert_int_equal(buf[DATE_ISO_SIZE - 1], '\0');
    assert_string_equal(buf, "1970-01-01");
}

static void test_weekday_of_known_dates_including_before_1970(void **state)
{
    static const struct {
        const char *iso;
        int weekday;
    } rows[] = {
        {"1970-01-01", 4}, /* Thursday: the day numbers' origin */
        {"2000-01-01", 6}, /* Saturday */
        {"2026-11-23", 1}, /* Monday */
        {"1969-12-31", 3}, /* Wednesday: day -1 */
        {"1969-12-28", 7}, /* Sunday: the week before the origin */
        {"1969-07-20", 7}, /* Sunday */
        {"1941-12-07", 7}, /* Sunday */
        {"1900-01-01", 1}, /* Monday: the first accepted day */
        {"2200-12-31", 3}, /* Wednesday: the last accepted day */
        {"2024-02-29", 4}, /* Thursday */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int got = date_weekday(iso_day(rows[i].iso));
        if (got != rows[i].weekday) {
            print_error("%s: weekday %d, want %d\n", rows[i].iso, got, rows[i].weekday);
            fail();
        }
    }
    /* Far from the origin in both directions (years 1 and 9999). */
    assert_int_equal(date_weekday(ymd_day(1, 1, 1)), 1);
    assert_int_equal(date_weekday(ymd_day(9999, 12, 31)), 5);
}

static void test_weekday_steps_by_one_across_day_zero(void **state)
{
    for (int32_t day = -800; day < 800; day++) {
        int today = date_weekday(day);
        int tomorrow = date_weekday(day + 1);
        if (today < 1 || today > 7 || tomorrow != today % 7 + 1) {
            print_error("day %" PRId32 ": weekday %d then %d\n", day, today, tomorrow);
            fail();
        }
    }
}

static void test_day_numbers_of_known_dates_round_trip(void **state)
{
    static const struct {
        int year, month, day;
        int32_t number;
    } rows[] = {
        {1970, 1, 1, 0},    {2000, 3, 1, 11017},     {1900, 1, 1, -25567},
        {1969, 12, 31, -1}, {2200, 12, 31, 84370},   {1600, 1, 1, -135140},
        {1, 1, 1, -719162}, {9999, 12, 31, 2932896}, {2024, 2, 29, 19782},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct date_ymd ymd = {rows[i].year, rows[i].month, rows[i].day};
        int32_t number = date_from_ymd(ymd);
        struct date_ymd back = date_to_ymd(rows[i].number);
        if (number != rows[i].number || back.year != ymd.year || back.month != ymd.month ||
            back.day != ymd.day) {
            print_error("%04d-%02d-%02d: day number %" PRId32 " (want %" PRId32
                        "), back to %04d-%02d-%02d\n",
                        ymd.year, ymd.month, ymd.day, number, rows[i].number, back.year, back.month,
                        back.day);
            fail();
        }
    }
}

/* ------------------------------------------------------------------------------------- */
/* Leap years, month lengths, validity                                                   */
/* ------------------------------------------------------------------------------------- */

static void test_century_1900_not_leap_2000_leap(void **state)
{
    static const struct {
        int year;
        bool leap;
    } rows[] = {
        {1900, false}, {2000, true}, {2100, false}, {2024, true},  {2023, false},
        {2200, false}, {2400, true}, {1600, true},  {1996, true},  {2025, false},
        {4, true},     {1, false},   {9996, true},  {1800, false},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (date_is_leap_year(rows[i].year) != rows[i].leap) {
            print_error("year %d: want %s\n", rows[i].year, rows[i].leap ? "leap" : "common");
            fail();
        }
    }
}

static void test_days_in_month_with_february_of_leap_and_common_years(void **state)
{
    static const int common[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int month = 1; month <= 12; month++) {
        assert_int_equal(date_days_in_month(2025, month), common[month - 1]);
        assert_int_equal(date_days_in_month(2024, month), month == 2 ? 29 : common[month - 1]);
    }
    assert_int_equal(date_days_in_month(1900, 2), 28);
    assert_int_equal(date_days_in_month(2000, 2), 29);
    assert_int_equal(date_days_in_month(2100, 2), 28);
    assert_int_equal(date_days_in_month(2025, 0), 0);
    assert_int_equal(date_days_in_month(2025, 13), 0);
    assert_int_equal(date_days_in_month(2025, -1), 0);
}

static void test_ymd_valid_rejects_year_0_and_10000_and_impossible_days(void **state)
{
    assert_true(date_ymd_valid((struct date_ymd){1, 1, 1}));
    assert_true(date_ymd_valid((struct date_ymd){9999, 12, 31}));
    assert_true(date_ymd_valid((struct date_ymd){2024, 2, 29}));
    assert_false(date_ymd_valid((struct date_ymd){0, 1, 1}));
    assert_false(date_ymd_valid((struct date_ymd){10000, 1, 1}));
    assert_false(date_ymd_valid((struct date_ymd){2023, 2, 29}));
    assert_false(date_ymd_valid((struct date_ymd){2025, 0, 1}));
    assert_false(date_ymd_valid((struct date_ymd){2025, 13, 1}));
    assert_false(date_ymd_valid((struct date_ymd){2025, 1, 0}));
    assert_false(date_ymd_valid((struct date_ymd){2025, 6, 31}));
}

/* ------------------------------------------------------------------------------------- */
/* Adding days, months, years; differences                                               */
/* ------------------------------------------------------------------------------------- */

/* A start date, a step and the date it must land on. */
struct step_row {
    const char *name;
    const char *from;
    int32_t n;
    const char *want;
};

static void test_add_days_crosses_month_and_year_ends(void **state)
{
    static const struct step_row rows[] = {
        {"year end", "2024-12-31", 1, "2025-01-01"},
        {"into 29 February", "2024-02-28", 1, "2024-02-29"},
        {"out of 29 February", "2024-02-29", 1, "2024-03-01"},
        {"over a common February", "2023-02-28", 1, "2023-03-01"},
        {"back over a common February", "2025-03-01", -1, "2025-02-28"},
        {"back over a year end", "2024-01-01", -1, "2023-12-31"},
        {"across day zero", "1969-12-31", 1, "1970-01-01"},
        {"zero days", "2025-06-15", 0, "2025-06-15"},
        {"a leap year", "2024-01-01", 366, "2025-01-01"},
        {"30 days from 31 January", "2025-01-31", 30, "2025-03-02"},
        {"30 days in a leap year", "2024-01-31", 30, "2024-03-01"},
        {"over 1900's missing leap day", "1900-02-28", 1, "1900-03-01"},
        {"the whole range", "1900-01-01", 109937, "2200-12-31"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        expect_iso(rows[i].name, date_add_days(iso_day(rows[i].from), rows[i].n), rows[i].want);
}

static void check_add_months(const struct step_row *rows, size_t count)
{
    for (size_t i = 0; i < count; i++)
        expect_iso(rows[i].name, date_add_months(iso_day(rows[i].from), rows[i].n), rows[i].want);
}

static void test_add_months_jan31_clamps_to_feb28_common_year(void **state)
{
    expect_iso("31 Jan 2025 + 1 month", date_add_months(iso_day("2025-01-31"), 1), "2025-02-28");
}

static void test_add_months_jan31_clamps_to_feb29_leap_year(void **state)
{
    expect_iso("31 Jan 2024 + 1 month", date_add_months(iso_day("2024-01-31"), 1), "2024-02-29");
}

static void test_add_months_mar31_minus_one_clamps_to_end_of_february(void **state)
{
    expect_iso("31 Mar 2025 - 1 month", date_add_months(iso_day("2025-03-31"), -1), "2025-02-28");
    expect_iso("31 Mar 2024 - 1 month", date_add_months(iso_day("2024-03-31"), -1), "2024-02-29");
}

static void test_add_months_feb29_plus_12_lands_on_feb28(void **state)
{
    expect_iso("29 Feb 2024 + 12 months", date_add_months(iso_day("2024-02-29"), 12), "2025-02-28");
}

static void test_add_months_feb29_plus_48_stays_feb29(void **state)
{
    expect_iso("29 Feb 2024 + 48 months", date_add_months(iso_day("2024-02-29"), 48), "2028-02-29");
}

static void test_add_months_feb29_plus_48_clamps_in_century_2100(void **state)
{
    expect_iso("29 Feb 2096 + 48 months", date_add_months(iso_day("2096-02-29"), 48), "2100-02-28");
}

static void test_add_months_dec_plus_one_crosses_into_january(void **state)
{
    expect_iso("15 Dec 2024 + 1 month", date_add_months(iso_day("2024-12-15"), 1), "2025-01-15");
    expect_iso("31 Dec 2024 + 1 month", date_add_months(iso_day("2024-12-31"), 1), "2025-01-31");
}

static void test_add_months_zero_is_identity_even_on_month_ends(void **state)
{
    static const char *const days[] = {"2025-01-31", "2024-02-29", "2025-02-28", "1900-01-01",
                                       "2200-12-31"};
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
        expect_iso(days[i], date_add_months(iso_day(days[i]), 0), days[i]);
}

static void test_add_months_clamp_is_not_carried_to_later_months(void **state)
{
    /* Each count is taken from the start, not from the clamped month before it. */
    static const struct step_row rows[] = {
        {"31 Jan + 1", "2025-01-31", 1, "2025-02-28"},
        {"31 Jan + 2", "2025-01-31", 2, "2025-03-31"},
        {"31 Jan + 3", "2025-01-31", 3, "2025-04-30"},
        {"31 Jan + 4", "2025-01-31", 4, "2025-05-31"},
        {"31 Jan + 13", "2025-01-31", 13, "2026-02-28"},
        {"31 Jan + 37", "2025-01-31", 37, "2028-02-29"},
    };
    check_add_months(rows, sizeof rows / sizeof rows[0]);
}

static void test_add_months_month_ends_and_negative_steps(void **state)
{
    static const struct step_row rows[] = {
        {"31 Mar + 1 (30-day April)", "2025-03-31", 1, "2025-04-30"},
        {"31 May + 1", "2025-05-31", 1, "2025-06-30"},
        {"31 Aug + 1", "2025-08-31", 1, "2025-09-30"},
        {"31 Oct + 1", "2025-10-31", 1, "2025-11-30"},
        {"30 Apr + 1 (not clamped)", "2025-04-30", 1, "2025-05-30"},
        {"28 Feb + 1 (not moved to the month end)", "2025-02-28", 1, "2025-03-28"},
        {"29 Jan 2025 + 1", "2025-01-29", 1, "2025-02-28"},
        {"30 Jan 2024 + 1", "2024-01-30", 1, "2024-02-29"},
        {"31 Jan - 1 crosses the year start", "2025-01-31", -1, "2024-12-31"},
        {"15 Jan - 13", "2025-01-15", -13, "2023-12-15"},
        {"31 May - 3", "2025-05-31", -3, "2025-02-28"},
        {"31 Jul - 5 in a leap year", "2024-07-31", -5, "2024-02-29"},
        {"29 Feb - 12", "2024-02-29", -12, "2023-02-28"},
        {"29 Feb - 48", "2024-02-29", -48, "2020-02-29"},
        {"29 Feb 1904 - 48 (1900 is common)", "1904-02-29", -48, "1900-02-28"},
        {"31 Dec + 2", "2024-12-31", 2, "2025-02-28"},
        {"1900-01-31 + 1", "1900-01-31", 1, "1900-02-28"},
        {"2000-01-31 + 1", "2000-01-31", 1, "2000-02-29"},
        {"2200-12-31 + 1 (past the range)", "2200-12-31", 1, "2201-01-31"},
        {"1900-01-01 - 1 (before the range)", "1900-01-01", -1, "1899-12-01"},
        {"1200 months", "2000-02-29", 1200, "2100-02-28"},
        {"-1200 months", "2000-02-29", -1200, "1900-02-28"},
        {"3612 months", "1900-01-01", 3612, "2201-01-01"},
    };
    check_add_months(rows, sizeof rows / sizeof rows[0]);
}

static void test_add_years_feb29_lands_on_feb28(void **state)
{
    expect_iso("29 Feb 2024 + 1 year", date_add_years(iso_day("2024-02-29"), 1), "2025-02-28");
    expect_iso("29 Feb 2024 - 1 year", date_add_years(iso_day("2024-02-29"), -1), "2023-02-28");
}

static void test_add_years_feb29_plus_4_stays_feb29_except_over_centuries(void **state)
{
    static const struct step_row rows[] = {
        {"29 Feb 2024 + 4", "2024-02-29", 4, "2028-02-29"},
        {"29 Feb 2096 + 4 (2100 is common)", "2096-02-29", 4, "2100-02-28"},
        {"29 Feb 1996 + 4 (2000 is leap)", "1996-02-29", 4, "2000-02-29"},
        {"29 Feb 2000 + 100", "2000-02-29", 100, "2100-02-28"},
        {"29 Feb 2000 + 200", "2000-02-29", 200, "2200-02-28"},
        {"28 Feb 2023 + 1 (not moved to 29 Feb)", "2023-02-28", 1, "2024-02-28"},
        {"31 Dec + 1", "2024-12-31", 1, "2025-12-31"},
        {"0 years", "2024-02-29", 0, "2024-02-29"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        expect_iso(rows[i].name, date_add_years(iso_day(rows[i].from), rows[i].n), rows[i].want);
}

static void test_diff_days_is_signed_and_counts_leap_days(void **state)
{
    assert_int_equal(date_diff_days(iso_day("2000-01-01"), iso_day("2001-01-01")), 366);
    assert_int_equal(date_diff_days(iso_day("2001-01-01"), iso_day("2000-01-01")), -366);
    assert_int_equal(date_diff_days(iso_day("1900-01-01"), iso_day("1901-01-01")), 365);
    assert_int_equal(date_diff_days(iso_day("2025-03-01"), iso_day("2025-03-01")), 0);
    assert_int_equal(date_diff_days(iso_day("1900-01-01"), iso_day("2200-12-31")), 109937);
    assert_int_equal(date_diff_days(iso_day("2025-01-31"), iso_day("2025-03-02")), 30);
}

/* ------------------------------------------------------------------------------------- */
/* Durations                                                                             */
/* ------------------------------------------------------------------------------------- */

/* Expected values computed with relativedelta(end, start) and (end - start).days. */
struct duration_row {
    const char *start;
    const char *end;
    int32_t days;
    int years, months, rem;
};

static void check_durations(const struct duration_row *rows, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        int32_t start = iso_day(rows[i].start);
        int32_t end = iso_day(rows[i].end);
        struct date_duration got = {-1, -1, -1};
        enum odaat_err err = date_duration(start, end, &got);
        int32_t days = date_diff_days(start, end);
        if (err != ODAAT_OK || days != rows[i].days || got.years != rows[i].years ||
            got.months != rows[i].months || got.days != rows[i].rem) {
            print_error("%s -> %s: %s, %" PRId32 " days = %dy %dm %dd; want %" PRId32
                        " days = %dy %dm %dd\n",
                        rows[i].start, rows[i].end, err_name(err), days, got.years, got.months,
                        got.days, rows[i].days, rows[i].years, rows[i].months, rows[i].rem);
            fail();
        }
    }
}

static void test_duration_day_0_is_zero_years_months_days(void **state)
{
    static const struct duration_row rows[] = {
        {"2025-01-31", "2025-01-31", 0, 0, 0, 0},
        {"2024-02-29", "2024-02-29", 0, 0, 0, 0},
        {"1900-01-01", "1900-01-01", 0, 0, 0, 0},
        {"2200-12-31", "2200-12-31", 0, 0, 0, 0},
    };
    check_durations(rows, sizeof rows / sizeof rows[0]);
}

static void test_duration_day_1_is_one_day(void **state)
{
    static const struct duration_row rows[] = {
        {"2025-06-15", "2025-06-16", 1, 0, 0, 1},
        {"2024-12-31", "2025-01-01", 1, 0, 0, 1},
        {"2024-02-29", "2024-03-01", 1, 0, 0, 1},
        {"1999-12-31", "2000-01-01", 1, 0, 0, 1},
    };
    check_durations(rows, sizeof rows / sizeof rows[0]);
}

static void test_duration_end_before_start_is_error_and_output_untouched(void **state)
{
    struct date_duration out = {7, 8, 9};
    assert_int_equal(date_duration(iso_day("2025-01-02"), iso_day("2025-01-01"), &out),
                     ODAAT_ERR_END_BEFORE_START);
    assert_int_equal(date_duration(iso_day("2200-12-31"), iso_day("1900-01-01"), &out),
                     ODAAT_ERR_END_BEFORE_START);
    assert_int_equal(out.years, 7);
    assert_int_equal(out.months, 8);
    assert_int_equal(out.days, 9);
}

static void test_duration_jan31_to_feb28_is_one_month_because_of_clamping(void **state)
{
    static const struct duration_row rows[] = {
        {"2025-01-31", "2025-02-28", 28, 0, 1, 0},  {"2025-01-31", "2025-02-27", 27, 0, 0, 27},
        {"2025-01-30", "2025-02-28", 29, 0, 1, 0},  {"2025-01-31", "2025-03-01", 29, 0, 1, 1},
        {"2025-01-31", "2025-03-30", 58, 0, 1, 30}, {"2025-01-31", "2025-03-31", 59, 0, 2, 0},
        {"2024-01-31", "2024-02-29", 29, 0, 1, 0},  {"2024-01-31", "2024-02-28", 28, 0, 0, 28},
    };
    check_durations(rows, sizeof rows / sizeof rows[0]);
}

static void test_duration_month_ends_into_30_day_months(void **state)
{
    static const struct duration_row rows[] = {
        {"2025-03-31", "2025-04-30", 30, 0, 1, 0}, {"2025-03-31", "2025-04-29", 29, 0, 0, 29},
        {"2025-05-31", "2025-06-30", 30, 0, 1, 0}, {"2025-08-31", "2025-09-30", 30, 0, 1, 0},
        {"2025-02-28", "2025-03-28", 28, 0, 1, 0}, {"2025-02-28", "2025-03-31", 31, 0, 1, 3},
    };
    check_durations(rows, sizeof rows / sizeof rows[0]);
}

static void test_duration_30_days_is_not_one_month(void **state)
{
    static const struct duration_row rows[] = {
        {"2025-01-01", "2025-01-31", 30, 0, 0, 30}, {"2025-01-01", "2025-02-01", 31, 0, 1, 0},
        {"2025-02-01", "2025-03-03", 30, 0, 1, 2},  {"2024-12-15", "2025-01-14", 30, 0, 0, 30},
        {"2024-12-15", "2025-01-15", 31, 0, 1, 0},
    };
    check_durations(rows, sizeof rows / sizeof rows[0]);
}

static void test_duration_from_feb29_counts_years_to_feb28(void **state)
{
    static const struct duration_row rows[] = {
        {"2024-02-29", "2025-02-27", 364, 0, 11, 29}, {"2024-02-29", "2025-02-28", 365, 1, 0, 0},
        {"2024-02-29", "2025-03-01", 366, 1, 0, 1},   {"2024-02-29", "2028-02-28", 1460, 3, 11, 30},
        {"2024-02-29", "2028-02-29", 1461, 4, 0, 0},  {"2024-02-29", "2024-03-28", 28, 0, 0, 28},
        {"2024-02-29", "2024-03-29", 29, 0, 1, 0},    {"2024-02-29", "2024-03-31", 31, 0, 1, 2},
    };
    check_durations(rows, sizeof rows / sizeof rows[0]);
}

static void test_duration_across_year_ends(void **state)
{
    static const struct duration_row rows[] = {
        {"2024-12-31", "2025-12-30", 364, 0, 11, 30},
        {"2024-12-31", "2025-12-31", 365, 1, 0, 0},
        {"2024-01-01", "2024-12-31", 365, 0, 11, 30},
    };
    check_durations(rows, sizeof rows / sizeof rows[0]);
}

static void test_duration_across_centuries_2100_not_leap(void **state)
{
    static const struct duration_row rows[] = {
        {"1900-01-01", "2200-12-31", 109937, 300, 11, 30},
        {"2096-02-29", "2100-02-27", 1459, 3, 11, 29},
        {"2096-02-29", "2100-02-28", 1460, 4, 0, 0},
        {"2096-02-29", "2100-03-01", 1461, 4, 0, 1},
        {"1900-02-28", "2000-02-29", 36525, 100, 0, 1},
        {"1900-03-01", "2100-03-01", 73049, 200, 0, 0},
    };
    check_durations(rows, sizeof rows / sizeof rows[0]);
}

/* ------------------------------------------------------------------------------------- */
/* The day boundary                                                                      */
/* ------------------------------------------------------------------------------------- */

static void test_counting_day_0230_with_boundary_4_counts_for_previous_day(void **state)
{
    int32_t the_23rd = iso_day("2025-11-23");
    assert_int_equal(date_counting_day(the_23rd, 2 * 60 + 30, 4), the_23rd - 1);
    assert_int_equal(date_counting_day(the_23rd, 0, 4), the_23rd - 1);
    assert_int_equal(date_counting_day(the_23rd, 3 * 60 + 59, 4), the_23rd - 1);
}

static void test_counting_day_0400_with_boundary_4_counts_for_same_day(void **state)
{
    int32_t the_23rd = iso_day("2025-11-23");
    assert_int_equal(date_counting_day(the_23rd, 4 * 60, 4), the_23rd);
    assert_int_equal(date_counting_day(the_23rd, 23 * 60 + 59, 4), the_23rd);
}

static void test_counting_day_boundary_0_never_shifts(void **state)
{
    int32_t day = iso_day("2025-11-23");
    for (int minute = 0; minute < 24 * 60; minute++)
        assert_int_equal(date_counting_day(day, minute, 0), day);
}

static void test_counting_day_boundary_12_shifts_the_whole_morning(void **state)
{
    int32_t day = iso_day("2025-11-23");
    assert_int_equal(date_counting_day(day, 11 * 60 + 59, 12), day - 1);
    assert_int_equal(date_counting_day(day, 12 * 60, 12), day);
}

static void test_counting_day_early_on_the_1st_counts_for_previous_month_end(void **state)
{
    expect_iso("02:30 on 1 March 2025", date_counting_day(iso_day("2025-03-01"), 150, 4),
               "2025-02-28");
    expect_iso("02:30 on 1 January 2025", date_counting_day(iso_day("2025-01-01"), 150, 4),
               "2024-12-31");
}

static void test_boundary_valid_is_0_to_12_and_rejects_13_and_minus_1(void **state)
{
    for (int hour = 0; hour <= 12; hour++)
        assert_true(date_boundary_valid(hour));
    assert_int_equal(ODAAT_BOUNDARY_MAX, 12);
    assert_false(date_boundary_valid(13));
    assert_false(date_boundary_valid(-1));
    assert_false(date_boundary_valid(24));
    assert_false(date_boundary_valid(INT32_MIN));
}

/* ------------------------------------------------------------------------------------- */
/* Names                                                                                 */
/* ------------------------------------------------------------------------------------- */

static void test_month_names_and_abbreviations(void **state)
{
    static const char *const names[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
    static const char *const abbrs[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int month = 1; month <= 12; month++) {
        assert_string_equal(date_month_name(month), names[month - 1]);
        assert_string_equal(date_month_abbr(month), abbrs[month - 1]);
    }
    /* Out of range still gives something printable. */
    assert_non_null(date_month_name(0));
    assert_non_null(date_month_name(13));
    assert_non_null(date_month_abbr(0));
    assert_non_null(date_month_abbr(13));
}

static void test_weekday_names_and_abbreviations_start_on_monday(void **state)
{
    static const char *const names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};
    static const char *const abbrs[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    for (int weekday = 1; weekday <= 7; weekday++) {
        assert_string_equal(date_weekday_name(weekday), names[weekday - 1]);
        assert_string_equal(date_weekday_abbr(weekday), abbrs[weekday - 1]);
    }
    assert_string_equal(date_weekday_name(date_weekday(0)), "Thursday");
    assert_non_null(date_weekday_name(0));
    assert_non_null(date_weekday_name(8));
    assert_non_null(date_weekday_abbr(0));
    assert_non_null(date_weekday_abbr(8));
}

/* ------------------------------------------------------------------------------------- */
/* The golden file                                                                       */
/* ------------------------------------------------------------------------------------- */

enum golden_column {
    COL_CLEAN_DATE,
    COL_TODAY,
    COL_DAYS,
    COL_YEARS,
    COL_MONTHS,
    COL_DAYS_REM,
    COL_PLUS_1D,
    COL_PLUS_30D,
    COL_PLUS_6M,
    COL_PLUS_9M,
    COL_PLUS_1Y,
    COL_PLUS_18M,
    COL_PLUS_2Y,
    GOLDEN_COLUMNS
};

/* Reads a whole decimal field; false if it is empty, has other bytes or is out of range. */
static bool parse_int_field(const char *text, long *out)
{
    char *end = NULL;
    if (*text == '\0')
        return false;
    long value = strtol(text, &end, 10);
    if (*end != '\0' || value < INT32_MIN || value > INT32_MAX)
        return false;
    *out = value;
    return true;
}

/* Splits line at tabs in place; returns the number of fields (at most max). */
static size_t split_tabs(char *line, char **fields, size_t max)
{
    size_t count = 0;
    char *p = line;
    while (count < max) {
        fields[count++] = p;
        char *tab = strchr(p, '\t');
        if (tab == NULL)
            return count;
        *tab = '\0';
        p = tab + 1;
    }
    return count + 1; /* more fields than expected */
}

/* Checks one data row; returns false if the row is malformed. */
static bool check_golden_row(char **f, long line_no, long *mismatches)
{
    int32_t start = 0;
    int32_t end = 0;
    long want[4] = {0};
    if (date_parse(f[COL_CLEAN_DATE], &start) != ODAAT_OK ||
        date_parse(f[COL_TODAY], &end) != ODAAT_OK || !parse_int_field(f[COL_DAYS], &want[0]) ||
        !parse_int_field(f[COL_YEARS], &want[1]) || !parse_int_field(f[COL_MONTHS], &want[2]) ||
        !parse_int_field(f[COL_DAYS_REM], &want[3]))
        return false;

    if (date_diff_days(start, end) != want[0])
        note_mismatch(mismatches, "line %ld (%s -> %s): days %" PRId32 ", want %ld", line_no,
                      f[COL_CLEAN_DATE], f[COL_TODAY], date_diff_days(start, end), want[0]);

    struct date_duration d = {-1, -1, -1};
    enum odaat_err err = date_duration(start, end, &d);
    if (err != ODAAT_OK || d.years != want[1] || d.months != want[2] || d.days != want[3])
        note_mismatch(mismatches, "line %ld (%s -> %s): %s, %dy %dm %dd, want %ldy %ldm %ldd",
                      line_no, f[COL_CLEAN_DATE], f[COL_TODAY], err_name(err), d.years, d.months,
                      d.days, want[1], want[2], want[3]);

    const struct {
        enum golden_column column;
        const char *name;
        int32_t got;
    } dates[] = {
        {COL_PLUS_1D, "plus_1d", date_add_days(start, 1)},
        {COL_PLUS_30D, "plus_30d", date_add_days(start, 30)},
        {COL_PLUS_6M, "plus_6m", date_add_months(start, 6)},
        {COL_PLUS_9M, "plus_9m", date_add_months(start, 9)},
        {COL_PLUS_1Y, "plus_1y", date_add_years(start, 1)},
        {COL_PLUS_1Y, "plus_1y as 12 months", date_add_months(start, 12)},
        {COL_PLUS_18M, "plus_18m", date_add_months(start, 18)},
        {COL_PLUS_2Y, "plus_2y", date_add_years(start, 2)},
        {COL_PLUS_2Y, "plus_2y as 24 months", date_add_months(start, 24)},
    };
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        char got[DATE_ISO_SIZE];
        date_format(dates[i].got, got);
        if (strcmp(got, f[dates[i].column]) != 0)
            note_mismatch(mismatches, "line %ld (clean date %s): %s is %s, want %s", line_no,
                          f[COL_CLEAN_DATE], dates[i].name, got, f[dates[i].column]);
    }
    return true;
}

static void test_golden_rows_match_relativedelta(void **state)
{
    if (golden_path == NULL) {
        print_error("no golden file: pass the path of calendar-golden.tsv as the argument\n");
        fail();
    }
    FILE *file = fopen(golden_path, "r");
    if (file == NULL) {
        print_error("cannot open the golden file %s\n", golden_path);
        fail();
    }

    char line[512];
    long line_no = 0;
    long rows = 0;
    long malformed = 0;
    long mismatches = 0;
    while (fgets(line, sizeof line, file) != NULL) {
        line_no++;
        size_t len = strlen(line);
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        else if (!feof(file)) {
            note_mismatch(&malformed, "line %ld: longer than %zu bytes", line_no, sizeof line - 2);
            break;
        }
        if (len > 0 && line[len - 1] == '\r')
            line[--len] = '\0';
        if (len == 0 || line[0] == '#' || strncmp(line, "clean_date", 10) == 0)
            continue;

        char *fields[GOLDEN_COLUMNS];
        size_t count = split_tabs(line, fields, GOLDEN_COLUMNS);
        if (count != GOLDEN_COLUMNS) {
            note_mismatch(&malformed, "line %ld: %zu fields, want %d", line_no, count,
                          GOLDEN_COLUMNS);
            continue;
        }
        if (!check_golden_row(fields, line_no, &mismatches)) {
            note_mismatch(&malformed, "line %ld: a field does not parse", line_no);
            continue;
        }
        rows++;
    }
    bool read_error = ferror(file) != 0;
    fclose(file);

    assert_false(read_error);
    expect_no_mismatches(malformed, "malformed golden rows");
    expect_no_mismatches(mismatches, "golden rows");
    if (rows != GOLDEN_ROWS) {
        print_error("%s: %ld data rows checked, want %d\n", golden_path, rows, GOLDEN_ROWS);
        fail();
    }
}

/* ------------------------------------------------------------------------------------- */
/* Property tests, against references written here                                       */
/* ------------------------------------------------------------------------------------- */

/* The reference calendar: its own leap rule and month lengths, no code shared with date.c. */
static bool ref_is_leap(int year)
{
    if (year % 400 == 0)
        return true;
    if (year % 100 == 0)
        return false;
    return year % 4 == 0;
}

static int ref_month_length(int year, int month)
{
    switch (month) {
    case 2:
        return ref_is_leap(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
        return 30;
    default:
        return 31;
    }
}

/* The walker's span, and the day number and weekday of its first day. The walker checks that
 * it reaches 1970-01-01 on day 0, so the constant cannot silently be wrong. */
#define WALK_FIRST_YEAR       1600
#define WALK_LAST_YEAR        2500
#define WALK_FIRST_DAY_NUMBER (-135140)
#define WALK_FIRST_WEEKDAY    6 /* 1600-01-01 was a Saturday */

/* The starts the property tests use; month steps from them may reach a century further. */
#define RANGE_FIRST_YEAR 1900
#define RANGE_LAST_YEAR  2200

struct walker {
    int year, month, day;
    int32_t number;
    int weekday;
};

static struct walker walker_start(void)
{
    return (struct walker){WALK_FIRST_YEAR, 1, 1, WALK_FIRST_DAY_NUMBER, WALK_FIRST_WEEKDAY};
}

static void walker_next(struct walker *w)
{
    w->number++;
    w->weekday = w->weekday == 7 ? 1 : w->weekday + 1;
    if (w->day < ref_month_length(w->year, w->month)) {
        w->day++;
        return;
    }
    w->day = 1;
    if (w->month < 12) {
        w->month++;
        return;
    }
    w->month = 1;
    w->year++;
}

/* Moves the walker to the first day of year (walking, not computing). */
static struct walker walker_at_year(int year)
{
    struct walker w = walker_start();
    while (w.year < year)
        walker_next(&w);
    return w;
}

static void test_property_walker_agrees_with_day_numbers_1600_to_2500(void **state)
{
    long mismatches = 0;
    bool saw_origin = false;
    long days = 0;
    for (struct walker w = walker_start(); w.year <= WALK_LAST_YEAR; walker_next(&w), days++) {
        struct date_ymd ymd = {w.year, w.month, w.day};
        if (w.year == 1970 && w.month == 1 && w.day == 1) {
            saw_origin = true;
            if (w.number != 0)
                note_mismatch(&mismatches, "walker: 1970-01-01 is day %" PRId32, w.number);
        }
        int32_t number = date_from_ymd(ymd);
        struct date_ymd back = date_to_ymd(w.number);
        if (number != w.number || back.year != w.year || back.month != w.month || back.day != w.day)
            note_mismatch(&mismatches,
                          "%04d-%02d-%02d: walker day %" PRId32 ", date_from_ymd %" PRId32
                          ", date_to_ymd %04d-%02d-%02d",
                          w.year, w.month, w.day, w.number, number, back.year, back.month,
                          back.day);
        if (date_weekday(w.number) != w.weekday)
            note_mismatch(&mismatches, "%04d-%02d-%02d: weekday %d, walker %d", w.year, w.month,
                          w.day, date_weekday(w.number), w.weekday);
        if (!date_ymd_valid(ymd))
            note_mismatch(&mismatches, "%04d-%02d-%02d: not valid", w.year, w.month, w.day);
        if (w.day == 1 && date_days_in_month(w.year, w.month) != ref_month_length(w.year, w.month))
            note_mismatch(&mismatches, "%04d-%02d: %d days, want %d", w.year, w.month,
                          date_days_in_month(w.year, w.month), ref_month_length(w.year, w.month));
        if (w.day == ref_month_length(w.year, w.month) &&
            date_ymd_valid((struct date_ymd){w.year, w.month, w.day + 1}))
            note_mismatch(&mismatches, "%04d-%02d-%02d: valid", w.year, w.month, w.day + 1);
        if (w.day == 1 && w.month == 1 && date_is_leap_year(w.year) != ref_is_leap(w.year))
            note_mismatch(&mismatches, "year %d: leap %d, want %d", w.year,
                          (int)date_is_leap_year(w.year), (int)ref_is_leap(w.year));
    }
    expect_no_mismatches(mismatches, "walker");
    assert_true(saw_origin);
    assert_int_equal(days, 329084); /* 1600-01-01 .. 2500-12-31 */
}

static void test_property_format_parse_round_trip_every_day_1900_to_2200(void **state)
{
    long mismatches = 0;
    long days = 0;
    for (struct walker w = walker_at_year(RANGE_FIRST_YEAR); w.year <= RANGE_LAST_YEAR;
         walker_next(&w), days++) {
        char text[40];
        snprintf(text, sizeof text, "%04d-%02d-%02d", w.year, w.month, w.day);
        int32_t parsed = INT32_MIN;
        int32_t parsed_n = INT32_MIN;
        enum odaat_err err = date_parse(text, &parsed);
        enum odaat_err err_n = date_parse_n(text, 10, &parsed_n);
        char formatted[DATE_ISO_SIZE];
        date_format(parsed, formatted);
        if (err != ODAAT_OK || err_n != ODAAT_OK || parsed != w.number || parsed_n != w.number ||
            strcmp(formatted, text) != 0)
            note_mismatch(&mismatches,
                          "%s: parse %s day %" PRId32 ", parse_n %s day %" PRId32
                          ", walker day %" PRId32 ", formatted back as %s",
                          text, err_name(err), parsed, err_name(err_n), parsed_n, w.number,
                          formatted);
    }
    expect_no_mismatches(mismatches, "format(parse(x))");
    assert_int_equal(days, 109938);
}

/* A (year, month) the reference moves one month at a time. */
struct ref_month {
    int year, month;
};

static void ref_month_forward(struct ref_month *m)
{
    if (++m->month > 12) {
        m->month = 1;
        m->year++;
    }
}

static void ref_month_back(struct ref_month *m)
{
    if (--m->month < 1) {
        m->month = 12;
        m->year--;
    }
}

/* Day numbers of the first of each month from WALK_FIRST_YEAR, summed from the reference's
 * month lengths (so the reference can name a day number without date.c). */
#define REF_MONTHS ((WALK_LAST_YEAR - WALK_FIRST_YEAR + 1) * 12)
static int32_t ref_first_of_month[REF_MONTHS];

static void ref_build_first_of_month(void)
{
    int32_t number = WALK_FIRST_DAY_NUMBER;
    for (int i = 0; i < REF_MONTHS; i++) {
        int year = WALK_FIRST_YEAR + i / 12;
        int month = i % 12 + 1;
        ref_first_of_month[i] = number;
        number += ref_month_length(year, month);
    }
}

/* The day number of day (clamped to the month's length) in m, by the reference. */
static int32_t ref_clamped_day(struct ref_month m, int day)
{
    int last = ref_month_length(m.year, m.month);
    int index = (m.year - WALK_FIRST_YEAR) * 12 + (m.month - 1);
    return ref_first_of_month[index] + (day < last ? day : last) - 1;
}

#define MONTH_STEPS_NEAR 30
#define YEAR_STEPS_FAR   100
#define MONTHS_FAR       (12 * YEAR_STEPS_FAR)

/* ref_months[MONTHS_FAR + n] is the start's month moved by n, n = -1200 .. 1200. */
static struct ref_month ref_months[2 * MONTHS_FAR + 1];

/* Fills ref_months for a start in year/month, one month at a time in each direction. */
static void ref_build_months_around(int year, int month)
{
    struct ref_month up = {year, month};
    struct ref_month down = up;
    ref_months[MONTHS_FAR] = up;
    for (int i = 1; i <= MONTHS_FAR; i++) {
        ref_month_forward(&up);
        ref_month_back(&down);
        ref_months[MONTHS_FAR + i] = up;
        ref_months[MONTHS_FAR - i] = down;
    }
}

/* Compares date_add_months(w, n) with the reference; returns false on a mismatch. */
static bool add_months_agrees(const struct walker *w, int32_t n, long *mismatches)
{
    struct ref_month m = ref_months[MONTHS_FAR + n];
    int32_t want = ref_clamped_day(m, w->day);
    int32_t got = date_add_months(w->number, n);
    if (got == want)
        return true;
    char got_iso[DATE_ISO_SIZE];
    char want_iso[DATE_ISO_SIZE];
    note_mismatch(mismatches, "%04d-%02d-%02d + %" PRId32 " months: got %s, want %s", w->year,
                  w->month, w->day, n, date_format(got, got_iso), date_format(want, want_iso));
    return false;
}

/*
 * Every start from 1900-01-01 to 2200-12-31 is moved by n = -30 .. 30 months. For n = 12k,
 * k = +-1 .. +-100, month ends and the last days of February take every k, and other days
 * take every tenth k (rotating with the day, so neighbouring days cover all of them): the
 * clamp only acts at the end of a month, and checking every k for every day would take
 * seconds.
 */
static void test_property_add_months_matches_month_stepper(void **state)
{
    ref_build_first_of_month();
    assert_int_equal(ref_clamped_day((struct ref_month){1970, 1}, 1), 0);

    long mismatches = 0;
    long checks = 0;
    long index = 0;
    for (struct walker w = walker_at_year(RANGE_FIRST_YEAR); w.year <= RANGE_LAST_YEAR;
         walker_next(&w), index++) {
        if (w.day == 1)
            ref_build_months_around(w.year, w.month);

        for (int32_t n = -MONTH_STEPS_NEAR; n <= MONTH_STEPS_NEAR; n++, checks++)
            add_months_agrees(&w, n, &mismatches);

        bool clamp_edge = w.day >= 28;
        int32_t first_k = clamp_edge ? 1 : (int32_t)(index % 10) + 1;
        int32_t k_step = clamp_edge ? 1 : 10;
        for (int32_t k = first_k; k <= YEAR_STEPS_FAR; k += k_step, checks += 2) {
            add_months_agrees(&w, 12 * k, &mismatches);
            add_months_agrees(&w, -12 * k, &mismatches);
        }

        /* date_add_years(day, k) is date_add_months(day, 12k). */
        static const int32_t years[] = {1, 2, 4, 100};
        for (size_t i = 0; i < sizeof years / sizeof years[0]; i++, checks += 2) {
            int32_t k = years[i];
            int32_t want_up = ref_clamped_day(ref_months[MONTHS_FAR + 12 * k], w.day);
            int32_t want_down = ref_clamped_day(ref_months[MONTHS_FAR - 12 * k], w.day);
            if (date_add_years(w.number, k) != want_up || date_add_years(w.number, -k) != want_down)
                note_mismatch(&mismatches, "%04d-%02d-%02d +/- %" PRId32 " years", w.year, w.month,
                              w.day, k);
        }
    }
    expect_no_mismatches(mismatches, "date_add_months against the month stepper");
    assert_int_equal(index, 109938);
    assert_true(checks > 100000L * (2 * MONTH_STEPS_NEAR + 1 + 2 * YEAR_STEPS_FAR / 10));
}

/* xorshift64: a fixed, portable sequence. */
static uint64_t xorshift64(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *s = x;
    return x;
}

/* Checks that duration(start, start + offset) adds back and is the largest month count. */
static void check_duration_adds_back(int32_t start, int32_t offset, long *mismatches)
{
    int32_t end = date_add_days(start, offset);
    struct date_duration d = {-1, -1, -1};
    enum odaat_err err = date_duration(start, end, &d);
    if (err != ODAAT_OK || d.years < 0 || d.months < 0 || d.months > 11 || d.days < 0) {
        char a[DATE_ISO_SIZE];
        char b[DATE_ISO_SIZE];
        note_mismatch(mismatches, "%s -> %s: %s, %dy %dm %dd", date_format(start, a),
                      date_format(end, b), err_name(err), d.years, d.months, d.days);
        return;
    }
    int32_t months = d.years * 12 + d.months;
    int32_t landed = date_add_days(date_add_months(start, months), d.days);
    int32_t next = date_add_months(start, months + 1);
    if (landed != end || next <= end) {
        char a[DATE_ISO_SIZE];
        char b[DATE_ISO_SIZE];
        char c[DATE_ISO_SIZE];
        note_mismatch(mismatches, "%s -> %s: %dy %dm %dd adds back to %s; one more month is %s",
                      date_format(start, a), date_format(end, b), d.years, d.months, d.days,
                      date_format(landed, c), next <= end ? "not past the end" : "past it");
    }
}

/*
 * Offsets every start gets: the first days, and the days around the first and second month
 * anniversaries and the first year anniversary, where the month count changes.
 */
static const int32_t near_offsets[] = {0,  1,  2,  3,  26, 27, 28, 29,  30,  31,  32,
                                       33, 34, 58, 59, 60, 61, 62, 364, 365, 366, 367};

#define FAR_OFFSETS    3     /* every start: this many pseudo-random offsets up to 100 years */
#define FAR_OFFSET_MAX 36525 /* 100 years */
#define SAMPLE_EVERY   97    /* every 97th start, each month end and 28 February: */
#define SAMPLE_OFFSETS 400   /* every offset 0 .. 400 days */

static void test_property_duration_adds_back_and_is_maximal(void **state)
{
    uint64_t seed = UINT64_C(0x9E3779B97F4A7C15);
    long mismatches = 0;
    long checks = 0;
    long index = 0;
    for (struct walker w = walker_at_year(RANGE_FIRST_YEAR); w.year <= RANGE_LAST_YEAR;
         walker_next(&w), index++) {
        bool month_end = w.day == ref_month_length(w.year, w.month);
        bool feb_28 = w.month == 2 && w.day == 28;
        if (index % SAMPLE_EVERY == 0 || month_end || feb_28) {
            for (int32_t offset = 0; offset <= SAMPLE_OFFSETS; offset++, checks++)
                check_duration_adds_back(w.number, offset, &mismatches);
        } else {
            for (size_t i = 0; i < sizeof near_offsets / sizeof near_offsets[0]; i++, checks++)
                check_duration_adds_back(w.number, near_offsets[i], &mismatches);
        }
        for (int i = 0; i < FAR_OFFSETS; i++, checks++)
            check_duration_adds_back(w.number, (int32_t)(xorshift64(&seed) % FAR_OFFSET_MAX),
                                     &mismatches);
    }
    expect_no_mismatches(mismatches, "duration adds back");
    assert_int_equal(index, 109938);
    assert_true(checks > 4000000L);
}

int main(int argc, char **argv)
{
    golden_path = argc > 1 ? argv[1] : NULL;

    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_valid_dates_give_known_day_numbers),
        cmocka_unit_test(test_parse_days_that_do_not_exist_are_invalid),
        cmocka_unit_test(test_parse_wrong_shapes_are_syntax_errors),
        cmocka_unit_test(test_parse_years_outside_1900_to_2200_are_range_errors),
        cmocka_unit_test(test_parse_accepts_range_bounds_1900_01_01_and_2200_12_31),
        cmocka_unit_test(test_parse_n_reads_a_date_prefix_of_a_longer_string),
        cmocka_unit_test(test_format_writes_zero_padded_iso_dates),
        cmocka_unit_test(test_format_returns_its_buffer_with_terminator),
        cmocka_unit_test(test_weekday_of_known_dates_including_before_1970),
        cmocka_unit_test(test_weekday_steps_by_one_across_day_zero),
        cmocka_unit_test(test_day_numbers_of_known_dates_round_trip),
        cmocka_unit_test(test_century_1900_not_leap_2000_leap),
        cmocka_unit_test(test_days_in_month_with_february_of_leap_and_common_years),
        cmocka_unit_test(test_ymd_valid_rejects_year_0_and_10000_and_impossible_days),
        cmocka_unit_test(test_add_days_crosses_month_and_year_ends),
        cmocka_unit_test(test_add_months_jan31_clamps_to_feb28_common_year),
        cmocka_unit_test(test_add_months_jan31_clamps_to_feb29_leap_year),
        cmocka_unit_test(test_add_months_mar31_minus_one_clamps_to_end_of_february),
        cmocka_unit_test(test_add_months_feb29_plus_12_lands_on_feb28),
        cmocka_unit_test(test_add_months_feb29_plus_48_stays_feb29),
        cmocka_unit_test(test_add_months_feb29_plus_48_clamps_in_century_2100),
        cmocka_unit_test(test_add_months_dec_plus_one_crosses_into_january),
        cmocka_unit_test(test_add_months_zero_is_identity_even_on_month_ends),
        cmocka_unit_test(test_add_months_clamp_is_not_carried_to_later_months),
        cmocka_unit_test(test_add_months_month_ends_and_negative_steps),
        cmocka_unit_test(test_add_years_feb29_lands_on_feb28),
        cmocka_unit_test(test_add_years_feb29_plus_4_stays_feb29_except_over_centuries),
        cmocka_unit_test(test_diff_days_is_signed_and_counts_leap_days),
        cmocka_unit_test(test_duration_day_0_is_zero_years_months_days),
        cmocka_unit_test(test_duration_day_1_is_one_day),
        cmocka_unit_test(test_duration_end_before_start_is_error_and_output_untouched),
        cmocka_unit_test(test_duration_jan31_to_feb28_is_one_month_because_of_clamping),
        cmocka_unit_test(test_duration_month_ends_into_30_day_months),
        cmocka_unit_test(test_duration_30_days_is_not_one_month),
        cmocka_unit_test(test_duration_from_feb29_counts_years_to_feb28),
        cmocka_unit_test(test_duration_across_year_ends),
        cmocka_unit_test(test_duration_across_centuries_2100_not_leap),
        cmocka_unit_test(test_counting_day_0230_with_boundary_4_counts_for_previous_day),
        cmocka_unit_test(test_counting_day_0400_with_boundary_4_counts_for_same_day),
        cmocka_unit_test(test_counting_day_boundary_0_never_shifts),
        cmocka_unit_test(test_counting_day_boundary_12_shifts_the_whole_morning),
        cmocka_unit_test(test_counting_day_early_on_the_1st_counts_for_previous_month_end),
        cmocka_unit_test(test_boundary_valid_is_0_to_12_and_rejects_13_and_minus_1),
        cmocka_unit_test(test_month_names_and_abbreviations),
        cmocka_unit_test(test_weekday_names_and_abbreviations_start_on_monday),
        cmocka_unit_test(test_golden_rows_match_relativedelta),
        cmocka_unit_test(test_property_walker_agrees_with_day_numbers_1600_to_2500),
        cmocka_unit_test(test_property_format_parse_round_trip_every_day_1900_to_2200),
        cmocka_unit_test(test_property_add_months_matches_month_stepper),
        cmocka_unit_test(test_property_duration_adds_back_and_is_maximal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
