/*
 * tui_draw: what only the loops (tui.c, and the stand-alone editor in editor.c) need: colour
 * set-up, the cursor a text field asked for, and keys read from the terminal (term.c).
 */
#ifndef ODAAT_TUI_DRAW_H
#define ODAAT_TUI_DRAW_H

#include <stdbool.h>
#include <wchar.h>

#include "tui_internal.h"

/* Starts colours when want is true and the terminal has them; returns whether they are on. */
bool draw_init_colors(bool want);

/* Shows the cursor where draw_cursor last put it during this frame, else hides it. */
void draw_cursor_apply(void);

/* Forgets the cursor before a frame is drawn. */
void draw_cursor_reset(void);

/* Starts a frame: forgets the cursor, blanks the screen and lays out t for the terminal's
 * size (a tab bar and a rule on top, a rule and the keys at the bottom). */
void draw_frame_begin(struct tui *t);

/* The terminal's codes for keys curses has no fixed code for. */
struct tui_term_keys {
    int ctrl_left, ctrl_right; /* 0 when the terminal has none */
};

/* Looks the codes up after the terminal started, and teaches curses the Home and End
 * sequences terminals send inside tmux or screen. */
void tui_term_keys_init(struct tui_term_keys *keys);

/* odaat's key for what get_wch returned (rc, wc); TUI_KEY_NONE for a key odaat ignores. */
struct tui_key tui_term_key(const struct tui_term_keys *keys, int rc, wint_t wc);

#endif
