/*
 * steps: where the person stands on each step of their programme (for SMART Recovery, on
 * each of the four points): a status glyph, the step's title in our own neutral words (the
 * fellowships' step texts are theirs), its principle and its dates. Enter opens one step with
 * its note and its step work, the journal entries written for it; s moves a step on (not
 * started, working, done) and n edits its note. Never calls curses outside the draw
 * functions.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/clock.h"
#include "odaat/crypto.h"
#include "odaat/date.h"
#include "odaat/editbuf.h"
#include "odaat/store.h"
#include "tui_form.h"
#include "tui_internal.h"
#include "tui_meetings.h"
#include "tui_widgets.h"

/* The note field holds this many bytes; a longer note is changed on the command line. */
#define STEPS_NOTE_MAX 1000

/* Journal entries read at a time while looking for a step's work, so a large journal is never
 * in memory whole. */
enum steps_action {
    STEPS_DOWN,
    STEPS_UP,
    STEPS_PAGE_DOWN,
    STEPS_PAGE_UP,
    STEPS_FIRST,
    STEPS_LAST,
    STEPS_OPEN,
    STEPS_STATUS,
    STEPS_NOTE,
    STEPS_NEXT_STEP,
    STEPS_PREV_STEP,
    STEPS_BACK,
};

enum steps_answer {
    STEPS_YES,
    STEPS_NO,
};

/* clang-format off */
static const struct tui_binding steps_bindings[] = {
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "open the step", STEPS_OPEN, true, false},
    {TUI_CHAR('s'), "s", "next status", STEPS_STATUS, true, false},
    {TUI_CHAR('n'), "n", "edit note", STEPS_NOTE, true, false},
    {TUI_CHAR('j'), "j/k", "next / previous step", STEPS_DOWN, false, false},
    {TUI_CHAR('k'), "k", "", STEPS_UP, false, true},
    {TUI_CODE(TUI_KEY_DOWN), "↓", "", STEPS_DOWN, false, true},
    {TUI_CODE(TUI_KEY_UP), "↑", "", STEPS_UP, false, true},
    {TUI_CHAR('g'), "g/G", "first / last step", STEPS_FIRST, false, false},
    {TUI_CHAR('G'), "G", "", STEPS_LAST, false, true},
    {TUI_CODE(TUI_KEY_HOME), "Home", "", STEPS_FIRST, false, true},
    {TUI_CODE(TUI_KEY_END), "End", "", STEPS_LAST, false, true},
};

static const struct tui_binding steps_detail_bindings[] = {
    {TUI_CHAR('s'), "s", "next status", STEPS_STATUS, true, false},
    {TUI_CHAR('n'), "n", "edit note", STEPS_NOTE, true, false},
    {TUI_CODE(TUI_KEY_RIGHT), "←/→", "other steps", STEPS_NEXT_STEP, true, false},
    {TUI_CODE(TUI_KEY_LEFT), "←", "", STEPS_PREV_STEP, false, true},
    {TUI_CODE(TUI_KEY_ESC), "Esc", "back", STEPS_BACK, true, false},
    {TUI_CHAR('j'), "j/k", "scroll down / up", STEPS_DOWN, false, false},
    {TUI_CHAR('k'), "k", "", STEPS_UP, false, true},
    {TUI_CODE(TUI_KEY_DOWN), "↓", "", STEPS_DOWN, false, true},
    {TUI_CODE(TUI_KEY_UP), "↑", "", STEPS_UP, false, true},
    {TUI_CODE(TUI_KEY_PGDN), "PgUp/PgDn", "a page up / down", STEPS_PAGE_DOWN, false, false},
    {TUI_CODE(TUI_KEY_PGUP), "PgUp", "", STEPS_PAGE_UP, false, true},
    {TUI_CHAR('g'), "g/G", "top / bottom", STEPS_FIRST, false, false},
    {TUI_CHAR('G'), "G", "", STEPS_LAST, false, true},
    {TUI_CODE(TUI_KEY_HOME), "Home", "", STEPS_FIRST, false, true},
    {TUI_CODE(TUI_KEY_END), "End", "", STEPS_LAST, false, true},
};

static const struct tui_binding steps_note_bindings[] = {
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "save the note", STEPS_YES, true, false},
    {TUI_CTRL('s'), "Ctrl-S", "save the note", STEPS_YES, false, true},
    {TUI_CODE(TUI_KEY_ESC), "Esc", "cancel", STEPS_NO, true, false},
};

