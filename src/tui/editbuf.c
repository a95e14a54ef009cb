/*
 * editbuf: the built-in editor's text model. Lines are arrays of UTF-8 bytes; the cursor is
 * a line and a byte offset on a character boundary. Every change first takes a snapshot of
 * the text for undo, except that characters typed one after another share one snapshot.
 * Must never: hold text anywhere but its own heap blocks (wiped when freed), or call curses.
 */
#include "odaat/editbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "odaat/utf8.h"

#define UNDO_MAX  100
#define TAB_WIDTH 4

struct line {
    char *text;
    size_t len;
    size_t cap;
};

struct snapshot {
    char *text;
    struct editbuf_cursor cursor;
};

struct editbuf {
    struct line *lines;
    size_t count;
    size_t cap;
    struct editbuf_cursor cur;
    size_t goal; /* the column vertical motions aim for; SIZE_MAX when none */
    struct snapshot undo[UNDO_MAX];
    size_t undo_count;
    bool typing; /* the last change was an insertion and the cursor has not moved since */
};

/* ---- UTF-8 ---- */

static bool continuation(unsigned char c)
{
    return (c & 0xc0) == 0x80;
}

static size_t char_width(uint32_t cp)
{
    if (cp == '\t')
        return TAB_WIDTH;
    int w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : (size_t)w;
}

size_t editbuf_width(const char *text, size_t len)
{
    size_t width = 0;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0xfffd;
        size_t n = utf8_decode(s + i, len - i, &cp);
        width += char_width(cp);
        i += n ? n : 1;
    }
    return width;
}

/* ---- lines ---- */

static void wipe_free(char *p, size_t n)
{
    if (p != NULL) {
        explicit_bzero(p, n);
        free(p);
    }
}

static bool line_reserve(struct line *l, size_t need)
{
    if (need <= l->cap)
        return true;
    size_t cap = l->cap ? l->cap : 32;
    while (cap < need)
        cap *= 2;
    char *grown = malloc(cap);
    if (grown == NULL)
        return false;
    if (l->len)
        memcpy(grown, l->text, l->len);
    wipe_free(l->text, l->cap);
    l->text = grown;
    l->cap = cap;
    return true;
}

static bool lines_reserve(struct editbuf *eb, size_t need)
{
    if (need <= eb->cap)
        return true;
    size_t cap = eb->cap ? eb->cap * 2 : 16;
    while (cap < need)
        cap *= 2;
    struct line *grown = realloc(eb->lines, cap * sizeof *grown);
    if (grown == NULL)
        return false;
    memset(grown + eb->cap, 0, (cap - eb->cap) * sizeof *grown);
    eb->lines = grown;
    eb->cap = cap;
    return true;
}

static void lines_clear(struct editbuf *eb)
{
    for (size_t i = 0; i < eb->cap; i++)
        wipe_free(eb->lines[i].text, eb->lines[i].cap);
    free(eb->lines);
    eb->lines = NULL;
    eb->count = eb->cap = 0;
}

/* Checks that text is valid UTF-8 without control characters but '\n' and '\t'. */
static bool text_valid(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0 || (cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7f ||
            (cp >= 0x80 && cp < 0xa0))
            return false;
        i += len;
    }
    return true;
}

/* Replaces the buffer's lines with text (already checked), the cursor at the end. */
static bool lines_set(struct editbuf *eb, const char *text)
{
    lines_clear(eb);
    if (!lines_reserve(eb, 1))
        return false;
    eb->count = 1;
    for (const char *p = text;; p++) {
        struct line *l = &eb->lines[eb->count - 1];
        if (*p == '\0')
            break;
        if (*p == '\n') {
            if (!lines_reserve(eb, eb->count + 1))
                return false;
            eb->count++;
            continue;
        }
        if (!line_reserve(l, l->len + 1))
            return false;
        l->text[l->len++] = *p;
    }
    eb->cur.line = eb->count - 1;
    eb->cur.byte = eb->lines[eb->cur.line].len;
    return true;
}

