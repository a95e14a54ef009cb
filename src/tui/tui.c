/*
 * tui: the loop. Sets the terminal up (alternate screen, raw keys, colours by role), reads a
 * key from the keyboard or a key script, hands it to the open screen, then does what the
 * screen's flags ask: save, reload, switch, lock, quit. Draws each frame from the screens'
 * states. Signals only set a flag; the loop saves, wipes and restores the terminal. It never
 * exits from the middle of anything: every path out goes through tui_shutdown.
 */
#include "odaat/tui.h"

#include <curses.h>
#include <langinfo.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "odaat/clock.h"
#include "odaat/crypto.h"
#include "odaat/vault.h"
#include "tui_draw.h"
#include "tui_internal.h"

/* The smallest terminal the screens are laid out for. */
#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24

const struct tui_screen *const tui_screens[TUI_SCREEN_COUNT] = {
    &tui_screen_today,    &tui_screen_checkin, &tui_screen_journal,
    &tui_screen_meetings, &tui_screen_steps,   &tui_screen_milestones,
    &tui_screen_stats,    &tui_screen_helpnow, &tui_screen_settings,
};

enum tui_mode { MODE_LOCKED, MODE_WIZARD, MODE_OPEN };

/* The loop's own state: where keys come from and what it is showing. */
struct loop {
    struct tui t;
    enum tui_mode mode;
    FILE *script;              /* the key script, or NULL: the keyboard */
    SCREEN *screen;            /* curses' terminal */
    FILE *null_out;            /* where a scripted run's terminal output goes */
    struct tui_key queue[512]; /* keys of a script line not handed on yet */
    size_t queue_len, queue_pos;
    int64_t last_key_ms;
    long idle_seconds; /* a script's simulated idle time */
    struct tui_term_keys term_keys;
    int dumps;
    int status; /* the exit code */
    bool timing;      /* a script's `timing` line: report each key's time */
    int64_t key_us;   /* when the key being timed was read; 0: none */
};

/* A quit the person confirmed despite unsaved changes (internal to the loop). */
#define QUIT_CONFIRMED (1u << 7)

static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

/* ==== Messages and screens ================================================================= */

void tui_message(struct tui *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->message, sizeof t->message, fmt, ap);
    va_end(ap);
    t->message_error = false;
}

void tui_error(struct tui *t, const char *doing, enum odaat_err err)
{
    snprintf(t->message, sizeof t->message, "%s: %s", doing, odaat_err_message(err));
    t->message_error = true;
}

static void *screen_state(struct tui *t, enum tui_screen_id id)
{
    if (t->states[id] == NULL)
        t->states[id] = calloc(1, tui_screens[id]->state_size);
    return t->states[id];
}

void *tui_state(struct tui *t, enum tui_screen_id id)
{
    void *state = screen_state(t, id);
    if (state == NULL || t->app == NULL)
        return NULL;
    if (t->stale[id]) {
        enum odaat_err err = tui_screens[id]->load(t, state);
        if (err != ODAAT_OK) {
            tui_error(t, "Could not read the records", err);
            return NULL;
        }
        t->stale[id] = false;
    }
    return state;
}

unsigned tui_goto(struct tui *t, enum tui_screen_id id)
{
    t->current = id;
    t->help_open = false;
    tui_state(t, id);
    return TUI_REDRAW;
}

unsigned tui_request(struct tui *t, enum tui_screen_id id, enum tui_request request)
{
    tui_goto(t, id);
    void *state = tui_state(t, id);
    if (state == NULL || tui_screens[id]->request == NULL)
        return TUI_REDRAW;
    return tui_screens[id]->request(t, state, request) | TUI_REDRAW;
}

void tui_invalidate(struct tui *t)
{
    for (int i = 0; i < TUI_SCREEN_COUNT; i++)
        t->stale[i] = true;
}

