/*
 * meetings: the meetings a person went to, newest first and grouped by week (Monday to
 * Sunday), with the 7, 30 and 90-day counts and, while it runs, 90 meetings in 90 days on
 * top. One form adds and edits a meeting (the date defaults to today and the fellowship to
 * the programme's); a dialog asks before one is deleted. Only the last two years are read, so
 * the screen stays quick after decades of meetings; older ones stay in the store, where
 * `odaat meeting list --from` reaches them. Never calls curses outside the draw functions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/crypto.h"
#include "odaat/date.h"
#include "odaat/store.h"
#include "tui_form.h"
#include "tui_internal.h"
#include "tui_meetings.h"
#include "tui_widgets.h"

/* How far back the list reaches, in days. */
#define MEETINGS_DAYS 730

/* A meeting's note can be longer than a short field: the form holds this much of it. */
#define MEETINGS_NOTE_MAX 1000

enum meetings_action {
    MEETINGS_ADD,
    MEETINGS_EDIT,
    MEETINGS_DELETE,
    MEETINGS_DOWN,
    MEETINGS_UP,
    MEETINGS_PAGE_DOWN,
    MEETINGS_PAGE_UP,
    MEETINGS_FIRST,
    MEETINGS_LAST,
};

enum meetings_form_action {
    MEETINGS_FORM_NEXT,
    MEETINGS_FORM_PREV,
    MEETINGS_FORM_CHOICE_NEXT,
    MEETINGS_FORM_CHOICE_PREV,
    MEETINGS_FORM_SAVE,
    MEETINGS_FORM_ENTER,
    MEETINGS_FORM_CANCEL,
};

enum meetings_answer {
    MEETINGS_YES,
    MEETINGS_NO,
};

/* clang-format off */
static const struct tui_binding meetings_bindings[] = {
    {TUI_CHAR('a'), "a", "log a meeting", MEETINGS_ADD, true, false},
    {TUI_CHAR('e'), "e/Enter", "edit", MEETINGS_EDIT, true, false},
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "", MEETINGS_EDIT, false, true},
    {TUI_CHAR('d'), "d", "delete", MEETINGS_DELETE, true, false},
    {TUI_CHAR('j'), "j/k", "next / previous meeting", MEETINGS_DOWN, false, false},
    {TUI_CHAR('k'), "k", "", MEETINGS_UP, false, true},
    {TUI_CODE(TUI_KEY_DOWN), "↓", "", MEETINGS_DOWN, false, true},
    {TUI_CODE(TUI_KEY_UP), "↑", "", MEETINGS_UP, false, true},
    {TUI_CODE(TUI_KEY_PGDN), "PgUp/PgDn", "a page up / down", MEETINGS_PAGE_DOWN, false, false},
    {TUI_CODE(TUI_KEY_PGUP), "PgUp", "", MEETINGS_PAGE_UP, false, true},
    {TUI_CHAR('g'), "g/G", "newest / oldest meeting", MEETINGS_FIRST, false, false},
    {TUI_CHAR('G'), "G", "", MEETINGS_LAST, false, true},
    {TUI_CODE(TUI_KEY_HOME), "Home", "", MEETINGS_FIRST, false, true},
    {TUI_CODE(TUI_KEY_END), "End", "", MEETINGS_LAST, false, true},
};

static const struct tui_binding meetings_form_bindings[] = {
    {TUI_CODE(TUI_KEY_TAB), "Tab", "next field", MEETINGS_FORM_NEXT, true, false},
    {TUI_CODE(TUI_KEY_BTAB), "Shift-Tab", "previous field", MEETINGS_FORM_PREV, false, false},
    {TUI_CODE(TUI_KEY_DOWN), "↓", "", MEETINGS_FORM_NEXT, false, true},
    {TUI_CODE(TUI_KEY_UP), "↑", "", MEETINGS_FORM_PREV, false, true},
    {TUI_CODE(TUI_KEY_RIGHT), "←/→", "choose", MEETINGS_FORM_CHOICE_NEXT, true, false},
    {TUI_CODE(TUI_KEY_LEFT), "←", "", MEETINGS_FORM_CHOICE_PREV, false, true},
    {TUI_CTRL('s'), "Ctrl-S", "save", MEETINGS_FORM_SAVE, true, false},
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "next field, or save on the last", MEETINGS_FORM_ENTER,
     false, false},
    {TUI_CODE(TUI_KEY_ESC), "Esc", "cancel", MEETINGS_FORM_CANCEL, true, false},
};

