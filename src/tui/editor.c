/*
 * editor: the built-in multi-line editor (tui_editor.h) and, at the end of the file, the
 * same editor run full screen on its own for the command line (tui_edit_text). The text
 * lives in an editbuf; this file adds the title, the focus, wrapped-row motions and
 * scrolling, and the question before anything typed is thrown away. Key handling never
 * calls curses; only the draw functions and tui_edit_text's loop do. Journal text is held
 * only in the editbuf, the title fields and short-lived buffers that are wiped after use.
 */
#include "tui_editor.h"

#include <curses.h>
#include <langinfo.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "odaat/crypto.h"
#include "odaat/output.h"
#include "odaat/tui.h"
#include "tui_draw.h"
#include "tui_widgets.h"

/* The layout inside the editor's area: the title row and a rule above the text, the status
 * line below it. */
#define EDITOR_CHROME_ROWS 3
#define EDITOR_MARGIN      2 /* columns left blank on each side */

enum editor_action {
    ED_SAVE,
    ED_CANCEL,
    ED_FOCUS,
    ED_UNDO,
    ED_ENTER,
    ED_LEFT,
    ED_RIGHT,
    ED_UP,
    ED_DOWN,
    ED_WORD_LEFT,
    ED_WORD_RIGHT,
    ED_HOME,
    ED_END,
    ED_PAGE_UP,
    ED_PAGE_DOWN,
    ED_BACKSPACE,
    ED_DELETE,
    ED_YES,
    ED_NO,
};

/* clang-format off */
const struct tui_binding tui_editor_keys[TUI_EDITOR_KEY_COUNT] = {
    {TUI_CTRL('s'), "Ctrl-S", "save", ED_SAVE, true, false},
    {TUI_CODE(TUI_KEY_ESC), "Esc", "cancel", ED_CANCEL, true, false},
    {TUI_CODE(TUI_KEY_TAB), "Tab", "title / text", ED_FOCUS, true, false},
    {TUI_CODE(TUI_KEY_BTAB), "Shift-Tab", "", ED_FOCUS, false, true},
    {TUI_CTRL('z'), "Ctrl-Z", "undo", ED_UNDO, true, false},
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "new line (in the title: on to the text)", ED_ENTER,
     false, false},
    {TUI_CODE(TUI_KEY_LEFT), "←/→/↑/↓", "move the cursor", ED_LEFT, false, false},
    {TUI_CODE(TUI_KEY_RIGHT), "→", "", ED_RIGHT, false, true},
    {TUI_CODE(TUI_KEY_UP), "↑", "", ED_UP, false, true},
    {TUI_CODE(TUI_KEY_DOWN), "↓", "", ED_DOWN, false, true},
    {TUI_CODE(TUI_KEY_CTRL_LEFT), "Ctrl-←/→", "a word back or on", ED_WORD_LEFT, false, false},
    {TUI_CODE(TUI_KEY_CTRL_RIGHT), "Ctrl-→", "", ED_WORD_RIGHT, false, true},
    {TUI_CODE(TUI_KEY_HOME), "Home/End", "start or end of the line", ED_HOME, false, false},
    {TUI_CODE(TUI_KEY_END), "End", "", ED_END, false, true},
    {TUI_CODE(TUI_KEY_PGUP), "PgUp/PgDn", "a page up or down", ED_PAGE_UP, false, false},
    {TUI_CODE(TUI_KEY_PGDN), "PgDn", "", ED_PAGE_DOWN, false, true},
    {TUI_CODE(TUI_KEY_BACKSPACE), "Backspace", "delete before the cursor", ED_BACKSPACE, false,
     false},
    {TUI_CODE(TUI_KEY_DELETE), "Delete", "delete under the cursor", ED_DELETE, false, false},
};

static const struct tui_binding asking_bindings[] = {
    WIDGET_YES_NO("leave without saving", ED_YES, "keep writing", ED_NO),
};
/* clang-format on */

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ==== Text helpers ========================================================================= */

