/*
 * test_clock: local dates and minutes from the time zone, the day boundary, and --today.
 *
 * Meson runs this one program once per time zone (TZ = UTC, Europe/London,
 * America/New_York, Australia/Lord_Howe, Pacific/Chatham, Pacific/Apia). It reads TZ and
 * runs the cases of that zone: fixed instants a second before, at and after each
 * daylight-saving change (spring forward and fall back, with the repeated half hour or hour
 * of a fall back), each with its local date and minute (clock_local_at) and the day it
 * counts for with a 04:00 boundary (clock_counting_day); the local date of noon UTC on every
 * day of 2026, which must move on by exactly one day each day; 23- and 25-hour local days,
 * which are still one calendar day apart; and Samoa's skipped 30 December 2011. For any
 * other TZ only the zone-independent cases run: clock_parse_moment's accepted and rejected
 * forms with their exact error codes, clock_today with an override and a boundary, and
 * clock_today and clock_local_now against the system clock.
 *
 * Expected values are literals, worked out from the IANA time zone rules; none is computed
 * here from seconds divided by 86,400.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "odaat/clock.h"
#include "odaat/date.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The tables hold instants before 1901 and after January 2038. */
_Static_assert(sizeof(time_t) >= 8, "time_t must hold 64-bit epoch seconds");

/* One instant (UTC epoch seconds) and what it is in the zone under test. */
struct instant_case {
    time_t instant;
    const char *date;     /* local date */
    int minute;           /* local minute of the day */
    const char *counting; /* the day it counts for with a 04:00 boundary */
};

/* A local day from its midnight to the next one (23, 23.5, 24.5 or 25 hours long). */
struct local_day {
    time_t start;
    time_t end;
    const char *date;
};

/* Two instants that read as the same local time (the repeated part of a fall back). */
struct repeated_time {
    time_t first;
    time_t second;
    const char *date;
    int minute;
};

/* The local date of noon UTC on each day of a year: first and last day, and the one local
 * date the zone's calendar skips that year (NULL for none). */
struct noon_run {
    int year;
    const char *first;
    const char *last;
    const char *skipped;
};

struct zone {
    const char *name;
    const struct instant_case *instants;
    size_t instant_count;
    const struct noon_run *noons;
    size_t noon_count;
    const struct local_day *days;
    size_t day_count;
    const struct repeated_time *repeated;
    size_t repeated_count;
};

static const struct instant_case utc_instants[] = {
    {0, "1970-01-01", 0, "1969-12-31"},             /* 00:00:00 +00:00 */
    {-1, "1969-12-31", 1439, "1969-12-31"},         /* 23:59:59 +00:00 */
    {-2208988800, "1900-01-01", 0, "1899-12-31"},   /* 00:00:00 +00:00 */
    {951782400, "2000-02-29", 0, "2000-02-28"},     /* 00:00:00 +00:00 */
    {1709208000, "2024-02-29", 720, "2024-02-29"},  /* 12:00:00 +00:00 */
    {1774746000, "2026-03-29", 60, "2026-03-28"},   /* 01:00:00 +00:00 */
    {1795401000, "2026-11-23", 150, "2026-11-22"},  /* 02:30:00 +00:00 */
    {1795406399, "2026-11-23", 239, "2026-11-22"},  /* 03:59:59 +00:00 */
    {1795406400, "2026-11-23", 240, "2026-11-23"},  /* 04:00:00 +00:00 */
    {1795478399, "2026-11-23", 1439, "2026-11-23"}, /* 23:59:59 +00:00 */
    {1798761599, "2026-12-31", 1439, "2026-12-31"}, /* 23:59:59 +00:00 */
    {1798761600, "2027-01-01", 0, "2026-12-31"},    /* 00:00:00 +00:00 */
    {2147483648, "2038-01-19", 194, "2038-01-18"},  /* 03:14:08 +00:00 */
};

static const struct noon_run noons_2026_utc_date[] = {{2026, "2026-01-01", "2026-12-31", NULL}};
/* Chatham (+13:45) is already on the next date at noon UTC. */
static const struct noon_run noons_2026_next_date[] = {{2026, "2026-01-02", "2027-01-01", NULL}};

