/*
 * settings: the rows a person may change, each showing its value on the right: the
 * programme, the day boundary, the idle lock, the trackers (added, renamed, archived), what
 * each tracker's date means, each tracker's milestone ladder, the passphrase, a new recovery
 * code and an export to a file. Every change goes through the app and is saved at once.
 *
 * Secrets (passphrases, a new recovery code) live only in secure memory, wiped as soon as
 * they are used or the screen goes. The export is the one file odaat writes outside its
 * store: it is not encrypted, so it is never written without a warning and a yes, and never
 * over a file that is already there. The demo writes no files and has no passphrase.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "odaat/crypto.h"
#include "odaat/date.h"
#include "odaat/store.h"
#include "tui_form.h"
#include "tui_internal.h"
#include "tui_widgets.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

enum settings_action {
    SET_DOWN,
    SET_UP,
    SET_FIRST,
    SET_LAST,
    SET_PAGE_DOWN,
    SET_PAGE_UP,
    SET_ENTER,
    SET_RIGHT,
    SET_LEFT,
    SET_ADD,
    SET_RENAME,
    SET_ARCHIVE,
    SET_REMOVE,
    SET_RESET,
    SET_BACK,
    /* Forms. */
    SET_NEXT_FIELD,
    SET_PREV_FIELD,
    SET_SAVE,
    /* Questions. */
    SET_YES,
    SET_NO,
};

/* clang-format off */
#define LIST_MOVES                                                                             \
    {TUI_CHAR('j'), "j/k", "move", SET_DOWN, false, false},                                    \
    {TUI_CHAR('k'), "k", "", SET_UP, false, true},                                             \
    {TUI_CODE(TUI_KEY_DOWN), "Down", "", SET_DOWN, false, true},                               \
    {TUI_CODE(TUI_KEY_UP), "Up", "", SET_UP, false, true},                                     \
    {TUI_CHAR('g'), "g/G", "first / last", SET_FIRST, false, false},                           \
    {TUI_CHAR('G'), "G", "", SET_LAST, false, true},                                           \
    {TUI_CODE(TUI_KEY_HOME), "Home", "", SET_FIRST, false, true},                              \
    {TUI_CODE(TUI_KEY_END), "End", "", SET_LAST, false, true},                                 \
    {TUI_CODE(TUI_KEY_PGDN), "PgDn/PgUp", "a page down or up", SET_PAGE_DOWN, false, false},   \
    {TUI_CODE(TUI_KEY_PGUP), "PgUp", "", SET_PAGE_UP, false, true}

static const struct tui_binding settings_bindings[] = {
    LIST_MOVES,
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "change or open the setting", SET_ENTER, true, false},
    {TUI_CODE(TUI_KEY_RIGHT), "←/→", "change the value", SET_RIGHT, true, false},
    {TUI_CODE(TUI_KEY_LEFT), "←", "", SET_LEFT, false, true},
};

static const struct tui_binding trackers_bindings[] = {
    LIST_MOVES,
    {TUI_CHAR('a'), "a", "add a tracker", SET_ADD, true, false},
    {TUI_CHAR('r'), "r", "rename", SET_RENAME, true, false},
    {TUI_CHAR('d'), "d", "archive", SET_ARCHIVE, true, false},
    {TUI_CODE(TUI_KEY_ESC), "Esc", "back to settings", SET_BACK, true, false},
};

static const struct tui_binding ladder_bindings[] = {
    LIST_MOVES,
    {TUI_CHAR('a'), "a", "add a rung", SET_ADD, true, false},
    {TUI_CHAR('d'), "d", "remove the rung", SET_REMOVE, true, false},
    {TUI_CHAR('r'), "r", "back to the preset", SET_RESET, true, false},
    {TUI_CODE(TUI_KEY_ESC), "Esc", "back to settings", SET_BACK, true, false},
};

static const struct tui_binding form_bindings[] = {
    {TUI_CODE(TUI_KEY_TAB), "Tab", "next field", SET_NEXT_FIELD, true, false},
    {TUI_CODE(TUI_KEY_BTAB), "Shift-Tab", "previous field", SET_PREV_FIELD, false, false},
    {TUI_CODE(TUI_KEY_DOWN), "Down", "", SET_NEXT_FIELD, false, true},
    {TUI_CODE(TUI_KEY_UP), "Up", "", SET_PREV_FIELD, false, true},
    {TUI_CODE(TUI_KEY_RIGHT), "←/→", "choose", SET_RIGHT, true, false},
    {TUI_CODE(TUI_KEY_LEFT), "←", "", SET_LEFT, false, true},
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "next field; done on the last", SET_ENTER, true, false},
    {TUI_CTRL('s'), "Ctrl-S", "done", SET_SAVE, false, false},
    {TUI_CODE(TUI_KEY_ESC), "Esc", "cancel", SET_BACK, true, false},
};

/* A form of text fields only (a name, a passphrase, a file): the same keys but ←/→. */
static const struct tui_binding text_form_bindings[] = {
    {TUI_CODE(TUI_KEY_TAB), "Tab", "next field", SET_NEXT_FIELD, true, false},
    {TUI_CODE(TUI_KEY_BTAB), "Shift-Tab", "previous field", SET_PREV_FIELD, false, false},
    {TUI_CODE(TUI_KEY_DOWN), "Down", "", SET_NEXT_FIELD, false, true},
    {TUI_CODE(TUI_KEY_UP), "Up", "", SET_PREV_FIELD, false, true},
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "next field; done on the last", SET_ENTER, true, false},
    {TUI_CTRL('s'), "Ctrl-S", "done", SET_SAVE, false, false},
    {TUI_CODE(TUI_KEY_ESC), "Esc", "cancel", SET_BACK, true, false},
};

static const struct tui_binding confirm_bindings[] = {
    WIDGET_YES_NO("yes", SET_YES, "no", SET_NO),
};

static const struct tui_binding code_bindings[] = {
    {TUI_CHAR('y'), "y", "I have written it down", SET_YES, true, false},
    {TUI_CHAR('Y'), "Y", "", SET_YES, false, true},
};

static const struct tui_binding working_bindings[] = {
    {TUI_CODE(TUI_KEY_NONE), "", "a moment, please", -1, true, false},
};
/* clang-format on */

/* The lists and forms a person works in, for `odaat keys` (a form of text fields only has the
 * same keys as "form" but ←/→; the questions show their keys themselves). */
static const struct tui_mode_keys settings_modes[] = {
    {"trackers", trackers_bindings, COUNT_OF(trackers_bindings)},
    {"ladder", ladder_bindings, COUNT_OF(ladder_bindings)},
    {"form", form_bindings, COUNT_OF(form_bindings)},
};

static const char *const date_is_words[] = {"first clean day", "last day of use"};
static const char *const preset_ids[] = {"ca", "aa", "na", "smart", "none"};
static const char *const preset_words[] = {"CA", "AA", "NA", "SMART", "none"};
static const char *const unit_words[] = {"hours", "days", "months", "years"};

enum row_kind {
    ROW_PROGRAM,
    ROW_BOUNDARY,
    ROW_IDLE,
    ROW_TRACKERS,
    ROW_DATE_IS,
    ROW_LADDER,
    ROW_PASSPHRASE,
    ROW_RECOVERY,
    ROW_EXPORT,
};

struct settings_row {
    enum row_kind kind;
    size_t tracker; /* into active, for ROW_DATE_IS and ROW_LADDER */
};