static bool continuation(char c)
{
    return ((unsigned char)c & 0xc0) == 0x80;
}

static size_t next_byte(const char *s, size_t len, size_t at)
{
    if (at < len)
        at++;
    while (at < len && continuation(s[at]))
        at++;
    return at;
}

/* Characters in len bytes of UTF-8. */
static size_t count_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += !continuation(s[i]);
    return n;
}

/* A malloc'd copy of text ("" for NULL); NULL when out of memory. */
static char *copy_text(const char *text)
{
    if (text == NULL)
        text = "";
    size_t n = strlen(text) + 1;
    char *out = malloc(n);
    if (out != NULL)
        memcpy(out, text, n);
    return out;
}

static void wipe_free(char *text)
{
    if (text != NULL) {
        crypto_wipe(text, strlen(text));
        free(text);
    }
}

/* ==== Opening and closing ================================================================== */

/* A copy of text the editor can hold: text read from stdin by the command line may carry
 * carriage returns (dropped) and other control characters (made spaces), which editbuf
 * refuses. NULL when out of memory. */
static char *editable_copy(const char *text)
{
    char *out = copy_text(text);
    if (out == NULL)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; out[i] != '\0'; i++) {
        unsigned char c = (unsigned char)out[i];
        if (c == '\r')
            continue;
        out[n++] = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ? ' ' : (char)c;
    }
    crypto_wipe(out + n, strlen(out + n));
    out[n] = '\0';
    return out;
}

enum odaat_err tui_editor_open(struct tui_editor *ed, const char *title, const char *body)
{
    tui_editor_close(ed);
    ed->start_title = copy_text(title);
    ed->start_body = editable_copy(body);
    if (ed->start_title == NULL || ed->start_body == NULL) {
        tui_editor_close(ed);
        return ODAAT_ERR_NOMEM;
    }
    ed->buf = editbuf_new(ed->start_body);
    if (ed->buf == NULL) {
        /* editbuf_new says NULL for both; an empty buffer tells them apart. */
        struct editbuf *probe = editbuf_new(NULL);
        editbuf_free(probe);
        tui_editor_close(ed);
        return probe != NULL ? ODAAT_ERR_INVALID : ODAAT_ERR_NOMEM;
    }
    ed->starts_cap = 256;
    ed->starts = malloc(ed->starts_cap * sizeof *ed->starts);
    if (ed->starts == NULL) {
        tui_editor_close(ed);
        return ODAAT_ERR_NOMEM;
    }
    ed->title.max = APP_SHORT_TEXT_MAX;
    ed->title_undo.max = APP_SHORT_TEXT_MAX;
    tui_field_set(&ed->title, title);
    tui_field_set(&ed->title_undo, title);
    ed->on_body = ed->title.len > 0 || (body != NULL && body[0] != '\0');
    ed->goal = SIZE_MAX;
    if (ed->width == 0)
        tui_editor_resize(ed, 80, 20);
    return ODAAT_OK;
}

void tui_editor_close(struct tui_editor *ed)
{
    editbuf_free(ed->buf);
    tui_field_clear(&ed->title);
    tui_field_clear(&ed->title_undo);
    wipe_free(ed->start_title);
    wipe_free(ed->start_body);
    free(ed->starts);
    crypto_wipe(ed, sizeof *ed);
}

bool tui_editor_is_open(const struct tui_editor *ed)
{
    return ed->buf != NULL;
}

void tui_editor_resize(struct tui_editor *ed, int cols, int rows)
{
    int width = cols - 2 * EDITOR_MARGIN, height = rows - EDITOR_CHROME_ROWS;
    ed->width = width > 1 ? (size_t)width : 1;
    ed->rows = height > 1 ? (size_t)height : 1;
}

/* ==== Wrapped rows ========================================================================= */

