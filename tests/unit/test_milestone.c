/*
 * test_milestone: the milestone ladders and where a streak stands on them.
 *
 * Covers the presets (which exist, which do not), the CA ladder for the worked example of
 * the JSON contract (start 2025-01-31 seen on 2026-11-23), day 0 and day 1, "30 days" versus
 * "1 month", "6 months" versus 180 days, month-end and 29 February starts, the every-year
 * repeat after 18 months, extras merged with a preset, ladders without rungs, a future start,
 * the first-clean-day and last-use-day conventions, generated and custom labels, hours rungs,
 * rungs that tie on the next date, and freeing a report.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "odaat/date.h"
#include "odaat/milestone.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static int32_t day_of(int year, int month, int day)
{
    return date_from_ymd((struct date_ymd){year, month, day});
}

/* Parses an ISO date written in a table; a typo in the table fails the test. */
static int32_t iso(const char *text)
{
    int32_t day = 0;
    assert_int_equal(date_parse(text, &day), ODAAT_OK);
    return day;
}

/* One expected item of a report. */
struct want_item {
    const char *label;
    enum milestone_unit unit;
    int32_t count;
    const char *date;
    bool reached;
    const char *keytag; /* NULL: the item has none */
};

static void assert_items(const struct milestone_report *r, const struct want_item *want,
                         size_t count)
{
    assert_int_equal(r->item_count, count);
    assert_non_null(r->items);
    for (size_t i = 0; i < count; i++) {
        const struct milestone_item *item = &r->items[i];
        char buf[DATE_ISO_SIZE];
        assert_string_equal(item->label, want[i].label);
        assert_int_equal(item->unit, want[i].unit);
        assert_int_equal(item->count, want[i].count);
        assert_string_equal(date_format(item->date, buf), want[i].date);
        assert_int_equal(item->reached, want[i].reached);
        if (want[i].keytag == NULL)
            assert_null(item->keytag);
        else
            assert_string_equal(item->keytag, want[i].keytag);
    }
}

/* Asserts that next is the item at index, with the given label, date and days left. */
static void assert_next(const struct milestone_report *r, size_t index, const char *label,
                        const char *date, int32_t days_left)
{
    char buf[DATE_ISO_SIZE];
    assert_true(index < r->item_count);
    assert_ptr_equal(r->next, &r->items[index]);
    assert_string_equal(r->next->label, label);
    assert_string_equal(date_format(r->next->date, buf), date);
    assert_false(r->next->reached);
    assert_int_equal(r->days_left, days_left);
}

/* A ladder of the given rungs without a repeat, as a person might write one. */
static struct milestone_ladder custom_ladder(const struct milestone_rung *rungs, size_t count)
{
    return (struct milestone_ladder){
        .id = "custom", .name = "custom", .rungs = rungs, .rung_count = count};
}

static void make_report(const char *preset_id, const char *start, const char *today,
                        struct milestone_report *r)
{
    const struct milestone_ladder *ladder = milestone_preset(preset_id);
    assert_non_null(ladder);
    const struct milestone_ladder *const ladders[] = {ladder};
    assert_int_equal(milestone_report_make(ladders, 1, iso(start), iso(today), r), ODAAT_OK);
}

static void test_presets_exist_for_every_documented_id(void **state)
{
    (void)state;
    static const char *const ids[] = {"ca", "aa", "na", "smart", "none", "extras"};
    assert_int_equal(milestone_preset_count(), ARRAY_LEN(ids));
    for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
        const struct milestone_ladder *ladder = milestone_preset(ids[i]);
        assert_non_null(ladder);
        assert_string_equal(ladder->id, ids[i]);
        assert_non_null(ladder->name);
        assert_ptr_equal(milestone_preset_at(i), ladder);
    }
    assert_null(milestone_preset_at(ARRAY_LEN(ids)));
    assert_int_equal(milestone_preset("ca")->rung_count, 8);
    assert_int_equal(milestone_preset("na")->rung_count, 8);
    assert_int_equal(milestone_preset("extras")->rung_count, 4);
    assert_int_equal(milestone_preset("smart")->rung_count, 0);
    assert_int_equal(milestone_preset("none")->rung_count, 0);
}

static void test_unknown_preset_ids_give_null(void **state)
{
    (void)state;
    static const char *const ids[] = {"", "CA", "ca ", " ca", "c", "cax", "smart-recovery", "NA"};
    for (size_t i = 0; i < ARRAY_LEN(ids); i++)
        assert_null(milestone_preset(ids[i]));
    assert_null(milestone_preset(NULL));
}

static void test_unit_names_are_the_json_words(void **state)
{
    (void)state;
    assert_string_equal(milestone_unit_name(MILESTONE_HOURS), "hours");
    assert_string_equal(milestone_unit_name(MILESTONE_DAYS), "days");
    assert_string_equal(milestone_unit_name(MILESTONE_MONTHS), "months");
    assert_string_equal(milestone_unit_name(MILESTONE_YEARS), "years");
}

