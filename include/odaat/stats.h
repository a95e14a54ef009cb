/*
 * stats: streak, check-in and meeting statistics from plain lists of dates. Pure: "today"
 * is a parameter, inputs are never modified, nothing is kept between calls.
 */
#ifndef ODAAT_STATS_H
#define ODAAT_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "odaat/err.h"

/* A streak runs from its first clean day; a closed one ends on the day of use. */
struct stats_streak {
    int32_t start;
    bool has_end;
    int32_t end; /* the day of use; only when has_end */
};

struct stats_streaks {
    int32_t current_days;     /* today - start of the open streak; 0 when none is open */
    int32_t longest_days;     /* the longest streak, the current one included */
    int32_t total_clean_days; /* every streak's clean days added up */
    int32_t span_days;        /* today - the earliest start: "78 of 79" is total of span */
    size_t count;             /* number of streaks */
};

struct stats_checkins {
    int32_t current; /* consecutive days ending today, or yesterday while today is open */
    int32_t longest;
    size_t total; /* distinct days with a check-in, up to today */
};

struct stats_meetings {
    int32_t last_7; /* meetings in the 7 days ending today, today included */
    int32_t last_30;
    int32_t last_90;
};

/* "90 meetings in 90 days", counted from a chosen first day. */
struct stats_ninety {
    int32_t day;   /* 1..90 while running; 91 or more once the 90 days are over */
    int32_t count; /* meetings on the days so far, at most the first 90 days */
    bool complete; /* 90 meetings reached within the 90 days */
    bool active;   /* today lies within the 90 days */
};

/*
 * Sums up streaks (any order) as seen on today. A closed streak holds end - start clean
 * days (the day of use is not clean); the open one, today - start (should several be open,
 * the one with the latest start is current). Days after today are not counted. *out is
 * untouched on error. Errors: ODAAT_ERR_END_BEFORE_START for a streak that ends before it starts.
 */
enum odaat_err stats_streaks_sum(const struct stats_streak *streaks, size_t count, int32_t today,
                                 struct stats_streaks *out);

/*
 * Check-in streaks from check-in dates (any order, duplicates allowed; dates after today
 * are ignored). The current streak still counts until the end of the day after the last
 * check-in, so nobody sees "0" in the morning before checking in. Errors: ODAAT_ERR_NOMEM.
 */
enum odaat_err stats_checkins_sum(const int32_t *dates, size_t count, int32_t today,
                                  struct stats_checkins *out);

/* Meetings in the last 7, 30 and 90 days, today included (dates after today ignored). */
void stats_meetings_sum(const int32_t *dates, size_t count, int32_t today,
                        struct stats_meetings *out);

/* Progress toward 90 meetings in the 90 days from first_day (day 1) up to today. */
void stats_ninety_sum(const int32_t *dates, size_t count, int32_t first_day, int32_t today,
                      struct stats_ninety *out);

#endif