/* Frees and wipes every screen's records (lock and quit). */
static void unload_all(struct tui *t)
{
    for (int i = 0; i < TUI_SCREEN_COUNT; i++) {
        if (t->states[i] == NULL)
            continue;
        tui_screens[i]->unload(t->states[i]);
        crypto_wipe(t->states[i], tui_screens[i]->state_size);
        free(t->states[i]);
        t->states[i] = NULL;
        t->stale[i] = true;
    }
}

/* Reads the idle-lock setting of the open store (5 minutes when unset or unreadable). */
static void read_idle_setting(struct tui *t)
{
    char *value = NULL;
    t->idle_lock_minutes = 5;
    if (app_setting_get(t->app, "idle_lock_minutes", &value) == ODAAT_OK && value != NULL)
        t->idle_lock_minutes = atoi(value);
    free(value);
}

/* ==== Saving, locking, quitting ============================================================= */

static void save(struct tui *t)
{
    enum odaat_err err = app_save(t->app);
    if (err == ODAAT_OK) {
        t->unsaved = false;
        return;
    }
    t->unsaved = true;
    if (err == ODAAT_ERR_CONFLICT && vault_conflict_path(app_vault(t->app)) != NULL)
        snprintf(t->message, sizeof t->message, "NOT SAVED: %s (%s)", odaat_err_message(err),
                 vault_conflict_path(app_vault(t->app)));
    else
        snprintf(t->message, sizeof t->message, "%s%s",
                 err == ODAAT_ERR_NOT_SAVED ? "" : "NOT SAVED: ", odaat_err_message(err));
    t->message_error = true;
}

/* Lets the open screen keep what is being typed (a journal entry, a check-in) before the
 * session ends or locks, and saves it. */
static void keep_typing(struct tui *t)
{
    const struct tui_screen *s = tui_screens[t->current];
    if (t->app == NULL || s->keep == NULL || t->states[t->current] == NULL)
        return;
    unsigned flags = s->keep(t, t->states[t->current]);
    if (flags & TUI_CHANGED) {
        save(t);
        tui_invalidate(t);
    }
}

/* Closes the store and wipes every record from memory, unless changes could not be saved:
 * then the data stays (losing it would be worse) and the banner says so. */
static void lock(struct loop *l)
{
    struct tui *t = &l->t;
    if (t->app == NULL)
        return;
    keep_typing(t);
    if (t->unsaved)
        save(t);
    if (t->unsaved)
        return;
    unload_all(t);
    app_close(t->app);
    t->app = NULL;
    t->help_open = false;
    t->message[0] = '\0';
    l->mode = MODE_LOCKED;
    tui_lock_begin(t);
}

/* ==== Keys ================================================================================= */

/* ==== The key script ======================================================================== */

static void dump_screen(struct loop *l, const char *label);
static void draw_frame(struct loop *l);
static void handle_resize(struct loop *l);

/* Queues the keys of text, a script's `type` line. */
static void queue_text(struct loop *l, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < n && l->queue_len < sizeof l->queue / sizeof l->queue[0];) {
        mbstate_t state = {0};
        wchar_t wc = 0;
        size_t used = mbrtowc(&wc, text + i, n - i, &state);
        if (used == (size_t)-1 || used == (size_t)-2 || used == 0) {
            used = 1;
            wc = '?';
        }
        l->queue[l->queue_len++] = tui_char(wc);
        i += used;
    }
}

/* Reads script lines until one yields keys; returns false at the end of the script. A line
 * the script language does not know ends the run with a usage error. */
