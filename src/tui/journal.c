/*
 * journal: the journal screen. A list of entries, newest first, of which only a window
 * around what shows is read from the store (a journal of years stays quick); an entry read
 * whole, wrapped and scrollable; the built-in editor for a new entry or an edit; deletion
 * after a question; and search, whose hits show with the matched words marked. Every entry
 * text held here is freed and wiped on unload.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/clock.h"
#include "odaat/crypto.h"
#include "odaat/output.h"
#include "odaat/store.h"
#include "tui_editor.h"
#include "tui_form.h"
#include "tui_internal.h"
#include "tui_journal.h"
#include "tui_widgets.h"

enum journal_action {
    JOURNAL_READ,
    JOURNAL_ADD,
    JOURNAL_EDIT,
    JOURNAL_DELETE,
    JOURNAL_SEARCH,
    JOURNAL_NEXT_MATCH,
    JOURNAL_PREV_MATCH,
    JOURNAL_DOWN,
    JOURNAL_UP,
    JOURNAL_PAGE_DOWN,
    JOURNAL_PAGE_UP,
    JOURNAL_FIRST,
    JOURNAL_LAST,
    JOURNAL_BACK,
    JOURNAL_YES,
    JOURNAL_NO,
};

/* clang-format off */
#define JOURNAL_MOTION_BINDINGS(what)                                                              \
    {TUI_CODE(TUI_KEY_DOWN), "↑/↓", what, JOURNAL_DOWN, false, false},                             \
    {TUI_CODE(TUI_KEY_UP), "↑", "", JOURNAL_UP, false, true},                                      \
    {TUI_CHAR('j'), "j", "", JOURNAL_DOWN, false, true},                                           \
    {TUI_CHAR('k'), "k", "", JOURNAL_UP, false, true},                                             \
    {TUI_CODE(TUI_KEY_PGDN), "PgUp/PgDn", "a page up or down", JOURNAL_PAGE_DOWN, false, false},   \
    {TUI_CODE(TUI_KEY_PGUP), "PgUp", "", JOURNAL_PAGE_UP, false, true},                            \
    {TUI_CODE(TUI_KEY_HOME), "Home/End", "the top or the bottom", JOURNAL_FIRST, false, false},    \
    {TUI_CODE(TUI_KEY_END), "End", "", JOURNAL_LAST, false, true},                                 \
    {TUI_CHAR('g'), "g", "", JOURNAL_FIRST, false, true},                                          \
    {TUI_CHAR('G'), "G", "", JOURNAL_LAST, false, true}

static const struct tui_binding journal_bindings[] = {
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "read", JOURNAL_READ, true, false},
    {TUI_CHAR('a'), "a", "new entry", JOURNAL_ADD, true, false},
    {TUI_CHAR('e'), "e", "edit", JOURNAL_EDIT, true, false},
    {TUI_CHAR('d'), "d", "delete", JOURNAL_DELETE, true, false},
    {TUI_CHAR('/'), "/", "search", JOURNAL_SEARCH, true, false},
    {TUI_CHAR('n'), "n/N", "next or previous match", JOURNAL_NEXT_MATCH, false, false},
    {TUI_CHAR('N'), "N", "", JOURNAL_PREV_MATCH, false, true},
    JOURNAL_MOTION_BINDINGS("choose an entry"),
};

/* Search results: the same keys, with the matches' in the footer, and Esc back to them all. */
static const struct tui_binding results_bindings[] = {
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "read", JOURNAL_READ, true, false},
    {TUI_CHAR('n'), "n/N", "next match", JOURNAL_NEXT_MATCH, true, false},
    {TUI_CHAR('N'), "N", "", JOURNAL_PREV_MATCH, false, true},
    {TUI_CHAR('/'), "/", "search", JOURNAL_SEARCH, true, false},
    {TUI_CODE(TUI_KEY_ESC), "Esc", "all entries", JOURNAL_BACK, true, false},
    {TUI_CHAR('e'), "e", "edit", JOURNAL_EDIT, false, false},
    {TUI_CHAR('d'), "d", "delete", JOURNAL_DELETE, false, false},
    {TUI_CHAR('a'), "a", "new entry", JOURNAL_ADD, false, false},
    JOURNAL_MOTION_BINDINGS("choose a match"),
};

static const struct tui_binding read_bindings[] = {
    {TUI_CODE(TUI_KEY_ESC), "Esc", "back to the list", JOURNAL_BACK, true, false},
    {TUI_CHAR('e'), "e", "edit", JOURNAL_EDIT, true, false},
    {TUI_CHAR('d'), "d", "delete", JOURNAL_DELETE, true, false},
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "", JOURNAL_BACK, false, true},
    {TUI_CHAR('n'), "n/N", "next or previous match", JOURNAL_NEXT_MATCH, false, false},
    {TUI_CHAR('N'), "N", "", JOURNAL_PREV_MATCH, false, true},
    JOURNAL_MOTION_BINDINGS("scroll"),
};

