/*
 * test_app: the app layer's calls for the full-screen interface.
 *
 * Covers the demo (it opens without a vault and saves nothing; its trackers, earlier streak,
 * check-ins, meetings, steps, journal and contacts are there in the promised numbers, dated
 * back from today; the same day gives the same demo; one milestone waits to be congratulated;
 * its words are kind), editing a meeting and a contact (with the same checks as adding one,
 * and an unknown id), the journal read a window at a time (newest first, past the end, and
 * quick on ten years of entries), reading back one day's check-in, and the passphrase hint
 * for each tier.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/app.h"
#include "odaat/date.h"
#include "odaat/store.h"
#include "odaat/vault.h"

#define TODAY "2026-03-01"

/* ---- Helpers ----------------------------------------------------------------------------- */

/* The records' structs say char * for strings a put only reads. */
static char *borrow(const char *text)
{
    return (char *)(uintptr_t)text;
}

static int group_setup(void **state)
{
    (void)state;
    /* As odaat's main does: libsodium started (for set-up's keys), then SQLite's allocator. */
    return vault_harden_process() == ODAAT_OK && store_global_init() == ODAAT_OK ? 0 : -1;
}

static int demo_setup(void **state)
{
    struct app *app = NULL;
    if (app_demo_open(TODAY, &app) != ODAAT_OK)
        return -1;
    *state = app;
    return 0;
}

/* An empty app in memory, with today pinned. */
static int empty_setup(void **state)
{
    struct app *app = NULL;
    if (app_open_memory(TODAY, &app) != ODAAT_OK)
        return -1;
    *state = app;
    return 0;
}

static int app_teardown(void **state)
{
    app_close(*state);
    return 0;
}

static int32_t today(void)
{
    int32_t day = 0;
    assert_int_equal(date_parse(TODAY, &day), ODAAT_OK);
    return day;
}

static int32_t day_of(const char *iso)
{
    int32_t day = 0;
    assert_int_equal(date_parse_n(iso, 10, &day), ODAAT_OK);
    return day;
}

/* Adds a meeting on date with name at time and returns its id. */
static int64_t meeting_add(struct app *app, const char *date, const char *name, const char *time)
{
    struct meeting m = {.name = borrow(name), .format = MEETING_IN_PERSON};
    snprintf(m.date, sizeof m.date, "%s", date);
    snprintf(m.time, sizeof m.time, "%s", time);
    assert_int_equal(app_meeting_add(app, &m), ODAAT_OK);
    assert_true(m.meta.id > 0);
    return m.meta.id;
}

static size_t meeting_count(struct app *app)
{
    struct meeting *list = NULL;
    size_t count = 0;
    assert_int_equal(app_meeting_list(app, NULL, NULL, &list, &count), ODAAT_OK);
    store_meeting_list_free(list, count);
    return count;
}

static int64_t contact_add(struct app *app, const char *name, const char *phone)
{
    struct contact c = {.name = borrow(name), .role = CONTACT_FRIEND, .phone = borrow(phone)};
    assert_int_equal(app_contact_add(app, &c), ODAAT_OK);
    return c.meta.id;
}

static size_t contact_count(struct app *app)
{
    struct contact *list = NULL;
    size_t count = 0;
    assert_int_equal(app_contact_list(app, &list, &count), ODAAT_OK);
    store_contact_list_free(list, count);
    return count;
}

/* ---- The demo ---------------------------------------------------------------------------- */

static void test_demo_has_no_vault_and_saving_it_writes_nothing(void **state)
{
    struct app *app = *state;
    assert_true(app_is_demo(app));
    assert_null(app_vault(app));
    assert_int_equal(app_today(app), today());
    /* A change in the demo is kept in memory and saving it succeeds without a vault. */
    struct checkin c = {.has_mood = true, .mood = 4};
    bool updated = true;
    assert_int_equal(app_checkin(app, &c, &updated), ODAAT_OK);
    assert_false(updated);
    assert_int_equal(app_save(app), ODAAT_OK);
    assert_int_equal(app_restore_backup(app, "anything"), ODAAT_ERR_NO_BACKUP);
}