static const struct tui_binding meetings_delete_bindings[] = {
    WIDGET_YES_NO("delete the meeting", MEETINGS_YES, "keep it", MEETINGS_NO),
};

static const struct tui_binding meetings_leave_bindings[] = {
    WIDGET_YES_NO("leave without saving", MEETINGS_YES, "keep editing", MEETINGS_NO),
};
/* clang-format on */

#define MEETINGS_COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The modes a person works in, for `odaat keys` (the questions show their keys themselves). */
static const struct tui_mode_keys meetings_modes[] = {
    {"meeting form", meetings_form_bindings, MEETINGS_COUNT_OF(meetings_form_bindings)},
};

static const char *const meetings_field_labels[MEETINGS_FIELD_COUNT] = {
    "Date", "Time", "Fellowship", "Format", "Role", "Name", "Location", "Note",
};

/* One line of help under the form for the field that has the keyboard. */
static const char *const meetings_field_hints[MEETINGS_FIELD_COUNT] = {
    "The day of the meeting, written YYYY-MM-DD.",
    "When it started, written HH:MM (24-hour). Leave it empty if you like.",
    "Your programme's fellowship is filled in; empty it for none.",
    "How you were there: ←/→ to choose.",
    "What you did there: ←/→ to choose.",
    "The meeting's name, as you know it.",
    "Where it was: a hall, a video call, a phone bridge.",
    "Anything to remember: a topic, a share, someone you met.",
};

/* ==== Loading ============================================================================== */

static void meetings_free_list(struct meetings_state *s)
{
    store_meeting_list_free(s->list, s->count);
    s->list = NULL;
    s->count = 0;
    if (s->rows != NULL)
        crypto_wipe(s->rows, s->row_count * sizeof *s->rows);
    free(s->rows);
    s->rows = NULL;
    s->row_count = 0;
}

static void meetings_form_wipe(struct meetings_state *s)
{
    for (int i = 0; i < MEETINGS_FIELD_COUNT; i++) {
        tui_field_clear(&s->form.text[i]);
        tui_field_clear(&s->original.text[i]);
    }
    if (s->kept_note != NULL) {
        crypto_wipe(s->kept_note, strlen(s->kept_note));
        free(s->kept_note);
        s->kept_note = NULL;
    }
}

static void meetings_unload(void *state)
{
    struct meetings_state *s = state;
    meetings_free_list(s);
    meetings_form_wipe(s);
    s->mode = MEETINGS_MODE_LIST;
}

/* The Monday that starts day's week. */
static int32_t meetings_week_of(int32_t day)
{
    return date_add_days(day, 1 - date_weekday(day));
}

/* Groups the meetings by week, newest first, a header row above each week. */
static enum odaat_err meetings_build_rows(struct meetings_state *s)
{
    /* At most one header per meeting, and one row per meeting. */
    s->rows = calloc(s->count * 2 + 1, sizeof *s->rows);
    if (s->rows == NULL)
        return ODAAT_ERR_NOMEM;
    size_t header = 0;
    for (size_t k = s->count; k-- > 0;) {
        int32_t day = 0;
        if (date_parse(s->list[k].date, &day) != ODAAT_OK)
            day = s->today;
        int32_t week = meetings_week_of(day);
        if (s->row_count == 0 || s->rows[header].week != week) {
            header = s->row_count++;
            s->rows[header] = (struct meetings_row){.header = true, .week = week};
        }
        s->rows[header].count++;
        s->rows[s->row_count++] = (struct meetings_row){.week = week, .meeting = k};
    }
    return ODAAT_OK;
}

/* Rows the list has on screen: the body less the counts, two rules and the position line. */
static size_t meetings_list_height(const struct tui *t)
{
    return t->body_rows > 5 ? (size_t)(t->body_rows - 4) : 1;
}

/* Scrolls so the cursor shows, with its week's header when that fits. */
static void meetings_show_cursor(struct meetings_state *s, size_t height)
{
    if (s->row_count <= height) {
        s->top = 0;
        return;
    }
    if (s->cursor < s->top)
        s->top = s->cursor;
    if (s->cursor > 0 && s->rows[s->cursor - 1].header && s->cursor - 1 < s->top)
        s->top = s->cursor - 1;
    if (s->cursor >= s->top + height)
        s->top = s->cursor - height + 1;
    if (s->top > s->row_count - height)
        s->top = s->row_count - height;
}

