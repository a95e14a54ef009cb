/*
 * milestone: places ladder rungs on the calendar. Days are calendar days and months are
 * calendar months (date_add_months), never multiples of seconds, so "6 months" is never
 * awarded after 180 days and a daylight-saving change cannot move a milestone.
 *
 * Must stay pure: no clock, no I/O; the only allocation is the report's item array.
 */
#include "odaat/milestone.h"

#include <stdlib.h>
#include <string.h>

/* Repeats are generated until one lies beyond today; this caps a runaway custom rule
 * (every 1 day over two centuries is about 80,000 rungs, so the cap is never reached by a
 * real ladder over a real life). */
#define REPEAT_LIMIT 200000

const char *milestone_unit_name(enum milestone_unit unit)
{
    switch (unit) {
    case MILESTONE_HOURS:
        return "hours";
    case MILESTONE_DAYS:
        return "days";
    case MILESTONE_MONTHS:
        return "months";
    case MILESTONE_YEARS:
        return "years";
    }
    return "days";
}

bool milestone_date_is_parse(const char *text, enum milestone_date_is *out)
{
    if (text != NULL && strcmp(text, "first-clean-day") == 0) {
        *out = MILESTONE_FIRST_CLEAN_DAY;
        return true;
    }
    if (text != NULL && strcmp(text, "last-use-day") == 0) {
        *out = MILESTONE_LAST_USE_DAY;
        return true;
    }
    return false;
}

const char *milestone_date_is_name(enum milestone_date_is date_is)
{
    return date_is == MILESTONE_LAST_USE_DAY ? "last-use-day" : "first-clean-day";
}

int32_t milestone_first_clean_day(int32_t entered, enum milestone_date_is date_is)
{
    return date_is == MILESTONE_LAST_USE_DAY ? date_add_days(entered, 1) : entered;
}

int32_t milestone_rung_date(const struct milestone_rung *rung, int32_t start)
{
    switch (rung->unit) {
    case MILESTONE_HOURS:
        return date_add_days(start, (rung->count + 23) / 24);
    case MILESTONE_DAYS:
        return date_add_days(start, rung->count);
    case MILESTONE_MONTHS:
        return date_add_months(start, rung->count);
    case MILESTONE_YEARS:
        return date_add_years(start, rung->count);
    }
    return start;
}

/* Appends the decimal form of value with thousands separators ("1,000"); returns the end. */
static char *put_count(char *out, int32_t value)
{
    char digits[16];
    int n = 0;
    uint32_t v = value < 0 ? 0u : (uint32_t)value;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (int i = n - 1; i >= 0; i--) {
        *out++ = digits[i];
        if (i > 0 && i % 3 == 0)
            *out++ = ',';
    }
    return out;
}

void milestone_rung_label(const struct milestone_rung *rung, char buf[MILESTONE_LABEL_MAX + 1])
{
    static const char *const singular[] = {"hour", "day", "month", "year"};
    static const char *const plural[] = {"hours", "days", "months", "years"};
    if (rung->label != NULL) {
        size_t len = strlen(rung->label);
        if (len > MILESTONE_LABEL_MAX)
            len = MILESTONE_LABEL_MAX;
        memcpy(buf, rung->label, len);
        buf[len] = '\0';
        return;
    }
    char *end = put_count(buf, rung->count);
    *end++ = ' ';
    const char *word = rung->count == 1 ? singular[rung->unit] : plural[rung->unit];
    size_t len = strlen(word);
    memcpy(end, word, len + 1);
}

/* A growable list of items while the report is built. */
struct item_list {
    struct milestone_item *items;
    size_t count;
    size_t capacity;
};

static enum odaat_err item_list_add(struct item_list *list, const struct milestone_rung *rung,
                                    int32_t start, int32_t today)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 32;
        struct milestone_item *grown = realloc(list->items, capacity * sizeof *grown);
        if (grown == NULL)
            return ODAAT_ERR_NOMEM;
        list->items = grown;
        list->capacity = capacity;
    }
    struct milestone_item *item = &list->items[list->count++];
    item->unit = rung->unit;
    item->count = rung->count;
    milestone_rung_label(rung, item->label);
    item->keytag = rung->keytag;
    item->date = milestone_rung_date(rung, start);
    item->reached = item->date <= today;
    return ODAAT_OK;
}

/* Adds a ladder's fixed rungs, then its repeats up to and including the first beyond
 * today. Repeats start after the last fixed rung's date, so "then every year" after
 * "18 months" begins at 2 years. */
static enum odaat_err add_ladder(struct item_list *list, const struct milestone_ladder *ladder,
                                 int32_t start, int32_t today)
{
    int32_t last_fixed = INT32_MIN;
    for (size_t i = 0; i < ladder->rung_count; i++) {
        enum odaat_err err = item_list_add(list, &ladder->rungs[i], start, today);
        if (err != ODAAT_OK)
            return err;
        if (list->items[list->count - 1].date > last_fixed)
            last_fixed = list->items[list->count - 1].date;
    }
    if (ladder->repeat_every <= 0)
        return ODAAT_OK;
    for (int32_t k = 1; k <= REPEAT_LIMIT; k++) {
        struct milestone_rung rung = {ladder->repeat_unit, k * ladder->repeat_every, NULL,
                                      ladder->repeat_keytag};
        int32_t date = milestone_rung_date(&rung, start);
        if (date <= last_fixed)
            continue;
        enum odaat_err err = item_list_add(list, &rung, start, today);
        if (err != ODAAT_OK || date > today)
            return err;
    }
    return ODAAT_OK;
}

static int unit_months(enum milestone_unit unit, int32_t count)
{
    return unit == MILESTONE_YEARS ? count * 12 : count;
}

/* Orders by date, then by unit and count so equal dates list in a stable, readable order. */
static int item_compare(const void *a, const void *b)
{
    const struct milestone_item *x = a;
    const struct milestone_item *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    int cx = unit_months(x->unit, x->count);
    int cy = unit_months(y->unit, y->count);
    return (cx > cy) - (cx < cy);
}

/* Keeps the reached rungs and every rung on the first unreached date; points next at the
 * first unreached rung. */
static void report_cut(struct milestone_report *report)
{
    for (size_t i = 0; i < report->item_count; i++) {
        if (report->items[i].reached)
            continue;
        int32_t next_date = report->items[i].date;
        size_t keep = i;
        while (keep < report->item_count && report->items[keep].date == next_date)
            keep++;
        report->item_count = keep;
        report->next = &report->items[i];
        report->days_left = next_date - report->today;
        return;
    }
}

enum odaat_err milestone_report_make(const struct milestone_ladder *const *ladders,
                                     size_t ladder_count, int32_t start, int32_t today,
                                     struct milestone_report *out)
{
    memset(out, 0, sizeof *out);
    if (start > today)
        return ODAAT_ERR_FUTURE_START;
    struct item_list list = {0};
    for (size_t i = 0; i < ladder_count; i++) {
        enum odaat_err err = add_ladder(&list, ladders[i], start, today);
        if (err != ODAAT_OK) {
            free(list.items);
            return err;
        }
    }
    if (list.count > 1)
        qsort(list.items, list.count, sizeof *list.items, item_compare);
    out->start = start;
    out->today = today;
    out->days = date_diff_days(start, today);
    date_duration(start, today, &out->duration);
    out->items = list.items;
    out->item_count = list.count;
    report_cut(out);
    return ODAAT_OK;
}

void milestone_report_free(struct milestone_report *report)
{
    if (report == NULL)
        return;
    free(report->items);
    memset(report, 0, sizeof *report);
}
