/*
 * test_tui_journal: the built-in editor and the Journal screen, driven by keys without a
 * terminal. The editor: wide characters and wrapped rows, word and row motions, undo, the
 * title and the text taking turns at the keyboard, the question before changes are thrown
 * away. The screen, over the demo's sample data: the list read a window at a time, reading
 * an entry, writing a new one and editing one through the editor's keys, deleting after a
 * question (y deletes, n keeps), and search with its n/N. Records are checked through the
 * app afterwards, as the command line would see them. What the editor holds is kept (saved)
 * before a lock or a quit. Last, every screen's key tables: no key listed twice, every key
 * with a few words of help.
 *
 * The screen's state comes from tui_journal.h; the keys go to the screen in tui_screens[].
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/store.h"
#include "tui_editor.h"
#include "tui_fixture.h"
#include "tui_internal.h"
#include "tui_journal.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ==== The editor =========================================================================== */

static struct tui_editor *editor_new(const char *title, const char *body)
{
    struct tui_editor *ed = calloc(1, sizeof *ed);
    assert_non_null(ed);
    assert_int_equal(tui_editor_open(ed, title, body), ODAAT_OK);
    tui_editor_resize(ed, 80, 20); /* 76 columns of text, 17 rows */
    return ed;
}

static void editor_free(struct tui_editor *ed)
{
    tui_editor_close(ed);
    assert_false(tui_editor_is_open(ed));
    free(ed);
}

static enum tui_editor_event ed_key(struct tui_editor *ed, struct tui_key key)
{
    return tui_editor_key(ed, key);
}

/* Types UTF-8 text into the editor one character at a time; each must be taken. */
static void ed_type(struct tui_editor *ed, const char *text)
{
    while (*text != '\0')
        assert_int_equal(ed_key(ed, tui_fixture_next_char(&text)), TUI_EDITOR_HANDLED);
}

static void assert_body(const struct tui_editor *ed, const char *want)
{
    char *body = NULL;
    assert_int_equal(tui_editor_body(ed, &body), ODAAT_OK);
    assert_string_equal(body, want);
    editbuf_text_free(body);
}

static void assert_status(const struct tui_editor *ed, const char *want)
{
    char status[128];
    tui_editor_status(ed, "·", status, sizeof status);
    assert_string_equal(status, want);
}

static void test_a_new_entry_starts_in_the_title_and_enter_moves_to_the_text(void **state)
{
    (void)state;
    struct tui_editor *ed = editor_new(NULL, NULL);
    assert_false(ed->on_body);
    ed_type(ed, "After the meeting");
    assert_int_equal(ed_key(ed, tui_code(TUI_KEY_ENTER)), TUI_EDITOR_HANDLED);
    assert_true(ed->on_body);
    ed_type(ed, "Called my sponsor.");
    assert_string_equal(tui_editor_title(ed), "After the meeting");
    assert_body(ed, "Called my sponsor.");
    /* Tab goes back to the title, and typing goes there again. */
    assert_int_equal(ed_key(ed, tui_code(TUI_KEY_TAB)), TUI_EDITOR_HANDLED);
    assert_false(ed->on_body);
    ed_type(ed, "!");
    assert_string_equal(tui_editor_title(ed), "After the meeting!");
    assert_body(ed, "Called my sponsor.");
    editor_free(ed);
}

static void test_an_entry_with_text_starts_in_the_text_at_its_end(void **state)
{
    (void)state;
    struct tui_editor *ed = editor_new("Tonight", "one\ntwo");
    assert_true(ed->on_body);
    assert_status(ed, "Ln 2, Col 4 · 6 characters");
    editor_free(ed);
}

static void test_wide_and_accented_characters_are_typed_whole(void **state)
{
    (void)state;
    struct tui_editor *ed = editor_new("x", NULL);
    ed_type(ed, "一日一日 Élodie");
    assert_body(ed, "一日一日 Élodie");
    assert_status(ed, "Ln 1, Col 12 · 11 characters");
    /* Backspace and Left take whole characters, never a byte of one. */
    assert_int_equal(ed_key(ed, tui_code(TUI_KEY_HOME)), TUI_EDITOR_HANDLED);
    ed_key(ed, tui_code(TUI_KEY_RIGHT));
    ed_key(ed, tui_code(TUI_KEY_RIGHT));
    assert_status(ed, "Ln 1, Col 3 · 11 characters");
    ed_key(ed, tui_code(TUI_KEY_BACKSPACE));
    assert_body(ed, "一一日 Élodie");
    ed_key(ed, tui_code(TUI_KEY_DELETE));
    assert_body(ed, "一日 Élodie");
    editor_free(ed);
}

static void test_wide_text_wraps_to_the_width_in_columns(void **state)
{
    (void)state;
    struct tui_editor *ed = editor_new("x", NULL);
    tui_editor_resize(ed, 14, 10); /* 10 columns of text */
    ed_type(ed, "一日一日一日");   /* 12 columns: two rows, a wide character never split */
    assert_int_equal(tui_editor_cursor_row(ed), 1);
    /* Up moves a wrapped row within the line, to the nearest column not past the goal. */
    assert_int_equal(ed_key(ed, tui_code(TUI_KEY_UP)), TUI_EDITOR_HANDLED);
    assert_int_equal(tui_editor_cursor_row(ed), 0);
    assert_true(ed->on_body);
    assert_status(ed, "Ln 1, Col 2 · 6 characters");
    editor_free(ed);
}