static bool script_next(struct loop *l)
{
    char line[1024];
    l->queue_len = l->queue_pos = 0;
    while (l->queue_len == 0) {
        if (fgets(line, sizeof line, l->script) == NULL)
            return false;
        line[strcspn(line, "\n")] = '\0';
        char *arg = strchr(line, ' ');
        if (arg != NULL)
            *arg++ = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        if (strcmp(line, "type") == 0 && arg != NULL) {
            queue_text(l, arg);
        } else if (strcmp(line, "key") == 0 && arg != NULL) {
            char *count = strchr(arg, ' ');
            int times = 1;
            if (count != NULL) {
                *count++ = '\0';
                times = atoi(count);
            }
            struct tui_key key;
            if (!tui_key_parse(arg, &key) || times < 1 || times > 500)
                goto bad;
            for (int i = 0; i < times && l->queue_len < 512; i++)
                l->queue[l->queue_len++] = key;
        } else if (strcmp(line, "dump") == 0) {
            draw_frame(l);
            dump_screen(l, arg != NULL ? arg : "");
        } else if (strcmp(line, "resize") == 0 && arg != NULL) {
            int cols = 0, rows = 0;
            if (sscanf(arg, "%d %d", &cols, &rows) != 2 || cols < 10 || rows < 5 || cols > 500 ||
                rows > 200)
                goto bad;
            resizeterm(rows, cols);
            handle_resize(l);
        } else if (strcmp(line, "timing") == 0) {
            l->timing = true;
        } else if (strcmp(line, "idle") == 0 && arg != NULL) {
            l->idle_seconds += atol(arg);
            l->queue[l->queue_len++] = tui_code(TUI_KEY_NONE);
        } else {
            goto bad;
        }
    }
    return true;
bad:
    fprintf(stderr, "odaat: the key script has a line odaat does not understand: %s\n", line);
    l->status = 2;
    return false;
}

/* Writes the screen as text: one line per row, trailing blanks cut, wide characters once. */
static void dump_screen(struct loop *l, const char *label)
{
    printf("=== %s\n", label[0] != '\0' ? label : "screen");
    l->dumps++;
    for (int y = 0; y < LINES; y++) {
        char row[4096];
        size_t len = 0, keep = 0;
        for (int x = 0; x < COLS; x++) {
            cchar_t cell;
            wchar_t wch[CCHARW_MAX + 1] = {0};
            attr_t attrs = 0;
            short pair = 0;
            if (mvin_wch(y, x, &cell) == ERR || getcchar(&cell, wch, &attrs, &pair, NULL) == ERR ||
                wch[0] == 0)
                wch[0] = ' ';
            char mb[MB_LEN_MAX * 2];
            mbstate_t state = {0};
            size_t n = wcrtomb(mb, wch[0], &state);
            if (n == (size_t)-1) {
                mb[0] = '?';
                n = 1;
            }
            if (len + n >= sizeof row)
                break;
            memcpy(row + len, mb, n);
            len += n;
            if (wch[0] != ' ')
                keep = len;
            if (wcwidth(wch[0]) == 2)
                x++;
        }
        printf("%.*s\n", (int)keep, row);
        crypto_wipe(row, sizeof row);
    }
    fflush(stdout);
}

/* The next key, from the script or the keyboard; TUI_KEY_NONE after a second without one
 * (the idle clock and signals are looked at then). Sets *done at the end of a script. */
static struct tui_key next_key(struct loop *l, bool *done)
{
    *done = false;
    if (l->script != NULL) {
        if (l->queue_pos >= l->queue_len && !script_next(l)) {
            *done = true;
            return tui_code(TUI_KEY_NONE);
        }
        return l->queue[l->queue_pos++];
    }
    wint_t wc = 0;
    int rc = get_wch(&wc);
    if (rc == ERR)
        return tui_code(TUI_KEY_NONE);
    return tui_term_key(&l->term_keys, rc, wc);
}

/* ==== Drawing ================================================================================ */

/* The width of the tab bar when tabs after the first `numbers_from` (other than the current)
 * show only their number, with gap spaces between tabs. */
static int tabs_width(const struct tui *t, int gap, int numbers_from)
{
    int width = 1;
    for (int i = 0; i < TUI_SCREEN_COUNT; i++) {
        bool number_only = i >= numbers_from && i != (int)t->current;
        width += number_only ? 1 : 2 + (int)tui_width(tui_screens[i]->title);
        if (i > 0)
            width += gap;
    }
    return width;
}

/* The tab bar: every title when there is room, else one space between tabs, else the last
 * tabs (never the current one) shrink to their numbers. */
