/*
 * test_stats: streak, check-in and meeting statistics.
 *
 * Covers stats_streaks_sum (the worked example of the design, no streaks, the day of use not
 * being clean, any order, a streak ending before it starts, a relapse on day 0, a future
 * start), stats_checkins_sum (empty, unsorted with duplicates, the current run through today
 * or still from yesterday, a broken run, the longest run across a gap, dates after today,
 * month ends and 29 February, distinct days, the input left as it was), stats_meetings_sum
 * (the exact edges of the 7, 30 and 90 day windows, future meetings, several on one day) and
 * stats_ninety_sum (day 1, day 90, day 91, the count stopping after 90 days, completion, and
 * the days before the first day).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "odaat/date.h"
#include "odaat/stats.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static int32_t day_of(int year, int month, int day)
{
    return date_from_ymd((struct date_ymd){year, month, day});
}

static struct stats_streak closed(int32_t start, int32_t end)
{
    return (struct stats_streak){start, true, end};
}

static struct stats_streak open_from(int32_t start)
{
    return (struct stats_streak){start, false, 0};
}

/* Fills out with values no real sum has, so a field the code forgets to set shows. */
static void poison_streaks(struct stats_streaks *out)
{
    memset(out, 0x5A, sizeof *out);
}

static void assert_streaks(const struct stats_streaks *s, int32_t current, int32_t longest,
                           int32_t total, int32_t span, size_t count)
{
    assert_int_equal(s->current_days, current);
    assert_int_equal(s->longest_days, longest);
    assert_int_equal(s->total_clean_days, total);
    assert_int_equal(s->span_days, span);
    assert_int_equal(s->count, count);
}

static void test_streaks_design_example_is_412_current_657_of_659(void **state)
{
    (void)state;
    const struct stats_streak streaks[] = {
        closed(day_of(2025, 2, 2), day_of(2025, 10, 5)),
        open_from(day_of(2025, 10, 7)),
    };
    struct stats_streaks s;
    poison_streaks(&s);
    assert_int_equal(stats_streaks_sum(streaks, 2, day_of(2026, 11, 23), &s), ODAAT_OK);
    /* 245 closed days + 412 open ones = 657, over 659 days since 2025-02-02. */
    assert_streaks(&s, 412, 412, 657, 659, 2);
}

static void test_streaks_none_give_all_zero(void **state)
{
    (void)state;
    struct stats_streaks s;
    poison_streaks(&s);
    assert_int_equal(stats_streaks_sum(NULL, 0, day_of(2026, 11, 23), &s), ODAAT_OK);
    assert_streaks(&s, 0, 0, 0, 0, 0);
}

static void test_streaks_closed_streak_excludes_the_day_of_use(void **state)
{
    (void)state;
    /* Clean from 1 March, used on 11 March: 10 clean days (1..10 March). */
    const struct stats_streak streaks[] = {closed(day_of(2025, 3, 1), day_of(2025, 3, 11))};
    struct stats_streaks s;
    poison_streaks(&s);
    assert_int_equal(stats_streaks_sum(streaks, 1, day_of(2025, 3, 20), &s), ODAAT_OK);
    /* Nothing is open: current 0. */
    assert_streaks(&s, 0, 10, 10, 19, 1);
}

static void test_streaks_78_of_79_after_62_then_16(void **state)
{
    (void)state;
    int32_t d = day_of(2025, 1, 1);
    const struct stats_streak streaks[] = {
        closed(d, d + 62),
        open_from(d + 63),
    };
    struct stats_streaks s;
    poison_streaks(&s);
    assert_int_equal(stats_streaks_sum(streaks, 2, d + 79, &s), ODAAT_OK);
    /* The longest is the closed one, not the current one. */
    assert_streaks(&s, 16, 62, 78, 79, 2);
}

static void test_streaks_given_out_of_order_sum_the_same(void **state)
{
    (void)state;
    const struct stats_streak a = closed(day_of(2025, 1, 1), day_of(2025, 1, 20));
    const struct stats_streak b = closed(day_of(2025, 2, 2), day_of(2025, 10, 5));
    const struct stats_streak c = open_from(day_of(2025, 10, 7));
    const struct stats_streak orders[][3] = {
        {a, b, c}, {a, c, b}, {b, a, c}, {b, c, a}, {c, a, b}, {c, b, a},
    };
    for (size_t i = 0; i < ARRAY_LEN(orders); i++) {
        struct stats_streaks s;
        poison_streaks(&s);
        assert_int_equal(stats_streaks_sum(orders[i], 3, day_of(2026, 11, 23), &s), ODAAT_OK);
        /* 19 + 245 + 412 clean days; 691 days since 2025-01-01. */
        assert_streaks(&s, 412, 412, 676, 691, 3);
    }
}