static void test_word_motions_jump_over_words(void **state)
{
    (void)state;
    struct tui_editor *ed = editor_new("x", "one day at a time");
    ed_key(ed, tui_code(TUI_KEY_CTRL_LEFT));
    assert_status(ed, "Ln 1, Col 14 · 17 characters");
    ed_key(ed, tui_code(TUI_KEY_CTRL_LEFT));
    ed_key(ed, tui_code(TUI_KEY_CTRL_LEFT));
    assert_status(ed, "Ln 1, Col 9 · 17 characters");
    ed_key(ed, tui_code(TUI_KEY_CTRL_RIGHT));
    assert_status(ed, "Ln 1, Col 11 · 17 characters");
    /* In the title the same keys move by words too. */
    ed_key(ed, tui_code(TUI_KEY_TAB));
    ed_type(ed, " two");
    ed_key(ed, tui_code(TUI_KEY_CTRL_LEFT));
    assert_int_equal(ed->title.cursor, 2);
    editor_free(ed);
}

static void test_up_and_down_move_by_rows_and_up_from_the_top_reaches_the_title(void **state)
{
    (void)state;
    struct tui_editor *ed = editor_new("x", "first line\nsecond\nthird line");
    ed_key(ed, tui_code(TUI_KEY_UP));
    assert_status(ed, "Ln 2, Col 7 · 26 characters"); /* the end of "second" */
    ed_key(ed, tui_code(TUI_KEY_UP));
    assert_status(ed, "Ln 1, Col 11 · 26 characters"); /* the goal column is kept */
    ed_key(ed, tui_code(TUI_KEY_DOWN));
    ed_key(ed, tui_code(TUI_KEY_DOWN));
    assert_status(ed, "Ln 3, Col 11 · 26 characters");
    ed_key(ed, tui_code(TUI_KEY_PGUP));
    assert_status(ed, "Ln 1, Col 11 · 26 characters");
    ed_key(ed, tui_code(TUI_KEY_UP));
    assert_false(ed->on_body);
    /* Down (or Enter) from the title goes back into the text. */
    ed_key(ed, tui_code(TUI_KEY_DOWN));
    assert_true(ed->on_body);
    editor_free(ed);
}

static void test_page_down_moves_a_screen_and_scrolls_with_it(void **state)
{
    (void)state;
    struct tui_editor *ed = editor_new("x", NULL);
    for (int i = 0; i < 40; i++) {
        ed_type(ed, "a line");
        ed_key(ed, tui_code(TUI_KEY_ENTER));
    }
    assert_int_equal(ed->scroll, 40 - 17 + 1); /* the cursor's row shows at the bottom */
    ed_key(ed, tui_ctrl('z'));                 /* nothing to do with paging: the last Enter goes */
    for (int i = 0; i < 5; i++)
        ed_key(ed, tui_code(TUI_KEY_PGUP));
    assert_int_equal(tui_editor_cursor_row(ed), 0);
    assert_int_equal(ed->scroll, 0);
    ed_key(ed, tui_code(TUI_KEY_PGDN));
    assert_int_equal(tui_editor_cursor_row(ed), 16);
    assert_true(ed->scroll > 0);
    editor_free(ed);
}

static void test_ctrl_z_undoes_a_run_of_typing_then_the_line_break(void **state)
{
    (void)state;
    struct tui_editor *ed = editor_new("x", NULL);
    ed_type(ed, "abc");
    ed_key(ed, tui_code(TUI_KEY_ENTER));
    ed_type(ed, "一日");
    assert_int_equal(ed_key(ed, tui_ctrl('z')), TUI_EDITOR_HANDLED);
    assert_body(ed, "abc\n");
    ed_key(ed, tui_ctrl('z'));
    assert_body(ed, "abc");
    ed_key(ed, tui_ctrl('z'));
    assert_body(ed, "");
    /* In the title, Ctrl-Z gives back what it held when it took the keyboard. */
    ed_key(ed, tui_code(TUI_KEY_TAB));
    ed_type(ed, "yz");
    assert_string_equal(tui_editor_title(ed), "xyz");
    ed_key(ed, tui_ctrl('z'));
    assert_string_equal(tui_editor_title(ed), "x");
    editor_free(ed);
}

static void test_esc_leaves_at_once_when_nothing_changed(void **state)
{
    (void)state;
    struct tui_editor *ed = editor_new("Tonight", "text");
    assert_false(tui_editor_changed(ed));
    assert_int_equal(ed_key(ed, tui_code(TUI_KEY_ESC)), TUI_EDITOR_CANCEL);
    /* A change undone is no change. */
    ed_type(ed, "!");
    ed_key(ed, tui_ctrl('z'));
    assert_int_equal(ed_key(ed, tui_code(TUI_KEY_ESC)), TUI_EDITOR_CANCEL);
    editor_free(ed);
}

