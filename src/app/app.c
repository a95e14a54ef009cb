/*
 * app: the use cases. Opens and creates stores (vault + store), resolves "today" with the
 * store's day boundary, and holds every rule about trackers, streaks, slips and check-ins.
 * It never prints and never reads a terminal: front ends do that.
 */
#include "odaat/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/clock.h"
#include "odaat/date.h"
#include "odaat/store.h"

struct app {
    struct vault *vault;
    struct store *store;
    int32_t today;
};

/* The programmes set-up knows, in the order they are offered, with the milestone ladder each
 * starts with and the name people know it by. */
static const struct {
    const char *program;
    const char *preset;
    const char *name;
} programs[] = {
    {"ca", "ca", "Cocaine Anonymous"},
    {"aa", "aa", "Alcoholics Anonymous"},
    {"na", "na", "Narcotics Anonymous"},
    {"smart", "smart", "SMART Recovery"},
    {"other", "aa", "another programme, or none"},
};

static const char *program_preset(const char *program)
{
    for (size_t i = 0; program != NULL && i < sizeof programs / sizeof programs[0]; i++) {
        if (strcmp(programs[i].program, program) == 0)
            return programs[i].preset;
    }
    return NULL;
}

size_t app_program_count(void)
{
    return sizeof programs / sizeof programs[0];
}

const char *app_program_id(size_t i)
{
    return i < app_program_count() ? programs[i].program : NULL;
}

const char *app_program_name(const char *id)
{
    for (size_t i = 0; id != NULL && i < app_program_count(); i++) {
        if (strcmp(programs[i].program, id) == 0)
            return programs[i].name;
    }
    return NULL;
}

int32_t app_today(const struct app *app)
{
    return app->today;
}

struct vault *app_vault(struct app *app)
{
    return app->vault;
}

struct store *app_store(struct app *app)
{
    return app->store;
}

/* Stamps the store with the current UTC time before a write. */
static enum odaat_err app_touch(struct app *app)
{
    char now[CLOCK_STAMP_SIZE];
    enum odaat_err err = clock_utc_stamp(now);
    if (err == ODAAT_OK)
        store_set_now(app->store, now);
    return err;
}

static int day_boundary(struct store *store)
{
    char *value = NULL;
    int hour = 0;
    if (store_setting_value(store, "day_boundary_hour", &value) == ODAAT_OK && value != NULL)
        hour = atoi(value);
    free(value);
    return date_boundary_valid(hour) ? hour : 0;
}

/* Parses a date a person gave; *day is today when text is NULL. */
static enum odaat_err parse_or_today(const struct app *app, const char *text, int32_t *day)
{
    if (text == NULL) {
        *day = app->today;
        return ODAAT_OK;
    }
    return date_parse(text, day);
}

/* Adds a tracker with its first open streak. */
static enum odaat_err tracker_create(struct app *app, const char *name, int32_t start,
                                     enum milestone_date_is date_is, const char *preset)
{
    const struct milestone_ladder *ladder = milestone_preset(preset);
    if (ladder == NULL || strcmp(preset, "extras") == 0)
        return ODAAT_ERR_INVALID;
    struct tracker t = {
        .name = (char *)(uintptr_t)name, .kind = TRACKER_SUBSTANCE, .date_is = date_is};
    snprintf(t.preset, sizeof t.preset, "%s", preset);
    enum odaat_err err = app_touch(app);
    if (err == ODAAT_OK)
        err = store_tracker_put(app->store, &t);
    if (err != ODAAT_OK)
        return err;
    struct streak s = {.tracker_id = t.meta.id};
    date_format(start, s.start_date);
    err = store_streak_put(app->store, &s);
    /* What was reached before the tracker existed is not news: only later ones are. */
    if (err == ODAAT_OK)
        err = app_milestones_mark_seen(app, name);
    if (err != ODAAT_OK)
        store_tracker_delete(app->store, t.meta.id);
    return err;
}