static const struct instant_case london_instants[] = {
    /* Spring forward, 2026-03-29 01:00 UTC: 01:00 GMT becomes 02:00 BST. */
    {1774745999, "2026-03-29", 59, "2026-03-28"},  /* 00:59:59 +00:00 */
    {1774746000, "2026-03-29", 120, "2026-03-28"}, /* 02:00:00 +01:00 */
    {1774746001, "2026-03-29", 120, "2026-03-28"}, /* 02:00:01 +01:00 */
    {1774753199, "2026-03-29", 239, "2026-03-28"}, /* 03:59:59 +01:00 */
    {1774753200, "2026-03-29", 240, "2026-03-29"}, /* 04:00:00 +01:00 */
    /* Fall back, 2026-10-25 01:00 UTC: 02:00 BST becomes 01:00 GMT; 01:30 happens twice. */
    {1792889999, "2026-10-25", 119, "2026-10-24"}, /* 01:59:59 +01:00 */
    {1792890000, "2026-10-25", 60, "2026-10-24"},  /* 01:00:00 +00:00 */
    {1792890001, "2026-10-25", 60, "2026-10-24"},  /* 01:00:01 +00:00 */
    {1792888200, "2026-10-25", 90, "2026-10-24"},  /* 01:30:00 +01:00 (first) */
    {1792891800, "2026-10-25", 90, "2026-10-24"},  /* 01:30:00 +00:00 (second) */
    {1792900799, "2026-10-25", 239, "2026-10-24"}, /* 03:59:59 +00:00 */
    {1792900800, "2026-10-25", 240, "2026-10-25"}, /* 04:00:00 +00:00 */
};

static const struct local_day london_days[] = {
    {1774742400, 1774825200, "2026-03-29"}, /* 23 hours */
    {1792882800, 1792972800, "2026-10-25"}, /* 25 hours */
};

static const struct repeated_time london_repeated[] = {
    {1792888200, 1792891800, "2026-10-25", 90}, /* 01:30 BST, then 01:30 GMT */
};

static const struct instant_case new_york_instants[] = {
    /* Spring forward, 2026-03-08 07:00 UTC: 02:00 EST becomes 03:00 EDT. */
    {1772953199, "2026-03-08", 119, "2026-03-07"}, /* 01:59:59 -05:00 */
    {1772953200, "2026-03-08", 180, "2026-03-07"}, /* 03:00:00 -04:00 */
    {1772953201, "2026-03-08", 180, "2026-03-07"}, /* 03:00:01 -04:00 */
    {1772956799, "2026-03-08", 239, "2026-03-07"}, /* 03:59:59 -04:00 */
    {1772956800, "2026-03-08", 240, "2026-03-08"}, /* 04:00:00 -04:00 */
    /* Fall back, 2026-11-01 06:00 UTC: 02:00 EDT becomes 01:00 EST; 01:30 happens twice. */
    {1793512799, "2026-11-01", 119, "2026-10-31"}, /* 01:59:59 -04:00 */
    {1793512800, "2026-11-01", 60, "2026-10-31"},  /* 01:00:00 -05:00 */
    {1793512801, "2026-11-01", 60, "2026-10-31"},  /* 01:00:01 -05:00 */
    {1793511000, "2026-11-01", 90, "2026-10-31"},  /* 01:30:00 -04:00 (first) */
    {1793514600, "2026-11-01", 90, "2026-10-31"},  /* 01:30:00 -05:00 (second) */
    {1793523599, "2026-11-01", 239, "2026-10-31"}, /* 03:59:59 -05:00 */
    {1793523600, "2026-11-01", 240, "2026-11-01"}, /* 04:00:00 -05:00 */
};

static const struct local_day new_york_days[] = {
    {1772946000, 1773028800, "2026-03-08"}, /* 23 hours */
    {1793505600, 1793595600, "2026-11-01"}, /* 25 hours */
};

static const struct repeated_time new_york_repeated[] = {
    {1793511000, 1793514600, "2026-11-01", 90}, /* 01:30 EDT, then 01:30 EST */
};

static const struct instant_case lord_howe_instants[] = {
    /* Fall back half an hour, 2026-04-04 15:00 UTC: 02:00 +11:00 becomes 01:30 +10:30. */
    {1775314799, "2026-04-05", 119, "2026-04-04"}, /* 01:59:59 +11:00 */
    {1775314800, "2026-04-05", 90, "2026-04-04"},  /* 01:30:00 +10:30 */
    {1775314801, "2026-04-05", 90, "2026-04-04"},  /* 01:30:01 +10:30 */
    {1775313900, "2026-04-05", 105, "2026-04-04"}, /* 01:45:00 +11:00 (first) */
    {1775315700, "2026-04-05", 105, "2026-04-04"}, /* 01:45:00 +10:30 (second) */
    {1775323799, "2026-04-05", 239, "2026-04-04"}, /* 03:59:59 +10:30 */
    {1775323800, "2026-04-05", 240, "2026-04-05"}, /* 04:00:00 +10:30 */
    /* Spring forward half an hour, 2026-10-03 15:30 UTC: 02:00 +10:30 becomes 02:30 +11:00. */
    {1791041399, "2026-10-04", 119, "2026-10-03"}, /* 01:59:59 +10:30 */
    {1791041400, "2026-10-04", 150, "2026-10-03"}, /* 02:30:00 +11:00 */
    {1791041401, "2026-10-04", 150, "2026-10-03"}, /* 02:30:01 +11:00 */
    {1791046799, "2026-10-04", 239, "2026-10-03"}, /* 03:59:59 +11:00 */
    {1791046800, "2026-10-04", 240, "2026-10-04"}, /* 04:00:00 +11:00 */
};

