/*
 * wizard: the first-run set-up, shown when there is no store yet. Six pages: a welcome, the
 * clean date and what it means, the programme, what the person stays away from, a passphrase
 * typed twice, and then, once the store exists, the recovery code, shown once and large,
 * until the person says it is written down. Esc goes back a page (never from the code: the
 * store exists by then). Like the unlock prompt it keeps its state in this file, outside the
 * screens: the passphrases and the code only in secure memory, and everything typed is wiped
 * when set-up ends.
 */
#include <stdio.h>
#include <string.h>

#include "odaat/clock.h"
#include "odaat/crypto.h"
#include "odaat/date.h"
#include "tui_form.h"
#include "tui_internal.h"
#include "tui_widgets.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Test programs (built with ODAAT_TEST_KDF) stretch the passphrase at the lowest cost, so a
 * set-up runs in milliseconds there; odaat itself always uses the moderate profile. */
#ifdef ODAAT_TEST_KDF
#define WIZARD_KDF CRYPTO_KDF_TEST_MINIMUM
#else
#define WIZARD_KDF CRYPTO_KDF_MODERATE
#endif

enum wizard_page {
    PAGE_WELCOME,
    PAGE_DATE,
    PAGE_PROGRAM,
    PAGE_TRACKER,
    PAGE_PASSPHRASE,
    PAGE_CODE,
    PAGE_COUNT,
};

#define WIZARD_ERROR_SIZE 160

static struct {
    bool active;
    enum wizard_page page;
    int32_t today;
    struct tui_field date;
    enum milestone_date_is date_is;
    size_t program; /* the app's programme index */
    struct tui_field tracker;
    struct tui_field *pass[2]; /* secure memory */
    int focus;                 /* which passphrase field */
    bool creating;             /* "Creating your store..." shows; the work is pending */
    char *code;                /* secure memory: the recovery code */
    bool not_yet;              /* n was pressed on the code page */
    char error[WIZARD_ERROR_SIZE];
} wizard;

void tui_wizard_end(void)
{
    tui_field_clear(&wizard.date);
    tui_field_clear(&wizard.tracker);
    for (size_t i = 0; i < COUNT_OF(wizard.pass); i++)
        crypto_secure_free(wizard.pass[i]);
    crypto_secure_free(wizard.code);
    crypto_wipe(&wizard, sizeof wizard);
}

void tui_wizard_begin(struct tui *t)
{
    tui_wizard_end();
    wizard.active = true;
    if (clock_today(t->today_override, 0, &wizard.today) != ODAAT_OK)
        wizard.today = 0;
    widget_field_set_date(&wizard.date, wizard.today);
    wizard.tracker.max = APP_SHORT_TEXT_MAX;
    tui_field_set(&wizard.tracker, "clean time");
    for (size_t i = 0; i < COUNT_OF(wizard.pass); i++) {
        wizard.pass[i] = crypto_secure_alloc(sizeof *wizard.pass[i]);
        if (wizard.pass[i] == NULL)
            continue;
        memset(wizard.pass[i], 0, sizeof *wizard.pass[i]);
        wizard.pass[i]->secret = true;
        wizard.pass[i]->max = VAULT_PASSPHRASE_MAX;
    }
}

bool tui_wizard_typing(void)
{
    return wizard.page == PAGE_DATE || wizard.page == PAGE_TRACKER ||
           wizard.page == PAGE_PASSPHRASE;
}

static void set_error(const char *text)
{
    snprintf(wizard.error, sizeof wizard.error, "%s", text);
}

static void passphrases_clear(void)
{
    for (size_t i = 0; i < COUNT_OF(wizard.pass); i++) {
        if (wizard.pass[i] != NULL)
            tui_field_clear(wizard.pass[i]);
    }
    wizard.focus = 0;
}

/* Creates the store with the answers (after "Creating your store..." was drawn: the
 * passphrase is stretched now, which takes a second). */
static unsigned wizard_create(struct tui *t)
{
    wizard.creating = false;
    if (wizard.pass[0] == NULL || t->data_dir == NULL) {
        set_error("Could not create the store: out of memory.");
        return TUI_REDRAW;
    }
    wizard.code = crypto_secure_alloc(CRYPTO_RECOVERY_TEXT_SIZE);
    struct app_setup setup = {
        .tracker = wizard.tracker.text,
        .clean_date = wizard.date.text,
        .date_is = wizard.date_is,
        .program = app_program_id(wizard.program),
        .kdf = WIZARD_KDF,
    };
    enum odaat_err err = ODAAT_ERR_NOMEM;
    if (wizard.code != NULL)
        err = app_create(t->data_dir, wizard.pass[0]->text, wizard.pass[0]->len, &setup,
                         t->today_override, wizard.code, &t->app);
    passphrases_clear();
    if (err != ODAAT_OK) {
        crypto_secure_free(wizard.code);
        wizard.code = NULL;
        snprintf(wizard.error, sizeof wizard.error, "Could not create the store: %s.",
                 odaat_err_message(err));
        if (err == ODAAT_ERR_DATE_SYNTAX || err == ODAAT_ERR_DATE_INVALID ||
            err == ODAAT_ERR_DATE_RANGE || err == ODAAT_ERR_FUTURE_START)
            wizard.page = PAGE_DATE;
        return TUI_REDRAW;
    }
    wizard.page = PAGE_CODE;
    return TUI_REDRAW;
}