/* Reads the first clean day from a typed date under a convention, refusing the future. */
static enum odaat_err first_clean_day(const struct app *app, const char *clean_date,
                                      enum milestone_date_is date_is, int32_t *start)
{
    int32_t entered;
    enum odaat_err err = date_parse(clean_date, &entered);
    if (err != ODAAT_OK)
        return err;
    *start = milestone_first_clean_day(entered, date_is);
    return *start > app->today ? ODAAT_ERR_FUTURE_START : ODAAT_OK;
}

enum odaat_err app_create(const char *dir, const char *passphrase, size_t passphrase_len,
                          const struct app_setup *setup, const char *today_override,
                          char recovery[CRYPTO_RECOVERY_TEXT_SIZE], struct app **out)
{
    *out = NULL;
    const char *preset = program_preset(setup->program);
    if (preset == NULL)
        return ODAAT_ERR_INVALID;
    struct app *app = calloc(1, sizeof *app);
    if (app == NULL)
        return ODAAT_ERR_NOMEM;
    int32_t start = 0;
    const uint8_t *image = NULL;
    size_t image_len = 0;
    enum odaat_err err = clock_today(today_override, 0, &app->today);
    if (err == ODAAT_OK)
        err = first_clean_day(app, setup->clean_date, setup->date_is, &start);
    if (err == ODAAT_OK)
        err = store_open_image(NULL, 0, &app->store);
    if (err == ODAAT_OK)
        err = app_touch(app);
    if (err == ODAAT_OK)
        err = store_setting_set(app->store, "program", setup->program);
    if (err == ODAAT_OK)
        err = store_setting_set(app->store, "day_boundary_hour", "0");
    if (err == ODAAT_OK)
        err = store_setting_set(app->store, "idle_lock_minutes", "5");
    if (err == ODAAT_OK)
        err = tracker_create(app, setup->tracker ? setup->tracker : "clean time", start,
                             setup->date_is, preset);
    if (err == ODAAT_OK)
        err = store_image(app->store, &image, &image_len);
    if (err == ODAAT_OK)
        err = vault_create(dir, passphrase, passphrase_len, setup->kdf, image, image_len, recovery,
                           &app->vault);
    if (err != ODAAT_OK) {
        app_close(app);
        return err;
    }
    *out = app;
    return ODAAT_OK;
}

enum odaat_err app_open(const char *dir, const struct vault_secret *secret,
                        const char *today_override, struct app **out)
{
    *out = NULL;
    struct app *app = calloc(1, sizeof *app);
    if (app == NULL)
        return ODAAT_ERR_NOMEM;
    uint8_t *image = NULL;
    size_t image_len = 0;
    enum odaat_err err = vault_open(dir, secret, &app->vault, &image, &image_len);
    if (err == ODAAT_OK)
        err = store_open_image(image, image_len, &app->store);
    if (err == ODAAT_OK)
        err = clock_today(today_override, day_boundary(app->store), &app->today);
    if (err != ODAAT_OK) {
        app_close(app);
        return err;
    }
    *out = app;
    return ODAAT_OK;
}

enum odaat_err app_save(struct app *app)
{
    /* The demo has nothing on disk and must never make anything there. */
    if (app->vault == NULL)
        return ODAAT_OK;
    const uint8_t *image = NULL;
    size_t image_len = 0;
    enum odaat_err err = store_image(app->store, &image, &image_len);
    return err == ODAAT_OK ? vault_save(app->vault, image, image_len) : err;
}

void app_close(struct app *app)
{
    if (app == NULL)
        return;
    store_close(app->store);
    vault_close(app->vault); /* NULL for the demo, which vault_close accepts */
    free(app);
}

enum odaat_err app_open_memory(const char *today_override, struct app **out)
{
    *out = NULL;
    struct app *app = calloc(1, sizeof *app);
    if (app == NULL)
        return ODAAT_ERR_NOMEM;
    enum odaat_err err = clock_today(today_override, 0, &app->today);
    if (err == ODAAT_OK)
        err = store_open_image(NULL, 0, &app->store);
    if (err != ODAAT_OK) {
        app_close(app);
        return err;
    }
    *out = app;
    return ODAAT_OK;
}