static const struct tui_binding query_bindings[] = {
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "search", JOURNAL_READ, true, false},
    {TUI_CODE(TUI_KEY_ESC), "Esc", "cancel", JOURNAL_BACK, true, false},
};

static const struct tui_binding confirm_bindings[] = {
    WIDGET_YES_NO("delete it", JOURNAL_YES, "keep it", JOURNAL_NO),
};
/* clang-format on */

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The modes a person works in, for `odaat keys` (the question shows its keys itself). */
static const struct tui_mode_keys journal_modes[] = {
    {"editor", tui_editor_keys, TUI_EDITOR_KEY_COUNT},
    {"search", query_bindings, COUNT_OF(query_bindings)},
    {"search results", results_bindings, COUNT_OF(results_bindings)},
    {"reading", read_bindings, COUNT_OF(read_bindings)},
};

/* Entries read at a time: at least this many, else three screens' worth. */
#define JOURNAL_WINDOW_MIN 64

/* The list's columns: the pointer, the date, the title, then the first words. */
#define COL_POINTER 2
#define COL_DATE    4
#define COL_TITLE   17
#define COL_PREVIEW 41

/* The query field's width, at the top right. */
#define QUERY_COLS 24

static const char *const mood_words[] = {"", "awful", "low", "okay", "good", "great"};

/* ==== Reading the records ==================================================================== */

static void free_window(struct journal_state *s)
{
    store_journal_list_free(s->window, s->window_count);
    s->window = NULL;
    s->window_offset = s->window_count = 0;
}

static void free_hits(struct journal_state *s)
{
    store_journal_hits_free(s->hits, s->hit_count);
    s->hits = NULL;
    s->hit_count = 0;
    s->hits_capped = false;
}

/* Wipes and frees one hit's text, for the one past JOURNAL_SEARCH_MAX. */
static void drop_hit(struct journal_hit *h)
{
    char *texts[] = {h->title, h->snippet};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        if (texts[i] != NULL)
            crypto_wipe(texts[i], strlen(texts[i]));
        free(texts[i]);
    }
    crypto_wipe(h, sizeof *h);
}

static void free_entry(struct journal_state *s)
{
    if (s->has_entry)
        store_journal_free(&s->entry);
    memset(&s->entry, 0, sizeof s->entry);
    s->has_entry = false;
}

static void journal_unload(void *state)
{
    struct journal_state *s = state;
    free_window(s);
    free_hits(s);
    free_entry(s);
    tui_editor_close(&s->editor);
    tui_field_clear(&s->query);
    tui_field_clear(&s->searched);
}

/* Rows of the list: the body less the heading, two rules and the status line. */
static size_t list_rows(const struct tui *t)
{
    return t->body_rows > 5 ? (size_t)(t->body_rows - 4) : 1;
}

/* Rows of the text while reading: the body less the title, the date, a rule and a status. */
static size_t read_rows(const struct tui *t)
{
    return t->body_rows > 5 ? (size_t)(t->body_rows - 4) : 1;
}

static size_t row_count(const struct journal_state *s)
{
    return s->searching ? s->hit_count : s->total;
}

/* Reads the window of entries around what shows, when what shows is not all in it. */
static void ensure_window(struct tui *t, struct journal_state *s)
{
    size_t rows = list_rows(t);
    size_t end = s->top + rows < s->total ? s->top + rows : s->total;
    if (s->searching || s->total == 0 ||
        (s->window != NULL && s->top >= s->window_offset &&
         end <= s->window_offset + s->window_count))
        return;
    size_t size = 3 * rows > JOURNAL_WINDOW_MIN ? 3 * rows : JOURNAL_WINDOW_MIN;
    size_t offset = s->top > size / 3 ? s->top - size / 3 : 0;
    free_window(s);
    enum odaat_err err = app_journal_page(t->app, offset, size, &s->window, &s->window_count);
    if (err != ODAAT_OK) {
        tui_error(t, "Could not read the journal", err);
        return;
    }
    s->window_offset = offset;
}

/* Makes the snippets of the hits on screen: a search reads them only for the rows shown, as
 * making one reads the entry whole, and a common word finds most of the journal. */
static void ensure_snippets(struct tui *t, struct journal_state *s)
{
    if (!s->searching || s->top >= s->hit_count)
        return;
    size_t rows = list_rows(t);
    size_t n = s->hit_count - s->top < rows ? s->hit_count - s->top : rows;
    enum odaat_err err = app_journal_snippets(t->app, s->searched.text, s->hits + s->top, n);
    if (err != ODAAT_OK)
        tui_error(t, "Could not search the journal", err);
}

/* Keeps the cursor in the list and on screen. */
static void place_cursor(struct tui *t, struct journal_state *s)
{
    size_t n = row_count(s), rows = list_rows(t);
    if (n == 0) {
        s->cursor = s->top = 0;
        return;
    }
    if (s->cursor >= n)
        s->cursor = n - 1;
    s->top = widget_list_top(s->cursor, s->top, rows, n);
    ensure_window(t, s);
    ensure_snippets(t, s);
}

