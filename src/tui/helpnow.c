/*
 * helpnow: the people to call when it is hard: the sponsor, friends and helplines the person
 * stored, big and clear, one box each, grouped by role, with the phone number's digits spaced
 * so they read at a glance. The line about the local emergency number is always there, even
 * with nobody stored. Contacts are added, edited and removed here; nothing is ever removed
 * without a yes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/store.h"
#include "tui_form.h"
#include "tui_internal.h"
#include "tui_widgets.h"

enum helpnow_action {
    HELPNOW_DOWN,
    HELPNOW_UP,
    HELPNOW_FIRST,
    HELPNOW_LAST,
    HELPNOW_PAGE_DOWN,
    HELPNOW_PAGE_UP,
    HELPNOW_ADD,
    HELPNOW_EDIT,
    HELPNOW_DELETE,
    /* The form. */
    HELPNOW_NEXT_FIELD,
    HELPNOW_PREV_FIELD,
    HELPNOW_ROLE_NEXT,
    HELPNOW_ROLE_PREV,
    HELPNOW_ENTER,
    HELPNOW_SAVE,
    HELPNOW_CANCEL,
    /* The question before a removal. */
    HELPNOW_YES,
    HELPNOW_NO,
};

/* clang-format off */
static const struct tui_binding helpnow_bindings[] = {
    {TUI_CHAR('j'), "j/k", "move between people", HELPNOW_DOWN, false, false},
    {TUI_CHAR('k'), "k", "", HELPNOW_UP, false, true},
    {TUI_CODE(TUI_KEY_DOWN), "Down", "", HELPNOW_DOWN, false, true},
    {TUI_CODE(TUI_KEY_UP), "Up", "", HELPNOW_UP, false, true},
    {TUI_CHAR('g'), "g/G", "first / last", HELPNOW_FIRST, false, false},
    {TUI_CHAR('G'), "G", "", HELPNOW_LAST, false, true},
    {TUI_CODE(TUI_KEY_HOME), "Home", "", HELPNOW_FIRST, false, true},
    {TUI_CODE(TUI_KEY_END), "End", "", HELPNOW_LAST, false, true},
    {TUI_CODE(TUI_KEY_PGDN), "PgDn/PgUp", "a page down or up", HELPNOW_PAGE_DOWN, false, false},
    {TUI_CODE(TUI_KEY_PGUP), "PgUp", "", HELPNOW_PAGE_UP, false, true},
    {TUI_CHAR('a'), "a", "add someone", HELPNOW_ADD, true, false},
    {TUI_CHAR('e'), "e", "edit", HELPNOW_EDIT, true, false},
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "", HELPNOW_EDIT, false, true},
    {TUI_CHAR('d'), "d", "remove", HELPNOW_DELETE, true, false},
};

static const struct tui_binding helpnow_form_bindings[] = {
    {TUI_CODE(TUI_KEY_TAB), "Tab", "next field", HELPNOW_NEXT_FIELD, true, false},
    {TUI_CODE(TUI_KEY_BTAB), "Shift-Tab", "previous field", HELPNOW_PREV_FIELD, false, false},
    {TUI_CODE(TUI_KEY_DOWN), "Down", "", HELPNOW_NEXT_FIELD, false, true},
    {TUI_CODE(TUI_KEY_UP), "Up", "", HELPNOW_PREV_FIELD, false, true},
    {TUI_CODE(TUI_KEY_RIGHT), "←/→", "choose the role", HELPNOW_ROLE_NEXT, true, false},
    {TUI_CODE(TUI_KEY_LEFT), "←", "", HELPNOW_ROLE_PREV, false, true},
    {TUI_CODE(TUI_KEY_ENTER), "Enter", "next field, or save on the last", HELPNOW_ENTER, false,
     false},
    {TUI_CTRL('s'), "Ctrl-S", "save", HELPNOW_SAVE, true, false},
    {TUI_CODE(TUI_KEY_ESC), "Esc", "cancel", HELPNOW_CANCEL, true, false},
};

static const struct tui_binding helpnow_confirm_bindings[] = {
    WIDGET_YES_NO("yes, remove", HELPNOW_YES, "no, keep", HELPNOW_NO),
};
/* clang-format on */

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The modes a person works in, for `odaat keys` (the question shows its keys itself). */
static const struct tui_mode_keys helpnow_modes[] = {
    {"contact form", helpnow_form_bindings, COUNT_OF(helpnow_form_bindings)},
};