static void test_esc_after_a_change_asks_and_only_y_throws_it_away(void **state)
{
    (void)state;
    struct tui_editor *ed = editor_new("Tonight", "text");
    ed_type(ed, " more");
    assert_true(tui_editor_changed(ed));
    assert_int_equal(ed_key(ed, tui_code(TUI_KEY_ESC)), TUI_EDITOR_HANDLED);
    assert_true(ed->asking);
    size_t n = 0;
    const struct tui_binding *b = tui_editor_bindings(ed, &n);
    assert_string_equal(b[0].name, "y");
    /* Other keys neither answer nor type. */
    assert_int_equal(ed_key(ed, tui_char('q')), TUI_EDITOR_HANDLED);
    assert_true(ed->asking);
    assert_body(ed, "text more");
    assert_int_equal(ed_key(ed, tui_char('n')), TUI_EDITOR_HANDLED);
    assert_false(ed->asking);
    ed_type(ed, "!");
    assert_body(ed, "text more!");
    ed_key(ed, tui_code(TUI_KEY_ESC));
    assert_int_equal(ed_key(ed, tui_char('y')), TUI_EDITOR_CANCEL);
    /* A changed title counts too. */
    editor_free(ed);
    ed = editor_new("Tonight", "text");
    ed_key(ed, tui_code(TUI_KEY_TAB));
    ed_key(ed, tui_code(TUI_KEY_BACKSPACE));
    assert_int_equal(ed_key(ed, tui_code(TUI_KEY_ESC)), TUI_EDITOR_HANDLED);
    assert_true(ed->asking);
    editor_free(ed);
}

static void test_ctrl_s_asks_the_owner_to_save(void **state)
{
    (void)state;
    struct tui_editor *ed = editor_new(NULL, NULL);
    assert_true(tui_editor_blank(ed));
    assert_int_equal(ed_key(ed, tui_ctrl('s')), TUI_EDITOR_SAVE);
    ed_key(ed, tui_code(TUI_KEY_ENTER));
    ed_type(ed, "  ");
    ed_key(ed, tui_code(TUI_KEY_ENTER));
    assert_true(tui_editor_blank(ed));
    ed_type(ed, "q1?");
    assert_false(tui_editor_blank(ed));
    assert_body(ed, "  \nq1?");
    editor_free(ed);
}

static void test_text_from_a_pipe_with_carriage_returns_opens(void **state)
{
    (void)state;
    struct tui_editor *ed = editor_new(NULL, "one\r\ntwo\x01three");
    assert_body(ed, "one\ntwo three");
    assert_false(tui_editor_changed(ed));
    editor_free(ed);
}

static void test_the_title_stops_at_the_short_text_limit(void **state)
{
    (void)state;
    struct tui_editor *ed = editor_new(NULL, NULL);
    for (int i = 0; i < APP_SHORT_TEXT_MAX + 20; i++)
        ed_key(ed, tui_char('a'));
    assert_int_equal(strlen(tui_editor_title(ed)), APP_SHORT_TEXT_MAX);
    assert_true(app_short_text_valid(tui_editor_title(ed)));
    editor_free(ed);
}

/* ==== The Journal screen ==================================================================== */

static int setup(void **state)
{
    *state = tui_fixture_open(TUI_SCREEN_JOURNAL);
    return *state != NULL ? 0 : -1;
}

static struct journal_state *journal(struct tui_fixture *f)
{
    return tui_fixture_state(&f->t, TUI_SCREEN_JOURNAL);
}

static unsigned press(struct tui_fixture *f, struct tui_key key)
{
    return tui_fixture_key(&f->t, TUI_SCREEN_JOURNAL, key);
}

static void type(struct tui_fixture *f, const char *text)
{
    tui_fixture_type(&f->t, TUI_SCREEN_JOURNAL, text);
}

/* After a change the loop marks every screen stale; the next look reloads. */
static struct journal_state *reload(struct tui_fixture *f)
{
    tui_invalidate(&f->t);
    return journal(f);
}

static bool typing(struct tui_fixture *f)
{
    return tui_fixture_typing(&f->t, TUI_SCREEN_JOURNAL);
}

/* Opens a new entry with a and types its title and text, without saving. */
static void write_entry(struct tui_fixture *f, const char *title, const char *body)
{
    press(f, tui_char('a'));
    type(f, title);
    press(f, tui_code(TUI_KEY_ENTER));
    type(f, body);
}

/* Rows of the list at 80x24: the body's 20 less the heading, two rules and the status line;
 * the reading view has as many for the text (less the title, the date, a rule and a line
 * count). */
#define LIST_ROWS 16
#define READ_ROWS 16

static size_t entry_count(struct tui_fixture *f)
{
    size_t n = 0;
    assert_int_equal(app_journal_count(f->t.app, &n), ODAAT_OK);
    return n;
}

/* The newest entry, as the app gives it (free with store_journal_free). */
static struct journal_entry newest(struct tui_fixture *f)
{
    struct journal_entry *list = NULL;
    size_t n = 0;
    assert_int_equal(app_journal_page(f->t.app, 0, 1, &list, &n), ODAAT_OK);
    assert_int_equal(n, 1);
    struct journal_entry e = list[0];
    free(list); /* the fields now belong to e */
    return e;
}

static void add_entries(struct tui_fixture *f, int n)
{
    for (int i = 0; i < n; i++) {
        struct journal_entry e = {.title = (char *)(uintptr_t) "More",
                                  .body = (char *)(uintptr_t) "Another day."};
        assert_int_equal(app_journal_add(f->t.app, &e), ODAAT_OK);
    }
}

static void test_the_list_counts_every_entry_and_starts_at_the_newest(void **state)
{
    struct tui_fixture *f = *state;
    struct journal_state *s = journal(f);
    assert_int_equal(s->total, entry_count(f));
    assert_int_equal(s->cursor, 0);
    struct journal_entry e = newest(f);
    assert_int_equal(journal_selected_id(s), e.meta.id);
    store_journal_free(&e);
    assert_false(typing(f));
}

