/*
 * tui_editor: odaat's built-in multi-line editor, for journal entries: a one-line title, a
 * rule, then the text word-wrapped to the width (wide characters take two columns), and a
 * status line. The text model is editbuf (odaat/editbuf.h); this widget adds the title, the
 * focus, the keys, scrolling in wrapped rows and the "leave without saving?" question. Key
 * handling calls no curses (the unit tests type into it); only tui_editor_draw paints.
 * Whatever was typed is wiped by tui_editor_close.
 */
#ifndef ODAAT_TUI_EDITOR_H
#define ODAAT_TUI_EDITOR_H

#include <stdbool.h>
#include <stddef.h>

#include "odaat/editbuf.h"
#include "tui_form.h"
#include "tui_internal.h"

/* What a key did to the editor. */
enum tui_editor_event {
    TUI_EDITOR_IGNORED, /* not the editor's key (the owner may use it) */
    TUI_EDITOR_HANDLED, /* the text, the cursor, the focus or the question changed: redraw */
    TUI_EDITOR_SAVE,    /* Ctrl-S: the owner reads the title and text and saves them */
    TUI_EDITOR_CANCEL,  /* leave without saving (asked first when something changed) */
};

struct tui_editor {
    struct editbuf *buf;         /* the text */
    struct tui_field title;      /* one line, at most APP_SHORT_TEXT_MAX bytes */
    struct tui_field title_undo; /* the title as it was when it last took the focus */
    char *start_title;           /* what the editor opened with, to tell whether anything */
    char *start_body;            /* changed (malloc'd, wiped on close) */
    bool on_body;                /* the text has the keyboard, else the title */
    bool asking;                 /* "leave without saving?" is showing */
    size_t scroll;               /* the first wrapped row shown */
    size_t goal;                 /* the column Up and Down aim for; SIZE_MAX: none yet */
    size_t width, rows;          /* the text area, in columns and rows */
    size_t *starts;              /* scratch for editbuf_wrap: where each row starts */
    size_t starts_cap;
};

/* Opens the editor on title and body (either may be NULL: empty). The keyboard starts in
 * the text, except for a new entry with neither, where it starts in the title. Errors:
 * ODAAT_ERR_NOMEM, ODAAT_ERR_INVALID (body is not valid UTF-8 or holds control characters).
 * On error the editor is left closed. */
enum odaat_err tui_editor_open(struct tui_editor *ed, const char *title, const char *body);

/* Wipes and frees everything the editor holds and zeroes it; a zeroed editor is fine. */
void tui_editor_close(struct tui_editor *ed);

/* Returns true while the editor is open. */
bool tui_editor_is_open(const struct tui_editor *ed);

/* Lays the editor out in an area of cols columns and rows rows (the title row, a rule, the
 * text, the status line), so page motions and scrolling know the text area's size. The
 * owner calls it before handing keys on and before drawing. */
void tui_editor_resize(struct tui_editor *ed, int cols, int rows);

/* Handles a key: see tui_editor_bindings for what each does. Characters are typed into
 * whichever of the title and the text has the keyboard. */
enum tui_editor_event tui_editor_key(struct tui_editor *ed, struct tui_key key);

/* Returns true when the title or the text differs from what the editor opened with. */
bool tui_editor_changed(const struct tui_editor *ed);

/* Returns the title as typed ("" when none): the editor's own memory, valid until the next
 * key or close. */
const char *tui_editor_title(const struct tui_editor *ed);

/* Returns the text in *out (lines joined by '\n'; free it with editbuf_text_free). Errors:
 * ODAAT_ERR_NOMEM. */
enum odaat_err tui_editor_body(const struct tui_editor *ed, char **out);

/* Returns true when the text holds nothing but spaces and line breaks. */
bool tui_editor_blank(const struct tui_editor *ed);

/* Writes the status line: "Ln 3, Col 7 · 1,204 characters" (the text's line and column
 * in characters, and its length in characters without line breaks), or "Title, Col 5 ·
 * ..." while the title has the keyboard. dot is the separator glyph. */
void tui_editor_status(const struct tui_editor *ed, const char *dot, char *out, size_t size);

/* The wrapped row the cursor is on, counted from the top of the text. */
size_t tui_editor_cursor_row(struct tui_editor *ed);

/* The editor's keys, for the footer, the `?` screen and `odaat keys` (as a mode of the screens
 * that open it). */
#define TUI_EDITOR_KEY_COUNT 18
extern const struct tui_binding tui_editor_keys[TUI_EDITOR_KEY_COUNT];

/* The keys the editor answers, for the footer and the `?` screen: tui_editor_keys, or while
 * it asks whether to leave, y and n. */
const struct tui_binding *tui_editor_bindings(const struct tui_editor *ed, size_t *count);

/* Draws the editor at rows top to top + rows - 1 across the terminal's width (the size
 * given to tui_editor_resize), with the terminal's cursor where typing goes, and the "leave
 * without saving?" dialog over it while that is asked. */
void tui_editor_draw(const struct tui *t, struct tui_editor *ed, int top, int rows);

#endif
