/*
 * test_tui_settings: the Help now screen, the Settings screen and the first-run set-up,
 * driven by keys without a terminal.
 *
 * Help now: contacts added (with a role, a phone and a note), edited, removed only after a
 * yes, a blank name refused, the list grouped by role. Settings: the programme, day boundary
 * and idle lock change through the app (and the idle lock at once in the loop), what a
 * tracker's date means, trackers added, renamed and archived (after a yes), a ladder's rungs
 * added, removed and reset, the demo refusing what would need a passphrase or a file; on a
 * real store in a temporary folder, the passphrase changed (only with the current one, only
 * when the new one is typed the same twice), a new recovery code (the old one stops opening
 * the store), and the export written 0600, never over a file. Set-up: the welcome quits on q,
 * Esc goes back a page, a clean date after today is refused, differing passphrases are
 * cleared, and the whole way through creates the store with the answers given, the recovery
 * code page staying until y.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "odaat/app.h"
#include "odaat/date.h"
#include "odaat/store.h"
#include "odaat/vault.h"
#include "tui_fixture.h"
#include "tui_internal.h"

#define TODAY    TUI_FIXTURE_TODAY
#define OLD_PASS "correct horse battery staple"

/* ---- Fixtures ------------------------------------------------------------------------------ */

/* Secure memory needs libsodium started, as odaat starts it before anything else. */
static int group_setup(void **state)
{
    (void)state;
    return crypto_init() == ODAAT_OK ? 0 : -1;
}

struct fixture {
    struct tui t;
    char work[512]; /* a temporary folder ("" for the demo) */
    char dir[600];  /* the store's folder in it */
    char recovery[CRYPTO_RECOVERY_TEXT_SIZE];
};

/* The loop's state over app, with the idle lock the loop reads from the store (5 minutes
 * unless set). */
static void tui_new(struct tui *t, struct app *app)
{
    tui_fixture_init(t, app);
    t->idle_lock_minutes = 5;
}

static int demo_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct app *app = NULL;
    if (f == NULL || app_demo_open(TODAY, &app) != ODAAT_OK)
        return -1;
    tui_new(&f->t, app);
    f->t.demo = true;
    *state = f;
    return 0;
}

/* Makes a temporary folder; the store goes in its "store" folder. */
static void make_work(struct fixture *f)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(f->work, sizeof f->work, "%s/odaat-test-tui-settings-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(f->work));
    snprintf(f->dir, sizeof f->dir, "%s/store", f->work);
}

/* A real store (sealed at the test KDF cost) with one tracker. */
static int store_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    make_work(f);
    struct app_setup setup = {.tracker = "cocaine",
                              .clean_date = "2025-10-07",
                              .date_is = MILESTONE_FIRST_CLEAN_DAY,
                              .program = "ca",
                              .kdf = CRYPTO_KDF_TEST_MINIMUM};
    struct app *app = NULL;
    if (app_create(f->dir, OLD_PASS, strlen(OLD_PASS), &setup, TODAY, f->recovery, &app) !=
        ODAAT_OK)
        return -1;
    tui_new(&f->t, app);
    f->t.data_dir = f->dir;
    *state = f;
    return 0;
}

/* No store yet: set-up. */
static int wizard_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    make_work(f);
    tui_new(&f->t, NULL);
    f->t.data_dir = f->dir;
    tui_wizard_begin(&f->t);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    tui_fixture_close(&f->t);
    tui_wizard_end();
    if (f->work[0] != '\0') {
        char cmd[700];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->work);
        if (system(cmd) != 0)
            return -1;
    }
    crypto_wipe(f->recovery, sizeof f->recovery);
    free(f);
    return 0;
}

/* ---- Driving a screen as the loop does ---------------------------------------------------- */

/* Hands key to screen id; after a change, every screen reloads (as the loop does after it
 * saved), and slow work a key left pending runs as the loop runs it after a frame. */
static unsigned press(struct tui *t, enum tui_screen_id id, struct tui_key key)
{
    void *state = tui_fixture_state(t, id);
    t->message[0] = '\0';
    t->message_error = false;
    unsigned flags = tui_screens[id]->key(t, state, key);
    while (t->pending != NULL) {
        unsigned (*work)(struct tui *) = t->pending;
        t->pending = NULL;
        flags |= work(t);
    }
    if (flags & TUI_CHANGED)
        tui_invalidate(t);
    return flags;
}

static unsigned press_char(struct tui *t, enum tui_screen_id id, char c)
{
    return press(t, id, tui_char((uint32_t)c));
}

static unsigned press_code(struct tui *t, enum tui_screen_id id, enum tui_keycode code)
{
    return press(t, id, tui_code(code));
}

static void type(struct tui *t, enum tui_screen_id id, const char *text)
{
    for (const char *p = text; *p != '\0'; p++)
        press_char(t, id, *p);
}

/* Clears the field under the cursor (its cursor is at the end) and types text. */
static void retype(struct tui *t, enum tui_screen_id id, const char *text)
{
    press(t, id, tui_ctrl('u'));
    type(t, id, text);
}

