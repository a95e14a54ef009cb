/*
 * tui_internal: what the full-screen interface's files share and nothing outside src/tui/
 * sees. Keys are odaat's own codes (struct tui_key), not curses', and every screen is a
 * struct tui_screen: a state, a key handler that changes the state and returns what changed
 * (TUI_* flags), and a draw function that is a function of the state. The loop in tui.c
 * reads keys, hands them on, saves, reloads and repaints. Key handlers never call curses, so
 * the unit tests drive screens without a terminal; only the draw functions do.
 */
#ifndef ODAAT_TUI_INTERNAL_H
#define ODAAT_TUI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "odaat/app.h"
#include "odaat/err.h"

/* ==== Keys ================================================================================ */

enum tui_keycode {
    TUI_KEY_NONE = 0,
    TUI_KEY_CHAR, /* ch is a printable code point */
    TUI_KEY_CTRL, /* ch is the letter, 'a' to 'z' (Ctrl-S: ch 's') */
    TUI_KEY_ENTER,
    TUI_KEY_ESC,
    TUI_KEY_TAB,
    TUI_KEY_BTAB, /* Shift-Tab */
    TUI_KEY_BACKSPACE,
    TUI_KEY_DELETE,
    TUI_KEY_UP,
    TUI_KEY_DOWN,
    TUI_KEY_LEFT,
    TUI_KEY_RIGHT,
    TUI_KEY_CTRL_LEFT,
    TUI_KEY_CTRL_RIGHT,
    TUI_KEY_HOME,
    TUI_KEY_END,
    TUI_KEY_PGUP,
    TUI_KEY_PGDN,
    TUI_KEY_RESIZE, /* the terminal changed size; the loop handles it */
};

struct tui_key {
    enum tui_keycode code;
    uint32_t ch;
};

/* Keys in binding tables (initializers)... */
#define TUI_CHAR(c)                                                                                \
    {                                                                                              \
        TUI_KEY_CHAR, (uint32_t)(c)                                                                \
    }
#define TUI_CTRL(c)                                                                                \
    {                                                                                              \
        TUI_KEY_CTRL, (uint32_t)(c)                                                                \
    }
#define TUI_CODE(k)                                                                                \
    {                                                                                              \
        (k), 0                                                                                     \
    }

/* ...and in code and tests. */
static inline struct tui_key tui_char(uint32_t c)
{
    return (struct tui_key){TUI_KEY_CHAR, c};
}
static inline struct tui_key tui_ctrl(char c)
{
    return (struct tui_key){TUI_KEY_CTRL, (uint32_t)c};
}
static inline struct tui_key tui_code(enum tui_keycode k)
{
    return (struct tui_key){k, 0};
}

bool tui_key_equal(struct tui_key a, struct tui_key b);

/* Parses a key name as key scripts and tables write it: a single character ("c", "é"),
 * "Enter", "Esc", "Tab", "BTab", "Backspace", "Delete", "Up", "Down", "Left", "Right",
 * "C-Left", "C-Right", "Home", "End", "PgUp", "PgDn", "Space", "C-x" (Ctrl and a letter).
 * Returns false for anything else. */
bool tui_key_parse(const char *name, struct tui_key *out);

/* ==== Key bindings: data, so the footer, the `?` screen, `odaat keys` and the man page are
 * all written from the same tables ========================================================= */

struct tui_binding {
    struct tui_key key;
    const char *name; /* as shown: "c", "Enter", "Ctrl-S", "←/→" */
    const char *help; /* what it does, in a few words */
    int action;       /* the screen's own action number */
    bool footer;      /* shown in the bottom line */
    bool hidden;      /* an alias (vi keys, arrows): works, listed with its twin only */
};

/* Returns the action bound to key in the n bindings, or -1. */
int tui_binding_find(const struct tui_binding *bindings, size_t n, struct tui_key key);

