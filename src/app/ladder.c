/*
 * ladder: a tracker's own milestone ladder. Until a person edits it, a tracker follows its
 * preset; the first edit copies the preset's rungs and from then on the tracker keeps its
 * own list (the preset's "then every year" rule stays). The list is kept as a setting
 * ("ladder_" and the tracker's uuid), one rung a line: "unit count label", so exports carry
 * it and imports bring it back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/app.h"
#include "odaat/store.h"

#define SETTING_KEY_SIZE 48

static void ladder_key(const struct tracker *t, char key[SETTING_KEY_SIZE])
{
    size_t n = (size_t)snprintf(key, SETTING_KEY_SIZE, "ladder_");
    for (const char *p = t->meta.uuid; *p != '\0' && n + 1 < SETTING_KEY_SIZE; p++) {
        if (*p != '-')
            key[n++] = *p;
    }
    key[n] = '\0';
}

static bool unit_parse(const char *word, enum milestone_unit *out)
{
    static const enum milestone_unit units[] = {MILESTONE_HOURS, MILESTONE_DAYS, MILESTONE_MONTHS,
                                                MILESTONE_YEARS};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcmp(word, milestone_unit_name(units[i])) == 0) {
            *out = units[i];
            return true;
        }
    }
    return false;
}

bool app_ladder_unit_parse(const char *word, enum milestone_unit *out)
{
    return word != NULL && unit_parse(word, out);
}

void app_ladder_free(struct app_ladder *ladder)
{
    if (ladder == NULL)
        return;
    memset(ladder, 0, sizeof *ladder);
}

/* Parses the stored text of a ladder (one "unit count label" a line) into *out. */
static enum odaat_err ladder_parse(const char *text, struct app_ladder *out)
{
    const char *line = text;
    while (*line != '\0') {
        const char *end = strchr(line, '\n');
        size_t len = end != NULL ? (size_t)(end - line) : strlen(line);
        char buf[APP_LADDER_LINE];
        if (len >= sizeof buf || out->count == APP_LADDER_MAX)
            return ODAAT_ERR_CONTENTS_DAMAGED;
        memcpy(buf, line, len);
        buf[len] = '\0';
        char unit[16];
        int count = 0, label_at = 0;
        struct app_rung *r = &out->rungs[out->count];
        if (sscanf(buf, "%15s %d %n", unit, &count, &label_at) != 2 || label_at == 0 ||
            !unit_parse(unit, &r->unit) || count < 0)
            return ODAAT_ERR_CONTENTS_DAMAGED;
        r->count = count;
        snprintf(r->label, sizeof r->label, "%s", buf + label_at);
        out->count++;
        line += len + (end != NULL);
    }
    return ODAAT_OK;
}

/* The preset's rungs as an editable ladder. */
static void ladder_from_preset(const char *preset, struct app_ladder *out)
{
    const struct milestone_ladder *l = milestone_preset(preset);
    for (size_t i = 0; l != NULL && i < l->rung_count && out->count < APP_LADDER_MAX; i++) {
        struct app_rung *r = &out->rungs[out->count++];
        r->unit = l->rungs[i].unit;
        r->count = l->rungs[i].count;
        milestone_rung_label(&l->rungs[i], r->label);
    }
}

enum odaat_err app_ladder_get(struct app *app, const struct tracker *tracker,
                              struct app_ladder *out)
{
    memset(out, 0, sizeof *out);
    char key[SETTING_KEY_SIZE];
    ladder_key(tracker, key);
    char *text = NULL;
    enum odaat_err err = store_setting_value(app_store(app), key, &text);
    if (err == ODAAT_ERR_NOT_FOUND || (err == ODAAT_OK && text == NULL)) {
        ladder_from_preset(tracker->preset, out);
        return ODAAT_OK;
    }
    if (err == ODAAT_OK) {
        out->custom = true;
        /* A ladder that does not read (an import from elsewhere, say) is not worth losing
         * the person's clean time over: the preset stands in until it is edited again. */
        if (ladder_parse(text, out) != ODAAT_OK) {
            memset(out, 0, sizeof *out);
            ladder_from_preset(tracker->preset, out);
        }
    }
    free(text);
    return err;
}

/* Writes a ladder back as its setting. */
static enum odaat_err ladder_put(struct app *app, const struct tracker *tracker,
                                 const struct app_ladder *ladder)
{
    char key[SETTING_KEY_SIZE];
    ladder_key(tracker, key);
    size_t size = ladder->count * APP_LADDER_LINE + 1, used = 0;
    char *text = calloc(1, size);
    if (text == NULL)
        return ODAAT_ERR_NOMEM;
    for (size_t i = 0; i < ladder->count; i++) {
        const struct app_rung *r = &ladder->rungs[i];
        used += (size_t)snprintf(text + used, size - used, "%s%s %d %s", i ? "\n" : "",
                                 milestone_unit_name(r->unit), (int)r->count, r->label);
    }
    enum odaat_err err = app_setting_store(app, key, text);
    free(text);
    return err;
}