/* Wraps line i to the width: the rows' starts go to ed->starts; returns how many rows. */
static size_t wrap_line(struct tui_editor *ed, size_t i, const char **text, size_t *len)
{
    *text = editbuf_line(ed->buf, i, len);
    if (*len + 1 > ed->starts_cap) {
        /* A row holds at least one character, so a line has at most len rows. */
        size_t cap = ed->starts_cap * 2 > *len + 1 ? ed->starts_cap * 2 : *len + 1;
        size_t *grown = realloc(ed->starts, cap * sizeof *grown);
        if (grown != NULL) {
            ed->starts = grown;
            ed->starts_cap = cap;
        }
    }
    return editbuf_wrap(*text, *len, ed->width, ed->starts, ed->starts_cap);
}

/* The row of a wrapped line (rows of them in ed->starts) that byte falls on. */
static size_t row_of(const struct tui_editor *ed, size_t rows, size_t byte)
{
    size_t r = 0;
    while (r + 1 < rows && ed->starts[r + 1] <= byte)
        r++;
    return r;
}

/* The cursor's place on screen: its wrapped row from the top of the text, its column. */
struct place {
    size_t row;
    size_t col;
};

static struct place cursor_place(struct tui_editor *ed)
{
    struct editbuf_cursor c = editbuf_cursor(ed->buf);
    struct place p = {0, 0};
    const char *text;
    size_t len;
    for (size_t i = 0; i < c.line; i++)
        p.row += wrap_line(ed, i, &text, &len);
    size_t rows = wrap_line(ed, c.line, &text, &len);
    size_t r = row_of(ed, rows, c.byte);
    p.row += r;
    p.col = editbuf_width(text + ed->starts[r], c.byte - ed->starts[r]);
    return p;
}

static size_t total_rows(struct tui_editor *ed)
{
    size_t n = 0;
    const char *text;
    size_t len;
    for (size_t i = 0; i < editbuf_lines(ed->buf); i++)
        n += wrap_line(ed, i, &text, &len);
    return n;
}

size_t tui_editor_cursor_row(struct tui_editor *ed)
{
    return cursor_place(ed).row;
}

/* Scrolls so the cursor's row shows, without leaving rows blank below the text. */
static void follow_cursor(struct tui_editor *ed)
{
    size_t row = cursor_place(ed).row, total = total_rows(ed);
    if (row < ed->scroll)
        ed->scroll = row;
    else if (row >= ed->scroll + ed->rows)
        ed->scroll = row - ed->rows + 1;
    if (ed->scroll > 0 && total < ed->scroll + ed->rows)
        ed->scroll = total > ed->rows ? total - ed->rows : 0;
}

static int cursor_compare(struct editbuf_cursor a, struct editbuf_cursor b)
{
    if (a.line != b.line)
        return a.line < b.line ? -1 : 1;
    return a.byte < b.byte ? -1 : a.byte > b.byte;
}

/* Moves the cursor to target by character motions (editbuf has no other way to place it). */
static void move_to(struct tui_editor *ed, struct editbuf_cursor target)
{
    for (;;) {
        struct editbuf_cursor c = editbuf_cursor(ed->buf);
        int side = cursor_compare(c, target);
        if (side == 0)
            return;
        editbuf_move(ed->buf, side < 0 ? EDITBUF_RIGHT : EDITBUF_LEFT, 0);
        if (cursor_compare(editbuf_cursor(ed->buf), c) == 0)
            return; /* an edge: nowhere further to go */
    }
}

/* The byte in row r of a wrapped line (rows of them, len bytes) nearest column col without
 * passing it. A row other than the last stops before the next row's first character, which
 * would show on the next row. */
static size_t byte_at(const struct tui_editor *ed, const char *text, size_t len, size_t rows,
                      size_t r, size_t col)
{
    bool last = r + 1 == rows;
    size_t end = last ? len : ed->starts[r + 1];
    size_t b = ed->starts[r], used = 0;
    while (b < end) {
        size_t next = next_byte(text, len, b);
        size_t w = editbuf_width(text + b, next - b);
        if (used + w > col || (!last && next >= end))
            break;
        used += w;
        b = next;
    }
    return b;
}

