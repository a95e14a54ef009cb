/*
 * tui_widgets: small pieces that several screens handle or draw the same way: the answers to
 * a yes/no question and the dialog that asks it, a list's cursor and scroll, a column of a
 * table's row, a one-line field filled from stored text or with a date, and the recovery
 * code shown large (set-up and Settings). Only the draw functions call curses.
 */
#ifndef ODAAT_TUI_WIDGETS_H
#define ODAAT_TUI_WIDGETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tui_form.h"
#include "tui_internal.h"

/* The answers to a yes/no question, as entries of a binding table: y (or Y) is yes_action,
 * n (or N, or Esc) no_action. Only y and n are listed, with their help, in the footer. */
/* clang-format off */
#define WIDGET_YES_NO(yes_help, yes_action, no_help, no_action)                                  \
    {TUI_CHAR('y'), "y", (yes_help), (yes_action), true, false},                                 \
    {TUI_CHAR('Y'), "Y", "", (yes_action), false, true},                                         \
    {TUI_CHAR('n'), "n", (no_help), (no_action), true, false},                                   \
    {TUI_CHAR('N'), "N", "", (no_action), false, true},                                          \
    {TUI_CODE(TUI_KEY_ESC), "Esc", "", (no_action), false, true}
/* clang-format on */

/* Draws a question as a dialog over the body: the title, n lines (at most 6), a blank line
 * and the answers, "y  <yes>     n  <no>". */
void widget_draw_question(const struct tui *t, const char *title, const char *const *lines,
                          size_t n, const char *yes, const char *no);

/* The cursor of a list of count rows moved by delta rows, kept on the list (0 when the list
 * is empty). */
size_t widget_list_move(size_t cursor, long delta, size_t count);

/* The first row to show of a list of count rows, rows at a time, so that the cursor shows:
 * top moves only as far as it must, and never so far that rows stay blank under the last
 * one while there are rows above to show. */
size_t widget_list_top(size_t cursor, size_t top, size_t rows, size_t count);

/* Appends text (NULL: nothing) to line, a buffer of size bytes, cut or padded with spaces to
 * exactly cols columns: one column of a table's row. */
void widget_column(char *line, size_t size, const char *text, size_t cols, bool utf8);

/* Fills a one-line field with stored text (NULL: empty), its line breaks, tabs and other
 * control characters as spaces. The field's max is kept: set it first. */
void widget_field_set_line(struct tui_field *f, const char *text);

/* Fills a date field with day as YYYY-MM-DD, and makes that its length. */
void widget_field_set_date(struct tui_field *f, int32_t day);

/* Draws a recovery code large, centred with its top at row y: its characters spaced, its
 * groups wide apart, in a box three rows high. */
void widget_draw_code(const struct tui *t, const char *code, int y);

#endif