/* The bindings the screen shows now: its mode's, or NULL for its own table. */
static const struct tui_binding *mode_keys(struct tui *t, enum tui_screen_id id)
{
    size_t n = 0;
    return tui_fixture_mode_bindings(t, id, &n);
}

static bool shows_key(struct tui *t, enum tui_screen_id id, const char *help)
{
    size_t n = 0;
    const struct tui_binding *b = tui_fixture_mode_bindings(t, id, &n);
    for (size_t i = 0; b != NULL && i < n; i++) {
        if (strcmp(b[i].help, help) == 0)
            return true;
    }
    return false;
}

static unsigned wizard(struct tui *t, struct tui_key key)
{
    unsigned flags = tui_wizard_key(t, key);
    while (t->pending != NULL) {
        unsigned (*work)(struct tui *) = t->pending;
        t->pending = NULL;
        flags |= work(t);
    }
    return flags;
}

static void wizard_type(struct tui *t, const char *text)
{
    for (const char *p = text; *p != '\0'; p++)
        wizard(t, tui_char((uint32_t)*p));
}

static void wizard_retype(struct tui *t, const char *text)
{
    wizard(t, tui_ctrl('u'));
    wizard_type(t, text);
}

/* ---- Records ---------------------------------------------------------------------------- */

static size_t contact_count(struct app *app)
{
    struct contact *list = NULL;
    size_t n = 0;
    assert_int_equal(app_contact_list(app, &list, &n), ODAAT_OK);
    store_contact_list_free(list, n);
    return n;
}

/* Copies contact name's fields; returns false when there is none. */
static bool contact_find(struct app *app, const char *name, struct contact *out)
{
    struct contact *list = NULL;
    size_t n = 0;
    bool found = false;
    assert_int_equal(app_contact_list(app, &list, &n), ODAAT_OK);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i].name, name) == 0) {
            *out = list[i];
            out->name = strdup(list[i].name);
            out->phone = list[i].phone ? strdup(list[i].phone) : NULL;
            out->note = list[i].note ? strdup(list[i].note) : NULL;
            found = true;
        }
    }
    store_contact_list_free(list, n);
    return found;
}

static void contact_done(struct contact *c)
{
    free(c->name);
    free(c->phone);
    free(c->note);
}

static void assert_setting(struct app *app, const char *key, const char *want)
{
    char *value = NULL;
    assert_int_equal(app_setting_get(app, key, &value), ODAAT_OK);
    assert_non_null(value);
    assert_string_equal(value, want);
    free(value);
}

/* Copies tracker name (archived or not); returns false when there is none. */
static bool tracker_find(struct app *app, const char *name, struct tracker *out)
{
    struct tracker *list = NULL;
    size_t n = 0;
    bool found = false;
    assert_int_equal(app_tracker_list(app, &list, &n), ODAAT_OK);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i].name, name) == 0) {
            *out = list[i];
            out->name = NULL;
            found = true;
        }
    }
    store_tracker_list_free(list, n);
    return found;
}

static struct app_ladder ladder_of(struct app *app, const char *name)
{
    struct tracker tr;
    struct app_ladder l;
    assert_true(tracker_find(app, name, &tr));
    assert_int_equal(app_ladder_get(app, &tr, &l), ODAAT_OK);
    return l;
}

/* ---- Help now ------------------------------------------------------------------------------ */

#define HN TUI_SCREEN_HELPNOW

static void test_helpnow_adds_a_contact_with_role_phone_and_note(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    assert_int_equal(contact_count(t->app), 3);
    assert_int_equal(press_char(t, HN, 'a') & TUI_CHANGED, 0);
    assert_true(tui_fixture_typing(t, HN));
    type(t, HN, "Nadia");
    press_code(t, HN, TUI_KEY_TAB);
    press_code(t, HN, TUI_KEY_RIGHT); /* sponsor -> friend */
    press_code(t, HN, TUI_KEY_TAB);
    type(t, HN, "07700 900789");
    press_code(t, HN, TUI_KEY_TAB);
    type(t, HN, "From work. Knows.");
    assert_true(press_code(t, HN, TUI_KEY_ENTER) & TUI_CHANGED);
    assert_false(tui_fixture_typing(t, HN));
    assert_int_equal(contact_count(t->app), 4);
    struct contact c;
    assert_true(contact_find(t->app, "Nadia", &c));
    assert_int_equal(c.role, CONTACT_FRIEND);
    assert_string_equal(c.phone, "07700 900789");
    assert_string_equal(c.note, "From work. Knows.");
    contact_done(&c);
}

static void test_helpnow_refuses_a_blank_name_and_keeps_the_form(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    press_char(t, HN, 'a');
    type(t, HN, "   ");
    assert_int_equal(press(t, HN, tui_ctrl('s')) & TUI_CHANGED, 0);
    assert_true(t->message_error);
    assert_true(tui_fixture_typing(t, HN));
    assert_int_equal(contact_count(t->app), 3);
    /* Esc leaves without adding anything. */
    assert_int_equal(press_code(t, HN, TUI_KEY_ESC) & TUI_CHANGED, 0);
    assert_false(tui_fixture_typing(t, HN));
    assert_int_equal(contact_count(t->app), 3);
}

