/*
 * form: the one-line text field. Editing is pure (tui_field_key never calls curses); only
 * tui_field_draw paints. Offsets are bytes of UTF-8 and always land on a character's first
 * byte, so a wide or accented character is inserted and deleted whole.
 */
#include "tui_form.h"

#include <string.h>
#include <wchar.h>

#include "odaat/crypto.h"
#include "odaat/utf8.h"

size_t tui_utf8_encode(uint32_t ch, char *out)
{
    /* A field takes no control characters; the rest is the core's encoding. */
    if (ch < 0x20 || ch == 0x7f)
        return 0;
    unsigned char bytes[4];
    size_t n = utf8_encode(ch, bytes);
    memcpy(out, bytes, n);
    return n;
}

static size_t field_max(const struct tui_field *f)
{
    return f->max > 0 && f->max < TUI_FIELD_MAX ? f->max : TUI_FIELD_MAX - 1;
}

static bool is_continuation(char c)
{
    return ((unsigned char)c & 0xc0) == 0x80;
}

void tui_field_set(struct tui_field *f, const char *text)
{
    tui_field_clear(f);
    size_t n = text != NULL ? strlen(text) : 0;
    if (n > field_max(f)) {
        n = field_max(f);
        while (n > 0 && is_continuation(text[n]))
            n--;
    }
    memcpy(f->text, text != NULL ? text : "", n);
    f->text[n] = '\0';
    f->len = f->cursor = n;
}

void tui_field_clear(struct tui_field *f)
{
    crypto_wipe(f->text, sizeof f->text);
    f->len = f->cursor = 0;
}

static size_t prev_char(const struct tui_field *f, size_t at)
{
    if (at == 0)
        return 0;
    at--;
    while (at > 0 && is_continuation(f->text[at]))
        at--;
    return at;
}

static size_t next_char(const struct tui_field *f, size_t at)
{
    if (at >= f->len)
        return f->len;
    at++;
    while (at < f->len && is_continuation(f->text[at]))
        at++;
    return at;
}

/* Removes bytes from..to. */
static void cut(struct tui_field *f, size_t from, size_t to)
{
    memmove(f->text + from, f->text + to, f->len - to + 1);
    f->len -= to - from;
    crypto_wipe(f->text + f->len + 1, TUI_FIELD_MAX - f->len - 1);
    f->cursor = from;
}

static bool insert(struct tui_field *f, uint32_t ch)
{
    char mb[4];
    size_t n = tui_utf8_encode(ch, mb);
    if (n == 0 || f->len + n > field_max(f))
        return true; /* refused, but the key was the field's */
    memmove(f->text + f->cursor + n, f->text + f->cursor, f->len - f->cursor + 1);
    memcpy(f->text + f->cursor, mb, n);
    f->len += n;
    f->cursor += n;
    return true;
}

bool tui_field_key(struct tui_field *f, struct tui_key key)
{
    switch (key.code) {
    case TUI_KEY_CHAR:
        return insert(f, key.ch);
    case TUI_KEY_BACKSPACE:
        if (f->cursor > 0)
            cut(f, prev_char(f, f->cursor), f->cursor);
        return true;
    case TUI_KEY_DELETE:
        if (f->cursor < f->len)
            cut(f, f->cursor, next_char(f, f->cursor));
        return true;
    case TUI_KEY_LEFT:
        f->cursor = prev_char(f, f->cursor);
        return true;
    case TUI_KEY_RIGHT:
        f->cursor = next_char(f, f->cursor);
        return true;
    case TUI_KEY_HOME:
        f->cursor = 0;
        return true;
    case TUI_KEY_END:
        f->cursor = f->len;
        return true;
    case TUI_KEY_CTRL:
        if (key.ch == 'a') {
            f->cursor = 0;
        } else if (key.ch == 'e') {
            f->cursor = f->len;
        } else if (key.ch == 'u') {
            cut(f, 0, f->cursor);
        } else if (key.ch == 'w') {
            size_t at = f->cursor;
            while (at > 0 && f->text[at - 1] == ' ')
                at--;
            while (at > 0 && f->text[at - 1] != ' ')
                at--;
            cut(f, at, f->cursor);
        } else {
            return false;
        }
        return true;
    default:
        return false;
    }
}

void tui_field_draw(const struct tui *t, const struct tui_field *f, int y, int x, int cols,
                    bool focused)
{
    char shown[TUI_FIELD_MAX * 3 + 1];
    size_t cursor = f->cursor;
    if (f->secret) {
        /* A fixed look: the length of a passphrase is not shown. */
        const char *dot = tui_glyphs(t)->dot;
        shown[0] = '\0';
        for (int i = 0; i < 12 && f->len > 0; i++)
            strcat(shown, dot);
        cursor = strlen(shown);
    } else {
        memcpy(shown, f->text, f->len + 1);
    }
    /* Scroll: start where the text before the cursor fits with a column to spare. */
    size_t start = 0;
    char before[sizeof shown];
    for (;;) {
        memcpy(before, shown + start, cursor - start);
        before[cursor - start] = '\0';
        if ((int)tui_width(before) < cols || start >= cursor)
            break;
        start++;
        while (start < cursor && is_continuation(shown[start]))
            start++;
    }
    draw_text(y, x, cols, focused ? TUI_ROLE_TITLE : TUI_ROLE_NORMAL, shown + start);
    if (focused)
        draw_cursor(y, x + (int)tui_width(before));
    crypto_wipe(shown, sizeof shown);
    crypto_wipe(before, sizeof before);
}