/* Loads tracker name's record and ladder. */
static enum odaat_err ladder_load(struct app *app, const char *name, struct tracker *t,
                                  struct app_ladder *ladder)
{
    struct app_tracker_view view;
    enum odaat_err err = app_tracker_view_get(app, name, &view);
    if (err != ODAAT_OK)
        return err;
    *t = view.tracker;
    memset(&view.tracker, 0, sizeof view.tracker); /* ownership moves to *t */
    app_tracker_view_free(&view);
    err = app_ladder_get(app, t, ladder);
    if (err != ODAAT_OK)
        store_tracker_free(t);
    return err;
}

static bool label_valid(const char *label)
{
    size_t len = label != NULL ? strlen(label) : 0;
    if (len == 0 || len > MILESTONE_LABEL_MAX)
        return false;
    for (const unsigned char *p = (const unsigned char *)label; *p != '\0'; p++) {
        if (*p < 0x20 || *p == 0x7f)
            return false;
    }
    return true;
}

/* A rung added after its date is not news: it is marked as congratulated at once. */
static enum odaat_err rung_mark_seen(struct app *app, const struct tracker *t,
                                     enum milestone_unit unit, int32_t count)
{
    struct app_tracker_view view;
    enum odaat_err err = app_tracker_view_get(app, t->name, &view);
    if (err != ODAAT_OK)
        return err;
    for (size_t i = 0; err == ODAAT_OK && i < view.fresh_count; i++) {
        if (view.fresh[i].unit != unit || view.fresh[i].count != count)
            continue;
        struct milestone_seen seen = {.tracker_id = t->meta.id, .unit = unit, .count = count};
        err = store_milestone_seen_put(app_store(app), &seen);
    }
    app_tracker_view_free(&view);
    return err;
}

enum odaat_err app_ladder_add(struct app *app, const char *tracker, enum milestone_unit unit,
                              int32_t count, const char *label)
{
    static const int32_t max[] = {[MILESTONE_HOURS] = 72,
                                  [MILESTONE_DAYS] = 36500,
                                  [MILESTONE_MONTHS] = 1200,
                                  [MILESTONE_YEARS] = 100};
    if (count < (unit == MILESTONE_DAYS ? 0 : 1) || count > max[unit] ||
        (label != NULL && !label_valid(label)))
        return ODAAT_ERR_INVALID;
    struct tracker t;
    struct app_ladder ladder;
    enum odaat_err err = ladder_load(app, tracker, &t, &ladder);
    if (err != ODAAT_OK)
        return err;
    struct app_rung rung = {unit, count, ""};
    struct milestone_rung plain = {unit, count, label, NULL};
    milestone_rung_label(&plain, rung.label);
    size_t at = 0;
    while (at < ladder.count && !(ladder.rungs[at].unit == unit && ladder.rungs[at].count == count))
        at++;
    if (at == ladder.count && ladder.count == APP_LADDER_MAX)
        err = ODAAT_ERR_INVALID;
    else {
        ladder.rungs[at] = rung; /* the same rung again renames it */
        ladder.count += at == ladder.count;
        err = ladder_put(app, &t, &ladder);
    }
    if (err == ODAAT_OK)
        err = rung_mark_seen(app, &t, unit, count);
    store_tracker_free(&t);
    return err;
}

enum odaat_err app_ladder_remove(struct app *app, const char *tracker, enum milestone_unit unit,
                                 int32_t count)
{
    struct tracker t;
    struct app_ladder ladder;
    enum odaat_err err = ladder_load(app, tracker, &t, &ladder);
    if (err != ODAAT_OK)
        return err;
    size_t at = 0;
    while (at < ladder.count && !(ladder.rungs[at].unit == unit && ladder.rungs[at].count == count))
        at++;
    if (at == ladder.count) {
        err = ODAAT_ERR_NOT_FOUND;
    } else {
        memmove(&ladder.rungs[at], &ladder.rungs[at + 1],
                (ladder.count - at - 1) * sizeof ladder.rungs[0]);
        ladder.count--;
        err = ladder_put(app, &t, &ladder);
    }
    store_tracker_free(&t);
    return err;
}

enum odaat_err app_ladder_reset(struct app *app, const char *tracker)
{
    struct tracker t;
    struct app_ladder ladder;
    enum odaat_err err = ladder_load(app, tracker, &t, &ladder);
    if (err != ODAAT_OK)
        return err;
    if (ladder.custom) {
        char key[SETTING_KEY_SIZE];
        ladder_key(&t, key);
        err = app_setting_forget(app, key);
    }
    store_tracker_free(&t);
    return err;
}