static void test_helpnow_form_takes_q_and_digits_as_text(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    press_char(t, HN, 'a');
    assert_false(press_char(t, HN, 'q') & (TUI_QUIT | TUI_UNHANDLED));
    assert_false(press_char(t, HN, '2') & TUI_UNHANDLED);
    press(t, HN, tui_ctrl('s'));
    struct contact c;
    assert_true(contact_find(t->app, "q2", &c));
    contact_done(&c);
}

static void test_helpnow_edits_the_selected_contact(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    struct contact before;
    assert_true(contact_find(t->app, "Sam", &before));
    /* The sponsor comes first; e opens the form filled in. */
    press_char(t, HN, 'e');
    assert_true(tui_fixture_typing(t, HN));
    retype(t, HN, "Samuel");
    assert_true(press(t, HN, tui_ctrl('s')) & TUI_CHANGED);
    struct contact after;
    assert_false(contact_find(t->app, "Sam", &after));
    assert_true(contact_find(t->app, "Samuel", &after));
    assert_int_equal(after.meta.id, before.meta.id);
    assert_int_equal(after.role, CONTACT_SPONSOR);
    assert_string_equal(after.phone, before.phone);
    assert_string_equal(after.note, before.note);
    assert_int_equal(contact_count(t->app), 3);
    contact_done(&before);
    contact_done(&after);
}

static void test_helpnow_removes_only_after_yes(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    /* Grouped by role: sponsor, friend, helpline; j moves to the friend. */
    press_char(t, HN, 'j');
    assert_int_equal(press_char(t, HN, 'd') & TUI_CHANGED, 0);
    assert_non_null(mode_keys(t, HN));
    assert_int_equal(press_char(t, HN, 'n') & TUI_CHANGED, 0);
    assert_int_equal(contact_count(t->app), 3);
    press_char(t, HN, 'd');
    assert_true(press_char(t, HN, 'y') & TUI_CHANGED);
    assert_int_equal(contact_count(t->app), 2);
    struct contact c;
    assert_false(contact_find(t->app, "Élodie", &c));
    assert_true(contact_find(t->app, "Sam", &c));
    contact_done(&c);
}

static void test_helpnow_moves_to_the_last_and_empties_kindly(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    press_char(t, HN, 'G');
    press_char(t, HN, 'd');
    press_char(t, HN, 'y');
    struct contact c;
    assert_false(contact_find(t->app, "CA helpline", &c));
    for (int i = 0; i < 2; i++) {
        press_char(t, HN, 'd');
        assert_true(press_char(t, HN, 'y') & TUI_CHANGED);
    }
    assert_int_equal(contact_count(t->app), 0);
    /* With nobody stored, e and d do nothing and a still adds. */
    assert_int_equal(press_char(t, HN, 'e'), TUI_REDRAW);
    assert_int_equal(press_char(t, HN, 'd'), TUI_REDRAW);
    assert_false(tui_fixture_typing(t, HN));
    press_char(t, HN, 'a');
    type(t, HN, "Helpline");
    assert_true(press(t, HN, tui_ctrl('s')) & TUI_CHANGED);
    assert_int_equal(contact_count(t->app), 1);
}

static void test_helpnow_request_opens_the_add_form(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    tui_request(t, HN, TUI_REQUEST_ADD);
    assert_int_equal(t->current, HN);
    assert_true(tui_fixture_typing(t, HN));
}

/* ---- Settings: the list --------------------------------------------------------------------- */

#define ST TUI_SCREEN_SETTINGS

/* The rows over the demo: programme, day boundary, idle lock, trackers, then the date meaning
 * of alcohol and cocaine, their ladders, passphrase, recovery code, export. */
enum {
    ROW_PROGRAM,
    ROW_BOUNDARY,
    ROW_IDLE,
    ROW_TRACKERS,
    ROW_DATE_ALCOHOL,
    ROW_DATE_COCAINE,
    ROW_LADDER_ALCOHOL,
    ROW_LADDER_COCAINE
};

static void go_row(struct tui *t, int row)
{
    press_char(t, ST, 'g');
    for (int i = 0; i < row; i++)
        press_char(t, ST, 'j');
}

static void test_settings_programme_cycles_and_persists(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    assert_setting(t->app, "program", "ca");
    assert_true(press_code(t, ST, TUI_KEY_RIGHT) & TUI_CHANGED);
    assert_setting(t->app, "program", "aa");
    assert_non_null(strstr(t->message, "Alcoholics Anonymous"));
    press_code(t, ST, TUI_KEY_LEFT);
    assert_true(press_code(t, ST, TUI_KEY_LEFT) & TUI_CHANGED);
    assert_setting(t->app, "program", "other");
    assert_true(press_code(t, ST, TUI_KEY_ENTER) & TUI_CHANGED);
    assert_setting(t->app, "program", "ca");
}