enum settings_mode {
    MODE_LIST,
    MODE_TRACKERS,
    MODE_TRACKER_FORM, /* a new tracker */
    MODE_RENAME,
    MODE_LADDER,
    MODE_RUNG_FORM,
    MODE_PASSPHRASE,
    MODE_RECOVERY,      /* asks for the passphrase */
    MODE_RECOVERY_SHOW, /* the new code, once */
    MODE_EXPORT,
};

enum settings_question {
    ASK_NONE,
    ASK_ARCHIVE,
    ASK_RUNG_REMOVE,
    ASK_LADDER_RESET,
    ASK_EXPORT,
};

#define FORM_MAX 4
#define SECRETS  3

/* A form: text fields and choices, one under the other. */
struct settings_form {
    size_t count;
    size_t focus;
    const char *labels[FORM_MAX];
    struct tui_field *fields[FORM_MAX];   /* NULL: a choice */
    const char *const *choices[FORM_MAX]; /* the words of a choice */
    size_t choice_counts[FORM_MAX];
    size_t chosen[FORM_MAX];
};

struct settings_state {
    /* What load read. */
    char program[16];
    int boundary;
    int idle;
    struct tracker *trackers;
    size_t tracker_count;
    size_t *active; /* indexes of the trackers not archived */
    size_t active_count;
    struct app_ladder *ladders; /* one per active tracker */
    struct settings_row *rows;
    size_t row_count;
    size_t cursor, top;
    /* Sub-views. */
    enum settings_mode mode;
    enum settings_question ask;
    bool working; /* slow work waits in t->pending */
    size_t tracker_cursor;
    char select_name[TUI_FIELD_MAX]; /* a tracker to put the cursor on after a load */
    int64_t tracker_id;              /* the tracker whose ladder shows */
    size_t rung_cursor;
    struct settings_form form;
    struct tui_field text[3];          /* a form's text fields */
    struct tui_field *secret[SECRETS]; /* secure memory, while a secret form shows */
    char *code;                        /* secure memory: a new recovery code */
};

/* ---- Loading ---------------------------------------------------------------------------- */

static void secrets_free(struct settings_state *s)
{
    for (size_t i = 0; i < SECRETS; i++) {
        crypto_secure_free(s->secret[i]);
        s->secret[i] = NULL;
    }
    crypto_secure_free(s->code);
    s->code = NULL;
}

static void form_clear(struct settings_state *s)
{
    for (size_t i = 0; i < COUNT_OF(s->text); i++)
        tui_field_clear(&s->text[i]);
    memset(&s->form, 0, sizeof s->form);
}

static void records_free(struct settings_state *s)
{
    store_tracker_list_free(s->trackers, s->tracker_count);
    free(s->active);
    if (s->ladders != NULL)
        crypto_wipe(s->ladders, s->active_count * sizeof *s->ladders);
    free(s->ladders);
    free(s->rows);
    s->trackers = NULL;
    s->active = NULL;
    s->ladders = NULL;
    s->rows = NULL;
    s->tracker_count = s->active_count = s->row_count = 0;
}

static void settings_unload(void *state)
{
    struct settings_state *s = state;
    records_free(s);
    secrets_free(s);
    form_clear(s);
    crypto_wipe(s->select_name, sizeof s->select_name);
    s->mode = MODE_LIST;
    s->ask = ASK_NONE;
    s->working = false;
}

static int setting_int(struct tui *t, const char *key, int fallback)
{
    char *value = NULL;
    int n = fallback;
    if (app_setting_get(t->app, key, &value) == ODAAT_OK && value != NULL)
        n = atoi(value);
    free(value);
    return n;
}

static void rows_add(struct settings_state *s, enum row_kind kind, size_t tracker)
{
    s->rows[s->row_count++] = (struct settings_row){kind, tracker};
}

static const struct tracker *active_tracker(const struct settings_state *s, size_t i)
{
    return i < s->active_count ? &s->trackers[s->active[i]] : NULL;
}

/* The active tracker whose ladder shows (its index in active), or -1. */
static long ladder_tracker(const struct settings_state *s)
{
    for (size_t i = 0; i < s->active_count; i++) {
        if (active_tracker(s, i)->meta.id == s->tracker_id)
            return (long)i;
    }
    return -1;
}

static size_t clamp_cursor(size_t cursor, size_t count)
{
    return cursor < count ? cursor : count > 0 ? count - 1 : 0;
}

/* A rung's rough length in hours, to list a ladder shortest first. */
static double rung_hours(const struct app_rung *r)
{
    static const double hours[] = {[MILESTONE_HOURS] = 1,
                                   [MILESTONE_DAYS] = 24,
                                   [MILESTONE_MONTHS] = 730.5,
                                   [MILESTONE_YEARS] = 8766};
    return r->count * hours[r->unit];
}

/* Sorts a ladder's rungs shortest first (insertion: a ladder is short, and the order of
 * equal rungs stays). An added rung goes to the end of the stored list; the person reads it
 * in its place. */
static void ladder_sort(struct app_ladder *l)
{
    for (size_t i = 1; i < l->count; i++) {
        struct app_rung r = l->rungs[i];
        size_t k = i;
        for (; k > 0 && rung_hours(&l->rungs[k - 1]) > rung_hours(&r); k--)
            l->rungs[k] = l->rungs[k - 1];
        l->rungs[k] = r;
    }
}

static enum odaat_err settings_load(struct tui *t, void *state)
{
    struct settings_state *s = state;
    records_free(s);
    char *value = NULL;
    enum odaat_err err = app_setting_get(t->app, "program", &value);
    snprintf(s->program, sizeof s->program, "%s", err == ODAAT_OK && value ? value : "");
    free(value);
    s->boundary = setting_int(t, "day_boundary_hour", 0);
    s->idle = setting_int(t, "idle_lock_minutes", 5);
    err = app_tracker_list(t->app, &s->trackers, &s->tracker_count);
    if (err != ODAAT_OK)
        return err;
    size_t n = s->tracker_count > 0 ? s->tracker_count : 1;
    s->active = calloc(n, sizeof *s->active);
    s->ladders = calloc(n, sizeof *s->ladders);
    s->rows = calloc(8 + 2 * n, sizeof *s->rows);
    if (s->active == NULL || s->ladders == NULL || s->rows == NULL) {
        records_free(s);
        return ODAAT_ERR_NOMEM;
    }
    for (size_t i = 0; i < s->tracker_count; i++) {
        if (s->trackers[i].archived)
            continue;
        err = app_ladder_get(t->app, &s->trackers[i], &s->ladders[s->active_count]);
        if (err != ODAAT_OK) {
            records_free(s);
            return err;
        }
        ladder_sort(&s->ladders[s->active_count]);
        s->active[s->active_count++] = i;
    }
    rows_add(s, ROW_PROGRAM, 0);
    rows_add(s, ROW_BOUNDARY, 0);
    rows_add(s, ROW_IDLE, 0);
    rows_add(s, ROW_TRACKERS, 0);
    for (size_t i = 0; i < s->active_count; i++)
        rows_add(s, ROW_DATE_IS, i);
    for (size_t i = 0; i < s->active_count; i++)
        rows_add(s, ROW_LADDER, i);
    rows_add(s, ROW_PASSPHRASE, 0);
    rows_add(s, ROW_RECOVERY, 0);
    rows_add(s, ROW_EXPORT, 0);
    s->cursor = clamp_cursor(s->cursor, s->row_count);
    for (size_t i = 0; s->select_name[0] != '\0' && i < s->active_count; i++) {
        if (strcmp(active_tracker(s, i)->name, s->select_name) == 0)
            s->tracker_cursor = i;
    }
    s->select_name[0] = '\0';
    s->tracker_cursor = clamp_cursor(s->tracker_cursor, s->active_count);
    if (s->mode == MODE_LADDER || s->mode == MODE_RUNG_FORM) {
        long i = ladder_tracker(s);
        if (i < 0)
            s->mode = MODE_LIST;
        else
            s->rung_cursor = clamp_cursor(s->rung_cursor, s->ladders[i].count);
    }
    return ODAAT_OK;
}