static void test_demo_has_two_trackers_and_one_earlier_streak(void **state)
{
    struct app *app = *state;
    struct tracker *trackers = NULL;
    size_t count = 0;
    assert_int_equal(app_tracker_list(app, &trackers, &count), ODAAT_OK);
    assert_int_equal(count, 2);
    assert_string_equal(trackers[0].name, "alcohol");
    assert_string_equal(trackers[1].name, "cocaine");
    store_tracker_list_free(trackers, count);

    struct app_tracker_view view;
    assert_int_equal(app_tracker_view_get(app, "cocaine", &view), ODAAT_OK);
    assert_int_equal(view.first_clean_day, today() - 412);
    assert_int_equal(view.tracker.date_is, MILESTONE_FIRST_CLEAN_DAY);
    assert_int_equal(view.history_count, 2);
    const struct streak *earlier = &view.history[0];
    assert_true(earlier->end_date[0] != '\0');
    assert_int_equal(day_of(earlier->end_date) - day_of(earlier->start_date), 245);
    assert_true(day_of(earlier->end_date) < view.first_clean_day);
    assert_string_equal(earlier->end_note, "Went to a party I should have skipped.");
    assert_string_equal(view.history[1].end_date, "");
    app_tracker_view_free(&view);

    assert_int_equal(app_tracker_view_get(app, "alcohol", &view), ODAAT_OK);
    assert_int_equal(view.first_clean_day, today() - 1206);
    assert_int_equal(view.history_count, 1);
    app_tracker_view_free(&view);

    char *program = NULL;
    assert_int_equal(app_setting_get(app, "program", &program), ODAAT_OK);
    assert_string_equal(program, "ca");
    free(program);
}

static void test_demo_has_recent_checkins_meetings_journal_and_contacts(void **state)
{
    struct app *app = *state;
    char from[DATE_ISO_SIZE];
    date_format(today() - 199, from);

    struct checkin *checkins = NULL;
    size_t count = 0;
    assert_int_equal(app_checkin_list(app, NULL, NULL, &checkins, &count), ODAAT_OK);
    assert_true(count >= 150);
    assert_true(count < 200); /* some days are skipped, as people do */
    assert_true(day_of(checkins[0].date) >= today() - 199);
    int early_mood = 0, late_mood = 0, early_craving = 0, late_craving = 0;
    for (size_t i = 0; i < count; i++) {
        assert_true(checkins[i].mood >= 1 && checkins[i].mood <= 5);
        assert_true(checkins[i].craving >= 0 && checkins[i].craving <= 10);
        assert_true(checkins[i].gratitude.count >= 1);
        if (i < 40) {
            early_mood += checkins[i].mood;
            early_craving += checkins[i].craving;
        } else if (i >= count - 40) {
            late_mood += checkins[i].mood;
            late_craving += checkins[i].craving;
        }
    }
    assert_true(late_mood > early_mood);       /* moods trend up */
    assert_true(late_craving < early_craving); /* cravings trend down */
    store_checkin_list_free(checkins, count);

    struct meeting *meetings = NULL;
    assert_int_equal(app_meeting_list(app, from, TODAY, &meetings, &count), ODAAT_OK);
    assert_true(count >= 60);
    bool tuesday_group = false;
    for (size_t i = 0; i < count; i++) {
        assert_string_equal(meetings[i].fellowship, "CA");
        tuesday_group |= strcmp(meetings[i].name, "Tuesday Step Group") == 0;
    }
    assert_true(tuesday_group);
    store_meeting_list_free(meetings, count);

    assert_int_equal(app_journal_count(app, &count), ODAAT_OK);
    assert_true(count >= 30);

    struct contact *contacts = NULL;
    assert_int_equal(app_contact_list(app, &contacts, &count), ODAAT_OK);
    assert_int_equal(count, 3);
    bool sponsor = false, friend = false, helpline = false;
    for (size_t i = 0; i < count; i++) {
        if (contacts[i].role == CONTACT_SPONSOR) {
            sponsor = true;
            assert_string_equal(contacts[i].name, "Sam");
            assert_string_equal(contacts[i].phone, "+44 7700 900123");
        }
        friend |= contacts[i].role == CONTACT_FRIEND;
        if (contacts[i].role == CONTACT_HELPLINE) {
            helpline = true;
            assert_string_equal(contacts[i].name, "CA helpline");
            assert_non_null(contacts[i].phone);
        }
    }
    assert_true(sponsor && friend && helpline);
    store_contact_list_free(contacts, count);
}

static void test_demo_has_steps_one_to_three_done_and_four_working(void **state)
{
    struct app_steps steps;
    assert_int_equal(app_steps_get(*state, &steps), ODAAT_OK);
    assert_int_equal(steps.count, 12);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(steps.steps[i].status, STEP_DONE);
        assert_true(steps.steps[i].started_on[0] != '\0');
        assert_true(strcmp(steps.steps[i].started_on, steps.steps[i].completed_on) <= 0);
    }
    assert_int_equal(steps.steps[3].status, STEP_WORKING);
    assert_true(steps.steps[3].started_on[0] != '\0');
    assert_int_equal(steps.steps[4].status, STEP_NOT_STARTED);
    app_steps_free(&steps);
}

/* The whole body of journal entry id (a listing gives only the beginning); free with free. */
static char *body_of(struct app *app, int64_t id)
{
    struct journal_entry e = {0};
    assert_int_equal(app_journal_get(app, id, &e), ODAAT_OK);
    char *body = strdup(e.body);
    assert_non_null(body);
    store_journal_free(&e);
    return body;
}

