/*
 * test_exchange: the JSON export and import, and the CSV and Markdown exports.
 *
 * Covers the round trip (a store holding every record type, with non-ASCII text, quotes,
 * backslashes, line breaks, tabs, nulls and empty arrays, exports, imports into a new store
 * and exports again to the same bytes, keeping every uuid and time), the document's shape
 * (one line, typed settings, the empty store's exact text), import into a store that has
 * records (newer wins, older and equal are skipped, new ones are added, settings by the
 * document's time; the report counts each), the defaults for missing optional keys, each
 * refusal with its exact line and nothing changed, replaced journal text gone from the image,
 * CSV quoting, and the Markdown sections and text. Needs the library built with
 * ODAAT_TEST_HOOKS, which it shares with test_store.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/exchange.h"
#include "odaat/milestone.h"
#include "odaat/store.h"

#define T1       "2026-11-23T09:41:07Z"
#define T2       "2026-11-24T21:05:59Z"
#define T3       "2026-11-25T08:00:00Z"
#define T4       "2026-11-26T08:00:00Z"
#define EXPORTED "2026-11-30T12:00:00Z"
#define TODAY    "2026-11-23"

/* ---- Helpers ----------------------------------------------------------------------------- */

static int group_setup(void **state)
{
    (void)state;
    /* Before anything allocates through SQLite, as odaat's main does. */
    return store_global_init() == ODAAT_OK ? 0 : -1;
}

static struct store *open_empty(void)
{
    struct store *store = NULL;
    assert_int_equal(store_open_image(NULL, 0, &store), ODAAT_OK);
    assert_non_null(store);
    return store;
}

static char *dup(const char *text)
{
    char *copy = strdup(text);
    assert_non_null(copy);
    return copy;
}

/* The document text with every ' turned into ", so JSON reads without a wall of escapes. */
static char *dq(const char *text)
{
    char *copy = dup(text);
    for (char *p = copy; *p != '\0'; p++)
        if (*p == '\'')
            *p = '"';
    return copy;
}

static char *export_json(struct store *store)
{
    char *out = NULL;
    assert_int_equal(exchange_export_json(store, EXPORTED, &out), ODAAT_OK);
    assert_non_null(out);
    return out;
}

static struct exchange_report import_ok(struct store *store, const char *json)
{
    struct exchange_report report;
    char error[EXCHANGE_ERROR_SIZE] = "untouched";
    enum odaat_err err = exchange_import_json(store, json, &report, error, sizeof error);
    if (err != ODAAT_OK)
        print_error("import refused: %s\n", error);
    assert_int_equal(err, ODAAT_OK);
    assert_string_equal(error, "");
    return report;
}

static struct model_tags tags_of(const char *const *texts, size_t count)
{
    struct model_tags tags = {calloc(count + 1, sizeof(char *)), count};
    assert_non_null(tags.items);
    for (size_t i = 0; i < count; i++)
        tags.items[i] = dup(texts[i]);
    return tags;
}

static int64_t put_tracker(struct store *store, const char *name, enum tracker_kind kind,
                           const char *preset, enum milestone_date_is date_is, bool archived)
{
    struct tracker t = {.name = dup(name), .kind = kind, .date_is = date_is, .archived = archived};
    strcpy(t.preset, preset);
    assert_int_equal(store_tracker_put(store, &t), ODAAT_OK);
    int64_t id = t.meta.id;
    store_tracker_free(&t);
    return id;
}

static void put_streak(struct store *store, int64_t tracker, const char *start, const char *time,
                       const char *end, const char *note)
{
    struct streak s = {.tracker_id = tracker, .end_note = note ? dup(note) : NULL};
    strcpy(s.start_date, start);
    strcpy(s.start_time, time);
    strcpy(s.end_date, end);
    assert_int_equal(store_streak_put(store, &s), ODAAT_OK);
    store_streak_free(&s);
}

static void put_milestone(struct store *store, int64_t tracker, enum milestone_unit unit,
                          int32_t count)
{
    struct milestone_seen m = {.tracker_id = tracker, .unit = unit, .count = count};
    assert_int_equal(store_milestone_seen_put(store, &m), ODAAT_OK);
}

static void put_journal(struct store *store, const char *title, const char *body, int step,
                        int mood)
{
    struct journal_entry j = {.title = title ? dup(title) : NULL,
                              .body = dup(body),
                              .has_step = step > 0,
                              .step = step,
                              .has_mood = mood > 0,
                              .mood = mood};
    assert_int_equal(store_journal_put(store, &j), ODAAT_OK);
    store_journal_free(&j);
}

#define NOTE_TRICKY "line one\nline\ttwo \\ \"quoted\" end"
#define BODY_TRICKY "Fears:\n- \"letting go\"\n\tand C:\\path\n一日一日 😀"

/* A store holding every record type, with text that JSON must escape and text it must not. */
static struct store *open_filled(void)
{
    static const char *const triggers[] = {"stress", "一日一日"};
    static const char *const gratitude[] = {"my sponsor \"Sam\""};
    struct store *store = open_empty();
    store_set_now(store, T1);

    assert_int_equal(store_setting_set(store, "program", "ca"), ODAAT_OK);
    assert_int_equal(store_setting_set(store, "date_is", "first-clean-day"), ODAAT_OK);
    assert_int_equal(store_setting_set(store, "day_boundary_hour", "4"), ODAAT_OK);
    assert_int_equal(store_setting_set(store, "idle_lock_minutes", "5"), ODAAT_OK);
    assert_int_equal(store_setting_set(store, "theme", "dark \"night\""), ODAAT_OK);

    int64_t cocaine =
        put_tracker(store, "cocaine", TRACKER_SUBSTANCE, "ca", MILESTONE_FIRST_CLEAN_DAY, false);
    put_streak(store, cocaine, "2025-02-02", "", "2025-10-05", "a hard night, \"really\"\n\\\t.");
    store_set_now(store, T2);
    int64_t other = put_tracker(store, "Élodie's 一日一日 😀", TRACKER_BEHAVIOUR, "none",
                                MILESTONE_LAST_USE_DAY, true);
    put_streak(store, cocaine, "2025-10-06", "07:30", "", NULL);
    put_streak(store, other, "2024-01-01", "", "2024-03-01", NULL);

    struct checkin c = {.has_mood = true,
                        .mood = 4,
                        .has_craving = true,
                        .craving = 2,
                        .triggers = tags_of(triggers, 2),
                        .gratitude = tags_of(gratitude, 1),
                        .note = dup(NOTE_TRICKY),
                        .inventory = dup("{\"resentments\": [\"boss\"], \"honest\": true}")};
    strcpy(c.date, "2026-11-20");
    assert_int_equal(store_checkin_put(store, &c), ODAAT_OK);
    store_checkin_free(&c);
    struct checkin bare = {0};
    strcpy(bare.date, "2026-11-21");
    assert_int_equal(store_checkin_put(store, &bare), ODAAT_OK);
    store_checkin_free(&bare);

    struct meeting m = {.fellowship = dup("CA"),
                        .name = dup("Tuesday | step group"),
                        .format = MEETING_ONLINE,
                        .role = MEETING_SHARED,
                        .note = dup("Élodie chaired 😀")};
    strcpy(m.date, "2026-11-17");
    strcpy(m.time, "19:30");
    assert_int_equal(store_meeting_put(store, &m), ODAAT_OK);
    store_meeting_free(&m);
    struct meeting plain = {0};
    strcpy(plain.date, "2026-11-18");
    assert_int_equal(store_meeting_put(store, &plain), ODAAT_OK);
    store_meeting_free(&plain);