static void draw_tabs(struct loop *l)
{
    struct tui *t = &l->t;
    int gap = 2, numbers_from = TUI_SCREEN_COUNT;
    if (tabs_width(t, gap, numbers_from) > COLS)
        gap = 1;
    while (numbers_from > 0 && tabs_width(t, gap, numbers_from) > COLS)
        numbers_from--;
    int x = 1;
    for (int i = 0; i < TUI_SCREEN_COUNT; i++) {
        bool here = i == (int)t->current;
        char tab[64];
        if (i >= numbers_from && !here)
            snprintf(tab, sizeof tab, "%d", i + 1);
        else
            snprintf(tab, sizeof tab, "%d %s", i + 1, tui_screens[i]->title);
        x += draw_text(0, x, -1, here ? TUI_ROLE_SELECTED : TUI_ROLE_NORMAL, tab) + gap;
    }
}

/* The persistent marks on the bottom rule: NOT SAVED while the disk lacks changes, and
 * "demo" over sample data. */
static void draw_marks(const struct tui *t)
{
    if (t->unsaved)
        draw_text(LINES - 2, COLS - 12, 11, TUI_ROLE_DANGER, " NOT SAVED ");
    else if (t->demo)
        draw_text(LINES - 2, COLS - 8, 7, TUI_ROLE_MUTED, " demo ");
}

static const struct tui_binding *current_bindings(struct tui *t, size_t *n)
{
    const struct tui_screen *s = tui_screens[t->current];
    if (s->mode_bindings != NULL && t->states[t->current] != NULL) {
        const struct tui_binding *b = s->mode_bindings(t->states[t->current], n);
        if (b != NULL)
            return b;
    }
    *n = s->binding_count;
    return s->bindings;
}

static bool typing(struct tui *t)
{
    const struct tui_screen *s = tui_screens[t->current];
    return s->typing != NULL && t->states[t->current] != NULL && s->typing(t->states[t->current]);
}

/* The bottom line: the screen's footer keys, then lock, keys and quit. */
/* A key's name as the terminal can show it: arrows become <- -> ^ v without UTF-8. */
static const char *key_label(const struct tui *t, const char *name, char *buf, size_t size)
{
    static const char *const arrows[][2] = {{"←", "<-"}, {"→", "->"}, {"↑", "^"}, {"↓", "v"}};
    if (t->utf8)
        return name;
    size_t o = 0;
    for (const char *p = name; *p != '\0' && o + 3 < size;) {
        size_t a = 0;
        while (a < 4 && strncmp(p, arrows[a][0], strlen(arrows[a][0])) != 0)
            a++;
        if (a < 4) {
            o += (size_t)snprintf(buf + o, size - o, "%s", arrows[a][1]);
            p += strlen(arrows[a][0]);
        } else {
            buf[o++] = *p++;
        }
    }
    buf[o] = '\0';
    return buf;
}

/* Writes one "key what" pair of the footer at *x when it fits. */
static void footer_item(const struct tui *t, int *x, const char *name, const char *help)
{
    char label[64];
    name = key_label(t, name, label, sizeof label);
    int w = (int)tui_width(name) + 1 + (int)tui_width(help);
    if (*x + w > COLS - 1)
        return;
    *x += draw_text(LINES - 1, *x, -1, TUI_ROLE_ACCENT, name);
    *x += draw_text(LINES - 1, *x + 1, -1, TUI_ROLE_NORMAL, help) + 3;
}

/* The bottom line: the screen's (or its mode's) footer keys, then lock, keys and quit; while
 * a field takes the keys, how to see them. */
static void draw_footer(struct tui *t)
{
    size_t n = 0;
    const struct tui_binding *b = current_bindings(t, &n);
    int x = 1;
    for (size_t i = 0; i < n; i++) {
        if (b[i].footer)
            footer_item(t, &x, b[i].name, b[i].help);
    }
    if (typing(t)) {
        footer_item(t, &x, "Ctrl-G", "keys");
        return;
    }
    for (size_t i = 0; i < tui_global_binding_count; i++) {
        if (tui_global_bindings[i].footer)
            footer_item(t, &x, tui_global_bindings[i].name, tui_global_bindings[i].help);
    }
}