static void test_the_list_reads_only_a_window_around_the_cursor(void **state)
{
    struct tui_fixture *f = *state;
    add_entries(f, 200);
    struct journal_state *s = reload(f);
    size_t total = entry_count(f);
    assert_int_equal(s->total, total);
    assert_true(s->window_count < total);
    assert_int_equal(s->window_offset, 0);
    assert_int_equal(press(f, tui_code(TUI_KEY_END)), TUI_REDRAW);
    assert_int_equal(s->cursor, total - 1);
    assert_true(s->window_offset > 0);
    assert_true(s->window_count < total);
    assert_non_null(journal_window_entry(s, s->cursor));
    assert_non_null(journal_window_entry(s, s->top));
    /* The oldest entry is the demo's first. */
    struct journal_entry *all = NULL;
    size_t n = 0;
    assert_int_equal(app_journal_list(f->t.app, &all, &n), ODAAT_OK);
    assert_int_equal(journal_selected_id(s), all[n - 1].meta.id);
    store_journal_list_free(all, n);
    press(f, tui_char('g'));
    assert_int_equal(s->cursor, 0);
    assert_int_equal(s->window_offset, 0);
    /* j, k and PgDn move; the cursor stays on screen. */
    press(f, tui_char('j'));
    press(f, tui_code(TUI_KEY_PGDN));
    assert_int_equal(s->cursor, 1 + LIST_ROWS);
    assert_true(s->cursor >= s->top && s->cursor < s->top + LIST_ROWS);
    press(f, tui_char('k'));
    assert_int_equal(s->cursor, LIST_ROWS);
}

static void test_enter_reads_the_entry_and_esc_goes_back(void **state)
{
    struct tui_fixture *f = *state;
    struct journal_state *s = journal(f);
    press(f, tui_code(TUI_KEY_DOWN));
    int64_t id = journal_selected_id(s);
    assert_int_equal(press(f, tui_code(TUI_KEY_ENTER)), TUI_REDRAW);
    assert_true(s->reading);
    assert_int_equal(s->entry.meta.id, id);
    assert_non_null(s->entry.body);
    size_t n = 0;
    const struct tui_mode_keys *reading = tui_fixture_mode(TUI_SCREEN_JOURNAL, "reading");
    assert_ptr_equal(tui_screens[TUI_SCREEN_JOURNAL]->mode_bindings(s, &n), reading->bindings);
    assert_int_equal(n, reading->count);
    /* Keys every screen shares still work while reading. */
    assert_true(press(f, tui_char('q')) & TUI_UNHANDLED);
    assert_int_equal(press(f, tui_code(TUI_KEY_ESC)), TUI_REDRAW);
    assert_false(s->reading);
    assert_false(s->has_entry);
    assert_int_equal(s->cursor, 1);
}

static void test_reading_scrolls_a_long_entry_and_stops_at_its_end(void **state)
{
    struct tui_fixture *f = *state;
    char body[4000] = "";
    for (int i = 0; i < 60; i++)
        strcat(body, "A line of a long entry.\n");
    struct journal_entry e = {.title = (char *)(uintptr_t) "Long", .body = body};
    assert_int_equal(app_journal_add(f->t.app, &e), ODAAT_OK);
    struct journal_state *s = reload(f);
    press(f, tui_code(TUI_KEY_ENTER));
    assert_int_equal(s->entry.meta.id, e.meta.id);
    press(f, tui_char('j'));
    assert_int_equal(s->read_scroll, 1);
    press(f, tui_code(TUI_KEY_END));
    size_t rows = 61; /* sixty short lines and the empty one after the last line break */
    assert_int_equal(s->read_scroll, rows - READ_ROWS);
    press(f, tui_code(TUI_KEY_DOWN));
    assert_int_equal(s->read_scroll, rows - READ_ROWS);
    press(f, tui_code(TUI_KEY_PGUP));
    press(f, tui_code(TUI_KEY_PGUP));
    press(f, tui_code(TUI_KEY_PGUP));
    press(f, tui_code(TUI_KEY_PGUP));
    assert_int_equal(s->read_scroll, 0);
}

static void test_a_new_entry_written_with_the_editor_keys_is_stored(void **state)
{
    struct tui_fixture *f = *state;
    size_t before = entry_count(f);
    assert_int_equal(press(f, tui_char('a')), TUI_REDRAW);
    struct journal_state *s = journal(f);
    assert_true(tui_editor_is_open(&s->editor));
    assert_true(typing(f));
    type(f, "After the meeting");
    press(f, tui_code(TUI_KEY_ENTER));
    type(f, "一日一日. Élodie said it, and q and 3 are just letters here.");
    press(f, tui_code(TUI_KEY_ENTER));
    type(f, "Called my sponsor.");
    unsigned flags = press(f, tui_ctrl('s'));
    assert_int_equal(flags, TUI_CHANGED | TUI_REDRAW);
    assert_false(tui_editor_is_open(&s->editor));
    assert_string_equal(f->t.message, "Saved.");
    assert_int_equal(entry_count(f), before + 1);
    struct journal_entry *list = NULL;
    size_t n = 0;
    assert_int_equal(app_journal_list(f->t.app, &list, &n), ODAAT_OK);
    size_t at = n;
    for (size_t i = 0; i < n; i++) {
        if (list[i].title != NULL && strcmp(list[i].title, "After the meeting") == 0)
            at = i;
    }
    assert_true(at < n);
    struct journal_entry whole = {0};
    assert_int_equal(app_journal_get(f->t.app, list[at].meta.id, &whole), ODAAT_OK);
    assert_string_equal(whole.body, "一日一日. Élodie said it, and q and 3 are just letters here.\n"
                                    "Called my sponsor.");
    store_journal_free(&whole);
    /* The list goes to the top, where the newest (this one, dated now) is selected. */
    s = reload(f);
    assert_int_equal(s->total, before + 1);
    assert_int_equal(s->cursor, 0);
    assert_int_equal(journal_selected_id(s), list[0].meta.id);
    store_journal_list_free(list, n);
}