struct editbuf *editbuf_new(const char *text)
{
    if (text != NULL && !text_valid(text))
        return NULL;
    struct editbuf *eb = calloc(1, sizeof *eb);
    if (eb == NULL)
        return NULL;
    eb->goal = SIZE_MAX;
    if (!lines_set(eb, text != NULL ? text : "")) {
        editbuf_free(eb);
        return NULL;
    }
    return eb;
}

void editbuf_free(struct editbuf *eb)
{
    if (eb == NULL)
        return;
    lines_clear(eb);
    for (size_t i = 0; i < eb->undo_count; i++)
        editbuf_text_free(eb->undo[i].text);
    free(eb);
}

enum odaat_err editbuf_text(const struct editbuf *eb, char **out)
{
    size_t total = 1;
    for (size_t i = 0; i < eb->count; i++)
        total += eb->lines[i].len + 1;
    char *text = malloc(total);
    if (text == NULL)
        return ODAAT_ERR_NOMEM;
    size_t at = 0;
    for (size_t i = 0; i < eb->count; i++) {
        if (i > 0)
            text[at++] = '\n';
        if (eb->lines[i].len)
            memcpy(text + at, eb->lines[i].text, eb->lines[i].len);
        at += eb->lines[i].len;
    }
    text[at] = '\0';
    *out = text;
    return ODAAT_OK;
}

void editbuf_text_free(char *text)
{
    if (text != NULL)
        wipe_free(text, strlen(text));
}

size_t editbuf_lines(const struct editbuf *eb)
{
    return eb->count;
}

const char *editbuf_line(const struct editbuf *eb, size_t i, size_t *len)
{
    if (i >= eb->count) {
        *len = 0;
        return "";
    }
    *len = eb->lines[i].len;
    return eb->lines[i].len ? eb->lines[i].text : "";
}

struct editbuf_cursor editbuf_cursor(const struct editbuf *eb)
{
    return eb->cur;
}

/* ---- undo ---- */

/* Takes a snapshot before a change; typing in one go shares the first one. */
static enum odaat_err undo_push(struct editbuf *eb, bool typing)
{
    if (typing && eb->typing)
        return ODAAT_OK;
    char *text = NULL;
    enum odaat_err err = editbuf_text(eb, &text);
    if (err != ODAAT_OK)
        return err;
    if (eb->undo_count == UNDO_MAX) {
        editbuf_text_free(eb->undo[0].text);
        memmove(eb->undo, eb->undo + 1, (UNDO_MAX - 1) * sizeof eb->undo[0]);
        eb->undo_count--;
    }
    eb->undo[eb->undo_count++] = (struct snapshot){text, eb->cur};
    return ODAAT_OK;
}

bool editbuf_undo(struct editbuf *eb)
{
    if (eb->undo_count == 0)
        return false;
    struct snapshot *s = &eb->undo[--eb->undo_count];
    if (!lines_set(eb, s->text))
        return false;
    eb->cur = s->cursor;
    editbuf_text_free(s->text);
    eb->typing = false;
    eb->goal = SIZE_MAX;
    return true;
}

/* ---- changes ---- */

