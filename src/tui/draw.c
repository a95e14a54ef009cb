/*
 * draw: the drawing helpers every screen uses. Colours are roles, mapped here in one table
 * to a colour pair and to the attribute that stands in for it in monochrome, so every
 * screen reads the same with NO_COLOR. Text is UTF-8, clipped at the right edge so a line
 * never wraps onto the next.
 */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "odaat/crypto.h"
#include "tui_draw.h"
#include "tui_internal.h"

/* clang-format off */
static const struct {
    short fg;
    attr_t color_attr; /* added to the colour pair */
    attr_t mono_attr;  /* without colours */
} roles[TUI_ROLE_COUNT] = {
    [TUI_ROLE_NORMAL]   = {-1,            A_NORMAL,    A_NORMAL},
    [TUI_ROLE_ACCENT]   = {COLOR_CYAN,    A_BOLD,      A_BOLD},
    [TUI_ROLE_MUTED]    = {-1,            A_DIM,       A_DIM},
    [TUI_ROLE_GOOD]     = {COLOR_GREEN,   A_NORMAL,    A_NORMAL},
    [TUI_ROLE_WARN]     = {COLOR_YELLOW,  A_NORMAL,    A_BOLD},
    [TUI_ROLE_DANGER]   = {COLOR_RED,     A_BOLD,      A_BOLD | A_UNDERLINE},
    [TUI_ROLE_SELECTED] = {-1,            A_REVERSE,   A_REVERSE},
    [TUI_ROLE_TITLE]    = {-1,            A_BOLD,      A_BOLD},
    [TUI_ROLE_MATCH]    = {COLOR_YELLOW,  A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE},
};
/* clang-format on */

static bool colors_on;

bool draw_init_colors(bool want)
{
    colors_on = false;
    if (!want || !has_colors() || start_color() == ERR)
        return false;
    use_default_colors();
    for (int r = 0; r < TUI_ROLE_COUNT; r++) {
        if (init_pair((short)(r + 1), roles[r].fg, -1) == ERR)
            return false;
    }
    colors_on = true;
    return true;
}

static void role_on(enum tui_role role)
{
    if (colors_on)
        attrset(COLOR_PAIR(role + 1) | roles[role].color_attr);
    else
        attrset(roles[role].mono_attr);
}