static const struct local_day lord_howe_days[] = {
    {1791034200, 1791118800, "2026-10-04"}, /* 23.5 hours */
    {1775307600, 1775395800, "2026-04-05"}, /* 24.5 hours */
};

static const struct repeated_time lord_howe_repeated[] = {
    {1775313900, 1775315700, "2026-04-05", 105}, /* 01:45 +11:00, then 01:45 +10:30 */
};

static const struct instant_case chatham_instants[] = {
    /* Fall back, 2026-04-04 14:00 UTC: 03:45 +13:45 becomes 02:45 +12:45. */
    {1775311199, "2026-04-05", 224, "2026-04-04"}, /* 03:44:59 +13:45 */
    {1775311200, "2026-04-05", 165, "2026-04-04"}, /* 02:45:00 +12:45 */
    {1775311201, "2026-04-05", 165, "2026-04-04"}, /* 02:45:01 +12:45 */
    {1775308500, "2026-04-05", 180, "2026-04-04"}, /* 03:00:00 +13:45 (first) */
    {1775312100, "2026-04-05", 180, "2026-04-04"}, /* 03:00:00 +12:45 (second) */
    {1775315699, "2026-04-05", 239, "2026-04-04"}, /* 03:59:59 +12:45 */
    {1775315700, "2026-04-05", 240, "2026-04-05"}, /* 04:00:00 +12:45 */
    /* Spring forward, 2026-09-26 14:00 UTC: 02:45 +12:45 becomes 03:45 +13:45. */
    {1790431199, "2026-09-27", 164, "2026-09-26"}, /* 02:44:59 +12:45 */
    {1790431200, "2026-09-27", 225, "2026-09-26"}, /* 03:45:00 +13:45 */
    {1790431201, "2026-09-27", 225, "2026-09-26"}, /* 03:45:01 +13:45 */
    {1790432099, "2026-09-27", 239, "2026-09-26"}, /* 03:59:59 +13:45 */
    {1790432100, "2026-09-27", 240, "2026-09-27"}, /* 04:00:00 +13:45 */
};

static const struct local_day chatham_days[] = {
    {1790421300, 1790504100, "2026-09-27"}, /* 23 hours */
    {1775297700, 1775387700, "2026-04-05"}, /* 25 hours */
};

static const struct repeated_time chatham_repeated[] = {
    {1775308500, 1775312100, "2026-04-05", 180}, /* 03:00 +13:45, then 03:00 +12:45 */
};

static const struct instant_case apia_instants[] = {
    /* Fall back, 2011-04-02 14:00 UTC: 04:00 -10:00 becomes 03:00 -11:00. */
    {1301752799, "2011-04-02", 239, "2011-04-01"}, /* 03:59:59 -10:00 */
    {1301752800, "2011-04-02", 180, "2011-04-01"}, /* 03:00:00 -11:00 */
    {1301752801, "2011-04-02", 180, "2011-04-01"}, /* 03:00:01 -11:00 */
    {1301751000, "2011-04-02", 210, "2011-04-01"}, /* 03:30:00 -10:00 (first) */
    {1301754600, "2011-04-02", 210, "2011-04-01"}, /* 03:30:00 -11:00 (second) */
    /* Spring forward, 2011-09-24 14:00 UTC: 03:00 -11:00 becomes 04:00 -10:00. */
    {1316872799, "2011-09-24", 179, "2011-09-23"}, /* 02:59:59 -11:00 */
    {1316872800, "2011-09-24", 240, "2011-09-24"}, /* 04:00:00 -10:00 */
    {1316872801, "2011-09-24", 240, "2011-09-24"}, /* 04:00:01 -10:00 */
    /* Across the date line, 2011-12-30 10:00 UTC: 29 December is followed by 31 December. */
    {1325239199, "2011-12-29", 1439, "2011-12-29"}, /* 23:59:59 -10:00 */
    /* Before 04:00 on the 31st the counting day is the 30th, by date arithmetic, although
     * Samoa never lived that date. */
    {1325239200, "2011-12-31", 0, "2011-12-30"}, /* 00:00:00 +14:00 */
    {1325239201, "2011-12-31", 0, "2011-12-30"}, /* 00:00:01 +14:00 */
    /* Fall back, 2012-03-31 14:00 UTC: 04:00 +14:00 becomes 03:00 +13:00. */
    {1333202399, "2012-04-01", 239, "2012-03-31"}, /* 03:59:59 +14:00 */
    {1333202400, "2012-04-01", 180, "2012-03-31"}, /* 03:00:00 +13:00 */
    {1333202401, "2012-04-01", 180, "2012-03-31"}, /* 03:00:01 +13:00 */
    /* The last change, 2021-04-03 14:00 UTC; 2026 has none. */
    {1617458399, "2021-04-04", 239, "2021-04-03"}, /* 03:59:59 +14:00 */
    {1617458400, "2021-04-04", 180, "2021-04-03"}, /* 03:00:00 +13:00 */
    {1617458401, "2021-04-04", 180, "2021-04-03"}, /* 03:00:01 +13:00 */
    {1782907200, "2026-07-02", 60, "2026-07-01"},  /* 01:00:00 +13:00 */
};