static void test_ca_on_day_661_lists_rungs_through_two_years(void **state)
{
    (void)state;
    static const struct want_item want[] = {
        {"24 hours", MILESTONE_DAYS, 1, "2025-02-01", true, NULL},
        {"30 days", MILESTONE_DAYS, 30, "2025-03-02", true, NULL},
        {"60 days", MILESTONE_DAYS, 60, "2025-04-01", true, NULL},
        {"90 days", MILESTONE_DAYS, 90, "2025-05-01", true, NULL},
        {"6 months", MILESTONE_MONTHS, 6, "2025-07-31", true, NULL},
        {"9 months", MILESTONE_MONTHS, 9, "2025-10-31", true, NULL},
        {"1 year", MILESTONE_YEARS, 1, "2026-01-31", true, NULL},
        {"18 months", MILESTONE_MONTHS, 18, "2026-07-31", true, NULL},
        {"2 years", MILESTONE_YEARS, 2, "2027-01-31", false, NULL},
    };
    struct milestone_report r;
    make_report("ca", "2025-01-31", "2026-11-23", &r);
    assert_int_equal(r.start, day_of(2025, 1, 31));
    assert_int_equal(r.today, day_of(2026, 11, 23));
    assert_int_equal(r.days, 661);
    assert_int_equal(r.duration.years, 1);
    assert_int_equal(r.duration.months, 9);
    assert_int_equal(r.duration.days, 23);
    assert_items(&r, want, ARRAY_LEN(want));
    assert_next(&r, 8, "2 years", "2027-01-31", 69);
    milestone_report_free(&r);
}

static void test_aa_ladder_places_rungs_like_ca(void **state)
{
    (void)state;
    struct milestone_report ca;
    struct milestone_report aa;
    make_report("ca", "2025-01-31", "2026-11-23", &ca);
    make_report("aa", "2025-01-31", "2026-11-23", &aa);
    assert_int_equal(aa.item_count, 9);
    assert_int_equal(aa.item_count, ca.item_count);
    for (size_t i = 0; i < aa.item_count; i++) {
        assert_string_equal(aa.items[i].label, ca.items[i].label);
        assert_int_equal(aa.items[i].date, ca.items[i].date);
        assert_int_equal(aa.items[i].reached, ca.items[i].reached);
    }
    assert_int_equal(aa.days_left, 69);
    milestone_report_free(&ca);
    milestone_report_free(&aa);
}

static void test_ca_day_zero_reaches_nothing_and_next_is_24_hours(void **state)
{
    (void)state;
    static const struct want_item want[] = {
        {"24 hours", MILESTONE_DAYS, 1, "2026-11-24", false, NULL},
    };
    struct milestone_report r;
    make_report("ca", "2026-11-23", "2026-11-23", &r);
    assert_int_equal(r.days, 0);
    assert_int_equal(r.duration.years, 0);
    assert_int_equal(r.duration.months, 0);
    assert_int_equal(r.duration.days, 0);
    assert_items(&r, want, ARRAY_LEN(want));
    assert_next(&r, 0, "24 hours", "2026-11-24", 1);
    milestone_report_free(&r);
}

static void test_na_welcome_reached_on_day_zero(void **state)
{
    (void)state;
    static const struct want_item want[] = {
        {"welcome", MILESTONE_DAYS, 0, "2026-11-23", true, "white"},
        {"30 days", MILESTONE_DAYS, 30, "2026-12-23", false, "orange"},
    };
    struct milestone_report r;
    make_report("na", "2026-11-23", "2026-11-23", &r);
    assert_int_equal(r.days, 0);
    assert_items(&r, want, ARRAY_LEN(want));
    assert_next(&r, 1, "30 days", "2026-12-23", 30);
    milestone_report_free(&r);
}

static void test_na_keytags_follow_rungs_and_repeats_are_black(void **state)
{
    (void)state;
    static const struct want_item want[] = {
        {"welcome", MILESTONE_DAYS, 0, "2024-01-10", true, "white"},
        {"30 days", MILESTONE_DAYS, 30, "2024-02-09", true, "orange"},
        {"60 days", MILESTONE_DAYS, 60, "2024-03-10", true, "green"},
        {"90 days", MILESTONE_DAYS, 90, "2024-04-09", true, "red"},
        {"6 months", MILESTONE_MONTHS, 6, "2024-07-10", true, "blue"},
        {"9 months", MILESTONE_MONTHS, 9, "2024-10-10", true, "yellow"},
        {"1 year", MILESTONE_YEARS, 1, "2025-01-10", true, "glow"},
        {"18 months", MILESTONE_MONTHS, 18, "2025-07-10", true, "gray"},
        {"2 years", MILESTONE_YEARS, 2, "2026-01-10", true, "black"},
        {"3 years", MILESTONE_YEARS, 3, "2027-01-10", false, "black"},
    };
    struct milestone_report r;
    make_report("na", "2024-01-10", "2026-11-23", &r);
    assert_items(&r, want, ARRAY_LEN(want));
    assert_next(&r, 9, "3 years", "2027-01-10", 48);
    milestone_report_free(&r);
}

static void test_ca_day_one_reaches_24_hours(void **state)
{
    (void)state;
    static const struct want_item want[] = {
        {"24 hours", MILESTONE_DAYS, 1, "2026-11-23", true, NULL},
        {"30 days", MILESTONE_DAYS, 30, "2026-12-22", false, NULL},
    };
    struct milestone_report r;
    make_report("ca", "2026-11-22", "2026-11-23", &r);
    assert_int_equal(r.days, 1);
    assert_int_equal(r.duration.days, 1);
    assert_items(&r, want, ARRAY_LEN(want));
    assert_next(&r, 1, "30 days", "2026-12-22", 29);
    milestone_report_free(&r);
}