bool app_is_demo(const struct app *app)
{
    /* Every store a person made has a vault from the start: only the demo lives without one. */
    return app->vault == NULL;
}

enum odaat_err app_setting_get(struct app *app, const char *key, char **value)
{
    return store_setting_value(app->store, key, value);
}

/* Reads a whole number from lo to hi written in plain digits. */
static bool whole_number(const char *text, long lo, long hi)
{
    char *end = NULL;
    long v = strtol(text, &end, 10);
    return end != text && *end == '\0' && text[0] != '+' && text[0] != ' ' && v >= lo && v <= hi;
}

/* The settings a person may change, and what each accepts. */
static const struct {
    const char *key;
    const char *values; /* for messages */
} settings[] = {
    {"program", "ca, aa, na, smart or other"},
    {"day_boundary_hour", "a whole hour from 0 to 12"},
    {"idle_lock_minutes", "a whole number of minutes from 1 to 1440"},
};

const char *app_setting_values(const char *key)
{
    for (size_t i = 0; key != NULL && i < sizeof settings / sizeof settings[0]; i++) {
        if (strcmp(settings[i].key, key) == 0)
            return settings[i].values;
    }
    return NULL;
}

enum odaat_err app_setting_set(struct app *app, const char *key, const char *value)
{
    bool good = false;
    if (strcmp(key, "day_boundary_hour") == 0)
        good = whole_number(value, 0, ODAAT_BOUNDARY_MAX);
    else if (strcmp(key, "idle_lock_minutes") == 0)
        good = whole_number(value, 1, 1440);
    else if (strcmp(key, "program") == 0)
        good = program_preset(value) != NULL;
    if (!good)
        return ODAAT_ERR_INVALID;
    enum odaat_err err = app_touch(app);
    return err == ODAAT_OK ? store_setting_set(app->store, key, value) : err;
}

enum odaat_err app_setting_store(struct app *app, const char *key, const char *value)
{
    enum odaat_err err = app_touch(app);
    return err == ODAAT_OK ? store_setting_set(app->store, key, value) : err;
}

enum odaat_err app_setting_forget(struct app *app, const char *key)
{
    struct setting *list = NULL;
    size_t count = 0;
    enum odaat_err err = store_setting_list(app->store, &list, &count);
    for (size_t i = 0; err == ODAAT_OK && i < count; i++) {
        if (strcmp(list[i].key, key) == 0)
            err = store_setting_delete(app->store, list[i].meta.id);
    }
    store_setting_list_free(list, count);
    return err;
}

enum odaat_err app_tracker_add(struct app *app, const char *name, const char *clean_date,
                               enum milestone_date_is date_is, const char *preset)
{
    int32_t start;
    enum odaat_err err = first_clean_day(app, clean_date, date_is, &start);
    return err == ODAAT_OK ? tracker_create(app, name, start, date_is, preset) : err;
}

enum odaat_err app_tracker_list(struct app *app, struct tracker **out, size_t *count)
{
    return store_tracker_list(app->store, out, count);
}

/* Finds a tracker by name, or the first active one when name is NULL. */
static enum odaat_err tracker_find(struct app *app, const char *name, struct tracker *out)
{
    if (name != NULL)
        return store_tracker_get_by_name(app->store, name, out);
    struct tracker *list = NULL;
    size_t count = 0;
    enum odaat_err err = store_tracker_list(app->store, &list, &count);
    if (err != ODAAT_OK)
        return err;
    err = ODAAT_ERR_NOT_FOUND;
    for (size_t i = 0; i < count; i++) {
        if (!list[i].archived) {
            err = store_tracker_get(app->store, list[i].meta.id, out);
            break;
        }
    }
    store_tracker_list_free(list, count);
    return err;
}