/* ---- Helpers ---------------------------------------------------------------------------- */

static bool is_demo(const struct tui *t)
{
    return t->demo || app_is_demo(t->app);
}

static void message_error(struct tui *t, const char *text)
{
    tui_message(t, "%s", text);
    t->message_error = true;
}

static bool blank(const char *text)
{
    for (; *text != '\0'; text++) {
        if (*text != ' ')
            return false;
    }
    return true;
}

/* The programme's place in the app's list; app_program_count() when it is not there. */
static size_t program_index(const char *id)
{
    size_t n = app_program_count();
    for (size_t i = 0; i < n; i++) {
        if (strcmp(app_program_id(i), id) == 0)
            return i;
    }
    return n;
}

static const char *preset_word(const char *id)
{
    for (size_t i = 0; i < COUNT_OF(preset_ids); i++) {
        if (strcmp(preset_ids[i], id) == 0)
            return preset_words[i];
    }
    return id;
}

/* The rows of the list that show at once: the body less the title and the description. */
static int list_rows(const struct tui *t)
{
    int rows = t->body_rows - 5;
    return rows > 1 ? rows : 1;
}

static size_t list_count(const struct settings_state *s)
{
    if (s->mode == MODE_TRACKERS)
        return s->active_count;
    if (s->mode == MODE_LADDER) {
        long i = ladder_tracker(s);
        return i >= 0 ? s->ladders[i].count : 0;
    }
    return s->row_count;
}

static size_t *list_cursor(struct settings_state *s)
{
    if (s->mode == MODE_TRACKERS)
        return &s->tracker_cursor;
    if (s->mode == MODE_LADDER)
        return &s->rung_cursor;
    return &s->cursor;
}

/* Moves the cursor of the list showing; returns true when the key was a move. */
static bool list_move(struct tui *t, struct settings_state *s, int action)
{
    size_t *cursor = list_cursor(s), count = list_count(s);
    long page = list_rows(t) > 1 ? list_rows(t) - 1 : 1, delta = 0;
    switch (action) {
    case SET_DOWN:
        delta = 1;
        break;
    case SET_UP:
        delta = -1;
        break;
    case SET_FIRST:
        delta = -(long)count;
        break;
    case SET_LAST:
        delta = (long)count;
        break;
    case SET_PAGE_DOWN:
        delta = page;
        break;
    case SET_PAGE_UP:
        delta = -page;
        break;
    default:
        return false;
    }
    *cursor = widget_list_move(*cursor, delta, count);
    return true;
}

/* ---- Forms -------------------------------------------------------------------------------- */

static void form_add_field(struct settings_form *f, const char *label, struct tui_field *field)
{
    f->labels[f->count] = label;
    f->fields[f->count] = field;
    f->count++;
}

static void form_add_choice(struct settings_form *f, const char *label, const char *const *words,
                            size_t count, size_t chosen)
{
    f->labels[f->count] = label;
    f->choices[f->count] = words;
    f->choice_counts[f->count] = count;
    f->chosen[f->count] = chosen;
    f->count++;
}

/* Opens a form with secret fields in secure memory (passphrases). */
static bool secrets_open(struct tui *t, struct settings_state *s, size_t n)
{
    secrets_free(s);
    for (size_t i = 0; i < n; i++) {
        s->secret[i] = crypto_secure_alloc(sizeof *s->secret[i]);
        if (s->secret[i] == NULL) {
            secrets_free(s);
            tui_error(t, "Could not start", ODAAT_ERR_NOMEM);
            return false;
        }
        memset(s->secret[i], 0, sizeof *s->secret[i]);
        s->secret[i]->secret = true;
        s->secret[i]->max = VAULT_PASSPHRASE_MAX;
    }
    return true;
}

static void open_tracker_form(struct tui *t, struct settings_state *s)
{
    form_clear(s);
    s->text[0].max = APP_SHORT_TEXT_MAX;
    widget_field_set_date(&s->text[1], app_today(t->app));
    /* A new tracker follows the programme's ladder ("other" gets the twelve-step one, as a
     * new store's first tracker does). */
    size_t preset = 1;
    for (size_t i = 0; i < COUNT_OF(preset_ids); i++) {
        if (strcmp(preset_ids[i], s->program) == 0)
            preset = i;
    }
    form_add_field(&s->form, "Name", &s->text[0]);
    form_add_field(&s->form, "Clean date", &s->text[1]);
    form_add_choice(&s->form, "The date is", date_is_words, COUNT_OF(date_is_words), 0);
    form_add_choice(&s->form, "Milestones", preset_words, COUNT_OF(preset_words), preset);
    s->mode = MODE_TRACKER_FORM;
}

static void open_rename_form(struct settings_state *s)
{
    const struct tracker *tr = active_tracker(s, s->tracker_cursor);
    if (tr == NULL)
        return;
    form_clear(s);
    s->text[0].max = APP_SHORT_TEXT_MAX;
    tui_field_set(&s->text[0], tr->name);
    form_add_field(&s->form, "New name", &s->text[0]);
    s->mode = MODE_RENAME;
}

static void open_rung_form(struct settings_state *s)
{
    form_clear(s);
    s->text[0].max = 6;
    s->text[1].max = MILESTONE_LABEL_MAX;
    form_add_field(&s->form, "Count", &s->text[0]);
    form_add_choice(&s->form, "Unit", unit_words, COUNT_OF(unit_words), 1);
    form_add_field(&s->form, "Label", &s->text[1]);
    s->mode = MODE_RUNG_FORM;
}

static void open_passphrase_form(struct tui *t, struct settings_state *s)
{
    form_clear(s);
    if (!secrets_open(t, s, 3))
        return;
    form_add_field(&s->form, "Current", s->secret[0]);
    form_add_field(&s->form, "New", s->secret[1]);
    form_add_field(&s->form, "Again", s->secret[2]);
    s->mode = MODE_PASSPHRASE;
}

static void open_recovery_form(struct tui *t, struct settings_state *s)
{
    form_clear(s);
    if (!secrets_open(t, s, 1))
        return;
    form_add_field(&s->form, "Passphrase", s->secret[0]);
    s->mode = MODE_RECOVERY;
}

static void open_export_form(struct tui *t, struct settings_state *s)
{
    form_clear(s);
    char today[DATE_ISO_SIZE], name[64];
    date_format(app_today(t->app), today);
    snprintf(name, sizeof name, "odaat-export-%s.json", today);
    tui_field_set(&s->text[0], name);
    form_add_field(&s->form, "File", &s->text[0]);
    s->mode = MODE_EXPORT;
}

/* Leaves a form for the view it came from, wiping what was typed. */
static void form_close(struct settings_state *s)
{
    enum settings_mode back = MODE_LIST;
    if (s->mode == MODE_TRACKER_FORM || s->mode == MODE_RENAME)
        back = MODE_TRACKERS;
    else if (s->mode == MODE_RUNG_FORM)
        back = MODE_LADDER;
    form_clear(s);
    secrets_free(s);
    s->mode = back;
}

/* ---- Changes ------------------------------------------------------------------------------ */

