/*
 * milestones: one tracker's ladder and history. The rungs reached with their dates and the
 * next one with the days left; every streak with its days, the day of use that closed it and
 * its note; the longest and the total. A slip is recorded here in a short, kind flow ("I
 * used"): the day of use, the new first clean day, an optional note, then y. Nothing on this
 * screen calls a streak a failure and nothing is ever deleted: the history stays.
 */
#include <stdio.h>
#include <string.h>

#include "odaat/crypto.h"
#include "odaat/date.h"
#include "odaat/output.h"
#include "odaat/store.h"
#include "tui_form.h"
#include "tui_internal.h"
#include "tui_milestones.h"

enum milestones_action {
    MILESTONES_NEXT,
    MILESTONES_PREV,
    MILESTONES_RELAPSE,
    MILESTONES_LADDER,
    MILESTONES_DOWN,
    MILESTONES_UP,
    MILESTONES_PAGE_DOWN,
    MILESTONES_PAGE_UP,
    MILESTONES_TOP,
    MILESTONES_BOTTOM,
    /* The flow of starting again. */
    FLOW_NEXT,
    FLOW_BACK,
    FLOW_CANCEL,
    FLOW_YES,
    FLOW_NO,
};

/* "e edit ladder" stays off the footer: with it, "? keys" and "q quit" no longer fit in 80
 * columns. It is listed on the `?` screen. */
/* clang-format off */
static const struct tui_binding milestones_bindings[] = {
    {TUI_CODE(TUI_KEY_RIGHT), "←/→", "tracker", MILESTONES_NEXT, true, false},
    {TUI_CODE(TUI_KEY_LEFT), "←", "", MILESTONES_PREV, false, true},
    {TUI_CHAR('r'), "r", "I used (start again, history kept)", MILESTONES_RELAPSE, true, false},
    {TUI_CHAR('e'), "e", "edit the ladder (on Settings)", MILESTONES_LADDER, false, false},
    {TUI_CHAR('j'), "j/k", "scroll", MILESTONES_DOWN, false, false},
    {TUI_CHAR('k'), "k", "", MILESTONES_UP, false, true},
    {TUI_CODE(TUI_KEY_DOWN), "Down", "", MILESTONES_DOWN, false, true},
    {TUI_CODE(TUI_KEY_UP), "Up", "", MILESTONES_UP, false, true},
    {TUI_CODE(TUI_KEY_PGDN), "PgUp/PgDn", "scroll a page", MILESTONES_PAGE_DOWN, false, false},
    {TUI_CODE(TUI_KEY_PGUP), "PgUp", "", MILESTONES_PAGE_UP, false, true},
    {TUI_CHAR('g'), "g/G", "top, bottom", MILESTONES_TOP, false, false},
    {TUI_CHAR('G'), "G", "", MILESTONES_BOTTOM, false, true},
    {TUI_CODE(TUI_KEY_HOME), "Home", "", MILESTONES_TOP, false, true},
    {TUI_CODE(TUI_KEY_END), "End", "", MILESTONES_BOTTOM, false, true},
};

/* While a date or the note is being typed. */
static const struct tui_binding flow_field_bindings[] = {
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "next", FLOW_NEXT, true, false},
    {TUI_CODE(TUI_KEY_TAB), "Tab", "", FLOW_NEXT, false, true},
    {TUI_CODE(TUI_KEY_BTAB), "Shift-Tab", "back", FLOW_BACK, true, false},
    {TUI_CODE(TUI_KEY_ESC), "Esc", "cancel (nothing changes)", FLOW_CANCEL, true, false},
};

/* The last question. */
static const struct tui_binding flow_confirm_bindings[] = {
    {TUI_CHAR('y'), "y", "start again", FLOW_YES, true, false},
    {TUI_CHAR('Y'), "Y", "", FLOW_YES, false, true},
    {TUI_CHAR('n'), "n", "not now", FLOW_NO, true, false},
    {TUI_CHAR('N'), "N", "", FLOW_NO, false, true},
    {TUI_CODE(TUI_KEY_BTAB), "Shift-Tab", "back", FLOW_BACK, true, false},
    {TUI_CODE(TUI_KEY_ESC), "Esc", "cancel", FLOW_CANCEL, true, false},
};
/* clang-format on */

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The flow of starting again, for `odaat keys` (its last question shows its keys itself). */
static const struct tui_mode_keys milestones_modes[] = {
    {"relapse flow", flow_field_bindings, COUNT_OF(flow_field_bindings)},
};