static void test_streaks_ending_before_start_is_rejected(void **state)
{
    (void)state;
    int32_t today = day_of(2026, 11, 23);
    const struct stats_streak alone[] = {closed(day_of(2025, 3, 10), day_of(2025, 3, 9))};
    struct stats_streaks s;
    assert_int_equal(stats_streaks_sum(alone, 1, today, &s), ODAAT_ERR_END_BEFORE_START);
    /* The bad streak is found wherever it is in the list. */
    const struct stats_streak among[] = {
        closed(day_of(2025, 1, 1), day_of(2025, 1, 20)),
        open_from(day_of(2025, 10, 7)),
        closed(day_of(2025, 2, 2), day_of(2024, 2, 2)),
    };
    assert_int_equal(stats_streaks_sum(among, 3, today, &s), ODAAT_ERR_END_BEFORE_START);
}

static void test_streaks_error_leaves_output_untouched(void **state)
{
    (void)state;
    const struct stats_streak bad[] = {closed(day_of(2025, 3, 10), day_of(2025, 3, 9))};
    struct stats_streaks s;
    struct stats_streaks before;
    poison_streaks(&s);
    memcpy(&before, &s, sizeof s);
    assert_int_equal(stats_streaks_sum(bad, 1, day_of(2026, 11, 23), &s),
                     ODAAT_ERR_END_BEFORE_START);
    assert_memory_equal(&s, &before, sizeof s);
}

static void test_streaks_two_open_the_latest_start_is_current(void **state)
{
    (void)state;
    int32_t today = day_of(2026, 11, 23);
    /* Either order: the streak that began on 7 October 2025 is the current one. */
    const struct stats_streak later_last[] = {open_from(day_of(2025, 2, 2)),
                                              open_from(day_of(2025, 10, 7))};
    const struct stats_streak later_first[] = {open_from(day_of(2025, 10, 7)),
                                               open_from(day_of(2025, 2, 2))};
    struct stats_streaks s;
    assert_int_equal(stats_streaks_sum(later_last, 2, today, &s), ODAAT_OK);
    assert_int_equal(s.current_days, 412);
    assert_int_equal(stats_streaks_sum(later_first, 2, today, &s), ODAAT_OK);
    assert_int_equal(s.current_days, 412);
}

static void test_streaks_relapse_on_day_zero_counts_zero_days(void **state)
{
    (void)state;
    int32_t d = day_of(2025, 6, 1);
    const struct stats_streak streaks[] = {
        closed(d, d),
        open_from(d + 1),
    };
    struct stats_streaks s;
    poison_streaks(&s);
    assert_int_equal(stats_streaks_sum(streaks, 2, d + 5, &s), ODAAT_OK);
    assert_streaks(&s, 4, 4, 4, 5, 2);
    /* Alone, the zero-day streak is a streak all the same. */
    poison_streaks(&s);
    assert_int_equal(stats_streaks_sum(streaks, 1, d + 5, &s), ODAAT_OK);
    assert_streaks(&s, 0, 0, 0, 5, 1);
}

static void test_streaks_open_streak_started_today_counts_zero(void **state)
{
    (void)state;
    int32_t today = day_of(2026, 11, 23);
    const struct stats_streak streaks[] = {
        closed(day_of(2026, 11, 3), today),
        open_from(today),
    };
    struct stats_streaks s;
    poison_streaks(&s);
    assert_int_equal(stats_streaks_sum(streaks, 2, today, &s), ODAAT_OK);
    assert_streaks(&s, 0, 20, 20, 20, 2);
}