/* The role headings, in the order the groups show. */
static const struct {
    enum contact_role role;
    const char *heading;
    const char *word; /* in the form */
} roles[] = {
    {CONTACT_SPONSOR, "Sponsor", "sponsor"},
    {CONTACT_FRIEND, "Friends", "friend"},
    {CONTACT_HELPLINE, "Helplines", "helpline"},
    {CONTACT_OTHER, "Others", "other"},
};

enum helpnow_mode { MODE_LIST, MODE_FORM, MODE_CONFIRM };

enum form_field { FIELD_NAME, FIELD_ROLE, FIELD_PHONE, FIELD_NOTE, FIELD_COUNT };

/* The lines a contact's box takes, and the one below the last box (the emergency line sits
 * under a blank row at the bottom of the body). */
#define BOX_ROWS    4
#define FOOTER_ROWS 2

struct helpnow_state {
    struct contact *contacts;
    size_t count;
    size_t *order;     /* indexes into contacts, grouped by role */
    size_t cursor;     /* into order */
    size_t top;        /* the first shown, into order */
    int64_t select_id; /* put the cursor here after the next load (0: stay) */
    enum helpnow_mode mode;
    /* The form: a new contact (editing_id 0) or an edit. */
    int64_t editing_id;
    enum form_field focus;
    size_t role; /* into roles */
    struct tui_field name, phone, note;
};

static size_t role_rank(enum contact_role role)
{
    for (size_t i = 0; i < COUNT_OF(roles); i++) {
        if (roles[i].role == role)
            return i;
    }
    return COUNT_OF(roles) - 1;
}

static void form_clear(struct helpnow_state *s)
{
    tui_field_clear(&s->name);
    tui_field_clear(&s->phone);
    tui_field_clear(&s->note);
    s->editing_id = 0;
    s->focus = FIELD_NAME;
    s->role = 0;
}

static void helpnow_free_list(struct helpnow_state *s)
{
    store_contact_list_free(s->contacts, s->count);
    free(s->order);
    s->contacts = NULL;
    s->order = NULL;
    s->count = 0;
}

static void helpnow_unload(void *state)
{
    struct helpnow_state *s = state;
    helpnow_free_list(s);
    form_clear(s);
    s->mode = MODE_LIST;
}

static enum odaat_err helpnow_load(struct tui *t, void *state)
{
    struct helpnow_state *s = state;
    helpnow_free_list(s);
    enum odaat_err err = app_contact_list(t->app, &s->contacts, &s->count);
    if (err != ODAAT_OK)
        return err;
    s->order = calloc(s->count > 0 ? s->count : 1, sizeof *s->order);
    if (s->order == NULL) {
        helpnow_free_list(s);
        return ODAAT_ERR_NOMEM;
    }
    /* Grouped by role, each group in the order the person stored them. */
    size_t n = 0;
    for (size_t r = 0; r < COUNT_OF(roles); r++) {
        for (size_t i = 0; i < s->count; i++) {
            if (role_rank(s->contacts[i].role) == r)
                s->order[n++] = i;
        }
    }
    if (s->select_id != 0) {
        for (size_t k = 0; k < s->count; k++) {
            if (s->contacts[s->order[k]].meta.id == s->select_id)
                s->cursor = k;
        }
        s->select_id = 0;
    }
    if (s->cursor >= s->count)
        s->cursor = s->count > 0 ? s->count - 1 : 0;
    if (s->top > s->cursor)
        s->top = s->cursor;
    return ODAAT_OK;
}

static const struct contact *selected(const struct helpnow_state *s)
{
    return s->count > 0 ? &s->contacts[s->order[s->cursor]] : NULL;
}

/* The rows contact k takes when it follows k - 1 on screen (first: the first one shown). */
static int item_rows(const struct helpnow_state *s, size_t k, bool first)
{
    if (first)
        return 1 + BOX_ROWS;
    bool new_group = s->contacts[s->order[k]].role != s->contacts[s->order[k - 1]].role;
    return new_group ? 2 + BOX_ROWS : BOX_ROWS;
}

/* Scrolls so the cursor's box shows whole in rows rows. */
static void keep_cursor_visible(struct helpnow_state *s, int rows)
{
    if (s->cursor < s->top)
        s->top = s->cursor;
    for (;;) {
        int used = 0;
        for (size_t k = s->top; k <= s->cursor; k++)
            used += item_rows(s, k, k == s->top);
        if (used <= rows || s->top >= s->cursor)
            return;
        s->top++;
    }
}

static int list_rows(const struct tui *t)
{
    return t->body_rows - FOOTER_ROWS;
}

static void move_cursor(struct tui *t, struct helpnow_state *s, long delta)
{
    if (s->count == 0)
        return;
    s->cursor = widget_list_move(s->cursor, delta, s->count);
    keep_cursor_visible(s, list_rows(t));
}