/* ==== Loading ============================================================================== */

static void free_view(struct milestones_state *s)
{
    if (s->has_view)
        app_tracker_view_free(&s->view);
    memset(&s->view, 0, sizeof s->view);
    s->has_view = false;
}

/* Leaves the flow and wipes what was typed in it. */
static void flow_end(struct milestones_state *s)
{
    s->step = MILESTONES_STEP_NONE;
    tui_field_clear(&s->use);
    tui_field_clear(&s->restart);
    tui_field_clear(&s->note);
    crypto_wipe(s->restart_default, sizeof s->restart_default);
}

static void milestones_unload(void *state)
{
    struct milestones_state *s = state;
    free_view(s);
    store_tracker_list_free(s->trackers, s->tracker_count);
    s->trackers = NULL;
    s->tracker_count = 0;
    flow_end(s);
}

/* The index of the tracker to show: the one with shown_id, else the first active one;
 * tracker_count when there is none. */
static size_t shown_index(const struct milestones_state *s)
{
    size_t first = s->tracker_count;
    for (size_t i = 0; i < s->tracker_count; i++) {
        if (s->trackers[i].archived)
            continue;
        if (s->trackers[i].meta.id == s->shown_id)
            return i;
        if (first == s->tracker_count)
            first = i;
    }
    return first;
}

/* Reads the view of tracker i; the one shown stays when that fails. */
static enum odaat_err show_tracker(struct tui *t, struct milestones_state *s, size_t i)
{
    struct app_tracker_view view;
    enum odaat_err err = app_tracker_view_get(t->app, s->trackers[i].name, &view);
    if (err != ODAAT_OK)
        return err;
    free_view(s);
    s->view = view;
    s->has_view = true;
    s->shown_id = s->trackers[i].meta.id;
    return ODAAT_OK;
}

static enum odaat_err milestones_load(struct tui *t, void *state)
{
    struct milestones_state *s = state;
    free_view(s);
    store_tracker_list_free(s->trackers, s->tracker_count);
    s->trackers = NULL;
    s->tracker_count = 0;
    s->today = app_today(t->app);
    enum odaat_err err = app_tracker_list(t->app, &s->trackers, &s->tracker_count);
    if (err != ODAAT_OK)
        return err;
    size_t i = shown_index(s);
    if (i == s->tracker_count) {
        flow_end(s);
        return ODAAT_OK;
    }
    if (s->trackers[i].meta.id != s->shown_id) {
        /* Another tracker than the one being started again: the flow no longer fits. */
        flow_end(s);
        s->scroll = 0;
    }
    return show_tracker(t, s, i);
}

/* ==== Layout: the rows of the content, counted the same way for scrolling and drawing ===== */

/* The rungs of the ladder fill two columns, left first. */
static int rung_rows(const struct milestones_state *s)
{
    size_t n = s->has_view ? s->view.report.item_count : 0;
    return n == 0 ? 1 : (int)((n + 1) / 2);
}

/* Where the history starts: the header, a blank, the rungs, a blank. */
static int history_row(const struct milestones_state *s)
{
    return 2 + rung_rows(s) + 1;
}

static int content_rows(const struct milestones_state *s)
{
    if (!s->has_view)
        return 1;
    int rows = history_row(s) + 1; /* the History title */
    for (size_t i = 0; i < s->view.history_count; i++) {
        const struct streak *st = &s->view.history[i];
        rows += 1 + (st->end_date[0] != '\0' && st->end_note != NULL && st->end_note[0] != '\0');
    }
    return rows + 2; /* longest, total */
}

static int max_scroll(const struct tui *t, const struct milestones_state *s)
{
    int over = content_rows(s) - t->body_rows;
    return over > 0 ? over : 0;
}

static unsigned scroll_to(const struct tui *t, struct milestones_state *s, int scroll)
{
    int top = max_scroll(t, s);
    s->scroll = scroll < 0 ? 0 : scroll > top ? top : scroll;
    return TUI_REDRAW;
}

/* ==== Keys ================================================================================= */