enum odaat_err editbuf_insert(struct editbuf *eb, const char *text)
{
    if (!text_valid(text))
        return ODAAT_ERR_INVALID;
    bool single = strchr(text, '\n') == NULL;
    enum odaat_err err = undo_push(eb, single);
    if (err != ODAAT_OK)
        return err;
    for (const char *p = text; *p != '\0'; p++) {
        struct line *l = &eb->lines[eb->cur.line];
        if (*p == '\n') {
            /* Split: the rest of the line moves to a new line after this one. */
            if (!lines_reserve(eb, eb->count + 1))
                return ODAAT_ERR_NOMEM;
            l = &eb->lines[eb->cur.line];
            struct line next = {0};
            size_t rest = l->len - eb->cur.byte;
            if (!line_reserve(&next, rest + 1))
                return ODAAT_ERR_NOMEM;
            if (rest)
                memcpy(next.text, l->text + eb->cur.byte, rest);
            next.len = rest;
            l->len = eb->cur.byte;
            memmove(&eb->lines[eb->cur.line + 2], &eb->lines[eb->cur.line + 1],
                    (eb->count - eb->cur.line - 1) * sizeof *eb->lines);
            eb->lines[eb->cur.line + 1] = next;
            eb->count++;
            eb->cur.line++;
            eb->cur.byte = 0;
            continue;
        }
        if (!line_reserve(l, l->len + 1))
            return ODAAT_ERR_NOMEM;
        memmove(l->text + eb->cur.byte + 1, l->text + eb->cur.byte, l->len - eb->cur.byte);
        l->text[eb->cur.byte++] = *p;
        l->len++;
    }
    eb->typing = single;
    eb->goal = SIZE_MAX;
    return ODAAT_OK;
}

/* Removes line i+1, appending its text to line i. */
static bool join_next(struct editbuf *eb, size_t i)
{
    struct line *a = &eb->lines[i];
    struct line *b = &eb->lines[i + 1];
    if (!line_reserve(a, a->len + b->len + 1))
        return false;
    if (b->len)
        memcpy(a->text + a->len, b->text, b->len);
    a->len += b->len;
    wipe_free(b->text, b->cap);
    memmove(&eb->lines[i + 1], &eb->lines[i + 2], (eb->count - i - 2) * sizeof *eb->lines);
    eb->count--;
    memset(&eb->lines[eb->count], 0, sizeof *eb->lines);
    return true;
}

static size_t prev_char(const struct line *l, size_t byte)
{
    while (byte > 0 && continuation((unsigned char)l->text[--byte]))
        ;
    return byte;
}

static size_t next_char(const struct line *l, size_t byte)
{
    if (byte < l->len)
        byte++;
    while (byte < l->len && continuation((unsigned char)l->text[byte]))
        byte++;
    return byte;
}

bool editbuf_delete(struct editbuf *eb)
{
    struct line *l = &eb->lines[eb->cur.line];
    if (eb->cur.byte == l->len && eb->cur.line + 1 == eb->count)
        return false;
    if (undo_push(eb, false) != ODAAT_OK)
        return false;
    l = &eb->lines[eb->cur.line];
    if (eb->cur.byte == l->len)
        return join_next(eb, eb->cur.line);
    size_t end = next_char(l, eb->cur.byte);
    explicit_bzero(l->text + eb->cur.byte, end - eb->cur.byte);
    memmove(l->text + eb->cur.byte, l->text + end, l->len - end);
    l->len -= end - eb->cur.byte;
    eb->typing = false;
    eb->goal = SIZE_MAX;
    return true;
}

bool editbuf_backspace(struct editbuf *eb)
{
    if (eb->cur.byte == 0 && eb->cur.line == 0)
        return false;
    editbuf_move(eb, EDITBUF_LEFT, 0);
    return editbuf_delete(eb);
}

/* ---- motions ---- */

static bool is_space_at(const struct line *l, size_t byte)
{
    return l->text[byte] == ' ' || l->text[byte] == '\t';
}

/* The byte offset in line l whose column is the last one not past col. */
static size_t byte_at_column(const struct line *l, size_t col)
{
    size_t byte = 0, width = 0;
    while (byte < l->len) {
        size_t next = next_char(l, byte);
        size_t w = editbuf_width(l->text + byte, next - byte);
        if (width + w > col)
            break;
        width += w;
        byte = next;
    }
    return byte;
}

static void move_vertical(struct editbuf *eb, size_t lines, bool up)
{
    const struct line *l = &eb->lines[eb->cur.line];
    if (eb->goal == SIZE_MAX)
        eb->goal = editbuf_width(l->text, eb->cur.byte);
    if (up)
        eb->cur.line = eb->cur.line > lines ? eb->cur.line - lines : 0;
    else
        eb->cur.line = eb->cur.line + lines < eb->count ? eb->cur.line + lines : eb->count - 1;
    eb->cur.byte = byte_at_column(&eb->lines[eb->cur.line], eb->goal);
}