static const struct noon_run apia_noons[] = {
    {2026, "2026-01-02", "2027-01-01", NULL},
    /* Noon UTC on 2011-12-29 is 02:00 on the 29th (-10:00); a day later it is 02:00 on the
     * 31st (+14:00). */
    {2011, "2011-01-01", "2012-01-01", "2011-12-30"},
};

static const struct local_day apia_days[] = {
    {1316862000, 1316944800, "2011-09-24"}, /* 23 hours */
    {1301738400, 1301828400, "2011-04-02"}, /* 25 hours */
};

static const struct repeated_time apia_repeated[] = {
    {1301751000, 1301754600, "2011-04-02", 210}, /* 03:30 -10:00, then 03:30 -11:00 */
};

static struct zone zone_utc = {
    .name = "UTC",
    .instants = utc_instants,
    .instant_count = ARRAY_LEN(utc_instants),
    .noons = noons_2026_utc_date,
    .noon_count = ARRAY_LEN(noons_2026_utc_date),
};

/* A zone with daylight-saving changes: every table filled. */
#define DST_ZONE(name_, instants_, noons_, days_, repeated_)                                       \
    {                                                                                              \
        .name = (name_), .instants = (instants_), .instant_count = ARRAY_LEN(instants_),           \
        .noons = (noons_), .noon_count = ARRAY_LEN(noons_), .days = (days_),                       \
        .day_count = ARRAY_LEN(days_), .repeated = (repeated_),                                    \
        .repeated_count = ARRAY_LEN(repeated_),                                                    \
    }

static struct zone zone_london =
    DST_ZONE("Europe/London", london_instants, noons_2026_utc_date, london_days, london_repeated);
static struct zone zone_new_york = DST_ZONE("America/New_York", new_york_instants,
                                            noons_2026_utc_date, new_york_days, new_york_repeated);
static struct zone zone_lord_howe =
    DST_ZONE("Australia/Lord_Howe", lord_howe_instants, noons_2026_utc_date, lord_howe_days,
             lord_howe_repeated);
static struct zone zone_chatham = DST_ZONE("Pacific/Chatham", chatham_instants,
                                           noons_2026_next_date, chatham_days, chatham_repeated);
static struct zone zone_apia =
    DST_ZONE("Pacific/Apia", apia_instants, apia_noons, apia_days, apia_repeated);

static int32_t iso(const char *text)
{
    int32_t day = 0;
    assert_int_equal(date_parse(text, &day), ODAAT_OK);
    return day;
}

static struct clock_moment local_at(time_t instant)
{
    struct clock_moment m = {-1, false, -1};
    assert_int_equal(clock_local_at(instant, &m), ODAAT_OK);
    assert_true(m.has_time);
    return m;
}

/* The local date of instant as the C library reads it, for the system-clock cases. */
static int32_t libc_local_date(time_t instant)
{
    struct tm tm;
    assert_non_null(localtime_r(&instant, &tm));
    return date_from_ymd((struct date_ymd){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday});
}

/* ---- Zone-independent cases ------------------------------------------------------------ */

static void test_parse_moment_accepts_date_alone_and_date_with_minute(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *date;
        bool has_time;
        int minute;
    } cases[] = {
        {"2026-11-23", "2026-11-23", false, 0},
        {"2026-11-23T02:30", "2026-11-23", true, 150},
        {"2026-11-23T00:00", "2026-11-23", true, 0},
        {"2026-11-23T23:59", "2026-11-23", true, 1439},
        {"2026-11-23T04:00", "2026-11-23", true, 240},
        {"2024-02-29T12:00", "2024-02-29", true, 720},
        {"1900-01-01T00:00", "1900-01-01", true, 0},
        {"2200-12-31T23:59", "2200-12-31", true, 1439},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct clock_moment m = {-1, !cases[i].has_time, -1};
        assert_int_equal(clock_parse_moment(cases[i].text, &m), ODAAT_OK);
        assert_int_equal(m.date, iso(cases[i].date));
        assert_int_equal(m.has_time, cases[i].has_time);
        assert_int_equal(m.minute, cases[i].minute);
    }
}