/* Moves the cursor off a header: to the meeting below it, else the one above. */
static void meetings_snap(struct meetings_state *s)
{
    if (s->row_count == 0) {
        s->cursor = 0;
        return;
    }
    if (s->cursor >= s->row_count)
        s->cursor = s->row_count - 1;
    if (!s->rows[s->cursor].header)
        return;
    if (s->cursor + 1 < s->row_count)
        s->cursor++;
    else if (s->cursor > 0)
        s->cursor--;
}

static enum odaat_err meetings_load(struct tui *t, void *state)
{
    struct meetings_state *s = state;
    int64_t keep = s->select_id;
    if (keep == 0 && s->cursor < s->row_count && !s->rows[s->cursor].header)
        keep = s->list[s->rows[s->cursor].meeting].meta.id;
    meetings_free_list(s);
    s->select_id = 0;
    s->today = app_today(t->app);
    struct app_status status;
    enum odaat_err err = app_status_get(t->app, &status);
    if (err != ODAAT_OK)
        return err;
    s->counts = status.meetings;
    s->ninety_active = status.ninety_active;
    s->ninety = status.ninety;
    app_status_free(&status);
    char from[DATE_ISO_SIZE];
    date_format(date_add_days(s->today, 1 - MEETINGS_DAYS), from);
    err = app_meeting_list(t->app, from, NULL, &s->list, &s->count);
    if (err == ODAAT_OK)
        err = meetings_build_rows(s);
    if (err != ODAAT_OK) {
        meetings_free_list(s);
        return err;
    }
    for (size_t r = 0; keep != 0 && r < s->row_count; r++) {
        if (!s->rows[r].header && s->list[s->rows[r].meeting].meta.id == keep) {
            s->cursor = r;
            break;
        }
    }
    meetings_snap(s);
    meetings_show_cursor(s, meetings_list_height(t));
    return ODAAT_OK;
}

/* ==== The form ============================================================================= */

/* Puts text into a one-line field of at most max bytes, line breaks as spaces. */
static void meetings_field_put(struct tui_field *f, const char *text, size_t max)
{
    f->max = max;
    widget_field_set_line(f, text);
}

/* Opens the form on meeting m, or on a new meeting when m is NULL. */
static unsigned meetings_form_open(struct tui *t, struct meetings_state *s, const struct meeting *m)
{
    meetings_form_wipe(s);
    struct meetings_form *f = &s->form;
    char today[DATE_ISO_SIZE];
    const char *fellowship = NULL;
    if (m == NULL && app_meeting_fellowship_default(t->app, &fellowship) != ODAAT_OK)
        fellowship = NULL; /* no default to show: the person can still type one */
    meetings_field_put(&f->text[MEETINGS_FIELD_DATE],
                       m != NULL ? m->date : date_format(s->today, today), DATE_ISO_SIZE - 1);
    meetings_field_put(&f->text[MEETINGS_FIELD_TIME], m != NULL ? m->time : "",
                       MODEL_TIME_SIZE - 1);
    meetings_field_put(&f->text[MEETINGS_FIELD_FELLOWSHIP], m != NULL ? m->fellowship : fellowship,
                       APP_SHORT_TEXT_MAX);
    meetings_field_put(&f->text[MEETINGS_FIELD_NAME], m != NULL ? m->name : NULL,
                       APP_SHORT_TEXT_MAX);
    meetings_field_put(&f->text[MEETINGS_FIELD_LOCATION], m != NULL ? m->location : NULL,
                       APP_SHORT_TEXT_MAX);
    meetings_field_put(&f->text[MEETINGS_FIELD_NOTE], m != NULL ? m->note : NULL,
                       MEETINGS_NOTE_MAX);
    f->format = m != NULL ? (int)m->format : (int)MEETING_FORMAT_NONE;
    f->role = m != NULL ? (int)m->role : (int)MEETING_ATTENDED;
    s->original = s->form;
    s->editing = m != NULL ? m->meta.id : 0;
    if (m != NULL && m->note != NULL) {
        /* A note written on the command line may hold lines or more than the field: it is
         * saved as it was unless the person edits it. */
        s->kept_note = strdup(m->note);
        if (s->kept_note == NULL) {
            meetings_form_wipe(s);
            tui_error(t, "Could not open the meeting", ODAAT_ERR_NOMEM);
            return TUI_REDRAW;
        }
    }
    s->focus = MEETINGS_FIELD_DATE;
    s->mode = MEETINGS_MODE_FORM;
    return TUI_REDRAW;
}