    struct step working = {.number = 4, .status = STEP_WORKING, .note = dup("halfway")};
    strcpy(working.program, "ca");
    strcpy(working.started_on, "2026-11-10");
    assert_int_equal(store_step_put(store, &working), ODAAT_OK);
    store_step_free(&working);
    struct step done = {.number = 1, .status = STEP_DONE};
    strcpy(done.program, "ca");
    strcpy(done.started_on, "2026-01-01");
    strcpy(done.completed_on, "2026-02-01");
    assert_int_equal(store_step_put(store, &done), ODAAT_OK);
    store_step_free(&done);
    struct step idle = {.number = 2, .status = STEP_NOT_STARTED};
    strcpy(idle.program, "ca");
    assert_int_equal(store_step_put(store, &idle), ODAAT_OK);
    store_step_free(&idle);

    put_journal(store, "Inventory", BODY_TRICKY, 4, 3);
    put_journal(store, NULL, "", 0, 0);

    struct contact sam = {.name = dup("Sam"),
                          .role = CONTACT_SPONSOR,
                          .phone = dup("+44 7700 900123"),
                          .note = dup("call before 9; C:\\u0000 is text, not a NUL")};
    assert_int_equal(store_contact_put(store, &sam), ODAAT_OK);
    store_contact_free(&sam);
    struct contact line = {.name = dup("Helpline"), .role = CONTACT_HELPLINE};
    assert_int_equal(store_contact_put(store, &line), ODAAT_OK);
    store_contact_free(&line);

    put_milestone(store, cocaine, MILESTONE_HOURS, 24);
    put_milestone(store, cocaine, MILESTONE_DAYS, 30);
    put_milestone(store, cocaine, MILESTONE_MONTHS, 6);
    put_milestone(store, other, MILESTONE_YEARS, 0);
    return store;
}

static size_t count_of(const char *text, const char *piece)
{
    size_t n = 0;
    for (const char *p = strstr(text, piece); p != NULL; p = strstr(p + 1, piece))
        n++;
    return n;
}

/* ---- The round trip and the document ----------------------------------------------------- */

static void test_round_trip_gives_the_same_bytes_and_keeps_uuids_and_times(void **state)
{
    (void)state;
    struct store *source = open_filled();
    char *first = export_json(source);

    struct store *copy = open_empty(); /* no store_set_now: import stamps nothing */
    struct exchange_report report = import_ok(copy, first);
    char *second = export_json(copy);
    assert_string_equal(second, first);

    assert_int_equal(report.sections[EXCHANGE_SETTINGS].added, 5);
    assert_int_equal(report.sections[EXCHANGE_TRACKERS].added, 2);
    assert_int_equal(report.sections[EXCHANGE_STREAKS].added, 3);
    assert_int_equal(report.sections[EXCHANGE_CHECKINS].added, 2);
    assert_int_equal(report.sections[EXCHANGE_MEETINGS].added, 2);
    assert_int_equal(report.sections[EXCHANGE_STEPS].added, 3);
    assert_int_equal(report.sections[EXCHANGE_JOURNAL].added, 2);
    assert_int_equal(report.sections[EXCHANGE_CONTACTS].added, 2);
    assert_int_equal(report.sections[EXCHANGE_MILESTONES_SEEN].added, 4);
    assert_int_equal(report.added, 25);
    assert_int_equal(report.updated, 0);
    assert_int_equal(report.skipped, 0);

    /* The records themselves, through the typed functions, keep their identity and text. */
    struct checkin a, b;
    assert_int_equal(store_checkin_get_by_date(source, "2026-11-20", &a), ODAAT_OK);
    assert_int_equal(store_checkin_get_by_date(copy, "2026-11-20", &b), ODAAT_OK);
    assert_string_equal(b.meta.uuid, a.meta.uuid);
    assert_string_equal(b.meta.created_at, T2);
    assert_string_equal(b.meta.updated_at, T2);
    assert_string_equal(b.note, NOTE_TRICKY);
    assert_int_equal(b.triggers.count, 2);
    assert_string_equal(b.triggers.items[1], "一日一日");
    assert_string_equal(b.gratitude.items[0], "my sponsor \"Sam\"");
    assert_non_null(strstr(second, "\"note\":\"call before 9; C:\\\\u0000 is text, not a NUL\""));
    store_checkin_free(&a);
    store_checkin_free(&b);

    struct journal_hit *hits = NULL;
    size_t count = 0;
    assert_int_equal(store_journal_search(copy, "letting", 0, &hits, &count), ODAAT_OK);
    assert_int_equal(count, 1); /* the search index followed the import */
    store_journal_hits_free(hits, count);

    exchange_text_free(first);
    exchange_text_free(second);
    store_close(source);
    store_close(copy);
}

static void test_round_trip_survives_a_saved_image(void **state)
{
    (void)state;
    struct store *source = open_filled();
    char *first = export_json(source);
    struct store *copy = open_empty();
    import_ok(copy, first);

    const uint8_t *image = NULL;
    size_t len = 0;
    assert_int_equal(store_image(copy, &image, &len), ODAAT_OK);
    uint8_t *owned = sqlite3_malloc64(len);
    assert_non_null(owned);
    memcpy(owned, image, len);
    struct store *reopened = NULL;
    assert_int_equal(store_open_image(owned, len, &reopened), ODAAT_OK);
    char *second = export_json(reopened);
    assert_string_equal(second, first);

    exchange_text_free(first);
    exchange_text_free(second);
    store_close(source);
    store_close(copy);
    store_close(reopened);
}

static void test_export_is_one_line_with_typed_settings_and_escaped_text(void **state)
{
    (void)state;
    struct store *store = open_filled();
    char *json = export_json(store);
    size_t len = strlen(json);
    assert_true(len > 2);
    assert_int_equal(json[len - 1], '\n');
    assert_int_equal(count_of(json, "\n"), 1);
    assert_int_equal(
        strncmp(json,
                "{\"format\":\"odaat-export\",\"version\":1,\"exported_at\":\"" EXPORTED
                "\",\"settings\":{\"date_is\":\"first-clean-day\","
                "\"day_boundary_hour\":4,\"idle_lock_minutes\":5,\"program\":\"ca\","
                "\"theme\":\"dark \\\"night\\\"\"},\"trackers\":[",
                strlen("{\"format\":\"odaat-export\",\"version\":1,\"exported_at\":\"" EXPORTED
                       "\",\"settings\":{\"date_is\":\"first-clean-day\","
                       "\"day_boundary_hour\":4,\"idle_lock_minutes\":5,"
                       "\"program\":\"ca\",\"theme\":\"dark \\\"night\\\"\"},"
                       "\"trackers\":[")),
        0);
    assert_non_null(strstr(json, "\"note\":\"line one\\nline\\ttwo \\\\ \\\"quoted\\\" end\""));
    assert_non_null(strstr(json, "\"name\":\"Élodie's 一日一日 😀\",\"kind\":\"behaviour\","
                                 "\"preset\":\"none\",\"date_is\":\"last-use-day\","
                                 "\"archived\":true,"));
    assert_non_null(strstr(json, "\"triggers\":[\"stress\",\"一日一日\"]"));
    assert_non_null(strstr(json, "\"inventory\":{\"resentments\":[\"boss\"],\"honest\":true}"));
    assert_non_null(strstr(json, "\"date\":\"2026-11-21\",\"mood\":null,\"craving\":null,"
                                 "\"triggers\":[],\"gratitude\":[],\"note\":null,"
                                 "\"inventory\":null,"));
    assert_non_null(strstr(json, "\"start_date\":\"2025-10-06\",\"start_time\":\"07:30\","
                                 "\"end_date\":null,\"end_note\":null,"));
    assert_non_null(strstr(json, "\"title\":null,\"body\":\"\",\"step\":null,\"mood\":null,"));
    assert_non_null(strstr(json, ",\"milestones_seen\":[{\"uuid\":"));
    assert_non_null(strstr(json, "\"unit\":\"hours\",\"count\":24,"));

    /* The same store gives the same bytes. */
    char *again = export_json(store);
    assert_string_equal(again, json);
    exchange_text_free(again);
    exchange_text_free(json);
    store_close(store);
}

