/*
 * test_editbuf: the built-in editor's text model without a terminal: text in and out,
 * refused input, insertion and deletion across lines, motions by character (over multi-byte
 * and wide characters), word, line and page, the goal column, undo, display widths and word
 * wrap. Runs under C.UTF-8 so wcwidth knows wide characters.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/editbuf.h"

static void assert_text(const struct editbuf *eb, const char *want)
{
    char *text = NULL;
    assert_int_equal(editbuf_text(eb, &text), ODAAT_OK);
    assert_string_equal(text, want);
    editbuf_text_free(text);
}

static void assert_cursor(const struct editbuf *eb, size_t line, size_t byte)
{
    struct editbuf_cursor c = editbuf_cursor(eb);
    assert_int_equal(c.line, line);
    assert_int_equal(c.byte, byte);
}

static void test_text_round_trips_with_the_cursor_at_the_end(void **state)
{
    (void)state;
    struct editbuf *eb = editbuf_new("one\ntwo 一日\n\nÉlodie");
    assert_non_null(eb);
    assert_int_equal(editbuf_lines(eb), 4);
    assert_text(eb, "one\ntwo 一日\n\nÉlodie");
    assert_cursor(eb, 3, strlen("Élodie"));
    editbuf_free(eb);
    eb = editbuf_new(NULL);
    assert_int_equal(editbuf_lines(eb), 1);
    assert_text(eb, "");
    editbuf_free(eb);
}

static void test_invalid_utf8_and_controls_are_refused(void **state)
{
    (void)state;
    assert_null(editbuf_new("bad \xc3"));
    assert_null(editbuf_new("overlong \xc0\xaf"));
    assert_null(editbuf_new("surrogate \xed\xa0\x80"));
    assert_null(editbuf_new("bell \a"));
    struct editbuf *eb = editbuf_new("ok");
    assert_int_equal(editbuf_insert(eb, "\x1b[31m"), ODAAT_ERR_INVALID);
    assert_int_equal(editbuf_insert(eb, "\xff"), ODAAT_ERR_INVALID);
    assert_text(eb, "ok");
    assert_int_equal(editbuf_insert(eb, "\ttab"), ODAAT_OK);
    assert_text(eb, "ok\ttab");
    editbuf_free(eb);
}

static void test_insert_splits_lines_and_backspace_joins_them(void **state)
{
    (void)state;
    struct editbuf *eb = editbuf_new("helloworld");
    for (int i = 0; i < 5; i++)
        editbuf_move(eb, EDITBUF_LEFT, 0);
    assert_int_equal(editbuf_insert(eb, ",\n"), ODAAT_OK);
    assert_text(eb, "hello,\nworld");
    assert_cursor(eb, 1, 0);
    assert_true(editbuf_backspace(eb));
    assert_text(eb, "hello,world");
    assert_cursor(eb, 0, 6);
    editbuf_move(eb, EDITBUF_END, 0);
    assert_false(editbuf_delete(eb));
    editbuf_move(eb, EDITBUF_HOME, 0);
    assert_false(editbuf_backspace(eb));
    assert_true(editbuf_delete(eb));
    assert_text(eb, "ello,world");
    editbuf_free(eb);
}

static void test_left_and_right_step_over_whole_characters(void **state)
{
    (void)state;
    struct editbuf *eb = editbuf_new("aé一\nb");
    editbuf_move(eb, EDITBUF_UP, 0);
    editbuf_move(eb, EDITBUF_END, 0);
    assert_cursor(eb, 0, 6); /* a (1) + é (2) + 一 (3) */
    editbuf_move(eb, EDITBUF_LEFT, 0);
    assert_cursor(eb, 0, 3);
    editbuf_move(eb, EDITBUF_LEFT, 0);
    assert_cursor(eb, 0, 1);
    assert_true(editbuf_delete(eb)); /* deletes é whole */
    assert_text(eb, "a一\nb");
    editbuf_move(eb, EDITBUF_END, 0);
    editbuf_move(eb, EDITBUF_RIGHT, 0);
    assert_cursor(eb, 1, 0);
    editbuf_move(eb, EDITBUF_LEFT, 0);
    assert_cursor(eb, 0, 4);
    editbuf_free(eb);
}

static void test_word_motions_skip_spaces_then_words(void **state)
{
    (void)state;
    struct editbuf *eb = editbuf_new("called  my sponsor");
    editbuf_move(eb, EDITBUF_WORD_LEFT, 0);
    assert_cursor(eb, 0, 11);
    editbuf_move(eb, EDITBUF_WORD_LEFT, 0);
    assert_cursor(eb, 0, 8);
    editbuf_move(eb, EDITBUF_WORD_LEFT, 0);
    assert_cursor(eb, 0, 0);
    editbuf_move(eb, EDITBUF_WORD_RIGHT, 0);
    assert_cursor(eb, 0, 6);
    editbuf_move(eb, EDITBUF_WORD_RIGHT, 0);
    assert_cursor(eb, 0, 10);
    editbuf_free(eb);
}