/* The keys every screen shares (numbers, Tab, q, ?, L): actions TUI_GLOBAL_*. */
enum tui_global_action {
    TUI_GLOBAL_SCREEN_1 = 1, /* ... to TUI_GLOBAL_SCREEN_1 + 8 for screen 9 */
    TUI_GLOBAL_NEXT = 20,
    TUI_GLOBAL_PREV,
    TUI_GLOBAL_QUIT,
    TUI_GLOBAL_HELP,
    TUI_GLOBAL_LOCK,
    TUI_GLOBAL_REDRAW,
};
extern const struct tui_binding tui_global_bindings[];
extern const size_t tui_global_binding_count;

/* ==== Screens ============================================================================= */

enum tui_screen_id {
    TUI_SCREEN_TODAY,
    TUI_SCREEN_CHECKIN,
    TUI_SCREEN_JOURNAL,
    TUI_SCREEN_MEETINGS,
    TUI_SCREEN_STEPS,
    TUI_SCREEN_MILESTONES,
    TUI_SCREEN_STATS,
    TUI_SCREEN_HELPNOW,
    TUI_SCREEN_SETTINGS,
    TUI_SCREEN_COUNT,
};

/* What a key handler returns: what changed. */
enum tui_flags {
    TUI_NONE = 0,
    TUI_REDRAW = 1 << 0,    /* the state changed: repaint */
    TUI_CHANGED = 1 << 1,   /* the records changed: save, then every screen reloads */
    TUI_UNHANDLED = 1 << 2, /* not this screen's key: the global keys get it */
    TUI_QUIT = 1 << 3,
    TUI_LOCK = 1 << 4,
    TUI_TEXT = 1 << 5, /* not a flag handlers return: see tui_screen.typing */
};

struct tui;

/* The keys of one of a screen's modes (its editor, a form, a search), for `odaat keys` and
 * the man page; the screen's mode_bindings returns the same tables while in the mode. */
struct tui_mode_keys {
    const char *name; /* "editor" */
    const struct tui_binding *bindings;
    size_t count;
};

/* What one screen may ask of another: Today's "a" opens the meeting form. */
enum tui_request {
    TUI_REQUEST_ADD, /* open the screen's "new" form or editor */
};

struct tui_screen {
    const char *title; /* in the tab bar: "Today" */
    const struct tui_binding *bindings;
    size_t binding_count;
    size_t state_size;
    /* Reads what the screen shows from the app (t->app is open). Called when the screen is
     * shown after a change or an unlock; state may hold an earlier load (free it first). */
    enum odaat_err (*load)(struct tui *t, void *state);
    /* Frees and wipes everything load and the key handler allocated; the loop zeroes the
     * state afterwards. Called on lock and quit, so no record stays in memory. */
    void (*unload)(void *state);
    /* Handles a key; returns TUI_* flags. Never calls curses. */
    unsigned (*key)(struct tui *t, void *state, struct tui_key key);
    /* Draws the body: rows t->body_top to t->body_top + t->body_rows - 1. */
    void (*draw)(struct tui *t, void *state);
    /* True while a text field has the keyboard: digits, q and ? are then text, and only
     * Esc and the screen's own keys leave it. NULL: never. */
    bool (*typing)(const void *state);
    /* Bindings to show in the footer and on the `?` screen instead of the screen's own
     * table while it is in a mode (a form, an editor, a dialog); NULL: the table. */
    const struct tui_binding *(*mode_bindings)(const void *state, size_t *count);
    /* Carries out a request from another screen (NULL: the screen takes none). */
    unsigned (*request)(struct tui *t, void *state, enum tui_request request);
    /* The screen's modes and their keys (NULL, 0: none). */
    const struct tui_mode_keys *modes;
    size_t mode_count;
    /* Called before a lock, a quit or a signal ends the session: keeps what is being typed
     * (saves the journal entry or the check-in being written, when it can be saved) so
     * nothing a person wrote is lost, and returns TUI_* flags (TUI_CHANGED when it stored
     * something). NULL: the screen has nothing that needs keeping. */
    unsigned (*keep)(struct tui *t, void *state);
};