static void test_records_are_ordered_by_created_at_then_uuid(void **state)
{
    (void)state;
    struct store *store = open_empty();
    store_set_now(store, T2);
    put_journal(store, "second", "b", 0, 0);
    store_set_now(store, T1);
    put_journal(store, "first", "a", 0, 0);
    char *json = export_json(store);
    char *first = strstr(json, "\"title\":\"first\"");
    char *second = strstr(json, "\"title\":\"second\"");
    assert_non_null(first);
    assert_non_null(second);
    assert_true(first < second);
    exchange_text_free(json);
    store_close(store);
}

static void test_a_non_integer_stored_for_an_integer_setting_is_written_as_text(void **state)
{
    (void)state;
    struct store *store = open_empty();
    store_set_now(store, T1);
    assert_int_equal(store_setting_set(store, "day_boundary_hour", "04"), ODAAT_OK);
    char *json = export_json(store);
    assert_non_null(strstr(json, "\"settings\":{\"day_boundary_hour\":\"04\"}"));

    /* ... which import then refuses as the wrong type, rather than guessing. */
    struct store *copy = open_empty();
    char error[EXCHANGE_ERROR_SIZE];
    assert_int_equal(exchange_import_json(copy, json, NULL, error, sizeof error),
                     ODAAT_ERR_INVALID);
    assert_string_equal(error, "settings.day_boundary_hour must be a whole number");
    exchange_text_free(json);
    store_close(store);
    store_close(copy);
}

#define EMPTY_DOCUMENT                                                                             \
    "{\"format\":\"odaat-export\",\"version\":1,\"exported_at\":\"" EXPORTED "\","                 \
    "\"settings\":{},\"trackers\":[],\"streaks\":[],\"checkins\":[],\"meetings\":[],"              \
    "\"steps\":[],\"journal\":[],\"contacts\":[],\"milestones_seen\":[]}\n"

static void test_empty_store_exports_and_imports_the_empty_document(void **state)
{
    (void)state;
    struct store *store = open_empty();
    char *json = export_json(store);
    assert_string_equal(json, EMPTY_DOCUMENT);

    struct store *copy = open_empty();
    struct exchange_report report = import_ok(copy, json);
    assert_int_equal(report.added + report.updated + report.skipped, 0);
    char *again = export_json(copy);
    assert_string_equal(again, EMPTY_DOCUMENT);

    /* And the empty document into a full store changes nothing. */
    struct store *full = open_filled();
    char *before = export_json(full);
    report = import_ok(full, json);
    assert_int_equal(report.added + report.updated + report.skipped, 0);
    char *after = export_json(full);
    assert_string_equal(after, before);

    exchange_text_free(json);
    exchange_text_free(again);
    exchange_text_free(before);
    exchange_text_free(after);
    store_close(store);
    store_close(copy);
    store_close(full);
}

static void test_bad_exported_at_or_today_is_invalid(void **state)
{
    (void)state;
    struct store *store = open_empty();
    char *out = (char *)1;
    assert_int_equal(exchange_export_json(store, "2026-11-23", &out), ODAAT_ERR_INVALID);
    assert_null(out);
    out = (char *)1;
    assert_int_equal(exchange_export_json(store, "2025-02-30T00:00:00Z", &out), ODAAT_ERR_INVALID);
    assert_null(out);
    out = (char *)1;
    assert_int_equal(exchange_export_markdown(store, "2025-02-30", &out), ODAAT_ERR_INVALID);
    assert_null(out);
    store_close(store);
}

static void test_section_names_follow_the_document(void **state)
{
    (void)state;
    assert_string_equal(exchange_section_name(EXCHANGE_SETTINGS), "settings");
    assert_string_equal(exchange_section_name(EXCHANGE_JOURNAL), "journal");
    assert_string_equal(exchange_section_name(EXCHANGE_MILESTONES_SEEN), "milestones_seen");
    assert_null(exchange_section_name(EXCHANGE_SECTION_COUNT));
}

/* ---- Import into a store that has records ------------------------------------------------ */

static void set_checkin_mood(struct store *store, const char *date, int mood, const char *now)
{
    struct checkin c;
    assert_int_equal(store_checkin_get_by_date(store, date, &c), ODAAT_OK);
    c.has_mood = true;
    c.mood = mood;
    store_set_now(store, now);
    assert_int_equal(store_checkin_put(store, &c), ODAAT_OK);
    store_checkin_free(&c);
}