void editbuf_move(struct editbuf *eb, enum editbuf_motion motion, size_t page_lines)
{
    struct line *l = &eb->lines[eb->cur.line];
    size_t goal = eb->goal;
    eb->typing = false;
    eb->goal = SIZE_MAX;
    switch (motion) {
    case EDITBUF_LEFT:
        if (eb->cur.byte > 0)
            eb->cur.byte = prev_char(l, eb->cur.byte);
        else if (eb->cur.line > 0)
            eb->cur.byte = eb->lines[--eb->cur.line].len;
        break;
    case EDITBUF_RIGHT:
        if (eb->cur.byte < l->len)
            eb->cur.byte = next_char(l, eb->cur.byte);
        else if (eb->cur.line + 1 < eb->count) {
            eb->cur.line++;
            eb->cur.byte = 0;
        }
        break;
    case EDITBUF_WORD_LEFT:
        if (eb->cur.byte == 0) {
            editbuf_move(eb, EDITBUF_LEFT, 0);
            break;
        }
        while (eb->cur.byte > 0 && is_space_at(l, prev_char(l, eb->cur.byte)))
            eb->cur.byte = prev_char(l, eb->cur.byte);
        while (eb->cur.byte > 0 && !is_space_at(l, prev_char(l, eb->cur.byte)))
            eb->cur.byte = prev_char(l, eb->cur.byte);
        break;
    case EDITBUF_WORD_RIGHT:
        if (eb->cur.byte == l->len) {
            editbuf_move(eb, EDITBUF_RIGHT, 0);
            break;
        }
        while (eb->cur.byte < l->len && is_space_at(l, eb->cur.byte))
            eb->cur.byte = next_char(l, eb->cur.byte);
        while (eb->cur.byte < l->len && !is_space_at(l, eb->cur.byte))
            eb->cur.byte = next_char(l, eb->cur.byte);
        break;
    case EDITBUF_UP:
    case EDITBUF_DOWN:
    case EDITBUF_PAGE_UP:
    case EDITBUF_PAGE_DOWN:
        eb->goal = goal;
        move_vertical(eb,
                      motion == EDITBUF_UP || motion == EDITBUF_DOWN ? 1
                      : page_lines > 0                               ? page_lines
                                                                     : 1,
                      motion == EDITBUF_UP || motion == EDITBUF_PAGE_UP);
        break;
    case EDITBUF_HOME:
        eb->cur.byte = 0;
        break;
    case EDITBUF_END:
        eb->cur.byte = l->len;
        break;
    }
}

/* ---- wrap ---- */

size_t editbuf_wrap(const char *line, size_t len, size_t width, size_t *starts, size_t max)
{
    size_t rows = 0;
    if (max == 0)
        return 0;
    starts[rows++] = 0;
    if (width == 0)
        return rows;
    const struct line l = {(char *)(uintptr_t)line, len, len};
    size_t row_start = 0, row_width = 0, after_space = SIZE_MAX;
    for (size_t byte = 0; byte < len;) {
        size_t next = next_char(&l, byte);
        size_t w = editbuf_width(line + byte, next - byte);
        if (row_width + w > width && byte > row_start) {
            /* Break after the last space in the row, or inside a word too wide for one. */
            size_t at = after_space != SIZE_MAX && after_space > row_start ? after_space : byte;
            if (rows == max)
                return rows;
            starts[rows++] = at;
            row_start = at;
            row_width = editbuf_width(line + at, byte - at);
            after_space = SIZE_MAX;
        }
        row_width += w;
        if (line[byte] == ' ' || line[byte] == '\t')
            after_space = next;
        byte = next;
    }
    return rows;
}