enum odaat_err app_tracker_rename(struct app *app, const char *old_name, const char *new_name)
{
    struct tracker t;
    enum odaat_err err = tracker_find(app, old_name, &t);
    if (err != ODAAT_OK)
        return err;
    char *old = t.name;
    t.name = (char *)(uintptr_t)new_name;
    err = app_touch(app);
    if (err == ODAAT_OK)
        err = store_tracker_put(app->store, &t);
    t.name = old;
    store_tracker_free(&t);
    return err;
}

enum odaat_err app_tracker_archive(struct app *app, const char *name)
{
    struct tracker t;
    enum odaat_err err = tracker_find(app, name, &t);
    if (err != ODAAT_OK)
        return err;
    t.archived = true;
    err = app_touch(app);
    if (err == ODAAT_OK)
        err = store_tracker_put(app->store, &t);
    store_tracker_free(&t);
    return err;
}

/* Returns true when the open streak may start on day: not after today, and after the day
 * of use that closed any earlier streak. */
static bool start_allowed(const struct app *app, const struct app_tracker_view *view, int32_t day)
{
    if (day > app->today)
        return false;
    for (size_t i = 0; i < view->history_count; i++) {
        int32_t end;
        if (view->history[i].end_date[0] != '\0' &&
            date_parse(view->history[i].end_date, &end) == ODAAT_OK && day <= end)
            return false;
    }
    return true;
}

enum odaat_err app_tracker_set_date_is(struct app *app, const char *name,
                                       enum milestone_date_is date_is)
{
    struct app_tracker_view view;
    enum odaat_err err = app_tracker_view_get(app, name, &view);
    if (err != ODAAT_OK)
        return err;
    if (view.tracker.date_is != date_is) {
        int32_t start = view.first_clean_day + (date_is == MILESTONE_LAST_USE_DAY ? 1 : -1);
        if (view.current.meta.id != 0 && !start_allowed(app, &view, start))
            err = ODAAT_ERR_INVALID;
        if (err == ODAAT_OK)
            err = app_touch(app);
        if (err == ODAAT_OK && view.current.meta.id != 0) {
            date_format(start, view.current.start_date);
            err = store_streak_put(app->store, &view.current);
        }
        if (err == ODAAT_OK) {
            view.tracker.date_is = date_is;
            err = store_tracker_put(app->store, &view.tracker);
        }
    }
    app_tracker_view_free(&view);
    return err;
}

/* Sums the streaks of a view as the core counts them. */
static enum odaat_err view_sum(struct app *app, struct app_tracker_view *view)
{
    struct stats_streak *list = calloc(view->history_count + 1, sizeof *list);
    if (list == NULL)
        return ODAAT_ERR_NOMEM;
    enum odaat_err err = ODAAT_OK;
    for (size_t i = 0; err == ODAAT_OK && i < view->history_count; i++) {
        const struct streak *s = &view->history[i];
        err = date_parse(s->start_date, &list[i].start);
        list[i].has_end = s->end_date[0] != '\0';
        if (err == ODAAT_OK && list[i].has_end)
            err = date_parse(s->end_date, &list[i].end);
    }
    if (err == ODAAT_OK)
        err = stats_streaks_sum(list, view->history_count, app->today, &view->streaks);
    free(list);
    return err;
}

/* Places the tracker's ladder (its own, or its preset's) on the calendar for the view. */
static enum odaat_err view_report(struct app *app, struct app_tracker_view *view)
{
    const struct milestone_ladder *preset = milestone_preset(view->tracker.preset);
    if (preset == NULL)
        preset = milestone_preset("none");
    struct app_ladder *own = calloc(1, sizeof *own);
    struct milestone_rung *rungs = calloc(APP_LADDER_MAX, sizeof *rungs);
    enum odaat_err err = own != NULL && rungs != NULL ? ODAAT_OK : ODAAT_ERR_NOMEM;
    if (err == ODAAT_OK)
        err = app_ladder_get(app, &view->tracker, own);
    if (err == ODAAT_OK) {
        /* The person's rungs with the preset's repeat rule ("then every year"). */
        struct milestone_ladder ladder = *preset;
        const struct milestone_ladder *one = &ladder;
        if (own->custom) {
            for (size_t i = 0; i < own->count; i++)
                rungs[i] = (struct milestone_rung){own->rungs[i].unit, own->rungs[i].count,
                                                   own->rungs[i].label, NULL};
            ladder.rungs = rungs;
            ladder.rung_count = own->count;
        }
        err = milestone_report_make(&one, 1, view->first_clean_day, app->today, &view->report);
    }
    free(rungs);
    free(own);
    return err;
}

