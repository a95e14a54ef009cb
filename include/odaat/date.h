/*
 * date: civil dates in the proleptic Gregorian calendar as day numbers.
 *
 * A day number counts days since 1970-01-01 (day 0); earlier dates are negative. Day
 * numbers are plain integers, so "the difference in days" is a subtraction and no time of
 * day, time zone or daylight-saving change can creep into a count. This module is pure: no
 * clock, no I/O, no allocation.
 */
#ifndef ODAAT_DATE_H
#define ODAAT_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "odaat/err.h"

/* The years people may type. Arithmetic works well beyond them (years 1 to 9999). */
#define ODAAT_YEAR_MIN 1900
#define ODAAT_YEAR_MAX 2200

/* Room for "YYYY-MM-DD" and its terminating NUL. */
#define DATE_ISO_SIZE 11

struct date_ymd {
    int year;
    int month; /* 1..12 */
    int day;   /* 1..31 */
};

/* A span read as whole years, then whole months, then the days left (see duration). */
struct date_duration {
    int years;
    int months;
    int days;
};

/* Returns true when year is a leap year (divisible by 4, except centuries not by 400). */
bool date_is_leap_year(int year);

/* Returns the number of days in month (1..12) of year, or 0 for a month out of range. */
int date_days_in_month(int year, int month);

/* Returns true when ymd names a day that exists (any year from 1 to 9999). */
bool date_ymd_valid(struct date_ymd ymd);

/* Returns the day number of a valid ymd; the result for an invalid one is unspecified. */
int32_t date_from_ymd(struct date_ymd ymd);

/* Returns the civil date of day number day. */
struct date_ymd date_to_ymd(int32_t day);

/*
 * Parses exactly "YYYY-MM-DD" (four, two and two digits, nothing before or after) into
 * *day. Errors: ODAAT_ERR_DATE_SYNTAX for any other shape, ODAAT_ERR_DATE_INVALID for a day
 * that does not exist (2025-02-30, 2025-13-01), ODAAT_ERR_DATE_RANGE outside the years
 * ODAAT_YEAR_MIN..ODAAT_YEAR_MAX. *day is left untouched on error.
 */
enum odaat_err date_parse(const char *text, int32_t *day);

/* Parses the first len bytes of text as date_parse does (for "DATE" prefixes of longer
 * strings such as "2025-01-31T07:30"). */
enum odaat_err date_parse_n(const char *text, size_t len, int32_t *day);

/* Writes "YYYY-MM-DD" for day into buf (DATE_ISO_SIZE bytes) and returns buf. */
char *date_format(int32_t day, char buf[static DATE_ISO_SIZE]);

/* Returns the ISO weekday of day: 1 Monday .. 7 Sunday. */
int date_weekday(int32_t day);

/* Returns day + n days. */
int32_t date_add_days(int32_t day, int32_t n);

/*
 * Returns the day n calendar months after day (n may be negative): the same day of the
 * month, clamped to the last day of a shorter month, so 31 January + 1 month is the last
 * day of February and 29 February + 12 months is 28 February in a common year.
 */
int32_t date_add_months(int32_t day, int32_t n);

/* Returns date_add_months(day, 12 * n). */
int32_t date_add_years(int32_t day, int32_t n);

/* Returns to - from in days (negative when to is earlier). */
int32_t date_diff_days(int32_t from, int32_t to);

/*
 * Reads the span from start to end (end >= start) as whole years, then whole months, then
 * days: the largest m with date_add_months(start, m) <= end gives years = m / 12 and
 * months = m % 12, and the days are what is left. This is the rule of python-dateutil's
 * relativedelta. Errors: ODAAT_ERR_END_BEFORE_START when end < start (*out untouched).
 */
enum odaat_err date_duration(int32_t start, int32_t end, struct date_duration *out);

/* The latest day boundary accepted: a boundary later than noon would split days oddly. */
#define ODAAT_BOUNDARY_MAX 12

/* Returns true when hour is an accepted day boundary (0..ODAAT_BOUNDARY_MAX). */
bool date_boundary_valid(int hour);

/*
 * Returns the day a moment counts for: the local calendar date, or the day before when the
 * local time of day (minute, 0..1439) is earlier than the boundary hour. With a boundary of
 * 4, a check-in at 02:30 on the 23rd counts for the 22nd. The boundary must be valid.
 */
int32_t date_counting_day(int32_t local_date, int minute, int boundary_hour);

/* English names for people: month 1..12 and ISO weekday 1..7 ("January", "Jan", ...). */
const char *date_month_name(int month);
const char *date_month_abbr(int month);
const char *date_weekday_name(int weekday);
const char *date_weekday_abbr(int weekday);

#endif