/* Steps to the next (dir 1) or previous (dir -1) active tracker, round the list. */
static unsigned switch_tracker(struct tui *t, struct milestones_state *s, int dir)
{
    size_t n = s->tracker_count;
    size_t at = shown_index(s);
    if (at == n)
        return TUI_REDRAW;
    for (size_t k = 1; k < n; k++) {
        size_t i = dir > 0 ? (at + k) % n : (at + n - k) % n;
        if (s->trackers[i].archived)
            continue;
        enum odaat_err err = show_tracker(t, s, i);
        if (err != ODAAT_OK)
            tui_error(t, "Could not read the tracker", err);
        else
            s->scroll = 0;
        return TUI_REDRAW;
    }
    return TUI_REDRAW;
}

static void flow_begin(struct milestones_state *s)
{
    char today[DATE_ISO_SIZE];
    flow_end(s);
    s->use.max = DATE_ISO_SIZE - 1;
    s->restart.max = DATE_ISO_SIZE - 1;
    s->note.max = 0;
    tui_field_set(&s->use, date_format(s->today, today));
    s->step = MILESTONES_STEP_USE;
}

/* Reads a date field; on a malformed date says what is expected and returns false. */
static bool flow_date(struct tui *t, const struct tui_field *f, int32_t *day)
{
    enum odaat_err err = date_parse(f->text, day);
    if (err != ODAAT_OK) {
        tui_error(t, "Check the date", err);
        return false;
    }
    return true;
}

/* Enter: the next step once this one's answer reads. The new start is filled in with the
 * day after the use, unless the person has typed their own. */
static unsigned flow_next(struct tui *t, struct milestones_state *s)
{
    int32_t day = 0;
    switch (s->step) {
    case MILESTONES_STEP_USE:
        if (!flow_date(t, &s->use, &day))
            return TUI_REDRAW;
        if (s->restart.len == 0 || strcmp(s->restart.text, s->restart_default) == 0) {
            date_format(date_add_days(day, 1), s->restart_default);
            tui_field_set(&s->restart, s->restart_default);
        }
        s->step = MILESTONES_STEP_RESTART;
        return TUI_REDRAW;
    case MILESTONES_STEP_RESTART:
        if (!flow_date(t, &s->restart, &day))
            return TUI_REDRAW;
        s->step = MILESTONES_STEP_NOTE;
        return TUI_REDRAW;
    case MILESTONES_STEP_NOTE:
        s->step = MILESTONES_STEP_CONFIRM;
        return TUI_REDRAW;
    default:
        return TUI_REDRAW;
    }
}

/* "today", "tomorrow" or "24 Nov 2026". */
static const char *when_words(int32_t day, int32_t today, char *buf, size_t size)
{
    if (day == today)
        return "today";
    if (day == today + 1)
        return "tomorrow";
    return tui_date(buf, size, day, TUI_DATE_MEDIUM);
}

/* y: records the slip. On an error the flow goes back to the answer that did not fit. */
static unsigned flow_confirm(struct tui *t, struct milestones_state *s)
{
    int32_t use = 0, restart = 0;
    if (!flow_date(t, &s->use, &use)) {
        s->step = MILESTONES_STEP_USE;
        return TUI_REDRAW;
    }
    if (!flow_date(t, &s->restart, &restart)) {
        s->step = MILESTONES_STEP_RESTART;
        return TUI_REDRAW;
    }
    enum odaat_err err = app_relapse(t->app, s->view.tracker.name, s->use.text, s->restart.text,
                                     s->note.len > 0 ? s->note.text : NULL);
    if (err != ODAAT_OK) {
        tui_error(t, "Could not start again", err);
        /* A use before this clean time began, or after today, is the first answer's; the
         * rest is about the new start. */
        if (err == ODAAT_ERR_END_BEFORE_START || use > s->today)
            s->step = MILESTONES_STEP_USE;
        else if (err == ODAAT_ERR_INVALID)
            s->step = MILESTONES_STEP_RESTART;
        return TUI_REDRAW;
    }
    char when[32];
    tui_message(t, "It's good to see you back. Your new clean time starts %s.",
                when_words(restart, s->today, when, sizeof when));
    flow_end(s);
    s->scroll = 0;
    return TUI_CHANGED | TUI_REDRAW;
}