static enum odaat_err run_search(struct tui *t, struct journal_state *s, const char *query)
{
    struct journal_hit *hits = NULL;
    size_t count = 0;
    /* One more than is kept tells whether there were more. */
    enum odaat_err err = app_journal_find(t->app, query, JOURNAL_SEARCH_MAX + 1, &hits, &count);
    if (err != ODAAT_OK)
        return err;
    free_hits(s);
    if (count > JOURNAL_SEARCH_MAX) {
        drop_hit(&hits[JOURNAL_SEARCH_MAX]);
        count = JOURNAL_SEARCH_MAX;
        s->hits_capped = true;
    }
    s->hits = hits;
    s->hit_count = count;
    return ODAAT_OK;
}

/* Reads the selected entry whole, for reading it. */
static enum odaat_err open_entry(struct tui *t, struct journal_state *s, int64_t id)
{
    struct journal_entry e;
    enum odaat_err err = app_journal_get(t->app, id, &e);
    if (err != ODAAT_OK)
        return err;
    free_entry(s);
    s->entry = e;
    s->has_entry = true;
    return ODAAT_OK;
}

static enum odaat_err journal_load(struct tui *t, void *state)
{
    struct journal_state *s = state;
    free_window(s);
    enum odaat_err err = app_journal_count(t->app, &s->total);
    if (err != ODAAT_OK)
        return err;
    /* A change elsewhere (or here) may have changed what the search finds. */
    if (s->searching && run_search(t, s, s->searched.text) != ODAAT_OK) {
        free_hits(s);
        s->searching = false;
    }
    if (s->reading && s->has_entry && open_entry(t, s, s->entry.meta.id) != ODAAT_OK) {
        free_entry(s);
        s->reading = false;
    }
    place_cursor(t, s);
    return ODAAT_OK;
}

/* ==== Writing and deleting =================================================================== */

/* Opens the editor on a new entry (id 0) or on entry id. */
static unsigned start_editor(struct tui *t, struct journal_state *s, int64_t id)
{
    struct journal_entry e = {0};
    enum odaat_err err = ODAAT_OK;
    if (id != 0)
        err = app_journal_get(t->app, id, &e);
    if (err == ODAAT_OK)
        err = tui_editor_open(&s->editor, e.title, e.body);
    if (err != ODAAT_OK) {
        tui_error(t, "Could not open the entry", err);
    } else if (id == 0) {
        snprintf(s->edit_heading, sizeof s->edit_heading, "New journal entry");
    } else {
        struct clock_moment m;
        char when[48];
        if (app_local_moment(e.meta.created_at, &m) == ODAAT_OK)
            tui_date(when, sizeof when, m.date, TUI_DATE_FULL);
        else
            snprintf(when, sizeof when, "%s", e.meta.created_at);
        snprintf(s->edit_heading, sizeof s->edit_heading, "Editing the entry of %s", when);
    }
    if (id != 0)
        store_journal_free(&e);
    s->edit_id = id;
    tui_editor_resize(&s->editor, t->cols, t->body_rows - 1);
    return TUI_REDRAW;
}

/* Stores what the editor holds through the app: a new entry, or over the one edited. */
static enum odaat_err store_editor(struct tui *t, struct journal_state *s)
{
    char *body = NULL;
    enum odaat_err err = tui_editor_body(&s->editor, &body);
    if (err != ODAAT_OK)
        return err;
    const char *title = tui_editor_title(&s->editor);
    if (s->edit_id != 0) {
        err = app_journal_edit(t->app, s->edit_id, title, body);
    } else {
        struct journal_entry e = {.title = (char *)(uintptr_t)title, .body = body};
        err = app_journal_add(t->app, &e);
    }
    editbuf_text_free(body);
    return err;
}

/* Closes the editor once its text is stored. */
static void close_stored_editor(struct journal_state *s)
{
    tui_editor_close(&s->editor);
    if (s->edit_id == 0) {
        /* The new entry is the newest: show it at the top of the whole list. */
        free_hits(s);
        s->searching = false;
        s->reading = false;
        s->cursor = s->top = 0;
    }
}

/* Saves what the editor holds through the app; the editor stays open when it cannot. */
static unsigned save_editor(struct tui *t, struct journal_state *s)
{
    enum odaat_err err = store_editor(t, s);
    if (err == ODAAT_ERR_INVALID) {
        tui_message(t, "An entry needs a few words before it can be saved.");
        return TUI_REDRAW;
    }
    if (err != ODAAT_OK) {
        tui_error(t, "Could not save the entry", err);
        return TUI_REDRAW;
    }
    close_stored_editor(s);
    tui_message(t, "Saved.");
    return TUI_CHANGED | TUI_REDRAW;
}

/* Before a lock, a quit or a signal ends the session: an entry being written is saved as
 * Ctrl-S saves it, so nothing typed is lost. A blank text has nothing to keep; when the save
 * fails the editor stays as it is and the loop says what could not be kept. */
