/*
 * keys: odaat's key codes, their names in key scripts and on screen, the bindings every
 * screen shares, and small text helpers the screens use to fit words into columns. No curses
 * here: the unit tests link this file without a terminal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "odaat/date.h"
#include "odaat/tui.h"
#include "tui_internal.h"

bool tui_key_equal(struct tui_key a, struct tui_key b)
{
    return a.code == b.code && a.ch == b.ch;
}

static const struct {
    const char *name;
    enum tui_keycode code;
} key_names[] = {
    {"Enter", TUI_KEY_ENTER},
    {"Esc", TUI_KEY_ESC},
    {"Tab", TUI_KEY_TAB},
    {"BTab", TUI_KEY_BTAB},
    {"Backspace", TUI_KEY_BACKSPACE},
    {"Delete", TUI_KEY_DELETE},
    {"Up", TUI_KEY_UP},
    {"Down", TUI_KEY_DOWN},
    {"Left", TUI_KEY_LEFT},
    {"Right", TUI_KEY_RIGHT},
    {"C-Left", TUI_KEY_CTRL_LEFT},
    {"C-Right", TUI_KEY_CTRL_RIGHT},
    {"Home", TUI_KEY_HOME},
    {"End", TUI_KEY_END},
    {"PgUp", TUI_KEY_PGUP},
    {"PgDn", TUI_KEY_PGDN},
};

bool tui_key_parse(const char *name, struct tui_key *out)
{
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
        if (strcmp(name, key_names[i].name) == 0) {
            *out = tui_code(key_names[i].code);
            return true;
        }
    }
    if (strcmp(name, "Space") == 0) {
        *out = tui_char(' ');
        return true;
    }
    if (strncmp(name, "C-", 2) == 0 && name[2] >= 'a' && name[2] <= 'z' && name[3] == '\0') {
        *out = tui_ctrl(name[2]);
        return true;
    }
    mbstate_t state = {0};
    wchar_t wc = 0;
    size_t len = strlen(name);
    size_t used = mbrtowc(&wc, name, len, &state);
    if (len == 0 || used != len || wc < 0x20 || wc == 0x7f)
        return false;
    *out = tui_char(wc);
    return true;
}

int tui_binding_find(const struct tui_binding *bindings, size_t n, struct tui_key key)
{
    for (size_t i = 0; i < n; i++) {
        if (tui_key_equal(bindings[i].key, key))
            return bindings[i].action;
    }
    return -1;
}

/* clang-format off */
const struct tui_binding tui_global_bindings[] = {
    {TUI_CHAR('1'), "1-9", "go to a screen by its number", TUI_GLOBAL_SCREEN_1, false, false},
    {TUI_CHAR('2'), "2", "", TUI_GLOBAL_SCREEN_1 + 1, false, true},
    {TUI_CHAR('3'), "3", "", TUI_GLOBAL_SCREEN_1 + 2, false, true},
    {TUI_CHAR('4'), "4", "", TUI_GLOBAL_SCREEN_1 + 3, false, true},
    {TUI_CHAR('5'), "5", "", TUI_GLOBAL_SCREEN_1 + 4, false, true},
    {TUI_CHAR('6'), "6", "", TUI_GLOBAL_SCREEN_1 + 5, false, true},
    {TUI_CHAR('7'), "7", "", TUI_GLOBAL_SCREEN_1 + 6, false, true},
    {TUI_CHAR('8'), "8", "", TUI_GLOBAL_SCREEN_1 + 7, false, true},
    {TUI_CHAR('9'), "9", "", TUI_GLOBAL_SCREEN_1 + 8, false, true},
    {TUI_CODE(TUI_KEY_TAB), "Tab", "next screen", TUI_GLOBAL_NEXT, false, false},
    {TUI_CODE(TUI_KEY_BTAB), "Shift-Tab", "previous screen", TUI_GLOBAL_PREV, false, false},
    {TUI_CHAR('L'), "L", "lock", TUI_GLOBAL_LOCK, true, false},
    {TUI_CHAR('?'), "?", "keys", TUI_GLOBAL_HELP, true, false},
    {TUI_CHAR('q'), "q", "quit", TUI_GLOBAL_QUIT, true, false},
    {TUI_CTRL('g'), "Ctrl-G", "keys, also while typing", TUI_GLOBAL_HELP, false, false},
    {TUI_CTRL('l'), "Ctrl-L", "redraw the screen", TUI_GLOBAL_REDRAW, false, false},
};
/* clang-format on */
const size_t tui_global_binding_count = sizeof tui_global_bindings / sizeof tui_global_bindings[0];