static void form_open(struct helpnow_state *s, const struct contact *c)
{
    form_clear(s);
    s->name.max = APP_SHORT_TEXT_MAX;
    s->phone.max = APP_SHORT_TEXT_MAX;
    if (c != NULL) {
        s->editing_id = c->meta.id;
        tui_field_set(&s->name, c->name);
        tui_field_set(&s->phone, c->phone);
        tui_field_set(&s->note, c->note);
        s->role = role_rank(c->role);
    }
    s->mode = MODE_FORM;
}

/* Saves the form through the app; on an error the form stays as it was typed. */
static unsigned form_save(struct tui *t, struct helpnow_state *s)
{
    bool blank = true;
    for (size_t i = 0; i < s->name.len; i++)
        blank = blank && s->name.text[i] == ' ';
    if (blank) {
        tui_message(t, "A name is needed, even just a first name.");
        t->message_error = true;
        s->focus = FIELD_NAME;
        return TUI_REDRAW;
    }
    struct contact c = {
        .meta = {.id = s->editing_id},
        .name = s->name.text,
        .role = roles[s->role].role,
        .phone = s->phone.text,
        .note = s->note.text,
    };
    enum odaat_err err =
        s->editing_id != 0 ? app_contact_update(t->app, &c) : app_contact_add(t->app, &c);
    if (err != ODAAT_OK) {
        tui_error(t, "Could not save the contact", err);
        return TUI_REDRAW;
    }
    tui_message(t, "%s is on Help now.", s->name.text);
    s->select_id = c.meta.id;
    form_clear(s);
    s->mode = MODE_LIST;
    return TUI_CHANGED | TUI_REDRAW;
}

static unsigned form_key(struct tui *t, struct helpnow_state *s, struct tui_key key)
{
    struct tui_field *fields[FIELD_COUNT] = {&s->name, NULL, &s->phone, &s->note};
    int action = tui_binding_find(helpnow_form_bindings, COUNT_OF(helpnow_form_bindings), key);
    /* ←/→ choose on the role row and move the cursor in a text field. */
    if (fields[s->focus] != NULL && (action == HELPNOW_ROLE_NEXT || action == HELPNOW_ROLE_PREV))
        action = -1;
    switch (action) {
    case HELPNOW_NEXT_FIELD:
        s->focus = (s->focus + 1) % FIELD_COUNT;
        return TUI_REDRAW;
    case HELPNOW_PREV_FIELD:
        s->focus = (s->focus + FIELD_COUNT - 1) % FIELD_COUNT;
        return TUI_REDRAW;
    case HELPNOW_ROLE_NEXT:
        s->role = (s->role + 1) % COUNT_OF(roles);
        return TUI_REDRAW;
    case HELPNOW_ROLE_PREV:
        s->role = (s->role + COUNT_OF(roles) - 1) % COUNT_OF(roles);
        return TUI_REDRAW;
    case HELPNOW_ENTER:
        if (s->focus + 1 < FIELD_COUNT) {
            s->focus++;
            return TUI_REDRAW;
        }
        return form_save(t, s);
    case HELPNOW_SAVE:
        return form_save(t, s);
    case HELPNOW_CANCEL:
        form_clear(s);
        s->mode = MODE_LIST;
        return TUI_REDRAW;
    default:
        break;
    }
    if (fields[s->focus] != NULL && tui_field_key(fields[s->focus], key))
        return TUI_REDRAW;
    /* In the form every other key is swallowed: a stray q must not quit mid-sentence. */
    return TUI_NONE;
}

static unsigned confirm_key(struct tui *t, struct helpnow_state *s, struct tui_key key)
{
    int action =
        tui_binding_find(helpnow_confirm_bindings, COUNT_OF(helpnow_confirm_bindings), key);
    s->mode = MODE_LIST;
    const struct contact *c = selected(s);
    if (action != HELPNOW_YES || c == NULL)
        return TUI_REDRAW;
    enum odaat_err err = app_contact_remove(t->app, c->meta.id);
    if (err != ODAAT_OK) {
        tui_error(t, "Could not remove the contact", err);
        return TUI_REDRAW;
    }
    tui_message(t, "Removed from Help now.");
    return TUI_CHANGED | TUI_REDRAW;
}

