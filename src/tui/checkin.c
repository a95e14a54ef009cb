/*
 * checkin: the daily check-in form. Mood in words, craving on a small bar, triggers with
 * completion from the ones used before, three lines of gratitude and a note; the evening
 * inventory questions wait on an optional second page. The same form edits today's check-in
 * when there is one. Everything typed lives in the state's fields, so a lock wipes it.
 *
 * The inventory is stored as a flat JSON object of strings (resentful, selfish, dishonest,
 * afraid, apology, went_well), written and read back here. Keys this form does not know are
 * carried along, and an inventory it cannot read is kept as it was unless its page is edited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/crypto.h"
#include "odaat/date.h"
#include "odaat/store.h"
#include "tui_form.h"
#include "tui_internal.h"
#include "tui_widgets.h"

/* ==== The form's rows, pages and keys ===================================================== */

enum checkin_row {
    ROW_MOOD,
    ROW_CRAVING,
    ROW_TRIGGERS,
    ROW_GRATEFUL_1,
    ROW_GRATEFUL_2,
    ROW_GRATEFUL_3,
    ROW_NOTE,
    ROW_INVENTORY, /* the line that opens the second page */
    ROW_COUNT,
};

#define GRATEFUL_LINES 3
#define QUESTION_COUNT 6

/* Sizes in bytes: roomy for a day's words, small enough to stay one calm line. */
#define TRIGGERS_MAX 500
#define NOTE_MAX     500
#define ANSWER_MAX   300
/* Earlier triggers offered for completion, and inventory keys of other origin carried along. */
#define KNOWN_MAX 200
#define EXTRA_MAX 16
/* How far back earlier triggers are gathered. */
#define KNOWN_DAYS 365

static const char *const mood_words[] = {"", "awful", "low", "okay", "good", "great"};

/* The evening (tenth-step) questions, with the key each answer is stored under. */
static const struct {
    const char *key;
    const char *question;
} questions[QUESTION_COUNT] = {
    {"resentful", "Was I resentful?"},   {"selfish", "Selfish?"},
    {"dishonest", "Dishonest?"},         {"afraid", "Afraid?"},
    {"apology", "Do I owe an apology?"}, {"went_well", "What went well today?"},
};

enum checkin_action {
    CHECKIN_NEXT,
    CHECKIN_PREV,
    CHECKIN_MORE,
    CHECKIN_LESS,
    CHECKIN_DIGIT,
    CHECKIN_CLEAR,
    CHECKIN_SAVE,
    CHECKIN_PAGE,
    CHECKIN_PAGE_DOWN,
    CHECKIN_PAGE_UP,
    CHECKIN_CANCEL,
    CHECKIN_YES,
    CHECKIN_NO,
};

/* clang-format off */
static const struct tui_binding checkin_bindings[] = {
    /* In Triggers, Tab first completes a word used before: the row's hint says so. */
    {TUI_CODE(TUI_KEY_TAB), "Tab", "next field", CHECKIN_NEXT, true, false},
    {TUI_CODE(TUI_KEY_BTAB), "Shift-Tab", "previous field", CHECKIN_PREV, false, false},
    {TUI_CODE(TUI_KEY_DOWN), "↓/↑", "next or previous field", CHECKIN_NEXT, false, false},
    {TUI_CODE(TUI_KEY_UP), "↑", "", CHECKIN_PREV, false, true},
    {TUI_CODE(TUI_KEY_RIGHT), "←/→", "choose", CHECKIN_MORE, true, false},
    {TUI_CODE(TUI_KEY_LEFT), "←", "", CHECKIN_LESS, false, true},
    {TUI_CHAR('1'), "0-9", "choose the mood (1-5) or the craving (0-10)", CHECKIN_DIGIT, false,
     false},
    {TUI_CODE(TUI_KEY_BACKSPACE), "Backspace", "clear the mood or the craving", CHECKIN_CLEAR,
     false, false},
    {TUI_CTRL('s'), "Ctrl-S", "save", CHECKIN_SAVE, true, false},
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "save, or open the inventory", CHECKIN_SAVE, false,
     false},
    {TUI_CTRL('n'), "Ctrl-N", "open the evening inventory", CHECKIN_PAGE, false, false},
    {TUI_CODE(TUI_KEY_PGDN), "PgDn", "", CHECKIN_PAGE_DOWN, false, true},
    {TUI_CODE(TUI_KEY_PGUP), "PgUp", "", CHECKIN_PAGE_UP, false, true},
    {TUI_CODE(TUI_KEY_ESC), "Esc", "cancel", CHECKIN_CANCEL, true, false},
};

static const struct tui_binding inventory_bindings[] = {
    {TUI_CODE(TUI_KEY_TAB), "Tab", "next question", CHECKIN_NEXT, true, false},
    {TUI_CODE(TUI_KEY_BTAB), "Shift-Tab", "previous question", CHECKIN_PREV, false, false},
    {TUI_CODE(TUI_KEY_DOWN), "↓/↑", "next or previous question", CHECKIN_NEXT, false, false},
    {TUI_CODE(TUI_KEY_UP), "↑", "", CHECKIN_PREV, false, true},
    {TUI_CTRL('s'), "Ctrl-S", "save", CHECKIN_SAVE, true, false},
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "save", CHECKIN_SAVE, false, false},
    {TUI_CTRL('n'), "Ctrl-N", "back to the check-in", CHECKIN_PAGE, false, false},
    {TUI_CODE(TUI_KEY_PGUP), "PgUp", "", CHECKIN_PAGE_UP, false, true},
    {TUI_CODE(TUI_KEY_ESC), "Esc", "back", CHECKIN_PAGE_UP, true, false},
};