extern const struct tui_screen tui_screen_today;
extern const struct tui_screen tui_screen_checkin;
extern const struct tui_screen tui_screen_journal;
extern const struct tui_screen tui_screen_meetings;
extern const struct tui_screen tui_screen_steps;
extern const struct tui_screen tui_screen_milestones;
extern const struct tui_screen tui_screen_stats;
extern const struct tui_screen tui_screen_helpnow;
extern const struct tui_screen tui_screen_settings;

/* The screens in tab order (the number keys). */
extern const struct tui_screen *const tui_screens[TUI_SCREEN_COUNT];

/* ==== The interface's state ================================================================ */

#define TUI_MESSAGE_SIZE 160

struct tui {
    struct app *app; /* NULL while locked */
    bool demo;
    int rows, cols;          /* the terminal's size */
    int body_top, body_rows; /* where screens draw */
    enum tui_screen_id current;
    void *states[TUI_SCREEN_COUNT];
    bool stale[TUI_SCREEN_COUNT]; /* must load before it is drawn */
    bool help_open;               /* the `?` overlay */
    int help_scroll;
    bool unsaved;                   /* changes in memory that the last save did not write */
    bool quit_asked;                /* "quit without saving?" is showing */
    char message[TUI_MESSAGE_SIZE]; /* one line for the person, until the next key */
    bool message_error;
    bool utf8;  /* the locale's character set is UTF-8 */
    bool color; /* colours are on (a colour terminal and no NO_COLOR) */
    /* --today, for opening and creating the store (NULL: the clock). */
    const char *today_override;
    char *data_dir;        /* the store's folder (NULL in the demo) */
    int idle_lock_minutes; /* 0: never */
    /* Work to do after the next frame is drawn, so "Opening..." shows while the passphrase
     * is stretched: set by a key handler, run and cleared by the loop. */
    unsigned (*pending)(struct tui *t);
    bool save_soon; /* a load changed a record (a milestone seen): save after this frame */
};

/* ==== Modes outside the tabs: the unlock prompt and the first-run set-up (lock.c,
 * wizard.c). Each returns TUI_OPENED once t->app is open. ================================== */

enum { TUI_OPENED = 1 << 6 };

/* The unlock prompt: starts empty; no record is in memory while it shows. */
void tui_lock_begin(struct tui *t);
unsigned tui_lock_key(struct tui *t, struct tui_key key);
void tui_lock_draw(struct tui *t);
void tui_lock_end(void); /* wipes what was typed */
/* Opens the store with a passphrase read as one line from fd (--passphrase-fd), before the
 * terminal starts. Errors: those of app_open, ODAAT_ERR_PASSPHRASE_EMPTY (nothing to read),
 * ODAAT_ERR_PASSPHRASE_TOO_LONG. */
enum odaat_err tui_lock_open_fd(struct tui *t, int fd);

/* First-run set-up: welcome, clean date, programme, tracker, passphrase twice, the recovery
 * code and "have you written it down?". */
void tui_wizard_begin(struct tui *t);
unsigned tui_wizard_key(struct tui *t, struct tui_key key);
void tui_wizard_draw(struct tui *t);
bool tui_wizard_typing(void);
void tui_wizard_end(void); /* wipes what was typed */

