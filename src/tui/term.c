/*
 * term: turns what curses reads from the terminal into odaat's keys, for the interface's
 * loop and for the stand-alone editor of `journal add`, so both read keys the same way.
 */
#include <curses.h>

#include "tui_draw.h"
#include "tui_internal.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

struct tui_key tui_term_key(const struct tui_term_keys *keys, int rc, wint_t wc)
{
    if (rc == KEY_CODE_YES) {
        switch (wc) {
        case KEY_UP:
            return tui_code(TUI_KEY_UP);
        case KEY_DOWN:
            return tui_code(TUI_KEY_DOWN);
        case KEY_LEFT:
            return tui_code(TUI_KEY_LEFT);
        case KEY_RIGHT:
            return tui_code(TUI_KEY_RIGHT);
        case KEY_HOME:
            return tui_code(TUI_KEY_HOME);
        case KEY_END:
            return tui_code(TUI_KEY_END);
        case KEY_PPAGE:
            return tui_code(TUI_KEY_PGUP);
        case KEY_NPAGE:
            return tui_code(TUI_KEY_PGDN);
        case KEY_BACKSPACE:
            return tui_code(TUI_KEY_BACKSPACE);
        case KEY_DC:
            return tui_code(TUI_KEY_DELETE);
        case KEY_BTAB:
            return tui_code(TUI_KEY_BTAB);
        case KEY_ENTER:
            return tui_code(TUI_KEY_ENTER);
        case KEY_RESIZE:
            return tui_code(TUI_KEY_RESIZE);
        default:
            if (keys->ctrl_left > 0 && (int)wc == keys->ctrl_left)
                return tui_code(TUI_KEY_CTRL_LEFT);
            if (keys->ctrl_right > 0 && (int)wc == keys->ctrl_right)
                return tui_code(TUI_KEY_CTRL_RIGHT);
            return tui_code(TUI_KEY_NONE);
        }
    }
    switch (wc) {
    case '\r':
    case '\n':
        return tui_code(TUI_KEY_ENTER);
    case '\t':
        return tui_code(TUI_KEY_TAB);
    case 27:
        return tui_code(TUI_KEY_ESC);
    case 8:
    case 127:
        return tui_code(TUI_KEY_BACKSPACE);
    default:
        break;
    }
    if (wc >= 1 && wc <= 26)
        return tui_ctrl((char)('a' + (int)wc - 1));
    if (wc < 0x20 || wc == 0x7f)
        return tui_code(TUI_KEY_NONE);
    return tui_char((uint32_t)wc);
}

/* Home and End as terminals send them when the terminal type says otherwise (xterm's
 * terminfo inside tmux or screen): without these they would arrive as Esc and leave. */
static void define_extra_keys(void)
{
    static const struct {
        const char *seq;
        int code;
    } extra[] = {
        {"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME}, {"\033[H", KEY_HOME}, {"\033OH", KEY_HOME},
        {"\033[4~", KEY_END},  {"\033[8~", KEY_END},  {"\033[F", KEY_END},  {"\033OF", KEY_END},
    };
    for (size_t i = 0; i < COUNT_OF(extra); i++) {
        if (key_defined(extra[i].seq) == 0)
            define_key(extra[i].seq, extra[i].code);
    }
}

/* The key code curses gives for the terminal's capability cap (Ctrl-arrows have no fixed
 * code: "kLFT5" is the sequence's name in terminfo), or 0 when there is none. */
static int key_code_of(const char *cap)
{
    const char *seq = tigetstr(cap);
    if (seq == NULL || seq == (const char *)-1)
        return 0;
    return key_defined(seq);
}

void tui_term_keys_init(struct tui_term_keys *keys)
{
    define_extra_keys();
    keys->ctrl_left = key_code_of("kLFT5");
    keys->ctrl_right = key_code_of("kRIT5");
}