/* Settings and set-up offer the app's programmes, in its order, by the names people know. */
static void test_the_programmes_come_from_the_app(void **state)
{
    (void)state;
    static const char *const ids[] = {"ca", "aa", "na", "smart", "other"};
    assert_int_equal(app_program_count(), 5);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(app_program_id(i), ids[i]);
    assert_null(app_program_id(5));
    assert_string_equal(app_program_name("ca"), "Cocaine Anonymous");
    assert_string_equal(app_program_name("smart"), "SMART Recovery");
    assert_null(app_program_name("xx"));
    assert_null(app_program_name(NULL));
}

static void test_settings_day_boundary_steps_within_its_range(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    go_row(t, ROW_BOUNDARY);
    assert_int_equal(press_code(t, ST, TUI_KEY_LEFT) & TUI_CHANGED, 0);
    assert_setting(t->app, "day_boundary_hour", "0");
    press_code(t, ST, TUI_KEY_RIGHT);
    assert_true(press_code(t, ST, TUI_KEY_RIGHT) & TUI_CHANGED);
    assert_setting(t->app, "day_boundary_hour", "2");
    for (int i = 0; i < 20; i++)
        press_code(t, ST, TUI_KEY_RIGHT);
    assert_setting(t->app, "day_boundary_hour", "12");
}

static void test_settings_idle_lock_changes_the_loop_at_once(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    go_row(t, ROW_IDLE);
    assert_true(press_code(t, ST, TUI_KEY_LEFT) & TUI_CHANGED);
    assert_setting(t->app, "idle_lock_minutes", "4");
    assert_int_equal(t->idle_lock_minutes, 4);
    for (int i = 0; i < 10; i++)
        press_code(t, ST, TUI_KEY_LEFT);
    /* The app keeps at least a minute. */
    assert_setting(t->app, "idle_lock_minutes", "1");
    assert_int_equal(t->idle_lock_minutes, 1);
    press_code(t, ST, TUI_KEY_RIGHT);
    assert_setting(t->app, "idle_lock_minutes", "2");
    assert_int_equal(t->idle_lock_minutes, 2);
}

static void test_settings_date_meaning_moves_the_first_clean_day(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    struct app_tracker_view before, after;
    assert_int_equal(app_tracker_view_get(t->app, "alcohol", &before), ODAAT_OK);
    go_row(t, ROW_DATE_ALCOHOL);
    assert_true(press_code(t, ST, TUI_KEY_RIGHT) & TUI_CHANGED);
    assert_int_equal(app_tracker_view_get(t->app, "alcohol", &after), ODAAT_OK);
    assert_int_equal(after.tracker.date_is, MILESTONE_LAST_USE_DAY);
    assert_int_equal(after.first_clean_day, before.first_clean_day + 1);
    app_tracker_view_free(&after);
    assert_true(press_code(t, ST, TUI_KEY_ENTER) & TUI_CHANGED);
    assert_int_equal(app_tracker_view_get(t->app, "alcohol", &after), ODAAT_OK);
    assert_int_equal(after.tracker.date_is, MILESTONE_FIRST_CLEAN_DAY);
    assert_int_equal(after.first_clean_day, before.first_clean_day);
    app_tracker_view_free(&after);
    app_tracker_view_free(&before);
}

static void test_settings_demo_refuses_passphrase_recovery_and_export(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    press_char(t, ST, 'G');
    assert_int_equal(press_code(t, ST, TUI_KEY_ENTER) & TUI_CHANGED, 0);
    assert_non_null(strstr(t->message, "the demo writes no files"));
    assert_false(tui_fixture_typing(t, ST));
    press_char(t, ST, 'k');
    press_code(t, ST, TUI_KEY_ENTER);
    assert_non_null(strstr(t->message, "ot in the demo"));
    assert_false(tui_fixture_typing(t, ST));
    press_char(t, ST, 'k');
    press_code(t, ST, TUI_KEY_ENTER);
    assert_non_null(strstr(t->message, "ot in the demo"));
    assert_false(tui_fixture_typing(t, ST));
}

/* ---- Settings: trackers and ladders -------------------------------------------------------- */

static void open_trackers(struct tui *t)
{
    go_row(t, ROW_TRACKERS);
    press_code(t, ST, TUI_KEY_ENTER);
    assert_true(shows_key(t, ST, "add a tracker"));
}

static void test_settings_adds_a_tracker_with_its_date_meaning_and_ladder(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    open_trackers(t);
    press_char(t, ST, 'a');
    assert_true(tui_fixture_typing(t, ST));
    type(t, ST, "gambling");
    press_code(t, ST, TUI_KEY_TAB);
    retype(t, ST, "2026-11-01");
    press_code(t, ST, TUI_KEY_TAB);
    press_code(t, ST, TUI_KEY_RIGHT); /* last day of use */
    press_code(t, ST, TUI_KEY_TAB);
    press_code(t, ST, TUI_KEY_RIGHT); /* the programme's CA, then AA */
    assert_true(press_code(t, ST, TUI_KEY_ENTER) & TUI_CHANGED);
    assert_true(shows_key(t, ST, "add a tracker"));
    struct app_tracker_view v;
    assert_int_equal(app_tracker_view_get(t->app, "gambling", &v), ODAAT_OK);
    assert_int_equal(v.tracker.date_is, MILESTONE_LAST_USE_DAY);
    assert_string_equal(v.tracker.preset, "aa");
    char first[DATE_ISO_SIZE];
    assert_string_equal(date_format(v.first_clean_day, first), "2026-11-02");
    app_tracker_view_free(&v);
}