static void test_thirty_days_and_one_month_fall_on_different_dates(void **state)
{
    (void)state;
    static const struct milestone_rung rungs[] = {
        {MILESTONE_DAYS, 30, NULL, NULL},
        {MILESTONE_MONTHS, 1, NULL, NULL},
    };
    const struct milestone_ladder ladder = custom_ladder(rungs, ARRAY_LEN(rungs));
    const struct milestone_ladder *const ladders[] = {&ladder};
    /* From 31 January one month ends in February, before 30 days. */
    static const struct want_item from_january[] = {
        {"1 month", MILESTONE_MONTHS, 1, "2025-02-28", true, NULL},
        {"30 days", MILESTONE_DAYS, 30, "2025-03-02", false, NULL},
    };
    struct milestone_report r;
    assert_int_equal(milestone_report_make(ladders, 1, iso("2025-01-31"), iso("2025-03-01"), &r),
                     ODAAT_OK);
    assert_items(&r, from_january, ARRAY_LEN(from_january));
    assert_next(&r, 1, "30 days", "2025-03-02", 1);
    milestone_report_free(&r);
    /* From 1 March (a 31-day month), 30 days comes first. */
    static const struct want_item from_march[] = {
        {"30 days", MILESTONE_DAYS, 30, "2025-03-31", true, NULL},
        {"1 month", MILESTONE_MONTHS, 1, "2025-04-01", false, NULL},
    };
    assert_int_equal(milestone_report_make(ladders, 1, iso("2025-03-01"), iso("2025-03-31"), &r),
                     ODAAT_OK);
    assert_items(&r, from_march, ARRAY_LEN(from_march));
    assert_next(&r, 1, "1 month", "2025-04-01", 1);
    milestone_report_free(&r);
}

static void test_six_months_not_awarded_after_180_days(void **state)
{
    (void)state;
    struct milestone_report r;
    /* 180 days after 2025-01-31 is 2025-07-30; six calendar months is 2025-07-31. */
    make_report("ca", "2025-01-31", "2025-07-30", &r);
    assert_int_equal(r.days, 180);
    assert_int_equal(r.item_count, 5);
    assert_true(r.items[3].reached);
    assert_next(&r, 4, "6 months", "2025-07-31", 1);
    assert_int_equal(r.duration.years, 0);
    assert_int_equal(r.duration.months, 5);
    assert_int_equal(r.duration.days, 30);
    milestone_report_free(&r);

    make_report("ca", "2025-01-31", "2025-07-31", &r);
    assert_int_equal(r.days, 181);
    assert_int_equal(r.item_count, 6);
    assert_string_equal(r.items[4].label, "6 months");
    assert_true(r.items[4].reached);
    assert_next(&r, 5, "9 months", "2025-10-31", 92);
    assert_int_equal(r.duration.months, 6);
    assert_int_equal(r.duration.days, 0);
    milestone_report_free(&r);
}