static unsigned change_program(struct tui *t, struct settings_state *s, int step)
{
    size_t n = app_program_count(), at = program_index(s->program);
    at = at >= n ? 0 : (at + n + (size_t)(step > 0 ? 1 : n - 1)) % n;
    const char *id = app_program_id(at);
    enum odaat_err err = app_setting_set(t->app, "program", id);
    if (err != ODAAT_OK) {
        tui_error(t, "Could not change the programme", err);
        return TUI_REDRAW;
    }
    tui_message(t, "Programme: %s. The steps and new meetings follow it.", app_program_name(id));
    return TUI_CHANGED | TUI_REDRAW;
}

static unsigned change_number(struct tui *t, struct settings_state *s, const char *key, int step)
{
    bool boundary = strcmp(key, "day_boundary_hour") == 0;
    int lo = boundary ? 0 : 1, hi = boundary ? ODAAT_BOUNDARY_MAX : 1440;
    int value = (boundary ? s->boundary : s->idle) + step;
    if (value < lo || value > hi) {
        tui_message(t,
                    boundary ? "The day boundary runs from 00:00 to %02d:00."
                             : "The idle lock runs from 1 to %d minutes.",
                    hi);
        return TUI_REDRAW;
    }
    char text[16];
    snprintf(text, sizeof text, "%d", value);
    enum odaat_err err = app_setting_set(t->app, key, text);
    if (err != ODAAT_OK) {
        tui_error(t, "Could not change the setting", err);
        return TUI_REDRAW;
    }
    if (boundary) {
        tui_message(t, "A new day will start at %02d:00, from the next time you unlock.", value);
    } else {
        /* The loop locks by this at once, not only from the next unlock. */
        t->idle_lock_minutes = value;
        tui_message(t, "odaat locks after %d minute%s without a key.", value,
                    value == 1 ? "" : "s");
    }
    return TUI_CHANGED | TUI_REDRAW;
}

static unsigned change_date_is(struct tui *t, struct settings_state *s, size_t i)
{
    const struct tracker *tr = active_tracker(s, i);
    if (tr == NULL)
        return TUI_REDRAW;
    enum milestone_date_is to = tr->date_is == MILESTONE_FIRST_CLEAN_DAY
                                    ? MILESTONE_LAST_USE_DAY
                                    : MILESTONE_FIRST_CLEAN_DAY;
    enum odaat_err err = app_tracker_set_date_is(t->app, tr->name, to);
    if (err == ODAAT_ERR_INVALID) {
        message_error(t, "Not possible: the count would start after today, or on an earlier "
                         "day of use.");
        return TUI_REDRAW;
    }
    if (err != ODAAT_OK) {
        tui_error(t, "Could not change what the date means", err);
        return TUI_REDRAW;
    }
    tui_message(t, to == MILESTONE_LAST_USE_DAY
                       ? "The date is now your last day of use: the count starts the day after."
                       : "The date is now your first clean day: the count starts on it.");
    return TUI_CHANGED | TUI_REDRAW;
}

static unsigned list_enter(struct tui *t, struct settings_state *s, int action)
{
    if (s->row_count == 0)
        return TUI_REDRAW;
    const struct settings_row *row = &s->rows[s->cursor];
    int step = action == SET_LEFT ? -1 : 1;
    switch (row->kind) {
    case ROW_PROGRAM:
        return change_program(t, s, step);
    case ROW_BOUNDARY:
        if (action == SET_ENTER)
            break;
        return change_number(t, s, "day_boundary_hour", step);
    case ROW_IDLE:
        if (action == SET_ENTER)
            break;
        return change_number(t, s, "idle_lock_minutes", step);
    case ROW_DATE_IS:
        return change_date_is(t, s, row->tracker);
    default:
        if (action != SET_ENTER)
            return TUI_REDRAW;
        break;
    }
    switch (row->kind) {
    case ROW_BOUNDARY:
    case ROW_IDLE:
        tui_message(t, "←/→ change it.");
        return TUI_REDRAW;
    case ROW_TRACKERS:
        s->mode = MODE_TRACKERS;
        return TUI_REDRAW;
    case ROW_LADDER:
        if (active_tracker(s, row->tracker) == NULL)
            return TUI_REDRAW;
        s->tracker_id = active_tracker(s, row->tracker)->meta.id;
        s->rung_cursor = 0;
        s->mode = MODE_LADDER;
        return TUI_REDRAW;
    case ROW_PASSPHRASE:
        if (is_demo(t))
            tui_message(t, "Not in the demo: the demo has no passphrase.");
        else
            open_passphrase_form(t, s);
        return TUI_REDRAW;
    case ROW_RECOVERY:
        if (is_demo(t))
            tui_message(t, "Not in the demo: the demo has no recovery code.");
        else
            open_recovery_form(t, s);
        return TUI_REDRAW;
    case ROW_EXPORT:
        if (is_demo(t))
            tui_message(t, "Not in the demo: the demo writes no files.");
        else
            open_export_form(t, s);
        return TUI_REDRAW;
    default:
        return TUI_REDRAW;
    }
}

static unsigned submit_tracker(struct tui *t, struct settings_state *s)
{
    const char *name = s->text[0].text;
    if (blank(name)) {
        message_error(t, "Give the tracker a name, like \"alcohol\" or \"gambling\".");
        s->form.focus = 0;
        return TUI_REDRAW;
    }
    const char *preset = preset_ids[s->form.chosen[3]];
    enum milestone_date_is date_is =
        s->form.chosen[2] == 0 ? MILESTONE_FIRST_CLEAN_DAY : MILESTONE_LAST_USE_DAY;
    enum odaat_err err = app_tracker_add(t->app, name, s->text[1].text, date_is, preset);
    if (err != ODAAT_OK) {
        tui_error(t, "Could not add the tracker", err);
        return TUI_REDRAW;
    }
    tui_message(t, "Added %s. Every day counts.", name);
    snprintf(s->select_name, sizeof s->select_name, "%s", name);
    form_close(s);
    return TUI_CHANGED | TUI_REDRAW;
}

static unsigned submit_rename(struct tui *t, struct settings_state *s)
{
    const struct tracker *tr = active_tracker(s, s->tracker_cursor);
    const char *name = s->text[0].text;
    if (tr == NULL) {
        form_close(s);
        return TUI_REDRAW;
    }
    if (blank(name)) {
        message_error(t, "A tracker needs a name.");
        return TUI_REDRAW;
    }
    enum odaat_err err = app_tracker_rename(t->app, tr->name, name);
    if (err != ODAAT_OK) {
        tui_error(t, "Could not rename the tracker", err);
        return TUI_REDRAW;
    }
    tui_message(t, "Renamed to %s.", name);
    snprintf(s->select_name, sizeof s->select_name, "%s", name);
    form_close(s);
    return TUI_CHANGED | TUI_REDRAW;
}

static unsigned submit_rung(struct tui *t, struct settings_state *s)
{
    long i = ladder_tracker(s);
    const struct tracker *tr = i >= 0 ? active_tracker(s, (size_t)i) : NULL;
    if (tr == NULL) {
        form_close(s);
        return TUI_REDRAW;
    }
    char *end = NULL;
    long count = strtol(s->text[0].text, &end, 10);
    if (s->text[0].len == 0 || *end != '\0' || s->text[0].text[0] < '0' ||
        s->text[0].text[0] > '9' || count > 100000) {
        message_error(t, "The count is a whole number, like 45.");
        s->form.focus = 0;
        return TUI_REDRAW;
    }
    enum milestone_unit unit = MILESTONE_DAYS;
    app_ladder_unit_parse(unit_words[s->form.chosen[1]], &unit);
    const char *label = blank(s->text[1].text) ? NULL : s->text[1].text;
    enum odaat_err err = app_ladder_add(t->app, tr->name, unit, (int32_t)count, label);
    if (err != ODAAT_OK) {
        tui_error(t, "Could not add the rung", err);
        return TUI_REDRAW;
    }
    tui_message(t, "Added %ld %s.", count, unit_words[s->form.chosen[1]]);
    form_close(s);
    return TUI_CHANGED | TUI_REDRAW;
}

