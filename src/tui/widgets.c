/*
 * widgets: the pieces tui_widgets.h declares, kept in one place so that the screens that share
 * them (a question's dialog, a list's cursor, a table's columns, the recovery code) look and
 * behave alike. Only the draw functions call curses, through the draw_* helpers.
 */
#include "tui_widgets.h"

#include <stdio.h>
#include <string.h>

#include "odaat/crypto.h"
#include "odaat/date.h"

#define QUESTION_LINES_MAX 6

void widget_draw_question(const struct tui *t, const char *title, const char *const *lines,
                          size_t n, const char *yes, const char *no)
{
    const char *all[QUESTION_LINES_MAX + 2];
    char answers[160];
    if (n > QUESTION_LINES_MAX)
        n = QUESTION_LINES_MAX;
    for (size_t i = 0; i < n; i++)
        all[i] = lines[i];
    snprintf(answers, sizeof answers, "y  %s     n  %s", yes, no);
    all[n] = "";
    all[n + 1] = answers;
    draw_dialog(t, title, all, n + 2);
}

size_t widget_list_move(size_t cursor, long delta, size_t count)
{
    if (count == 0)
        return 0;
    long at = (long)cursor + delta;
    if (at < 0)
        return 0;
    return (size_t)at >= count ? count - 1 : (size_t)at;
}

size_t widget_list_top(size_t cursor, size_t top, size_t rows, size_t count)
{
    if (rows == 0)
        rows = 1;
    if (cursor < top)
        top = cursor;
    else if (cursor >= top + rows)
        top = cursor - rows + 1;
    if (top + rows > count)
        top = count > rows ? count - rows : 0;
    return top;
}

void widget_column(char *line, size_t size, const char *text, size_t cols, bool utf8)
{
    char fit[1024];
    tui_fit(fit, sizeof fit, text != NULL ? text : "", cols, utf8);
    size_t len = strlen(line);
    snprintf(line + len, size - len, "%s", fit);
    len = strlen(line);
    for (size_t w = tui_width(fit); w < cols && len + 1 < size; w++)
        line[len++] = ' ';
    line[len] = '\0';
    crypto_wipe(fit, sizeof fit);
}

void widget_field_set_line(struct tui_field *f, const char *text)
{
    tui_field_set(f, text);
    for (size_t i = 0; i < f->len; i++) {
        if ((unsigned char)f->text[i] < 0x20 || f->text[i] == 0x7f)
            f->text[i] = ' ';
    }
}

void widget_field_set_date(struct tui_field *f, int32_t day)
{
    char iso[DATE_ISO_SIZE];
    f->max = DATE_ISO_SIZE - 1;
    tui_field_set(f, date_format(day, iso));
}

void widget_draw_code(const struct tui *t, const char *code, int y)
{
    char big[CRYPTO_RECOVERY_TEXT_SIZE * 3];
    size_t n = 0;
    for (const char *p = code; p != NULL && *p != '\0' && n + 4 < sizeof big; p++) {
        if (*p == '-') {
            big[n++] = ' ';
            big[n++] = ' ';
            continue;
        }
        if (n > 0)
            big[n++] = ' ';
        big[n++] = *p;
    }
    big[n] = '\0';
    int w = (int)n + 8, x = (t->cols - w) / 2;
    draw_box(t, y, x, 3, w, TUI_ROLE_ACCENT);
    draw_text(y + 1, x + 4, (int)n, TUI_ROLE_TITLE, big);
    crypto_wipe(big, sizeof big);
}