static bool meetings_form_changed(const struct meetings_state *s)
{
    if (s->form.format != s->original.format || s->form.role != s->original.role)
        return true;
    for (int i = 0; i < MEETINGS_FIELD_COUNT; i++) {
        if (strcmp(s->form.text[i].text, s->original.text[i].text) != 0)
            return true;
    }
    return false;
}

static void meetings_form_close(struct meetings_state *s)
{
    meetings_form_wipe(s);
    s->mode = MEETINGS_MODE_LIST;
}

/* Says why the app refused the meeting and moves to the field at fault; the form keeps
 * everything typed. */
static void meetings_form_refused(struct tui *t, struct meetings_state *s, enum odaat_err err)
{
    int32_t day = 0;
    switch (err) {
    case ODAAT_ERR_DATE_SYNTAX:
    case ODAAT_ERR_DATE_INVALID:
    case ODAAT_ERR_DATE_RANGE:
        s->focus = MEETINGS_FIELD_DATE;
        break;
    case ODAAT_ERR_TIME_SYNTAX:
        s->focus = MEETINGS_FIELD_TIME;
        break;
    case ODAAT_ERR_INVALID:
        if (date_parse(s->form.text[MEETINGS_FIELD_DATE].text, &day) == ODAAT_OK &&
            day > s->today) {
            s->focus = MEETINGS_FIELD_DATE;
            snprintf(t->message, sizeof t->message,
                     "Could not save the meeting: its date is after today");
            t->message_error = true;
            return;
        }
        break;
    default:
        break;
    }
    tui_error(t, "Could not save the meeting", err);
}

static unsigned meetings_form_save(struct tui *t, struct meetings_state *s)
{
    struct meetings_form *f = &s->form;
    struct meeting m = {.meta.id = s->editing,
                        .format = (enum meeting_format)f->format,
                        .role = (enum meeting_role)f->role};
    snprintf(m.date, sizeof m.date, "%.10s", f->text[MEETINGS_FIELD_DATE].text);
    snprintf(m.time, sizeof m.time, "%.5s", f->text[MEETINGS_FIELD_TIME].text);
    m.fellowship = f->text[MEETINGS_FIELD_FELLOWSHIP].text;
    m.name = f->text[MEETINGS_FIELD_NAME].text;
    m.location = f->text[MEETINGS_FIELD_LOCATION].text;
    m.note = f->text[MEETINGS_FIELD_NOTE].text;
    if (s->kept_note != NULL &&
        strcmp(f->text[MEETINGS_FIELD_NOTE].text, s->original.text[MEETINGS_FIELD_NOTE].text) == 0)
        m.note = s->kept_note;
    enum odaat_err err =
        s->editing != 0 ? app_meeting_update(t->app, &m) : app_meeting_add(t->app, &m);
    if (err != ODAAT_OK) {
        meetings_form_refused(t, s, err);
        return TUI_REDRAW;
    }
    tui_message(t, s->editing != 0 ? "Meeting saved." : "Meeting logged.");
    s->select_id = m.meta.id;
    meetings_form_close(s);
    return TUI_CHANGED | TUI_REDRAW;
}

static bool meetings_is_choice(enum meetings_field field)
{
    return field == MEETINGS_FIELD_FORMAT || field == MEETINGS_FIELD_ROLE;
}

/* How many words a choice field offers. */
static int meetings_choice_count(enum meetings_field field)
{
    if (field == MEETINGS_FIELD_FORMAT)
        return MEETING_FORMAT_COUNT;
    return MEETING_ROLE_COUNT;
}

static void meetings_choose(struct meetings_state *s, int step)
{
    int *value = s->focus == MEETINGS_FIELD_FORMAT ? &s->form.format : &s->form.role;
    int count = meetings_choice_count(s->focus);
    *value = (*value + step + count) % count;
}

