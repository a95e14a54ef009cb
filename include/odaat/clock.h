/*
 * clock: the only module that reads the system clock and the local time zone. Everything
 * else receives "today" as a day number from here (or from an override for users and
 * tests), so counting can be tested without waiting for a daylight-saving change.
 */
#ifndef ODAAT_CLOCK_H
#define ODAAT_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "odaat/err.h"

/* A local wall-clock moment: a calendar date and, optionally, a minute of that day. */
struct clock_moment {
    int32_t date; /* day number */
    bool has_time;
    int minute; /* 0..1439 when has_time, else 0 */
};

/*
 * Parses an override as given to --today: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (24-hour).
 * Errors: those of date_parse, ODAAT_ERR_TIME_SYNTAX for a bad time part. *out is left
 * untouched on error.
 */
enum odaat_err clock_parse_moment(const char *text, struct clock_moment *out);

/*
 * Reads the local wall-clock date and minute of instant in the process's time zone
 * (localtime_r: never seconds divided by 86,400, which breaks on 23- and 25-hour days).
 * Errors: ODAAT_ERR_CLOCK when the instant cannot be converted.
 */
enum odaat_err clock_local_at(time_t instant, struct clock_moment *out);

/* Reads the system clock into *out, as clock_local_at(time(NULL)). */
enum odaat_err clock_local_now(struct clock_moment *out);

/*
 * Returns in *today the day that counts now: from override when it is not NULL, else from
 * the system clock; a moment with a time of day before boundary_hour counts for the day
 * before (a date-only override is taken as it is). Errors: ODAAT_ERR_BOUNDARY, those of
 * clock_parse_moment, ODAAT_ERR_CLOCK.
 */
enum odaat_err clock_today(const char *override, int boundary_hour, int32_t *today);

/* Room for a UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" and its NUL. */
#define CLOCK_STAMP_SIZE 21

/* Writes the current time in UTC as "YYYY-MM-DDTHH:MM:SSZ" (records' created/updated times).
 * Errors: ODAAT_ERR_CLOCK. */
enum odaat_err clock_utc_stamp(char out[CLOCK_STAMP_SIZE]);

/* Returns the day moment counts for under boundary_hour (see date_counting_day). */
int32_t clock_counting_day(const struct clock_moment *moment, int boundary_hour);

/* Returns milliseconds on a clock that only moves forward (for idle time: a change of the
 * wall clock or of the time zone neither locks early nor keeps the store open longer). */
int64_t clock_monotonic_ms(void);

/* The same clock in microseconds (for timing a key in the benchmarks). */
int64_t clock_monotonic_us(void);

#endif
