/*
 * tui: odaat's full-screen interface, over the same app layer as the command line. This
 * header is all the rest of odaat sees of it: one entry point. Everything curses lives in
 * src/tui/ and nowhere else.
 */
#ifndef ODAAT_TUI_H
#define ODAAT_TUI_H

#include <stdbool.h>
#include <stdio.h>

struct tui_options {
    const char *data_dir;       /* --data-dir, or NULL for the default folder */
    const char *today_override; /* --today, or NULL: the clock */
    int passphrase_fd;          /* --passphrase-fd, or -1: ask on the unlock screen */
    bool demo;                  /* sample data in memory; nothing is read or written */
    /* A key script (see docs/design.md, "Testing the screens"): keys come from this file
     * instead of the keyboard, the terminal is not touched, and `dump` lines write the
     * screen as text to standard output. NULL: the keyboard. */
    const char *script;
};

/* Runs the interface until the person quits; returns the process exit code (0, or the
 * code of the error that ended it, after one line on stderr). */
int tui_main(const struct tui_options *options);

/*
 * Runs odaat's built-in editor full screen on the terminal (/dev/tty, on the alternate
 * screen, blanked before it is left so none of the text stays in the scrollback), for the
 * command line's `journal add` and `journal edit` on a terminal. heading names what is
 * written ("New journal entry"); title_in and body_in are the text to start from (NULL:
 * empty). A blank text is not accepted: Ctrl-S then says so and the editor stays open.
 * Returns 0 when the person saved, with the title ("" for none) in *title_out and the text
 * in *body_out, both in secure memory (free each with crypto_secure_free); 1 when they left
 * without saving (or a signal ended it), with both NULL; or a process exit code after one
 * line on stderr when the terminal could not be used. It reads the keyboard only: key
 * scripts (ODAAT_TUI_SCRIPT) drive the full-screen interface, and this editor is tested in
 * a real terminal (tests/tui/test_tmux_editor.sh).
 */
int tui_edit_text(const char *heading, const char *title_in, const char *body_in, char **title_out,
                  char **body_out);

/* Writes every screen's keys, then the keys all screens share, from the same tables the
 * footer and the `?` screen use: one "SCREEN<TAB>KEY<TAB>WHAT IT DOES" line each. */
void tui_keys_print(FILE *out);

#endif