static void test_settings_refuses_a_tracker_dated_after_today(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    open_trackers(t);
    press_char(t, ST, 'a');
    type(t, ST, "gambling");
    press_code(t, ST, TUI_KEY_TAB);
    retype(t, ST, "2026-11-24");
    assert_int_equal(press(t, ST, tui_ctrl('s')) & TUI_CHANGED, 0);
    assert_true(t->message_error);
    assert_true(tui_fixture_typing(t, ST));
    struct tracker tr;
    assert_false(tracker_find(t->app, "gambling", &tr));
}

static void test_settings_renames_and_archives_a_tracker(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    open_trackers(t);
    press_char(t, ST, 'r');
    retype(t, ST, "drinking");
    assert_true(press_code(t, ST, TUI_KEY_ENTER) & TUI_CHANGED);
    struct tracker tr;
    assert_false(tracker_find(t->app, "alcohol", &tr));
    assert_true(tracker_find(t->app, "drinking", &tr));
    assert_false(tr.archived);
    /* The cursor stays on the renamed tracker, now after cocaine. Archiving asks first. */
    press_char(t, ST, 'k');
    press_char(t, ST, 'd');
    assert_int_equal(press_char(t, ST, 'n') & TUI_CHANGED, 0);
    assert_true(tracker_find(t->app, "cocaine", &tr));
    assert_false(tr.archived);
    press_char(t, ST, 'd');
    assert_true(press_char(t, ST, 'y') & TUI_CHANGED);
    assert_true(tracker_find(t->app, "cocaine", &tr));
    assert_true(tr.archived);
    /* Esc goes back to the list, which no longer offers the archived tracker's rows. */
    press_code(t, ST, TUI_KEY_ESC);
    assert_null(mode_keys(t, ST));
}

static void open_ladder(struct tui *t)
{
    go_row(t, ROW_LADDER_ALCOHOL);
    press_code(t, ST, TUI_KEY_ENTER);
    assert_true(shows_key(t, ST, "add a rung"));
}

static bool ladder_has(const struct app_ladder *l, enum milestone_unit unit, int count,
                       const char *label)
{
    for (size_t i = 0; i < l->count; i++) {
        if (l->rungs[i].unit == unit && l->rungs[i].count == count &&
            (label == NULL || strcmp(l->rungs[i].label, label) == 0))
            return true;
    }
    return false;
}

static void test_settings_adds_a_rung_to_a_ladder(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    struct app_ladder before = ladder_of(t->app, "alcohol");
    assert_false(before.custom);
    open_ladder(t);
    press_char(t, ST, 'a');
    type(t, ST, "45");
    press_code(t, ST, TUI_KEY_TAB);
    press_code(t, ST, TUI_KEY_TAB); /* days, as it is */
    type(t, ST, "Forty-five");
    assert_true(press_code(t, ST, TUI_KEY_ENTER) & TUI_CHANGED);
    struct app_ladder after = ladder_of(t->app, "alcohol");
    assert_true(after.custom);
    assert_int_equal(after.count, before.count + 1);
    assert_true(ladder_has(&after, MILESTONE_DAYS, 45, "Forty-five"));
    /* A count that is not a whole number is refused, and nothing changes. */
    press_char(t, ST, 'a');
    type(t, ST, "4x");
    assert_int_equal(press(t, ST, tui_ctrl('s')) & TUI_CHANGED, 0);
    assert_true(t->message_error);
    struct app_ladder again = ladder_of(t->app, "alcohol");
    assert_int_equal(again.count, after.count);
}

static void test_settings_removes_a_rung_and_resets_the_ladder(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    struct app_ladder preset = ladder_of(t->app, "alcohol");
    open_ladder(t);
    press_char(t, ST, 'd');
    assert_int_equal(press_char(t, ST, 'n') & TUI_CHANGED, 0);
    press_char(t, ST, 'd');
    assert_true(press_char(t, ST, 'y') & TUI_CHANGED);
    struct app_ladder removed = ladder_of(t->app, "alcohol");
    assert_true(removed.custom);
    assert_int_equal(removed.count, preset.count - 1);
    assert_false(ladder_has(&removed, preset.rungs[0].unit, preset.rungs[0].count, NULL));
    press_char(t, ST, 'r');
    assert_true(press_char(t, ST, 'y') & TUI_CHANGED);
    struct app_ladder reset = ladder_of(t->app, "alcohol");
    assert_false(reset.custom);
    assert_int_equal(reset.count, preset.count);
}

/* ---- Settings on a real store: passphrase, recovery code, export ----------------------------- */

/* The rows over the store: programme, day boundary, idle lock, trackers, date meaning,
 * ladder, passphrase, recovery code, export. */
enum { STORE_ROW_PASSPHRASE = 6, STORE_ROW_RECOVERY, STORE_ROW_EXPORT };