/* Collects the reached milestones of a view that are not yet in milestones_seen. */
static enum odaat_err view_fresh(struct app *app, struct app_tracker_view *view)
{
    struct milestone_seen *seen = NULL;
    size_t seen_count = 0;
    enum odaat_err err =
        store_milestone_seen_list(app->store, view->tracker.meta.id, &seen, &seen_count);
    if (err == ODAAT_OK) {
        view->fresh = calloc(view->report.item_count, sizeof *view->fresh);
        if (view->fresh == NULL)
            err = ODAAT_ERR_NOMEM;
    }
    for (size_t i = 0; err == ODAAT_OK && i < view->report.item_count; i++) {
        const struct milestone_item *item = &view->report.items[i];
        bool known = !item->reached;
        for (size_t j = 0; !known && j < seen_count; j++)
            known = seen[j].unit == item->unit && seen[j].count == item->count;
        if (!known)
            view->fresh[view->fresh_count++] = *item;
    }
    store_milestone_seen_list_free(seen, seen_count);
    return err;
}

enum odaat_err app_tracker_view_get(struct app *app, const char *name, struct app_tracker_view *out)
{
    memset(out, 0, sizeof *out);
    enum odaat_err err = tracker_find(app, name, &out->tracker);
    if (err == ODAAT_OK)
        err =
            store_streak_list(app->store, out->tracker.meta.id, &out->history, &out->history_count);
    if (err == ODAAT_OK)
        err = view_sum(app, out);
    if (err == ODAAT_OK) {
        err = store_streak_get_open(app->store, out->tracker.meta.id, &out->current);
        if (err == ODAAT_ERR_NOT_FOUND)
            err = ODAAT_OK; /* a tracker between a slip and a restart has no open streak */
    }
    if (err == ODAAT_OK && out->current.meta.id != 0)
        err = date_parse(out->current.start_date, &out->first_clean_day);
    if (err == ODAAT_OK && out->current.meta.id != 0 && out->first_clean_day <= app->today) {
        err = view_report(app, out);
    }
    if (err == ODAAT_OK && out->report.item_count > 0)
        err = view_fresh(app, out);
    if (err != ODAAT_OK)
        app_tracker_view_free(out);
    return err;
}

void app_tracker_view_free(struct app_tracker_view *view)
{
    if (view == NULL)
        return;
    free(view->fresh);
    store_tracker_free(&view->tracker);
    store_streak_free(&view->current);
    store_streak_list_free(view->history, view->history_count);
    milestone_report_free(&view->report);
    memset(view, 0, sizeof *view);
}

enum odaat_err app_milestones_mark_seen(struct app *app, const char *tracker)
{
    struct app_tracker_view view;
    enum odaat_err err = app_tracker_view_get(app, tracker, &view);
    if (err == ODAAT_OK && view.fresh_count > 0)
        err = app_touch(app);
    for (size_t i = 0; err == ODAAT_OK && i < view.fresh_count; i++) {
        struct milestone_seen seen = {.tracker_id = view.tracker.meta.id,
                                      .unit = view.fresh[i].unit,
                                      .count = view.fresh[i].count};
        err = store_milestone_seen_put(app->store, &seen);
    }
    app_tracker_view_free(&view);
    return err;
}

/* A new start: the milestones congratulated for the streak that ended count again. */
static enum odaat_err milestones_forget(struct app *app, int64_t tracker_id)
{
    struct milestone_seen *seen = NULL;
    size_t count = 0;
    enum odaat_err err = store_milestone_seen_list(app->store, tracker_id, &seen, &count);
    for (size_t i = 0; err == ODAAT_OK && i < count; i++)
        err = store_milestone_seen_delete(app->store, seen[i].meta.id);
    store_milestone_seen_list_free(seen, count);
    return err;
}