/* The slow part of a passphrase change, run by the loop after "a moment" is drawn. */
static unsigned passphrase_work(struct tui *t)
{
    struct settings_state *s = t->states[TUI_SCREEN_SETTINGS];
    if (s == NULL || s->secret[2] == NULL || t->app == NULL)
        return TUI_REDRAW;
    s->working = false;
    enum odaat_err err = app_passphrase_change(t->app, s->secret[0]->text, s->secret[0]->len,
                                               s->secret[1]->text, s->secret[1]->len);
    if (err == ODAAT_ERR_WRONG_PASSPHRASE) {
        tui_field_clear(s->secret[0]);
        s->form.focus = 0;
        message_error(t, "That is not the current passphrase. Nothing was changed.");
        return TUI_REDRAW;
    }
    form_close(s);
    if (err != ODAAT_OK)
        tui_error(t, "Could not change the passphrase", err);
    else
        tui_message(t, "Your passphrase is changed. Your recovery code stays the same.");
    return TUI_REDRAW;
}

static unsigned submit_passphrase(struct tui *t, struct settings_state *s)
{
    struct tui_field **f = s->secret;
    if (f[0]->len == 0 || f[1]->len == 0) {
        s->form.focus = f[0]->len == 0 ? 0 : 1;
        message_error(t, f[0]->len == 0 ? "Type your current passphrase first."
                                        : "Type a new passphrase.");
        return TUI_REDRAW;
    }
    if (f[1]->len != f[2]->len || !crypto_equal(f[1]->text, f[2]->text, f[1]->len)) {
        tui_field_clear(f[1]);
        tui_field_clear(f[2]);
        s->form.focus = 1;
        message_error(t, "The two new passphrases differ. Please type them again.");
        return TUI_REDRAW;
    }
    s->working = true;
    t->pending = passphrase_work;
    return TUI_REDRAW;
}

/* The slow part of a new recovery code: the passphrase is checked and a new key seals all. */
static unsigned recovery_work(struct tui *t)
{
    struct settings_state *s = t->states[TUI_SCREEN_SETTINGS];
    if (s == NULL || s->secret[0] == NULL || t->app == NULL)
        return TUI_REDRAW;
    s->working = false;
    s->code = crypto_secure_alloc(CRYPTO_RECOVERY_TEXT_SIZE);
    enum odaat_err err = s->code == NULL ? ODAAT_ERR_NOMEM
                                         : app_recovery_renew(t->app, s->secret[0]->text,
                                                              s->secret[0]->len, s->code);
    if (err == ODAAT_ERR_WRONG_PASSPHRASE) {
        crypto_secure_free(s->code);
        s->code = NULL;
        tui_field_clear(s->secret[0]);
        message_error(t, "That is not your passphrase. Nothing was changed.");
        return TUI_REDRAW;
    }
    if (err != ODAAT_OK) {
        form_close(s);
        tui_error(t, "Could not make a new recovery code", err);
        return TUI_REDRAW;
    }
    /* Only the code stays in memory, until the person says it is written down. */
    char *code = s->code;
    s->code = NULL;
    form_close(s);
    s->code = code;
    s->mode = MODE_RECOVERY_SHOW;
    return TUI_REDRAW;
}

static unsigned submit_recovery(struct tui *t, struct settings_state *s)
{
    if (s->secret[0]->len == 0) {
        message_error(t, "Type your passphrase first.");
        return TUI_REDRAW;
    }
    s->working = true;
    t->pending = recovery_work;
    return TUI_REDRAW;
}

static unsigned submit_export(struct tui *t, struct settings_state *s)
{
    if (blank(s->text[0].text)) {
        message_error(t, "Type a file name.");
        return TUI_REDRAW;
    }
    s->ask = ASK_EXPORT;
    return TUI_REDRAW;
}

static unsigned form_submit(struct tui *t, struct settings_state *s)
{
    switch (s->mode) {
    case MODE_TRACKER_FORM:
        return submit_tracker(t, s);
    case MODE_RENAME:
        return submit_rename(t, s);
    case MODE_RUNG_FORM:
        return submit_rung(t, s);
    case MODE_PASSPHRASE:
        return submit_passphrase(t, s);
    case MODE_RECOVERY:
        return submit_recovery(t, s);
    case MODE_EXPORT:
        return submit_export(t, s);
    default:
        return TUI_REDRAW;
    }
}

static unsigned form_key(struct tui *t, struct settings_state *s, struct tui_key key)
{
    struct settings_form *f = &s->form;
    struct tui_field *field = f->count > 0 ? f->fields[f->focus] : NULL;
    int action = tui_binding_find(form_bindings, COUNT_OF(form_bindings), key);
    /* In a text field ←/→ move the cursor; on a choice they choose. */
    if (field != NULL && (action == SET_LEFT || action == SET_RIGHT))
        action = -1;
    switch (action) {
    case SET_NEXT_FIELD:
        if (f->count > 0)
            f->focus = (f->focus + 1) % f->count;
        return TUI_REDRAW;
    case SET_PREV_FIELD:
        if (f->count > 0)
            f->focus = (f->focus + f->count - 1) % f->count;
        return TUI_REDRAW;
    case SET_RIGHT:
    case SET_LEFT: {
        size_t n = f->choice_counts[f->focus];
        if (n > 0)
            f->chosen[f->focus] = (f->chosen[f->focus] + (action == SET_RIGHT ? 1 : n - 1)) % n;
        return TUI_REDRAW;
    }
    case SET_ENTER:
        if (f->focus + 1 < f->count) {
            f->focus++;
            return TUI_REDRAW;
        }
        return form_submit(t, s);
    case SET_SAVE:
        return form_submit(t, s);
    case SET_BACK:
        form_close(s);
        return TUI_REDRAW;
    default:
        break;
    }
    if (field != NULL && tui_field_key(field, key))
        return TUI_REDRAW;
    /* Every other key stays in the form: a q typed by mistake must not quit. */
    return TUI_NONE;
}

/* ---- Export ------------------------------------------------------------------------------- */

/* Writes the export to path, which must not exist yet (O_EXCL: never over a file). On an
 * error *sys is the errno, or 0 when the app failed (err). */
static enum odaat_err export_write(struct tui *t, const char *path, int *sys)
{
    *sys = 0;
    char *text = NULL;
    enum odaat_err err = app_export(t->app, APP_EXPORT_JSON, &text);
    if (err != ODAAT_OK)
        return err;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        *sys = errno;
        app_text_free(text);
        return ODAAT_ERR_IO;
    }
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t n = write(fd, text + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *sys = n < 0 ? errno : EIO;
            break;
        }
        done += (size_t)n;
    }
    if (*sys == 0 && fsync(fd) != 0)
        *sys = errno;
    if (close(fd) != 0 && *sys == 0)
        *sys = errno;
    app_text_free(text);
    if (*sys != 0) {
        /* Half a file of someone's journal helps nobody: take it away again. */
        unlink(path);
        return ODAAT_ERR_IO;
    }
    return ODAAT_OK;
}

static unsigned export_now(struct tui *t, struct settings_state *s)
{
    char path[TUI_FIELD_MAX];
    snprintf(path, sizeof path, "%s", s->text[0].text);
    int sys = 0;
    enum odaat_err err = export_write(t, path, &sys);
    if (err == ODAAT_OK) {
        form_close(s);
        tui_message(t, "Wrote %.60s. It is not encrypted: delete it when done.", path);
        return TUI_REDRAW;
    }
    if (sys == EEXIST)
        tui_message(t, "There is already a file called %.60s. Nothing was written.", path);
    else if (sys != 0)
        tui_message(t, "Could not write %.60s: %s", path, strerror(sys));
    else
        tui_error(t, "Could not export", err);
    t->message_error = true;
    return TUI_REDRAW;
}