static unsigned journal_keep(struct tui *t, void *state)
{
    struct journal_state *s = state;
    if (!tui_editor_is_open(&s->editor) || !tui_editor_changed(&s->editor) ||
        tui_editor_blank(&s->editor))
        return TUI_NONE;
    if (store_editor(t, s) != ODAAT_OK)
        return TUI_NONE;
    close_stored_editor(s);
    return TUI_CHANGED;
}

static unsigned editor_key(struct tui *t, struct journal_state *s, struct tui_key key)
{
    tui_editor_resize(&s->editor, t->cols, t->body_rows - 1);
    switch (tui_editor_key(&s->editor, key)) {
    case TUI_EDITOR_SAVE:
        return save_editor(t, s);
    case TUI_EDITOR_CANCEL:
        tui_editor_close(&s->editor);
        return TUI_REDRAW;
    case TUI_EDITOR_HANDLED:
        return TUI_REDRAW;
    case TUI_EDITOR_IGNORED:
        break;
    }
    /* Control keys the editor does not use (Ctrl-L) are every screen's. */
    return key.code == TUI_KEY_CTRL ? TUI_UNHANDLED : TUI_NONE;
}

static unsigned confirm_key(struct tui *t, struct journal_state *s, struct tui_key key)
{
    int action = tui_binding_find(confirm_bindings, COUNT_OF(confirm_bindings), key);
    if (action == JOURNAL_NO) {
        s->confirm_delete = false;
        return TUI_REDRAW;
    }
    if (action != JOURNAL_YES)
        return TUI_NONE; /* only y or n answers */
    s->confirm_delete = false;
    enum odaat_err err = app_journal_remove(t->app, s->delete_id);
    if (err != ODAAT_OK) {
        tui_error(t, "Could not delete the entry", err);
        return TUI_REDRAW;
    }
    s->reading = false;
    free_entry(s);
    tui_message(t, "The entry was deleted.");
    return TUI_CHANGED | TUI_REDRAW;
}

/* ==== Keys ==================================================================================== */

static unsigned query_key(struct tui *t, struct journal_state *s, struct tui_key key)
{
    int action = tui_binding_find(query_bindings, COUNT_OF(query_bindings), key);
    if (action == JOURNAL_BACK) {
        s->query_open = false;
        return TUI_REDRAW;
    }
    if (action == JOURNAL_READ) {
        if (s->query.text[strspn(s->query.text, " ")] == '\0') {
            s->query_open = false;
            return TUI_REDRAW;
        }
        enum odaat_err err = run_search(t, s, s->query.text);
        if (err != ODAAT_OK) {
            tui_error(t, "Could not search the journal", err);
            return TUI_REDRAW;
        }
        if (!s->searching) {
            s->list_cursor = s->cursor;
            s->list_top = s->top;
        }
        s->searching = true;
        s->query_open = false;
        s->cursor = s->top = 0;
        tui_field_set(&s->searched, s->query.text);
        place_cursor(t, s);
        return TUI_REDRAW;
    }
    if (tui_field_key(&s->query, key))
        return TUI_REDRAW;
    return key.code == TUI_KEY_CTRL ? TUI_UNHANDLED : TUI_NONE;
}

/* Moves the cursor by delta rows (clamped), for the list and for n/N. */
static unsigned move_cursor(struct tui *t, struct journal_state *s, long delta)
{
    size_t n = row_count(s);
    if (n == 0)
        return TUI_NONE;
    s->cursor = widget_list_move(s->cursor, delta, n);
    place_cursor(t, s);
    return TUI_REDRAW;
}

/* n and N: the next or previous hit, round the end to the start. */
static unsigned next_match(struct tui *t, struct journal_state *s, bool back)
{
    if (!s->searching) {
        tui_message(t, "Search first: / then the words to look for.");
        return TUI_REDRAW;
    }
    if (s->hit_count == 0)
        return TUI_NONE;
    s->cursor =
        back ? (s->cursor + s->hit_count - 1) % s->hit_count : (s->cursor + 1) % s->hit_count;
    place_cursor(t, s);
    return TUI_REDRAW;
}

static unsigned ask_delete(struct tui *t, struct journal_state *s, int64_t id)
{
    if (id == 0) {
        tui_message(t, "There is no entry here to delete.");
        return TUI_REDRAW;
    }
    s->confirm_delete = true;
    s->delete_id = id;
    return TUI_REDRAW;
}

static unsigned read_selected(struct tui *t, struct journal_state *s)
{
    int64_t id = journal_selected_id(s);
    if (id == 0) {
        tui_message(t, "There is no entry yet: a writes the first one.");
        return TUI_REDRAW;
    }
    enum odaat_err err = open_entry(t, s, id);
    if (err != ODAAT_OK) {
        tui_error(t, "Could not read the entry", err);
        return TUI_REDRAW;
    }
    s->reading = true;
    s->read_scroll = 0;
    return TUI_REDRAW;
}

/* Walks the body in rows wrapped to width columns: draws rows first to first + n - 1 from
 * row y when draw is true, and returns how many rows there are. */
static size_t body_rows(const char *body, size_t width, size_t first, size_t n, int y, bool draw);