enum odaat_err app_relapse(struct app *app, const char *tracker, const char *use_date,
                           const char *restart_date, const char *note)
{
    struct tracker t;
    struct streak open = {0};
    int32_t use, start, restart;
    enum odaat_err err = parse_or_today(app, use_date, &use);
    if (err != ODAAT_OK)
        return err;
    if (use > app->today)
        return ODAAT_ERR_INVALID;
    if (restart_date != NULL) {
        err = date_parse(restart_date, &restart);
        if (err != ODAAT_OK)
            return err;
    } else {
        restart = use + 1;
    }
    /* The next streak begins after the day of use, and not after tomorrow's dawn of today. */
    if (restart <= use || restart > app->today + 1)
        return ODAAT_ERR_INVALID;
    err = tracker_find(app, tracker, &t);
    if (err != ODAAT_OK)
        return err;
    err = store_streak_get_open(app->store, t.meta.id, &open);
    if (err == ODAAT_OK)
        err = date_parse(open.start_date, &start);
    if (err == ODAAT_OK && use < start)
        err = ODAAT_ERR_END_BEFORE_START;
    if (err == ODAAT_OK)
        err = app_touch(app);
    if (err == ODAAT_OK) {
        date_format(use, open.end_date);
        char *old_note = open.end_note;
        open.end_note = (char *)(uintptr_t)(note != NULL && note[0] != '\0' ? note : NULL);
        err = store_streak_put(app->store, &open);
        open.end_note = old_note;
    }
    if (err == ODAAT_OK) {
        struct streak next = {.tracker_id = t.meta.id};
        date_format(restart, next.start_date);
        err = store_streak_put(app->store, &next);
        if (err == ODAAT_OK)
            err = milestones_forget(app, t.meta.id);
        if (err == ODAAT_OK)
            err = app_milestones_mark_seen(app, t.name);
        if (err != ODAAT_OK) {
            /* Keep the two changes together: reopen the streak that was just closed. */
            open.end_date[0] = '\0';
            char *old_note = open.end_note;
            open.end_note = NULL;
            store_streak_put(app->store, &open);
            open.end_note = old_note;
        }
    }
    store_streak_free(&open);
    store_tracker_free(&t);
    return err;
}

/* Counts the check-ins from their dates alone: reading every check-in whole since the first
 * would make each screen that shows the status slower with every year kept. */
static enum odaat_err status_checkins(struct app *app, struct app_status *out)
{
    int32_t *days = NULL;
    size_t count = 0;
    char today[DATE_ISO_SIZE];
    date_format(app->today, today);
    enum odaat_err err = store_checkin_days(app->store, NULL, NULL, &days, &count);
    if (err == ODAAT_OK)
        err = stats_checkins_sum(days, count, app->today, &out->checkins);
    free(days);
    if (err == ODAAT_OK) {
        err = store_checkin_get_by_date(app->store, today, &out->checkin);
        out->checked_in = err == ODAAT_OK;
        if (err == ODAAT_ERR_NOT_FOUND)
            err = ODAAT_OK;
    }
    return err;
}

static enum odaat_err status_meetings(struct app *app, struct app_status *out)
{
    int32_t *days = NULL;
    size_t count = 0;
    enum odaat_err err = store_meeting_days(app->store, NULL, NULL, &days, &count);
    if (err == ODAAT_OK) {
        stats_meetings_sum(days, count, app->today, &out->meetings);
        /* 90 in 90 runs from the first clean day of the first tracker's current streak. */
        if (out->tracker_count > 0 && out->trackers[0].current.meta.id != 0) {
            stats_ninety_sum(days, count, out->trackers[0].first_clean_day, app->today,
                             &out->ninety);
            out->ninety_active = out->ninety.active;
        }
    }
    free(days);
    return err;
}