/* The `?` overlay: this screen's keys, then the keys every screen shares, from the tables. */
static void draw_help(struct tui *t)
{
    size_t n = 0;
    const struct tui_binding *b = current_bindings(t, &n);
    draw_clear_rows(t->body_top, t->body_rows);
    int y = t->body_top + 1 - t->help_scroll;
    int bottom = t->body_top + t->body_rows;
    if (y >= t->body_top)
        draw_printf(y, 2, -1, TUI_ROLE_TITLE, "Keys on %s", tui_screens[t->current]->title);
    y += 2;
    for (int pass = 0; pass < 2; pass++) {
        const struct tui_binding *list = pass == 0 ? b : tui_global_bindings;
        size_t count = pass == 0 ? n : tui_global_binding_count;
        if (pass == 1) {
            y++;
            if (y >= t->body_top && y < bottom)
                draw_text(y, 2, -1, TUI_ROLE_TITLE, "On every screen");
            y += 2;
        }
        for (size_t i = 0; i < count; i++) {
            if (list[i].hidden)
                continue;
            if (y >= t->body_top && y < bottom) {
                char label[64];
                draw_text(y, 4, 14, TUI_ROLE_ACCENT,
                          key_label(t, list[i].name, label, sizeof label));
                draw_text(y, 20, COLS - 22, TUI_ROLE_NORMAL, list[i].help);
            }
            y++;
        }
    }
}

static void draw_too_small(void)
{
    char line[80];
    erase();
    snprintf(line, sizeof line, "This terminal is %d×%d.", COLS, LINES);
    draw_center(LINES / 2 - 1, TUI_ROLE_NORMAL, line);
    draw_center(LINES / 2, TUI_ROLE_NORMAL, "odaat needs at least 80×24.");
    draw_center(LINES / 2 + 1, TUI_ROLE_MUTED, "Make it larger, or q to quit.");
}

static void draw_frame(struct loop *l)
{
    struct tui *t = &l->t;
    draw_frame_begin(t);
    if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS) {
        draw_too_small();
    } else if (l->mode == MODE_LOCKED) {
        tui_lock_draw(t);
    } else if (l->mode == MODE_WIZARD) {
        tui_wizard_draw(t);
    } else {
        draw_tabs(l);
        draw_hline(t, 1, 0, COLS, TUI_ROLE_MUTED);
        void *state = tui_state(t, t->current);
        if (t->help_open)
            draw_help(t);
        else if (state != NULL)
            tui_screens[t->current]->draw(t, state);
        draw_hline(t, LINES - 2, 0, COLS, TUI_ROLE_MUTED);
        draw_marks(t);
        draw_footer(t);
    }
    if (t->message[0] != '\0' && COLS >= TUI_MIN_COLS && LINES >= TUI_MIN_ROWS) {
        int row = l->mode == MODE_OPEN ? LINES - 2 : LINES - 1;
        draw_clear_rows(row, 1);
        draw_text(row, 1, COLS - 2, t->message_error ? TUI_ROLE_DANGER : TUI_ROLE_ACCENT,
                  t->message);
    }
    draw_cursor_apply();
    refresh();
}

static void handle_resize(struct loop *l)
{
    l->t.rows = LINES;
    l->t.cols = COLS;
    clearok(curscr, TRUE);
}

/* ==== Dispatch =============================================================================== */