/* Closes the fixture's store and tries to open it with secret. */
static enum odaat_err reopen(struct fixture *f, enum vault_secret_kind kind, const char *text)
{
    for (int i = 0; i < TUI_SCREEN_COUNT; i++) {
        if (f->t.states[i] != NULL)
            tui_screens[i]->unload(f->t.states[i]);
    }
    app_close(f->t.app);
    f->t.app = NULL;
    struct vault_secret secret = {kind, text, strlen(text)};
    enum odaat_err err = app_open(f->dir, &secret, TODAY, &f->t.app);
    tui_invalidate(&f->t);
    return err;
}

static void test_passphrase_change_needs_the_current_one(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    go_row(t, STORE_ROW_PASSPHRASE);
    press_code(t, ST, TUI_KEY_ENTER);
    assert_true(tui_fixture_typing(t, ST));
    type(t, ST, "not it");
    press_code(t, ST, TUI_KEY_ENTER);
    type(t, ST, "a new passphrase");
    press_code(t, ST, TUI_KEY_ENTER);
    type(t, ST, "a new passphrase");
    press_code(t, ST, TUI_KEY_ENTER);
    assert_true(t->message_error);
    assert_non_null(strstr(t->message, "not the current passphrase"));
    assert_true(tui_fixture_typing(t, ST)); /* still in the form */
    press_code(t, ST, TUI_KEY_ESC);
    assert_false(tui_fixture_typing(t, ST));
    assert_int_equal(reopen(f, VAULT_PASSPHRASE, "a new passphrase"), ODAAT_ERR_WRONG_PASSPHRASE);
    assert_int_equal(reopen(f, VAULT_PASSPHRASE, OLD_PASS), ODAAT_OK);
}

static void test_passphrase_change_clears_differing_new_ones_then_changes(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    go_row(t, STORE_ROW_PASSPHRASE);
    press_code(t, ST, TUI_KEY_ENTER);
    type(t, ST, OLD_PASS);
    press_code(t, ST, TUI_KEY_ENTER);
    type(t, ST, "a new passphrase");
    press_code(t, ST, TUI_KEY_ENTER);
    type(t, ST, "a new passphrasE");
    press_code(t, ST, TUI_KEY_ENTER);
    assert_null(t->pending);
    assert_true(t->message_error);
    assert_non_null(strstr(t->message, "differ"));
    /* Both new fields were cleared and the cursor is back in the first of them: typing the
     * pair again (the current one is kept) changes it. */
    type(t, ST, "a new passphrase");
    press_code(t, ST, TUI_KEY_ENTER);
    type(t, ST, "a new passphrase");
    press_code(t, ST, TUI_KEY_ENTER);
    assert_false(t->message_error);
    assert_non_null(strstr(t->message, "passphrase is changed"));
    assert_false(tui_fixture_typing(t, ST));
    assert_int_equal(reopen(f, VAULT_PASSPHRASE, OLD_PASS), ODAAT_ERR_WRONG_PASSPHRASE);
    assert_int_equal(reopen(f, VAULT_PASSPHRASE, "a new passphrase"), ODAAT_OK);
    assert_int_equal(reopen(f, VAULT_RECOVERY_CODE, f->recovery), ODAAT_OK);
}

static void test_new_recovery_code_shows_until_yes_and_retires_the_old(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    go_row(t, STORE_ROW_RECOVERY);
    press_code(t, ST, TUI_KEY_ENTER);
    type(t, ST, "wrong");
    press_code(t, ST, TUI_KEY_ENTER);
    assert_true(t->message_error);
    assert_false(shows_key(t, ST, "I have written it down"));
    type(t, ST, OLD_PASS);
    press_code(t, ST, TUI_KEY_ENTER);
    assert_false(t->message_error);
    assert_true(shows_key(t, ST, "I have written it down"));
    /* n, q and Esc keep it showing; only y leaves. */
    press_char(t, ST, 'n');
    assert_false(press_char(t, ST, 'q') & (TUI_QUIT | TUI_UNHANDLED));
    press_code(t, ST, TUI_KEY_ESC);
    assert_true(shows_key(t, ST, "I have written it down"));
    press_char(t, ST, 'y');
    assert_null(mode_keys(t, ST));
    assert_int_equal(reopen(f, VAULT_RECOVERY_CODE, f->recovery), ODAAT_ERR_WRONG_RECOVERY_CODE);
    assert_int_equal(reopen(f, VAULT_PASSPHRASE, OLD_PASS), ODAAT_OK);
}