static unsigned meetings_form_key(struct tui *t, struct meetings_state *s, struct tui_key key)
{
    int action =
        tui_binding_find(meetings_form_bindings, MEETINGS_COUNT_OF(meetings_form_bindings), key);
    bool choice = meetings_is_choice(s->focus);
    /* On a text field the arrows move in the text. */
    if (!choice && (action == MEETINGS_FORM_CHOICE_NEXT || action == MEETINGS_FORM_CHOICE_PREV))
        action = -1;
    switch (action) {
    case MEETINGS_FORM_NEXT:
        s->focus = (enum meetings_field)((s->focus + 1) % MEETINGS_FIELD_COUNT);
        return TUI_REDRAW;
    case MEETINGS_FORM_PREV:
        s->focus =
            (enum meetings_field)((s->focus + MEETINGS_FIELD_COUNT - 1) % MEETINGS_FIELD_COUNT);
        return TUI_REDRAW;
    case MEETINGS_FORM_CHOICE_NEXT:
        meetings_choose(s, 1);
        return TUI_REDRAW;
    case MEETINGS_FORM_CHOICE_PREV:
        meetings_choose(s, -1);
        return TUI_REDRAW;
    case MEETINGS_FORM_SAVE:
        return meetings_form_save(t, s);
    case MEETINGS_FORM_ENTER:
        if (s->focus == MEETINGS_FIELD_COUNT - 1)
            return meetings_form_save(t, s);
        s->focus = (enum meetings_field)(s->focus + 1);
        return TUI_REDRAW;
    case MEETINGS_FORM_CANCEL:
        if (meetings_form_changed(s))
            s->mode = MEETINGS_MODE_LEAVE;
        else
            meetings_form_close(s);
        return TUI_REDRAW;
    default:
        if (!choice && tui_field_key(&s->form.text[s->focus], key))
            return TUI_REDRAW;
        return TUI_NONE; /* the form has the keyboard: no key reaches the tabs */
    }
}

/* ==== The list ============================================================================= */

/* Moves the cursor to row r, or to the first meeting below when r is a week's header (every
 * header has its week's meetings right below it). */
static void meetings_move_to(struct meetings_state *s, size_t r)
{
    if (s->row_count == 0)
        return;
    if (r >= s->row_count)
        r = s->row_count - 1;
    if (s->rows[r].header)
        r++;
    s->cursor = r;
}

static unsigned meetings_list_key(struct tui *t, struct meetings_state *s, struct tui_key key)
{
    size_t page = meetings_list_height(t);
    const struct meeting *m = meetings_current(s);
    switch (tui_binding_find(meetings_bindings, MEETINGS_COUNT_OF(meetings_bindings), key)) {
    case MEETINGS_ADD:
        return meetings_form_open(t, s, NULL);
    case MEETINGS_EDIT:
        if (m == NULL)
            return TUI_NONE;
        return meetings_form_open(t, s, m);
    case MEETINGS_DELETE:
        if (m == NULL)
            return TUI_NONE;
        s->deleting = m->meta.id;
        s->mode = MEETINGS_MODE_DELETE;
        return TUI_REDRAW;
    case MEETINGS_DOWN:
        for (size_t r = s->cursor + 1; r < s->row_count; r++) {
            if (!s->rows[r].header) {
                s->cursor = r;
                break;
            }
        }
        break;
    case MEETINGS_UP:
        for (size_t r = s->cursor; r-- > 0;) {
            if (!s->rows[r].header) {
                s->cursor = r;
                break;
            }
        }
        break;
    case MEETINGS_PAGE_DOWN:
        meetings_move_to(s, s->cursor + page);
        break;
    case MEETINGS_PAGE_UP:
        meetings_move_to(s, s->cursor > page ? s->cursor - page : 0);
        break;
    case MEETINGS_FIRST:
        meetings_move_to(s, 0);
        break;
    case MEETINGS_LAST:
        meetings_move_to(s, s->row_count);
        break;
    default:
        return TUI_UNHANDLED;
    }
    meetings_show_cursor(s, page);
    return TUI_REDRAW;
}

/* The meeting the cursor goes to once the one under it is gone: the next older, else the
 * next newer. */
static int64_t meetings_neighbour(const struct meetings_state *s)
{
    for (size_t r = s->cursor + 1; r < s->row_count; r++) {
        if (!s->rows[r].header)
            return s->list[s->rows[r].meeting].meta.id;
    }
    for (size_t r = s->cursor; r-- > 0;) {
        if (!s->rows[r].header)
            return s->list[s->rows[r].meeting].meta.id;
    }
    return 0;
}

static unsigned meetings_delete_key(struct tui *t, struct meetings_state *s, struct tui_key key)
{
    switch (tui_binding_find(meetings_delete_bindings, MEETINGS_COUNT_OF(meetings_delete_bindings),
                             key)) {
    case MEETINGS_YES: {
        s->mode = MEETINGS_MODE_LIST;
        enum odaat_err err = app_meeting_remove(t->app, s->deleting);
        if (err != ODAAT_OK) {
            tui_error(t, "Could not delete the meeting", err);
            return TUI_REDRAW;
        }
        s->select_id = meetings_neighbour(s);
        tui_message(t, "Meeting deleted.");
        return TUI_CHANGED | TUI_REDRAW;
    }
    case MEETINGS_NO:
        s->mode = MEETINGS_MODE_LIST;
        return TUI_REDRAW;
    default:
        return TUI_NONE; /* the dialog waits for an answer */
    }
}