static enum odaat_err status_trackers(struct app *app, struct app_status *out)
{
    struct tracker *list = NULL;
    size_t count = 0;
    enum odaat_err err = store_tracker_list(app->store, &list, &count);
    if (err == ODAAT_OK && count > 0) {
        out->trackers = calloc(count, sizeof *out->trackers);
        if (out->trackers == NULL)
            err = ODAAT_ERR_NOMEM;
    }
    for (size_t i = 0; err == ODAAT_OK && i < count; i++) {
        if (list[i].archived)
            continue;
        err = app_tracker_view_get(app, list[i].name, &out->trackers[out->tracker_count]);
        if (err == ODAAT_OK)
            out->tracker_count++;
    }
    store_tracker_list_free(list, count);
    return err;
}

static enum odaat_err status_step(struct app *app, struct app_status *out)
{
    char *program = NULL;
    struct step *steps = NULL;
    size_t count = 0;
    enum odaat_err err = store_setting_value(app->store, "program", &program);
    if (err == ODAAT_ERR_NOT_FOUND)
        err = ODAAT_OK;
    if (err == ODAAT_OK)
        err = store_step_list(app->store, program, &steps, &count);
    for (size_t i = 0; err == ODAAT_OK && i < count; i++) {
        if (steps[i].status == STEP_WORKING) {
            out->has_step = true;
            err = store_step_get(app->store, steps[i].meta.id, &out->step);
            break;
        }
    }
    store_step_list_free(steps, count);
    free(program);
    return err;
}

enum odaat_err app_status_get(struct app *app, struct app_status *out)
{
    memset(out, 0, sizeof *out);
    out->today = app->today;
    enum odaat_err err = status_trackers(app, out);
    if (err == ODAAT_OK)
        err = status_checkins(app, out);
    if (err == ODAAT_OK)
        err = status_meetings(app, out);
    if (err == ODAAT_OK)
        err = status_step(app, out);
    if (err != ODAAT_OK)
        app_status_free(out);
    return err;
}

void app_status_free(struct app_status *status)
{
    if (status == NULL)
        return;
    for (size_t i = 0; i < status->tracker_count; i++)
        app_tracker_view_free(&status->trackers[i]);
    free(status->trackers);
    store_checkin_free(&status->checkin);
    store_step_free(&status->step);
    memset(status, 0, sizeof *status);
}

enum odaat_err app_checkin(struct app *app, struct checkin *in, bool *updated)
{
    *updated = false;
    int32_t day = app->today;
    if (in->date[0] != '\0') {
        enum odaat_err err = date_parse(in->date, &day);
        if (err != ODAAT_OK)
            return err;
    }
    if (day > app->today || (in->has_mood && (in->mood < 1 || in->mood > 5)) ||
        (in->has_craving && (in->craving < 0 || in->craving > 10)))
        return ODAAT_ERR_INVALID;
    date_format(day, in->date);
    struct checkin existing;
    enum odaat_err err = store_checkin_get_by_date(app->store, in->date, &existing);
    if (err == ODAAT_OK) {
        /* One check-in a day: a second one for the same day updates the first. */
        in->meta = existing.meta;
        *updated = true;
        store_checkin_free(&existing);
    } else if (err != ODAAT_ERR_NOT_FOUND) {
        return err;
    } else {
        in->meta.id = 0;
    }
    err = app_touch(app);
    return err == ODAAT_OK ? store_checkin_put(app->store, in) : err;
}

enum odaat_err app_restore_backup(struct app *app, const char *name)
{
    uint8_t *image = NULL;
    size_t len = 0;
    struct store *restored = NULL;
    if (app->vault == NULL)
        return ODAAT_ERR_NO_BACKUP; /* the demo keeps no backups */
    enum odaat_err err = vault_backup_read(app->vault, name, &image, &len);
    if (err == ODAAT_OK)
        err = store_open_image(image, len, &restored);
    if (err != ODAAT_OK)
        return err;
    struct store *current = app->store;
    app->store = restored;
    err = app_save(app);
    if (err != ODAAT_OK) {
        app->store = current;
        store_close(restored);
        return err;
    }
    store_close(current);
    return ODAAT_OK;
}