static void test_export_writes_a_private_file_and_never_overwrites(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    char path[700], cwd[1024];
    snprintf(path, sizeof path, "%s/mine.json", f->work);
    go_row(t, STORE_ROW_EXPORT);
    press_code(t, ST, TUI_KEY_ENTER);
    assert_true(tui_fixture_typing(t, ST));
    retype(t, ST, path);
    press_code(t, ST, TUI_KEY_ENTER);
    /* The question: n writes nothing. */
    assert_true(shows_key(t, ST, "yes"));
    press_char(t, ST, 'n');
    assert_int_equal(access(path, F_OK), -1);
    press_code(t, ST, TUI_KEY_ENTER);
    press_char(t, ST, 'y');
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_true(st.st_size > 100);
    assert_false(tui_fixture_typing(t, ST));
    /* Again to the same name: refused, the file as it was. */
    press_code(t, ST, TUI_KEY_ENTER);
    retype(t, ST, path);
    press_code(t, ST, TUI_KEY_ENTER);
    press_char(t, ST, 'y');
    assert_true(t->message_error);
    assert_non_null(strstr(t->message, "already a file"));
    struct stat again;
    assert_int_equal(stat(path, &again), 0);
    assert_int_equal(again.st_size, st.st_size);
    assert_int_equal(again.st_ino, st.st_ino);
    /* The name offered is odaat-export-DATE.json, in the current folder. */
    press_code(t, ST, TUI_KEY_ESC);
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(f->work), 0);
    press_code(t, ST, TUI_KEY_ENTER);
    press_code(t, ST, TUI_KEY_ENTER);
    press_char(t, ST, 'y');
    assert_int_equal(access("odaat-export-" TODAY ".json", F_OK), 0);
    assert_int_equal(chdir(cwd), 0);
}

/* ---- Set-up ------------------------------------------------------------------------------- */

static void test_wizard_welcome_quits_on_q_and_begins_on_enter(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    assert_false(tui_wizard_typing());
    assert_int_equal(wizard(t, tui_char('q')), TUI_QUIT);
    wizard(t, tui_code(TUI_KEY_ENTER));
    assert_true(tui_wizard_typing()); /* the clean date */
    /* Now q is text in the date field, not a way out. */
    assert_false(wizard(t, tui_char('q')) & TUI_QUIT);
}

static void test_wizard_esc_goes_back_a_page(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    wizard(t, tui_code(TUI_KEY_ENTER)); /* date */
    wizard(t, tui_code(TUI_KEY_ENTER)); /* programme */
    assert_false(tui_wizard_typing());
    wizard(t, tui_code(TUI_KEY_ESC)); /* date */
    assert_true(tui_wizard_typing());
    wizard(t, tui_code(TUI_KEY_ESC)); /* welcome */
    assert_false(tui_wizard_typing());
    assert_int_equal(wizard(t, tui_char('q')), TUI_QUIT);
}

static void test_wizard_refuses_a_clean_date_after_today(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    wizard(t, tui_code(TUI_KEY_ENTER));
    wizard_retype(t, "2026-11-24");
    wizard(t, tui_code(TUI_KEY_ENTER));
    /* Still on the date: Esc goes to the welcome, where q quits. */
    wizard(t, tui_code(TUI_KEY_ESC));
    assert_int_equal(wizard(t, tui_char('q')), TUI_QUIT);
    /* Today as the last day of use would start the count tomorrow: refused too. */
    wizard(t, tui_code(TUI_KEY_ENTER));
    wizard_retype(t, TODAY);
    wizard(t, tui_code(TUI_KEY_DOWN));
    wizard(t, tui_code(TUI_KEY_ENTER));
    assert_true(tui_wizard_typing());
    wizard(t, tui_code(TUI_KEY_ESC));
    assert_int_equal(wizard(t, tui_char('q')), TUI_QUIT);
    /* And a day the calendar does not have. */
    wizard(t, tui_code(TUI_KEY_ENTER));
    wizard(t, tui_code(TUI_KEY_UP));
    wizard_retype(t, "2026-02-30");
    wizard(t, tui_code(TUI_KEY_ENTER));
    wizard(t, tui_code(TUI_KEY_ESC));
    assert_int_equal(wizard(t, tui_char('q')), TUI_QUIT);
}

/* From the welcome to the passphrase page with a clean date, a programme and a tracker. */
static void wizard_to_passphrase(struct tui *t)
{
    wizard(t, tui_code(TUI_KEY_ENTER));
    wizard_retype(t, "2025-10-07");
    wizard(t, tui_code(TUI_KEY_DOWN)); /* my last day of use */
    wizard(t, tui_code(TUI_KEY_ENTER));
    wizard(t, tui_char('j'));
    wizard(t, tui_char('j')); /* na */
    wizard(t, tui_code(TUI_KEY_ENTER));
    wizard_retype(t, "cocaine");
    wizard(t, tui_code(TUI_KEY_ENTER));
}

static void test_wizard_refuses_a_blank_tracker_name(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    wizard(t, tui_code(TUI_KEY_ENTER));
    wizard(t, tui_code(TUI_KEY_ENTER));
    wizard(t, tui_code(TUI_KEY_ENTER));
    wizard(t, tui_ctrl('u'));
    wizard(t, tui_code(TUI_KEY_ENTER));
    /* Still on the tracker page: Esc leads to the programme, not the tracker. */
    wizard(t, tui_code(TUI_KEY_ESC));
    assert_false(tui_wizard_typing());
}