/* Checks the clean date page; returns true to go on. */
static bool date_ok(void)
{
    int32_t entered = 0;
    enum odaat_err err = date_parse(wizard.date.text, &entered);
    if (err != ODAAT_OK) {
        set_error(odaat_err_message(err));
        return false;
    }
    if (entered > wizard.today) {
        set_error("That date is after today. Your clean date is today or a day before.");
        return false;
    }
    if (milestone_first_clean_day(entered, wizard.date_is) > wizard.today) {
        set_error("If today was your last day of use, the count starts tomorrow. Choose "
                  "\"my first clean day\" to start today.");
        return false;
    }
    return true;
}

static bool tracker_ok(void)
{
    bool blank = true;
    for (size_t i = 0; i < wizard.tracker.len; i++)
        blank = blank && wizard.tracker.text[i] == ' ';
    if (blank) {
        set_error("Give it a name, or keep \"clean time\".");
        return false;
    }
    if (!app_short_text_valid(wizard.tracker.text)) {
        set_error("That name is too long: a word or two is plenty.");
        return false;
    }
    return true;
}

static unsigned passphrase_key(struct tui *t, struct tui_key key)
{
    struct tui_field *field = wizard.pass[wizard.focus];
    if (field == NULL && key.code != TUI_KEY_ESC) {
        set_error("Could not start: out of memory.");
        return TUI_REDRAW;
    }
    switch (key.code) {
    case TUI_KEY_ESC:
        passphrases_clear();
        wizard.page = PAGE_TRACKER;
        return TUI_REDRAW;
    case TUI_KEY_TAB:
    case TUI_KEY_BTAB:
    case TUI_KEY_UP:
    case TUI_KEY_DOWN:
        wizard.focus = 1 - wizard.focus;
        return TUI_REDRAW;
    case TUI_KEY_ENTER:
        if (wizard.focus == 0) {
            if (field->len == 0) {
                set_error("Type a passphrase first.");
                return TUI_REDRAW;
            }
            wizard.focus = 1;
            return TUI_REDRAW;
        }
        if (wizard.pass[0]->len == 0) {
            wizard.focus = 0;
            set_error("Type a passphrase first.");
            return TUI_REDRAW;
        }
        if (wizard.pass[0]->len != wizard.pass[1]->len ||
            !crypto_equal(wizard.pass[0]->text, wizard.pass[1]->text, wizard.pass[0]->len)) {
            passphrases_clear();
            set_error("The two passphrases differ. Please type them both again.");
            return TUI_REDRAW;
        }
        wizard.creating = true;
        t->pending = wizard_create;
        return TUI_REDRAW;
    default:
        return tui_field_key(field, key) ? TUI_REDRAW : TUI_NONE;
    }
}

unsigned tui_wizard_key(struct tui *t, struct tui_key key)
{
    if (!wizard.active || wizard.creating)
        return TUI_NONE;
    wizard.error[0] = '\0';
    bool enter = key.code == TUI_KEY_ENTER, esc = key.code == TUI_KEY_ESC;
    bool down = key.code == TUI_KEY_DOWN || tui_key_equal(key, tui_char('j'));
    bool up = key.code == TUI_KEY_UP || tui_key_equal(key, tui_char('k'));
    switch (wizard.page) {
    case PAGE_WELCOME:
        if (enter)
            wizard.page = PAGE_DATE;
        else if (tui_key_equal(key, tui_char('q')))
            return TUI_QUIT;
        return TUI_REDRAW;
    case PAGE_DATE:
        if (esc)
            wizard.page = PAGE_WELCOME;
        else if (enter && date_ok())
            wizard.page = PAGE_PROGRAM;
        else if (key.code == TUI_KEY_UP || key.code == TUI_KEY_DOWN)
            wizard.date_is = wizard.date_is == MILESTONE_FIRST_CLEAN_DAY
                                 ? MILESTONE_LAST_USE_DAY
                                 : MILESTONE_FIRST_CLEAN_DAY;
        else if (!enter)
            tui_field_key(&wizard.date, key);
        return TUI_REDRAW;
    case PAGE_PROGRAM:
        if (esc)
            wizard.page = PAGE_DATE;
        else if (enter)
            wizard.page = PAGE_TRACKER;
        else if (down && wizard.program + 1 < app_program_count())
            wizard.program++;
        else if (up && wizard.program > 0)
            wizard.program--;
        else if (key.code == TUI_KEY_CHAR && key.ch >= '1' && key.ch < '1' + app_program_count())
            wizard.program = key.ch - '1';
        return TUI_REDRAW;
    case PAGE_TRACKER:
        if (esc)
            wizard.page = PAGE_PROGRAM;
        else if (enter && tracker_ok())
            wizard.page = PAGE_PASSPHRASE;
        else if (!enter)
            tui_field_key(&wizard.tracker, key);
        return TUI_REDRAW;
    case PAGE_PASSPHRASE:
        return passphrase_key(t, key);
    case PAGE_CODE:
        if (tui_key_equal(key, tui_char('y')) || tui_key_equal(key, tui_char('Y'))) {
            crypto_secure_free(wizard.code);
            wizard.code = NULL;
            return TUI_OPENED;
        }
        if (tui_key_equal(key, tui_char('n')) || tui_key_equal(key, tui_char('N')))
            wizard.not_yet = true;
        return TUI_REDRAW;
    default:
        return TUI_NONE;
    }
}