static void test_demo_journal_spreads_over_the_year_with_wide_text(void **state)
{
    struct app *app = *state;
    struct journal_entry *list = NULL;
    size_t count = 0;
    assert_int_equal(app_journal_list(app, &list, &count), ODAAT_OK);
    assert_true(count >= 30);
    int32_t newest = day_of(list[0].meta.created_at);
    int32_t oldest = day_of(list[count - 1].meta.created_at);
    assert_true(newest <= today());
    assert_true(oldest >= today() - 365);
    assert_true(newest - oldest >= 300);
    bool cjk = false, accent = false;
    size_t step_entries = 0;
    for (size_t i = 0; i < count; i++) {
        char *body = body_of(app, list[i].meta.id);
        size_t len = strlen(body);
        assert_true(len >= 200 && len <= 1500);
        assert_non_null(list[i].title);
        cjk |= strstr(body, "一日一日") != NULL || strstr(list[i].title, "一日一日");
        accent |= strstr(body, "Élodie") != NULL;
        free(body);
        if (list[i].has_step) {
            step_entries++;
            assert_int_equal(list[i].step, 4);
        }
    }
    assert_true(cjk);
    assert_true(accent);
    assert_int_equal(step_entries, 1);
    store_journal_list_free(list, count);
}

static void test_demo_leaves_one_milestone_to_congratulate(void **state)
{
    struct app *app = *state;
    struct app_tracker_view view;
    assert_int_equal(app_tracker_view_get(app, "cocaine", &view), ODAAT_OK);
    assert_int_equal(view.fresh_count, 1);
    assert_int_equal(view.fresh[0].unit, MILESTONE_YEARS);
    assert_int_equal(view.fresh[0].count, 1);
    app_tracker_view_free(&view);
    assert_int_equal(app_tracker_view_get(app, "alcohol", &view), ODAAT_OK);
    assert_int_equal(view.fresh_count, 0);
    app_tracker_view_free(&view);

    /* Once seen, it is not shown again. */
    assert_int_equal(app_milestones_mark_seen(app, "cocaine"), ODAAT_OK);
    assert_int_equal(app_tracker_view_get(app, "cocaine", &view), ODAAT_OK);
    assert_int_equal(view.fresh_count, 0);
    app_tracker_view_free(&view);
}

static void test_demo_dashboard_shows_step_four_and_asks_for_todays_checkin(void **state)
{
    struct app_status status;
    assert_int_equal(app_status_get(*state, &status), ODAAT_OK);
    assert_int_equal(status.tracker_count, 2);
    assert_true(status.has_step);
    assert_int_equal(status.step.number, 4);
    assert_false(status.checked_in);
    app_status_free(&status);
}

static void test_demo_is_the_same_for_the_same_day(void **state)
{
    struct app *again = NULL;
    assert_int_equal(app_demo_open(TODAY, &again), ODAAT_OK);
    struct journal_entry *a = NULL, *b = NULL;
    size_t a_count = 0, b_count = 0;
    assert_int_equal(app_journal_list(*state, &a, &a_count), ODAAT_OK);
    assert_int_equal(app_journal_list(again, &b, &b_count), ODAAT_OK);
    assert_int_equal(a_count, b_count);
    for (size_t i = 0; i < a_count; i++) {
        char *x = body_of(*state, a[i].meta.id);
        char *y = body_of(again, b[i].meta.id);
        assert_string_equal(x, y);
        free(x);
        free(y);
        assert_string_equal(a[i].meta.created_at, b[i].meta.created_at);
    }
    store_journal_list_free(a, a_count);
    store_journal_list_free(b, b_count);
    app_close(again);
}

/* Returns true when text holds none of the words a demo must never use about a person. */
static bool kind_words(const char *text)
{
    static const char *const harsh[] = {"failure", "failed",   "weak",  "shame",  "dirty",
                                        "stupid",  "pathetic", "loser", "junkie", "addict"};
    for (size_t i = 0; text != NULL && i < sizeof harsh / sizeof harsh[0]; i++) {
        if (strcasestr(text, harsh[i]) != NULL)
            return false;
    }
    return true;
}