/* Decodes one UTF-8 character at s (n bytes left); returns its length, or 0 for an invalid
 * byte (which then counts as one column). */
static size_t next_char(const char *s, size_t n, wchar_t *wc)
{
    mbstate_t state = {0};
    size_t used = mbrtowc(wc, s, n, &state);
    if (used == (size_t)-1 || used == (size_t)-2 || used == 0)
        return 0;
    return used;
}

static size_t char_width(wchar_t wc)
{
    int w = wcwidth(wc);
    return w < 0 ? 1 : (size_t)w;
}

size_t tui_width(const char *text)
{
    size_t n = strlen(text), cols = 0;
    for (size_t i = 0; i < n;) {
        wchar_t wc = 0;
        size_t used = next_char(text + i, n - i, &wc);
        cols += used == 0 ? 1 : char_width(wc);
        i += used == 0 ? 1 : used;
    }
    return cols;
}

char *tui_fit(char *out, size_t size, const char *text, size_t cols, bool utf8)
{
    const char *mark = utf8 ? "…" : "~";
    size_t n = strlen(text), used_cols = 0, end = 0;
    if (size == 0)
        return out;
    if (tui_width(text) <= cols) {
        snprintf(out, size, "%s", text);
        return out;
    }
    /* Keep one column for the mark. */
    while (end < n) {
        wchar_t wc = 0;
        size_t used = next_char(text + end, n - end, &wc);
        size_t w = used == 0 ? 1 : char_width(wc);
        if (used == 0)
            used = 1;
        if (used_cols + w + 1 > cols || end + used + strlen(mark) + 1 > size)
            break;
        used_cols += w;
        end += used;
    }
    snprintf(out, size, "%.*s%s", (int)end, text, cols > 0 ? mark : "");
    return out;
}

char *tui_date(char *out, size_t size, int32_t day, enum tui_date_style style)
{
    struct date_ymd ymd = date_to_ymd(day);
    int wd = date_weekday(day);
    switch (style) {
    case TUI_DATE_SHORT:
        snprintf(out, size, "%s %d %s", date_weekday_abbr(wd), ymd.day, date_month_abbr(ymd.month));
        break;
    case TUI_DATE_MEDIUM:
        snprintf(out, size, "%d %s %d", ymd.day, date_month_abbr(ymd.month), ymd.year);
        break;
    case TUI_DATE_LONG:
        snprintf(out, size, "%s %d %s", date_weekday_name(wd), ymd.day, date_month_name(ymd.month));
        break;
    case TUI_DATE_FULL:
        snprintf(out, size, "%s %d %s %d", date_weekday_name(wd), ymd.day,
                 date_month_name(ymd.month), ymd.year);
        break;
    }
    return out;
}

static void print_bindings(FILE *out, const char *where, const struct tui_binding *b, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (!b[k].hidden)
            fprintf(out, "%s\t%s\t%s\n", where, b[k].name, b[k].help);
    }
}

void tui_keys_print(FILE *out)
{
    for (int i = 0; i < TUI_SCREEN_COUNT; i++) {
        const struct tui_screen *s = tui_screens[i];
        print_bindings(out, s->title, s->bindings, s->binding_count);
        for (size_t m = 0; m < s->mode_count; m++) {
            char where[96];
            snprintf(where, sizeof where, "%s: %s", s->title, s->modes[m].name);
            print_bindings(out, where, s->modes[m].bindings, s->modes[m].count);
        }
    }
    print_bindings(out, "every screen", tui_global_bindings, tui_global_binding_count);
}