/* ---- Questions ---------------------------------------------------------------------------- */

static unsigned question_key(struct tui *t, struct settings_state *s, struct tui_key key)
{
    int action = tui_binding_find(confirm_bindings, COUNT_OF(confirm_bindings), key);
    enum settings_question ask = s->ask;
    s->ask = ASK_NONE;
    if (action != SET_YES)
        return TUI_REDRAW;
    enum odaat_err err = ODAAT_OK;
    const struct tracker *tr = NULL;
    long i = ladder_tracker(s);
    switch (ask) {
    case ASK_ARCHIVE:
        tr = active_tracker(s, s->tracker_cursor);
        if (tr == NULL)
            return TUI_REDRAW;
        err = app_tracker_archive(t->app, tr->name);
        if (err != ODAAT_OK) {
            tui_error(t, "Could not archive the tracker", err);
            return TUI_REDRAW;
        }
        tui_message(t, "Archived. Its history is kept.");
        return TUI_CHANGED | TUI_REDRAW;
    case ASK_RUNG_REMOVE:
    case ASK_LADDER_RESET:
        if (i < 0)
            return TUI_REDRAW;
        tr = active_tracker(s, (size_t)i);
        if (tr == NULL)
            return TUI_REDRAW;
        if (ask == ASK_LADDER_RESET) {
            err = app_ladder_reset(t->app, tr->name);
        } else if (s->rung_cursor < s->ladders[i].count) {
            const struct app_rung *r = &s->ladders[i].rungs[s->rung_cursor];
            err = app_ladder_remove(t->app, tr->name, r->unit, r->count);
        }
        if (err != ODAAT_OK) {
            tui_error(t, "Could not change the ladder", err);
            return TUI_REDRAW;
        }
        tui_message(t, ask == ASK_LADDER_RESET ? "The ladder is the preset's again."
                                               : "The rung is removed.");
        return TUI_CHANGED | TUI_REDRAW;
    case ASK_EXPORT:
        return export_now(t, s);
    default:
        return TUI_REDRAW;
    }
}

/* ---- Keys --------------------------------------------------------------------------------- */

static unsigned trackers_key(struct tui *t, struct settings_state *s, struct tui_key key)
{
    int action = tui_binding_find(trackers_bindings, COUNT_OF(trackers_bindings), key);
    if (list_move(t, s, action))
        return TUI_REDRAW;
    switch (action) {
    case SET_ADD:
        open_tracker_form(t, s);
        return TUI_REDRAW;
    case SET_RENAME:
        open_rename_form(s);
        return TUI_REDRAW;
    case SET_ARCHIVE:
        if (s->active_count > 0)
            s->ask = ASK_ARCHIVE;
        return TUI_REDRAW;
    case SET_BACK:
        s->mode = MODE_LIST;
        return TUI_REDRAW;
    default:
        return TUI_UNHANDLED;
    }
}

static unsigned ladder_key(struct tui *t, struct settings_state *s, struct tui_key key)
{
    int action = tui_binding_find(ladder_bindings, COUNT_OF(ladder_bindings), key);
    if (list_move(t, s, action))
        return TUI_REDRAW;
    switch (action) {
    case SET_ADD:
        open_rung_form(s);
        return TUI_REDRAW;
    case SET_REMOVE:
        if (list_count(s) > 0)
            s->ask = ASK_RUNG_REMOVE;
        return TUI_REDRAW;
    case SET_RESET:
        s->ask = ASK_LADDER_RESET;
        return TUI_REDRAW;
    case SET_BACK:
        s->mode = MODE_LIST;
        return TUI_REDRAW;
    default:
        return TUI_UNHANDLED;
    }
}

static unsigned code_key(struct tui *t, struct settings_state *s, struct tui_key key)
{
    if (tui_binding_find(code_bindings, COUNT_OF(code_bindings), key) != SET_YES) {
        tui_message(t, "Take your time. The code stays here until you press y.");
        return TUI_REDRAW;
    }
    crypto_secure_free(s->code);
    s->code = NULL;
    s->mode = MODE_LIST;
    tui_message(t, "Keep it somewhere safe. The old code no longer opens the store.");
    return TUI_REDRAW;
}

static unsigned settings_key(struct tui *t, void *state, struct tui_key key)
{
    struct settings_state *s = state;
    if (s->working)
        return TUI_NONE;
    if (s->ask != ASK_NONE)
        return question_key(t, s, key);
    switch (s->mode) {
    case MODE_TRACKERS:
        return trackers_key(t, s, key);
    case MODE_LADDER:
        return ladder_key(t, s, key);
    case MODE_RECOVERY_SHOW:
        return code_key(t, s, key);
    case MODE_LIST:
        break;
    default:
        return form_key(t, s, key);
    }
    int action = tui_binding_find(settings_bindings, COUNT_OF(settings_bindings), key);
    if (list_move(t, s, action))
        return TUI_REDRAW;
    if (action == SET_ENTER || action == SET_LEFT || action == SET_RIGHT)
        return list_enter(t, s, action);
    return TUI_UNHANDLED;
}

static bool settings_typing(const void *state)
{
    const struct settings_state *s = state;
    return s->working || s->ask != ASK_NONE ||
           (s->mode != MODE_LIST && s->mode != MODE_TRACKERS && s->mode != MODE_LADDER);
}

static const struct tui_binding *settings_mode_bindings(const void *state, size_t *count)
{
    const struct settings_state *s = state;
#define RETURN_TABLE(table)                                                                        \
    do {                                                                                           \
        *count = COUNT_OF(table);                                                                  \
        return table;                                                                              \
    } while (0)
    if (s->working)
        RETURN_TABLE(working_bindings);
    if (s->ask != ASK_NONE)
        RETURN_TABLE(confirm_bindings);
    switch (s->mode) {
    case MODE_LIST:
        return NULL;
    case MODE_TRACKERS:
        RETURN_TABLE(trackers_bindings);
    case MODE_LADDER:
        RETURN_TABLE(ladder_bindings);
    case MODE_RECOVERY_SHOW:
        RETURN_TABLE(code_bindings);
    case MODE_TRACKER_FORM:
    case MODE_RUNG_FORM:
        RETURN_TABLE(form_bindings);
    default:
        RETURN_TABLE(text_form_bindings);
    }
#undef RETURN_TABLE
}

/* ---- Drawing ------------------------------------------------------------------------------ */