/* Moves a wrapped row up or down at the goal column; false at the top or bottom. */
static bool move_row(struct tui_editor *ed, bool up)
{
    struct editbuf_cursor c = editbuf_cursor(ed->buf);
    const char *text;
    size_t len;
    size_t rows = wrap_line(ed, c.line, &text, &len);
    size_t r = row_of(ed, rows, c.byte);
    if (ed->goal == SIZE_MAX)
        ed->goal = editbuf_width(text + ed->starts[r], c.byte - ed->starts[r]);
    struct editbuf_cursor target = c;
    if (up && r > 0) {
        target.byte = byte_at(ed, text, len, rows, r - 1, ed->goal);
    } else if (!up && r + 1 < rows) {
        target.byte = byte_at(ed, text, len, rows, r + 1, ed->goal);
    } else if (up && c.line > 0) {
        target.line = c.line - 1;
        rows = wrap_line(ed, target.line, &text, &len);
        target.byte = byte_at(ed, text, len, rows, rows - 1, ed->goal);
    } else if (!up && c.line + 1 < editbuf_lines(ed->buf)) {
        target.line = c.line + 1;
        rows = wrap_line(ed, target.line, &text, &len);
        target.byte = byte_at(ed, text, len, rows, 0, ed->goal);
    } else {
        return false;
    }
    move_to(ed, target);
    return true;
}

/* ==== Keys ================================================================================== */

static void focus_title(struct tui_editor *ed)
{
    ed->on_body = false;
    tui_field_set(&ed->title_undo, ed->title.text);
}

static enum tui_editor_event asking_key(struct tui_editor *ed, struct tui_key key)
{
    switch (tui_binding_find(asking_bindings, COUNT_OF(asking_bindings), key)) {
    case ED_YES:
        ed->asking = false;
        return TUI_EDITOR_CANCEL;
    case ED_NO:
        ed->asking = false;
        return TUI_EDITOR_HANDLED;
    default:
        return TUI_EDITOR_HANDLED; /* only y or n answers */
    }
}

/* Moves the title's cursor to the start of this or the previous word, or past the end of
 * this or the next, as the text's word motions do. */
static void title_word(struct tui_field *f, bool back)
{
    size_t at = f->cursor;
    if (back) {
        while (at > 0 && f->text[at - 1] == ' ')
            at--;
        while (at > 0 && f->text[at - 1] != ' ')
            at--;
    } else {
        while (at < f->len && f->text[at] == ' ')
            at++;
        while (at < f->len && f->text[at] != ' ')
            at++;
    }
    f->cursor = at;
}

static enum tui_editor_event title_key(struct tui_editor *ed, int action, struct tui_key key)
{
    switch (action) {
    case ED_ENTER:
    case ED_DOWN:
    case ED_PAGE_DOWN:
        ed->on_body = true;
        return TUI_EDITOR_HANDLED;
    case ED_UP:
    case ED_PAGE_UP:
        return TUI_EDITOR_HANDLED;
    case ED_UNDO:
        /* The title's undo goes back to what it held when it took the keyboard. */
        tui_field_set(&ed->title, ed->title_undo.text);
        return TUI_EDITOR_HANDLED;
    case ED_WORD_LEFT:
    case ED_WORD_RIGHT:
        title_word(&ed->title, action == ED_WORD_LEFT);
        return TUI_EDITOR_HANDLED;
    default:
        return tui_field_key(&ed->title, key) ? TUI_EDITOR_HANDLED : TUI_EDITOR_IGNORED;
    }
}

static void type_char(struct tui_editor *ed, uint32_t ch)
{
    char mb[4];
    size_t n = tui_utf8_encode(ch, mb);
    char text[5] = {0};
    memcpy(text, mb, n);
    if (n > 0)
        editbuf_insert(ed->buf, text);
    crypto_wipe(mb, sizeof mb);
    crypto_wipe(text, sizeof text);
}