static void test_parse_moment_rejects_bad_forms_with_exact_codes(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        enum odaat_err err;
    } cases[] = {
        {"2026-11-23T24:00", ODAAT_ERR_TIME_SYNTAX},
        {"2026-11-23T2:30", ODAAT_ERR_TIME_SYNTAX},
        {"2026-11-23T02:60", ODAAT_ERR_TIME_SYNTAX},
        {"2026-11-23T02:30:00", ODAAT_ERR_TIME_SYNTAX},
        {"2026-11-23T", ODAAT_ERR_TIME_SYNTAX},
        {"2026-11-23T0230", ODAAT_ERR_TIME_SYNTAX},
        {"2026-11-23T02-30", ODAAT_ERR_TIME_SYNTAX},
        {"2026-11-23T-1:30", ODAAT_ERR_TIME_SYNTAX},
        {"2026-11-23T 2:30", ODAAT_ERR_TIME_SYNTAX},
        {"2026-11-23T02:3x", ODAAT_ERR_TIME_SYNTAX},
        {"2026-11-23T02:30Z", ODAAT_ERR_TIME_SYNTAX},
        {"2026-11-23T99:99", ODAAT_ERR_TIME_SYNTAX},
        /* Not a date followed by "T": the whole text is taken as a date, and is not one. */
        {"2026-11-23 02:30", ODAAT_ERR_DATE_SYNTAX},
        {"2026-11-23t02:30", ODAAT_ERR_DATE_SYNTAX},
        {"", ODAAT_ERR_DATE_SYNTAX},
        {"2026-11-2", ODAAT_ERR_DATE_SYNTAX},
        {"T02:30", ODAAT_ERR_DATE_SYNTAX},
        {"2026/11/23T02:30", ODAAT_ERR_DATE_SYNTAX},
        /* The date part is checked before the time part. */
        {"2026-02-30T01:00", ODAAT_ERR_DATE_INVALID},
        {"2026-02-30T24:00", ODAAT_ERR_DATE_INVALID},
        {"2026-13-01", ODAAT_ERR_DATE_INVALID},
        {"2025-02-29T12:00", ODAAT_ERR_DATE_INVALID},
        {"1899-12-31T10:00", ODAAT_ERR_DATE_RANGE},
        {"2201-01-01", ODAAT_ERR_DATE_RANGE},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct clock_moment m = {12345, true, 7};
        assert_int_equal(clock_parse_moment(cases[i].text, &m), cases[i].err);
        /* Left untouched on error. */
        assert_int_equal(m.date, 12345);
        assert_true(m.has_time);
        assert_int_equal(m.minute, 7);
    }
    struct clock_moment m = {12345, true, 7};
    assert_int_equal(clock_parse_moment(NULL, &m), ODAAT_ERR_DATE_SYNTAX);
    assert_int_equal(m.date, 12345);
}

static void test_today_time_before_boundary_counts_for_the_day_before(void **state)
{
    (void)state;
    static const struct {
        const char *override;
        int boundary;
        const char *want;
    } cases[] = {
        {"2026-11-23T02:30", 4, "2026-11-22"},  {"2026-11-23T02:30", 0, "2026-11-23"},
        {"2026-11-23T02:30", 2, "2026-11-23"},  {"2026-11-23T02:30", 3, "2026-11-22"},
        {"2026-11-23T03:59", 4, "2026-11-22"},  {"2026-11-23T04:00", 4, "2026-11-23"},
        {"2026-11-23T00:00", 0, "2026-11-23"},  {"2026-11-23T00:00", 1, "2026-11-22"},
        {"2026-11-23T11:59", 12, "2026-11-22"}, {"2026-11-23T12:00", 12, "2026-11-23"},
        {"2026-03-01T02:30", 4, "2026-02-28"},  {"2024-03-01T02:30", 4, "2024-02-29"},
        {"2027-01-01T00:30", 4, "2026-12-31"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        int32_t today = -1;
        assert_int_equal(clock_today(cases[i].override, cases[i].boundary, &today), ODAAT_OK);
        char buf[DATE_ISO_SIZE];
        assert_string_equal(date_format(today, buf), cases[i].want);
    }
}

static void test_today_date_only_override_is_never_shifted(void **state)
{
    (void)state;
    for (int boundary = 0; boundary <= ODAAT_BOUNDARY_MAX; boundary++) {
        int32_t today = -1;
        assert_int_equal(clock_today("2026-11-23", boundary, &today), ODAAT_OK);
        assert_int_equal(today, iso("2026-11-23"));
        assert_int_equal(clock_today("2026-03-01", boundary, &today), ODAAT_OK);
        assert_int_equal(today, iso("2026-03-01"));
    }
}

static void test_today_boundary_13_or_negative_is_rejected(void **state)
{
    (void)state;
    static const int bad[] = {13, 24, -1, 100};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        int32_t today = -1;
        assert_int_equal(clock_today("2026-11-23T02:30", bad[i], &today), ODAAT_ERR_BOUNDARY);
        assert_int_equal(clock_today("2026-11-23", bad[i], &today), ODAAT_ERR_BOUNDARY);
        assert_int_equal(clock_today(NULL, bad[i], &today), ODAAT_ERR_BOUNDARY);
        /* The boundary is checked before the override is read. */
        assert_int_equal(clock_today("not a date", bad[i], &today), ODAAT_ERR_BOUNDARY);
    }
    int32_t today = -1;
    assert_int_equal(clock_today("2026-11-23T02:30", 12, &today), ODAAT_OK);
    assert_int_equal(today, iso("2026-11-22"));
}