static unsigned read_key(struct tui *t, struct journal_state *s, struct tui_key key)
{
    int action = tui_binding_find(read_bindings, COUNT_OF(read_bindings), key);
    size_t page = read_rows(t);
    size_t width = t->cols > 6 ? (size_t)t->cols - 4 : 2;
    size_t total = body_rows(s->entry.body, width, 0, 0, 0, false);
    size_t last = total > page ? total - page : 0;
    switch (action) {
    case JOURNAL_BACK:
        s->reading = false;
        free_entry(s);
        return TUI_REDRAW;
    case JOURNAL_EDIT:
        return start_editor(t, s, s->entry.meta.id);
    case JOURNAL_DELETE:
        return ask_delete(t, s, s->entry.meta.id);
    case JOURNAL_NEXT_MATCH:
    case JOURNAL_PREV_MATCH:
        if (!s->searching || s->hit_count == 0)
            return next_match(t, s, false);
        next_match(t, s, action == JOURNAL_PREV_MATCH);
        return read_selected(t, s);
    case JOURNAL_DOWN:
        s->read_scroll += s->read_scroll < last;
        return TUI_REDRAW;
    case JOURNAL_UP:
        s->read_scroll -= s->read_scroll > 0;
        return TUI_REDRAW;
    case JOURNAL_PAGE_DOWN:
        s->read_scroll = s->read_scroll + page < last ? s->read_scroll + page : last;
        return TUI_REDRAW;
    case JOURNAL_PAGE_UP:
        s->read_scroll = s->read_scroll > page ? s->read_scroll - page : 0;
        return TUI_REDRAW;
    case JOURNAL_FIRST:
        s->read_scroll = 0;
        return TUI_REDRAW;
    case JOURNAL_LAST:
        s->read_scroll = last;
        return TUI_REDRAW;
    default:
        return TUI_UNHANDLED;
    }
}

static unsigned list_key(struct tui *t, struct journal_state *s, struct tui_key key)
{
    int action = s->searching ? tui_binding_find(results_bindings, COUNT_OF(results_bindings), key)
                              : tui_binding_find(journal_bindings, COUNT_OF(journal_bindings), key);
    long page = (long)list_rows(t);
    switch (action) {
    case JOURNAL_READ:
        return read_selected(t, s);
    case JOURNAL_ADD:
        return start_editor(t, s, 0);
    case JOURNAL_EDIT:
        if (journal_selected_id(s) == 0) {
            tui_message(t, "There is no entry here to edit.");
            return TUI_REDRAW;
        }
        return start_editor(t, s, journal_selected_id(s));
    case JOURNAL_DELETE:
        return ask_delete(t, s, journal_selected_id(s));
    case JOURNAL_SEARCH:
        s->query_open = true;
        tui_field_clear(&s->query);
        return TUI_REDRAW;
    case JOURNAL_NEXT_MATCH:
        return next_match(t, s, false);
    case JOURNAL_PREV_MATCH:
        return next_match(t, s, true);
    case JOURNAL_DOWN:
        return move_cursor(t, s, 1);
    case JOURNAL_UP:
        return move_cursor(t, s, -1);
    case JOURNAL_PAGE_DOWN:
        return move_cursor(t, s, page);
    case JOURNAL_PAGE_UP:
        return move_cursor(t, s, -page);
    case JOURNAL_FIRST:
        return move_cursor(t, s, -(long)row_count(s));
    case JOURNAL_LAST:
        return move_cursor(t, s, (long)row_count(s));
    case JOURNAL_BACK:
        if (!s->searching)
            return TUI_UNHANDLED;
        free_hits(s);
        s->searching = false;
        s->cursor = s->list_cursor;
        s->top = s->list_top;
        place_cursor(t, s);
        return TUI_REDRAW;
    default:
        return TUI_UNHANDLED;
    }
}

static unsigned journal_key(struct tui *t, void *state, struct tui_key key)
{
    struct journal_state *s = state;
    if (tui_editor_is_open(&s->editor))
        return editor_key(t, s, key);
    if (s->confirm_delete)
        return confirm_key(t, s, key);
    if (s->query_open)
        return query_key(t, s, key);
    if (s->reading && s->has_entry)
        return read_key(t, s, key);
    return list_key(t, s, key);
}

static unsigned journal_request(struct tui *t, void *state, enum tui_request request)
{
    struct journal_state *s = state;
    if (request != TUI_REQUEST_ADD || tui_editor_is_open(&s->editor))
        return TUI_REDRAW;
    s->confirm_delete = false;
    s->query_open = false;
    return start_editor(t, s, 0);
}

static bool journal_typing(const void *state)
{
    const struct journal_state *s = state;
    return tui_editor_is_open(&s->editor) || s->query_open || s->confirm_delete;
}