static const struct tui_binding ask_bindings[] = {
    WIDGET_YES_NO("yes", CHECKIN_YES, "no, keep editing", CHECKIN_NO),
};
/* clang-format on */

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The form's second page, for `odaat keys` (the first is the screen's own table). */
static const struct tui_mode_keys checkin_modes[] = {
    {"evening inventory", inventory_bindings, COUNT_OF(inventory_bindings)},
};

enum checkin_ask { ASK_NONE, ASK_DISCARD, ASK_QUIT };

/* A trigger used before, and on how many days. */
struct known_trigger {
    char *word;
    size_t days;
};

/* An inventory entry under a key this form does not ask about. */
struct extra_answer {
    char *key;
    char *value;
};

struct checkin_state {
    int32_t today;
    bool editing;     /* today already had a check-in when the form was loaded */
    int mood;         /* 1..5; 0: none chosen */
    int craving;      /* 0..10; -1: none chosen */
    bool craving_one; /* the last key was 1 on the Craving row, so 0 makes 10 */
    struct tui_field triggers;
    struct tui_field grateful[GRATEFUL_LINES];
    struct tui_field note;
    struct tui_field answers[QUESTION_COUNT];
    int row;
    bool inventory_page;
    int question;
    bool dirty; /* something changed since the load */
    enum checkin_ask ask;
    struct known_trigger *known; /* most used first */
    size_t known_count;
    /* What is kept as it was unless the person changes it. */
    char *note_loaded;                /* the stored note (it may have lines the field cannot) */
    struct model_tags gratitude_more; /* items past the third, from an import */
    char *inventory_unread;           /* stored text this form could not read */
    bool inventory_edited;
    struct extra_answer extras[EXTRA_MAX];
    size_t extra_count;
};

/* ==== Small text helpers ==================================================================== */

static void text_free(char **text)
{
    if (*text != NULL) {
        crypto_wipe(*text, strlen(*text));
        free(*text);
    }
    *text = NULL;
}

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Compares n bytes ignoring ASCII case (other scripts compare as they are). */
static bool same_ignoring_case(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
            return false;
    }
    return true;
}

/* Sets a field from stored text as widget_field_set_line does (a note's line breaks become
 * spaces, since a field holds one line), first widening the field when the text is longer
 * than the form would let one type (an import, the command line), so that saving the form
 * unchanged cuts nothing. */
static void field_load(struct tui_field *f, const char *text)
{
    size_t n = strlen(text);
    if (n > f->max)
        f->max = n < TUI_FIELD_MAX - 1 ? n : TUI_FIELD_MAX - 1;
    widget_field_set_line(f, text);
}

/* Trims spaces at both ends of text in place; returns where it now starts. */
static char *trim(char *text)
{
    while (*text == ' ')
        text++;
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == ' ')
        text[--n] = '\0';
    return text;
}

/* Splits comma-separated triggers in buf (changed in place) into items: trimmed, none empty,
 * none twice. Returns how many. */
static size_t split_tags(char *buf, char **items, size_t max)
{
    size_t count = 0;
    char *p = buf;
    while (p != NULL) {
        char *comma = strchr(p, ',');
        if (comma != NULL)
            *comma = '\0';
        char *tag = trim(p);
        bool seen = false;
        for (size_t i = 0; i < count && !seen; i++)
            seen =
                strlen(items[i]) == strlen(tag) && same_ignoring_case(items[i], tag, strlen(tag));
        if (tag[0] != '\0' && !seen && count < max)
            items[count++] = tag;
        p = comma != NULL ? comma + 1 : NULL;
    }
    return count;
}

/* ==== The inventory as JSON ================================================================= */

/* Room for text escaped as JSON: at most six bytes a byte ("\u001f"), and the quotes. */
static size_t escaped_size(const char *text)
{
    return strlen(text) * 6 + 2;
}

static char *put_escaped(char *out, const char *text)
{
    static const char hex[] = "0123456789abcdef";
    *out++ = '"';
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\') {
            *out++ = '\\';
            *out++ = (char)*p;
        } else if (*p < 0x20) {
            memcpy(out, "\\u00", 4);
            out[4] = hex[*p >> 4];
            out[5] = hex[*p & 0xf];
            out += 6;
        } else {
            *out++ = (char)*p;
        }
    }
    *out++ = '"';
    return out;
}

/* Writes the answers given (and the entries carried along) as a JSON object; NULL when there
 * is nothing to write or no memory (*failed tells which). */