static const struct tui_binding steps_restart_bindings[] = {
    WIDGET_YES_NO("yes, back to not started", STEPS_YES, "keep it done", STEPS_NO),
};

static const struct tui_binding steps_leave_bindings[] = {
    WIDGET_YES_NO("leave without saving", STEPS_YES, "keep editing", STEPS_NO),
};
/* clang-format on */

#define STEPS_COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The modes a person works in, for `odaat keys` (the questions show their keys themselves). */
static const struct tui_mode_keys steps_modes[] = {
    {"step detail", steps_detail_bindings, STEPS_COUNT_OF(steps_detail_bindings)},
    {"step note", steps_note_bindings, STEPS_COUNT_OF(steps_note_bindings)},
};

/* ==== Loading ============================================================================== */

static void steps_free_lines(struct steps_state *s)
{
    for (size_t i = 0; i < s->line_count; i++) {
        crypto_wipe(s->lines[i].text, strlen(s->lines[i].text));
        free(s->lines[i].text);
    }
    free(s->lines);
    s->lines = NULL;
    s->line_count = s->line_cap = 0;
}

static void steps_free_work(struct steps_state *s)
{
    store_journal_list_free(s->work, s->work_count);
    s->work = NULL;
    s->work_count = 0;
}

static void steps_unload(void *state)
{
    struct steps_state *s = state;
    if (s->loaded)
        app_steps_free(&s->steps);
    s->loaded = false;
    steps_free_lines(s);
    steps_free_work(s);
    tui_field_clear(&s->note);
    tui_field_clear(&s->note_original);
    s->detail = false;
    s->overlay = STEPS_OVERLAY_NONE;
}

/* "Step" or, for SMART Recovery, "Point". */
static const char *steps_noun(const struct steps_state *s)
{
    return s->steps.points ? "Point" : "Step";
}

/* Reads the journal entries written for the open step, a window at a time. */
static enum odaat_err steps_read_work(struct tui *t, struct steps_state *s)
{
    steps_free_work(s);
    return app_journal_of_step(t->app, (int)s->cursor + 1, &s->work, &s->work_count);
}

/* Adds one line (a copy of len bytes of text) to the detail view. */
static enum odaat_err steps_add_line(struct steps_state *s, enum tui_role role, int indent,
                                     const char *text, size_t len)
{
    if (s->line_count == s->line_cap) {
        size_t more = s->line_cap == 0 ? 32 : s->line_cap * 2;
        struct steps_line *grown = realloc(s->lines, more * sizeof *grown);
        if (grown == NULL)
            return ODAAT_ERR_NOMEM;
        s->lines = grown;
        s->line_cap = more;
    }
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return ODAAT_ERR_NOMEM;
    memcpy(copy, text, len);
    copy[len] = '\0';
    s->lines[s->line_count++] = (struct steps_line){role, indent, copy};
    return ODAAT_OK;
}

static enum odaat_err steps_add_text(struct steps_state *s, enum tui_role role, int indent,
                                     const char *text)
{
    return steps_add_line(s, role, indent, text, strlen(text));
}

/* Adds text wrapped to width columns, a paragraph per line of it. */
static enum odaat_err steps_add_wrapped(struct steps_state *s, enum tui_role role, int indent,
                                        const char *text, size_t width)
{
    size_t len = strlen(text);
    size_t *starts = malloc((len + 1) * sizeof *starts);
    if (starts == NULL)
        return ODAAT_ERR_NOMEM;
    enum odaat_err err = ODAAT_OK;
    for (size_t at = 0; err == ODAAT_OK && at <= len;) {
        size_t end = at;
        while (end < len && text[end] != '\n')
            end++;
        size_t rows = editbuf_wrap(text + at, end - at, width, starts, len + 1);
        for (size_t r = 0; err == ODAAT_OK && r < rows; r++) {
            size_t from = at + starts[r], to = r + 1 < rows ? at + starts[r + 1] : end;
            while (to > from && (text[to - 1] == ' ' || text[to - 1] == '\r'))
                to--; /* the space a row was broken after */
            err = steps_add_line(s, role, indent, text + from, to - from);
        }
        at = end + 1;
    }
    free(starts);
    return err;
}