static void test_a_blank_entry_is_refused_kindly_and_the_editor_stays(void **state)
{
    struct tui_fixture *f = *state;
    size_t before = entry_count(f);
    write_entry(f, "Only a title", "   ");
    assert_int_equal(press(f, tui_ctrl('s')), TUI_REDRAW);
    struct journal_state *s = journal(f);
    assert_true(tui_editor_is_open(&s->editor));
    assert_non_null(strstr(f->t.message, "few words"));
    assert_false(f->t.message_error);
    assert_int_equal(entry_count(f), before);
    /* Esc asks (something was typed); y leaves, and nothing is stored. */
    press(f, tui_code(TUI_KEY_ESC));
    assert_true(typing(f));
    assert_int_equal(press(f, tui_char('y')), TUI_REDRAW);
    assert_false(tui_editor_is_open(&s->editor));
    assert_int_equal(entry_count(f), before);
}

static void test_e_edits_the_selected_entry(void **state)
{
    struct tui_fixture *f = *state;
    struct journal_state *s = journal(f);
    press(f, tui_code(TUI_KEY_DOWN));
    press(f, tui_code(TUI_KEY_DOWN));
    int64_t id = journal_selected_id(s);
    struct journal_entry before;
    assert_int_equal(app_journal_get(f->t.app, id, &before), ODAAT_OK);
    assert_int_equal(press(f, tui_char('e')), TUI_REDRAW);
    assert_true(tui_editor_is_open(&s->editor));
    assert_string_equal(tui_editor_title(&s->editor), before.title);
    type(f, " Edited.");
    assert_int_equal(press(f, tui_ctrl('s')), TUI_CHANGED | TUI_REDRAW);
    struct journal_entry after;
    assert_int_equal(app_journal_get(f->t.app, id, &after), ODAAT_OK);
    char want[4096];
    snprintf(want, sizeof want, "%s Edited.", before.body);
    assert_string_equal(after.body, want);
    assert_string_equal(after.title, before.title);
    store_journal_free(&before);
    store_journal_free(&after);
    /* Back on the list, on the same entry. */
    s = reload(f);
    assert_int_equal(journal_selected_id(s), id);
}

static void test_editing_from_the_reading_view_returns_to_it_with_the_new_text(void **state)
{
    struct tui_fixture *f = *state;
    struct journal_state *s = journal(f);
    press(f, tui_code(TUI_KEY_ENTER));
    int64_t id = s->entry.meta.id;
    press(f, tui_char('e'));
    press(f, tui_code(TUI_KEY_TAB));
    press(f, tui_code(TUI_KEY_END));
    type(f, " (kept)");
    assert_int_equal(press(f, tui_ctrl('s')), TUI_CHANGED | TUI_REDRAW);
    s = reload(f);
    assert_true(s->reading);
    assert_int_equal(s->entry.meta.id, id);
    assert_non_null(strstr(s->entry.title, " (kept)"));
}

static void test_d_asks_and_n_keeps_the_entry(void **state)
{
    struct tui_fixture *f = *state;
    struct journal_state *s = journal(f);
    int64_t id = journal_selected_id(s);
    size_t before = entry_count(f);
    assert_int_equal(press(f, tui_char('d')), TUI_REDRAW);
    assert_true(s->confirm_delete);
    assert_true(typing(f));
    /* Other keys neither answer nor leave the screen. */
    assert_int_equal(press(f, tui_char('q')), TUI_NONE);
    assert_int_equal(press(f, tui_char('3')), TUI_NONE);
    assert_true(s->confirm_delete);
    assert_int_equal(press(f, tui_char('n')), TUI_REDRAW);
    assert_false(s->confirm_delete);
    assert_int_equal(entry_count(f), before);
    struct journal_entry e;
    assert_int_equal(app_journal_get(f->t.app, id, &e), ODAAT_OK);
    store_journal_free(&e);
}

static void test_d_then_y_deletes_the_entry(void **state)
{
    struct tui_fixture *f = *state;
    struct journal_state *s = journal(f);
    press(f, tui_code(TUI_KEY_DOWN));
    int64_t id = journal_selected_id(s);
    size_t before = entry_count(f);
    press(f, tui_char('d'));
    assert_int_equal(press(f, tui_char('y')), TUI_CHANGED | TUI_REDRAW);
    assert_int_equal(entry_count(f), before - 1);
    struct journal_entry e;
    assert_int_equal(app_journal_get(f->t.app, id, &e), ODAAT_ERR_NOT_FOUND);
    s = reload(f);
    assert_int_equal(s->total, before - 1);
    assert_int_equal(s->cursor, 1);
    assert_true(journal_selected_id(s) != id);
}

static void test_deleting_from_the_reading_view_goes_back_to_the_list(void **state)
{
    struct tui_fixture *f = *state;
    struct journal_state *s = journal(f);
    press(f, tui_code(TUI_KEY_ENTER));
    int64_t id = s->entry.meta.id;
    press(f, tui_char('d'));
    assert_int_equal(press(f, tui_char('y')), TUI_CHANGED | TUI_REDRAW);
    assert_false(s->reading);
    struct journal_entry e;
    assert_int_equal(app_journal_get(f->t.app, id, &e), ODAAT_ERR_NOT_FOUND);
}