/* Handles the keys every screen shares (when the screen did not take the key). */
static unsigned global_key(struct loop *l, struct tui_key key)
{
    struct tui *t = &l->t;
    int action = tui_binding_find(tui_global_bindings, tui_global_binding_count, key);
    if (action >= TUI_GLOBAL_SCREEN_1 && action < TUI_GLOBAL_SCREEN_1 + TUI_SCREEN_COUNT)
        return tui_goto(t, (enum tui_screen_id)(action - TUI_GLOBAL_SCREEN_1));
    switch (action) {
    case TUI_GLOBAL_NEXT:
        return tui_goto(t, (enum tui_screen_id)((t->current + 1) % TUI_SCREEN_COUNT));
    case TUI_GLOBAL_PREV:
        return tui_goto(
            t, (enum tui_screen_id)((t->current + TUI_SCREEN_COUNT - 1) % TUI_SCREEN_COUNT));
    case TUI_GLOBAL_HELP:
        t->help_open = true;
        t->help_scroll = 0;
        return TUI_REDRAW;
    case TUI_GLOBAL_QUIT:
        return TUI_QUIT;
    case TUI_GLOBAL_LOCK:
        return TUI_LOCK;
    case TUI_GLOBAL_REDRAW:
        clearok(curscr, TRUE);
        return TUI_REDRAW;
    default:
        return TUI_NONE;
    }
}

static unsigned help_key(struct tui *t, struct tui_key key)
{
    if (key.code == TUI_KEY_DOWN || tui_key_equal(key, tui_char('j')))
        t->help_scroll++;
    else if ((key.code == TUI_KEY_UP || tui_key_equal(key, tui_char('k'))) && t->help_scroll > 0)
        t->help_scroll--;
    else
        t->help_open = false;
    return TUI_REDRAW;
}

/* Handles the quit question: y quits without the unsaved changes, anything else stays. */
static unsigned quit_answer(struct tui *t, struct tui_key key)
{
    t->quit_asked = false;
    t->message[0] = '\0';
    if (tui_key_equal(key, tui_char('y')) || tui_key_equal(key, tui_char('Y')))
        return TUI_QUIT | QUIT_CONFIRMED;
    return TUI_REDRAW;
}

static unsigned open_key(struct loop *l, struct tui_key key)
{
    struct tui *t = &l->t;
    if (t->quit_asked)
        return quit_answer(t, key);
    if (t->help_open)
        return help_key(t, key);
    /* Ctrl-G opens the keys even while a field takes every printable key. */
    if (tui_key_equal(key, tui_ctrl('g')))
        return global_key(l, tui_char('?'));
    void *state = tui_state(t, t->current);
    unsigned flags = TUI_UNHANDLED;
    if (state != NULL)
        flags = tui_screens[t->current]->key(t, state, key);
    if (flags & TUI_UNHANDLED)
        flags = (flags & ~(unsigned)TUI_UNHANDLED) | global_key(l, key);
    return flags;
}

/* Asks before quitting with changes the disk does not have. Returns true to quit now. */
static bool may_quit(struct tui *t)
{
    keep_typing(t);
    if (t->app != NULL && t->unsaved)
        save(t);
    if (t->app == NULL || !t->unsaved)
        return true;
    snprintf(t->message, sizeof t->message,
             "NOT SAVED. Quit and lose the latest changes? y quits, any other key stays");
    t->message_error = true;
    t->quit_asked = true;
    return false;
}

/* Does what a key or a piece of pending work asks: opening the store ends the unlock
 * prompt or set-up and shows Today; a change is saved and every screen reloads. */
static void apply_flags(struct loop *l, unsigned flags)
{
    struct tui *t = &l->t;
    if (flags & TUI_OPENED) {
        if (l->mode == MODE_LOCKED)
            tui_lock_end();
        else
            tui_wizard_end();
        l->mode = MODE_OPEN;
        tui_invalidate(t);
        read_idle_setting(t);
        tui_goto(t, TUI_SCREEN_TODAY);
    }
    if ((flags & TUI_CHANGED) && t->app != NULL) {
        save(t);
        tui_invalidate(t);
    }
}