/* "26 Jul 2026", or "" for no date. */
static char *steps_date(char *out, size_t size, const char *iso)
{
    int32_t day = 0;
    if (iso[0] == '\0' || date_parse(iso, &day) != ODAAT_OK)
        snprintf(out, size, "%s", iso);
    else
        tui_date(out, size, day, TUI_DATE_MEDIUM);
    return out;
}

/* "working since 26 Jul 2026", "done on 3 Mar 2026 (started 20 Oct 2025)", "not started". */
static void steps_status_text(const struct step *st, char *out, size_t size)
{
    char started[32], done[32];
    steps_date(started, sizeof started, st->started_on);
    steps_date(done, sizeof done, st->completed_on);
    if (st->status == STEP_WORKING && started[0] != '\0')
        snprintf(out, size, "working since %s", started);
    else if (st->status == STEP_DONE && done[0] != '\0' && started[0] != '\0')
        snprintf(out, size, "done on %s (started %s)", done, started);
    else if (st->status == STEP_DONE && done[0] != '\0')
        snprintf(out, size, "done on %s", done);
    else
        snprintf(out, size, "%s",
                 st->status == STEP_NOT_STARTED ? "not started"
                 : st->status == STEP_DONE      ? "done"
                                                : "working");
}

/* Lays the open step out for a terminal cols wide. */
static enum odaat_err steps_build_detail(const struct tui *t, struct steps_state *s)
{
    steps_free_lines(s);
    int cols = t->cols;
    const char *dot = tui_glyphs(t)->dot;
    s->width = cols;
    size_t width = cols > 20 ? (size_t)cols - 8 : 12;
    const struct app_step_info *info = &s->steps.info[s->cursor];
    const struct step *st = &s->steps.steps[s->cursor];
    char line[512], status[128];
    snprintf(line, sizeof line, "%s %d %s %s", steps_noun(s), info->number, dot, info->title);
    enum odaat_err err = steps_add_text(s, TUI_ROLE_TITLE, 0, line);
    if (err == ODAAT_OK && info->principle != NULL) {
        snprintf(line, sizeof line, "Principle: %s", info->principle);
        err = steps_add_text(s, TUI_ROLE_MUTED, 0, line);
    }
    steps_status_text(st, status, sizeof status);
    snprintf(line, sizeof line, "Status: %s", status);
    if (err == ODAAT_OK)
        err = steps_add_text(s, TUI_ROLE_NORMAL, 0, "");
    if (err == ODAAT_OK)
        err = steps_add_text(s,
                             st->status == STEP_DONE      ? TUI_ROLE_GOOD
                             : st->status == STEP_WORKING ? TUI_ROLE_ACCENT
                                                          : TUI_ROLE_NORMAL,
                             0, line);
    if (err == ODAAT_OK)
        err = steps_add_text(s, TUI_ROLE_NORMAL, 0, "");
    if (err == ODAAT_OK)
        err = steps_add_text(s, TUI_ROLE_TITLE, 0, "Note");
    if (err == ODAAT_OK && st->note != NULL && st->note[0] != '\0')
        err = steps_add_wrapped(s, TUI_ROLE_NORMAL, 2, st->note, width);
    else if (err == ODAAT_OK)
        err = steps_add_text(s, TUI_ROLE_MUTED, 2, "No note yet: n writes one.");
    if (err == ODAAT_OK)
        err = steps_add_text(s, TUI_ROLE_NORMAL, 0, "");
    snprintf(line, sizeof line, "Step work in the journal %s %zu entr%s", dot, s->work_count,
             s->work_count == 1 ? "y" : "ies");
    if (err == ODAAT_OK)
        err = steps_add_text(s, TUI_ROLE_TITLE, 0, line);
    if (err == ODAAT_OK && s->work_count == 0) {
        snprintf(line, sizeof line, "Journal entries written for %s %d show here.",
                 s->steps.points ? "point" : "step", info->number);
        err = steps_add_wrapped(s, TUI_ROLE_MUTED, 2, line, width);
    }
    for (size_t i = 0; err == ODAAT_OK && i < s->work_count; i++) {
        const struct journal_entry *e = &s->work[i];
        struct clock_moment when;
        char date[32];
        if (app_local_moment(e->meta.created_at, &when) == ODAAT_OK)
            tui_date(date, sizeof date, when.date, TUI_DATE_FULL);
        else
            snprintf(date, sizeof date, "%.10s", e->meta.created_at);
        snprintf(line, sizeof line, "%s", date);
        if (e->title != NULL) {
            size_t len = strlen(line);
            snprintf(line + len, sizeof line - len, " %s %s", dot, e->title);
        }
        err = steps_add_text(s, TUI_ROLE_NORMAL, 0, "");
        if (err == ODAAT_OK)
            err = steps_add_text(s, TUI_ROLE_ACCENT, 0, line);
        if (err == ODAAT_OK && e->body != NULL)
            err = steps_add_wrapped(s, TUI_ROLE_NORMAL, 2, e->body, width);
    }
    crypto_wipe(line, sizeof line);
    if (err != ODAAT_OK)
        steps_free_lines(s);
    return err;
}