/* The value a row shows on the right, and a line about it under the list. */
static void row_text(const struct tui *t, const struct settings_state *s,
                     const struct settings_row *row, char *value, size_t size, const char **about)
{
    const struct tracker *tr = active_tracker(s, row->tracker);
    bool demo = t->demo || app_is_demo(t->app);
    switch (row->kind) {
    case ROW_PROGRAM: {
        const char *name = app_program_name(s->program);
        snprintf(value, size, "%s", name != NULL ? name : "not set");
        *about = "The steps on 5 Steps, and the fellowship of new meetings, follow it.";
        break;
    }
    case ROW_BOUNDARY:
        snprintf(value, size, "%02d:00%s", s->boundary, s->boundary == 0 ? " (midnight)" : "");
        *about = "Until this hour it is still yesterday. Takes effect from the next unlock.";
        break;
    case ROW_IDLE:
        snprintf(value, size, "after %d minute%s", s->idle, s->idle == 1 ? "" : "s");
        *about = "With no key for this long, odaat locks and wipes what it showed.";
        break;
    case ROW_TRACKERS: {
        size_t used = 0;
        value[0] = '\0';
        for (size_t i = 0; i < s->active_count && used + 4 < size; i++)
            used += (size_t)snprintf(value + used, size - used, "%s%s", i ? ", " : "",
                                     active_tracker(s, i)->name);
        if (s->active_count == 0)
            snprintf(value, size, "none yet");
        *about = "What you are staying away from. Enter to add, rename or archive.";
        break;
    }
    case ROW_DATE_IS:
        snprintf(value, size, "%s: %s", tr->name, date_is_words[tr->date_is ? 1 : 0]);
        *about = "Last day of use: you used that day, so the count starts the day after it.";
        break;
    case ROW_LADDER: {
        const struct app_ladder *l = &s->ladders[row->tracker];
        char whose[32];
        snprintf(whose, sizeof whose, l->custom ? "your own" : "the %s preset",
                 preset_word(tr->preset));
        if (l->count == 0)
            snprintf(value, size, "%s: no milestones", tr->name);
        else
            snprintf(value, size, "%s: %s, %zu rung%s", tr->name, whose, l->count,
                     l->count == 1 ? "" : "s");
        *about = "The milestones counted for this tracker. Enter to add or remove them.";
        break;
    }
    case ROW_PASSPHRASE:
        snprintf(value, size, "%s", demo ? "not in the demo" : "change it");
        *about = "Asks for the current one first. Your recovery code stays the same.";
        break;
    case ROW_RECOVERY:
        snprintf(value, size, "%s", demo ? "not in the demo" : "make a new one");
        *about = "If the code may have been seen. The old code and the backups stop working.";
        break;
    case ROW_EXPORT:
        snprintf(value, size, "%s", demo ? "not in the demo" : "a JSON file, not encrypted");
        *about = "Everything in one file, for a new computer or a safe copy. Not encrypted.";
        break;
    }
}

static const char *row_label(enum row_kind kind)
{
    static const char *const labels[] = {
        [ROW_PROGRAM] = "Programme",     [ROW_BOUNDARY] = "Day boundary",  [ROW_IDLE] = "Idle lock",
        [ROW_TRACKERS] = "Trackers",     [ROW_DATE_IS] = "Date meaning",   [ROW_LADDER] = "Ladder",
        [ROW_PASSPHRASE] = "Passphrase", [ROW_RECOVERY] = "Recovery code", [ROW_EXPORT] = "Export",
    };
    return labels[kind];
}

static const char *row_hint(enum row_kind kind)
{
    switch (kind) {
    case ROW_PROGRAM:
    case ROW_BOUNDARY:
    case ROW_IDLE:
    case ROW_DATE_IS:
        return "←/→";
    default:
        return "Enter";
    }
}

/* Keeps the cursor of a list of count rows in the window of rows shown (the three lists share
 * one scroll) and returns the first row shown. */
static size_t window_top(size_t cursor, size_t *top, int rows, size_t count)
{
    *top = widget_list_top(cursor, *top, rows > 0 ? (size_t)rows : 1, count);
    return *top;
}

static void draw_pointer(struct tui *t, int y, bool here)
{
    if (here)
        draw_text(y, 2, 1, TUI_ROLE_ACCENT, tui_glyphs(t)->pointer);
}

static void draw_more(struct tui *t, int y_top, int y_bottom, size_t top, size_t shown,
                      size_t count)
{
    if (top > 0)
        draw_text(y_top, t->cols - 14, 12, TUI_ROLE_MUTED, "more above");
    if (top + shown < count)
        draw_text(y_bottom, t->cols - 14, 12, TUI_ROLE_MUTED, "more below");
}

static void draw_list(struct tui *t, struct settings_state *s)
{
    int y = t->body_top;
    draw_text(y, 2, -1, TUI_ROLE_TITLE, "Settings");
    int rows = list_rows(t);
    size_t top = window_top(s->cursor, &s->top, rows, s->row_count), shown = 0;
    const char *about = "";
    char value[160], fitted[160];
    for (size_t r = top; r < s->row_count && shown < (size_t)rows; r++, shown++) {
        int ry = y + 2 + (int)shown;
        bool here = r == s->cursor;
        const char *line_about = "";
        row_text(t, s, &s->rows[r], value, sizeof value, &line_about);
        if (here)
            about = line_about;
        draw_pointer(t, ry, here);
        draw_text(ry, 4, 16, here ? TUI_ROLE_SELECTED : TUI_ROLE_NORMAL,
                  row_label(s->rows[r].kind));
        tui_fit(fitted, sizeof fitted, value, (size_t)(t->cols - 32), t->utf8);
        draw_text(ry, 22, t->cols - 32, TUI_ROLE_ACCENT, fitted);
        if (here)
            draw_text(ry, t->cols - 8, 6, TUI_ROLE_MUTED, row_hint(s->rows[r].kind));
    }
    draw_more(t, y, y + 2 + rows, top, shown, s->row_count);
    draw_text(t->body_top + t->body_rows - 2, 2, t->cols - 4, TUI_ROLE_MUTED, about);
}

static void draw_trackers(struct tui *t, struct settings_state *s)
{
    int y = t->body_top;
    draw_text(y, 2, -1, TUI_ROLE_TITLE, "Trackers");
    if (s->active_count == 0)
        draw_text(y + 2, 4, -1, TUI_ROLE_MUTED, "No tracker yet. Press a to add one.");
    int rows = list_rows(t);
    size_t top = window_top(s->tracker_cursor, &s->top, rows, s->active_count), shown = 0;
    for (size_t i = top; i < s->active_count && shown < (size_t)rows; i++, shown++) {
        const struct tracker *tr = active_tracker(s, i);
        int ry = y + 2 + (int)shown;
        bool here = i == s->tracker_cursor;
        char fitted[64];
        draw_pointer(t, ry, here);
        tui_fit(fitted, sizeof fitted, tr->name, 24, t->utf8);
        draw_text(ry, 4, 24, here ? TUI_ROLE_SELECTED : TUI_ROLE_TITLE, fitted);
        draw_printf(ry, 30, t->cols - 32, TUI_ROLE_MUTED, "the date is the %s %s %s milestones",
                    date_is_words[tr->date_is ? 1 : 0], tui_glyphs(t)->dot,
                    preset_word(tr->preset));
    }
    draw_more(t, y, y + 2 + rows, top, shown, s->active_count);
    draw_text(t->body_top + t->body_rows - 2, 2, t->cols - 4, TUI_ROLE_MUTED,
              "Archiving keeps a tracker's history; it only leaves Today.");
}

static void draw_ladder(struct tui *t, struct settings_state *s)
{
    int y = t->body_top;
    long i = ladder_tracker(s);
    if (i < 0)
        return;
    const struct tracker *tr = active_tracker(s, (size_t)i);
    if (tr == NULL)
        return;
    const struct app_ladder *l = &s->ladders[i];
    char name[48];
    tui_fit(name, sizeof name, tr->name, 40, t->utf8);
    draw_printf(y, 2, -1, TUI_ROLE_TITLE, "Ladder for %s %s %s", name, tui_glyphs(t)->dot,
                l->custom ? "your own" : "the preset");
    if (l->count == 0)
        draw_text(y + 2, 4, -1, TUI_ROLE_MUTED,
                  "No milestones: the day count is shown. Press a to add one.");
    int rows = list_rows(t);
    size_t top = window_top(s->rung_cursor, &s->top, rows, l->count), shown = 0;
    for (size_t k = top; k < l->count && shown < (size_t)rows; k++, shown++) {
        const struct app_rung *r = &l->rungs[k];
        int ry = y + 2 + (int)shown;
        bool here = k == s->rung_cursor;
        draw_pointer(t, ry, here);
        draw_text(ry, 4, 30, here ? TUI_ROLE_SELECTED : TUI_ROLE_NORMAL, r->label);
        /* "1 day", "18 months": the unit's name loses its s for one. */
        const char *unit = milestone_unit_name(r->unit);
        int len = (int)strlen(unit) - (r->count == 1 ? 1 : 0);
        draw_printf(ry, 36, -1, TUI_ROLE_MUTED, "%d %.*s", (int)r->count, len, unit);
    }
    draw_more(t, y, y + 2 + rows, top, shown, l->count);
    draw_text(t->body_top + t->body_rows - 2, 2, t->cols - 4, TUI_ROLE_MUTED,
              "An edited ladder keeps the preset's \"then every year\" after its last rung.");
}