static unsigned helpnow_key(struct tui *t, void *state, struct tui_key key)
{
    struct helpnow_state *s = state;
    if (s->mode == MODE_FORM)
        return form_key(t, s, key);
    if (s->mode == MODE_CONFIRM)
        return confirm_key(t, s, key);
    int page = list_rows(t) / (BOX_ROWS + 1);
    switch (tui_binding_find(helpnow_bindings, COUNT_OF(helpnow_bindings), key)) {
    case HELPNOW_DOWN:
        move_cursor(t, s, 1);
        return TUI_REDRAW;
    case HELPNOW_UP:
        move_cursor(t, s, -1);
        return TUI_REDRAW;
    case HELPNOW_FIRST:
        move_cursor(t, s, -(long)s->count);
        return TUI_REDRAW;
    case HELPNOW_LAST:
        move_cursor(t, s, (long)s->count);
        return TUI_REDRAW;
    case HELPNOW_PAGE_DOWN:
        move_cursor(t, s, page > 1 ? page : 1);
        return TUI_REDRAW;
    case HELPNOW_PAGE_UP:
        move_cursor(t, s, -(page > 1 ? page : 1));
        return TUI_REDRAW;
    case HELPNOW_ADD:
        form_open(s, NULL);
        return TUI_REDRAW;
    case HELPNOW_EDIT:
        if (selected(s) == NULL)
            return TUI_REDRAW;
        form_open(s, selected(s));
        return TUI_REDRAW;
    case HELPNOW_DELETE:
        if (selected(s) != NULL)
            s->mode = MODE_CONFIRM;
        return TUI_REDRAW;
    default:
        return TUI_UNHANDLED;
    }
}

static bool helpnow_typing(const void *state)
{
    const struct helpnow_state *s = state;
    /* The question takes every key itself, so the footer shows only its answers. */
    return s->mode != MODE_LIST;
}

static const struct tui_binding *helpnow_mode_bindings(const void *state, size_t *count)
{
    const struct helpnow_state *s = state;
    if (s->mode == MODE_FORM) {
        *count = COUNT_OF(helpnow_form_bindings);
        return helpnow_form_bindings;
    }
    if (s->mode == MODE_CONFIRM) {
        *count = COUNT_OF(helpnow_confirm_bindings);
        return helpnow_confirm_bindings;
    }
    return NULL;
}

static unsigned helpnow_request(struct tui *t, void *state, enum tui_request request)
{
    (void)t;
    if (request == TUI_REQUEST_ADD)
        form_open(state, NULL);
    return TUI_REDRAW;
}

/* ---- Drawing ---------------------------------------------------------------------------- */

/* Writes a phone number with a space between its characters and a wider gap where it had
 * one, so "0808 157 0192" reads "0 8 0 8   1 5 7   0 1 9 2". */
static void spaced_phone(const char *phone, char *out, size_t size)
{
    size_t n = 0;
    bool gap = false;
    for (const char *p = phone; *p != '\0' && n + 8 < size; p++) {
        if (*p == ' ') {
            gap = n > 0;
            continue;
        }
        bool continuation = ((unsigned char)*p & 0xc0) == 0x80;
        if (n > 0 && !continuation) {
            out[n++] = ' ';
            if (gap) {
                out[n++] = ' ';
                out[n++] = ' ';
            }
        }
        gap = false;
        out[n++] = *p;
    }
    out[n] = '\0';
}

static void draw_contact(struct tui *t, const struct contact *c, bool here, int y)
{
    const int x = 4, w = t->cols - 8, inner = w - 4;
    char phone[APP_SHORT_TEXT_MAX * 3 + 1], fitted[APP_SHORT_TEXT_MAX * 3 + 8];
    draw_box(t, y, x, BOX_ROWS, w, here ? TUI_ROLE_ACCENT : TUI_ROLE_MUTED);
    if (here)
        draw_text(y + 1, 2, 1, TUI_ROLE_ACCENT, tui_glyphs(t)->pointer);
    int phone_cols = 0;
    if (c->phone != NULL && c->phone[0] != '\0') {
        spaced_phone(c->phone, phone, sizeof phone);
        tui_fit(fitted, sizeof fitted, phone, (size_t)inner / 2, t->utf8);
        phone_cols = (int)tui_width(fitted);
        draw_text(y + 1, x + 2 + inner - phone_cols, phone_cols, TUI_ROLE_ACCENT, fitted);
    } else {
        const char *none = "no number stored";
        phone_cols = (int)tui_width(none);
        draw_text(y + 1, x + 2 + inner - phone_cols, phone_cols, TUI_ROLE_MUTED, none);
    }
    int name_cols = inner - phone_cols - 2;
    tui_fit(fitted, sizeof fitted, c->name, (size_t)(name_cols > 0 ? name_cols : 0), t->utf8);
    draw_text(y + 1, x + 2, name_cols, TUI_ROLE_TITLE, fitted);
    if (c->note != NULL && c->note[0] != '\0') {
        /* One line of the note: its first line, cut to the box. */
        char line[APP_SHORT_TEXT_MAX * 2];
        size_t len = strcspn(c->note, "\n");
        if (len >= sizeof line)
            len = sizeof line - 1;
        memcpy(line, c->note, len);
        line[len] = '\0';
        tui_fit(fitted, sizeof fitted, line, (size_t)inner, t->utf8);
        draw_text(y + 2, x + 2, inner, TUI_ROLE_MUTED, fitted);
    }
}

