/*
 * milestone: ladders of milestones as data, and where a streak stands on them.
 *
 * A ladder is a list of rungs (a unit and a count: 30 days, 6 months, 1 year) plus an
 * optional rule that repeats after the last rung ("then every year"). The presets are
 * group customs, not official literature, and users may replace them. Pure: "today" is
 * always a parameter.
 */
#ifndef ODAAT_MILESTONE_H
#define ODAAT_MILESTONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "odaat/date.h"
#include "odaat/err.h"

/* Longest label a rung may carry, in bytes, without its NUL. */
#define MILESTONE_LABEL_MAX 47

enum milestone_unit {
    MILESTONE_HOURS,
    MILESTONE_DAYS,
    MILESTONE_MONTHS,
    MILESTONE_YEARS,
};

/* Which day the date a person types means. */
enum milestone_date_is {
    MILESTONE_FIRST_CLEAN_DAY, /* the default */
    MILESTONE_LAST_USE_DAY,    /* the first clean day is the next calendar day */
};

struct milestone_rung {
    enum milestone_unit unit;
    int32_t count;      /* >= 0; 0 days is NA's "welcome" */
    const char *label;  /* NULL: made from unit and count ("30 days") */
    const char *keytag; /* an optional colour name (NA keytags), or NULL */
};

struct milestone_ladder {
    const char *id;   /* "ca", "aa", "na", "smart", "none", "extras" */
    const char *name; /* for people */
    const struct milestone_rung *rungs;
    size_t rung_count;
    /* After the last rung, one more rung every repeat_every units (0: no repeat). */
    enum milestone_unit repeat_unit;
    int32_t repeat_every;
    const char *repeat_keytag;
};

/* One rung placed on the calendar for a given streak. */
struct milestone_item {
    enum milestone_unit unit;
    int32_t count;
    char label[MILESTONE_LABEL_MAX + 1];
    const char *keytag; /* borrowed from the ladder, may be NULL */
    int32_t date;       /* the local date the rung is reached */
    bool reached;
};

/* Where a streak stands: filled by milestone_report_make, freed by milestone_report_free. */
struct milestone_report {
    int32_t start; /* the first clean day */
    int32_t today;
    int32_t days; /* completed days: today - start */
    struct date_duration duration;
    struct milestone_item *items; /* every rung up to and including the next, by date */
    size_t item_count;
    const struct milestone_item *next; /* into items; NULL when nothing is ahead */
    int32_t days_left;                 /* to next; 0 when next is NULL */
};

/* Returns the preset ladder called id, or NULL when there is none. */
const struct milestone_ladder *milestone_preset(const char *id);

/* Returns the number of presets and the i-th of them (NULL past the end), for listings. */
size_t milestone_preset_count(void);
const struct milestone_ladder *milestone_preset_at(size_t i);

/* Returns the unit's name as written in JSON: "hours", "days", "months", "years". */
const char *milestone_unit_name(enum milestone_unit unit);

/* Parses "first-clean-day" or "last-use-day"; returns false for anything else. */
bool milestone_date_is_parse(const char *text, enum milestone_date_is *out);

/* Returns "first-clean-day" or "last-use-day". */
const char *milestone_date_is_name(enum milestone_date_is date_is);

/* Returns the first clean day for a date typed under the convention date_is. */
int32_t milestone_first_clean_day(int32_t entered, enum milestone_date_is date_is);

/* Returns the date a rung is reached by a streak whose first clean day is start. Hours count
 * in whole calendar days, rounded up, because a date-only streak has no time of day. */
int32_t milestone_rung_date(const struct milestone_rung *rung, int32_t start);

/* Writes the rung's label (its own, or one made from unit and count) into buf. */
void milestone_rung_label(const struct milestone_rung *rung, char buf[MILESTONE_LABEL_MAX + 1]);

/*
 * Places the rungs of the given ladders (a preset plus "extras", say) for a streak that
 * starts on start and is seen on today. Fills *out, which the caller frees with
 * milestone_report_free. Errors: ODAAT_ERR_FUTURE_START when start > today,
 * ODAAT_ERR_NOMEM. *out is zeroed on error.
 */
enum odaat_err milestone_report_make(const struct milestone_ladder *const *ladders,
                                     size_t ladder_count, int32_t start, int32_t today,
                                     struct milestone_report *out);

/* Frees what milestone_report_make allocated and zeroes *report; NULL is fine. */
void milestone_report_free(struct milestone_report *report);

#endif