static const struct tui_binding *journal_mode_bindings(const void *state, size_t *count)
{
    const struct journal_state *s = state;
    if (tui_editor_is_open(&s->editor))
        return tui_editor_bindings(&s->editor, count);
    if (s->confirm_delete) {
        *count = COUNT_OF(confirm_bindings);
        return confirm_bindings;
    }
    if (s->query_open) {
        *count = COUNT_OF(query_bindings);
        return query_bindings;
    }
    if (s->reading) {
        *count = COUNT_OF(read_bindings);
        return read_bindings;
    }
    if (s->searching) {
        *count = COUNT_OF(results_bindings);
        return results_bindings;
    }
    return NULL;
}

/* ==== Drawing ================================================================================= */

/* "Mon 23 Nov" for this year, "23 Nov 2025" for another; the creation time's local day. */
static void entry_date(const struct tui *t, const char *created_at, char *out, size_t size)
{
    struct clock_moment m;
    if (app_local_moment(created_at, &m) != ODAAT_OK) {
        snprintf(out, size, "%.10s", created_at);
        return;
    }
    bool this_year = date_to_ymd(m.date).year == date_to_ymd(app_today(t->app)).year;
    tui_date(out, size, m.date, this_year ? TUI_DATE_SHORT : TUI_DATE_MEDIUM);
}

/* Copies at most size - 1 bytes of text on one line: line breaks, tabs and other control
 * characters become spaces; a character is never cut. */
static void one_line(char *out, size_t size, const char *text)
{
    size_t n = 0;
    for (; text != NULL && text[n] != '\0' && n + 1 < size; n++) {
        unsigned char c = (unsigned char)text[n];
        out[n] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
    }
    while (n > 0 && text != NULL && text[n] != '\0' && ((unsigned char)text[n] & 0xc0) == 0x80)
        n--;
    out[n] = '\0';
}

/* The columns bytes from..to of a snippet take on screen, its match marks left out. */
static size_t marked_width(const char *from, const char *to)
{
    char plain[512];
    size_t n = 0;
    for (const char *p = from; p < to && n + 1 < sizeof plain; p++) {
        if (*p != STORE_MATCH_OPEN[0] && *p != STORE_MATCH_CLOSE[0])
            plain[n++] = *p;
    }
    plain[n] = '\0';
    size_t width = tui_width(plain);
    crypto_wipe(plain, sizeof plain);
    return width;
}

/* Draws text with the store's match marks from (y, x) in at most cols columns: the marked
 * parts in TUI_ROLE_MATCH, the rest in role, and "…" where text was left out. When the first
 * match would fall past the right edge, the text starts later so the match shows. */
static void draw_marked(const struct tui *t, int y, int x, int cols, enum tui_role role,
                        const char *text)
{
    const char *ellipsis = tui_glyphs(t)->ellipsis;
    const char *p = text;
    const char *first = strchr(text, STORE_MATCH_OPEN[0]);
    if (first != NULL && (int)marked_width(text, first) > cols / 2) {
        while (p < first && (int)marked_width(p, first) > cols / 3) {
            p++;
            while (p < first && ((unsigned char)*p & 0xc0) == 0x80)
                p++;
        }
        x += draw_text(y, x, 1, role, ellipsis);
        cols--;
    }
    bool cut = (int)marked_width(p, p + strlen(p)) > cols;
    int room = cut ? cols - 1 : cols;
    enum tui_role now = role;
    char piece[512];
    while (*p != '\0' && room > 0) {
        size_t len = strcspn(p, STORE_MATCH_OPEN STORE_MATCH_CLOSE);
        if (len >= sizeof piece)
            len = sizeof piece - 1;
        one_line(piece, len + 1, p);
        int used = draw_text(y, x, room, now, piece);
        x += used;
        room -= used;
        if ((int)tui_width(piece) > used)
            break;
        p += len;
        if (*p == STORE_MATCH_OPEN[0] || *p == STORE_MATCH_CLOSE[0]) {
            now = *p == STORE_MATCH_OPEN[0] ? TUI_ROLE_MATCH : role;
            p++;
        }
    }
    if (cut)
        draw_text(y, x, 1, role, ellipsis);
    crypto_wipe(piece, sizeof piece);
}

/* One row of the list: the pointer, the date, the title and then the first words (or the
 * hit's snippet, marked). */