static void test_month_rungs_from_month_end_clamp_to_shorter_months(void **state)
{
    (void)state;
    static const struct {
        const char *start;
        int32_t months;
        const char *want;
    } cases[] = {
        {"2025-01-31", 1, "2025-02-28"},  {"2024-01-31", 1, "2024-02-29"},
        {"2025-01-31", 2, "2025-03-31"},  {"2025-01-31", 3, "2025-04-30"},
        {"2025-01-31", 4, "2025-05-31"},  {"2025-01-31", 5, "2025-06-30"},
        {"2025-01-31", 6, "2025-07-31"},  {"2025-01-31", 7, "2025-08-31"},
        {"2025-01-31", 8, "2025-09-30"},  {"2025-01-31", 9, "2025-10-31"},
        {"2025-01-31", 10, "2025-11-30"}, {"2025-01-31", 11, "2025-12-31"},
        {"2025-01-31", 13, "2026-02-28"}, {"2025-03-31", 1, "2025-04-30"},
        {"2025-08-31", 6, "2026-02-28"},  {"2025-05-30", 9, "2026-02-28"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const struct milestone_rung rung = {MILESTONE_MONTHS, cases[i].months, NULL, NULL};
        char buf[DATE_ISO_SIZE];
        assert_string_equal(date_format(milestone_rung_date(&rung, iso(cases[i].start)), buf),
                            cases[i].want);
    }
}

static void test_one_month_from_31_january_clamps_in_a_report(void **state)
{
    (void)state;
    static const struct milestone_rung rungs[] = {
        {MILESTONE_MONTHS, 1, NULL, NULL},
        {MILESTONE_MONTHS, 2, NULL, NULL},
        {MILESTONE_MONTHS, 3, NULL, NULL},
    };
    const struct milestone_ladder ladder = custom_ladder(rungs, ARRAY_LEN(rungs));
    const struct milestone_ladder *const ladders[] = {&ladder};
    static const struct want_item want[] = {
        {"1 month", MILESTONE_MONTHS, 1, "2024-02-29", true, NULL},
        {"2 months", MILESTONE_MONTHS, 2, "2024-03-31", false, NULL},
    };
    struct milestone_report r;
    assert_int_equal(milestone_report_make(ladders, 1, iso("2024-01-31"), iso("2024-02-29"), &r),
                     ODAAT_OK);
    assert_items(&r, want, ARRAY_LEN(want));
    assert_next(&r, 1, "2 months", "2024-03-31", 31);
    milestone_report_free(&r);
}

static void test_leap_day_start_reaches_years_on_28_february(void **state)
{
    (void)state;
    static const struct want_item want[] = {
        {"24 hours", MILESTONE_DAYS, 1, "2024-03-01", true, NULL},
        {"30 days", MILESTONE_DAYS, 30, "2024-03-30", true, NULL},
        {"60 days", MILESTONE_DAYS, 60, "2024-04-29", true, NULL},
        {"90 days", MILESTONE_DAYS, 90, "2024-05-29", true, NULL},
        {"6 months", MILESTONE_MONTHS, 6, "2024-08-29", true, NULL},
        {"9 months", MILESTONE_MONTHS, 9, "2024-11-29", true, NULL},
        {"1 year", MILESTONE_YEARS, 1, "2025-02-28", true, NULL},
        {"18 months", MILESTONE_MONTHS, 18, "2025-08-29", true, NULL},
        {"2 years", MILESTONE_YEARS, 2, "2026-02-28", true, NULL},
        {"3 years", MILESTONE_YEARS, 3, "2027-02-28", true, NULL},
        {"4 years", MILESTONE_YEARS, 4, "2028-02-29", true, NULL},
        {"5 years", MILESTONE_YEARS, 5, "2029-02-28", false, NULL},
    };
    struct milestone_report r;
    make_report("ca", "2024-02-29", "2028-02-29", &r);
    assert_int_equal(r.days, 1461);
    assert_int_equal(r.duration.years, 4);
    assert_int_equal(r.duration.months, 0);
    assert_int_equal(r.duration.days, 0);
    assert_items(&r, want, ARRAY_LEN(want));
    assert_next(&r, 11, "5 years", "2029-02-28", 365);
    milestone_report_free(&r);

    /* The day before the first anniversary, 1 year is still ahead. */
    make_report("ca", "2024-02-29", "2025-02-27", &r);
    assert_next(&r, 6, "1 year", "2025-02-28", 1);
    milestone_report_free(&r);
}

static void test_then_every_year_starts_at_two_years(void **state)
{
    (void)state;
    struct milestone_report r;
    make_report("ca", "2010-05-10", "2026-11-23", &r);
    /* 8 fixed rungs, 2..16 years reached, 17 years next: nothing later. */
    assert_int_equal(r.item_count, 8 + 15 + 1);
    assert_string_equal(r.items[6].label, "1 year");
    assert_string_equal(r.items[7].label, "18 months");
    for (size_t i = 8; i < r.item_count; i++) {
        char want_label[MILESTONE_LABEL_MAX + 1];
        int32_t years = (int32_t)(i - 6);
        const struct milestone_rung rung = {MILESTONE_YEARS, years, NULL, NULL};
        milestone_rung_label(&rung, want_label);
        assert_string_equal(r.items[i].label, want_label);
        assert_int_equal(r.items[i].unit, MILESTONE_YEARS);
        assert_int_equal(r.items[i].count, years);
        assert_int_equal(r.items[i].date, day_of(2010 + years, 5, 10));
        assert_int_equal(r.items[i].reached, years <= 16);
        assert_null(r.items[i].keytag);
    }
    assert_string_equal(r.items[8].label, "2 years");
    assert_string_equal(r.items[22].label, "16 years");
    /* "1 year" appears once: the repeat does not add it again. */
    size_t one_year = 0;
    for (size_t i = 0; i < r.item_count; i++)
        one_year += strcmp(r.items[i].label, "1 year") == 0;
    assert_int_equal(one_year, 1);
    assert_int_equal(r.days, 6041);
    assert_int_equal(r.duration.years, 16);
    assert_int_equal(r.duration.months, 6);
    assert_int_equal(r.duration.days, 13);
    assert_next(&r, 23, "17 years", "2027-05-10", 168);
    milestone_report_free(&r);
}

static void test_repeat_on_the_anniversary_itself_is_reached(void **state)
{
    (void)state;
    struct milestone_report r;
    make_report("ca", "2010-05-10", "2026-05-10", &r);
    assert_int_equal(r.item_count, 8 + 15 + 1);
    assert_string_equal(r.items[22].label, "16 years");
    assert_true(r.items[22].reached);
    assert_next(&r, 23, "17 years", "2027-05-10", 365);
    milestone_report_free(&r);

    /* Between 18 months and 2 years, the repeat offers 2 years next and nothing beyond. */
    make_report("ca", "2010-05-10", "2011-11-10", &r);
    assert_int_equal(r.item_count, 9);
    assert_true(r.items[7].reached);
    assert_next(&r, 8, "2 years", "2012-05-10", 182);
    milestone_report_free(&r);
}

static void test_extras_with_ca_merge_both_ladders_by_date(void **state)
{
    (void)state;
    static const struct want_item want[] = {
        {"24 hours", MILESTONE_DAYS, 1, "2018-01-02", true, NULL},
        {"30 days", MILESTONE_DAYS, 30, "2018-01-31", true, NULL},
        {"60 days", MILESTONE_DAYS, 60, "2018-03-02", true, NULL},
        {"90 days", MILESTONE_DAYS, 90, "2018-04-01", true, NULL},
        {"100 days", MILESTONE_DAYS, 100, "2018-04-11", true, NULL},
        {"6 months", MILESTONE_MONTHS, 6, "2018-07-01", true, NULL},
        {"200 days", MILESTONE_DAYS, 200, "2018-07-20", true, NULL},
        {"9 months", MILESTONE_MONTHS, 9, "2018-10-01", true, NULL},
        {"1 year", MILESTONE_YEARS, 1, "2019-01-01", true, NULL},
        {"500 days", MILESTONE_DAYS, 500, "2019-05-16", true, NULL},
        {"18 months", MILESTONE_MONTHS, 18, "2019-07-01", true, NULL},
        {"2 years", MILESTONE_YEARS, 2, "2020-01-01", true, NULL},
        {"1,000 days", MILESTONE_DAYS, 1000, "2020-09-27", true, NULL},
        {"3 years", MILESTONE_YEARS, 3, "2021-01-01", true, NULL},
        {"4 years", MILESTONE_YEARS, 4, "2022-01-01", true, NULL},
        {"5 years", MILESTONE_YEARS, 5, "2023-01-01", true, NULL},
        {"2,000 days", MILESTONE_DAYS, 2000, "2023-06-24", true, NULL},
        {"6 years", MILESTONE_YEARS, 6, "2024-01-01", true, NULL},
        {"7 years", MILESTONE_YEARS, 7, "2025-01-01", true, NULL},
        {"8 years", MILESTONE_YEARS, 8, "2026-01-01", true, NULL},
        {"3,000 days", MILESTONE_DAYS, 3000, "2026-03-20", true, NULL},
        {"9 years", MILESTONE_YEARS, 9, "2027-01-01", false, NULL},
    };
    const struct milestone_ladder *const ladders[] = {milestone_preset("ca"),
                                                      milestone_preset("extras")};
    assert_non_null(ladders[0]);
    assert_non_null(ladders[1]);
    struct milestone_report r;
    assert_int_equal(milestone_report_make(ladders, 2, iso("2018-01-01"), iso("2026-11-23"), &r),
                     ODAAT_OK);
    assert_int_equal(r.days, 3248);
    assert_items(&r, want, ARRAY_LEN(want));
    assert_next(&r, 21, "9 years", "2027-01-01", 39);
    milestone_report_free(&r);
}

static void test_extras_next_can_come_before_the_next_year(void **state)
{
    (void)state;
    const struct milestone_ladder *const ladders[] = {milestone_preset("extras"),
                                                      milestone_preset("ca")};
    struct milestone_report r;
    assert_int_equal(milestone_report_make(ladders, 2, iso("2020-01-01"), iso("2025-06-01"), &r),
                     ODAAT_OK);
    assert_int_equal(r.item_count, 17);
    assert_string_equal(r.items[15].label, "5 years");
    assert_true(r.items[15].reached);
    assert_next(&r, 16, "2,000 days", "2025-06-23", 22);
    assert_int_equal(r.next->unit, MILESTONE_DAYS);
    assert_int_equal(r.next->count, 2000);
    milestone_report_free(&r);
}

static void test_extras_repeat_every_thousand_after_one_thousand(void **state)
{
    (void)state;
    static const struct want_item want[] = {
        {"100 days", MILESTONE_DAYS, 100, "2018-04-11", true, NULL},
        {"200 days", MILESTONE_DAYS, 200, "2018-07-20", true, NULL},
        {"500 days", MILESTONE_DAYS, 500, "2019-05-16", true, NULL},
        {"1,000 days", MILESTONE_DAYS, 1000, "2020-09-27", true, NULL},
        {"2,000 days", MILESTONE_DAYS, 2000, "2023-06-24", true, NULL},
        {"3,000 days", MILESTONE_DAYS, 3000, "2026-03-20", true, NULL},
        {"4,000 days", MILESTONE_DAYS, 4000, "2028-12-14", false, NULL},
    };
    struct milestone_report r;
    /* Seen on day 3,000 exactly. */
    make_report("extras", "2018-01-01", "2026-03-20", &r);
    assert_int_equal(r.days, 3000);
    assert_items(&r, want, ARRAY_LEN(want));
    assert_next(&r, 6, "4,000 days", "2028-12-14", 1000);
    milestone_report_free(&r);
}

static void test_smart_and_none_give_no_items_and_no_next(void **state)
{
    (void)state;
    static const char *const ids[] = {"smart", "none"};
    for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
        struct milestone_report r;
        make_report(ids[i], "2025-01-31", "2026-11-23", &r);
        assert_int_equal(r.item_count, 0);
        assert_null(r.next);
        assert_int_equal(r.days_left, 0);
        /* The day count is still shown. */
        assert_int_equal(r.days, 661);
        assert_int_equal(r.duration.years, 1);
        milestone_report_free(&r);
    }
}