static unsigned flow_key(struct tui *t, struct milestones_state *s, struct tui_key key)
{
    bool confirm = s->step == MILESTONES_STEP_CONFIRM;
    const struct tui_binding *b = confirm ? flow_confirm_bindings : flow_field_bindings;
    size_t n = confirm ? COUNT_OF(flow_confirm_bindings) : COUNT_OF(flow_field_bindings);
    switch (tui_binding_find(b, n, key)) {
    case FLOW_NEXT:
        return flow_next(t, s);
    case FLOW_YES:
        return flow_confirm(t, s);
    case FLOW_BACK:
        if (s->step > MILESTONES_STEP_USE)
            s->step--;
        return TUI_REDRAW;
    case FLOW_NO:
    case FLOW_CANCEL:
        flow_end(s);
        tui_message(t, "Nothing was changed.");
        return TUI_REDRAW;
    default:
        break;
    }
    if (confirm)
        return TUI_UNHANDLED; /* ?, q and L still work at the question */
    struct tui_field *f = s->step == MILESTONES_STEP_USE       ? &s->use
                          : s->step == MILESTONES_STEP_RESTART ? &s->restart
                                                               : &s->note;
    if (tui_field_key(f, key))
        return TUI_REDRAW;
    /* Every character is text while typing; other keys (Ctrl-L) go on. */
    return key.code == TUI_KEY_CHAR ? TUI_NONE : TUI_UNHANDLED;
}

static unsigned milestones_key(struct tui *t, void *state, struct tui_key key)
{
    struct milestones_state *s = state;
    if (s->step != MILESTONES_STEP_NONE)
        return flow_key(t, s, key);
    int page = t->body_rows > 2 ? t->body_rows - 2 : 1;
    switch (tui_binding_find(milestones_bindings, COUNT_OF(milestones_bindings), key)) {
    case MILESTONES_NEXT:
        return switch_tracker(t, s, 1);
    case MILESTONES_PREV:
        return switch_tracker(t, s, -1);
    case MILESTONES_LADDER:
        return tui_goto(t, TUI_SCREEN_SETTINGS);
    case MILESTONES_RELAPSE:
        if (!s->has_view) {
            tui_message(t, "There is no tracker yet: add one on 9 Settings.");
            return TUI_REDRAW;
        }
        if (s->view.current.meta.id == 0) {
            tui_message(t, "This tracker has no clean time running to start again from.");
            return TUI_REDRAW;
        }
        flow_begin(s);
        return TUI_REDRAW;
    case MILESTONES_DOWN:
        return scroll_to(t, s, s->scroll + 1);
    case MILESTONES_UP:
        return scroll_to(t, s, s->scroll - 1);
    case MILESTONES_PAGE_DOWN:
        return scroll_to(t, s, s->scroll + page);
    case MILESTONES_PAGE_UP:
        return scroll_to(t, s, s->scroll - page);
    case MILESTONES_TOP:
        return scroll_to(t, s, 0);
    case MILESTONES_BOTTOM:
        return scroll_to(t, s, max_scroll(t, s));
    default:
        return TUI_UNHANDLED;
    }
}

static bool milestones_typing(const void *state)
{
    const struct milestones_state *s = state;
    return s->step >= MILESTONES_STEP_USE && s->step <= MILESTONES_STEP_NOTE;
}

static const struct tui_binding *milestones_mode_bindings(const void *state, size_t *count)
{
    const struct milestones_state *s = state;
    if (s->step == MILESTONES_STEP_NONE)
        return NULL;
    if (s->step == MILESTONES_STEP_CONFIRM) {
        *count = COUNT_OF(flow_confirm_bindings);
        return flow_confirm_bindings;
    }
    *count = COUNT_OF(flow_field_bindings);
    return flow_field_bindings;
}

/* ==== Drawing ============================================================================== */

/* The tracker's name as a title: "cocaine" shows as "Cocaine". */
static void title_name(const struct tracker *tr, char *out, size_t size)
{
    snprintf(out, size, "%s", tr->name);
    if (out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 'a' + 'A');
}

/* The terminal row of content row `row`, or -1 when it is scrolled out of the body. */
static int row_y(const struct tui *t, const struct milestones_state *s, int row)
{
    int y = row - s->scroll;
    return y >= 0 && y < t->body_rows ? t->body_top + y : -1;
}