static unsigned meetings_leave_key(struct meetings_state *s, struct tui_key key)
{
    switch (tui_binding_find(meetings_leave_bindings, MEETINGS_COUNT_OF(meetings_leave_bindings),
                             key)) {
    case MEETINGS_YES:
        meetings_form_close(s);
        return TUI_REDRAW;
    case MEETINGS_NO:
        s->mode = MEETINGS_MODE_FORM;
        return TUI_REDRAW;
    default:
        return TUI_NONE;
    }
}

static unsigned meetings_key(struct tui *t, void *state, struct tui_key key)
{
    struct meetings_state *s = state;
    switch (s->mode) {
    case MEETINGS_MODE_FORM:
        return meetings_form_key(t, s, key);
    case MEETINGS_MODE_DELETE:
        return meetings_delete_key(t, s, key);
    case MEETINGS_MODE_LEAVE:
        return meetings_leave_key(s, key);
    case MEETINGS_MODE_LIST:
        break;
    }
    return meetings_list_key(t, s, key);
}

/* Today's "a": the form for a new meeting (a form already open keeps what was typed). */
static unsigned meetings_request(struct tui *t, void *state, enum tui_request request)
{
    struct meetings_state *s = state;
    if (request != TUI_REQUEST_ADD || s->mode != MEETINGS_MODE_LIST)
        return TUI_REDRAW;
    return meetings_form_open(t, s, NULL);
}

static bool meetings_typing(const void *state)
{
    const struct meetings_state *s = state;
    return s->mode == MEETINGS_MODE_FORM;
}

static const struct tui_binding *meetings_mode_bindings(const void *state, size_t *count)
{
    const struct meetings_state *s = state;
    switch (s->mode) {
    case MEETINGS_MODE_FORM:
        *count = MEETINGS_COUNT_OF(meetings_form_bindings);
        return meetings_form_bindings;
    case MEETINGS_MODE_DELETE:
        *count = MEETINGS_COUNT_OF(meetings_delete_bindings);
        return meetings_delete_bindings;
    case MEETINGS_MODE_LEAVE:
        *count = MEETINGS_COUNT_OF(meetings_leave_bindings);
        return meetings_leave_bindings;
    case MEETINGS_MODE_LIST:
        break;
    }
    return NULL;
}

/* ==== Drawing ============================================================================== */

/* "This week · 3 meetings", "Week of 16 Nov · 1 meeting". */
static void meetings_draw_header(const struct tui *t, const struct meetings_state *s,
                                 const struct meetings_row *row, int y)
{
    char when[48];
    int32_t this_week = meetings_week_of(s->today);
    struct date_ymd ymd = date_to_ymd(row->week);
    if (row->week == this_week)
        snprintf(when, sizeof when, "This week");
    else if (row->week == date_add_days(this_week, -7))
        snprintf(when, sizeof when, "Last week");
    else if (ymd.year == date_to_ymd(s->today).year)
        snprintf(when, sizeof when, "Week of %d %s", ymd.day, date_month_abbr(ymd.month));
    else
        snprintf(when, sizeof when, "Week of %d %s %d", ymd.day, date_month_abbr(ymd.month),
                 ymd.year);
    draw_printf(y, 4, t->cols - 6, TUI_ROLE_MUTED, "%s %s %d meeting%s", when, tui_glyphs(t)->dot,
                row->count, row->count == 1 ? "" : "s");
}

