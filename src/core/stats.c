/*
 * stats: counts over lists of day numbers. Every rule here is written once so the CLI and
 * the TUI can never disagree about how long someone's streak is.
 */
#include "odaat/stats.h"

#include <stdlib.h>
#include <string.h>

enum odaat_err stats_streaks_sum(const struct stats_streak *streaks, size_t count, int32_t today,
                                 struct stats_streaks *out)
{
    struct stats_streaks sum = {0};
    int32_t earliest = today;
    int32_t open_start = 0;
    bool open_seen = false;
    for (size_t i = 0; i < count; i++) {
        const struct stats_streak *s = &streaks[i];
        if (s->has_end && s->end < s->start)
            return ODAAT_ERR_END_BEFORE_START;
        int32_t end = s->has_end && s->end < today ? s->end : today;
        int32_t days = end > s->start ? end - s->start : 0;
        /* Only one streak is open at a time; should a caller pass more, the latest wins. */
        if (!s->has_end && s->start <= today && (!open_seen || s->start >= open_start)) {
            sum.current_days = days;
            open_start = s->start;
            open_seen = true;
        }
        if (days > sum.longest_days)
            sum.longest_days = days;
        sum.total_clean_days += days;
        if (s->start < earliest)
            earliest = s->start;
    }
    sum.span_days = today - earliest;
    sum.count = count;
    *out = sum;
    return ODAAT_OK;
}

static int day_compare(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a;
    int32_t y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

enum odaat_err stats_checkins_sum(const int32_t *dates, size_t count, int32_t today,
                                  struct stats_checkins *out)
{
    struct stats_checkins sum = {0};
    int32_t *sorted = NULL;
    if (count > 0) {
        sorted = malloc(count * sizeof *sorted);
        if (sorted == NULL)
            return ODAAT_ERR_NOMEM;
        memcpy(sorted, dates, count * sizeof *sorted);
        qsort(sorted, count, sizeof *sorted, day_compare);
    }
    int32_t run = 0;
    int32_t last = 0;
    for (size_t i = 0; i < count && sorted[i] <= today; i++) {
        if (sum.total > 0 && sorted[i] == last)
            continue;
        run = (sum.total > 0 && sorted[i] == last + 1) ? run + 1 : 1;
        last = sorted[i];
        sum.total++;
        if (run > sum.longest)
            sum.longest = run;
    }
    if (sum.total > 0 && last >= today - 1)
        sum.current = run;
    free(sorted);
    *out = sum;
    return ODAAT_OK;
}

/* Counts dates in [first, last]. */
static int32_t count_between(const int32_t *dates, size_t count, int32_t first, int32_t last)
{
    int32_t n = 0;
    for (size_t i = 0; i < count; i++)
        n += dates[i] >= first && dates[i] <= last;
    return n;
}

void stats_meetings_sum(const int32_t *dates, size_t count, int32_t today,
                        struct stats_meetings *out)
{
    out->last_7 = count_between(dates, count, today - 6, today);
    out->last_30 = count_between(dates, count, today - 29, today);
    out->last_90 = count_between(dates, count, today - 89, today);
}

void stats_ninety_sum(const int32_t *dates, size_t count, int32_t first_day, int32_t today,
                      struct stats_ninety *out)
{
    int32_t last_day = first_day + 89;
    int32_t until = today < last_day ? today : last_day;
    out->day = today - first_day + 1;
    out->count = until >= first_day ? count_between(dates, count, first_day, until) : 0;
    out->complete = out->count >= 90;
    out->active = today >= first_day && today <= last_day;
}