/* Opens (or refreshes) the detail view of the step under the cursor. */
static enum odaat_err steps_open_detail(struct tui *t, struct steps_state *s)
{
    enum odaat_err err = steps_read_work(t, s);
    if (err == ODAAT_OK)
        err = steps_build_detail(t, s);
    if (err != ODAAT_OK) {
        steps_free_work(s);
        s->detail = false;
        return err;
    }
    s->detail = true;
    return ODAAT_OK;
}

static enum odaat_err steps_load(struct tui *t, void *state)
{
    struct steps_state *s = state;
    if (s->loaded)
        app_steps_free(&s->steps);
    s->loaded = false;
    s->today = app_today(t->app);
    enum odaat_err err = app_steps_get(t->app, &s->steps);
    if (err != ODAAT_OK)
        return err;
    s->loaded = true;
    if (s->cursor >= s->steps.count)
        s->cursor = s->steps.count > 0 ? s->steps.count - 1 : 0;
    if (s->steps.count == 0) {
        s->detail = false;
        s->overlay = STEPS_OVERLAY_NONE;
    }
    if (s->detail) {
        /* A change elsewhere (a new step-work entry, a status) shows in the open step. */
        size_t scroll = s->scroll;
        err = steps_open_detail(t, s);
        s->scroll = scroll;
    }
    return err;
}

/* ==== Keys ================================================================================= */

/* Rows the detail view has for its lines. */
static size_t steps_detail_height(const struct tui *t)
{
    return t->body_rows > 2 ? (size_t)t->body_rows - 1 : 1;
}

static size_t steps_max_scroll(const struct tui *t, const struct steps_state *s)
{
    size_t height = steps_detail_height(t);
    return s->line_count > height ? s->line_count - height : 0;
}

/* Moves the open step on: not started to working to done (both dated today); done asks
 * before going back to not started, which clears its dates. */
static unsigned steps_cycle(struct tui *t, struct steps_state *s)
{
    if (s->steps.count == 0)
        return TUI_NONE;
    const struct step *st = &s->steps.steps[s->cursor];
    if (st->status == STEP_DONE) {
        s->overlay = STEPS_OVERLAY_RESTART;
        return TUI_REDRAW;
    }
    enum step_status next = st->status == STEP_NOT_STARTED ? STEP_WORKING : STEP_DONE;
    enum odaat_err err = app_step_set(t->app, st->number, next, NULL, NULL, NULL);
    if (err != ODAAT_OK) {
        tui_error(t, "Could not change the step", err);
        return TUI_REDRAW;
    }
    if (next == STEP_WORKING)
        tui_message(t, "%s %d: working on it from today.", steps_noun(s), st->number);
    else
        tui_message(t, "%s %d: done today. Well done.", steps_noun(s), st->number);
    return TUI_CHANGED | TUI_REDRAW;
}

static unsigned steps_restart_key(struct tui *t, struct steps_state *s, struct tui_key key)
{
    switch (tui_binding_find(steps_restart_bindings, STEPS_COUNT_OF(steps_restart_bindings), key)) {
    case STEPS_YES: {
        s->overlay = STEPS_OVERLAY_NONE;
        int number = s->steps.steps[s->cursor].number;
        enum odaat_err err = app_step_set(t->app, number, STEP_NOT_STARTED, NULL, NULL, NULL);
        if (err != ODAAT_OK) {
            tui_error(t, "Could not change the step", err);
            return TUI_REDRAW;
        }
        tui_message(t, "%s %d: not started. Its note and step work are kept.", steps_noun(s),
                    number);
        return TUI_CHANGED | TUI_REDRAW;
    }
    case STEPS_NO:
        s->overlay = STEPS_OVERLAY_NONE;
        return TUI_REDRAW;
    default:
        return TUI_NONE; /* the dialog waits for an answer */
    }
}