static void test_streaks_starting_in_the_future_count_zero(void **state)
{
    (void)state;
    int32_t today = day_of(2026, 11, 23);
    const struct stats_streak future[] = {open_from(today + 1)};
    struct stats_streaks s;
    poison_streaks(&s);
    assert_int_equal(stats_streaks_sum(future, 1, today, &s), ODAAT_OK);
    assert_streaks(&s, 0, 0, 0, 0, 1);

    /* Beside a real past streak, the future one adds nothing and does not move the span. */
    const struct stats_streak mixed[] = {
        closed(today - 30, today - 10),
        open_from(today + 3),
    };
    poison_streaks(&s);
    assert_int_equal(stats_streaks_sum(mixed, 2, today, &s), ODAAT_OK);
    assert_streaks(&s, 0, 20, 20, 30, 2);
}

static void test_streaks_days_after_today_are_not_counted(void **state)
{
    (void)state;
    int32_t today = day_of(2026, 11, 23);
    const struct stats_streak streaks[] = {closed(today - 10, today + 5)};
    struct stats_streaks s;
    poison_streaks(&s);
    assert_int_equal(stats_streaks_sum(streaks, 1, today, &s), ODAAT_OK);
    assert_streaks(&s, 0, 10, 10, 10, 1);
}

static struct stats_checkins checkins_of(const int32_t *dates, size_t count, int32_t today)
{
    struct stats_checkins c;
    memset(&c, 0x5A, sizeof c);
    assert_int_equal(stats_checkins_sum(dates, count, today, &c), ODAAT_OK);
    return c;
}

static void assert_checkins(struct stats_checkins c, int32_t current, int32_t longest, size_t total)
{
    assert_int_equal(c.current, current);
    assert_int_equal(c.longest, longest);
    assert_int_equal(c.total, total);
}

static void test_checkins_empty_give_all_zero(void **state)
{
    (void)state;
    assert_checkins(checkins_of(NULL, 0, day_of(2026, 11, 23)), 0, 0, 0);
}

static void test_checkins_unsorted_with_duplicates_count_each_day_once(void **state)
{
    (void)state;
    int32_t t = day_of(2026, 11, 23);
    const int32_t dates[] = {t, t - 2, t - 1, t - 1, t, t - 5, t - 2, t - 5};
    assert_checkins(checkins_of(dates, ARRAY_LEN(dates), t), 3, 3, 4);
}

static void test_checkins_current_counts_through_today(void **state)
{
    (void)state;
    int32_t t = day_of(2026, 11, 23);
    const int32_t dates[] = {t - 4, t - 3, t - 2, t - 1, t};
    assert_checkins(checkins_of(dates, ARRAY_LEN(dates), t), 5, 5, 5);
    const int32_t only_today[] = {t};
    assert_checkins(checkins_of(only_today, 1, t), 1, 1, 1);
}

static void test_checkins_current_still_counts_from_yesterday_before_todays(void **state)
{
    (void)state;
    int32_t t = day_of(2026, 11, 23);
    const int32_t dates[] = {t - 3, t - 2, t - 1};
    assert_checkins(checkins_of(dates, ARRAY_LEN(dates), t), 3, 3, 3);
    const int32_t only_yesterday[] = {t - 1};
    assert_checkins(checkins_of(only_yesterday, 1, t), 1, 1, 1);
}

static void test_checkins_current_is_zero_when_last_was_two_days_ago(void **state)
{
    (void)state;
    int32_t t = day_of(2026, 11, 23);
    const int32_t dates[] = {t - 6, t - 5, t - 4, t - 3, t - 2};
    assert_checkins(checkins_of(dates, ARRAY_LEN(dates), t), 0, 5, 5);
}

static void test_checkins_longest_run_is_kept_across_a_gap(void **state)
{
    (void)state;
    int32_t t = day_of(2026, 11, 23);
    /* Five days, a day missed, then three days ending today. */
    const int32_t dates[] = {t - 8, t - 7, t - 6, t - 5, t - 4, t - 2, t - 1, t};
    assert_checkins(checkins_of(dates, ARRAY_LEN(dates), t), 3, 5, 8);
    /* A longer current run is both current and longest. */
    const int32_t later[] = {t - 10, t - 9, t - 7, t - 6, t - 5, t - 4, t - 3, t - 2, t - 1};
    assert_checkins(checkins_of(later, ARRAY_LEN(later), t), 7, 7, 9);
}