static void test_search_finds_wide_text_and_n_and_N_walk_the_matches(void **state)
{
    struct tui_fixture *f = *state;
    struct journal_state *s = journal(f);
    press(f, tui_code(TUI_KEY_DOWN));
    assert_int_equal(press(f, tui_char('/')), TUI_REDRAW);
    assert_true(s->query_open);
    assert_true(typing(f));
    type(f, "一日一日");
    assert_int_equal(press(f, tui_code(TUI_KEY_ENTER)), TUI_REDRAW);
    assert_false(s->query_open);
    assert_true(s->searching);
    assert_true(s->hit_count > 2);
    assert_int_equal(s->cursor, 0);
    bool titled = false;
    for (size_t i = 0; i < s->hit_count; i++) {
        assert_non_null(strstr(s->hits[i].snippet, STORE_MATCH_OPEN "一日一日" STORE_MATCH_CLOSE));
        titled |= s->hits[i].title != NULL && strcmp(s->hits[i].title, "一日一日") == 0;
    }
    assert_true(titled);
    assert_int_equal(press(f, tui_char('n')), TUI_REDRAW);
    assert_int_equal(s->cursor, 1);
    assert_int_equal(journal_selected_id(s), s->hits[1].id);
    press(f, tui_char('N'));
    assert_int_equal(s->cursor, 0);
    press(f, tui_char('N')); /* round to the last */
    assert_int_equal(s->cursor, s->hit_count - 1);
    /* Enter reads the match; n there reads the next one. */
    press(f, tui_char('n'));
    press(f, tui_code(TUI_KEY_ENTER));
    assert_true(s->reading);
    assert_int_equal(s->entry.meta.id, s->hits[0].id);
    press(f, tui_char('n'));
    assert_int_equal(s->entry.meta.id, s->hits[1].id);
    press(f, tui_code(TUI_KEY_ESC));
    assert_true(s->searching);
    /* Esc leaves the search for the whole list, where the cursor was. */
    assert_int_equal(press(f, tui_code(TUI_KEY_ESC)), TUI_REDRAW);
    assert_false(s->searching);
    assert_null(s->hits);
    assert_int_equal(s->cursor, 1);
    /* Esc on the whole list is every screen's (nothing to leave). */
    assert_true(press(f, tui_code(TUI_KEY_ESC)) & TUI_UNHANDLED);
}

static void test_a_search_makes_snippets_only_for_the_matches_on_screen(void **state)
{
    struct tui_fixture *f = *state;
    add_entries(f, 60);
    struct journal_state *s = journal(f);
    press(f, tui_char('/'));
    type(f, "another");
    assert_int_equal(press(f, tui_code(TUI_KEY_ENTER)), TUI_REDRAW);
    assert_int_equal(s->hit_count, 60);
    assert_false(s->hits_capped);
    size_t rows = (size_t)f->t.body_rows - 4;
    for (size_t i = 0; i < s->hit_count; i++) {
        if (i < rows)
            assert_non_null(strstr(s->hits[i].snippet, STORE_MATCH_OPEN "Another"));
        else
            assert_null(s->hits[i].snippet);
    }
    /* Moving on shows the last matches, snippets and all. */
    press(f, tui_code(TUI_KEY_END));
    assert_int_equal(s->cursor, s->hit_count - 1);
    for (size_t i = s->top; i < s->hit_count; i++)
        assert_non_null(strstr(s->hits[i].snippet, STORE_MATCH_OPEN "Another"));
    assert_null(s->hits[rows].snippet);
    /* A change reloads the search; what shows gets its snippets again. */
    s = reload(f);
    assert_true(s->searching);
    assert_non_null(s->hits[s->cursor].snippet);
}

static void test_a_search_holds_the_best_matches_and_says_there_are_more(void **state)
{
    struct tui_fixture *f = *state;
    add_entries(f, JOURNAL_SEARCH_MAX + 1);
    struct journal_state *s = journal(f);
    press(f, tui_char('/'));
    type(f, "another");
    assert_int_equal(press(f, tui_code(TUI_KEY_ENTER)), TUI_REDRAW);
    assert_int_equal(s->hit_count, JOURNAL_SEARCH_MAX);
    assert_true(s->hits_capped);
    /* The last held is the last moved to, and n goes round to the first. */
    press(f, tui_code(TUI_KEY_END));
    assert_int_equal(s->cursor, JOURNAL_SEARCH_MAX - 1);
    assert_non_null(s->hits[s->cursor].snippet);
    press(f, tui_char('n'));
    assert_int_equal(s->cursor, 0);
    /* A search that finds fewer says no more. */
    press(f, tui_char('/'));
    type(f, "一日一日");
    press(f, tui_code(TUI_KEY_ENTER));
    assert_true(s->hit_count > 0 && s->hit_count < JOURNAL_SEARCH_MAX);
    assert_false(s->hits_capped);
}