static unsigned steps_note_open(struct tui *t, struct steps_state *s)
{
    if (s->steps.count == 0)
        return TUI_NONE;
    const struct step *st = &s->steps.steps[s->cursor];
    if (st->note != NULL && strlen(st->note) > STEPS_NOTE_MAX) {
        tui_message(t,
                    "This note is longer than the field here holds: change it with "
                    "odaat step set %d --note-stdin.",
                    st->number);
        return TUI_REDRAW;
    }
    s->note.max = STEPS_NOTE_MAX;
    widget_field_set_line(&s->note, st->note); /* one line here */
    s->note_original = s->note;
    s->overlay = STEPS_OVERLAY_NOTE;
    return TUI_REDRAW;
}

static void steps_note_close(struct steps_state *s)
{
    tui_field_clear(&s->note);
    tui_field_clear(&s->note_original);
    s->overlay = STEPS_OVERLAY_NONE;
}

static unsigned steps_note_save(struct tui *t, struct steps_state *s)
{
    if (strcmp(s->note.text, s->note_original.text) == 0) {
        steps_note_close(s);
        return TUI_REDRAW; /* nothing changed: nothing to save */
    }
    const struct step *st = &s->steps.steps[s->cursor];
    enum odaat_err err = app_step_set(t->app, st->number, st->status, NULL, s->note.text, NULL);
    if (err != ODAAT_OK) {
        tui_error(t, "Could not save the note", err);
        return TUI_REDRAW;
    }
    tui_message(t, "Note saved.");
    steps_note_close(s);
    return TUI_CHANGED | TUI_REDRAW;
}

static unsigned steps_note_key(struct tui *t, struct steps_state *s, struct tui_key key)
{
    switch (tui_binding_find(steps_note_bindings, STEPS_COUNT_OF(steps_note_bindings), key)) {
    case STEPS_YES:
        return steps_note_save(t, s);
    case STEPS_NO:
        if (strcmp(s->note.text, s->note_original.text) != 0)
            s->overlay = STEPS_OVERLAY_LEAVE;
        else
            steps_note_close(s);
        return TUI_REDRAW;
    default:
        if (tui_field_key(&s->note, key))
            return TUI_REDRAW;
        return TUI_NONE; /* the field has the keyboard: no key reaches the tabs */
    }
}

static unsigned steps_leave_key(struct steps_state *s, struct tui_key key)
{
    switch (tui_binding_find(steps_leave_bindings, STEPS_COUNT_OF(steps_leave_bindings), key)) {
    case STEPS_YES:
        steps_note_close(s);
        return TUI_REDRAW;
    case STEPS_NO:
        s->overlay = STEPS_OVERLAY_NOTE;
        return TUI_REDRAW;
    default:
        return TUI_NONE;
    }
}

/* Opens another step in the detail view (by steps from the open one). */
static unsigned steps_detail_step(struct tui *t, struct steps_state *s, int by)
{
    if ((by < 0 && s->cursor == 0) || (by > 0 && s->cursor + 1 >= s->steps.count))
        return TUI_NONE;
    s->cursor = by < 0 ? s->cursor - 1 : s->cursor + 1;
    s->scroll = 0;
    enum odaat_err err = steps_open_detail(t, s);
    if (err != ODAAT_OK)
        tui_error(t, "Could not read the step work", err);
    return TUI_REDRAW;
}