static void test_no_ladders_at_all_give_no_items(void **state)
{
    (void)state;
    struct milestone_report r;
    assert_int_equal(milestone_report_make(NULL, 0, iso("2025-01-31"), iso("2025-02-10"), &r),
                     ODAAT_OK);
    assert_int_equal(r.item_count, 0);
    assert_null(r.next);
    assert_int_equal(r.days_left, 0);
    assert_int_equal(r.days, 10);
    milestone_report_free(&r);
}

static void test_every_rung_reached_leaves_next_null(void **state)
{
    (void)state;
    static const struct milestone_rung rungs[] = {
        {MILESTONE_DAYS, 30, NULL, NULL},
        {MILESTONE_DAYS, 60, NULL, NULL},
    };
    const struct milestone_ladder ladder = custom_ladder(rungs, ARRAY_LEN(rungs));
    const struct milestone_ladder *const ladders[] = {&ladder};
    struct milestone_report r;
    assert_int_equal(milestone_report_make(ladders, 1, iso("2025-01-01"), iso("2025-03-02"), &r),
                     ODAAT_OK);
    assert_int_equal(r.days, 60);
    assert_int_equal(r.item_count, 2);
    assert_true(r.items[0].reached);
    assert_true(r.items[1].reached);
    assert_null(r.next);
    assert_int_equal(r.days_left, 0);
    milestone_report_free(&r);
}