static void test_vertical_motion_keeps_the_goal_column_over_wide_text(void **state)
{
    (void)state;
    struct editbuf *eb = editbuf_new("abcdefgh\nab\n一日一日x");
    editbuf_move(eb, EDITBUF_PAGE_UP, 10);
    assert_cursor(eb, 0, 8); /* from column 9 of "一日一日x" to line 0's end (8 columns) */
    editbuf_free(eb);
    eb = editbuf_new("abcdefgh\nab\n一日一日x");
    editbuf_move(eb, EDITBUF_UP, 0);
    editbuf_move(eb, EDITBUF_UP, 0);
    editbuf_move(eb, EDITBUF_HOME, 0);
    for (int i = 0; i < 5; i++)
        editbuf_move(eb, EDITBUF_RIGHT, 0);
    assert_cursor(eb, 0, 5);
    editbuf_move(eb, EDITBUF_DOWN, 0);
    assert_cursor(eb, 1, 2); /* a short line: its end */
    editbuf_move(eb, EDITBUF_DOWN, 0);
    assert_cursor(eb, 2, 6); /* back to column 4 (two wide characters), not column 2 */
    editbuf_move(eb, EDITBUF_PAGE_DOWN, 10);
    assert_cursor(eb, 2, 6);
    editbuf_free(eb);
}

static void test_undo_takes_back_a_run_of_typing_at_once(void **state)
{
    (void)state;
    struct editbuf *eb = editbuf_new("Day");
    assert_int_equal(editbuf_insert(eb, " "), ODAAT_OK);
    assert_int_equal(editbuf_insert(eb, "f"), ODAAT_OK);
    assert_int_equal(editbuf_insert(eb, "ive"), ODAAT_OK);
    assert_int_equal(editbuf_insert(eb, "\n"), ODAAT_OK);
    assert_true(editbuf_backspace(eb));
    assert_text(eb, "Day five");
    assert_true(editbuf_undo(eb)); /* the backspace */
    assert_text(eb, "Day five\n");
    assert_true(editbuf_undo(eb)); /* the new line */
    assert_text(eb, "Day five");
    assert_true(editbuf_undo(eb)); /* " five", typed in one go */
    assert_text(eb, "Day");
    assert_cursor(eb, 0, 3);
    assert_false(editbuf_undo(eb));
    editbuf_free(eb);
}

static void test_a_move_ends_a_run_of_typing(void **state)
{
    (void)state;
    struct editbuf *eb = editbuf_new("");
    editbuf_insert(eb, "ab");
    editbuf_move(eb, EDITBUF_LEFT, 0);
    editbuf_insert(eb, "X");
    assert_text(eb, "aXb");
    assert_true(editbuf_undo(eb));
    assert_text(eb, "ab");
    editbuf_free(eb);
}

static void test_undo_keeps_at_least_one_hundred_changes(void **state)
{
    (void)state;
    struct editbuf *eb = editbuf_new("");
    for (int i = 0; i < 150; i++)
        editbuf_insert(eb, "\n");
    int undone = 0;
    while (editbuf_undo(eb))
        undone++;
    assert_int_equal(undone, 100);
    assert_int_equal(editbuf_lines(eb), 51);
    editbuf_free(eb);
}

static void test_widths_count_wide_characters_twice(void **state)
{
    (void)state;
    assert_int_equal(editbuf_width("abc", 3), 3);
    assert_int_equal(editbuf_width("一日", strlen("一日")), 4);
    assert_int_equal(editbuf_width("e\xcc\x81", 3), 1); /* e and a combining acute */
    assert_int_equal(editbuf_width("\t", 1), 4);
}

static void test_wrap_breaks_after_spaces_and_inside_long_words(void **state)
{
    (void)state;
    size_t starts[16];
    const char *text = "one day at a time";
    assert_int_equal(editbuf_wrap(text, strlen(text), 10, starts, 16), 2);
    assert_int_equal(starts[1], 8); /* "one day " | "at a time" */
    const char *word = "abcdefghijkl";
    assert_int_equal(editbuf_wrap(word, 12, 5, starts, 16), 3);
    assert_int_equal(starts[1], 5);
    assert_int_equal(starts[2], 10);
    const char *wide = "一日一日"; /* 8 columns in rows of 3: a wide character never splits */
    assert_int_equal(editbuf_wrap(wide, strlen(wide), 3, starts, 16), 4);
    assert_int_equal(starts[1], 3);
    assert_int_equal(editbuf_wrap("", 0, 10, starts, 16), 1);
    assert_int_equal(editbuf_wrap(text, strlen(text), 80, starts, 16), 1);
}

int main(void)
{
    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_round_trips_with_the_cursor_at_the_end),
        cmocka_unit_test(test_invalid_utf8_and_controls_are_refused),
        cmocka_unit_test(test_insert_splits_lines_and_backspace_joins_them),
        cmocka_unit_test(test_left_and_right_step_over_whole_characters),
        cmocka_unit_test(test_word_motions_skip_spaces_then_words),
        cmocka_unit_test(test_vertical_motion_keeps_the_goal_column_over_wide_text),
        cmocka_unit_test(test_undo_takes_back_a_run_of_typing_at_once),
        cmocka_unit_test(test_a_move_ends_a_run_of_typing),
        cmocka_unit_test(test_undo_keeps_at_least_one_hundred_changes),
        cmocka_unit_test(test_widths_count_wide_characters_twice),
        cmocka_unit_test(test_wrap_breaks_after_spaces_and_inside_long_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