static void draw_list_row(const struct tui *t, int y, bool selected, const char *date,
                          const char *title, const char *words, bool marked)
{
    int right = t->cols - 2;
    enum tui_role role = selected ? TUI_ROLE_SELECTED : TUI_ROLE_NORMAL;
    if (selected) {
        char bar[512];
        int w = right - COL_POINTER;
        w = w < (int)sizeof bar - 1 ? w : (int)sizeof bar - 1;
        memset(bar, ' ', (size_t)w);
        bar[w] = '\0';
        draw_text(y, COL_POINTER, w, role, bar);
        draw_text(y, COL_POINTER, 1, role, tui_glyphs(t)->pointer);
    }
    draw_text(y, COL_DATE, COL_TITLE - COL_DATE - 1, role, date);
    char buf[512];
    int preview_x = COL_TITLE;
    if (title != NULL && title[0] != '\0') {
        one_line(buf, sizeof buf, title);
        char fitted[sizeof buf];
        tui_fit(fitted, sizeof fitted, buf, COL_PREVIEW - COL_TITLE - 2, t->utf8);
        draw_text(y, COL_TITLE, COL_PREVIEW - COL_TITLE - 2, selected ? role : TUI_ROLE_TITLE,
                  fitted);
        crypto_wipe(fitted, sizeof fitted);
        preview_x = COL_PREVIEW;
    }
    int cols = right - preview_x;
    if (cols > 0 && words != NULL) {
        if (marked) {
            draw_marked(t, y, preview_x, cols, selected ? role : TUI_ROLE_MUTED, words);
        } else {
            one_line(buf, sizeof buf, words);
            char fitted[sizeof buf];
            tui_fit(fitted, sizeof fitted, buf, (size_t)cols, t->utf8);
            draw_text(y, preview_x, cols, selected ? role : TUI_ROLE_MUTED, fitted);
            crypto_wipe(fitted, sizeof fitted);
        }
    }
    crypto_wipe(buf, sizeof buf);
}

static void draw_header(const struct tui *t, const struct journal_state *s, int y)
{
    char count[32];
    output_count((long long)s->total, count, sizeof count);
    draw_printf(y, 2, -1, TUI_ROLE_TITLE, "Journal %s %s entr%s", tui_glyphs(t)->dot, count,
                s->total == 1 ? "y" : "ies");
    int x = t->cols - 2 - QUERY_COLS - 10;
    if (s->query_open) {
        draw_text(y, x, 10, TUI_ROLE_ACCENT, "/ search: ");
        tui_field_draw(t, &s->query, y, x + 10, QUERY_COLS, true);
    } else if (s->searching) {
        char shown[QUERY_COLS * 4 + 1], quoted[sizeof shown + 8];
        tui_fit(shown, sizeof shown, s->searched.text, QUERY_COLS - 2, t->utf8);
        snprintf(quoted, sizeof quoted, "\"%s\"", shown);
        draw_text(y, x, 10, TUI_ROLE_MUTED, "/ search: ");
        draw_text(y, x + 10, QUERY_COLS, TUI_ROLE_ACCENT, quoted);
        crypto_wipe(shown, sizeof shown);
        crypto_wipe(quoted, sizeof quoted);
    }
}

static void draw_list(struct tui *t, struct journal_state *s)
{
    int y = t->body_top;
    int width = t->cols - 4;
    size_t rows = list_rows(t);
    place_cursor(t, s); /* the terminal may have changed size since the last key */
    draw_header(t, s, y);
    draw_hline(t, y + 1, 2, width, TUI_ROLE_MUTED);
    int first = y + 2;
    char date[32], status[96], n1[32], n2[32];
    if (s->searching && s->hit_count == 0) {
        draw_printf(first + 1, 4, width - 2, TUI_ROLE_MUTED,
                    "Nothing found for \"%s\". Other words may find it.", s->searched.text);
    } else if (!s->searching && s->total == 0) {
        draw_text(first + 1, 4, width - 2, TUI_ROLE_MUTED,
                  "No entries yet. Press a to write the first one: a few lines are plenty.");
    }
    size_t n = row_count(s);
    for (size_t i = s->top; i < n && i < s->top + rows; i++) {
        int row_y = first + (int)(i - s->top);
        if (s->searching) {
            const struct journal_hit *h = &s->hits[i];
            entry_date(t, h->created_at, date, sizeof date);
            draw_list_row(t, row_y, i == s->cursor, date, h->title, h->snippet, true);
            continue;
        }
        const struct journal_entry *e = journal_window_entry(s, i);
        if (e == NULL)
            continue;
        entry_date(t, e->meta.created_at, date, sizeof date);
        draw_list_row(t, row_y, i == s->cursor, date, e->title, e->body, false);
    }
    draw_hline(t, first + (int)rows, 2, width, TUI_ROLE_MUTED);
    status[0] = '\0';
    if (s->searching && s->hit_count == 0)
        snprintf(status, sizeof status, "No matches");
    else if (s->searching)
        snprintf(status, sizeof status, "%s of %s%s match%s",
                 output_count(s->hit_count > 0 ? (long long)s->cursor + 1 : 0, n1, sizeof n1),
                 output_count((long long)s->hit_count, n2, sizeof n2), s->hits_capped ? "+" : "",
                 s->hit_count == 1 && !s->hits_capped ? "" : "es");
    else if (s->total > 0)
        snprintf(status, sizeof status, "Entry %s of %s, newest first",
                 output_count((long long)s->cursor + 1, n1, sizeof n1),
                 output_count((long long)s->total, n2, sizeof n2));
    draw_text(first + (int)rows + 1, 2, width, TUI_ROLE_MUTED, status);
}