static const struct tui_glyphs unicode_glyphs = {
    "─", "│", "┌", "┐", "└",
    "┘", "█", "░", "✓", "·",
    "▸", "✦", "…", "▪", {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"},
};
static const struct tui_glyphs ascii_glyphs = {
    "-", "|", "+", "+", "+",
    "+", "#", ".", "x", ".",
    ">", "*", "~", "#", {"_", ".", ":", "-", "=", "+", "*", "#"},
};

const struct tui_glyphs *tui_glyphs(const struct tui *t)
{
    return t != NULL && t->utf8 ? &unicode_glyphs : &ascii_glyphs;
}

/* The bytes of text that fit in cols columns. */
static size_t fit_bytes(const char *text, int cols, int *used_cols)
{
    size_t n = strlen(text), i = 0;
    int used = 0;
    while (i < n) {
        mbstate_t state = {0};
        wchar_t wc = 0;
        size_t len = mbrtowc(&wc, text + i, n - i, &state);
        int w = 1;
        if (len == (size_t)-1 || len == (size_t)-2 || len == 0)
            len = 1;
        else
            w = wcwidth(wc) < 0 ? 1 : wcwidth(wc);
        if (used + w > cols)
            break;
        used += w;
        i += len;
    }
    *used_cols = used;
    return i;
}

int draw_text(int y, int x, int max_cols, enum tui_role role, const char *text)
{
    if (y < 0 || y >= LINES || x < 0 || x >= COLS || text == NULL)
        return 0;
    int room = COLS - x;
    if (max_cols >= 0 && max_cols < room)
        room = max_cols;
    int used = 0;
    size_t bytes = fit_bytes(text, room, &used);
    role_on(role);
    mvaddnstr(y, x, text, (int)bytes);
    role_on(TUI_ROLE_NORMAL);
    return used;
}

int draw_printf(int y, int x, int max_cols, enum tui_role role, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    int used = draw_text(y, x, max_cols, role, buf);
    crypto_wipe(buf, sizeof buf); /* it may have held journal text */
    return used;
}

void draw_center(int y, enum tui_role role, const char *text)
{
    int w = (int)tui_width(text);
    int x = w >= COLS ? 0 : (COLS - w) / 2;
    draw_text(y, x, COLS, role, text);
}

void draw_hline(const struct tui *t, int y, int x, int len, enum tui_role role)
{
    const char *g = tui_glyphs(t)->hline;
    role_on(role);
    for (int i = 0; i < len && x + i < COLS; i++)
        mvaddstr(y, x + i, g);
    role_on(TUI_ROLE_NORMAL);
}

void draw_box(const struct tui *t, int y, int x, int h, int w, enum tui_role role)
{
    const struct tui_glyphs *g = tui_glyphs(t);
    if (h < 2 || w < 2)
        return;
    draw_hline(t, y, x + 1, w - 2, role);
    draw_hline(t, y + h - 1, x + 1, w - 2, role);
    draw_text(y, x, 1, role, g->tl);
    draw_text(y, x + w - 1, 1, role, g->tr);
    draw_text(y + h - 1, x, 1, role, g->bl);
    draw_text(y + h - 1, x + w - 1, 1, role, g->br);
    for (int r = y + 1; r < y + h - 1; r++) {
        draw_text(r, x, 1, role, g->vline);
        draw_text(r, x + w - 1, 1, role, g->vline);
    }
}

void draw_bar(const struct tui *t, int y, int x, int width, double fraction, enum tui_role role)
{
    const struct tui_glyphs *g = tui_glyphs(t);
    if (fraction < 0)
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    int full = (int)(fraction * width + 0.5);
    for (int i = 0; i < width; i++)
        draw_text(y, x + i, 1, i < full ? role : TUI_ROLE_MUTED,
                  i < full ? g->bar_full : g->bar_empty);
}

void draw_spark(const struct tui *t, int y, int x, const double *values, size_t n, double lo,
                double hi, enum tui_role role)
{
    const struct tui_glyphs *g = tui_glyphs(t);
    for (size_t i = 0; i < n; i++) {
        if (values[i] < lo) {
            draw_text(y, x + (int)i, 1, TUI_ROLE_MUTED, " ");
            continue;
        }
        double f = hi > lo ? (values[i] - lo) / (hi - lo) : 0;
        int level = (int)(f * 7 + 0.5);
        level = level < 0 ? 0 : level > 7 ? 7 : level;
        draw_text(y, x + (int)i, 1, role, g->spark[level]);
    }
}

void draw_clear_rows(int y, int n)
{
    role_on(TUI_ROLE_NORMAL);
    for (int r = y; r < y + n && r < LINES; r++) {
        move(r, 0);
        clrtoeol();
    }
}

static int cursor_y = -1, cursor_x = -1;

void draw_cursor(int y, int x)
{
    cursor_y = y;
    cursor_x = x;
}

void draw_cursor_apply(void)
{
    if (cursor_y >= 0 && cursor_y < LINES && cursor_x >= 0 && cursor_x < COLS) {
        move(cursor_y, cursor_x);
        curs_set(1);
    } else {
        curs_set(0);
    }
}

void draw_cursor_reset(void)
{
    cursor_y = cursor_x = -1;
}

int draw_dialog(const struct tui *t, const char *title, const char *const *lines, size_t n)
{
    int w = (int)tui_width(title) + 4;
    for (size_t i = 0; i < n; i++) {
        int lw = (int)tui_width(lines[i]) + 4;
        if (lw > w)
            w = lw;
    }
    if (w > COLS - 4)
        w = COLS - 4;
    int h = (int)n + 4;
    int y = t->body_top + (t->body_rows - h) / 2;
    int x = (COLS - w) / 2;
    if (y < t->body_top)
        y = t->body_top;
    for (int r = y; r < y + h; r++) {
        move(r, x);
        for (int c = 0; c < w; c++)
            addch(' ');
    }
    draw_box(t, y, x, h, w, TUI_ROLE_ACCENT);
    draw_text(y, x + 2, w - 4, TUI_ROLE_TITLE, title);
    for (size_t i = 0; i < n; i++)
        draw_text(y + 2 + (int)i, x + 2, w - 4, TUI_ROLE_NORMAL, lines[i]);
    return y + 2;
}

void draw_frame_begin(struct tui *t)
{
    draw_cursor_reset();
    erase();
    t->rows = LINES;
    t->cols = COLS;
    t->body_top = 2;
    t->body_rows = LINES - 4;
}