static void draw_header(struct tui *t, const struct milestones_state *s)
{
    char name[64], date[48], line[160];
    const struct app_tracker_view *v = &s->view;
    title_name(&v->tracker, name, sizeof name);
    const char *dot = tui_glyphs(t)->dot;
    if (v->current.meta.id == 0)
        snprintf(line, sizeof line, "%s %s no clean time running", name, dot);
    else if (v->first_clean_day > s->today)
        snprintf(line, sizeof line, "%s %s new clean time starts tomorrow, %s", name, dot,
                 tui_date(date, sizeof date, v->first_clean_day, TUI_DATE_FULL));
    else
        snprintf(line, sizeof line, "%s %s clean since %s (first clean day)", name, dot,
                 tui_date(date, sizeof date, v->first_clean_day, TUI_DATE_FULL));
    int y = row_y(t, s, 0);
    int used = draw_text(y, 2, t->cols - 4, TUI_ROLE_TITLE, line);
    /* Where this tracker stands among the others, when there are others and room. */
    size_t active = 0, at = 0;
    for (size_t i = 0; i < s->tracker_count; i++) {
        if (s->trackers[i].archived)
            continue;
        active++;
        if (s->trackers[i].meta.id == s->shown_id)
            at = active;
    }
    if (active > 1) {
        snprintf(line, sizeof line, "%zu of %zu  %s", at, active, t->utf8 ? "←/→" : "</>");
        int w = (int)tui_width(line);
        if (2 + used + 3 + w <= t->cols - 2)
            draw_text(y, t->cols - 2 - w, w, TUI_ROLE_MUTED, line);
    }
}

/* One rung: a tick or a dot, the label, the date, and for the next rung the days left. */
static void draw_rung(struct tui *t, const struct milestones_state *s,
                      const struct milestone_item *m, int y, int x, int label_cols)
{
    const struct tui_glyphs *g = tui_glyphs(t);
    char date[32], left[48], count[32];
    bool next = s->view.report.next == m;
    enum tui_role role = m->reached ? TUI_ROLE_NORMAL : next ? TUI_ROLE_ACCENT : TUI_ROLE_MUTED;
    draw_text(y, x, 1, m->reached ? TUI_ROLE_GOOD : role, m->reached ? g->check : g->dot);
    draw_text(y, x + 3, label_cols, role, m->label);
    tui_date(date, sizeof date, m->date, TUI_DATE_MEDIUM);
    int used = draw_text(y, x + 3 + label_cols + 2, -1, next ? role : TUI_ROLE_MUTED, date);
    if (!next)
        return;
    int32_t days = s->view.report.days_left;
    if (days == 1)
        snprintf(left, sizeof left, "tomorrow");
    else
        snprintf(left, sizeof left, "in %s days", output_count(days, count, sizeof count));
    int dx = x + 3 + label_cols + 2 + used + 3;
    draw_text(y, dx, -1, TUI_ROLE_ACCENT, left);
}

static void draw_ladder(struct tui *t, const struct milestones_state *s)
{
    const struct milestone_report *r = &s->view.report;
    if (r->item_count == 0) {
        const char *why = s->view.current.meta.id == 0 || s->view.first_clean_day > s->today
                              ? "The ladder shows once the new clean time has begun."
                              : "No milestones on this ladder. Every day counts all the same.";
        draw_text(row_y(t, s, 2), 3, t->cols - 5, TUI_ROLE_MUTED, why);
        return;
    }
    int label_cols = 11;
    for (size_t i = 0; i < r->item_count; i++) {
        int w = (int)tui_width(r->items[i].label);
        if (w > label_cols)
            label_cols = w;
    }
    if (label_cols > 16)
        label_cols = 16;
    int rows = rung_rows(s);
    int x2 = t->cols / 2 - 1;
    for (size_t i = 0; i < r->item_count; i++) {
        int row = 2 + (int)i % rows;
        int y = row_y(t, s, row);
        if (y >= 0)
            draw_rung(t, s, &r->items[i], y, (int)i < rows ? 3 : x2, label_cols);
    }
}