/* Draws bytes from..to of text at (y, x): tabs as four spaces, as the editor shows them. */
static void draw_piece(int y, int x, int cols, const char *text, size_t from, size_t to)
{
    char row[1024];
    size_t n = 0;
    for (size_t i = from; i < to && n + 4 < sizeof row; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\t') {
            memcpy(row + n, "    ", 4);
            n += 4;
        } else {
            row[n++] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
        }
    }
    row[n] = '\0';
    draw_text(y, x, cols, TUI_ROLE_NORMAL, row);
    crypto_wipe(row, sizeof row);
}

static size_t body_rows(const char *body, size_t width, size_t first, size_t n, int y, bool draw)
{
    size_t row = 0;
    const char *line = body != NULL ? body : "";
    for (;;) {
        size_t len = strcspn(line, "\n");
        size_t *starts = malloc((len + 1) * sizeof *starts);
        if (starts == NULL)
            return row + 1;
        size_t count = editbuf_wrap(line, len, width, starts, len + 1);
        for (size_t r = 0; r < count; r++, row++) {
            if (draw && row >= first && row < first + n) {
                size_t end = r + 1 < count ? starts[r + 1] : len;
                draw_piece(y + (int)(row - first), 2, (int)width, line, starts[r], end);
            }
        }
        free(starts);
        if (line[len] == '\0')
            return row;
        line += len + 1;
    }
}

static void draw_reading(struct tui *t, struct journal_state *s)
{
    const struct journal_entry *e = &s->entry;
    int y = t->body_top;
    int width = t->cols - 4;
    char when[64], line[160];
    struct clock_moment m;
    if (app_local_moment(e->meta.created_at, &m) == ODAAT_OK) {
        tui_date(when, sizeof when, m.date, TUI_DATE_FULL);
        if (m.has_time) {
            size_t len = strlen(when);
            snprintf(when + len, sizeof when - len, " at %02d:%02d", m.minute / 60, m.minute % 60);
        }
    } else {
        snprintf(when, sizeof when, "%s", e->meta.created_at);
    }
    if (e->title != NULL && e->title[0] != '\0') {
        char title[512];
        one_line(title, sizeof title, e->title);
        draw_text(y, 2, width, TUI_ROLE_TITLE, title);
        crypto_wipe(title, sizeof title);
    } else {
        draw_text(y, 2, width, TUI_ROLE_TITLE, "Untitled");
    }
    int len = snprintf(line, sizeof line, "%s", when);
    const char *dot = tui_glyphs(t)->dot;
    if (e->has_step && len > 0 && (size_t)len < sizeof line)
        len += snprintf(line + len, sizeof line - (size_t)len, " %s step %d", dot, e->step);
    if (e->has_mood && e->mood >= 1 && e->mood <= 5 && len > 0 && (size_t)len < sizeof line)
        snprintf(line + len, sizeof line - (size_t)len, " %s mood %d %s", dot, e->mood,
                 mood_words[e->mood]);
    draw_text(y + 1, 2, width, TUI_ROLE_MUTED, line);
    draw_hline(t, y + 2, 2, width, TUI_ROLE_MUTED);
    size_t rows = read_rows(t);
    size_t total = body_rows(e->body, (size_t)width, 0, 0, 0, false);
    if (s->read_scroll + rows > total)
        s->read_scroll = total > rows ? total - rows : 0;
    body_rows(e->body, (size_t)width, s->read_scroll, rows, y + 3, true);
    if (total > rows) {
        char n1[32], n2[32], n3[32];
        size_t last = s->read_scroll + rows < total ? s->read_scroll + rows : total;
        snprintf(line, sizeof line, "Lines %s-%s of %s",
                 output_count((long long)s->read_scroll + 1, n1, sizeof n1),
                 output_count((long long)last, n2, sizeof n2),
                 output_count((long long)total, n3, sizeof n3));
        draw_text(y + 3 + (int)rows, 2, width, TUI_ROLE_MUTED, line);
    }
}

static void journal_draw(struct tui *t, void *state)
{
    struct journal_state *s = state;
    if (tui_editor_is_open(&s->editor)) {
        draw_text(t->body_top, 2, t->cols - 4, TUI_ROLE_ACCENT, s->edit_heading);
        tui_editor_resize(&s->editor, t->cols, t->body_rows - 1);
        tui_editor_draw(t, &s->editor, t->body_top + 1, t->body_rows - 1);
        return;
    }
    if (s->reading && s->has_entry)
        draw_reading(t, s);
    else
        draw_list(t, s);
    if (s->confirm_delete) {
        static const char *const lines[] = {"Delete this entry? It cannot be brought back."};
        widget_draw_question(t, "Delete", lines, COUNT_OF(lines), "delete it", "keep it");
    }
}

const struct tui_screen tui_screen_journal = {
    .title = "Journal",
    .bindings = journal_bindings,
    .binding_count = COUNT_OF(journal_bindings),
    .state_size = sizeof(struct journal_state),
    .load = journal_load,
    .unload = journal_unload,
    .key = journal_key,
    .draw = journal_draw,
    .typing = journal_typing,
    .mode_bindings = journal_mode_bindings,
    .request = journal_request,
    .modes = journal_modes,
    .mode_count = COUNT_OF(journal_modes),
    .keep = journal_keep,
};