/* Shows a one-line message until the next key (printf-style). */
void tui_message(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Shows an error's message from odaat's table, with what was being done ("Could not save
 * the check-in: ..."). */
void tui_error(struct tui *t, const char *doing, enum odaat_err err);

/* Switches to screen id (loading it when stale); returns TUI_REDRAW. */
unsigned tui_goto(struct tui *t, enum tui_screen_id id);

/* Switches to screen id and hands it request; returns the screen's flags. */
unsigned tui_request(struct tui *t, enum tui_screen_id id, enum tui_request request);

/* Returns screen id's state, loading it first when stale (NULL when the load failed). For
 * screens that hand work to another (Today's "c" opens the check-in form). */
void *tui_state(struct tui *t, enum tui_screen_id id);

/* Marks every screen stale, so each reloads before it is drawn again. */
void tui_invalidate(struct tui *t);

/* ==== Text helpers (no curses) ============================================================ */

/* Display width of UTF-8 text in columns (wide characters count two); invalid bytes count
 * one each. */
size_t tui_width(const char *text);

/* Copies into out (size bytes) the longest prefix of text that fits in cols columns,
 * ending in "…" (or "~" without UTF-8) when text had to be cut. Returns out. */
char *tui_fit(char *out, size_t size, const char *text, size_t cols, bool utf8);

/* Formats a day number as people read it: "Mon 23 Nov" (short), "23 Nov 2025" (date),
 * "Monday 23 November" (long), "Tuesday 7 October 2025" (full). */
enum tui_date_style { TUI_DATE_SHORT, TUI_DATE_MEDIUM, TUI_DATE_LONG, TUI_DATE_FULL };
char *tui_date(char *out, size_t size, int32_t day, enum tui_date_style style);

/* Numbers ("1,206"), durations ("1 year, 1 month, 16 days") and dates as the command line
 * writes them come from odaat/output.h, shared by both front ends. */

/* ==== Drawing (draw.c: the only file besides tui.c and the screens' draw functions that
 * calls curses). Rows and columns are the terminal's; text is UTF-8 and is clipped at the
 * right edge. ================================================================================ */

enum tui_role {
    TUI_ROLE_NORMAL,
    TUI_ROLE_ACCENT,
    TUI_ROLE_MUTED,
    TUI_ROLE_GOOD,
    TUI_ROLE_WARN,
    TUI_ROLE_DANGER,
    TUI_ROLE_SELECTED, /* the line under the cursor */
    TUI_ROLE_TITLE,    /* bold */
    TUI_ROLE_MATCH,    /* a search match */
    TUI_ROLE_COUNT,
};

/* Line-drawing and chart glyphs: Unicode, or ASCII when the locale is not UTF-8. */
struct tui_glyphs {
    const char *hline, *vline, *tl, *tr, *bl, *br;
    const char *bar_full, *bar_empty;
    const char *check, *dot, *pointer, *star, *ellipsis, *cell;
    const char *spark[8]; /* lowest to highest */
};
const struct tui_glyphs *tui_glyphs(const struct tui *t);

/* Draws text at (y, x) in role, clipped to max_cols columns (and the screen); returns the
 * columns used. */
int draw_text(int y, int x, int max_cols, enum tui_role role, const char *text);
int draw_printf(int y, int x, int max_cols, enum tui_role role, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Draws text centred on row y. */
void draw_center(int y, enum tui_role role, const char *text);
/* A horizontal rule of len columns. */
void draw_hline(const struct tui *t, int y, int x, int len, enum tui_role role);
/* A box with its corners at (y, x) and (y + h - 1, x + w - 1). */
void draw_box(const struct tui *t, int y, int x, int h, int w, enum tui_role role);
/* A progress bar of width columns, fraction 0..1 filled. */
void draw_bar(const struct tui *t, int y, int x, int width, double fraction, enum tui_role role);
/* A sparkline: one glyph per value, scaled from lo to hi; values below lo are gaps. */
void draw_spark(const struct tui *t, int y, int x, const double *values, size_t n, double lo,
                double hi, enum tui_role role);
/* Blanks rows y to y + n - 1. */
void draw_clear_rows(int y, int n);
/* Puts the terminal's cursor at (y, x) and shows it (for text fields); the loop hides it
 * before every frame. */
void draw_cursor(int y, int x);
/* A framed dialog in the middle of the body with a title and lines of text; returns the row
 * of its first text line. */
int draw_dialog(const struct tui *t, const char *title, const char *const *lines, size_t n);

#endif