static enum tui_editor_event body_key(struct tui_editor *ed, int action, struct tui_key key)
{
    switch (action) {
    case ED_UNDO:
        editbuf_undo(ed->buf);
        break;
    case ED_ENTER:
        editbuf_insert(ed->buf, "\n");
        break;
    case ED_LEFT:
        editbuf_move(ed->buf, EDITBUF_LEFT, 0);
        break;
    case ED_RIGHT:
        editbuf_move(ed->buf, EDITBUF_RIGHT, 0);
        break;
    case ED_WORD_LEFT:
        editbuf_move(ed->buf, EDITBUF_WORD_LEFT, 0);
        break;
    case ED_WORD_RIGHT:
        editbuf_move(ed->buf, EDITBUF_WORD_RIGHT, 0);
        break;
    case ED_HOME:
        editbuf_move(ed->buf, EDITBUF_HOME, 0);
        break;
    case ED_END:
        editbuf_move(ed->buf, EDITBUF_END, 0);
        break;
    case ED_BACKSPACE:
        editbuf_backspace(ed->buf);
        break;
    case ED_DELETE:
        editbuf_delete(ed->buf);
        break;
    case ED_UP:
        /* Up from the first row goes to the title. */
        if (!move_row(ed, true))
            focus_title(ed);
        return TUI_EDITOR_HANDLED;
    case ED_DOWN:
        move_row(ed, false);
        return TUI_EDITOR_HANDLED;
    case ED_PAGE_UP:
    case ED_PAGE_DOWN:
        for (size_t i = 0; i + 1 < ed->rows || i == 0; i++) {
            if (!move_row(ed, action == ED_PAGE_UP))
                break;
        }
        /* The page turns with the cursor: the same rows show where it was. */
        if (action == ED_PAGE_UP)
            ed->scroll = ed->scroll > ed->rows - 1 ? ed->scroll - (ed->rows - 1) : 0;
        else
            ed->scroll += ed->rows > 1 ? ed->rows - 1 : 1;
        return TUI_EDITOR_HANDLED;
    default:
        if (key.code != TUI_KEY_CHAR)
            return TUI_EDITOR_IGNORED;
        type_char(ed, key.ch);
        break;
    }
    return TUI_EDITOR_HANDLED;
}

enum tui_editor_event tui_editor_key(struct tui_editor *ed, struct tui_key key)
{
    if (ed->buf == NULL)
        return TUI_EDITOR_IGNORED;
    if (ed->asking)
        return asking_key(ed, key);
    int action = tui_binding_find(tui_editor_keys, COUNT_OF(tui_editor_keys), key);
    enum tui_editor_event event = TUI_EDITOR_HANDLED;
    switch (action) {
    case ED_SAVE:
        return TUI_EDITOR_SAVE;
    case ED_CANCEL:
        if (!tui_editor_changed(ed))
            return TUI_EDITOR_CANCEL;
        ed->asking = true;
        return TUI_EDITOR_HANDLED;
    case ED_FOCUS:
        if (ed->on_body)
            focus_title(ed);
        else
            ed->on_body = true;
        break;
    default:
        if (action != ED_UP && action != ED_DOWN && action != ED_PAGE_UP && action != ED_PAGE_DOWN)
            ed->goal = SIZE_MAX;
        event = ed->on_body ? body_key(ed, action, key) : title_key(ed, action, key);
        break;
    }
    follow_cursor(ed);
    return event;
}

/* ==== What was typed ======================================================================== */

const char *tui_editor_title(const struct tui_editor *ed)
{
    return ed->title.text;
}

enum odaat_err tui_editor_body(const struct tui_editor *ed, char **out)
{
    return editbuf_text(ed->buf, out);
}

bool tui_editor_changed(const struct tui_editor *ed)
{
    if (ed->buf == NULL)
        return false;
    if (strcmp(ed->title.text, ed->start_title) != 0)
        return true;
    char *body = NULL;
    if (editbuf_text(ed->buf, &body) != ODAAT_OK)
        return true; /* unknown: ask rather than lose anything */
    bool changed = strcmp(body, ed->start_body) != 0;
    editbuf_text_free(body);
    return changed;
}