/* A closed streak's note on its own line, control characters shown as spaces. */
static void draw_note(struct tui *t, int y, const char *note)
{
    char clean[512], fitted[600];
    size_t n = 0;
    for (; note[n] != '\0' && n < sizeof clean - 1; n++)
        clean[n] = (unsigned char)note[n] < 0x20 ? ' ' : note[n];
    clean[n] = '\0';
    tui_fit(fitted, sizeof fitted, clean, (size_t)(t->cols > 12 ? t->cols - 10 : 2), t->utf8);
    draw_printf(y, 6, t->cols - 7, TUI_ROLE_MUTED, t->utf8 ? "“%s”" : "\"%s\"", fitted);
    crypto_wipe(clean, sizeof clean);
    crypto_wipe(fitted, sizeof fitted);
}

/* The streaks, newest first: when each ran, its clean days, and how it ended. */
static void draw_history(struct tui *t, const struct milestones_state *s)
{
    const struct app_tracker_view *v = &s->view;
    const char *dash = t->utf8 ? "–" : "-";
    char from[32], to[32], range[80], count[32], span[32], line[160];
    int row = history_row(s);
    draw_text(row_y(t, s, row), 2, t->cols - 4, TUI_ROLE_TITLE,
              "History (nothing here is a failure; every day counted)");
    row++;
    /* The counts line up on their right edge, after the longest range ("31 Dec 2025 – 30
     * Sep 2026") and two spaces. */
    int count_cols = (int)strlen(output_count(v->streaks.total_clean_days, count, sizeof count));
    const int x_count = 4 + 27;
    for (size_t k = v->history_count; k-- > 0;) {
        const struct streak *st = &v->history[k];
        int32_t start = 0, end = 0;
        date_parse(st->start_date, &start);
        bool closed = st->end_date[0] != '\0';
        if (closed)
            date_parse(st->end_date, &end);
        int y = row_y(t, s, row);
        tui_date(from, sizeof from, start, TUI_DATE_MEDIUM);
        if (!closed && start > s->today) {
            snprintf(range, sizeof range, "from %s", from);
            draw_text(y, 4, 25, TUI_ROLE_NORMAL, range);
            draw_text(y, x_count, -1, TUI_ROLE_ACCENT, "starts tomorrow");
            row++;
            continue;
        }
        if (closed)
            snprintf(range, sizeof range, "%s %s %s", from, dash,
                     tui_date(to, sizeof to, end, TUI_DATE_MEDIUM));
        else
            snprintf(range, sizeof range, "%s %s today", from, dash);
        int32_t days = (closed ? end : s->today) - start;
        output_count(days, count, sizeof count);
        snprintf(line, sizeof line, "%*s day%s", count_cols, count, days == 1 ? "" : "s");
        draw_text(y, 4, 25, closed ? TUI_ROLE_NORMAL : TUI_ROLE_ACCENT, range);
        int used = draw_text(y, x_count, -1, closed ? TUI_ROLE_NORMAL : TUI_ROLE_ACCENT, line);
        if (closed) {
            struct date_ymd ymd = date_to_ymd(end);
            draw_printf(y, x_count + used + 3, -1, TUI_ROLE_MUTED, "(used on %d %s)", ymd.day,
                        date_month_abbr(ymd.month));
        } else {
            draw_printf(y, x_count + used + 3, -1, TUI_ROLE_ACCENT, "%s current",
                        t->utf8 ? "←" : "<-");
        }
        row++;
        if (closed && st->end_note != NULL && st->end_note[0] != '\0') {
            y = row_y(t, s, row);
            if (y >= 0)
                draw_note(t, y, st->end_note);
            row++;
        }
    }
    int y = row_y(t, s, row);
    draw_text(y, 4, 25, TUI_ROLE_MUTED, "longest");
    output_count(v->streaks.longest_days, count, sizeof count);
    draw_printf(y, x_count, -1, TUI_ROLE_NORMAL, "%*s day%s", count_cols, count,
                v->streaks.longest_days == 1 ? "" : "s");
    y = row_y(t, s, row + 1);
    draw_text(y, 4, 25, TUI_ROLE_MUTED, "total clean days");
    output_count(v->streaks.total_clean_days, count, sizeof count);
    draw_printf(y, x_count, -1, TUI_ROLE_NORMAL, "%*s of %s", count_cols, count,
                output_count(v->streaks.span_days, span, sizeof span));
}

/* The flow of starting again, in place of the ladder: the answers so far, the one being
 * typed, and a line on what it means. */