static void test_today_bad_override_gives_its_parse_error(void **state)
{
    (void)state;
    int32_t today = -1;
    assert_int_equal(clock_today("2026-11-23T24:00", 4, &today), ODAAT_ERR_TIME_SYNTAX);
    assert_int_equal(clock_today("2026-02-30", 4, &today), ODAAT_ERR_DATE_INVALID);
    assert_int_equal(clock_today("23/11/2026", 4, &today), ODAAT_ERR_DATE_SYNTAX);
    assert_int_equal(clock_today("1899-12-31", 4, &today), ODAAT_ERR_DATE_RANGE);
}

static void test_today_from_system_clock_is_the_local_date(void **state)
{
    (void)state;
    /* Boundary 0: the local date itself. Read before and after, in case midnight passes. */
    int32_t before = libc_local_date(time(NULL));
    int32_t today = -1;
    assert_int_equal(clock_today(NULL, 0, &today), ODAAT_OK);
    int32_t after = libc_local_date(time(NULL));
    assert_in_range(today, before, after);
    assert_in_range(after - before, 0, 1);
}

static void test_local_now_reads_the_system_clock(void **state)
{
    (void)state;
    time_t t0 = time(NULL);
    struct clock_moment m = {-1, false, -1};
    assert_int_equal(clock_local_now(&m), ODAAT_OK);
    time_t t1 = time(NULL);
    assert_true(m.has_time);
    assert_in_range(m.minute, 0, 1439);
    assert_in_range(m.date, libc_local_date(t0), libc_local_date(t1));
}