static void test_checkins_dates_after_today_are_ignored(void **state)
{
    (void)state;
    int32_t t = day_of(2026, 11, 23);
    /* Tomorrow would join the run if it counted. */
    const int32_t dates[] = {t + 1, t - 1, t + 2, t - 2, t + 30};
    assert_checkins(checkins_of(dates, ARRAY_LEN(dates), t), 2, 2, 2);
    const int32_t only_future[] = {t + 1, t + 2};
    assert_checkins(checkins_of(only_future, ARRAY_LEN(only_future), t), 0, 0, 0);
}

static void test_checkins_run_crosses_month_end_and_29_february(void **state)
{
    (void)state;
    static const struct {
        const char *first;
        int32_t days; /* consecutive days written as dates from first */
        const char *today;
        int32_t current;
    } cases[] = {
        {"2024-02-27", 5, "2024-03-02", 5}, /* 27, 28, 29 Feb, 1, 2 Mar */
        {"2025-02-27", 4, "2025-03-02", 4}, /* 27, 28 Feb, 1, 2 Mar */
        {"2025-12-30", 4, "2026-01-02", 4}, /* across the year end */
        {"2025-04-29", 3, "2025-05-02", 3}, /* ends 1 May, seen on 2 May */
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        int32_t first = 0;
        int32_t today = 0;
        assert_int_equal(date_parse(cases[i].first, &first), ODAAT_OK);
        assert_int_equal(date_parse(cases[i].today, &today), ODAAT_OK);
        /* The dates are built through the calendar, month by month, not by adding 1. */
        int32_t dates[8];
        struct date_ymd ymd = date_to_ymd(first);
        for (int32_t k = 0; k < cases[i].days; k++) {
            dates[k] = date_from_ymd(ymd);
            if (ymd.day < date_days_in_month(ymd.year, ymd.month)) {
                ymd.day++;
            } else if (ymd.month < 12) {
                ymd.day = 1;
                ymd.month++;
            } else {
                ymd = (struct date_ymd){ymd.year + 1, 1, 1};
            }
        }
        struct stats_checkins c = checkins_of(dates, (size_t)cases[i].days, today);
        assert_checkins(c, cases[i].current, cases[i].days, (size_t)cases[i].days);
    }
    /* 28 February and 1 March of a leap year are not consecutive: 29 February lies between. */
    const int32_t gap[] = {day_of(2024, 2, 28), day_of(2024, 3, 1)};
    assert_checkins(checkins_of(gap, 2, day_of(2024, 3, 1)), 1, 1, 2);
}

static void test_checkins_total_counts_distinct_days(void **state)
{
    (void)state;
    int32_t t = day_of(2026, 11, 23);
    const int32_t dates[] = {t - 40, t - 40, t - 40, t - 20, t - 20, t - 3, t, t, t};
    assert_checkins(checkins_of(dates, ARRAY_LEN(dates), t), 1, 1, 4);
}

static void test_checkins_input_array_is_not_modified(void **state)
{
    (void)state;
    int32_t t = day_of(2026, 11, 23);
    int32_t dates[] = {t, t - 9, t - 1, t + 4, t - 1, t - 30, t - 2};
    int32_t copy[ARRAY_LEN(dates)];
    memcpy(copy, dates, sizeof dates);
    assert_checkins(checkins_of(dates, ARRAY_LEN(dates), t), 3, 3, 5);
    assert_memory_equal(dates, copy, sizeof dates);
}

static void test_meetings_windows_have_exact_edges(void **state)
{
    (void)state;
    int32_t t = day_of(2026, 11, 23);
    static const struct {
        int32_t offset;
        int32_t in_7;
        int32_t in_30;
        int32_t in_90;
    } cases[] = {
        {0, 1, 1, 1},   {-1, 1, 1, 1},  {-6, 1, 1, 1},  {-7, 0, 1, 1},   {-29, 0, 1, 1},
        {-30, 0, 0, 1}, {-89, 0, 0, 1}, {-90, 0, 0, 0}, {-365, 0, 0, 0},
    };
    int32_t all[ARRAY_LEN(cases)];
    struct stats_meetings want = {0, 0, 0};
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const int32_t one[] = {t + cases[i].offset};
        struct stats_meetings m = {-1, -1, -1};
        stats_meetings_sum(one, 1, t, &m);
        assert_int_equal(m.last_7, cases[i].in_7);
        assert_int_equal(m.last_30, cases[i].in_30);
        assert_int_equal(m.last_90, cases[i].in_90);
        all[i] = one[0];
        want.last_7 += cases[i].in_7;
        want.last_30 += cases[i].in_30;
        want.last_90 += cases[i].in_90;
    }
    struct stats_meetings m = {-1, -1, -1};
    stats_meetings_sum(all, ARRAY_LEN(all), t, &m);
    assert_int_equal(m.last_7, 3);
    assert_int_equal(m.last_30, 5);
    assert_int_equal(m.last_90, 7);
    assert_int_equal(want.last_7, 3);
    assert_int_equal(want.last_30, 5);
    assert_int_equal(want.last_90, 7);
}