static void draw_flow(struct tui *t, const struct milestones_state *s)
{
    char name[64], line[160], count[32], date[48];
    int y = t->body_top;
    title_name(&s->view.tracker, name, sizeof name);
    draw_printf(y, 2, t->cols - 4, TUI_ROLE_TITLE, "Starting again %s %s", tui_glyphs(t)->dot,
                name);
    draw_text(y + 2, 2, t->cols - 4, TUI_ROLE_NORMAL,
              "Thank you for being honest with yourself. Nothing here is lost:");
    int32_t days = s->view.report.days; /* 0 when the clean time has not begun */
    if (days > 0)
        snprintf(line, sizeof line,
                 "your %s day%s stay%s in your history, and every one of them counted.",
                 output_count(days, count, sizeof count), days == 1 ? "" : "s",
                 days == 1 ? "s" : "");
    else
        snprintf(line, sizeof line, "your history stays, and every day in it counted.");
    draw_text(y + 3, 2, t->cols - 4, TUI_ROLE_NORMAL, line);

    const int x_field = 42;
    int field_cols = 12;
    draw_text(y + 5, 2, 38, TUI_ROLE_NORMAL, "When did you last use?");
    tui_field_draw(t, &s->use, y + 5, x_field, field_cols, s->step == MILESTONES_STEP_USE);
    if (s->step >= MILESTONES_STEP_RESTART) {
        draw_text(y + 6, 2, 38, TUI_ROLE_NORMAL, "When does your new clean time start?");
        tui_field_draw(t, &s->restart, y + 6, x_field, field_cols,
                       s->step == MILESTONES_STEP_RESTART);
    }
    if (s->step >= MILESTONES_STEP_NOTE) {
        draw_text(y + 7, 2, t->cols - 4, TUI_ROLE_NORMAL,
                  "Anything you want to remember about it? (optional)");
        tui_field_draw(t, &s->note, y + 8, 4, t->cols - 6, s->step == MILESTONES_STEP_NOTE);
    }
    const char *hint = "";
    switch (s->step) {
    case MILESTONES_STEP_USE:
        hint = "The day of use, today or earlier, as YYYY-MM-DD.";
        break;
    case MILESTONES_STEP_RESTART:
        hint = "Your first clean day: after the day of use, tomorrow at the latest.";
        break;
    case MILESTONES_STEP_NOTE:
        hint = "It stays with this streak in your history. Leave it empty if you like.";
        break;
    default:
        break;
    }
    if (s->step == MILESTONES_STEP_CONFIRM) {
        int32_t restart = 0;
        if (date_parse(s->restart.text, &restart) == ODAAT_OK)
            tui_date(date, sizeof date, restart, TUI_DATE_FULL);
        else
            snprintf(date, sizeof date, "%.11s", s->restart.text);
        draw_printf(y + 10, 2, t->cols - 4, TUI_ROLE_ACCENT,
                    "Start again from %s? Your history stays.  y/n", date);
    } else {
        draw_text(y + 10, 2, t->cols - 4, TUI_ROLE_MUTED, hint);
    }
}

static void milestones_draw(struct tui *t, void *state)
{
    struct milestones_state *s = state;
    if (!s->has_view) {
        draw_text(t->body_top + 1, 2, -1, TUI_ROLE_MUTED, "No tracker yet: add one on 9 Settings.");
        return;
    }
    if (s->step != MILESTONES_STEP_NONE) {
        draw_flow(t, s);
        return;
    }
    /* A resize may have left the scroll past the end. */
    if (s->scroll > max_scroll(t, s))
        s->scroll = max_scroll(t, s);
    draw_header(t, s);
    draw_ladder(t, s);
    draw_history(t, s);
}

const struct tui_screen tui_screen_milestones = {
    .title = "Milestones",
    .bindings = milestones_bindings,
    .binding_count = COUNT_OF(milestones_bindings),
    .state_size = sizeof(struct milestones_state),
    .load = milestones_load,
    .unload = milestones_unload,
    .key = milestones_key,
    .draw = milestones_draw,
    .typing = milestones_typing,
    .mode_bindings = milestones_mode_bindings,
    .modes = milestones_modes,
    .mode_count = COUNT_OF(milestones_modes),
};