static unsigned steps_detail_key(struct tui *t, struct steps_state *s, struct tui_key key)
{
    size_t page = steps_detail_height(t), max = steps_max_scroll(t, s);
    switch (tui_binding_find(steps_detail_bindings, STEPS_COUNT_OF(steps_detail_bindings), key)) {
    case STEPS_STATUS:
        return steps_cycle(t, s);
    case STEPS_NOTE:
        return steps_note_open(t, s);
    case STEPS_NEXT_STEP:
        return steps_detail_step(t, s, 1);
    case STEPS_PREV_STEP:
        return steps_detail_step(t, s, -1);
    case STEPS_BACK:
        s->detail = false;
        steps_free_lines(s);
        steps_free_work(s);
        return TUI_REDRAW;
    case STEPS_DOWN:
        s->scroll = s->scroll < max ? s->scroll + 1 : max;
        return TUI_REDRAW;
    case STEPS_UP:
        s->scroll = s->scroll > 0 ? s->scroll - 1 : 0;
        return TUI_REDRAW;
    case STEPS_PAGE_DOWN:
        s->scroll = s->scroll + page < max ? s->scroll + page : max;
        return TUI_REDRAW;
    case STEPS_PAGE_UP:
        s->scroll = s->scroll > page ? s->scroll - page : 0;
        return TUI_REDRAW;
    case STEPS_FIRST:
        s->scroll = 0;
        return TUI_REDRAW;
    case STEPS_LAST:
        s->scroll = max;
        return TUI_REDRAW;
    default:
        return TUI_UNHANDLED;
    }
}

static unsigned steps_list_key(struct tui *t, struct steps_state *s, struct tui_key key)
{
    size_t count = s->steps.count;
    switch (tui_binding_find(steps_bindings, STEPS_COUNT_OF(steps_bindings), key)) {
    case STEPS_DOWN:
        s->cursor = widget_list_move(s->cursor, 1, count);
        return TUI_REDRAW;
    case STEPS_UP:
        s->cursor = widget_list_move(s->cursor, -1, count);
        return TUI_REDRAW;
    case STEPS_FIRST:
        s->cursor = 0;
        return TUI_REDRAW;
    case STEPS_LAST:
        s->cursor = widget_list_move(s->cursor, (long)count, count);
        return TUI_REDRAW;
    case STEPS_OPEN: {
        if (count == 0)
            return TUI_NONE;
        s->scroll = 0;
        enum odaat_err err = steps_open_detail(t, s);
        if (err != ODAAT_OK)
            tui_error(t, "Could not read the step work", err);
        return TUI_REDRAW;
    }
    case STEPS_STATUS:
        return steps_cycle(t, s);
    case STEPS_NOTE:
        return steps_note_open(t, s);
    default:
        return TUI_UNHANDLED;
    }
}

static unsigned steps_key(struct tui *t, void *state, struct tui_key key)
{
    struct steps_state *s = state;
    switch (s->overlay) {
    case STEPS_OVERLAY_NOTE:
        return steps_note_key(t, s, key);
    case STEPS_OVERLAY_RESTART:
        return steps_restart_key(t, s, key);
    case STEPS_OVERLAY_LEAVE:
        return steps_leave_key(s, key);
    case STEPS_OVERLAY_NONE:
        break;
    }
    return s->detail ? steps_detail_key(t, s, key) : steps_list_key(t, s, key);
}

static bool steps_typing(const void *state)
{
    const struct steps_state *s = state;
    return s->overlay == STEPS_OVERLAY_NOTE;
}

static const struct tui_binding *steps_mode_bindings(const void *state, size_t *count)
{
    const struct steps_state *s = state;
    switch (s->overlay) {
    case STEPS_OVERLAY_NOTE:
        *count = STEPS_COUNT_OF(steps_note_bindings);
        return steps_note_bindings;
    case STEPS_OVERLAY_RESTART:
        *count = STEPS_COUNT_OF(steps_restart_bindings);
        return steps_restart_bindings;
    case STEPS_OVERLAY_LEAVE:
        *count = STEPS_COUNT_OF(steps_leave_bindings);
        return steps_leave_bindings;
    case STEPS_OVERLAY_NONE:
        break;
    }
    if (s->detail) {
        *count = STEPS_COUNT_OF(steps_detail_bindings);
        return steps_detail_bindings;
    }
    return NULL;
}

/* ==== Drawing ============================================================================== */

/* A step's status as one glyph: ✓ done, ◐ working (half way; not the cursor's ▸, which
 * stands in the same row), · not started. */
static const char *steps_glyph(const struct tui *t, enum step_status status, enum tui_role *role)
{
    const struct tui_glyphs *g = tui_glyphs(t);
    switch (status) {
    case STEP_DONE:
        *role = TUI_ROLE_GOOD;
        return g->check;
    case STEP_WORKING:
        *role = TUI_ROLE_ACCENT;
        return t->utf8 ? "◐" : "o";
    default:
        *role = TUI_ROLE_MUTED;
        return g->dot;
    }
}