/* ---- Drawing ------------------------------------------------------------------------------ */

/* The frame of pages 2 to 6: a title line, rules, and the keys at the bottom. */
static void draw_frame(struct tui *t, const char *keys)
{
    draw_text(0, 1, -1, TUI_ROLE_ACCENT, "odaat");
    draw_text(0, 7, -1, TUI_ROLE_MUTED, "set-up");
    draw_printf(0, t->cols - 8, 7, TUI_ROLE_MUTED, "%d of %d", (int)wizard.page + 1, PAGE_COUNT);
    draw_hline(t, 1, 0, t->cols, TUI_ROLE_MUTED);
    draw_hline(t, t->rows - 2, 0, t->cols, TUI_ROLE_MUTED);
    draw_text(t->rows - 1, 1, t->cols - 2, TUI_ROLE_NORMAL, keys);
}

/* A page's title and the line about it under the title, from row y. */
static void draw_heading(int y, const char *title, const char *about)
{
    draw_text(y, 2, -1, TUI_ROLE_TITLE, title);
    draw_text(y + 1, 2, -1, TUI_ROLE_MUTED, about);
}

/* The error under a page, on as many lines as it needs (broken at spaces). */
static void draw_error(struct tui *t, int y)
{
    const char *p = wizard.error;
    size_t cols = (size_t)(t->cols - 4);
    while (*p != '\0') {
        char line[WIZARD_ERROR_SIZE];
        size_t len = strlen(p), cut = len;
        if (tui_width(p) > cols) {
            cut = 0;
            for (size_t i = 0; i < len && i < sizeof line - 1; i++) {
                memcpy(line, p, i);
                line[i] = '\0';
                if (tui_width(line) > cols)
                    break;
                if (p[i] == ' ')
                    cut = i;
            }
            if (cut == 0)
                cut = len < cols ? len : cols;
        }
        snprintf(line, sizeof line, "%.*s", (int)cut, p);
        draw_text(y++, 2, (int)cols, TUI_ROLE_WARN, line);
        p += cut;
        while (*p == ' ')
            p++;
    }
}

static void draw_welcome(struct tui *t)
{
    int y = t->rows / 2 - 5;
    draw_center(y, TUI_ROLE_ACCENT, "odaat");
    draw_center(y + 3, TUI_ROLE_NORMAL,
                "odaat keeps your clean time, check-ins, meetings and journal,");
    draw_center(y + 4, TUI_ROLE_NORMAL, "encrypted on this computer. Nobody else can read it.");
    draw_center(y + 6, TUI_ROLE_MUTED, "A few questions, and you are set. One day at a time.");
    draw_center(t->rows - 3, TUI_ROLE_MUTED, "Enter to begin · q to quit");
}

static void draw_choice(struct tui *t, int y, bool on, const char *word, const char *about)
{
    if (on)
        draw_text(y, 2, 1, TUI_ROLE_ACCENT, tui_glyphs(t)->pointer);
    draw_text(y, 4, 3, on ? TUI_ROLE_TITLE : TUI_ROLE_NORMAL, on ? "(•)" : "( )");
    draw_text(y, 8, 22, on ? TUI_ROLE_TITLE : TUI_ROLE_NORMAL, word);
    draw_text(y, 30, t->cols - 32, TUI_ROLE_MUTED, about);
}

