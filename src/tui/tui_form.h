/*
 * tui_form: the one-line text field every form uses (a trigger, a meeting's name, a clean
 * date, a passphrase). The text lives in the field itself, so unloading a screen and
 * wiping its state wipes what was typed.
 */
#ifndef ODAAT_TUI_FORM_H
#define ODAAT_TUI_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "tui_internal.h"

#define TUI_FIELD_MAX 1024

struct tui_field {
    char text[TUI_FIELD_MAX]; /* UTF-8, NUL-terminated */
    size_t len;               /* bytes */
    size_t cursor;            /* a byte offset on a character's first byte */
    size_t max;               /* at most this many bytes (0: TUI_FIELD_MAX - 1) */
    bool secret;              /* drawn as dots */
};

/* Replaces the text (cut at max on a character boundary) and puts the cursor at its end. */
void tui_field_set(struct tui_field *f, const char *text);

/* Wipes the text. */
void tui_field_clear(struct tui_field *f);

/* Handles a key that edits or moves in the field: characters, Backspace, Delete, Left,
 * Right, Home, End, Ctrl-A, Ctrl-E, Ctrl-U (clear), Ctrl-W (the word before). Returns false
 * for any other key, which the form then handles (Enter, Tab, Esc, Up, Down). */
bool tui_field_key(struct tui_field *f, struct tui_key key);

/* Draws the field at (y, x) in cols columns, scrolled so the cursor shows; when focused,
 * the terminal's cursor goes there. */
void tui_field_draw(const struct tui *t, const struct tui_field *f, int y, int x, int cols,
                    bool focused);

/* Encodes code point ch as UTF-8 into out (at least 4 bytes); returns the length (0 for a
 * code point that is not a character). */
size_t tui_utf8_encode(uint32_t ch, char *out);

#endif