/* "done 3 Mar 2026", "since 26 Jul" (the year when it is not this one), or "". */
static void steps_when(const struct steps_state *s, const struct step *st, char *out, size_t size)
{
    int32_t day = 0;
    out[0] = '\0';
    if (st->status == STEP_DONE && date_parse(st->completed_on, &day) == ODAAT_OK) {
        char date[32];
        snprintf(out, size, "done %s", tui_date(date, sizeof date, day, TUI_DATE_MEDIUM));
    } else if (st->status == STEP_WORKING && date_parse(st->started_on, &day) == ODAAT_OK) {
        struct date_ymd ymd = date_to_ymd(day);
        if (ymd.year == date_to_ymd(s->today).year)
            snprintf(out, size, "since %d %s", ymd.day, date_month_abbr(ymd.month));
        else
            snprintf(out, size, "since %d %s %d", ymd.day, date_month_abbr(ymd.month), ymd.year);
    }
}

/* The heading: the programme, and how many steps are done. */
static void steps_draw_heading(const struct tui *t, const struct steps_state *s, int y)
{
    char title[64];
    if (s->steps.points) {
        snprintf(title, sizeof title, "SMART Recovery %s 4-Point Program", tui_glyphs(t)->dot);
    } else {
        char program[MODEL_SLUG_SIZE];
        size_t i = 0;
        for (; s->steps.program[i] != '\0' && i + 1 < sizeof program; i++)
            program[i] = (char)toupper((unsigned char)s->steps.program[i]);
        program[i] = '\0';
        if (strcmp(s->steps.program, "other") == 0 || program[0] == '\0')
            snprintf(title, sizeof title, "The Twelve Steps");
        else
            snprintf(title, sizeof title, "The Twelve Steps %s %s", tui_glyphs(t)->dot, program);
    }
    draw_text(y, 2, -1, TUI_ROLE_TITLE, title);
    size_t done = 0;
    for (size_t i = 0; i < s->steps.count; i++)
        done += s->steps.steps[i].status == STEP_DONE;
    char count[48];
    snprintf(count, sizeof count, "%zu of %zu done", done, s->steps.count);
    draw_text(y, t->cols - 2 - (int)tui_width(count), -1, TUI_ROLE_MUTED, count);
    draw_hline(t, y + 1, 2, t->cols - 4, TUI_ROLE_MUTED);
}

static void steps_draw_list(struct tui *t, struct steps_state *s)
{
    int y = t->body_top;
    steps_draw_heading(t, s, y);
    size_t height = t->body_rows > 6 ? (size_t)t->body_rows - 5 : 1;
    s->top = widget_list_top(s->cursor, s->top, height, s->steps.count);
    bool principles = !s->steps.points;
    size_t title_cols = principles ? 30 : 44, when_cols = 18;
    int row = y + 2;
    for (size_t i = s->top; i < s->steps.count && i < s->top + height; i++, row++) {
        const struct step *st = &s->steps.steps[i];
        const struct app_step_info *info = &s->steps.info[i];
        bool here = i == s->cursor;
        enum tui_role role = TUI_ROLE_NORMAL;
        const char *glyph = steps_glyph(t, st->status, &role);
        char line[1024], number[8], when[48];
        snprintf(number, sizeof number, "%2d", info->number);
        steps_when(s, st, when, sizeof when);
        snprintf(line, sizeof line, "%s  %s  ", here ? tui_glyphs(t)->pointer : " ", glyph);
        widget_column(line, sizeof line, number, 2, t->utf8);
        widget_column(line, sizeof line, "  ", 2, t->utf8);
        widget_column(line, sizeof line, info->title, title_cols, t->utf8);
        widget_column(line, sizeof line, "  ", 2, t->utf8);
        if (principles) {
            widget_column(line, sizeof line, info->principle, 12, t->utf8);
            widget_column(line, sizeof line, "  ", 2, t->utf8);
        }
        widget_column(line, sizeof line, when, when_cols, t->utf8);
        draw_text(row, 2, t->cols - 4, here ? TUI_ROLE_SELECTED : TUI_ROLE_NORMAL, line);
        if (!here)
            draw_text(row, 5, 1, role, glyph);
    }
    if (s->steps.count == 0)
        return;
    const struct step *st = &s->steps.steps[s->cursor];
    row = y + 3 + (int)(s->steps.count < height ? s->steps.count : height);
    draw_text(row, 2, 5, TUI_ROLE_MUTED, "Note");
    if (st->note != NULL && st->note[0] != '\0') {
        char note[1024];
        size_t i = 0;
        for (; st->note[i] != '\0' && i + 1 < sizeof note; i++)
            note[i] = st->note[i] == '\n' ? ' ' : st->note[i];
        note[i] = '\0';
        char fit[1024];
        tui_fit(fit, sizeof fit, note, (size_t)(t->cols - 10), t->utf8);
        draw_text(row, 8, t->cols - 10, TUI_ROLE_NORMAL, fit);
        crypto_wipe(note, sizeof note);
        crypto_wipe(fit, sizeof fit);
    } else {
        draw_text(row, 8, -1, TUI_ROLE_MUTED, "none yet");
    }
}