static void test_future_start_gives_error_and_zeroed_report(void **state)
{
    (void)state;
    const struct milestone_ladder *const ladders[] = {milestone_preset("ca")};
    struct milestone_report r;
    memset(&r, 0xA5, sizeof r);
    assert_int_equal(milestone_report_make(ladders, 1, iso("2026-11-24"), iso("2026-11-23"), &r),
                     ODAAT_ERR_FUTURE_START);
    assert_int_equal(r.start, 0);
    assert_int_equal(r.today, 0);
    assert_int_equal(r.days, 0);
    assert_int_equal(r.duration.years, 0);
    assert_int_equal(r.duration.months, 0);
    assert_int_equal(r.duration.days, 0);
    assert_null(r.items);
    assert_int_equal(r.item_count, 0);
    assert_null(r.next);
    assert_int_equal(r.days_left, 0);
    /* Freeing the zeroed report is harmless. */
    milestone_report_free(&r);
}

static void test_last_use_day_shifts_start_by_one(void **state)
{
    (void)state;
    static const struct {
        const char *entered;
        const char *first_clean;
    } cases[] = {
        {"2025-01-30", "2025-01-31"}, {"2025-01-31", "2025-02-01"}, {"2025-02-28", "2025-03-01"},
        {"2024-02-28", "2024-02-29"}, {"2024-02-29", "2024-03-01"}, {"2025-04-30", "2025-05-01"},
        {"2025-12-31", "2026-01-01"}, {"1999-12-31", "2000-01-01"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char buf[DATE_ISO_SIZE];
        int32_t entered = iso(cases[i].entered);
        assert_string_equal(
            date_format(milestone_first_clean_day(entered, MILESTONE_LAST_USE_DAY), buf),
            cases[i].first_clean);
        assert_int_equal(milestone_first_clean_day(entered, MILESTONE_FIRST_CLEAN_DAY), entered);
    }
}

static void test_last_use_day_moves_every_milestone_by_one(void **state)
{
    (void)state;
    const struct milestone_ladder *const ladders[] = {milestone_preset("ca")};
    int32_t start = milestone_first_clean_day(iso("2025-01-30"), MILESTONE_LAST_USE_DAY);
    struct milestone_report r;
    assert_int_equal(milestone_report_make(ladders, 1, start, iso("2026-11-23"), &r), ODAAT_OK);
    assert_int_equal(r.start, day_of(2025, 1, 31));
    assert_int_equal(r.days, 661);
    assert_next(&r, 8, "2 years", "2027-01-31", 69);
    milestone_report_free(&r);
}

static void test_date_is_parse_accepts_only_the_two_names(void **state)
{
    (void)state;
    enum milestone_date_is out = MILESTONE_LAST_USE_DAY;
    assert_true(milestone_date_is_parse("first-clean-day", &out));
    assert_int_equal(out, MILESTONE_FIRST_CLEAN_DAY);
    assert_true(milestone_date_is_parse("last-use-day", &out));
    assert_int_equal(out, MILESTONE_LAST_USE_DAY);

    static const char *const bad[] = {
        "",         "first",         "First-clean-day", "first-clean-day ", " last-use-day",
        "last_use", "last-use-days", "first_clean_day", "last-use-da",
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        out = MILESTONE_LAST_USE_DAY;
        assert_false(milestone_date_is_parse(bad[i], &out));
        assert_int_equal(out, MILESTONE_LAST_USE_DAY);
        out = MILESTONE_FIRST_CLEAN_DAY;
        assert_false(milestone_date_is_parse(bad[i], &out));
        assert_int_equal(out, MILESTONE_FIRST_CLEAN_DAY);
    }
    assert_false(milestone_date_is_parse(NULL, &out));
}

static void test_date_is_name_round_trips_through_parse(void **state)
{
    (void)state;
    assert_string_equal(milestone_date_is_name(MILESTONE_FIRST_CLEAN_DAY), "first-clean-day");
    assert_string_equal(milestone_date_is_name(MILESTONE_LAST_USE_DAY), "last-use-day");
    static const enum milestone_date_is all[] = {MILESTONE_FIRST_CLEAN_DAY, MILESTONE_LAST_USE_DAY};
    for (size_t i = 0; i < ARRAY_LEN(all); i++) {
        enum milestone_date_is out =
            all[i] == MILESTONE_LAST_USE_DAY ? MILESTONE_FIRST_CLEAN_DAY : MILESTONE_LAST_USE_DAY;
        assert_true(milestone_date_is_parse(milestone_date_is_name(all[i]), &out));
        assert_int_equal(out, all[i]);
    }
}

static void test_generated_labels_use_singular_plural_and_thousands(void **state)
{
    (void)state;
    static const struct {
        enum milestone_unit unit;
        int32_t count;
        const char *want;
    } cases[] = {
        {MILESTONE_HOURS, 1, "1 hour"},
        {MILESTONE_HOURS, 24, "24 hours"},
        {MILESTONE_HOURS, 72, "72 hours"},
        {MILESTONE_DAYS, 0, "0 days"},
        {MILESTONE_DAYS, 1, "1 day"},
        {MILESTONE_DAYS, 30, "30 days"},
        {MILESTONE_DAYS, 100, "100 days"},
        {MILESTONE_DAYS, 999, "999 days"},
        {MILESTONE_DAYS, 1000, "1,000 days"},
        {MILESTONE_DAYS, 2000, "2,000 days"},
        {MILESTONE_DAYS, 12345, "12,345 days"},
        {MILESTONE_DAYS, 100000, "100,000 days"},
        {MILESTONE_DAYS, 1000000, "1,000,000 days"},
        {MILESTONE_DAYS, INT32_MAX, "2,147,483,647 days"},
        {MILESTONE_MONTHS, 1, "1 month"},
        {MILESTONE_MONTHS, 18, "18 months"},
        {MILESTONE_YEARS, 1, "1 year"},
        {MILESTONE_YEARS, 2, "2 years"},
        {MILESTONE_YEARS, 10, "10 years"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const struct milestone_rung rung = {cases[i].unit, cases[i].count, NULL, NULL};
        char buf[MILESTONE_LABEL_MAX + 1];
        memset(buf, 'x', sizeof buf);
        milestone_rung_label(&rung, buf);
        assert_string_equal(buf, cases[i].want);
    }
}

static void test_custom_labels_are_kept_and_truncated_to_label_max(void **state)
{
    (void)state;
    /* 60 bytes: the first MILESTONE_LABEL_MAX (47) of them are kept. */
    static const char long_label[] = "one day at a time, and then the next day, and the next again";
    static const char kept[] = "one day at a time, and then the next day, and t";
    assert_int_equal(sizeof long_label - 1, 60);
    assert_int_equal(sizeof kept - 1, MILESTONE_LABEL_MAX);
    static const struct {
        const char *label;
        const char *want;
    } cases[] = {
        {"24 hours", "24 hours"},
        {"", ""},
        {"first chip", "first chip"},
        {"12345678901234567890123456789012345678901234567",
         "12345678901234567890123456789012345678901234567"},
        {"123456789012345678901234567890123456789012345678",
         "12345678901234567890123456789012345678901234567"},
        {long_label, kept},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const struct milestone_rung rung = {MILESTONE_DAYS, 7, cases[i].label, NULL};
        char buf[MILESTONE_LABEL_MAX + 1];
        memset(buf, 'x', sizeof buf);
        milestone_rung_label(&rung, buf);
        assert_string_equal(buf, cases[i].want);
    }

    /* The same truncation reaches the report's items. */
    const struct milestone_rung rungs[] = {{MILESTONE_DAYS, 7, long_label, NULL}};
    const struct milestone_ladder ladder = custom_ladder(rungs, 1);
    const struct milestone_ladder *const ladders[] = {&ladder};
    struct milestone_report r;
    assert_int_equal(milestone_report_make(ladders, 1, iso("2025-01-01"), iso("2025-01-02"), &r),
                     ODAAT_OK);
    assert_int_equal(r.item_count, 1);
    assert_string_equal(r.items[0].label, kept);
    assert_int_equal(strlen(r.items[0].label), MILESTONE_LABEL_MAX);
    milestone_report_free(&r);
}

static void test_hours_rungs_round_up_to_whole_days(void **state)
{
    (void)state;
    static const struct {
        int32_t hours;
        int32_t days;
    } cases[] = {
        {0, 0}, {1, 1}, {23, 1}, {24, 1}, {25, 2}, {47, 2}, {48, 2}, {49, 3}, {72, 3}, {73, 4},
    };
    int32_t start = iso("2025-12-30");
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const struct milestone_rung rung = {MILESTONE_HOURS, cases[i].hours, NULL, NULL};
        assert_int_equal(milestone_rung_date(&rung, start), start + cases[i].days);
    }
    /* In a report: 72 hours from 2025-12-30 is 2026-01-02, across the year end. */
    static const struct milestone_rung rungs[] = {
        {MILESTONE_HOURS, 25, NULL, NULL},
        {MILESTONE_HOURS, 72, NULL, NULL},
    };
    const struct milestone_ladder ladder = custom_ladder(rungs, ARRAY_LEN(rungs));
    const struct milestone_ladder *const ladders[] = {&ladder};
    static const struct want_item want[] = {
        {"25 hours", MILESTONE_HOURS, 25, "2026-01-01", true, NULL},
        {"72 hours", MILESTONE_HOURS, 72, "2026-01-02", false, NULL},
    };
    struct milestone_report r;
    assert_int_equal(milestone_report_make(ladders, 1, start, iso("2026-01-01"), &r), ODAAT_OK);
    assert_items(&r, want, ARRAY_LEN(want));
    assert_next(&r, 1, "72 hours", "2026-01-02", 1);
    milestone_report_free(&r);
}

static void test_other_units_place_rungs_on_the_calendar(void **state)
{
    (void)state;
    static const struct {
        enum milestone_unit unit;
        int32_t count;
        const char *start;
        const char *want;
    } cases[] = {
        {MILESTONE_DAYS, 0, "2025-01-31", "2025-01-31"},
        {MILESTONE_DAYS, 1, "2025-12-31", "2026-01-01"},
        {MILESTONE_DAYS, 30, "2025-01-31", "2025-03-02"},
        {MILESTONE_DAYS, 365, "2024-01-01", "2024-12-31"},
        {MILESTONE_MONTHS, 0, "2025-01-31", "2025-01-31"},
        {MILESTONE_MONTHS, 18, "2024-08-31", "2026-02-28"},
        {MILESTONE_YEARS, 1, "2024-02-29", "2025-02-28"},
        {MILESTONE_YEARS, 2, "2024-02-29", "2026-02-28"},
        {MILESTONE_YEARS, 4, "2024-02-29", "2028-02-29"},
        {MILESTONE_YEARS, 100, "2000-02-29", "2100-02-28"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const struct milestone_rung rung = {cases[i].unit, cases[i].count, NULL, NULL};
        char buf[DATE_ISO_SIZE];
        assert_string_equal(date_format(milestone_rung_date(&rung, iso(cases[i].start)), buf),
                            cases[i].want);
    }
}

static void test_rungs_tied_on_the_next_date_are_all_kept(void **state)
{
    (void)state;
    /* From 2025-01-01, 365 days, 12 months and 1 year all fall on 2026-01-01. */
    static const struct milestone_rung rungs[] = {
        {MILESTONE_YEARS, 2, NULL, NULL},  {MILESTONE_YEARS, 1, NULL, NULL},
        {MILESTONE_DAYS, 365, NULL, NULL}, {MILESTONE_MONTHS, 12, NULL, NULL},
        {MILESTONE_DAYS, 30, NULL, NULL},  {MILESTONE_MONTHS, 1, "first month", NULL},
        {MILESTONE_DAYS, 366, NULL, NULL},
    };
    const struct milestone_ladder ladder = custom_ladder(rungs, ARRAY_LEN(rungs));
    const struct milestone_ladder *const ladders[] = {&ladder};
    /* Ties sort by unit (days, months, years); 366 days and 2 years lie beyond. */
    static const struct want_item want[] = {
        {"30 days", MILESTONE_DAYS, 30, "2025-01-31", true, NULL},
        {"first month", MILESTONE_MONTHS, 1, "2025-02-01", true, NULL},
        {"365 days", MILESTONE_DAYS, 365, "2026-01-01", false, NULL},
        {"12 months", MILESTONE_MONTHS, 12, "2026-01-01", false, NULL},
        {"1 year", MILESTONE_YEARS, 1, "2026-01-01", false, NULL},
    };
    struct milestone_report r;
    assert_int_equal(milestone_report_make(ladders, 1, iso("2025-01-01"), iso("2025-06-01"), &r),
                     ODAAT_OK);
    assert_items(&r, want, ARRAY_LEN(want));
    assert_next(&r, 2, "365 days", "2026-01-01", 214);
    milestone_report_free(&r);

    /* Once reached, tied rungs are all listed as reached and the next one follows. */
    assert_int_equal(milestone_report_make(ladders, 1, iso("2025-01-01"), iso("2026-01-01"), &r),
                     ODAAT_OK);
    assert_int_equal(r.item_count, 6);
    assert_true(r.items[2].reached);
    assert_true(r.items[3].reached);
    assert_true(r.items[4].reached);
    assert_next(&r, 5, "366 days", "2026-01-02", 1);
    milestone_report_free(&r);
}

static void test_report_free_null_is_safe_and_zeroes_the_report(void **state)
{
    (void)state;
    milestone_report_free(NULL);
    struct milestone_report r;
    make_report("ca", "2025-01-31", "2026-11-23", &r);
    assert_non_null(r.items);
    milestone_report_free(&r);
    assert_null(r.items);
    assert_null(r.next);
    assert_int_equal(r.item_count, 0);
    assert_int_equal(r.days, 0);
    assert_int_equal(r.days_left, 0);
    /* A second free of the zeroed report is harmless. */
    milestone_report_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_presets_exist_for_every_documented_id),
        cmocka_unit_test(test_unknown_preset_ids_give_null),
        cmocka_unit_test(test_unit_names_are_the_json_words),
        cmocka_unit_test(test_ca_on_day_661_lists_rungs_through_two_years),
        cmocka_unit_test(test_aa_ladder_places_rungs_like_ca),
        cmocka_unit_test(test_ca_day_zero_reaches_nothing_and_next_is_24_hours),
        cmocka_unit_test(test_na_welcome_reached_on_day_zero),
        cmocka_unit_test(test_na_keytags_follow_rungs_and_repeats_are_black),
        cmocka_unit_test(test_ca_day_one_reaches_24_hours),
        cmocka_unit_test(test_thirty_days_and_one_month_fall_on_different_dates),
        cmocka_unit_test(test_six_months_not_awarded_after_180_days),
        cmocka_unit_test(test_month_rungs_from_month_end_clamp_to_shorter_months),
        cmocka_unit_test(test_one_month_from_31_january_clamps_in_a_report),
        cmocka_unit_test(test_leap_day_start_reaches_years_on_28_february),
        cmocka_unit_test(test_then_every_year_starts_at_two_years),
        cmocka_unit_test(test_repeat_on_the_anniversary_itself_is_reached),
        cmocka_unit_test(test_extras_with_ca_merge_both_ladders_by_date),
        cmocka_unit_test(test_extras_next_can_come_before_the_next_year),
        cmocka_unit_test(test_extras_repeat_every_thousand_after_one_thousand),
        cmocka_unit_test(test_smart_and_none_give_no_items_and_no_next),
        cmocka_unit_test(test_no_ladders_at_all_give_no_items),
        cmocka_unit_test(test_every_rung_reached_leaves_next_null),
        cmocka_unit_test(test_future_start_gives_error_and_zeroed_report),
        cmocka_unit_test(test_last_use_day_shifts_start_by_one),
        cmocka_unit_test(test_last_use_day_moves_every_milestone_by_one),
        cmocka_unit_test(test_date_is_parse_accepts_only_the_two_names),
        cmocka_unit_test(test_date_is_name_round_trips_through_parse),
        cmocka_unit_test(test_generated_labels_use_singular_plural_and_thousands),
        cmocka_unit_test(test_custom_labels_are_kept_and_truncated_to_label_max),
        cmocka_unit_test(test_hours_rungs_round_up_to_whole_days),
        cmocka_unit_test(test_other_units_place_rungs_on_the_calendar),
        cmocka_unit_test(test_rungs_tied_on_the_next_date_are_all_kept),
        cmocka_unit_test(test_report_free_null_is_safe_and_zeroes_the_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