/* Runs one key through the mode it belongs to; returns false when the loop should end. */
static bool handle_key(struct loop *l, struct tui_key key)
{
    struct tui *t = &l->t;
    bool too_small = COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS;
    if (key.code == TUI_KEY_RESIZE) {
        handle_resize(l);
        return true;
    }
    if (key.code == TUI_KEY_NONE)
        return true;
    if (!t->quit_asked) {
        t->message[0] = '\0';
        t->message_error = false;
    }
    unsigned flags = TUI_NONE;
    if (too_small) {
        if (tui_key_equal(key, tui_char('q')))
            flags = TUI_QUIT;
        else if (tui_key_equal(key, tui_char('L')))
            flags = TUI_LOCK;
    } else if (l->mode == MODE_LOCKED) {
        flags = tui_lock_key(t, key);
    } else if (l->mode == MODE_WIZARD) {
        flags = tui_wizard_key(t, key);
    } else {
        flags = open_key(l, key);
    }
    apply_flags(l, flags);
    if (flags & TUI_LOCK)
        lock(l);
    if ((flags & TUI_QUIT) && ((flags & QUIT_CONFIRMED) || may_quit(t)))
        return false;
    return true;
}

/* ==== Terminal set-up and the run ============================================================ */

static bool want_color(void)
{
    const char *no_color = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    return (no_color == NULL || no_color[0] == '\0') && term != NULL && strcmp(term, "dumb") != 0;
}

static bool start_terminal(struct loop *l, const struct tui_options *opts)
{
    if (opts->script != NULL) {
        l->null_out = fopen("/dev/null", "w");
        if (l->null_out == NULL)
            return false;
        const char *term = getenv("TERM");
        l->screen = newterm(term != NULL && term[0] != '\0' ? term : "xterm", l->null_out, stdin);
    } else {
        l->screen = newterm(NULL, stdout, stdin);
    }
    if (l->screen == NULL)
        return false;
    set_term(l->screen);
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    timeout(1000);
    tui_term_keys_init(&l->term_keys);
    l->t.color = draw_init_colors(want_color());
    return true;
}

/* Leaves the terminal as it was, with nothing of odaat's on the alternate screen. */
static void stop_terminal(struct loop *l)
{
    if (l->screen == NULL)
        return;
    erase();
    refresh();
    curs_set(1);
    endwin();
    delscreen(l->screen);
    l->screen = NULL;
    if (l->null_out != NULL)
        fclose(l->null_out);
    l->null_out = NULL;
}