static void test_a_search_with_no_match_says_so_and_esc_cancels_typing(void **state)
{
    struct tui_fixture *f = *state;
    struct journal_state *s = journal(f);
    press(f, tui_char('/'));
    type(f, "zzqqxx");
    press(f, tui_code(TUI_KEY_ENTER));
    assert_true(s->searching);
    assert_int_equal(s->hit_count, 0);
    assert_int_equal(journal_selected_id(s), 0);
    /* A new search starts from an empty field. */
    press(f, tui_char('/'));
    assert_int_equal(s->query.len, 0);
    press(f, tui_code(TUI_KEY_ESC));
    assert_true(s->searching);
    /* n with no search yet, and the typing Esc leaves the field alone. */
    press(f, tui_code(TUI_KEY_ESC));
    press(f, tui_char('n'));
    assert_non_null(strstr(f->t.message, "Search first"));
    press(f, tui_char('/'));
    type(f, "x");
    assert_int_equal(press(f, tui_code(TUI_KEY_ESC)), TUI_REDRAW);
    assert_false(s->query_open);
    assert_false(s->searching);
}

static void test_todays_j_opens_a_new_entry(void **state)
{
    struct tui_fixture *f = *state;
    f->t.current = TUI_SCREEN_TODAY;
    void *today = tui_state(&f->t, TUI_SCREEN_TODAY);
    assert_non_null(today);
    unsigned flags = tui_screens[TUI_SCREEN_TODAY]->key(&f->t, today, tui_char('j'));
    assert_true(flags & TUI_REDRAW);
    assert_int_equal(f->t.current, TUI_SCREEN_JOURNAL);
    struct journal_state *s = journal(f);
    assert_true(tui_editor_is_open(&s->editor));
    assert_int_equal(s->edit_id, 0);
    assert_false(s->editor.on_body);
}

static void test_unload_closes_the_editor_and_frees_the_records(void **state)
{
    struct tui_fixture *f = *state;
    struct journal_state *s = journal(f);
    press(f, tui_char('a'));
    type(f, "private words");
    tui_screens[TUI_SCREEN_JOURNAL]->unload(s);
    assert_false(tui_editor_is_open(&s->editor));
    assert_null(s->window);
    assert_int_equal(s->query.len, 0);
    assert_null(memmem(s, sizeof *s, "private", 7));
}

/* ==== Keeping what is being written ========================================================= */

/* Reads the entry titled title into *out (free with store_journal_free); false when there is
 * none. */
static bool find_titled(struct tui_fixture *f, const char *title, struct journal_entry *out)
{
    struct journal_entry *list = NULL;
    size_t n = 0;
    bool found = false;
    assert_int_equal(app_journal_list(f->t.app, &list, &n), ODAAT_OK);
    for (size_t i = 0; i < n && !found; i++) {
        if (list[i].title != NULL && strcmp(list[i].title, title) == 0) {
            assert_int_equal(app_journal_get(f->t.app, list[i].meta.id, out), ODAAT_OK);
            found = true;
        }
    }
    store_journal_list_free(list, n);
    return found;
}

static void test_keep_saves_a_new_entry_being_written(void **state)
{
    struct tui_fixture *f = *state;
    size_t before = entry_count(f);
    write_entry(f, "Before the lock", "Words that must not be lost.");
    struct journal_state *s = journal(f);
    assert_int_equal(tui_screen_journal.keep(&f->t, s), TUI_CHANGED);
    assert_false(tui_editor_is_open(&s->editor));
    assert_false(typing(f));
    assert_int_equal(entry_count(f), before + 1);
    struct journal_entry e;
    assert_true(find_titled(f, "Before the lock", &e));
    assert_string_equal(e.body, "Words that must not be lost.");
    store_journal_free(&e);
    /* Kept once: nothing is left to keep. */
    assert_int_equal(tui_screen_journal.keep(&f->t, s), TUI_NONE);
    assert_int_equal(entry_count(f), before + 1);
}

static void test_keep_saves_an_edit_in_progress_over_the_entry(void **state)
{
    struct tui_fixture *f = *state;
    struct journal_state *s = journal(f);
    int64_t id = journal_selected_id(s);
    size_t before = entry_count(f);
    press(f, tui_char('e'));
    assert_true(tui_editor_is_open(&s->editor));
    type(f, " (kept on lock)");
    assert_int_equal(tui_screen_journal.keep(&f->t, s), TUI_CHANGED);
    assert_false(tui_editor_is_open(&s->editor));
    assert_int_equal(entry_count(f), before);
    struct journal_entry e;
    assert_int_equal(app_journal_get(f->t.app, id, &e), ODAAT_OK);
    assert_non_null(strstr(e.body, " (kept on lock)"));
    store_journal_free(&e);
}

static void test_keep_leaves_a_blank_or_unchanged_entry_alone(void **state)
{
    struct tui_fixture *f = *state;
    struct journal_state *s = journal(f);
    size_t before = entry_count(f);
    /* Nothing open. */
    assert_int_equal(tui_screen_journal.keep(&f->t, s), TUI_NONE);
    /* A title and spaces: nothing to keep, and the editor stays as it was. */
    write_entry(f, "Only a title", "   ");
    assert_int_equal(tui_screen_journal.keep(&f->t, s), TUI_NONE);
    assert_true(tui_editor_is_open(&s->editor));
    assert_int_equal(entry_count(f), before);
    press(f, tui_code(TUI_KEY_ESC));
    press(f, tui_char('y'));
    /* An edit opened and not changed. */
    press(f, tui_char('e'));
    assert_true(tui_editor_is_open(&s->editor));
    assert_int_equal(tui_screen_journal.keep(&f->t, s), TUI_NONE);
    assert_int_equal(entry_count(f), before);
}