static void test_demo_words_are_kind(void **state)
{
    struct app *app = *state;
    struct journal_entry *entries = NULL;
    struct checkin *checkins = NULL;
    struct meeting *meetings = NULL;
    struct streak *streaks = NULL;
    size_t count = 0;
    assert_int_equal(app_journal_list(app, &entries, &count), ODAAT_OK);
    for (size_t i = 0; i < count; i++) {
        assert_true(kind_words(entries[i].title));
        char *body = body_of(app, entries[i].meta.id);
        assert_true(kind_words(body));
        free(body);
    }
    store_journal_list_free(entries, count);
    assert_int_equal(app_checkin_list(app, NULL, NULL, &checkins, &count), ODAAT_OK);
    for (size_t i = 0; i < count; i++)
        assert_true(kind_words(checkins[i].note));
    store_checkin_list_free(checkins, count);
    assert_int_equal(app_meeting_list(app, NULL, NULL, &meetings, &count), ODAAT_OK);
    for (size_t i = 0; i < count; i++)
        assert_true(kind_words(meetings[i].note));
    store_meeting_list_free(meetings, count);
    assert_int_equal(store_streak_list(app_store(app), 0, &streaks, &count), ODAAT_OK);
    for (size_t i = 0; i < count; i++)
        assert_true(kind_words(streaks[i].end_note));
    store_streak_list_free(streaks, count);
}