/* Ctrl-Z: clears the screen first, so nothing of the journal shows while odaat is stopped. */
static void suspend(struct loop *l)
{
    (void)l;
    erase();
    refresh();
    endwin();
    kill(0, SIGTSTP);
    clearok(curscr, TRUE);
    refresh();
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: the key read returns at once, so the loop sees the flag. */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* Opens what the run starts with: the demo, the store (asking for the passphrase on the
 * unlock screen, or reading it from --passphrase-fd), or set-up when there is no store. */
static enum odaat_err start_mode(struct loop *l, const struct tui_options *opts)
{
    struct tui *t = &l->t;
    if (opts->demo) {
        enum odaat_err err = app_demo_open(opts->today_override, &t->app);
        if (err != ODAAT_OK)
            return err;
        l->mode = MODE_OPEN;
        read_idle_setting(t);
        return ODAAT_OK;
    }
    enum odaat_err err = vault_data_dir(opts->data_dir, &t->data_dir);
    if (err != ODAAT_OK)
        return err;
    if (!vault_exists(t->data_dir)) {
        l->mode = MODE_WIZARD;
        tui_wizard_begin(t);
        return ODAAT_OK;
    }
    l->mode = MODE_LOCKED;
    tui_lock_begin(t);
    return ODAAT_OK;
}

static void loop_run(struct loop *l)
{
    struct tui *t = &l->t;
    l->last_key_ms = clock_monotonic_ms();
    for (;;) {
        draw_frame(l);
        if (t->save_soon && t->app != NULL) {
            t->save_soon = false;
            save(t);
        }
        if (t->pending != NULL) {
            unsigned (*work)(struct tui *) = t->pending;
            t->pending = NULL;
            apply_flags(l, work(t));
            continue;
        }
        /* A key's time: from reading it to the frame after it, saving and reloading
         * included: what a person waits for. */
        if (l->timing && l->key_us != 0) {
            printf("time %.3f ms\n", (double)(clock_monotonic_us() - l->key_us) / 1000.0);
            l->key_us = 0;
        }
        bool done = false;
        struct tui_key key = next_key(l, &done);
        if (done || stop_signal != 0)
            break;
        if (l->timing && key.code != TUI_KEY_NONE)
            l->key_us = clock_monotonic_us();
        int64_t now = clock_monotonic_ms();
        if (key.code != TUI_KEY_NONE) {
            l->last_key_ms = now;
            l->idle_seconds = 0;
        }
        long idle = l->script != NULL ? l->idle_seconds : (long)((now - l->last_key_ms) / 1000);
        if (l->mode == MODE_OPEN && t->idle_lock_minutes > 0 &&
            idle >= (long)t->idle_lock_minutes * 60) {
            lock(l);
            continue;
        }
        /* While a screen takes text, Ctrl-Z is its undo (the journal's editor). */
        if (key.code == TUI_KEY_CTRL && key.ch == 'z' && l->script == NULL && !typing(t)) {
            suspend(l);
            continue;
        }
        if (key.code == TUI_KEY_CTRL && key.ch == 'c' && !t->quit_asked) {
            if (may_quit(t))
                break;
            continue;
        }
        if (!handle_key(l, key))
            break;
    }
}

int tui_main(const struct tui_options *opts)
{
    struct loop *l = calloc(1, sizeof *l);
    if (l == NULL) {
        fprintf(stderr, "odaat: %s\n", odaat_err_message(ODAAT_ERR_NOMEM));
        return odaat_err_exit_code(ODAAT_ERR_NOMEM);
    }
    struct tui *t = &l->t;
    t->demo = opts->demo;
    t->today_override = opts->today_override;
    t->current = TUI_SCREEN_TODAY;
    tui_invalidate(t);
    /* Line drawing and wide characters follow the locale, as the terminal does. */
    const char *codeset = nl_langinfo(CODESET);
    t->utf8 = codeset != NULL && strcmp(codeset, "UTF-8") == 0;
    if (opts->script != NULL) {
        l->script = fopen(opts->script, "r");
        if (l->script == NULL) {
            fprintf(stderr, "odaat: cannot read the key script %s\n", opts->script);
            free(l);
            return 2;
        }
    } else if (isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1) {
        fprintf(stderr, "odaat: the full-screen interface needs a terminal; "
                        "see odaat --help for commands\n");
        free(l);
        return 2;
    }
    enum odaat_err err = start_mode(l, opts);
    if (err == ODAAT_OK && opts->passphrase_fd >= 0 && l->mode == MODE_LOCKED) {
        err = tui_lock_open_fd(t, opts->passphrase_fd);
        if (err == ODAAT_OK) {
            tui_lock_end();
            l->mode = MODE_OPEN;
            read_idle_setting(t);
        }
    }
    if (err != ODAAT_OK) {
        fprintf(stderr, "odaat: %s\n", odaat_err_message(err));
        l->status = odaat_err_exit_code(err);
    } else if (!start_terminal(l, opts)) {
        fprintf(stderr, "odaat: cannot start the terminal (TERM=%s)\n",
                getenv("TERM") != NULL ? getenv("TERM") : "");
        l->status = 1;
    } else {
        install_signals();
        loop_run(l);
    }
    if (t->app != NULL && l->mode == MODE_OPEN)
        keep_typing(t);
    if (t->app != NULL) {
        if (t->unsaved)
            save(t);
        if (t->unsaved && l->status == 0)
            l->status = odaat_err_exit_code(ODAAT_ERR_NOT_SAVED);
    }
    unload_all(t);
    if (l->mode == MODE_LOCKED)
        tui_lock_end();
    else if (l->mode == MODE_WIZARD)
        tui_wizard_end();
    app_close(t->app);
    stop_terminal(l);
    if (l->script != NULL)
        fclose(l->script);
    free(t->data_dir);
    int status = l->status;
    crypto_wipe(l, sizeof *l);
    free(l);
    return status;
}