static void test_meetings_in_the_future_are_ignored(void **state)
{
    (void)state;
    int32_t t = day_of(2026, 11, 23);
    const int32_t dates[] = {t + 1, t, t + 7, t + 100};
    struct stats_meetings m = {-1, -1, -1};
    stats_meetings_sum(dates, ARRAY_LEN(dates), t, &m);
    assert_int_equal(m.last_7, 1);
    assert_int_equal(m.last_30, 1);
    assert_int_equal(m.last_90, 1);
}

static void test_meetings_several_on_one_day_all_count(void **state)
{
    (void)state;
    int32_t t = day_of(2026, 11, 23);
    const int32_t dates[] = {t, t, t, t - 10, t - 10, t - 50};
    struct stats_meetings m = {-1, -1, -1};
    stats_meetings_sum(dates, ARRAY_LEN(dates), t, &m);
    assert_int_equal(m.last_7, 3);
    assert_int_equal(m.last_30, 5);
    assert_int_equal(m.last_90, 6);
}

static void test_meetings_none_give_all_zero(void **state)
{
    (void)state;
    struct stats_meetings m = {-1, -1, -1};
    stats_meetings_sum(NULL, 0, day_of(2026, 11, 23), &m);
    assert_int_equal(m.last_7, 0);
    assert_int_equal(m.last_30, 0);
    assert_int_equal(m.last_90, 0);
}

static struct stats_ninety ninety_of(const int32_t *dates, size_t count, int32_t first,
                                     int32_t today)
{
    struct stats_ninety n;
    memset(&n, 0x5A, sizeof n);
    stats_ninety_sum(dates, count, first, today, &n);
    return n;
}

static void test_ninety_first_day_is_day_one(void **state)
{
    (void)state;
    int32_t first = day_of(2026, 11, 23);
    const int32_t dates[] = {first, first, first - 1};
    struct stats_ninety n = ninety_of(dates, ARRAY_LEN(dates), first, first);
    assert_int_equal(n.day, 1);
    assert_int_equal(n.count, 2);
    assert_true(n.active);
    assert_false(n.complete);
}

static void test_ninety_day_90_is_active_and_day_91_is_not(void **state)
{
    (void)state;
    int32_t first = day_of(2026, 1, 1);
    /* One meeting on each of the first 89 days and one more on day 91. */
    int32_t dates[90];
    for (int32_t k = 0; k < 89; k++)
        dates[k] = first + k;
    dates[89] = first + 90;

    struct stats_ninety n = ninety_of(dates, 90, first, first + 89);
    assert_int_equal(n.day, 90);
    assert_true(n.active);
    assert_int_equal(n.count, 89);
    assert_false(n.complete);

    /* Day 91: the 90 days are over, and the meeting on day 91 does not count. */
    n = ninety_of(dates, 90, first, first + 90);
    assert_int_equal(n.day, 91);
    assert_false(n.active);
    assert_int_equal(n.count, 89);
    assert_false(n.complete);

    n = ninety_of(dates, 90, first, first + 400);
    assert_int_equal(n.day, 401);
    assert_false(n.active);
    assert_int_equal(n.count, 89);
}

static void test_ninety_complete_at_ninety_meetings(void **state)
{
    (void)state;
    int32_t first = day_of(2024, 2, 1); /* the 90 days include 29 February */
    int32_t dates[90];
    for (int32_t k = 0; k < 90; k++)
        dates[k] = first + k;
    struct stats_ninety n = ninety_of(dates, 90, first, first + 89);
    assert_int_equal(n.day, 90);
    assert_int_equal(n.count, 90);
    assert_true(n.complete);
    assert_true(n.active);
    /* Still complete once the 90 days are over. */
    n = ninety_of(dates, 90, first, first + 120);
    assert_int_equal(n.count, 90);
    assert_true(n.complete);
    assert_false(n.active);
    /* 89 meetings are not enough. */
    n = ninety_of(dates + 1, 89, first, first + 89);
    assert_int_equal(n.count, 89);
    assert_false(n.complete);
}