static void set_meeting_name(struct store *store, const char *date, const char *name,
                             const char *now)
{
    struct meeting *list = NULL;
    size_t count = 0;
    assert_int_equal(store_meeting_list(store, date, date, &list, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    free(list[0].name);
    list[0].name = dup(name);
    store_set_now(store, now);
    assert_int_equal(store_meeting_put(store, &list[0]), ODAAT_OK);
    store_meeting_list_free(list, count);
}

static void test_import_into_a_store_newer_wins_older_and_equal_are_skipped(void **state)
{
    (void)state;
    struct store *a = open_filled();
    char *base = export_json(a);
    struct store *b = open_empty();
    import_ok(b, base);

    /* Newer in the file: A changes a check-in after B last did. */
    set_checkin_mood(a, "2026-11-20", 1, T3);
    /* Older in the file: both change the other check-in, B later. */
    set_checkin_mood(a, "2026-11-21", 5, T3);
    set_checkin_mood(b, "2026-11-21", 2, T4);
    /* Equal times, different text: the store's stays. */
    set_meeting_name(a, "2026-11-18", "from the file", T3);
    set_meeting_name(b, "2026-11-18", "from the store", T3);
    /* New in the file. */
    store_set_now(a, T3);
    put_journal(a, "new one", "written later", 0, 0);

    char *newer = export_json(a);
    struct exchange_report report = import_ok(b, newer);
    assert_int_equal(report.sections[EXCHANGE_CHECKINS].updated, 1);
    assert_int_equal(report.sections[EXCHANGE_CHECKINS].skipped, 1);
    assert_int_equal(report.sections[EXCHANGE_CHECKINS].added, 0);
    assert_int_equal(report.sections[EXCHANGE_MEETINGS].skipped, 2);
    assert_int_equal(report.sections[EXCHANGE_JOURNAL].added, 1);
    assert_int_equal(report.sections[EXCHANGE_JOURNAL].skipped, 2);
    assert_int_equal(report.sections[EXCHANGE_SETTINGS].skipped, 5);
    assert_int_equal(report.added, 1);
    assert_int_equal(report.updated, 1);
    assert_int_equal(report.skipped, 24);

    struct checkin c;
    assert_int_equal(store_checkin_get_by_date(b, "2026-11-20", &c), ODAAT_OK);
    assert_int_equal(c.mood, 1);
    assert_string_equal(c.meta.created_at, T2); /* the file's times, not re-stamped */
    assert_string_equal(c.meta.updated_at, T3);
    assert_string_equal(c.note, NOTE_TRICKY);
    store_checkin_free(&c);
    assert_int_equal(store_checkin_get_by_date(b, "2026-11-21", &c), ODAAT_OK);
    assert_int_equal(c.mood, 2);
    assert_string_equal(c.meta.updated_at, T4);
    store_checkin_free(&c);

    struct meeting *list = NULL;
    size_t count = 0;
    assert_int_equal(store_meeting_list(b, "2026-11-18", "2026-11-18", &list, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    assert_string_equal(list[0].name, "from the store");
    store_meeting_list_free(list, count);

    struct journal_entry *entries = NULL;
    assert_int_equal(store_journal_list(b, 1, 0, &entries, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    assert_string_equal(entries[0].title, "new one");
    assert_string_equal(entries[0].meta.created_at, T3);
    store_journal_list_free(entries, count);

    /* A second import of the same file finds nothing newer. */
    report = import_ok(b, newer);
    assert_int_equal(report.added + report.updated, 0);
    assert_int_equal(report.skipped, 26);

    exchange_text_free(base);
    exchange_text_free(newer);
    store_close(a);
    store_close(b);
}

static void test_settings_take_the_documents_time(void **state)
{
    (void)state;
    struct store *store = open_empty();
    store_set_now(store, "2026-01-01T00:00:00Z"); /* before EXPORTED */
    assert_int_equal(store_setting_set(store, "program", "aa"), ODAAT_OK);
    assert_int_equal(store_setting_set(store, "idle_lock_minutes", "5"), ODAAT_OK);
    store_set_now(store, "2026-12-31T00:00:00Z"); /* after EXPORTED */
    assert_int_equal(store_setting_set(store, "theme", "light"), ODAAT_OK);

    char *doc = dq("{'format':'odaat-export','version':1,'exported_at':'" EXPORTED "',"
                   "'settings':{'program':'ca','idle_lock_minutes':5,'theme':'dark',"
                   "'day_boundary_hour':3}}");
    struct exchange_report report = import_ok(store, doc);
    assert_int_equal(report.sections[EXCHANGE_SETTINGS].added, 1);   /* day_boundary_hour */
    assert_int_equal(report.sections[EXCHANGE_SETTINGS].updated, 1); /* program, older */
    assert_int_equal(report.sections[EXCHANGE_SETTINGS].skipped, 2); /* same; newer */

    char *value = NULL;
    assert_int_equal(store_setting_value(store, "program", &value), ODAAT_OK);
    assert_string_equal(value, "ca");
    free(value);
    assert_int_equal(store_setting_value(store, "theme", &value), ODAAT_OK);
    assert_string_equal(value, "light");
    free(value);
    assert_int_equal(store_setting_value(store, "day_boundary_hour", &value), ODAAT_OK);
    assert_string_equal(value, "3");
    free(value);

    struct setting *list = NULL;
    size_t count = 0;
    assert_int_equal(store_setting_list(store, &list, &count), ODAAT_OK);
    assert_int_equal(count, 4);
    assert_string_equal(list[0].key, "day_boundary_hour");
    assert_string_equal(list[0].meta.created_at, EXPORTED);
    assert_string_equal(list[2].key, "program");
    assert_string_equal(list[2].meta.created_at, "2026-01-01T00:00:00Z");
    assert_string_equal(list[2].meta.updated_at, EXPORTED);
    store_setting_list_free(list, count);
    free(doc);
    store_close(store);
}

/* The uuids of the hand-written documents below. */
#define UA   "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
#define UA2  "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa2"
#define UB   "bbbbbbbb-bbbb-4bbb-9bbb-bbbbbbbbbbbb"
#define UB2  "bbbbbbbb-bbbb-4bbb-9bbb-bbbbbbbbbbb2"
#define UC   "cccccccc-cccc-4ccc-accc-cccccccccccc"
#define UC2  "cccccccc-cccc-4ccc-accc-ccccccccccc2"
#define UM   "dddddddd-dddd-4ddd-bddd-dddddddddddd"
#define US   "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee"
#define UJ   "ffffffff-ffff-4fff-9fff-ffffffffffff"
#define UK   "12345678-1234-4234-a234-123456789abc"
#define UMS  "87654321-4321-4321-b321-cba987654321"
#define UMS2 "87654321-4321-4321-b321-cba987654322"

#define HEAD  "{'format':'odaat-export','version':1,'exported_at':'" EXPORTED "'"
#define TIMES "'created_at':'" T1 "','updated_at':'" T1 "'"

static void test_missing_optional_keys_are_null_or_the_schemas_default(void **state)
{
    (void)state;
    char *doc = dq(HEAD ",'settings':null,'journal':null,"
                        "'trackers':[{'uuid':'" UA "','name':'n','preset':'ca'," TIMES "}],"
                        "'streaks':[{'uuid':'" UB "','tracker_uuid':'" UA
                        "','start_date':'2025-01-01'," TIMES "}],"
                        "'checkins':[{'uuid':'" UC "','date':'2026-01-02'," TIMES "}],"
                        "'meetings':[{'uuid':'" UM "','date':'2026-01-03'," TIMES "}],"
                        "'steps':[{'uuid':'" US "','program':'aa','number':3," TIMES "}],"
                        "'contacts':[{'uuid':'" UK "','name':'Jo','role':'friend'," TIMES "}]}");
    struct store *store = open_empty();
    struct exchange_report report = import_ok(store, doc);
    assert_int_equal(report.added, 6);
    char *json = export_json(store);
    assert_non_null(strstr(json, "\"name\":\"n\",\"kind\":\"substance\",\"preset\":\"ca\","
                                 "\"date_is\":\"first-clean-day\",\"archived\":false,"));
    assert_non_null(strstr(json, "\"start_date\":\"2025-01-01\",\"start_time\":null,"
                                 "\"end_date\":null,\"end_note\":null,"));
    assert_non_null(strstr(json, "\"date\":\"2026-01-02\",\"mood\":null,\"craving\":null,"
                                 "\"triggers\":[],\"gratitude\":[],\"note\":null,"
                                 "\"inventory\":null,"));
    assert_non_null(strstr(json, "\"date\":\"2026-01-03\",\"time\":null,\"fellowship\":null,"
                                 "\"name\":null,\"format\":null,\"location\":null,"
                                 "\"role\":\"attended\",\"note\":null,"));
    assert_non_null(strstr(json, "\"program\":\"aa\",\"number\":3,\"status\":\"not-started\","
                                 "\"started_on\":null,\"completed_on\":null,\"note\":null,"));
    assert_non_null(strstr(json, "\"name\":\"Jo\",\"role\":\"friend\",\"phone\":null,"
                                 "\"note\":null,"));
    assert_non_null(strstr(json, "\"settings\":{},"));
    assert_non_null(strstr(json, "\"journal\":[],"));
    exchange_text_free(json);
    free(doc);
    store_close(store);
}

static void test_every_word_of_the_core_imports(void **state)
{
    (void)state;
    /* The words the exchange accepts for units and date_is are the core's own. */
    const enum milestone_unit units[] = {MILESTONE_HOURS, MILESTONE_DAYS, MILESTONE_MONTHS,
                                         MILESTONE_YEARS};
    struct store *store = open_empty();
    store_set_now(store, T1);
    int64_t id = put_tracker(store, "t", TRACKER_SUBSTANCE, "ca", MILESTONE_LAST_USE_DAY, false);
    for (size_t i = 0; i < 4; i++)
        put_milestone(store, id, units[i], 7);
    char *json = export_json(store);
    for (size_t i = 0; i < 4; i++) {
        char piece[64];
        snprintf(piece, sizeof piece, "\"unit\":\"%s\",\"count\":7", milestone_unit_name(units[i]));
        assert_non_null(strstr(json, piece));
    }
    char piece[64];
    snprintf(piece, sizeof piece, "\"date_is\":\"%s\"",
             milestone_date_is_name(MILESTONE_LAST_USE_DAY));
    assert_non_null(strstr(json, piece));
    struct store *copy = open_empty();
    assert_int_equal(import_ok(copy, json).added, 5);
    exchange_text_free(json);
    store_close(store);
    store_close(copy);
}

static int memfind(const uint8_t *hay, size_t hay_len, const char *needle)
{
    return memmem(hay, hay_len, needle, strlen(needle)) != NULL;
}

static void test_journal_text_replaced_by_an_import_leaves_no_trace_in_the_image(void **state)
{
    (void)state;
    char *old_doc = dq(HEAD ",'journal':[{'uuid':'" UJ "','title':null,"
                            "'body':'zebraquartzold','step':null,'mood':null," TIMES "}]}");
    char *new_doc = dq(HEAD ",'journal':[{'uuid':'" UJ "','title':null,"
                            "'body':'walrusnew','step':null,'mood':null,"
                            "'created_at':'" T1 "','updated_at':'" T2 "'}]}");
    struct store *store = open_empty();
    import_ok(store, old_doc);
    const uint8_t *image = NULL;
    size_t len = 0;
    assert_int_equal(store_image(store, &image, &len), ODAAT_OK);
    /* The check can see the text, and the trigrams of the search index (each a term there). */
    assert_true(memfind(image, len, "zebraquartzold"));
    assert_true(memfind(image, len, "zeb"));

    struct exchange_report report = import_ok(store, new_doc);
    assert_int_equal(report.sections[EXCHANGE_JOURNAL].updated, 1);
    assert_int_equal(store_image(store, &image, &len), ODAAT_OK);
    assert_true(memfind(image, len, "walrusnew"));
    assert_false(memfind(image, len, "zebraquartzold"));
    assert_false(memfind(image, len, "zeb"));

    struct journal_hit *hits = NULL;
    size_t count = 0;
    assert_int_equal(store_journal_search(store, "zebra", 0, &hits, &count), ODAAT_OK);
    assert_int_equal(count, 0);
    assert_int_equal(store_journal_search(store, "walrus", 0, &hits, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    store_journal_hits_free(hits, count);
    free(old_doc);
    free(new_doc);
    store_close(store);
}

/* ---- Refusals ---------------------------------------------------------------------------- */

/* Imports doc (with ' for ") into a full store: it must be refused with exactly expected,
 * the report zeroed, and the store's export the same bytes as before. */
static void refusal_check(const char *doc, const char *expected)
{
    struct store *store = open_filled();
    char *before = export_json(store);
    char *json = dq(doc);
    struct exchange_report report;
    memset(&report, 0xAB, sizeof report);
    char error[EXCHANGE_ERROR_SIZE] = "";
    assert_int_equal(exchange_import_json(store, json, &report, error, sizeof error),
                     ODAAT_ERR_INVALID);
    assert_string_equal(error, expected);
    assert_null(strchr(error, '\n'));
    assert_int_equal(report.added + report.updated + report.skipped, 0);
    assert_int_equal(report.sections[EXCHANGE_TRACKERS].added, 0);
    char *after = export_json(store);
    assert_string_equal(after, before);
    exchange_text_free(before);
    exchange_text_free(after);
    free(json);
    store_close(store);
}

#define REFUSAL(name, doc, expected)                                                               \
    static void test_refuses_##name(void **state)                                                  \
    {                                                                                              \
        (void)state;                                                                               \
        refusal_check(doc, expected);                                                              \
    }

#define TRACKER_A              "{'uuid':'" UA "','name':'alcohol','preset':'aa'," TIMES "}"
#define CHECKIN_OK(uuid, date) "{'uuid':'" uuid "','date':'" date "','mood':3," TIMES "}"

REFUSAL(text_that_is_not_json, "{'format':'odaat-export',", "the file is not valid JSON")
REFUSAL(json_that_is_not_an_object, "[1,2]",
        "the file holds no JSON object: it is not an odaat export")
REFUSAL(a_file_that_is_not_utf8, HEAD ",'settings':{'theme':'caf\xe9'}}",
        "the file is not UTF-8 text (byte 98)")
REFUSAL(an_unknown_format, "{'format':'odaat-backup','version':1}",
        "format must be \"odaat-export\", not \"odaat-backup\": the file is not an odaat export")
REFUSAL(a_missing_format, "{'version':1}", "format is missing: the file is not an odaat export")
REFUSAL(an_unknown_version, "{'format':'odaat-export','version':2,'future':[]}",
        "version 2 is not one this odaat reads (it reads version 1)")
REFUSAL(a_version_as_text, "{'format':'odaat-export','version':'1'}",
        "version must be a whole number")
REFUSAL(a_missing_exported_at, "{'format':'odaat-export','version':1}", "exported_at is missing")
REFUSAL(an_unknown_top_level_key, HEAD ",'notes':[]}",
        "unknown key \"notes\" at the top of the file")
REFUSAL(a_top_level_key_twice, HEAD ",'checkins':[],'checkins':[]}",
        "the key \"checkins\" appears twice at the top of the file")
REFUSAL(a_section_that_is_not_an_array, HEAD ",'checkins':{}}", "checkins must be an array")
REFUSAL(a_record_that_is_not_an_object, HEAD ",'checkins':[7]}", "checkins[0] must be an object")
REFUSAL(an_unknown_key_in_a_record,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01','moood':4," TIMES "}]}",
        "checkins[0] (uuid " UC "): unknown key \"moood\"")
REFUSAL(a_key_with_a_line_break_shown_on_one_line,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01','a\\nb':4," TIMES "}]}",
        "checkins[0] (uuid " UC "): unknown key \"a?b\"")
REFUSAL(a_key_written_with_escapes,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01','\\u006dood':4," TIMES "}]}",
        "checkins[0] (uuid " UC "): the key \"mood\" must be written without escapes")
REFUSAL(a_key_twice_in_a_record,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01','mood':4,'mood':5," TIMES "}]}",
        "checkins[0] (uuid " UC "): the key \"mood\" appears twice")
REFUSAL(a_mood_out_of_range,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01','mood':6," TIMES "}]}",
        "checkins[0] (uuid " UC "): mood must be 1 to 5")
REFUSAL(a_mood_as_text,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01','mood':'4'," TIMES "}]}",
        "checkins[0] (uuid " UC "): mood must be a whole number")
REFUSAL(a_mood_with_a_fraction,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01','mood':4.5," TIMES "}]}",
        "checkins[0] (uuid " UC "): mood must be a whole number")
REFUSAL(a_craving_too_large_for_64_bits,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01',"
             "'craving':99999999999999999999," TIMES "}]}",
        "checkins[0] (uuid " UC "): craving must be a whole number")
REFUSAL(a_negative_craving,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01','craving':-1," TIMES "}]}",
        "checkins[0] (uuid " UC "): craving must be 0 to 10")
REFUSAL(an_impossible_date_after_good_records,
        HEAD ",'trackers':[" TRACKER_A
             "],'checkins':[" CHECKIN_OK(UC, "2026-01-01") ","
                                                           "{'uuid':'" UC2
                                                           "','date':'2025-02-30'," TIMES "}]}",
        "checkins[1] (uuid " UC2 "): date must be a real day written YYYY-MM-DD, not "
        "\"2025-02-30\"")
REFUSAL(a_malformed_timestamp,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01',"
             "'created_at':'2026-11-23 09:41:07','updated_at':'" T1 "'}]}",
        "checkins[0] (uuid " UC "): created_at must be a real UTC time written "
        "YYYY-MM-DDTHH:MM:SSZ, not \"2026-11-23 09:41:07\"")
REFUSAL(a_missing_updated_at,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01','created_at':'" T1 "'}]}",
        "checkins[0] (uuid " UC "): updated_at is required")
REFUSAL(a_malformed_uuid, HEAD ",'checkins':[{'uuid':'ABC','date':'2026-01-01'," TIMES "}]}",
        "checkins[0]: uuid must be a lowercase version 4 UUID, not \"ABC\"")
REFUSAL(a_uuid_twice_in_a_section,
        HEAD ",'checkins':[" CHECKIN_OK(UC, "2026-01-01") "," CHECKIN_OK(UC, "2026-01-02") "]}",
        "checkins[1] (uuid " UC "): the same uuid is already on checkins[0]")
REFUSAL(triggers_that_are_not_texts,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01','triggers':['a',1]," TIMES "}]}",
        "checkins[0] (uuid " UC "): triggers must be an array of texts")
REFUSAL(gratitude_that_is_not_an_array,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01','gratitude':'a'," TIMES "}]}",
        "checkins[0] (uuid " UC "): gratitude must be an array of texts")
REFUSAL(an_inventory_that_is_not_an_object,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01','inventory':[]," TIMES "}]}",
        "checkins[0] (uuid " UC "): inventory must be an object or null")
REFUSAL(a_note_holding_nul,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01','note':'a\\u0000b'," TIMES "}]}",
        "the file holds the escape \\u0000 at byte 162, a character odaat does not keep (NUL or "
        "half a surrogate pair)")
REFUSAL(half_a_surrogate_pair,
        HEAD ",'checkins':[{'uuid':'" UC "','date':'2026-01-01','note':'\\ud83d!'," TIMES "}]}",
        "the file holds the escape \\ud83d at byte 161, a character odaat does not keep (NUL or "
        "half a surrogate pair)")
REFUSAL(a_check_in_for_a_date_the_store_has, HEAD ",'checkins':[" CHECKIN_OK(UC, "2026-11-20") "]}",
        "checkins[0] (uuid " UC "): another check-in is already dated 2026-11-20")
REFUSAL(a_streak_of_a_tracker_neither_in_the_file_nor_the_store,
        HEAD ",'streaks':[{'uuid':'" UB "','tracker_uuid':'" UA "','start_date':'2025-01-01'," TIMES
             "}]}",
        "streaks[0] (uuid " UB "): tracker_uuid " UA " is neither in the file nor in the store")
REFUSAL(a_streak_ending_before_it_starts,
        HEAD ",'trackers':[" TRACKER_A "],'streaks':[{'uuid':'" UB "','tracker_uuid':'" UA "',"
             "'start_date':'2025-01-10','end_date':'2025-01-09'," TIMES "}]}",
        "streaks[0] (uuid " UB "): end_date is before start_date")
REFUSAL(an_end_note_on_an_open_streak,
        HEAD ",'trackers':[" TRACKER_A "],'streaks':[{'uuid':'" UB "','tracker_uuid':'" UA "',"
             "'start_date':'2025-01-10','end_note':'x'," TIMES "}]}",
        "streaks[0] (uuid " UB "): end_note belongs to a streak with an end_date")
REFUSAL(a_second_open_streak,
        HEAD ",'trackers':[" TRACKER_A "],'streaks':[{'uuid':'" UB "','tracker_uuid':'" UA "',"
             "'start_date':'2025-01-10'," TIMES "},{'uuid':'" UB2 "','tracker_uuid':'" UA "',"
             "'start_date':'2025-02-10'," TIMES "}]}",
        "streaks[1] (uuid " UB2 "): its tracker already has an open streak (one may be open)")
REFUSAL(a_start_time_of_24_00,
        HEAD ",'trackers':[" TRACKER_A "],'streaks':[{'uuid':'" UB "','tracker_uuid':'" UA "',"
             "'start_date':'2025-01-10','start_time':'24:00'," TIMES "}]}",
        "streaks[0] (uuid " UB "): start_time must be a time of day written HH:MM, not \"24:00\"")
REFUSAL(archived_that_is_not_a_boolean,
        HEAD ",'trackers':[{'uuid':'" UA "','name':'x','preset':'aa','archived':'yes'," TIMES "}]}",
        "trackers[0] (uuid " UA "): archived must be true or false")
REFUSAL(a_blank_tracker_name,
        HEAD ",'trackers':[{'uuid':'" UA "','name':'   ','preset':'aa'," TIMES "}]}",
        "trackers[0] (uuid " UA "): name must not be blank")
REFUSAL(a_tracker_name_the_store_has_in_another_case,
        HEAD ",'trackers':[{'uuid':'" UA "','name':'COCAINE','preset':'ca'," TIMES "}]}",
        "trackers[0] (uuid " UA "): another tracker is already called \"COCAINE\"")
REFUSAL(a_bad_preset,
        HEAD ",'trackers':[{'uuid':'" UA "','name':'x','preset':'Big Book'," TIMES "}]}",
        "trackers[0] (uuid " UA "): preset must be 1 to 16 of a-z, 0-9 and '-', starting with a "
        "letter, not \"Big Book\"")
REFUSAL(an_unknown_meeting_format,
        HEAD ",'meetings':[{'uuid':'" UM "','date':'2026-01-01','format':'zoom'," TIMES "}]}",
        "meetings[0] (uuid " UM "): format must be one of in-person, online, phone, not \"zoom\"")
REFUSAL(a_step_number_13, HEAD ",'steps':[{'uuid':'" US "','program':'ca','number':13," TIMES "}]}",
        "steps[0] (uuid " US "): number must be 1 to 12")
REFUSAL(a_step_completed_before_it_started,
        HEAD ",'steps':[{'uuid':'" US "','program':'ca','number':5,'started_on':'2026-02-01',"
             "'completed_on':'2026-01-01'," TIMES "}]}",
        "steps[0] (uuid " US "): completed_on is before started_on")
REFUSAL(a_journal_entry_without_a_body,
        HEAD ",'journal':[{'uuid':'" UJ "','title':'t'," TIMES "}]}",
        "journal[0] (uuid " UJ "): body is required")
REFUSAL(an_unknown_contact_role,
        HEAD ",'contacts':[{'uuid':'" UK "','name':'Jo','role':'boss'," TIMES "}]}",
        "contacts[0] (uuid " UK "): role must be one of sponsor, friend, helpline, other, not "
        "\"boss\"")
REFUSAL(a_negative_milestone_count_after_good_records,
        HEAD ",'trackers':[" TRACKER_A "],'streaks':[{'uuid':'" UB "','tracker_uuid':'" UA "',"
             "'start_date':'2025-01-10'," TIMES
             "}],'checkins':[" CHECKIN_OK(UC, "2026-01-01") "],"
                                                            "'milestones_seen':[{'uuid':'" UMS
                                                            "','tracker_uuid':'" UA
                                                            "','unit':'days',"
                                                            "'count':-1," TIMES "}]}",
        "milestones_seen[0] (uuid " UMS "): count must be 0 or more")
REFUSAL(a_step_the_store_has_under_another_uuid,
        HEAD ",'steps':[{'uuid':'" US "','program':'ca','number':4," TIMES "}]}",
        "steps[0] (uuid " US "): step 4 of ca is already in another record")
REFUSAL(the_same_milestone_twice,
        HEAD ",'trackers':[" TRACKER_A "],'milestones_seen':["
             "{'uuid':'" UMS "','tracker_uuid':'" UA "','unit':'days','count':30," TIMES "},"
             "{'uuid':'" UMS2 "','tracker_uuid':'" UA "','unit':'days','count':30," TIMES "}]}",
        "milestones_seen[1] (uuid " UMS2 "): the milestone 30 days is already recorded for its "
        "tracker")
REFUSAL(a_bad_setting_name, HEAD ",'settings':{'Theme':'x'}}",
        "settings: \"Theme\" is not a setting name (1 to 64 of a-z, 0-9 and '_', starting with a "
        "letter)")
REFUSAL(a_setting_twice, HEAD ",'settings':{'theme':'x','theme':'y'}}",
        "settings: the key \"theme\" appears twice")
REFUSAL(a_day_boundary_out_of_range, HEAD ",'settings':{'program':'ca','day_boundary_hour':13}}",
        "settings.day_boundary_hour must be 0 to 12")
REFUSAL(an_idle_lock_as_text, HEAD ",'settings':{'idle_lock_minutes':'5'}}",
        "settings.idle_lock_minutes must be a whole number")
REFUSAL(an_unknown_date_is, HEAD ",'settings':{'date_is':'someday'}}",
        "settings.date_is must be one of first-clean-day, last-use-day, not \"someday\"")
REFUSAL(a_setting_that_is_not_text, HEAD ",'settings':{'theme':5}}", "settings.theme must be text")
REFUSAL(a_null_setting, HEAD ",'settings':{'program':null}}", "settings.program is required")

static void test_no_document_is_invalid_and_a_tiny_error_buffer_is_fine(void **state)
{
    (void)state;
    struct store *store = open_empty();
    char error[8] = "x";
    assert_int_equal(exchange_import_json(store, NULL, NULL, error, sizeof error),
                     ODAAT_ERR_INVALID);
    assert_string_equal(error, "there i"); /* cut, and terminated */
    assert_int_equal(exchange_import_json(store, "[]", NULL, NULL, 0), ODAAT_ERR_INVALID);
    store_close(store);
}

/* ---- CSV and Markdown -------------------------------------------------------------------- */

static void test_csv_quotes_commas_quotes_and_line_breaks(void **state)
{
    (void)state;
    static const char *const triggers[] = {"work, mostly", "sleep"};
    struct store *store = open_empty();
    store_set_now(store, T1);
    assert_int_equal(store_setting_set(store, "theme", "a,b"), ODAAT_OK);
    struct contact c = {.name = dup("Sam \"the man\""),
                        .role = CONTACT_SPONSOR,
                        .phone = dup("+44\r7700"),
                        .note = dup("line one\r\nline two")};
    assert_int_equal(store_contact_put(store, &c), ODAAT_OK);
    struct checkin k = {.triggers = tags_of(triggers, 2), .has_mood = true, .mood = 5};
    strcpy(k.date, "2026-11-20");
    assert_int_equal(store_checkin_put(store, &k), ODAAT_OK);

    char *csv = NULL;
    assert_int_equal(exchange_export_csv(store, &csv), ODAAT_OK);
    char expected[2048];
    snprintf(expected, sizeof expected,
             "# settings\nkey,value\ntheme,\"a,b\"\n\n"
             "# trackers\nuuid,name,kind,preset,date_is,archived,created_at,updated_at\n\n"
             "# streaks\nuuid,tracker_uuid,start_date,start_time,end_date,end_note,created_at,"
             "updated_at\n\n"
             "# checkins\nuuid,date,mood,craving,triggers,gratitude,note,inventory,created_at,"
             "updated_at\n%s,2026-11-20,5,,\"work, mostly; sleep\",,,," T1 "," T1 "\n\n"
             "# meetings\nuuid,date,time,fellowship,name,format,location,role,note,created_at,"
             "updated_at\n\n"
             "# steps\nuuid,program,number,status,started_on,completed_on,note,created_at,"
             "updated_at\n\n"
             "# journal\nuuid,title,body,step,mood,created_at,updated_at\n\n"
             "# contacts\nuuid,name,role,phone,note,created_at,updated_at\n"
             "%s,\"Sam \"\"the man\"\"\",sponsor,\"+44\r7700\",\"line one\r\nline two\"," T1 "," T1
             "\n\n"
             "# milestones_seen\nuuid,tracker_uuid,unit,count,created_at,updated_at\n\n",
             k.meta.uuid, c.meta.uuid);
    assert_string_equal(csv, expected);
    exchange_text_free(csv);
    store_contact_free(&c);
    store_checkin_free(&k);
    store_close(store);
}

static void test_markdown_has_the_sections_and_the_text_and_no_uuids(void **state)
{
    (void)state;
    struct store *store = open_filled();
    char *md = NULL;
    assert_int_equal(exchange_export_markdown(store, TODAY, &md), ODAAT_OK);
    static const char *const pieces[] = {
        "# My recovery record\n\nAs of 2026-11-23.\n",
        "## Clean time\n\n### cocaine\n\n"
        "- Clean since 2025-10-06: 413 days so far.\n"
        "- From 2025-02-02 to 2025-10-05: 245 days. a hard night, \"really\" \\ .\n",
        "### Élodie's 一日一日 😀 (archived)\n\n- From 2024-01-01 to 2024-03-01: 60 days.\n",
        "## Check-ins\n\n| Date | Mood | Craving | Triggers | Grateful for | Note |\n",
        "| 2026-11-20 | 4 of 5 | 2 of 10 | stress, 一日一日 | my sponsor \"Sam\" | line one "
        "line two \\\\ \"quoted\" end |\n",
        "| 2026-11-21 |  |  |  |  |  |\n",
        "## Meetings\n\n",
        "| 2026-11-17 | 19:30 | CA | Tuesday \\| step group | online |  | shared | Élodie "
        "chaired 😀 |\n",
        "| 2026-11-18 |  |  |  |  |  | attended |  |\n",
        "## Step work\n\n- **Step 1** (CA): done on 2026-02-01.\n"
        "- **Step 2** (CA): not started yet.\n"
        "- **Step 4** (CA): working on it since 2026-11-10. halfway\n",
        "## Journal\n\n### ",
        "### Inventory\n\n*2026-11-24 · step 4 · mood 3 of 5*\n\n"
        "> Fears:\n> - \"letting go\"\n> \tand C:\\path\n> 一日一日 😀\n",
        "### Untitled entry\n\n*2026-11-24*\n\n(no text)\n",
    };
    for (size_t i = 0; i < sizeof pieces / sizeof pieces[0]; i++) {
        if (strstr(md, pieces[i]) == NULL)
            print_error("missing from the Markdown:\n%s\n--- in ---\n%s\n", pieces[i], md);
        assert_non_null(strstr(md, pieces[i]));
    }
    /* No uuids, and no contacts' numbers. */
    char *json = export_json(store);
    for (const char *p = strstr(json, "\"uuid\":\""); p != NULL; p = strstr(p + 1, "\"uuid\":\"")) {
        char uuid[37];
        memcpy(uuid, p + 8, 36);
        uuid[36] = '\0';
        assert_null(strstr(md, uuid));
    }
    assert_null(strstr(md, "7700"));
    exchange_text_free(json);
    exchange_text_free(md);
    store_close(store);
}

static void test_markdown_of_an_empty_store_says_so_kindly(void **state)
{
    (void)state;
    struct store *store = open_empty();
    char *md = NULL;
    assert_int_equal(exchange_export_markdown(store, TODAY, &md), ODAAT_OK);
    assert_string_equal(md, "# My recovery record\n\nAs of 2026-11-23.\n\n"
                            "## Clean time\n\nNothing is being tracked yet.\n\n"
                            "## Check-ins\n\nNo check-ins yet.\n\n"
                            "## Meetings\n\nNo meetings yet.\n\n"
                            "## Step work\n\nNo step work recorded yet.\n\n"
                            "## Journal\n\nNo journal entries yet.\n\n");
    exchange_text_free(md);
    store_close(store);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_gives_the_same_bytes_and_keeps_uuids_and_times),
        cmocka_unit_test(test_round_trip_survives_a_saved_image),
        cmocka_unit_test(test_export_is_one_line_with_typed_settings_and_escaped_text),
        cmocka_unit_test(test_records_are_ordered_by_created_at_then_uuid),
        cmocka_unit_test(test_a_non_integer_stored_for_an_integer_setting_is_written_as_text),
        cmocka_unit_test(test_empty_store_exports_and_imports_the_empty_document),
        cmocka_unit_test(test_bad_exported_at_or_today_is_invalid),
        cmocka_unit_test(test_section_names_follow_the_document),
        cmocka_unit_test(test_import_into_a_store_newer_wins_older_and_equal_are_skipped),
        cmocka_unit_test(test_settings_take_the_documents_time),
        cmocka_unit_test(test_missing_optional_keys_are_null_or_the_schemas_default),
        cmocka_unit_test(test_every_word_of_the_core_imports),
        cmocka_unit_test(test_journal_text_replaced_by_an_import_leaves_no_trace_in_the_image),
        cmocka_unit_test(test_refuses_text_that_is_not_json),
        cmocka_unit_test(test_refuses_json_that_is_not_an_object),
        cmocka_unit_test(test_refuses_a_file_that_is_not_utf8),
        cmocka_unit_test(test_refuses_an_unknown_format),
        cmocka_unit_test(test_refuses_a_missing_format),
        cmocka_unit_test(test_refuses_an_unknown_version),
        cmocka_unit_test(test_refuses_a_version_as_text),
        cmocka_unit_test(test_refuses_a_missing_exported_at),
        cmocka_unit_test(test_refuses_an_unknown_top_level_key),
        cmocka_unit_test(test_refuses_a_top_level_key_twice),
        cmocka_unit_test(test_refuses_a_section_that_is_not_an_array),
        cmocka_unit_test(test_refuses_a_record_that_is_not_an_object),
        cmocka_unit_test(test_refuses_an_unknown_key_in_a_record),
        cmocka_unit_test(test_refuses_a_key_with_a_line_break_shown_on_one_line),
        cmocka_unit_test(test_refuses_a_key_written_with_escapes),
        cmocka_unit_test(test_refuses_a_key_twice_in_a_record),
        cmocka_unit_test(test_refuses_a_mood_out_of_range),
        cmocka_unit_test(test_refuses_a_mood_as_text),
        cmocka_unit_test(test_refuses_a_mood_with_a_fraction),
        cmocka_unit_test(test_refuses_a_craving_too_large_for_64_bits),
        cmocka_unit_test(test_refuses_a_negative_craving),
        cmocka_unit_test(test_refuses_an_impossible_date_after_good_records),
        cmocka_unit_test(test_refuses_a_malformed_timestamp),
        cmocka_unit_test(test_refuses_a_missing_updated_at),
        cmocka_unit_test(test_refuses_a_malformed_uuid),
        cmocka_unit_test(test_refuses_a_uuid_twice_in_a_section),
        cmocka_unit_test(test_refuses_triggers_that_are_not_texts),
        cmocka_unit_test(test_refuses_gratitude_that_is_not_an_array),
        cmocka_unit_test(test_refuses_an_inventory_that_is_not_an_object),
        cmocka_unit_test(test_refuses_a_note_holding_nul),
        cmocka_unit_test(test_refuses_half_a_surrogate_pair),
        cmocka_unit_test(test_refuses_a_check_in_for_a_date_the_store_has),
        cmocka_unit_test(test_refuses_a_streak_of_a_tracker_neither_in_the_file_nor_the_store),
        cmocka_unit_test(test_refuses_a_streak_ending_before_it_starts),
        cmocka_unit_test(test_refuses_an_end_note_on_an_open_streak),
        cmocka_unit_test(test_refuses_a_second_open_streak),
        cmocka_unit_test(test_refuses_a_start_time_of_24_00),
        cmocka_unit_test(test_refuses_archived_that_is_not_a_boolean),
        cmocka_unit_test(test_refuses_a_blank_tracker_name),
        cmocka_unit_test(test_refuses_a_tracker_name_the_store_has_in_another_case),
        cmocka_unit_test(test_refuses_a_bad_preset),
        cmocka_unit_test(test_refuses_an_unknown_meeting_format),
        cmocka_unit_test(test_refuses_a_step_number_13),
        cmocka_unit_test(test_refuses_a_step_completed_before_it_started),
        cmocka_unit_test(test_refuses_a_journal_entry_without_a_body),
        cmocka_unit_test(test_refuses_an_unknown_contact_role),
        cmocka_unit_test(test_refuses_a_negative_milestone_count_after_good_records),
        cmocka_unit_test(test_refuses_a_step_the_store_has_under_another_uuid),
        cmocka_unit_test(test_refuses_the_same_milestone_twice),
        cmocka_unit_test(test_refuses_a_bad_setting_name),
        cmocka_unit_test(test_refuses_a_setting_twice),
        cmocka_unit_test(test_refuses_a_day_boundary_out_of_range),
        cmocka_unit_test(test_refuses_an_idle_lock_as_text),
        cmocka_unit_test(test_refuses_an_unknown_date_is),
        cmocka_unit_test(test_refuses_a_setting_that_is_not_text),
        cmocka_unit_test(test_refuses_a_null_setting),
        cmocka_unit_test(test_no_document_is_invalid_and_a_tiny_error_buffer_is_fine),
        cmocka_unit_test(test_csv_quotes_commas_quotes_and_line_breaks),
        cmocka_unit_test(test_markdown_has_the_sections_and_the_text_and_no_uuids),
        cmocka_unit_test(test_markdown_of_an_empty_store_says_so_kindly),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