enum odaat_err app_create_from_export(const char *dir, const char *passphrase,
                                      size_t passphrase_len, enum crypto_kdf_profile kdf,
                                      const char *json, const char *today_override,
                                      struct exchange_report *report, char *error,
                                      size_t error_size, char recovery[CRYPTO_RECOVERY_TEXT_SIZE],
                                      struct app **out)
{
    *out = NULL;
    struct app *app = calloc(1, sizeof *app);
    if (app == NULL)
        return ODAAT_ERR_NOMEM;
    const uint8_t *image = NULL;
    size_t image_len = 0;
    enum odaat_err err = store_open_image(NULL, 0, &app->store);
    if (err == ODAAT_OK)
        err = app_import(app, json, report, error, error_size);
    if (err == ODAAT_OK)
        err = clock_today(today_override, day_boundary(app->store), &app->today);
    if (err == ODAAT_OK)
        err = store_image(app->store, &image, &image_len);
    if (err == ODAAT_OK)
        err = vault_create(dir, passphrase, passphrase_len, kdf, image, image_len, recovery,
                           &app->vault);
    if (err != ODAAT_OK) {
        app_close(app);
        return err;
    }
    *out = app;
    return ODAAT_OK;
}

/* Returns how many characters (UTF-8 code points) the first len bytes of pass hold. */
static size_t passphrase_chars(const char *pass, size_t len)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)pass[i] & 0xc0) != 0x80)
            chars++;
    }
    return chars;
}

/* Returns how many of the four kinds of character (lower case, upper case, digits, anything
 * else: spaces between words, punctuation, other scripts) pass uses. */
static int passphrase_classes(const char *pass, size_t len)
{
    bool lower = false, upper = false, digit = false, other = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)pass[i];
        if (c >= 'a' && c <= 'z')
            lower = true;
        else if (c >= 'A' && c <= 'Z')
            upper = true;
        else if (c >= '0' && c <= '9')
            digit = true;
        else
            other = true;
    }
    return (int)lower + (int)upper + (int)digit + (int)other;
}

const char *app_passphrase_hint(const char *pass, size_t len)
{
    if (pass == NULL || len == 0)
        return "type a passphrase";
    size_t chars = passphrase_chars(pass, len);
    if (chars < 8)
        return "too short: at least 8 characters, a few words is best";
    if (chars < 12)
        return "short: a few words together make a stronger passphrase";
    if (chars < 16 && passphrase_classes(pass, len) == 1)
        return "fair: add a word or two";
    return "strong";
}

/* Checks that passphrase opens the store behind app (the demo has none). */
static enum odaat_err passphrase_check(struct app *app, const char *passphrase, size_t len)
{
    if (app->vault == NULL)
        return ODAAT_ERR_INVALID;
    struct vault_secret secret = {VAULT_PASSPHRASE, passphrase, len};
    return vault_check_secret(app->vault, &secret);
}

enum odaat_err app_passphrase_change(struct app *app, const char *current, size_t current_len,
                                     const char *passphrase, size_t passphrase_len)
{
    enum odaat_err err = passphrase_check(app, current, current_len);
    return err == ODAAT_OK ? vault_change_passphrase(app->vault, passphrase, passphrase_len) : err;
}

enum odaat_err app_recovery_renew(struct app *app, const char *passphrase, size_t passphrase_len,
                                  char recovery[CRYPTO_RECOVERY_TEXT_SIZE])
{
    const uint8_t *image = NULL;
    size_t image_len = 0;
    enum odaat_err err = passphrase_check(app, passphrase, passphrase_len);
    if (err == ODAAT_OK)
        err = store_image(app->store, &image, &image_len);
    if (err == ODAAT_OK)
        err = vault_rotate_key(app->vault, passphrase, passphrase_len, image, image_len, recovery);
    return err;
}