static void draw_date(struct tui *t)
{
    int y = 3;
    draw_frame(t, "Enter next   ↑/↓ choose what the date means   Esc back");
    draw_heading(y, "Your clean date",
                 "Written year-month-day. Today is filled in; change it if your date is earlier.");
    draw_text(y + 3, 2, 12, TUI_ROLE_ACCENT, "Date");
    tui_field_draw(t, &wizard.date, y + 3, 16, 12, true);
    draw_text(y + 3, 30, -1, TUI_ROLE_MUTED, "YYYY-MM-DD");
    draw_text(y + 6, 2, -1, TUI_ROLE_TITLE, "This date is");
    bool first = wizard.date_is == MILESTONE_FIRST_CLEAN_DAY;
    draw_choice(t, y + 8, first, "my first clean day", "the first whole day without using");
    draw_choice(t, y + 9, !first, "my last day of use",
                "I used that day; the count starts the next");
    draw_error(t, y + 12);
}

static void draw_program(struct tui *t)
{
    int y = 3;
    draw_frame(t, "Enter next   ↑/↓ choose   Esc back");
    draw_heading(y, "Your programme",
                 "It sets your steps and your milestones. Settings can change it later.");
    for (size_t i = 0; i < app_program_count(); i++) {
        const char *id = app_program_id(i);
        char word[32];
        snprintf(word, sizeof word, "%d  %s", (int)i + 1, id);
        draw_choice(t, y + 3 + (int)i, i == wizard.program, word, app_program_name(id));
    }
    draw_error(t, y + 10);
}

static void draw_tracker(struct tui *t)
{
    int y = 3;
    draw_frame(t, "Enter next   Esc back");
    draw_heading(y, "What you are staying away from",
                 "A word or two, like \"cocaine\", \"alcohol\" or \"gambling\". Or keep \"clean "
                 "time\".");
    draw_text(y + 3, 2, 12, TUI_ROLE_ACCENT, "Name");
    tui_field_draw(t, &wizard.tracker, y + 3, 16, t->cols - 18, true);
    draw_text(y + 5, 2, -1, TUI_ROLE_MUTED, "More trackers can be added later, in Settings.");
    draw_error(t, y + 7);
}

static void draw_passphrase(struct tui *t)
{
    int y = 3;
    draw_frame(t, "Enter next   Tab the other field   Esc back");
    draw_heading(y, "A passphrase",
                 "It opens your store. Nobody can reset it, so choose one you will remember.");
    draw_text(y + 2, 2, t->cols - 4, TUI_ROLE_MUTED,
              "A few words together are strong and easy to remember.");
    static const char *const labels[] = {"Passphrase", "Once more"};
    for (int i = 0; i < 2; i++) {
        int row = y + 4 + i * 3;
        bool focused = wizard.focus == i;
        draw_text(row, 2, 12, focused ? TUI_ROLE_ACCENT : TUI_ROLE_MUTED, labels[i]);
        if (wizard.pass[i] != NULL)
            tui_field_draw(t, wizard.pass[i], row, 16, 24, focused);
    }
    /* How strong it is, as it is typed; nothing is kept. */
    if (wizard.pass[0] != NULL)
        draw_text(y + 5, 16, -1, TUI_ROLE_MUTED,
                  app_passphrase_hint(wizard.pass[0]->text, wizard.pass[0]->len));
    draw_error(t, y + 10);
}

static void draw_code(struct tui *t)
{
    int y = 4;
    draw_frame(t, "y  I have written it down");
    draw_center(y, TUI_ROLE_TITLE, "Your recovery code");
    widget_draw_code(t, wizard.code, y + 2);
    draw_center(y + 6, TUI_ROLE_NORMAL, "Write it down and keep it somewhere safe. It is the");
    draw_center(y + 7, TUI_ROLE_NORMAL, "only way back in if you forget the passphrase.");
    draw_center(y + 8, TUI_ROLE_MUTED, "It is shown only now.");
    draw_center(y + 11, TUI_ROLE_ACCENT, "Have you written it down? y / n");
    if (wizard.not_yet)
        draw_center(y + 13, TUI_ROLE_NORMAL, "Take your time. It stays here until you press y.");
}

void tui_wizard_draw(struct tui *t)
{
    if (wizard.creating) {
        draw_center(t->rows / 2, TUI_ROLE_NORMAL, "Creating your store…");
        return;
    }
    switch (wizard.page) {
    case PAGE_WELCOME:
        draw_welcome(t);
        break;
    case PAGE_DATE:
        draw_date(t);
        break;
    case PAGE_PROGRAM:
        draw_program(t);
        break;
    case PAGE_TRACKER:
        draw_tracker(t);
        break;
    case PAGE_PASSPHRASE:
        draw_passphrase(t);
        break;
    case PAGE_CODE:
        draw_code(t);
        break;
    default:
        break;
    }
}