static void steps_draw_detail(struct tui *t, struct steps_state *s)
{
    if (s->width != t->cols && steps_build_detail(t, s) != ODAAT_OK)
        return; /* out of memory: the screen stays blank rather than wrong */
    size_t height = steps_detail_height(t), max = steps_max_scroll(t, s);
    if (s->scroll > max)
        s->scroll = max;
    for (size_t i = 0; i < height && s->scroll + i < s->line_count; i++) {
        const struct steps_line *l = &s->lines[s->scroll + i];
        draw_text(t->body_top + (int)i, 2 + l->indent, t->cols - 4 - l->indent, l->role, l->text);
    }
    if (max > 0) {
        const char *more = s->scroll < max ? "more below: j, PgDn" : "the end: k, PgUp";
        draw_text(t->body_top + t->body_rows - 1, t->cols - 2 - (int)tui_width(more), -1,
                  TUI_ROLE_MUTED, more);
    }
}

static void steps_draw_note(struct tui *t, struct steps_state *s)
{
    int y = t->body_top + t->body_rows - 3;
    draw_clear_rows(y, 3);
    draw_hline(t, y, 2, t->cols - 4, TUI_ROLE_MUTED);
    draw_printf(y + 1, 2, -1, TUI_ROLE_TITLE, "Note for %s %d", s->steps.points ? "point" : "step",
                s->steps.info[s->cursor].number);
    tui_field_draw(t, &s->note, y + 2, 4, t->cols - 6, s->overlay == STEPS_OVERLAY_NOTE);
    if (s->overlay == STEPS_OVERLAY_LEAVE) {
        static const char *const lines[] = {"The changes to this note would be lost."};
        widget_draw_question(t, "Leave without saving?", lines, STEPS_COUNT_OF(lines),
                             "leave without saving", "keep editing");
    }
}

static void steps_draw_restart(const struct tui *t, const struct steps_state *s)
{
    const struct step *st = &s->steps.steps[s->cursor];
    char title[64], first[200], status[128];
    steps_status_text(st, status, sizeof status);
    snprintf(title, sizeof title, "%s %d back to not started?", steps_noun(s), st->number);
    snprintf(first, sizeof first, "It is %s.", status);
    const char *const lines[] = {first,
                                 "Going back clears these dates; the note and step work stay."};
    widget_draw_question(t, title, lines, STEPS_COUNT_OF(lines), "yes, not started",
                         "keep it done");
}

static void steps_draw(struct tui *t, void *state)
{
    struct steps_state *s = state;
    if (s->detail)
        steps_draw_detail(t, s);
    else
        steps_draw_list(t, s);
    if (s->steps.count == 0)
        return;
    if (s->overlay == STEPS_OVERLAY_NOTE || s->overlay == STEPS_OVERLAY_LEAVE)
        steps_draw_note(t, s);
    else if (s->overlay == STEPS_OVERLAY_RESTART)
        steps_draw_restart(t, s);
}

const struct tui_screen tui_screen_steps = {
    .title = "Steps",
    .bindings = steps_bindings,
    .binding_count = STEPS_COUNT_OF(steps_bindings),
    .state_size = sizeof(struct steps_state),
    .load = steps_load,
    .unload = steps_unload,
    .key = steps_key,
    .draw = steps_draw,
    .typing = steps_typing,
    .mode_bindings = steps_mode_bindings,
    .modes = steps_modes,
    .mode_count = STEPS_COUNT_OF(steps_modes),
};