/* "Tue 17 Nov  19:30  CA     Tuesday Step Group  in-person  shared". */
static void meetings_draw_meeting(const struct tui *t, const struct meetings_state *s, size_t r,
                                  int y)
{
    const struct meeting *m = &s->list[s->rows[r].meeting];
    bool here = r == s->cursor;
    char line[2048], date[32];
    int32_t day = 0;
    if (date_parse(m->date, &day) == ODAAT_OK)
        tui_date(date, sizeof date, day, TUI_DATE_SHORT);
    else
        snprintf(date, sizeof date, "%s", m->date);
    size_t name_cols = t->cols > 80 ? (size_t)t->cols - 53 : 27;
    snprintf(line, sizeof line, "%s ", here ? tui_glyphs(t)->pointer : " ");
    widget_column(line, sizeof line, date, 10, t->utf8);
    widget_column(line, sizeof line, "  ", 2, t->utf8);
    widget_column(line, sizeof line, m->time, 5, t->utf8);
    widget_column(line, sizeof line, "  ", 2, t->utf8);
    widget_column(line, sizeof line, m->fellowship, 5, t->utf8);
    widget_column(line, sizeof line, "  ", 2, t->utf8);
    widget_column(line, sizeof line, m->name, name_cols, t->utf8);
    widget_column(line, sizeof line, "  ", 2, t->utf8);
    widget_column(line, sizeof line, app_meeting_format_word(m->format), 9, t->utf8);
    widget_column(line, sizeof line, "  ", 2, t->utf8);
    widget_column(line, sizeof line, app_meeting_role_word(m->role), 8, t->utf8);
    draw_text(y, 2, t->cols - 4, here ? TUI_ROLE_SELECTED : TUI_ROLE_NORMAL, line);
    crypto_wipe(line, sizeof line);
}

static void meetings_draw_list(struct tui *t, struct meetings_state *s)
{
    int y = t->body_top;
    size_t height = meetings_list_height(t);
    int x = 2 + draw_text(y, 2, -1, TUI_ROLE_TITLE, "Meetings");
    const char *dot = tui_glyphs(t)->dot;
    draw_printf(y, x, -1, TUI_ROLE_NORMAL, " %s %d in 7 days %s %d in 30 %s %d in 90", dot,
                s->counts.last_7, dot, s->counts.last_30, dot, s->counts.last_90);
    if (s->ninety_active) {
        char ninety[64];
        snprintf(ninety, sizeof ninety, "90 in 90: %d of 90, day %d", s->ninety.count,
                 s->ninety.day);
        draw_text(y, t->cols - 2 - (int)tui_width(ninety), -1,
                  s->ninety.complete ? TUI_ROLE_GOOD : TUI_ROLE_ACCENT, ninety);
    }
    draw_hline(t, y + 1, 2, t->cols - 4, TUI_ROLE_MUTED);
    draw_hline(t, y + 2 + (int)height, 2, t->cols - 4, TUI_ROLE_MUTED);
    if (s->row_count == 0) {
        draw_text(y + 3, 4, -1, TUI_ROLE_NORMAL, "No meetings logged in the last two years.");
        draw_text(y + 5, 4, -1, TUI_ROLE_MUTED, "Been to one? Press a to log it.");
        return;
    }
    meetings_show_cursor(s, height); /* the terminal may have changed size */
    for (size_t i = 0; i < height && s->top + i < s->row_count; i++) {
        size_t r = s->top + i;
        if (s->rows[r].header)
            meetings_draw_header(t, s, &s->rows[r], y + 2 + (int)i);
        else
            meetings_draw_meeting(t, s, r, y + 2 + (int)i);
    }
    size_t place = 0;
    for (size_t r = 0; r <= s->cursor && r < s->row_count; r++)
        place += s->rows[r].header ? 0 : 1;
    char from[32];
    tui_date(from, sizeof from, date_add_days(s->today, 1 - MEETINGS_DAYS), TUI_DATE_MEDIUM);
    draw_printf(y + 3 + (int)height, 2, t->cols - 4, TUI_ROLE_MUTED, "%zu of %zu %s since %s",
                place, s->count, dot, from);
}

/* A choice field: every word, the chosen one in brackets. */
static void meetings_draw_choice(const struct tui *t, const struct meetings_state *s,
                                 enum meetings_field field, int y, int x)
{
    bool format = field == MEETINGS_FIELD_FORMAT;
    int count = meetings_choice_count(field);
    int chosen = format ? s->form.format : s->form.role;
    for (int i = 0; i < count && x < t->cols - 2; i++) {
        const char *word = format ? app_meeting_format_word((enum meeting_format)i)
                                  : app_meeting_role_word((enum meeting_role)i);
        char shown[32];
        snprintf(shown, sizeof shown, i == chosen ? "[%s]" : " %s ", word != NULL ? word : "none");
        x += draw_text(y, x, t->cols - 2 - x, i == chosen ? TUI_ROLE_ACCENT : TUI_ROLE_MUTED,
                       shown) +
             1;
    }
}