static void test_wizard_clears_differing_passphrases_then_takes_a_pair(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    wizard_to_passphrase(t);
    wizard_type(t, "one passphrase");
    wizard(t, tui_code(TUI_KEY_ENTER));
    wizard_type(t, "two passphrase"); /* the same length, other bytes */
    assert_int_equal(wizard(t, tui_code(TUI_KEY_ENTER)), TUI_REDRAW);
    assert_null(t->app);
    assert_false(vault_exists(f->dir));
    /* Both were cleared and the first has the cursor: a matching pair typed now is taken. */
    wizard_type(t, "two passphrase");
    wizard(t, tui_code(TUI_KEY_ENTER));
    wizard_type(t, "two passphrase");
    wizard(t, tui_code(TUI_KEY_ENTER));
    assert_non_null(t->app);
    assert_true(vault_exists(f->dir));
    assert_int_equal(wizard(t, tui_char('y')), TUI_OPENED);
    assert_int_equal(reopen(f, VAULT_PASSPHRASE, "two passphrase"), ODAAT_OK);
}

static void test_wizard_creates_the_store_and_shows_the_code_until_yes(void **state)
{
    struct fixture *f = *state;
    struct tui *t = &f->t;
    wizard_to_passphrase(t);
    wizard_type(t, OLD_PASS);
    wizard(t, tui_code(TUI_KEY_ENTER));
    wizard_type(t, OLD_PASS);
    assert_false(wizard(t, tui_code(TUI_KEY_ENTER)) & TUI_OPENED);
    assert_non_null(t->app);
    assert_true(vault_exists(f->dir));
    char store[700];
    snprintf(store, sizeof store, "%s/store", f->dir);
    assert_int_equal(access(store, F_OK), 0);
    /* The code page: not typing, and only y leaves (never Esc back, never q). */
    assert_false(tui_wizard_typing());
    assert_int_equal(wizard(t, tui_char('n')), TUI_REDRAW);
    assert_int_equal(wizard(t, tui_code(TUI_KEY_ESC)), TUI_REDRAW);
    assert_int_equal(wizard(t, tui_char('q')), TUI_REDRAW);
    assert_int_equal(wizard(t, tui_char('y')), TUI_OPENED);
    /* The answers are in the store. */
    assert_setting(t->app, "program", "na");
    struct app_tracker_view v;
    assert_int_equal(app_tracker_view_get(t->app, "cocaine", &v), ODAAT_OK);
    assert_int_equal(v.tracker.date_is, MILESTONE_LAST_USE_DAY);
    char first[DATE_ISO_SIZE];
    assert_string_equal(date_format(v.first_clean_day, first), "2025-10-08");
    app_tracker_view_free(&v);
    /* And it opens with the passphrase typed. */
    assert_int_equal(reopen(f, VAULT_PASSPHRASE, OLD_PASS), ODAAT_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define DEMO(name)   cmocka_unit_test_setup_teardown(name, demo_setup, teardown)
#define STORE(name)  cmocka_unit_test_setup_teardown(name, store_setup, teardown)
#define WIZARD(name) cmocka_unit_test_setup_teardown(name, wizard_setup, teardown)
        DEMO(test_helpnow_adds_a_contact_with_role_phone_and_note),
        DEMO(test_helpnow_refuses_a_blank_name_and_keeps_the_form),
        DEMO(test_helpnow_form_takes_q_and_digits_as_text),
        DEMO(test_helpnow_edits_the_selected_contact),
        DEMO(test_helpnow_removes_only_after_yes),
        DEMO(test_helpnow_moves_to_the_last_and_empties_kindly),
        DEMO(test_helpnow_request_opens_the_add_form),
        DEMO(test_settings_programme_cycles_and_persists),
        cmocka_unit_test(test_the_programmes_come_from_the_app),
        DEMO(test_settings_day_boundary_steps_within_its_range),
        DEMO(test_settings_idle_lock_changes_the_loop_at_once),
        DEMO(test_settings_date_meaning_moves_the_first_clean_day),
        DEMO(test_settings_demo_refuses_passphrase_recovery_and_export),
        DEMO(test_settings_adds_a_tracker_with_its_date_meaning_and_ladder),
        DEMO(test_settings_refuses_a_tracker_dated_after_today),
        DEMO(test_settings_renames_and_archives_a_tracker),
        DEMO(test_settings_adds_a_rung_to_a_ladder),
        DEMO(test_settings_removes_a_rung_and_resets_the_ladder),
        STORE(test_passphrase_change_needs_the_current_one),
        STORE(test_passphrase_change_clears_differing_new_ones_then_changes),
        STORE(test_new_recovery_code_shows_until_yes_and_retires_the_old),
        STORE(test_export_writes_a_private_file_and_never_overwrites),
        WIZARD(test_wizard_welcome_quits_on_q_and_begins_on_enter),
        WIZARD(test_wizard_esc_goes_back_a_page),
        WIZARD(test_wizard_refuses_a_clean_date_after_today),
        WIZARD(test_wizard_refuses_a_blank_tracker_name),
        WIZARD(test_wizard_clears_differing_passphrases_then_takes_a_pair),
        WIZARD(test_wizard_creates_the_store_and_shows_the_code_until_yes),
#undef DEMO
#undef STORE
#undef WIZARD
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