static void test_ninety_several_meetings_a_day_complete_early(void **state)
{
    (void)state;
    int32_t first = day_of(2026, 3, 1);
    int32_t dates[90];
    for (int32_t k = 0; k < 90; k++)
        dates[k] = first + k / 2; /* two a day for 45 days */
    struct stats_ninety n = ninety_of(dates, 90, first, first + 44);
    assert_int_equal(n.day, 45);
    assert_int_equal(n.count, 90);
    assert_true(n.complete);
    assert_true(n.active);
    /* Seen a day earlier, the meetings of day 45 are still ahead. */
    n = ninety_of(dates, 90, first, first + 43);
    assert_int_equal(n.count, 88);
    assert_false(n.complete);
}

static void test_ninety_before_first_day_is_not_started(void **state)
{
    (void)state;
    int32_t first = day_of(2026, 12, 1);
    const int32_t dates[] = {first - 3, first - 1, first - 1, first};
    static const struct {
        int32_t today_offset;
        int32_t day;
    } cases[] = {{-1, 0}, {-2, -1}, {-30, -29}};
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct stats_ninety n =
            ninety_of(dates, ARRAY_LEN(dates), first, first + cases[i].today_offset);
        assert_int_equal(n.day, cases[i].day);
        assert_int_equal(n.count, 0);
        assert_false(n.active);
        assert_false(n.complete);
    }
    /* Meetings before the first day never count, even once it has begun. */
    struct stats_ninety n = ninety_of(dates, ARRAY_LEN(dates), first, first + 1);
    assert_int_equal(n.day, 2);
    assert_int_equal(n.count, 1);
    assert_true(n.active);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_streaks_design_example_is_412_current_657_of_659),
        cmocka_unit_test(test_streaks_none_give_all_zero),
        cmocka_unit_test(test_streaks_closed_streak_excludes_the_day_of_use),
        cmocka_unit_test(test_streaks_78_of_79_after_62_then_16),
        cmocka_unit_test(test_streaks_given_out_of_order_sum_the_same),
        cmocka_unit_test(test_streaks_ending_before_start_is_rejected),
        cmocka_unit_test(test_streaks_error_leaves_output_untouched),
        cmocka_unit_test(test_streaks_two_open_the_latest_start_is_current),
        cmocka_unit_test(test_streaks_relapse_on_day_zero_counts_zero_days),
        cmocka_unit_test(test_streaks_open_streak_started_today_counts_zero),
        cmocka_unit_test(test_streaks_starting_in_the_future_count_zero),
        cmocka_unit_test(test_streaks_days_after_today_are_not_counted),
        cmocka_unit_test(test_checkins_empty_give_all_zero),
        cmocka_unit_test(test_checkins_unsorted_with_duplicates_count_each_day_once),
        cmocka_unit_test(test_checkins_current_counts_through_today),
        cmocka_unit_test(test_checkins_current_still_counts_from_yesterday_before_todays),
        cmocka_unit_test(test_checkins_current_is_zero_when_last_was_two_days_ago),
        cmocka_unit_test(test_checkins_longest_run_is_kept_across_a_gap),
        cmocka_unit_test(test_checkins_dates_after_today_are_ignored),
        cmocka_unit_test(test_checkins_run_crosses_month_end_and_29_february),
        cmocka_unit_test(test_checkins_total_counts_distinct_days),
        cmocka_unit_test(test_checkins_input_array_is_not_modified),
        cmocka_unit_test(test_meetings_windows_have_exact_edges),
        cmocka_unit_test(test_meetings_in_the_future_are_ignored),
        cmocka_unit_test(test_meetings_several_on_one_day_all_count),
        cmocka_unit_test(test_meetings_none_give_all_zero),
        cmocka_unit_test(test_ninety_first_day_is_day_one),
        cmocka_unit_test(test_ninety_day_90_is_active_and_day_91_is_not),
        cmocka_unit_test(test_ninety_complete_at_ninety_meetings),
        cmocka_unit_test(test_ninety_several_meetings_a_day_complete_early),
        cmocka_unit_test(test_ninety_before_first_day_is_not_started),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