bool tui_editor_blank(const struct tui_editor *ed)
{
    for (size_t i = 0; i < editbuf_lines(ed->buf); i++) {
        size_t len;
        const char *text = editbuf_line(ed->buf, i, &len);
        for (size_t k = 0; k < len; k++) {
            if (text[k] != ' ' && text[k] != '\t')
                return false;
        }
    }
    return true;
}

void tui_editor_status(const struct tui_editor *ed, const char *dot, char *out, size_t size)
{
    size_t chars = 0, len;
    for (size_t i = 0; i < editbuf_lines(ed->buf); i++) {
        const char *text = editbuf_line(ed->buf, i, &len);
        chars += count_chars(text, len);
    }
    char count[32];
    output_count((long long)chars, count, sizeof count);
    const char *unit = chars == 1 ? "character" : "characters";
    if (!ed->on_body) {
        size_t col = count_chars(ed->title.text, ed->title.cursor) + 1;
        snprintf(out, size, "Title, Col %zu %s %s %s", col, dot, count, unit);
        return;
    }
    struct editbuf_cursor c = editbuf_cursor(ed->buf);
    const char *text = editbuf_line(ed->buf, c.line, &len);
    snprintf(out, size, "Ln %zu, Col %zu %s %s %s", c.line + 1, count_chars(text, c.byte) + 1, dot,
             count, unit);
}

const struct tui_binding *tui_editor_bindings(const struct tui_editor *ed, size_t *count)
{
    if (ed->asking) {
        *count = COUNT_OF(asking_bindings);
        return asking_bindings;
    }
    *count = TUI_EDITOR_KEY_COUNT;
    return tui_editor_keys;
}

/* ==== Drawing ================================================================================ */

/* Draws bytes from..to of a line at (y, x): tabs as the spaces editbuf counts for them. */
static void draw_row(int y, int x, int cols, const char *text, size_t from, size_t to)
{
    size_t tabs = 0;
    for (size_t i = from; i < to; i++)
        tabs += text[i] == '\t';
    size_t size = to - from + tabs * 3 + 1;
    char *row = malloc(size);
    if (row == NULL)
        return;
    size_t n = 0;
    for (size_t i = from; i < to; i++) {
        if (text[i] == '\t') {
            memcpy(row + n, "    ", 4);
            n += 4;
        } else {
            row[n++] = text[i];
        }
    }
    row[n] = '\0';
    draw_text(y, x, cols, TUI_ROLE_NORMAL, row);
    crypto_wipe(row, size);
    free(row);
}