static void test_a_store_made_by_set_up_is_not_the_demo(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    char work[512], dir[600], cmd[700], recovery[CRYPTO_RECOVERY_TEXT_SIZE];
    snprintf(work, sizeof work, "%s/odaat-test-app-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(work));
    snprintf(dir, sizeof dir, "%s/store", work);
    struct app_setup setup = {.tracker = "cocaine",
                              .clean_date = "2026-01-01",
                              .date_is = MILESTONE_FIRST_CLEAN_DAY,
                              .program = "ca",
                              .kdf = CRYPTO_KDF_TEST_MINIMUM};
    struct app *app = NULL;
    assert_int_equal(app_create(dir, "correct horse", 13, &setup, TODAY, recovery, &app), ODAAT_OK);
    assert_false(app_is_demo(app));
    assert_non_null(app_vault(app));
    app_close(app);
    app_close(NULL);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", work);
    assert_int_equal(system(cmd), 0);
}

/* ---- Meetings and contacts --------------------------------------------------------------- */

static void test_meeting_update_changes_the_record_and_keeps_its_id(void **state)
{
    struct app *app = *state;
    int64_t id = meeting_add(app, "2026-02-20", "Tuesday Step Group", "19:30");
    struct meeting before;
    assert_int_equal(app_meeting_get(app, id, &before), ODAAT_OK);

    struct meeting m = {.meta.id = id,
                        .fellowship = borrow("NA"),
                        .name = borrow("Friday Night Live"),
                        .format = MEETING_ONLINE,
                        .role = MEETING_CHAIRED};
    snprintf(m.date, sizeof m.date, "%s", "2026-02-27");
    snprintf(m.time, sizeof m.time, "%s", "20:15");
    assert_int_equal(app_meeting_update(app, &m), ODAAT_OK);
    assert_int_equal(m.meta.id, id);
    assert_string_equal(m.meta.uuid, before.meta.uuid);

    struct meeting after;
    assert_int_equal(app_meeting_get(app, id, &after), ODAAT_OK);
    assert_string_equal(after.name, "Friday Night Live");
    assert_string_equal(after.fellowship, "NA");
    assert_string_equal(after.date, "2026-02-27");
    assert_string_equal(after.time, "20:15");
    assert_int_equal(after.format, MEETING_ONLINE);
    assert_int_equal(after.role, MEETING_CHAIRED);
    assert_null(after.location);
    assert_int_equal(meeting_count(app), 1);
    store_meeting_free(&before);
    store_meeting_free(&after);
}

static void test_meeting_update_with_a_bad_time_or_date_changes_nothing(void **state)
{
    struct app *app = *state;
    int64_t id = meeting_add(app, "2026-02-20", "Tuesday Step Group", "19:30");
    struct meeting m = {.meta.id = id, .name = borrow("Renamed")};
    snprintf(m.date, sizeof m.date, "%s", "2026-02-20");
    snprintf(m.time, sizeof m.time, "%s", "25:00");
    assert_int_equal(app_meeting_update(app, &m), ODAAT_ERR_TIME_SYNTAX);
    snprintf(m.time, sizeof m.time, "%s", "19:30");
    snprintf(m.date, sizeof m.date, "%s", "2026-03-02"); /* after today */
    assert_int_equal(app_meeting_update(app, &m), ODAAT_ERR_INVALID);
    snprintf(m.date, sizeof m.date, "%s", "2026-02-30");
    assert_int_equal(app_meeting_update(app, &m), ODAAT_ERR_DATE_INVALID);

    struct meeting got;
    assert_int_equal(app_meeting_get(app, id, &got), ODAAT_OK);
    assert_string_equal(got.name, "Tuesday Step Group");
    assert_string_equal(got.time, "19:30");
    store_meeting_free(&got);
}

static void test_meeting_update_of_an_unknown_id_is_not_found_and_adds_nothing(void **state)
{
    struct app *app = *state;
    int64_t id = meeting_add(app, "2026-02-20", "Tuesday Step Group", "");
    struct meeting m = {.meta.id = id + 100, .name = borrow("Nowhere")};
    assert_int_equal(app_meeting_update(app, &m), ODAAT_ERR_NOT_FOUND);
    m.meta.id = 0; /* an id of 0 must not turn the update into an add */
    assert_int_equal(app_meeting_update(app, &m), ODAAT_ERR_NOT_FOUND);
    assert_int_equal(meeting_count(app), 1);
    struct meeting got;
    assert_int_equal(app_meeting_get(app, id + 100, &got), ODAAT_ERR_NOT_FOUND);
}

static void test_meeting_update_with_no_date_means_today_and_fills_the_fellowship(void **state)
{
    struct app *app = *state;
    int64_t id = meeting_add(app, "2026-02-20", "Tuesday Step Group", "");
    struct meeting m = {.meta.id = id};
    assert_int_equal(app_meeting_update(app, &m), ODAAT_OK);
    assert_string_equal(m.date, TODAY);
    struct meeting got;
    assert_int_equal(app_meeting_get(app, id, &got), ODAAT_OK);
    assert_string_equal(got.fellowship, "CA"); /* the default programme's */
    assert_null(got.name);
    store_meeting_free(&got);
}

static void test_contact_update_changes_the_record(void **state)
{
    struct app *app = *state;
    int64_t id = contact_add(app, "Élodie", "+44 7700 900456");
    struct contact c = {.meta.id = id,
                        .name = borrow("Élodie M."),
                        .role = CONTACT_SPONSOR,
                        .phone = borrow(""),
                        .note = borrow("new sponsor")};
    assert_int_equal(app_contact_update(app, &c), ODAAT_OK);
    assert_int_equal(c.meta.id, id);

    struct contact *list = NULL;
    size_t count = 0;
    assert_int_equal(app_contact_list(app, &list, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    assert_string_equal(list[0].name, "Élodie M.");
    assert_int_equal(list[0].role, CONTACT_SPONSOR);
    assert_null(list[0].phone); /* an empty phone means none */
    assert_string_equal(list[0].note, "new sponsor");
    store_contact_list_free(list, count);
}

static void test_contact_update_is_checked_like_an_add(void **state)
{
    struct app *app = *state;
    int64_t id = contact_add(app, "Sam", "+44 7700 900123");
    struct contact c = {.meta.id = id, .name = borrow("  "), .role = CONTACT_FRIEND};
    assert_int_equal(app_contact_update(app, &c), ODAAT_ERR_INVALID);
    c.name = borrow("Sam");
    c.phone = borrow("+44\n7700");
    assert_int_equal(app_contact_update(app, &c), ODAAT_ERR_INVALID);
    c.phone = NULL;
    c.role = CONTACT_ROLE_COUNT;
    assert_int_equal(app_contact_update(app, &c), ODAAT_ERR_INVALID);

    struct contact *list = NULL;
    size_t count = 0;
    assert_int_equal(app_contact_list(app, &list, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    assert_string_equal(list[0].phone, "+44 7700 900123");
    store_contact_list_free(list, count);
}

static void test_contact_update_of_an_unknown_id_is_not_found_and_adds_nothing(void **state)
{
    struct app *app = *state;
    int64_t id = contact_add(app, "Sam", NULL);
    struct contact c = {.meta.id = id + 7, .name = borrow("Nobody")};
    assert_int_equal(app_contact_update(app, &c), ODAAT_ERR_NOT_FOUND);
    c.meta.id = 0;
    assert_int_equal(app_contact_update(app, &c), ODAAT_ERR_NOT_FOUND);
    assert_int_equal(contact_count(app), 1);
}

/* ---- The journal a window at a time ------------------------------------------------------ */

/* Writes count entries, one a day ending on today, each body a sentence repeated to about
 * body_len bytes; entry i (0: the oldest) is titled "entry i". */
static void journal_fill(struct app *app, size_t count, size_t body_len)
{
    struct store *store = app_store(app);
    char *body = malloc(body_len + 1);
    assert_non_null(body);
    static const char sentence[] = "Walked by the canal and called Sam. ";
    for (size_t i = 0; i < body_len; i++)
        body[i] = sentence[i % (sizeof sentence - 1)];
    body[body_len] = '\0';
    for (size_t i = 0; i < count; i++) {
        char date[DATE_ISO_SIZE], stamp[MODEL_TIMESTAMP_SIZE], title[32];
        date_format(today() - (int32_t)(count - 1 - i), date);
        snprintf(stamp, sizeof stamp, "%sT12:00:00Z", date);
        snprintf(title, sizeof title, "entry %zu", i);
        store_set_now(store, stamp);
        struct journal_entry e = {.title = title, .body = body};
        assert_int_equal(store_journal_put(store, &e), ODAAT_OK);
    }
    free(body);
}

static void test_journal_pages_are_newest_first_and_end_empty(void **state)
{
    struct app *app = *state;
    size_t count = 99;
    assert_int_equal(app_journal_count(app, &count), ODAAT_OK);
    assert_int_equal(count, 0);
    journal_fill(app, 25, 300);
    assert_int_equal(app_journal_count(app, &count), ODAAT_OK);
    assert_int_equal(count, 25);

    struct journal_entry *page = NULL;
    assert_int_equal(app_journal_page(app, 0, 10, &page, &count), ODAAT_OK);
    assert_int_equal(count, 10);
    assert_string_equal(page[0].title, "entry 24");
    assert_string_equal(page[9].title, "entry 15");
    store_journal_list_free(page, count);

    assert_int_equal(app_journal_page(app, 20, 10, &page, &count), ODAAT_OK);
    assert_int_equal(count, 5);
    assert_string_equal(page[0].title, "entry 4");
    assert_string_equal(page[4].title, "entry 0");
    store_journal_list_free(page, count);

    assert_int_equal(app_journal_page(app, 25, 10, &page, &count), ODAAT_OK);
    assert_int_equal(count, 0);
    assert_null(page);
    assert_int_equal(app_journal_page(app, 1000, 10, &page, &count), ODAAT_OK);
    assert_int_equal(count, 0);
    assert_null(page);
    /* A window of no rows is empty, not the whole journal. */
    assert_int_equal(app_journal_page(app, 0, 0, &page, &count), ODAAT_OK);
    assert_int_equal(count, 0);
    assert_null(page);
}

/* A step's work is the entries linked to that step, newest first, and nothing else. */
static void test_journal_of_step_lists_only_that_steps_entries(void **state)
{
    struct app *app = *state;
    journal_fill(app, 5, 300);
    const char *bodies[] = {"first look at my fears", "a second page of fears"};
    for (size_t i = 0; i < 2; i++) {
        struct journal_entry e = {
            .body = (char *)(uintptr_t)bodies[i], .has_step = true, .step = 4};
        assert_int_equal(app_journal_add(app, &e), ODAAT_OK);
    }
    struct journal_entry other = {
        .body = (char *)(uintptr_t) "step one", .has_step = true, .step = 1};
    assert_int_equal(app_journal_add(app, &other), ODAAT_OK);

    struct journal_entry *work = NULL;
    size_t count = 0;
    assert_int_equal(app_journal_of_step(app, 4, &work, &count), ODAAT_OK);
    assert_int_equal(count, 2);
    assert_string_equal(work[0].body, "a second page of fears");
    assert_string_equal(work[1].body, "first look at my fears");
    store_journal_list_free(work, count);
    assert_int_equal(app_journal_of_step(app, 7, &work, &count), ODAAT_OK);
    assert_int_equal(count, 0);
    store_journal_list_free(work, count);
}

static void test_journal_page_of_ten_years_reads_only_its_window(void **state)
{
    struct app *app = *state;
    journal_fill(app, 3650, 1500);
    struct journal_entry *page = NULL;
    size_t count = 0;
    assert_int_equal(app_journal_page(app, 3640, 20, &page, &count), ODAAT_OK);
    assert_int_equal(count, 10);
    assert_string_equal(page[9].title, "entry 0");
    store_journal_list_free(page, count);
}

/* ---- Check-ins --------------------------------------------------------------------------- */

static void test_checkin_get_finds_the_day_or_says_there_is_none(void **state)
{
    struct app *app = *state;
    struct checkin in = {.has_mood = true, .mood = 3, .has_craving = true, .craving = 2};
    snprintf(in.date, sizeof in.date, "%s", "2026-02-27");
    bool updated = false;
    assert_int_equal(app_checkin(app, &in, &updated), ODAAT_OK);

    struct checkin out;
    bool found = false;
    assert_int_equal(app_checkin_get(app, "2026-02-27", &out, &found), ODAAT_OK);
    assert_true(found);
    assert_int_equal(out.meta.id, in.meta.id);
    assert_int_equal(out.mood, 3);
    assert_int_equal(out.craving, 2);
    store_checkin_free(&out);

    found = true;
    assert_int_equal(app_checkin_get(app, "2026-02-28", &out, &found), ODAAT_OK);
    assert_false(found);
    assert_int_equal(out.meta.id, 0);
    assert_int_equal(app_checkin_get(app, NULL, &out, &found), ODAAT_OK); /* today */
    assert_false(found);
    assert_int_equal(app_checkin_get(app, "27 Feb", &out, &found), ODAAT_ERR_DATE_SYNTAX);
    assert_false(found);
}

static void test_checkin_get_without_a_date_reads_today(void **state)
{
    struct app *app = *state;
    struct checkin in = {.has_mood = true, .mood = 5};
    bool updated = false, found = false;
    assert_int_equal(app_checkin(app, &in, &updated), ODAAT_OK);
    struct checkin out;
    assert_int_equal(app_checkin_get(app, NULL, &out, &found), ODAAT_OK);
    assert_true(found);
    assert_string_equal(out.date, TODAY);
    assert_int_equal(out.mood, 5);
    store_checkin_free(&out);
}

/* ---- Statistics -------------------------------------------------------------------------- */

/* Checks in days_ago days before today with mood (and craving mood - 1). */
static void checkin_days_ago(struct app *app, int days_ago, int mood)
{
    int32_t today = 0;
    assert_int_equal(date_parse(TODAY, &today), ODAAT_OK);
    struct checkin in = {.has_mood = true, .mood = mood, .has_craving = true, .craving = mood - 1};
    date_format(today - days_ago, in.date);
    bool updated = false;
    assert_int_equal(app_checkin(app, &in, &updated), ODAAT_OK);
}

static void test_stats_count_each_window_to_its_edge(void **state)
{
    struct app *app = *state;
    checkin_days_ago(app, 0, 5);
    checkin_days_ago(app, 1, 5);
    checkin_days_ago(app, 29, 3);  /* the last of the 30 days */
    checkin_days_ago(app, 30, 1);  /* in the 90 days, not the 30 */
    checkin_days_ago(app, 89, 2);  /* the last of the 90 days */
    checkin_days_ago(app, 90, 4);  /* only in the days */
    checkin_days_ago(app, 181, 4); /* the first of the days */
    checkin_days_ago(app, 182, 4); /* before them all */
    int32_t today = 0;
    assert_int_equal(date_parse(TODAY, &today), ODAAT_OK);
    char date[DATE_ISO_SIZE];
    meeting_add(app, TODAY, "Today", "");
    meeting_add(app, TODAY, "Today again", "19:00");
    meeting_add(app, date_format(today - 83, date), "The first week's first day", "");
    meeting_add(app, date_format(today - 84, date), "Before the weeks", "");

    struct app_stats stats;
    assert_int_equal(app_stats_get(app, &stats), ODAAT_OK);
    assert_true(stats.status.checked_in);
    assert_int_equal(stats.status.checkin.mood, 5);
    assert_int_equal(stats.status.checkins.total, 8);
    assert_int_equal(stats.status.checkins.current, 2);
    assert_int_equal(stats.status.meetings.last_7, 2);
    assert_int_equal(stats.status.meetings.last_90, 4);
    assert_int_equal(stats.mood_30.count, 3);
    assert_true(stats.mood_30.mean > 4.33 && stats.mood_30.mean < 4.34); /* (5 + 5 + 3) / 3 */
    assert_int_equal(stats.mood_90.count, 5);
    assert_true(stats.mood_90.mean > 3.19 && stats.mood_90.mean < 3.21); /* 16 / 5 */
    assert_int_equal(stats.craving_90.count, 5);
    assert_true(stats.craving_90.mean > 2.19 && stats.craving_90.mean < 2.21);
    assert_int_equal(stats.weeks[0].meetings, 1);
    assert_int_equal(stats.weeks[APP_STATS_WEEKS - 1].meetings, 2);
    size_t days = 0;
    for (int i = 0; i < APP_STATS_DAYS; i++)
        days += stats.days[i].checked_in;
    assert_int_equal(days, 7);
    assert_true(stats.days[0].checked_in);
    assert_int_equal(stats.days[0].mood, 4);
    assert_true(stats.days[APP_STATS_DAYS - 1].checked_in);
    app_stats_free(&stats);
}

static void test_status_without_todays_checkin_is_not_checked_in(void **state)
{
    struct app *app = *state;
    checkin_days_ago(app, 1, 4);
    struct app_status status;
    assert_int_equal(app_status_get(app, &status), ODAAT_OK);
    assert_false(status.checked_in);
    assert_int_equal(status.checkin.meta.id, 0);
    assert_int_equal(status.checkins.total, 1);
    assert_int_equal(status.checkins.current, 1);
    app_status_free(&status);
}

/* ---- Journal search ---------------------------------------------------------------------- */

static void test_journal_find_leaves_snippets_to_be_asked_for(void **state)
{
    struct app *app = *state;
    struct journal_entry e = {.title = borrow("Evening"), .body = borrow("Called my sponsor.")};
    assert_int_equal(app_journal_add(app, &e), ODAAT_OK);
    struct journal_hit *hits = NULL;
    size_t count = 0;
    assert_int_equal(app_journal_find(app, "sponsor", 0, &hits, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    assert_null(hits[0].snippet);
    assert_int_equal(app_journal_snippets(app, "sponsor", hits, count), ODAAT_OK);
    assert_non_null(strstr(hits[0].snippet, STORE_MATCH_OPEN "sponsor" STORE_MATCH_CLOSE));
    store_journal_hits_free(hits, count);
    assert_int_equal(app_journal_find(app, "  ", 0, &hits, &count), ODAAT_ERR_INVALID);
    assert_int_equal(app_journal_snippets(app, " ", NULL, 0), ODAAT_ERR_INVALID);
}

/* ---- Passphrase hints -------------------------------------------------------------------- */

static const char *hint(const char *pass)
{
    return app_passphrase_hint(pass, strlen(pass));
}

static void test_passphrase_hint_names_each_tier(void **state)
{
    (void)state;
    assert_string_equal(hint(""), "type a passphrase");
    assert_string_equal(app_passphrase_hint(NULL, 0), "type a passphrase");
    assert_string_equal(hint("a"), "too short: at least 8 characters, a few words is best");
    assert_string_equal(hint("Ab3$xyz"), "too short: at least 8 characters, a few words is best");
    assert_string_equal(hint("abcdefgh"), "short: a few words together make a stronger passphrase");
    assert_string_equal(hint("Ab3$xyz!qr"),
                        "short: a few words together make a stronger passphrase");
    assert_string_equal(hint("abcdefghijkl"), "fair: add a word or two");
    assert_string_equal(hint("abcdefghijklmno"), "fair: add a word or two");
    assert_string_equal(hint("abcdefghijklmnop"), "strong");
    assert_string_equal(hint("correct horse"), "strong"); /* words with a space between */
    assert_string_equal(hint("Abcdefghijkl"), "strong");
    assert_string_equal(hint("correct horse battery staple"), "strong");
}

static void test_passphrase_hint_counts_characters_not_bytes(void **state)
{
    (void)state;
    /* Seven characters in 21 bytes are still seven characters. */
    assert_string_equal(hint("一日一日一日一"),
                        "too short: at least 8 characters, a few words is best");
    assert_string_equal(hint("一日一日一日一日"),
                        "short: a few words together make a stronger passphrase");
    /* Only the first len bytes count. */
    assert_string_equal(app_passphrase_hint("correct horse battery", 3),
                        "too short: at least 8 characters, a few words is best");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define DEMO(name)  cmocka_unit_test_setup_teardown(name, demo_setup, app_teardown)
#define EMPTY(name) cmocka_unit_test_setup_teardown(name, empty_setup, app_teardown)
        DEMO(test_demo_has_no_vault_and_saving_it_writes_nothing),
        DEMO(test_demo_has_two_trackers_and_one_earlier_streak),
        DEMO(test_demo_has_recent_checkins_meetings_journal_and_contacts),
        DEMO(test_demo_has_steps_one_to_three_done_and_four_working),
        DEMO(test_demo_journal_spreads_over_the_year_with_wide_text),
        DEMO(test_demo_leaves_one_milestone_to_congratulate),
        DEMO(test_demo_dashboard_shows_step_four_and_asks_for_todays_checkin),
        DEMO(test_demo_is_the_same_for_the_same_day),
        DEMO(test_demo_words_are_kind),
        cmocka_unit_test(test_a_store_made_by_set_up_is_not_the_demo),
        EMPTY(test_meeting_update_changes_the_record_and_keeps_its_id),
        EMPTY(test_meeting_update_with_a_bad_time_or_date_changes_nothing),
        EMPTY(test_meeting_update_of_an_unknown_id_is_not_found_and_adds_nothing),
        EMPTY(test_meeting_update_with_no_date_means_today_and_fills_the_fellowship),
        EMPTY(test_contact_update_changes_the_record),
        EMPTY(test_contact_update_is_checked_like_an_add),
        EMPTY(test_contact_update_of_an_unknown_id_is_not_found_and_adds_nothing),
        EMPTY(test_journal_pages_are_newest_first_and_end_empty),
        EMPTY(test_journal_of_step_lists_only_that_steps_entries),
        EMPTY(test_journal_page_of_ten_years_reads_only_its_window),
        EMPTY(test_checkin_get_finds_the_day_or_says_there_is_none),
        EMPTY(test_checkin_get_without_a_date_reads_today),
        EMPTY(test_stats_count_each_window_to_its_edge),
        EMPTY(test_status_without_todays_checkin_is_not_checked_in),
        EMPTY(test_journal_find_leaves_snippets_to_be_asked_for),
        cmocka_unit_test(test_passphrase_hint_names_each_tier),
        cmocka_unit_test(test_passphrase_hint_counts_characters_not_bytes),
#undef DEMO
#undef EMPTY
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