static void draw_form(struct tui *t, struct settings_state *s, const char *title,
                      const char *const *intro, size_t intro_count)
{
    int y = t->body_top;
    draw_text(y, 2, -1, TUI_ROLE_TITLE, title);
    y += 2;
    for (size_t i = 0; i < intro_count; i++)
        draw_text(y++, 2, t->cols - 4, TUI_ROLE_NORMAL, intro[i]);
    if (intro_count > 0)
        y++;
    const struct settings_form *f = &s->form;
    for (size_t i = 0; i < f->count; i++) {
        bool focused = i == f->focus;
        draw_text(y, 2, 14, focused ? TUI_ROLE_ACCENT : TUI_ROLE_MUTED, f->labels[i]);
        if (f->fields[i] != NULL) {
            tui_field_draw(t, f->fields[i], y, 17, t->cols - 19, focused);
        } else {
            int x = 17;
            for (size_t c = 0; c < f->choice_counts[i]; c++) {
                bool on = c == f->chosen[i];
                char word[40];
                snprintf(word, sizeof word, on ? "[%s]" : " %s ", f->choices[i][c]);
                x +=
                    draw_text(y, x, -1,
                              on ? (focused ? TUI_ROLE_SELECTED : TUI_ROLE_TITLE) : TUI_ROLE_NORMAL,
                              word) +
                    1;
            }
        }
        y++;
        /* Under a new passphrase: how strong it is, as it is typed. */
        if (s->mode == MODE_PASSPHRASE && i == 1)
            draw_text(y, 17, -1, TUI_ROLE_MUTED,
                      app_passphrase_hint(f->fields[1]->text, f->fields[1]->len));
        y++;
    }
}

static void draw_question(struct tui *t, struct settings_state *s)
{
    char line[160], name[64];
    const char *lines[4];
    size_t n = 0;
    const char *title = "";
    long i = ladder_tracker(s);
    switch (s->ask) {
    case ASK_ARCHIVE: {
        const struct tracker *tr = active_tracker(s, s->tracker_cursor);
        tui_fit(name, sizeof name, tr != NULL ? tr->name : "", 40, t->utf8);
        snprintf(line, sizeof line, "Archive %s?", name);
        title = "Archive";
        lines[n++] = line;
        lines[n++] = "It leaves Today. Its history is kept, and in exports.";
        break;
    }
    case ASK_RUNG_REMOVE:
        if (i >= 0 && s->rung_cursor < s->ladders[i].count)
            snprintf(line, sizeof line, "Remove the rung \"%s\"?",
                     s->ladders[i].rungs[s->rung_cursor].label);
        else
            snprintf(line, sizeof line, "Remove the rung?");
        title = "Remove";
        lines[n++] = line;
        break;
    case ASK_LADDER_RESET:
        title = "Back to the preset";
        lines[n++] = "Go back to the preset's milestones?";
        lines[n++] = "Rungs you added or removed are forgotten.";
        break;
    case ASK_EXPORT:
        tui_fit(name, sizeof name, s->text[0].text, 50, t->utf8);
        snprintf(line, sizeof line, "Write %s?", name);
        title = "Export";
        lines[n++] = line;
        lines[n++] = "The file is NOT encrypted: anyone who can open it can read it all.";
        break;
    default:
        return;
    }
    lines[n++] = "";
    lines[n++] = "y  yes      n  no";
    draw_dialog(t, title, lines, n);
}

static void settings_draw(struct tui *t, void *state)
{
    struct settings_state *s = state;
    static const char *const passphrase_intro[] = {
        "From now on the new passphrase opens the store. The recovery code stays.",
        "A few words together make a passphrase strong and easy to remember.",
    };
    static const char *const recovery_intro[] = {
        "A new recovery code replaces the old one, which stops opening the store.",
        "The backups are removed too, because the old code and passphrase open them.",
        "Your passphrase stays the same. Type it to go on.",
    };
    static const char *const export_intro[] = {
        "Everything in one JSON file, which `odaat import` reads back.",
        "This file is NOT encrypted: anyone who can open it can read your journal.",
        "It is written in the folder odaat was started from, unless you give a path.",
    };
    if (s->working) {
        draw_center(t->body_top + t->body_rows / 2, TUI_ROLE_NORMAL,
                    s->mode == MODE_PASSPHRASE ? "Changing your passphrase…"
                                               : "Making a new recovery code…");
        return;
    }
    switch (s->mode) {
    case MODE_LIST:
        draw_list(t, s);
        break;
    case MODE_TRACKERS:
        draw_trackers(t, s);
        break;
    case MODE_LADDER:
        draw_ladder(t, s);
        break;
    case MODE_TRACKER_FORM:
        draw_form(t, s, "A new tracker", NULL, 0);
        break;
    case MODE_RENAME:
        draw_form(t, s, "Rename the tracker", NULL, 0);
        break;
    case MODE_RUNG_FORM:
        draw_form(t, s, "A new milestone", NULL, 0);
        draw_text(t->body_top + t->body_rows - 2, 2, -1, TUI_ROLE_MUTED,
                  "For example 45 days, or 18 months. The label is optional.");
        break;
    case MODE_PASSPHRASE:
        draw_form(t, s, "Change the passphrase", passphrase_intro, COUNT_OF(passphrase_intro));
        break;
    case MODE_RECOVERY:
        draw_form(t, s, "A new recovery code", recovery_intro, COUNT_OF(recovery_intro));
        break;
    case MODE_EXPORT:
        draw_form(t, s, "Export", export_intro, COUNT_OF(export_intro));
        break;
    case MODE_RECOVERY_SHOW: {
        int y = t->body_top + 2;
        draw_center(y, TUI_ROLE_TITLE, "Your new recovery code");
        if (s->code != NULL)
            widget_draw_code(t, s->code, y + 2);
        draw_center(y + 6, TUI_ROLE_NORMAL,
                    "Write it down and keep it somewhere safe. It is the only way back in");
        draw_center(y + 7, TUI_ROLE_NORMAL, "if you forget the passphrase. It is shown only now.");
        draw_center(y + 10, TUI_ROLE_ACCENT, "Have you written it down? y");
        break;
    }
    }
    if (s->ask != ASK_NONE)
        draw_question(t, s);
}

const struct tui_screen tui_screen_settings = {
    .title = "Settings",
    .bindings = settings_bindings,
    .binding_count = COUNT_OF(settings_bindings),
    .state_size = sizeof(struct settings_state),
    .load = settings_load,
    .unload = settings_unload,
    .key = settings_key,
    .draw = settings_draw,
    .typing = settings_typing,
    .mode_bindings = settings_mode_bindings,
    .modes = settings_modes,
    .mode_count = COUNT_OF(settings_modes),
};