static void test_keep_that_cannot_save_leaves_the_editor_as_it_is(void **state)
{
    struct tui_fixture *f = *state;
    struct journal_state *s = journal(f);
    int64_t id = journal_selected_id(s);
    press(f, tui_char('e'));
    type(f, " more");
    /* The entry goes from under the editor (the command line, say): the save fails. */
    assert_int_equal(app_journal_remove(f->t.app, id), ODAAT_OK);
    assert_int_equal(tui_screen_journal.keep(&f->t, s), TUI_NONE);
    assert_true(tui_editor_is_open(&s->editor));
    assert_true(tui_editor_changed(&s->editor));
    assert_int_equal(s->edit_id, id);
}

/* ==== Every screen's key tables ============================================================== */

/* Checks one table: every listed key has a name and help, and no key or name is listed twice
 * (aliases are hidden and listed with their twin). */
static void check_table(const char *where, const struct tui_binding *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (b[i].hidden)
            continue;
        if (b[i].name == NULL || b[i].name[0] == '\0' || b[i].help == NULL || b[i].help[0] == '\0')
            fail_msg("%s: a listed key without a name or help (entry %zu)", where, i);
        for (size_t k = i + 1; k < n; k++) {
            if (b[k].hidden)
                continue;
            if (tui_key_equal(b[i].key, b[k].key) || strcmp(b[i].name, b[k].name) == 0)
                fail_msg("%s: %s is listed twice", where, b[i].name);
        }
    }
}

static void test_no_key_table_lists_a_key_twice(void **state)
{
    (void)state;
    check_table("every screen", tui_global_bindings, tui_global_binding_count);
    for (int i = 0; i < TUI_SCREEN_COUNT; i++) {
        const struct tui_screen *screen = tui_screens[i];
        check_table(screen->title, screen->bindings, screen->binding_count);
        for (size_t m = 0; m < screen->mode_count; m++) {
            assert_non_null(screen->modes[m].name);
            assert_true(screen->modes[m].count > 0);
            check_table(screen->modes[m].name, screen->modes[m].bindings, screen->modes[m].count);
        }
    }
    check_table("editor", tui_editor_keys, TUI_EDITOR_KEY_COUNT);
}

static void test_the_editor_is_a_mode_of_the_journal(void **state)
{
    (void)state;
    const struct tui_mode_keys *editor = tui_fixture_mode(TUI_SCREEN_JOURNAL, "editor");
    assert_ptr_equal(editor->bindings, tui_editor_keys);
    assert_int_equal(editor->count, TUI_EDITOR_KEY_COUNT);
    /* The editor's table is full: its last entry is a key. */
    assert_non_null(tui_editor_keys[TUI_EDITOR_KEY_COUNT - 1].name);
    tui_fixture_mode(TUI_SCREEN_JOURNAL, "search");
    tui_fixture_mode(TUI_SCREEN_JOURNAL, "search results");
}

int main(void)
{
    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 1;
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, tui_fixture_teardown)
        cmocka_unit_test(test_a_new_entry_starts_in_the_title_and_enter_moves_to_the_text),
        cmocka_unit_test(test_an_entry_with_text_starts_in_the_text_at_its_end),
        cmocka_unit_test(test_wide_and_accented_characters_are_typed_whole),
        cmocka_unit_test(test_wide_text_wraps_to_the_width_in_columns),
        cmocka_unit_test(test_word_motions_jump_over_words),
        cmocka_unit_test(test_up_and_down_move_by_rows_and_up_from_the_top_reaches_the_title),
        cmocka_unit_test(test_page_down_moves_a_screen_and_scrolls_with_it),
        cmocka_unit_test(test_ctrl_z_undoes_a_run_of_typing_then_the_line_break),
        cmocka_unit_test(test_esc_leaves_at_once_when_nothing_changed),
        cmocka_unit_test(test_esc_after_a_change_asks_and_only_y_throws_it_away),
        cmocka_unit_test(test_ctrl_s_asks_the_owner_to_save),
        cmocka_unit_test(test_text_from_a_pipe_with_carriage_returns_opens),
        cmocka_unit_test(test_the_title_stops_at_the_short_text_limit),
        T(test_the_list_counts_every_entry_and_starts_at_the_newest),
        T(test_the_list_reads_only_a_window_around_the_cursor),
        T(test_enter_reads_the_entry_and_esc_goes_back),
        T(test_reading_scrolls_a_long_entry_and_stops_at_its_end),
        T(test_a_new_entry_written_with_the_editor_keys_is_stored),
        T(test_a_blank_entry_is_refused_kindly_and_the_editor_stays),
        T(test_e_edits_the_selected_entry),
        T(test_editing_from_the_reading_view_returns_to_it_with_the_new_text),
        T(test_d_asks_and_n_keeps_the_entry),
        T(test_d_then_y_deletes_the_entry),
        T(test_deleting_from_the_reading_view_goes_back_to_the_list),
        T(test_search_finds_wide_text_and_n_and_N_walk_the_matches),
        T(test_a_search_makes_snippets_only_for_the_matches_on_screen),
        T(test_a_search_holds_the_best_matches_and_says_there_are_more),
        T(test_a_search_with_no_match_says_so_and_esc_cancels_typing),
        T(test_todays_j_opens_a_new_entry),
        T(test_unload_closes_the_editor_and_frees_the_records),
        T(test_keep_saves_a_new_entry_being_written),
        T(test_keep_saves_an_edit_in_progress_over_the_entry),
        T(test_keep_leaves_a_blank_or_unchanged_entry_alone),
        T(test_keep_that_cannot_save_leaves_the_editor_as_it_is),
        cmocka_unit_test(test_no_key_table_lists_a_key_twice),
        cmocka_unit_test(test_the_editor_is_a_mode_of_the_journal),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