static void meetings_draw_form(struct tui *t, struct meetings_state *s)
{
    int y = t->body_top;
    if (s->editing != 0) {
        char date[32];
        int32_t day = 0;
        if (date_parse(s->original.text[MEETINGS_FIELD_DATE].text, &day) == ODAAT_OK)
            tui_date(date, sizeof date, day,
                     date_to_ymd(day).year == date_to_ymd(s->today).year ? TUI_DATE_LONG
                                                                         : TUI_DATE_FULL);
        else
            snprintf(date, sizeof date, "%.20s", s->original.text[MEETINGS_FIELD_DATE].text);
        draw_printf(y, 2, -1, TUI_ROLE_TITLE, "Edit the meeting of %s", date);
    } else {
        draw_text(y, 2, -1, TUI_ROLE_TITLE, "Log a meeting");
    }
    int x = 16, width = t->cols - x - 2;
    for (int i = 0; i < MEETINGS_FIELD_COUNT; i++) {
        int row = y + 2 + i;
        bool focused = i == (int)s->focus && s->mode == MEETINGS_MODE_FORM;
        if (focused)
            draw_text(row, 2, 1, TUI_ROLE_ACCENT, tui_glyphs(t)->pointer);
        draw_text(row, 4, 11, focused ? TUI_ROLE_ACCENT : TUI_ROLE_MUTED, meetings_field_labels[i]);
        if (meetings_is_choice((enum meetings_field)i)) {
            meetings_draw_choice(t, s, (enum meetings_field)i, row, x);
            continue;
        }
        bool short_field = i == MEETINGS_FIELD_DATE || i == MEETINGS_FIELD_TIME;
        tui_field_draw(t, &s->form.text[i], row, x, short_field ? 11 : width, focused);
        if (i == MEETINGS_FIELD_DATE)
            draw_text(row, x + 13, -1, TUI_ROLE_MUTED, "YYYY-MM-DD");
        else if (i == MEETINGS_FIELD_TIME)
            draw_text(row, x + 13, -1, TUI_ROLE_MUTED, "HH:MM, optional");
    }
    draw_text(y + 3 + MEETINGS_FIELD_COUNT, 4, t->cols - 6, TUI_ROLE_MUTED,
              meetings_field_hints[s->focus]);
    if (s->mode == MEETINGS_MODE_LEAVE) {
        static const char *const lines[] = {"What you typed in this form would be lost."};
        widget_draw_question(t, "Leave without saving?", lines, MEETINGS_COUNT_OF(lines),
                             "leave without saving", "keep editing");
    }
}

static void meetings_draw_delete(const struct tui *t, const struct meetings_state *s)
{
    const struct meeting *m = meetings_current(s);
    char what[256], date[32];
    int32_t day = 0;
    if (m == NULL)
        return;
    if (date_parse(m->date, &day) == ODAAT_OK)
        tui_date(date, sizeof date, day, TUI_DATE_FULL);
    else
        snprintf(date, sizeof date, "%s", m->date);
    snprintf(what, sizeof what, "%s%s%s%s%s", date, m->time[0] != '\0' ? ", " : "", m->time,
             m->name != NULL ? ": " : "", m->name != NULL ? m->name : "");
    const char *const lines[] = {what, "It is removed from your records for good."};
    widget_draw_question(t, "Delete this meeting?", lines, MEETINGS_COUNT_OF(lines), "delete it",
                         "keep it");
    crypto_wipe(what, sizeof what);
}

static void meetings_draw(struct tui *t, void *state)
{
    struct meetings_state *s = state;
    switch (s->mode) {
    case MEETINGS_MODE_FORM:
    case MEETINGS_MODE_LEAVE:
        meetings_draw_form(t, s);
        break;
    case MEETINGS_MODE_DELETE:
        meetings_draw_list(t, s);
        meetings_draw_delete(t, s);
        break;
    case MEETINGS_MODE_LIST:
        meetings_draw_list(t, s);
        break;
    }
}

const struct tui_screen tui_screen_meetings = {
    .title = "Meetings",
    .bindings = meetings_bindings,
    .binding_count = MEETINGS_COUNT_OF(meetings_bindings),
    .state_size = sizeof(struct meetings_state),
    .load = meetings_load,
    .unload = meetings_unload,
    .key = meetings_key,
    .draw = meetings_draw,
    .typing = meetings_typing,
    .mode_bindings = meetings_mode_bindings,
    .request = meetings_request,
    .modes = meetings_modes,
    .mode_count = MEETINGS_COUNT_OF(meetings_modes),
};