void tui_editor_draw(const struct tui *t, struct tui_editor *ed, int top, int rows)
{
    if (ed->buf == NULL)
        return;
    int cols = (int)ed->width + 2 * EDITOR_MARGIN;
    int x = EDITOR_MARGIN;
    follow_cursor(ed);
    draw_text(top, x, 6, TUI_ROLE_MUTED, "Title");
    if (ed->title.len == 0 && ed->on_body)
        draw_text(top, x + 7, -1, TUI_ROLE_MUTED, "(none)");
    else
        tui_field_draw(t, &ed->title, top, x + 7, cols - x - 7 - EDITOR_MARGIN, !ed->on_body);
    draw_hline(t, top + 1, x, cols - 2 * EDITOR_MARGIN, TUI_ROLE_MUTED);

    int text_top = top + 2;
    size_t shown = (size_t)(rows - EDITOR_CHROME_ROWS > 0 ? rows - EDITOR_CHROME_ROWS : 0);
    if (editbuf_lines(ed->buf) == 1 && !ed->on_body) {
        size_t len;
        editbuf_line(ed->buf, 0, &len);
        if (len == 0)
            draw_text(text_top, x, (int)ed->width, TUI_ROLE_MUTED,
                      "Write whatever you need to. Ctrl-S saves; Esc leaves.");
    }
    size_t row = 0;
    for (size_t i = 0; i < editbuf_lines(ed->buf) && row < ed->scroll + shown; i++) {
        const char *text;
        size_t len;
        size_t n = wrap_line(ed, i, &text, &len);
        for (size_t r = 0; r < n; r++, row++) {
            if (row < ed->scroll || row >= ed->scroll + shown)
                continue;
            size_t end = r + 1 < n ? ed->starts[r + 1] : len;
            draw_row(text_top + (int)(row - ed->scroll), x, (int)ed->width, text, ed->starts[r],
                     end);
        }
    }
    if (ed->on_body) {
        struct place p = cursor_place(ed);
        if (p.row >= ed->scroll && p.row < ed->scroll + shown)
            draw_cursor(text_top + (int)(p.row - ed->scroll), x + (int)p.col);
    }

    char status[128];
    tui_editor_status(ed, tui_glyphs(t)->dot, status, sizeof status);
    draw_text(top + rows - 1, x, cols - 2 * EDITOR_MARGIN, TUI_ROLE_MUTED, status);
    size_t total = total_rows(ed);
    if (total > ed->scroll + shown) {
        const char *more = t->utf8 ? "more below ↓" : "more below";
        int w = (int)tui_width(more);
        draw_text(top + rows - 1, cols - EDITOR_MARGIN - w, w, TUI_ROLE_MUTED, more);
    }

    if (ed->asking) {
        static const char *const lines[] = {"What you wrote here will not be kept."};
        widget_draw_question(t, "Leave without saving?", lines, COUNT_OF(lines),
                             "leave without saving", "keep writing");
    }
}

/* ==== The editor on its own, for the command line ============================================ */

static volatile sig_atomic_t edit_signal;

static void on_edit_signal(int sig)
{
    edit_signal = sig;
}

/* One frame: the heading, the editor, and its keys at the bottom, as the interface draws
 * a screen. */
static void edit_draw(struct tui *t, struct tui_editor *ed, const char *heading,
                      const char *message)
{
    draw_frame_begin(t);
    if (COLS < 20 || LINES < 8) {
        draw_text(0, 0, COLS, TUI_ROLE_NORMAL, "Make the terminal larger to write.");
        draw_cursor_apply();
        refresh();
        return;
    }
    draw_text(0, 1, COLS - 2, TUI_ROLE_TITLE, heading);
    draw_hline(t, 1, 0, COLS, TUI_ROLE_MUTED);
    tui_editor_resize(ed, COLS, t->body_rows);
    tui_editor_draw(t, ed, t->body_top, t->body_rows);
    draw_hline(t, LINES - 2, 0, COLS, TUI_ROLE_MUTED);
    if (message[0] != '\0')
        draw_text(LINES - 2, 1, COLS - 2, TUI_ROLE_ACCENT, message);
    size_t n = 0;
    const struct tui_binding *b = tui_editor_bindings(ed, &n);
    int x = 1;
    for (size_t i = 0; i < n; i++) {
        if (!b[i].footer)
            continue;
        int w = (int)tui_width(b[i].name) + 1 + (int)tui_width(b[i].help);
        if (x + w > COLS - 1)
            break;
        x += draw_text(LINES - 1, x, -1, TUI_ROLE_ACCENT, b[i].name);
        x += draw_text(LINES - 1, x + 1, -1, TUI_ROLE_NORMAL, b[i].help) + 3;
    }
    draw_cursor_apply();
    refresh();
}

/* A copy of text in secure memory; NULL when out of memory. */
static char *secure_copy(const char *text)
{
    size_t n = strlen(text) + 1;
    char *out = crypto_secure_alloc(n);
    if (out != NULL)
        memcpy(out, text, n);
    return out;
}