static char *inventory_write(const struct checkin_state *s, const char *const answers[],
                             bool *failed)
{
    *failed = false;
    size_t size = 3;
    bool any = s->extra_count > 0;
    for (size_t i = 0; i < QUESTION_COUNT; i++) {
        if (answers[i][0] != '\0') {
            size += escaped_size(questions[i].key) + escaped_size(answers[i]) + 2;
            any = true;
        }
    }
    for (size_t i = 0; i < s->extra_count; i++)
        size += escaped_size(s->extras[i].key) + escaped_size(s->extras[i].value) + 2;
    if (!any)
        return NULL;
    char *json = malloc(size);
    if (json == NULL) {
        *failed = true;
        return NULL;
    }
    char *p = json;
    *p++ = '{';
    for (size_t i = 0; i < QUESTION_COUNT + s->extra_count; i++) {
        const char *key = i < QUESTION_COUNT ? questions[i].key : s->extras[i - QUESTION_COUNT].key;
        const char *value = i < QUESTION_COUNT ? answers[i] : s->extras[i - QUESTION_COUNT].value;
        if (value[0] == '\0')
            continue;
        if (p > json + 1)
            *p++ = ',';
        p = put_escaped(p, key);
        *p++ = ':';
        p = put_escaped(p, value);
    }
    *p++ = '}';
    *p = '\0';
    return json;
}

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)ascii_lower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Reads four hex digits; -1 when they are not. */
static long read_hex4(const char *p)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int d = hex_value(p[i]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Writes code point cp (never half a surrogate pair) as UTF-8: ASCII as it is, control
 * characters included (an answer's line break), the rest as a text field types it. Returns
 * the bytes. */
static size_t put_utf8(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    return tui_utf8_encode((uint32_t)cp, out);
}

/* Reads a JSON string at p into out (room for as many bytes as the input has left, since
 * decoding never grows text). Returns the position after it, or NULL when it is not a string
 * this form accepts (no NUL, no half a surrogate pair). */
static const char *read_string(const char *p, char *out)
{
    if (*p++ != '"')
        return NULL;
    size_t n = 0;
    while (*p != '"') {
        unsigned char c = (unsigned char)*p;
        if (c == '\0' || c < 0x20)
            return NULL;
        if (c != '\\') {
            out[n++] = *p++;
            continue;
        }
        p++;
        static const char escapes[] = "\"\\/bfnrt", meanings[] = "\"\\/\b\f\n\r\t";
        const char *simple = *p != '\0' ? strchr(escapes, *p) : NULL;
        if (simple != NULL) {
            out[n++] = meanings[simple - escapes];
            p++;
            continue;
        }
        if (*p != 'u')
            return NULL;
        long cp = read_hex4(p + 1);
        p += 5;
        if (cp >= 0xdc00 && cp < 0xe000)
            return NULL;
        if (cp >= 0xd800 && cp < 0xdc00) {
            long low = p[0] == '\\' && p[1] == 'u' ? read_hex4(p + 2) : -1;
            if (low < 0xdc00 || low >= 0xe000)
                return NULL;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            p += 6;
        }
        if (cp <= 0)
            return NULL;
        n += put_utf8(out + n, (unsigned long)cp);
    }
    out[n] = '\0';
    return p + 1;
}

static void extras_free(struct checkin_state *s)
{
    for (size_t i = 0; i < s->extra_count; i++) {
        text_free(&s->extras[i].key);
        text_free(&s->extras[i].value);
    }
    s->extra_count = 0;
}

/* Fills the answers (and the entries carried along) from stored inventory text: a flat object
 * of strings. Returns false, with every answer left empty, for anything else. */
static bool inventory_read(struct checkin_state *s, const char *json)
{
    size_t room = strlen(json) + 1;
    char *key = malloc(room), *value = malloc(room);
    bool ok = key != NULL && value != NULL;
    const char *p = ok ? skip_space(json) : "";
    ok = ok && *p++ == '{';
    p = skip_space(p);
    bool first = true;
    while (ok && *p != '}') {
        if (!first) {
            ok = *p++ == ',';
            p = skip_space(p);
        }
        first = false;
        p = ok ? read_string(p, key) : NULL;
        p = p != NULL ? skip_space(p) : NULL;
        ok = p != NULL && *p++ == ':';
        p = ok ? read_string(skip_space(p), value) : NULL;
        ok = p != NULL;
        if (!ok)
            break;
        p = skip_space(p);
        size_t q = 0;
        while (q < QUESTION_COUNT && strcmp(key, questions[q].key) != 0)
            q++;
        if (q < QUESTION_COUNT) {
            field_load(&s->answers[q], value);
        } else if (s->extra_count < EXTRA_MAX) {
            struct extra_answer *e = &s->extras[s->extra_count];
            e->key = strdup(key);
            e->value = strdup(value);
            s->extra_count++;
            ok = e->key != NULL && e->value != NULL;
        } else {
            ok = false;
        }
    }
    ok = ok && *skip_space(p + 1) == '\0';
    if (key != NULL)
        crypto_wipe(key, room);
    if (value != NULL)
        crypto_wipe(value, room);
    free(key);
    free(value);
    if (!ok) {
        for (size_t q = 0; q < QUESTION_COUNT; q++)
            tui_field_clear(&s->answers[q]);
        extras_free(s);
    }
    return ok;
}

/* ==== Earlier triggers ====================================================================== */

static void known_free(struct checkin_state *s)
{
    for (size_t i = 0; i < s->known_count; i++)
        text_free(&s->known[i].word);
    free(s->known);
    s->known = NULL;
    s->known_count = 0;
}

static int known_order(const void *a, const void *b)
{
    const struct known_trigger *x = a, *y = b;
    if (x->days != y->days)
        return x->days > y->days ? -1 : 1;
    return strcmp(x->word, y->word);
}

/* Counts one day's use of trigger word. */
static enum odaat_err known_add(struct checkin_state *s, const char *word)
{
    size_t n = strlen(word);
    if (n == 0)
        return ODAAT_OK;
    for (size_t i = 0; i < s->known_count; i++) {
        if (strlen(s->known[i].word) == n && same_ignoring_case(s->known[i].word, word, n)) {
            s->known[i].days++;
            return ODAAT_OK;
        }
    }
    if (s->known_count == KNOWN_MAX)
        return ODAAT_OK;
    if (s->known == NULL) {
        s->known = calloc(KNOWN_MAX, sizeof *s->known);
        if (s->known == NULL)
            return ODAAT_ERR_NOMEM;
    }
    s->known[s->known_count].word = strdup(word);
    if (s->known[s->known_count].word == NULL)
        return ODAAT_ERR_NOMEM;
    s->known[s->known_count++].days = 1;
    return ODAAT_OK;
}

/* Gathers the triggers of the last year's check-ins, most used first. */
static enum odaat_err known_load(struct tui *t, struct checkin_state *s)
{
    char from[DATE_ISO_SIZE], to[DATE_ISO_SIZE];
    struct checkin *list = NULL;
    size_t count = 0;
    date_format(s->today - KNOWN_DAYS, from);
    date_format(s->today, to);
    enum odaat_err err = app_checkin_list(t->app, from, to, &list, &count);
    for (size_t i = 0; err == ODAAT_OK && i < count; i++) {
        for (size_t k = 0; err == ODAAT_OK && k < list[i].triggers.count; k++)
            err = known_add(s, list[i].triggers.items[k]);
    }
    store_checkin_list_free(list, count);
    if (s->known_count > 1)
        qsort(s->known, s->known_count, sizeof *s->known, known_order);
    return err;
}

/* Where the trigger being typed starts: after the comma before the cursor, past spaces. */
static size_t partial_start(const struct tui_field *f)
{
    size_t at = f->cursor;
    while (at > 0 && f->text[at - 1] != ',')
        at--;
    while (at < f->cursor && f->text[at] == ' ')
        at++;
    return at;
}

/* Returns true when word is one of the triggers before byte end of the field. */
static bool tag_listed(const struct tui_field *f, size_t end, const char *word)
{
    char buf[TUI_FIELD_MAX];
    char *items[TUI_FIELD_MAX / 2];
    memcpy(buf, f->text, end);
    buf[end] = '\0';
    size_t count = split_tags(buf, items, COUNT_OF(items));
    bool listed = false;
    for (size_t i = 0; i < count && !listed; i++)
        listed =
            strlen(items[i]) == strlen(word) && same_ignoring_case(items[i], word, strlen(word));
    crypto_wipe(buf, sizeof buf);
    return listed;
}

/* The earlier triggers that complete the word being typed (all not yet listed, for an empty
 * word), most used first: up to max of them into out. Only at the end of the field, where
 * people type. Returns how many. */
static size_t completions(const struct checkin_state *s, const struct known_trigger **out,
                          size_t max)
{
    const struct tui_field *f = &s->triggers;
    if (f->cursor != f->len)
        return 0;
    size_t start = partial_start(f), n = f->len - start, found = 0;
    for (size_t i = 0; i < s->known_count && found < max; i++) {
        const char *w = s->known[i].word;
        if (strlen(w) <= n || !same_ignoring_case(w, f->text + start, n) || tag_listed(f, start, w))
            continue;
        out[found++] = &s->known[i];
    }
    return found;
}

/* Completes the trigger being typed with the most used earlier one it begins; returns false
 * (and Tab moves on) when the word is empty or nothing completes it. */
static bool complete_trigger(struct checkin_state *s)
{
    struct tui_field *f = &s->triggers;
    const struct known_trigger *match = NULL;
    if (f->cursor != f->len || partial_start(f) == f->len || completions(s, &match, 1) == 0)
        return false;
    size_t start = partial_start(f);
    size_t add = strlen(match->word) + 2;
    if (start + add > f->max)
        return false;
    /* The word as first written, then ", " so the next one can follow at once. */
    memcpy(f->text + start, match->word, add - 2);
    memcpy(f->text + start + add - 2, ", ", 3);
    f->len = f->cursor = start + add;
    return true;
}

/* Rewrites the triggers as the list they make ("stress, payday"), once the field is left. */
static void tidy_triggers(struct tui_field *f)
{
    char buf[TUI_FIELD_MAX], joined[TUI_FIELD_MAX];
    char *items[TUI_FIELD_MAX / 2];
    memcpy(buf, f->text, f->len + 1);
    size_t count = split_tags(buf, items, COUNT_OF(items));
    size_t len = 0;
    joined[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        int n = snprintf(joined + len, sizeof joined - len, "%s%s", i > 0 ? ", " : "", items[i]);
        if (n < 0 || (size_t)n >= sizeof joined - len) {
            len = f->max + 1;
            break;
        }
        len += (size_t)n;
    }
    if (len <= f->max && strcmp(joined, f->text) != 0)
        tui_field_set(f, joined);
    crypto_wipe(buf, sizeof buf);
    crypto_wipe(joined, sizeof joined);
}

/* ==== Load and unload ======================================================================= */

static void checkin_unload(void *state)
{
    struct checkin_state *s = state;
    known_free(s);
    extras_free(s);
    text_free(&s->note_loaded);
    text_free(&s->inventory_unread);
    for (size_t i = 0; i < s->gratitude_more.count; i++)
        text_free(&s->gratitude_more.items[i]);
    free(s->gratitude_more.items);
    s->gratitude_more.items = NULL;
    s->gratitude_more.count = 0;
    tui_field_clear(&s->triggers);
    tui_field_clear(&s->note);
    for (size_t i = 0; i < GRATEFUL_LINES; i++)
        tui_field_clear(&s->grateful[i]);
    for (size_t i = 0; i < QUESTION_COUNT; i++)
        tui_field_clear(&s->answers[i]);
}

/* Shows a stored check-in's values in the form. */
static enum odaat_err show_checkin(struct checkin_state *s, const struct checkin *c)
{
    s->editing = true;
    s->mood = c->has_mood && c->mood >= 1 && c->mood <= 5 ? c->mood : 0;
    s->craving = c->has_craving && c->craving >= 0 && c->craving <= 10 ? c->craving : -1;
    char joined[TUI_FIELD_MAX] = "";
    size_t len = 0;
    for (size_t i = 0; i < c->triggers.count; i++) {
        int n = snprintf(joined + len, sizeof joined - len, "%s%s", i > 0 ? ", " : "",
                         c->triggers.items[i]);
        if (n < 0 || (size_t)n >= sizeof joined - len)
            break;
        len += (size_t)n;
    }
    field_load(&s->triggers, joined);
    crypto_wipe(joined, sizeof joined);
    for (size_t i = 0; i < c->gratitude.count; i++) {
        if (i < GRATEFUL_LINES) {
            field_load(&s->grateful[i], c->gratitude.items[i]);
            continue;
        }
        /* More than three (an import): kept as they are, after the three lines. */
        char **items =
            realloc(s->gratitude_more.items, (s->gratitude_more.count + 1) * sizeof *items);
        if (items == NULL)
            return ODAAT_ERR_NOMEM;
        s->gratitude_more.items = items;
        items[s->gratitude_more.count] = strdup(c->gratitude.items[i]);
        if (items[s->gratitude_more.count] == NULL)
            return ODAAT_ERR_NOMEM;
        s->gratitude_more.count++;
    }
    if (c->note != NULL) {
        field_load(&s->note, c->note);
        s->note_loaded = strdup(c->note);
        if (s->note_loaded == NULL)
            return ODAAT_ERR_NOMEM;
    }
    if (c->inventory != NULL && !inventory_read(s, c->inventory)) {
        s->inventory_unread = strdup(c->inventory);
        if (s->inventory_unread == NULL)
            return ODAAT_ERR_NOMEM;
    }
    return ODAAT_OK;
}

static void fields_init(struct checkin_state *s)
{
    s->triggers.max = TRIGGERS_MAX;
    s->note.max = NOTE_MAX;
    for (size_t i = 0; i < GRATEFUL_LINES; i++)
        s->grateful[i].max = APP_SHORT_TEXT_MAX;
    for (size_t i = 0; i < QUESTION_COUNT; i++)
        s->answers[i].max = ANSWER_MAX;
}

static enum odaat_err checkin_load(struct tui *t, void *state)
{
    struct checkin_state *s = state;
    checkin_unload(s);
    crypto_wipe(s, sizeof *s);
    fields_init(s);
    s->today = app_today(t->app);
    s->craving = -1;
    struct checkin c;
    bool found = false;
    enum odaat_err err = app_checkin_get(t->app, NULL, &c, &found);
    if (err != ODAAT_OK)
        return err;
    if (found) {
        err = show_checkin(s, &c);
        store_checkin_free(&c);
    }
    if (err == ODAAT_OK)
        err = known_load(t, s);
    if (err != ODAAT_OK)
        checkin_unload(s);
    return err;
}

/* ==== Keys ================================================================================== */

static bool text_row(int row)
{
    return row >= ROW_TRIGGERS && row <= ROW_NOTE;
}

static struct tui_field *focused_field(struct checkin_state *s)
{
    if (s->inventory_page)
        return &s->answers[s->question];
    switch (s->row) {
    case ROW_TRIGGERS:
        return &s->triggers;
    case ROW_GRATEFUL_1:
    case ROW_GRATEFUL_2:
    case ROW_GRATEFUL_3:
        return &s->grateful[s->row - ROW_GRATEFUL_1];
    case ROW_NOTE:
        return &s->note;
    default:
        return NULL;
    }
}

static void move_focus(struct checkin_state *s, int step)
{
    if (s->inventory_page) {
        s->question = (s->question + step + QUESTION_COUNT) % QUESTION_COUNT;
        return;
    }
    if (s->row == ROW_TRIGGERS)
        tidy_triggers(&s->triggers);
    s->row = (s->row + step + ROW_COUNT) % ROW_COUNT;
}

static unsigned open_page(struct checkin_state *s, bool inventory)
{
    if (inventory && !s->inventory_page && s->row == ROW_TRIGGERS)
        tidy_triggers(&s->triggers);
    if (inventory && !s->inventory_page)
        s->question = 0;
    if (!inventory && s->inventory_page)
        s->row = ROW_INVENTORY;
    s->inventory_page = inventory;
    return TUI_REDRAW;
}

/* Stores the form as today's check-in through the app; *updated tells whether one was there. */
static enum odaat_err store_checkin(struct tui *t, struct checkin_state *s, bool *updated)
{
    struct checkin in = {.has_mood = s->mood > 0, .mood = s->mood};
    in.has_craving = s->craving >= 0;
    in.craving = in.has_craving ? s->craving : 0;
    date_format(s->today, in.date);
    char triggers[TUI_FIELD_MAX], grateful[GRATEFUL_LINES][TUI_FIELD_MAX], note[TUI_FIELD_MAX];
    char answers[QUESTION_COUNT][TUI_FIELD_MAX];
    char *trigger_items[TUI_FIELD_MAX / 2];
    char *gratitude_items[GRATEFUL_LINES + 64];
    memcpy(triggers, s->triggers.text, sizeof triggers);
    in.triggers.items = trigger_items;
    in.triggers.count = split_tags(triggers, trigger_items, COUNT_OF(trigger_items));
    in.gratitude.items = gratitude_items;
    for (size_t i = 0; i < GRATEFUL_LINES; i++) {
        memcpy(grateful[i], s->grateful[i].text, sizeof grateful[i]);
        char *line = trim(grateful[i]);
        if (line[0] != '\0')
            gratitude_items[in.gratitude.count++] = line;
    }
    for (size_t i = 0;
         i < s->gratitude_more.count && in.gratitude.count < COUNT_OF(gratitude_items); i++)
        gratitude_items[in.gratitude.count++] = s->gratitude_more.items[i];
    /* An unchanged note is saved as it was stored, line breaks and all. */
    struct tui_field shown = {.max = s->note.max};
    if (s->note_loaded != NULL)
        widget_field_set_line(&shown, s->note_loaded);
    memcpy(note, s->note.text, sizeof note);
    if (s->note_loaded != NULL && strcmp(shown.text, s->note.text) == 0)
        in.note = s->note_loaded;
    else if (trim(note)[0] != '\0')
        in.note = trim(note);
    tui_field_clear(&shown);
    const char *given[QUESTION_COUNT];
    for (size_t i = 0; i < QUESTION_COUNT; i++) {
        memcpy(answers[i], s->answers[i].text, sizeof answers[i]);
        given[i] = trim(answers[i]);
    }
    bool failed = false;
    char *inventory = NULL;
    if (s->inventory_unread != NULL && !s->inventory_edited)
        in.inventory = s->inventory_unread;
    else
        in.inventory = inventory = inventory_write(s, given, &failed);
    enum odaat_err err = failed ? ODAAT_ERR_NOMEM : app_checkin(t->app, &in, updated);
    crypto_wipe(triggers, sizeof triggers);
    crypto_wipe(grateful, sizeof grateful);
    crypto_wipe(note, sizeof note);
    crypto_wipe(answers, sizeof answers);
    text_free(&inventory);
    return err;
}

/* Saves the form as today's check-in and goes back to Today. */
static unsigned save(struct tui *t, struct checkin_state *s)
{
    bool updated = false;
    enum odaat_err err = store_checkin(t, s, &updated);
    if (err != ODAAT_OK) {
        tui_error(t, "Could not save the check-in", err);
        return TUI_REDRAW;
    }
    s->dirty = false;
    t->stale[TUI_SCREEN_CHECKIN] = true; /* next time the form shows what was stored */
    unsigned flags = tui_goto(t, TUI_SCREEN_TODAY);
    if (updated)
        tui_message(t, "Check-in updated.");
    else
        tui_message(t, "Checked in. Thank you for showing up today.");
    return TUI_CHANGED | TUI_REDRAW | flags;
}

/* Before a lock, a quit or a signal ends the session: a form with changes is saved as Ctrl-S
 * saves it, so nothing typed is lost, and left closed (its first page, no question). When
 * the save fails the form stays as it is and the loop says what could not be kept. */
static unsigned checkin_keep(struct tui *t, void *state)
{
    struct checkin_state *s = state;
    bool updated = false;
    if (!s->dirty || store_checkin(t, s, &updated) != ODAAT_OK)
        return TUI_NONE;
    s->dirty = false;
    s->ask = ASK_NONE;
    s->inventory_page = false;
    t->stale[TUI_SCREEN_CHECKIN] = true; /* next time the form shows what was stored */
    return TUI_CHANGED;
}

/* Leaves the form without saving: what was typed goes, and the next visit starts afresh. */
static unsigned discard(struct tui *t, struct checkin_state *s)
{
    checkin_unload(s);
    s->dirty = false;
    t->stale[TUI_SCREEN_CHECKIN] = true;
    return tui_goto(t, TUI_SCREEN_TODAY);
}

static unsigned cancel(struct tui *t, struct checkin_state *s)
{
    if (!s->dirty)
        return discard(t, s);
    s->ask = ASK_DISCARD;
    tui_message(t, "Discard the changes? y discards them, n keeps editing");
    return TUI_REDRAW;
}

static unsigned answer(struct tui *t, struct checkin_state *s, struct tui_key key)
{
    enum checkin_ask ask = s->ask;
    s->ask = ASK_NONE;
    if (tui_binding_find(ask_bindings, COUNT_OF(ask_bindings), key) != CHECKIN_YES)
        return TUI_REDRAW;
    if (ask == ASK_QUIT)
        return TUI_QUIT;
    return discard(t, s);
}

/* Digits on the Mood and Craving rows choose; elsewhere on the form they do nothing, so a
 * number never switches screens from under a half-filled check-in. */
static unsigned choose_digit(struct tui *t, struct checkin_state *s, int digit, bool one)
{
    if (s->row == ROW_MOOD) {
        if (digit < 1 || digit > 5) {
            tui_message(t, "Mood goes from 1 (awful) to 5 (great).");
            return TUI_REDRAW;
        }
        s->mood = digit;
    } else if (s->row == ROW_CRAVING) {
        s->craving = one && digit == 0 ? 10 : digit;
        s->craving_one = digit == 1;
    } else {
        return TUI_NONE;
    }
    s->dirty = true;
    return TUI_REDRAW;
}

/* Left and Right step the mood or the craving; from none, Right starts at the lowest. */
static unsigned step_value(struct checkin_state *s, int step)
{
    if (s->row == ROW_MOOD) {
        int mood = s->mood == 0 ? (step > 0 ? 1 : 0) : s->mood + step;
        if (mood >= 1 && mood <= 5 && mood != s->mood) {
            s->mood = mood;
            s->dirty = true;
        }
    } else if (s->row == ROW_CRAVING) {
        int craving = s->craving < 0 ? (step > 0 ? 0 : -1) : s->craving + step;
        if (craving >= 0 && craving <= 10 && craving != s->craving) {
            s->craving = craving;
            s->dirty = true;
        }
    }
    return TUI_REDRAW;
}

/* A key for the focused text field; notes whether it changed the text. */
static unsigned field_key(struct checkin_state *s, struct tui_field *f, struct tui_key key)
{
    size_t len = f->len;
    char before[TUI_FIELD_MAX];
    memcpy(before, f->text, len + 1);
    if (!tui_field_key(f, key)) {
        crypto_wipe(before, sizeof before);
        return TUI_UNHANDLED;
    }
    if (len != f->len || memcmp(before, f->text, len) != 0) {
        s->dirty = true;
        if (s->inventory_page)
            s->inventory_edited = true;
    }
    crypto_wipe(before, sizeof before);
    return TUI_REDRAW;
}

static unsigned checkin_key(struct tui *t, void *state, struct tui_key key)
{
    struct checkin_state *s = state;
    if (s->ask != ASK_NONE)
        return answer(t, s, key);
    struct tui_field *f = focused_field(s);
    const struct tui_binding *table = s->inventory_page ? inventory_bindings : checkin_bindings;
    size_t n = s->inventory_page ? COUNT_OF(inventory_bindings) : COUNT_OF(checkin_bindings);
    int action = tui_binding_find(table, n, key);
    bool one = s->craving_one;
    s->craving_one = false;
    if (f != NULL && (action < 0 || action == CHECKIN_MORE || action == CHECKIN_LESS ||
                      action == CHECKIN_DIGIT || action == CHECKIN_CLEAR))
        return field_key(s, f, key);
    if (key.code == TUI_KEY_CHAR && key.ch >= '0' && key.ch <= '9')
        return choose_digit(t, s, (int)(key.ch - '0'), one);
    switch (action) {
    case CHECKIN_NEXT:
        if (key.code == TUI_KEY_TAB && !s->inventory_page && s->row == ROW_TRIGGERS &&
            complete_trigger(s)) {
            s->dirty = true;
            return TUI_REDRAW;
        }
        move_focus(s, 1);
        return TUI_REDRAW;
    case CHECKIN_PREV:
        move_focus(s, -1);
        return TUI_REDRAW;
    case CHECKIN_MORE:
        if (s->row == ROW_INVENTORY)
            return open_page(s, true);
        return step_value(s, 1);
    case CHECKIN_LESS:
        return step_value(s, -1);
    case CHECKIN_CLEAR:
        if (s->row == ROW_MOOD && s->mood != 0) {
            s->mood = 0;
            s->dirty = true;
        } else if (s->row == ROW_CRAVING && s->craving >= 0) {
            s->craving = -1;
            s->dirty = true;
        }
        return TUI_REDRAW;
    case CHECKIN_SAVE:
        if (key.code == TUI_KEY_ENTER && !s->inventory_page && s->row == ROW_INVENTORY)
            return open_page(s, true);
        return save(t, s);
    case CHECKIN_PAGE:
        return open_page(s, !s->inventory_page);
    case CHECKIN_PAGE_DOWN:
        return open_page(s, true);
    case CHECKIN_PAGE_UP:
        return open_page(s, false);
    case CHECKIN_CANCEL:
        return cancel(t, s);
    default:
        break;
    }
    if (key.code == TUI_KEY_CHAR && key.ch == ' ' && s->row == ROW_INVENTORY)
        return open_page(s, true);
    /* q still quits from the Mood, Craving and inventory rows, after asking when the form
     * holds changes; ? and L keep their meaning there too. */
    if (key.code == TUI_KEY_CHAR && key.ch == 'q' && s->dirty) {
        s->ask = ASK_QUIT;
        tui_message(t, "Quit without saving this check-in? y quits, n keeps editing");
        return TUI_REDRAW;
    }
    return TUI_UNHANDLED;
}

static bool checkin_typing(const void *state)
{
    const struct checkin_state *s = state;
    return s->ask != ASK_NONE || s->inventory_page || text_row(s->row);
}

static const struct tui_binding *checkin_mode_bindings(const void *state, size_t *count)
{
    const struct checkin_state *s = state;
    if (s->ask != ASK_NONE) {
        *count = COUNT_OF(ask_bindings);
        return ask_bindings;
    }
    if (s->inventory_page) {
        *count = COUNT_OF(inventory_bindings);
        return inventory_bindings;
    }
    return NULL;
}

/* ==== Drawing =============================================================================== */

#define LABEL_X 2
#define VALUE_X 13

/* What the focused row is for, in a line under the form. */
static const char *const row_hints[ROW_COUNT] = {
    "How are you, honestly? 1 to 5, or ←/→. Leaving it blank is fine too.",
    "0 is none, 10 the strongest. 0 to 9 or ←/→; 1 then 0 makes 10.",
    "Words, separated by commas. Tab completes one you used before.",
    "Three small things are plenty. One is plenty too.",
    "Three small things are plenty. One is plenty too.",
    "Three small things are plenty. One is plenty too.",
    "Anything you want to remember about today.",
    "A few questions for the evening, if you want them. Enter opens them.",
};

static void draw_label(int y, const char *label, bool focused)
{
    draw_text(y, LABEL_X, VALUE_X - LABEL_X - 1, focused ? TUI_ROLE_ACCENT : TUI_ROLE_MUTED, label);
}

/* "1 awful   2 low  [3 okay]  4 good   5 great": each word keeps its place when chosen. */
static void draw_mood(int y, const struct checkin_state *s, bool focused)
{
    int x = VALUE_X - 1;
    for (int m = 1; m <= 5; m++) {
        char item[32];
        bool chosen = s->mood == m;
        snprintf(item, sizeof item, "%s%d %s%s", chosen ? "[" : " ", m, mood_words[m],
                 chosen ? "]" : " ");
        enum tui_role role =
            chosen ? (focused ? TUI_ROLE_SELECTED : TUI_ROLE_ACCENT) : TUI_ROLE_NORMAL;
        x += draw_text(y, x, -1, role, item) + 1;
    }
}

/* Ten cells rising with the craving, then "2 of 10". */
static void draw_craving(const struct tui *t, int y, const struct checkin_state *s)
{
    const struct tui_glyphs *g = tui_glyphs(t);
    for (int i = 0; i < 10; i++) {
        bool filled = i < s->craving;
        draw_text(y, VALUE_X + i, 1, filled ? TUI_ROLE_ACCENT : TUI_ROLE_MUTED,
                  filled ? g->spark[1 + i * 6 / 9] : g->spark[0]);
    }
    if (s->craving < 0)
        draw_text(y, VALUE_X + 13, -1, TUI_ROLE_MUTED, "not given");
    else
        draw_printf(y, VALUE_X + 13, -1, TUI_ROLE_NORMAL, "%d of 10", s->craving);
}

/* "(Tab completes: payday)" for a word begun, "(earlier: stress, tired …)" for none: as many
 * words as fit in the columns left. */
static void draw_trigger_hint(const struct tui *t, int y, int x, const struct checkin_state *s)
{
    const struct known_trigger *found[8];
    size_t n = completions(s, found, COUNT_OF(found));
    size_t room = t->cols - x - 1 > 0 ? (size_t)(t->cols - x - 1) : 0;
    bool begun = partial_start(&s->triggers) < s->triggers.len;
    char hint[512];
    int len = snprintf(hint, sizeof hint, "(%s", begun ? "Tab completes:" : "earlier:");
    size_t shown = 0;
    for (size_t i = 0; i < n && len > 0; i++) {
        /* Room is kept for " …)" after the last word that fits. */
        size_t more = strlen(found[i]->word) + 2;
        if ((size_t)len + more + 3 > sizeof hint ||
            tui_width(hint) + tui_width(found[i]->word) + 2 + (i + 1 < n ? 3 : 1) > room)
            break;
        len += snprintf(hint + len, sizeof hint - (size_t)len, "%s %s", shown > 0 ? "," : "",
                        found[i]->word);
        shown++;
    }
    if (shown > 0) {
        snprintf(hint + len, sizeof hint - (size_t)len, "%s)",
                 shown < n ? (t->utf8 ? " …" : " ~") : "");
        draw_text(y, x, (int)room, TUI_ROLE_MUTED, hint);
    }
    crypto_wipe(hint, sizeof hint);
}

static int answered(const struct checkin_state *s)
{
    int n = 0;
    for (size_t i = 0; i < QUESTION_COUNT; i++)
        n += s->answers[i].len > 0;
    return n;
}

static void draw_title(int y, const struct checkin_state *s, const char *what)
{
    char day[48];
    tui_date(day, sizeof day, s->today, TUI_DATE_LONG);
    draw_printf(y, LABEL_X, -1, TUI_ROLE_TITLE, "%s for %s%s", what, day,
                s->editing ? " (editing)" : "");
}

static void draw_form(struct tui *t, const struct checkin_state *s)
{
    int y = t->body_top + 1;
    int width = t->cols - VALUE_X - 2;
    draw_title(y, s, "Check-in");
    y += 2;
    draw_label(y, "Mood", s->row == ROW_MOOD);
    draw_mood(y, s, s->row == ROW_MOOD);
    draw_label(y + 1, "Craving", s->row == ROW_CRAVING);
    draw_craving(t, y + 1, s);
    bool on_triggers = s->row == ROW_TRIGGERS;
    draw_label(y + 2, "Triggers", on_triggers);
    /* While focused the field makes room for the completion hint at its right. */
    int trigger_width = on_triggers && s->known_count > 0 && width > 60 ? 35 : width;
    tui_field_draw(t, &s->triggers, y + 2, VALUE_X, trigger_width, on_triggers);
    if (on_triggers)
        draw_trigger_hint(t, y + 2, VALUE_X + trigger_width + 2, s);
    draw_label(y + 3, "Grateful",
               s->row >= ROW_GRATEFUL_1 && s->row < ROW_GRATEFUL_1 + GRATEFUL_LINES);
    for (int i = 0; i < GRATEFUL_LINES; i++) {
        bool focused = s->row == ROW_GRATEFUL_1 + i;
        draw_printf(y + 3 + i, VALUE_X, 3, focused ? TUI_ROLE_ACCENT : TUI_ROLE_MUTED, "%d", i + 1);
        tui_field_draw(t, &s->grateful[i], y + 3 + i, VALUE_X + 3, width - 3, focused);
    }
    draw_label(y + 6, "Note", s->row == ROW_NOTE);
    tui_field_draw(t, &s->note, y + 6, VALUE_X, width, s->row == ROW_NOTE);
    bool on_inventory = s->row == ROW_INVENTORY;
    enum tui_role role = on_inventory ? TUI_ROLE_ACCENT : TUI_ROLE_NORMAL;
    int n = answered(s), used;
    if (n > 0)
        used = draw_printf(y + 8, LABEL_X, -1, role, "%s Evening inventory %s %d of %d answered",
                           tui_glyphs(t)->pointer, tui_glyphs(t)->dot, n, QUESTION_COUNT);
    else
        used = draw_printf(y + 8, LABEL_X, -1, role, "%s Evening inventory (optional)",
                           tui_glyphs(t)->pointer);
    draw_text(y + 8, LABEL_X + used + 4 > 40 ? LABEL_X + used + 4 : 40, -1, TUI_ROLE_MUTED,
              "Ctrl-N to open");
    draw_text(y + 10, LABEL_X, -1, TUI_ROLE_MUTED, row_hints[s->row]);
}

#define QUESTION_X 26

static void draw_inventory(struct tui *t, const struct checkin_state *s)
{
    int y = t->body_top + 1;
    draw_title(y, s, "Evening inventory");
    draw_text(y + 1, LABEL_X, -1, TUI_ROLE_MUTED,
              "Optional, and only for you. A few honest words are enough.");
    y += 3;
    for (int i = 0; i < QUESTION_COUNT; i++) {
        bool focused = s->question == i;
        draw_text(y + i, LABEL_X, QUESTION_X - LABEL_X - 1,
                  focused ? TUI_ROLE_ACCENT : TUI_ROLE_MUTED, questions[i].question);
        tui_field_draw(t, &s->answers[i], y + i, QUESTION_X, t->cols - QUESTION_X - 2, focused);
    }
    draw_text(y + QUESTION_COUNT + 1, LABEL_X, -1, TUI_ROLE_MUTED,
              "Ctrl-N or Esc goes back to the check-in. Ctrl-S saves both pages.");
}

static void checkin_draw(struct tui *t, void *state)
{
    struct checkin_state *s = state;
    if (s->inventory_page)
        draw_inventory(t, s);
    else
        draw_form(t, s);
}

const struct tui_screen tui_screen_checkin = {
    .title = "Check-in",
    .bindings = checkin_bindings,
    .binding_count = sizeof checkin_bindings / sizeof checkin_bindings[0],
    .state_size = sizeof(struct checkin_state),
    .load = checkin_load,
    .unload = checkin_unload,
    .key = checkin_key,
    .draw = checkin_draw,
    .typing = checkin_typing,
    .mode_bindings = checkin_mode_bindings,
    .modes = checkin_modes,
    .mode_count = COUNT_OF(checkin_modes),
    .keep = checkin_keep,
};