static void test_counting_day_changes_exactly_at_the_boundary(void **state)
{
    (void)state;
    int32_t d = iso("2026-11-23");
    static const struct {
        bool has_time;
        int minute;
        int boundary;
        int32_t shift;
    } cases[] = {
        {true, 239, 4, -1}, {true, 240, 4, 0}, {true, 0, 4, -1},  {true, 1439, 4, 0},
        {true, 0, 0, 0},    {true, 59, 1, -1}, {true, 60, 1, 0},  {true, 719, 12, -1},
        {true, 720, 12, 0}, {false, 0, 4, 0},  {false, 0, 12, 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const struct clock_moment m = {d, cases[i].has_time, cases[i].minute};
        assert_int_equal(clock_counting_day(&m, cases[i].boundary), d + cases[i].shift);
    }
}

static void test_local_at_past_year_9999_is_a_clock_error(void **state)
{
    (void)state;
    struct clock_moment m = {-1, false, -1};
    /* 10000-01-02 00:00 UTC: year 10000 in every zone, beyond the calendar's years. */
    assert_int_equal(clock_local_at((time_t)253402387200, &m), ODAAT_ERR_CLOCK);
    /* The largest time_t: no broken-down time can hold it. */
    assert_int_equal(clock_local_at((time_t)INT64_MAX, &m), ODAAT_ERR_CLOCK);
}

/* ---- Cases of the zone under test ------------------------------------------------------ */

static void test_local_date_and_minute_around_each_change(void **state)
{
    const struct zone *z = *state;
    assert_true(z->instant_count > 0);
    for (size_t i = 0; i < z->instant_count; i++) {
        const struct instant_case *c = &z->instants[i];
        struct clock_moment m = local_at(c->instant);
        char buf[DATE_ISO_SIZE];
        assert_string_equal(date_format(m.date, buf), c->date);
        assert_int_equal(m.minute, c->minute);
    }
}

static void test_counting_day_at_0400_around_each_change(void **state)
{
    const struct zone *z = *state;
    assert_true(z->instant_count > 0);
    for (size_t i = 0; i < z->instant_count; i++) {
        const struct instant_case *c = &z->instants[i];
        struct clock_moment m = local_at(c->instant);
        char buf[DATE_ISO_SIZE];
        assert_string_equal(date_format(clock_counting_day(&m, 4), buf), c->counting);
    }
}

static void test_noon_utc_local_date_moves_on_one_day_each_day(void **state)
{
    const struct zone *z = *state;
    assert_true(z->noon_count > 0);
    for (size_t r = 0; r < z->noon_count; r++) {
        const struct noon_run *run = &z->noons[r];
        int32_t first = date_from_ymd((struct date_ymd){run->year, 1, 1});
        int32_t last = date_from_ymd((struct date_ymd){run->year, 12, 31});
        int32_t skipped = run->skipped != NULL ? iso(run->skipped) : INT32_MIN;
        size_t skips = 0;
        int32_t previous = 0;
        size_t length = (size_t)(last - first) + 1;
        for (size_t k = 0; k < length; k++) {
            int32_t day = first + (int32_t)k;
            /* Noon UTC of a UTC day is an exact instant: UTC has no daylight saving. */
            time_t noon = (time_t)day * 86400 + 43200;
            int32_t local = local_at(noon).date;
            char buf[DATE_ISO_SIZE];
            if (day == first)
                assert_string_equal(date_format(local, buf), run->first);
            if (day == last)
                assert_string_equal(date_format(local, buf), run->last);
            if (day > first) {
                int32_t step = date_diff_days(previous, local);
                if (previous + 1 == skipped) {
                    assert_int_equal(step, 2);
                    skips++;
                } else {
                    assert_int_equal(step, 1);
                }
            }
            previous = local;
        }
        assert_int_equal(skips, run->skipped != NULL ? 1 : 0);
    }
}

static void test_23_and_25_hour_local_days_are_one_date_apart(void **state)
{
    const struct zone *z = *state;
    assert_true(z->day_count > 0);
    for (size_t i = 0; i < z->day_count; i++) {
        const struct local_day *d = &z->days[i];
        struct clock_moment start = local_at(d->start);
        struct clock_moment last_minute = local_at(d->end - 1);
        struct clock_moment next = local_at(d->end);
        assert_int_equal(start.date, iso(d->date));
        assert_int_equal(start.minute, 0);
        assert_int_equal(last_minute.date, iso(d->date));
        assert_int_equal(last_minute.minute, 1439);
        assert_int_equal(next.minute, 0);
        assert_int_equal(date_diff_days(start.date, next.date), 1);
        /* The middle of the day is the same date too, however long the day is. */
        assert_int_equal(local_at(d->start + (d->end - d->start) / 2).date, start.date);
    }
}

static void test_repeated_fall_back_time_reads_the_same_both_times(void **state)
{
    const struct zone *z = *state;
    assert_true(z->repeated_count > 0);
    for (size_t i = 0; i < z->repeated_count; i++) {
        const struct repeated_time *t = &z->repeated[i];
        struct clock_moment first = local_at(t->first);
        struct clock_moment second = local_at(t->second);
        assert_int_equal(first.date, iso(t->date));
        assert_int_equal(second.date, iso(t->date));
        assert_int_equal(first.minute, t->minute);
        assert_int_equal(second.minute, t->minute);
        assert_int_equal(clock_counting_day(&first, 4), clock_counting_day(&second, 4));
    }
}

static void test_apia_30_december_2011_never_exists(void **state)
{
    (void)state;
    /* Every minute from 2011-12-29 00:00 -10:00 to the end of 2011-12-31 +14:00. */
    const time_t from = 1325152800;
    const time_t to = 1325325600;
    int32_t dec29 = iso("2011-12-29");
    int32_t dec31 = iso("2011-12-31");
    int minutes_29 = 0;
    int minutes_31 = 0;
    for (time_t t = from; t < to; t += 60) {
        int32_t date = local_at(t).date;
        assert_int_not_equal(date, iso("2011-12-30"));
        minutes_29 += date == dec29;
        minutes_31 += date == dec31;
    }
    assert_int_equal(minutes_29, 1440);
    assert_int_equal(minutes_31, 1440);

    struct clock_moment before = local_at(1325239199);
    struct clock_moment after = local_at(1325239200);
    assert_int_equal(before.date, dec29);
    assert_int_equal(before.minute, 1439);
    assert_int_equal(after.date, dec31);
    assert_int_equal(after.minute, 0);
}

static void test_apia_29_to_31_december_2011_is_two_calendar_days(void **state)
{
    (void)state;
    /* Local midnights of the 29th and the 31st, only 24 hours apart. */
    struct clock_moment dec29 = local_at(1325152800);
    struct clock_moment dec31 = local_at(1325239200);
    assert_int_equal(dec29.date, iso("2011-12-29"));
    assert_int_equal(dec29.minute, 0);
    assert_int_equal(dec31.date, iso("2011-12-31"));
    assert_int_equal(dec31.minute, 0);
    assert_int_equal(date_diff_days(dec29.date, dec31.date), 2);
    assert_int_equal(date_diff_days(iso("2011-12-29"), iso("2011-12-31")), 2);
}

static void test_a_change_of_tz_is_seen_at_once(void **state)
{
    (void)state;
    /* The zone is read once and kept while TZ stays as it is; a new TZ is read at once. */
    const char *before = getenv("TZ");
    char saved[256] = "";
    if (before != NULL)
        snprintf(saved, sizeof saved, "%s", before);
    assert_int_equal(setenv("TZ", "UTC0", 1), 0);
    assert_int_equal(local_at(0).minute, 0);
    assert_int_equal(local_at(0).minute, 0);
    assert_int_equal(setenv("TZ", "JST-9", 1), 0);
    assert_int_equal(local_at(0).minute, 9 * 60);
    assert_int_equal(setenv("TZ", "UTC0", 1), 0);
    assert_int_equal(local_at(0).minute, 0);
    if (before != NULL)
        assert_int_equal(setenv("TZ", saved, 1), 0);
    else
        assert_int_equal(unsetenv("TZ"), 0);
    struct clock_moment m;
    assert_int_equal(clock_local_at(0, &m), ODAAT_OK); /* the zone of the tests that follow */
}

#define ZONE_INDEPENDENT_TESTS                                                                     \
    cmocka_unit_test(test_parse_moment_accepts_date_alone_and_date_with_minute),                   \
        cmocka_unit_test(test_parse_moment_rejects_bad_forms_with_exact_codes),                    \
        cmocka_unit_test(test_today_time_before_boundary_counts_for_the_day_before),               \
        cmocka_unit_test(test_today_date_only_override_is_never_shifted),                          \
        cmocka_unit_test(test_today_boundary_13_or_negative_is_rejected),                          \
        cmocka_unit_test(test_today_bad_override_gives_its_parse_error),                           \
        cmocka_unit_test(test_today_from_system_clock_is_the_local_date),                          \
        cmocka_unit_test(test_local_now_reads_the_system_clock),                                   \
        cmocka_unit_test(test_counting_day_changes_exactly_at_the_boundary),                       \
        cmocka_unit_test(test_local_at_past_year_9999_is_a_clock_error),                           \
        cmocka_unit_test(test_a_change_of_tz_is_seen_at_once)

#define ZONE_TABLE_TESTS(z)                                                                        \
    cmocka_unit_test_prestate(test_local_date_and_minute_around_each_change, (z)),                 \
        cmocka_unit_test_prestate(test_counting_day_at_0400_around_each_change, (z)),              \
        cmocka_unit_test_prestate(test_noon_utc_local_date_moves_on_one_day_each_day, (z))

#define ZONE_DST_TESTS(z)                                                                          \
    cmocka_unit_test_prestate(test_23_and_25_hour_local_days_are_one_date_apart, (z)),             \
        cmocka_unit_test_prestate(test_repeated_fall_back_time_reads_the_same_both_times, (z))

/* TZ as meson sets it; a leading ':' (POSIX's "implementation-defined" form) is allowed. */
static struct zone *zone_named(const char *tz)
{
    static struct zone *const zones[] = {&zone_utc,       &zone_london,  &zone_new_york,
                                         &zone_lord_howe, &zone_chatham, &zone_apia};
    if (tz == NULL)
        return NULL;
    if (tz[0] == ':')
        tz++;
    for (size_t i = 0; i < ARRAY_LEN(zones); i++) {
        if (strcmp(zones[i]->name, tz) == 0)
            return zones[i];
    }
    return NULL;
}

int main(void)
{
    struct zone *z = zone_named(getenv("TZ"));
    if (z == NULL) {
        const struct CMUnitTest tests[] = {ZONE_INDEPENDENT_TESTS};
        return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
    }
    if (z == &zone_utc) {
        const struct CMUnitTest tests[] = {ZONE_INDEPENDENT_TESTS, ZONE_TABLE_TESTS(z)};
        return cmocka_run_group_tests_name(z->name, tests, NULL, NULL);
    }
    if (z == &zone_apia) {
        const struct CMUnitTest tests[] = {
            ZONE_INDEPENDENT_TESTS,
            ZONE_TABLE_TESTS(z),
            ZONE_DST_TESTS(z),
            cmocka_unit_test(test_apia_30_december_2011_never_exists),
            cmocka_unit_test(test_apia_29_to_31_december_2011_is_two_calendar_days),
        };
        return cmocka_run_group_tests_name(z->name, tests, NULL, NULL);
    }
    const struct CMUnitTest tests[] = {ZONE_INDEPENDENT_TESTS, ZONE_TABLE_TESTS(z),
                                       ZONE_DST_TESTS(z)};
    return cmocka_run_group_tests_name(z->name, tests, NULL, NULL);
}