static void draw_list(struct tui *t, struct helpnow_state *s)
{
    int rows = list_rows(t);
    keep_cursor_visible(s, rows);
    int y = t->body_top, bottom = t->body_top + rows;
    size_t k = s->top;
    for (; k < s->count; k++) {
        bool first = k == s->top;
        if (y + item_rows(s, k, first) > bottom)
            break;
        const struct contact *c = &s->contacts[s->order[k]];
        if (first || c->role != s->contacts[s->order[k - 1]].role) {
            if (!first)
                y++;
            draw_text(y++, 2, -1, TUI_ROLE_TITLE, roles[role_rank(c->role)].heading);
        }
        draw_contact(t, c, k == s->cursor, y);
        y += BOX_ROWS;
    }
    if (s->top > 0)
        draw_text(t->body_top, t->cols - 16, 14, TUI_ROLE_MUTED, "more above");
    if (k < s->count)
        draw_text(bottom, t->cols - 16, 14, TUI_ROLE_MUTED, "more below");
}

static void draw_form(struct tui *t, struct helpnow_state *s)
{
    int y = t->body_top + 1;
    draw_text(y, 2, -1, TUI_ROLE_TITLE,
              s->editing_id != 0 ? "Edit this contact" : "Someone to call");
    y += 2;
    static const char *const labels[FIELD_COUNT] = {"Name", "Role", "Phone", "Note"};
    const struct tui_field *fields[FIELD_COUNT] = {&s->name, NULL, &s->phone, &s->note};
    for (int f = 0; f < FIELD_COUNT; f++) {
        bool focused = (int)s->focus == f;
        draw_text(y, 2, 10, focused ? TUI_ROLE_ACCENT : TUI_ROLE_MUTED, labels[f]);
        if (fields[f] != NULL) {
            tui_field_draw(t, fields[f], y, 13, t->cols - 15, focused);
        } else {
            int x = 13;
            for (size_t r = 0; r < COUNT_OF(roles); r++) {
                bool on = r == s->role;
                char word[24];
                snprintf(word, sizeof word, on ? "[%s]" : " %s ", roles[r].word);
                x +=
                    draw_text(y, x, -1,
                              on ? (focused ? TUI_ROLE_SELECTED : TUI_ROLE_TITLE) : TUI_ROLE_NORMAL,
                              word) +
                    2;
            }
        }
        y += 2;
    }
    draw_text(y, 2, -1, TUI_ROLE_MUTED,
              "Only the name is needed. Everything stays encrypted on this computer.");
}

static void helpnow_draw(struct tui *t, void *state)
{
    struct helpnow_state *s = state;
    int last = t->body_top + t->body_rows - 1;
    draw_center(last, TUI_ROLE_TITLE, "If you are in danger, call your local emergency number.");
    if (s->mode == MODE_FORM) {
        draw_form(t, s);
        return;
    }
    if (s->count == 0) {
        draw_center(t->body_top + t->body_rows / 2 - 2, TUI_ROLE_NORMAL,
                    "No one stored yet. Press a to add your sponsor, a friend or a helpline.");
    } else {
        draw_list(t, s);
    }
    if (s->mode == MODE_CONFIRM && selected(s) != NULL) {
        char line[96], name[64];
        tui_fit(name, sizeof name, selected(s)->name, 40, t->utf8);
        snprintf(line, sizeof line, "Remove %s from Help now?", name);
        const char *lines[] = {line, "", "y  yes, remove      n  no, keep"};
        draw_dialog(t, "Remove", lines, COUNT_OF(lines));
    }
}

const struct tui_screen tui_screen_helpnow = {
    .title = "Help now",
    .bindings = helpnow_bindings,
    .binding_count = COUNT_OF(helpnow_bindings),
    .state_size = sizeof(struct helpnow_state),
    .load = helpnow_load,
    .unload = helpnow_unload,
    .key = helpnow_key,
    .draw = helpnow_draw,
    .typing = helpnow_typing,
    .mode_bindings = helpnow_mode_bindings,
    .request = helpnow_request,
    .modes = helpnow_modes,
    .mode_count = COUNT_OF(helpnow_modes),
};