/* Hands the title and text over in secure memory. */
static enum odaat_err edit_result(const struct tui_editor *ed, char **title_out, char **body_out)
{
    char *body = NULL;
    enum odaat_err err = tui_editor_body(ed, &body);
    if (err != ODAAT_OK)
        return err;
    *title_out = secure_copy(tui_editor_title(ed));
    *body_out = secure_copy(body);
    editbuf_text_free(body);
    if (*title_out == NULL || *body_out == NULL) {
        crypto_secure_free(*title_out);
        crypto_secure_free(*body_out);
        *title_out = *body_out = NULL;
        return ODAAT_ERR_NOMEM;
    }
    return ODAAT_OK;
}

/* The loop: keys until the text is saved (0) or left (1); a signal leaves too. */
static int edit_loop(struct tui *t, struct tui_editor *ed, const char *heading, char **title_out,
                     char **body_out)
{
    struct tui_term_keys term_keys;
    tui_term_keys_init(&term_keys);
    char message[TUI_MESSAGE_SIZE] = "";
    for (;;) {
        edit_draw(t, ed, heading, message);
        wint_t wc = 0;
        int rc = get_wch(&wc);
        if (edit_signal != 0)
            return 1;
        if (rc == ERR)
            continue;
        struct tui_key key = tui_term_key(&term_keys, rc, wc);
        if (key.code == TUI_KEY_NONE || key.code == TUI_KEY_RESIZE)
            continue;
        message[0] = '\0';
        if (key.code == TUI_KEY_CTRL && key.ch == 'l') {
            clearok(curscr, TRUE);
            continue;
        }
        /* Ctrl-C is how a terminal program is left: here it is Esc, asking first. */
        if (key.code == TUI_KEY_CTRL && key.ch == 'c')
            key = tui_code(TUI_KEY_ESC);
        switch (tui_editor_key(ed, key)) {
        case TUI_EDITOR_CANCEL:
            return 1;
        case TUI_EDITOR_SAVE:
            if (tui_editor_blank(ed)) {
                snprintf(message, sizeof message,
                         "An entry needs a few words before it can be saved.");
                break;
            }
            if (edit_result(ed, title_out, body_out) != ODAAT_OK) {
                snprintf(message, sizeof message, "%s", odaat_err_message(ODAAT_ERR_NOMEM));
                break;
            }
            return 0;
        default:
            break;
        }
    }
}

int tui_edit_text(const char *heading, const char *title_in, const char *body_in, char **title_out,
                  char **body_out)
{
    *title_out = *body_out = NULL;
    struct tui t = {.utf8 = false};
    struct tui_editor ed = {0};
    enum odaat_err err = tui_editor_open(&ed, title_in, body_in);
    if (err != ODAAT_OK) {
        fprintf(stderr, "odaat: %s\n", odaat_err_message(err));
        return odaat_err_exit_code(err);
    }
    const char *codeset = nl_langinfo(CODESET);
    t.utf8 = codeset != NULL && strcmp(codeset, "UTF-8") == 0;
    /* The terminal itself, whatever stdin and stdout are. */
    FILE *tty = fopen("/dev/tty", "r+");
    SCREEN *screen = tty != NULL ? newterm(NULL, tty, tty) : NULL;
    if (screen == NULL) {
        fprintf(stderr, "odaat: cannot start the terminal (TERM=%s)\n",
                getenv("TERM") != NULL ? getenv("TERM") : "");
        if (tty != NULL)
            fclose(tty);
        tui_editor_close(&ed);
        return 1;
    }
    set_term(screen);
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    timeout(1000);
    const char *no_color = getenv("NO_COLOR");
    t.color = draw_init_colors(no_color == NULL || no_color[0] == '\0');

    struct sigaction sa, old_int, old_term, old_hup;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_edit_signal;
    sigemptyset(&sa.sa_mask);
    edit_signal = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sigaction(SIGHUP, &sa, &old_hup);

    int status = edit_loop(&t, &ed, heading, title_out, body_out);

    /* Blank the alternate screen before leaving it, so none of the text stays anywhere. */
    erase();
    refresh();
    curs_set(1);
    endwin();
    delscreen(screen);
    fclose(tty);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGHUP, &old_hup, NULL);
    tui_editor_close(&ed);
    return status;
}
