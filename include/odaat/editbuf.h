/*
 * editbuf: the text model of odaat's built-in editor, with no terminal in it: lines of
 * UTF-8, a cursor, motions by character, word, line and page, word wrap for a width in
 * terminal columns (wide characters take two), and undo. The full-screen editor draws it;
 * tests drive it directly. Journal text lives only here and in the store, never in a file,
 * so the buffer wipes what it frees.
 */
#ifndef ODAAT_EDITBUF_H
#define ODAAT_EDITBUF_H

#include <stdbool.h>
#include <stddef.h>

#include "odaat/err.h"

struct editbuf;

/* Where the cursor is: a line, and a byte offset in it that is always on a character's
 * first byte. */
struct editbuf_cursor {
    size_t line;
    size_t byte;
};

enum editbuf_motion {
    EDITBUF_LEFT,       /* one character back, to the end of the line before at its start */
    EDITBUF_RIGHT,      /* one character on, to the start of the next line at its end */
    EDITBUF_WORD_LEFT,  /* to the start of this or the previous word */
    EDITBUF_WORD_RIGHT, /* past the end of this or the next word */
    EDITBUF_UP,         /* a line up, at the same column or the line's end */
    EDITBUF_DOWN,
    EDITBUF_HOME, /* the start of the line */
    EDITBUF_END,  /* the end of the line */
    EDITBUF_PAGE_UP,
    EDITBUF_PAGE_DOWN,
};

/* Makes a buffer holding text (NULL: empty), the cursor at the end. NULL when out of
 * memory or when text is not valid UTF-8. Free with editbuf_free. */
struct editbuf *editbuf_new(const char *text);

/* Wipes and frees the buffer; NULL is fine. */
void editbuf_free(struct editbuf *eb);

/* Returns the whole text (lines joined by '\n') in *out, malloc'd: free it with
 * editbuf_text_free. Errors: ODAAT_ERR_NOMEM. */
enum odaat_err editbuf_text(const struct editbuf *eb, char **out);
void editbuf_text_free(char *text);

/* The number of lines, line i's text (not NUL-terminated) and length, and the cursor. */
size_t editbuf_lines(const struct editbuf *eb);
const char *editbuf_line(const struct editbuf *eb, size_t i, size_t *len);
struct editbuf_cursor editbuf_cursor(const struct editbuf *eb);

/* Inserts UTF-8 text at the cursor ('\n' splits the line) and moves past it. Errors:
 * ODAAT_ERR_INVALID for text that is not valid UTF-8 or holds control characters other
 * than '\n' and '\t', ODAAT_ERR_NOMEM. Nothing changes on error. */
enum odaat_err editbuf_insert(struct editbuf *eb, const char *text);

/* Deletes the character before the cursor (joining lines at a line's start), or the one
 * under it. Return false when there was nothing to delete. */
bool editbuf_backspace(struct editbuf *eb);
bool editbuf_delete(struct editbuf *eb);

/* Moves the cursor; page motions move page_lines lines. */
void editbuf_move(struct editbuf *eb, enum editbuf_motion motion, size_t page_lines);

/* Undoes the last change (insertions typed in one go count as one); false when there is
 * nothing left to undo. At least the last 100 changes are kept. */
bool editbuf_undo(struct editbuf *eb);

/* The display width of len bytes of UTF-8 in terminal columns (wide characters count two,
 * combining marks none), as the current locale's wcwidth says. */
size_t editbuf_width(const char *text, size_t len);

/*
 * Word wrap: splits line (len bytes) into rows of at most width columns, breaking after a
 * space where it can and inside a word only when a word is wider than a row. Writes the
 * byte offset where each row starts into starts (at most max) and returns the number of
 * rows (at least 1, even for an empty line).
 */
size_t editbuf_wrap(const char *line, size_t len, size_t width, size_t *starts, size_t max);

#endif
