/*
 * test_store: the SQLite store behind odaat's records.
 *
 * Covers opening (a new store has schema version 1 and every table; an image round trip keeps
 * every record and the search index; garbage, a cut image, a damaged page, a foreign database
 * and a schema with a trigger added or changed are damaged contents; a newer user_version is
 * refused; the image grows with data and opens again), every record type's put, get, list and
 * delete with non-ASCII text, every constraint the schema holds (with the exact error and
 * nothing written, through the typed functions and through raw SQL), UUIDs, timestamps, puts
 * before the time is set, look-ups by date, name and key, the journal count, the open streak,
 * cascades, journal search (parts of words, CJK of two and three characters, accents and case,
 * ranking, limits, snippets, query syntax read as plain text, the index following edits and
 * deletes, no trace of deleted text in the image), the hardening of the connection (pragmas,
 * defensive mode, no ATTACH or VACUUM INTO), and the allocator that wipes what SQLite frees.
 * Needs the library built with ODAAT_TEST_HOOKS, for the store's own connection.
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

#include "odaat/milestone.h"
#include "odaat/store.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define T1 "2026-11-23T09:41:07Z"
#define T2 "2026-11-24T21:05:59Z"

/* ---- Helpers ----------------------------------------------------------------------------- */

static struct store *open_new(void)
{
    struct store *store = NULL;
    assert_int_equal(store_open_image(NULL, 0, &store), ODAAT_OK);
    assert_non_null(store);
    store_set_now(store, T1);
    return store;
}

static int setup(void **state)
{
    *state = open_new();
    return 0;
}

static int teardown(void **state)
{
    store_close(*state);
    return 0;
}

static int group_setup(void **state)
{
    (void)state;
    /* Before anything allocates through SQLite, as odaat's main does. */
    return store_global_init() == ODAAT_OK ? 0 : -1;
}

static char *dup(const char *text)
{
    char *copy = strdup(text);
    assert_non_null(copy);
    return copy;
}

static sqlite3 *raw(struct store *store)
{
    return store_test_db(store);
}

static int raw_exec(struct store *store, const char *sql)
{
    return sqlite3_exec(raw(store), sql, NULL, NULL, NULL);
}

static int64_t raw_int(struct store *store, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(raw(store), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t value = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return value;
}

/* Copies the first column of the first row of sql into buf. */
static void raw_text(struct store *store, const char *sql, char *buf, size_t size)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(raw(store), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *text = (const char *)sqlite3_column_text(st, 0);
    assert_non_null(text);
    assert_true(strlen(text) < size);
    strcpy(buf, text);
    sqlite3_finalize(st);
}

static int64_t rows(struct store *store, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    return raw_int(store, sql);
}

/* Gives a copy of the store's image in a sqlite3_malloc64 block, as the vault would. */
static uint8_t *image_take(struct store *store, size_t *len)
{
    const uint8_t *image = NULL;
    assert_int_equal(store_image(store, &image, len), ODAAT_OK);
    assert_non_null(image);
    assert_true(*len > 0);
    uint8_t *copy = sqlite3_malloc64(*len);
    assert_non_null(copy);
    memcpy(copy, image, *len);
    return copy;
}

static struct store *reopen(struct store *store)
{
    size_t len = 0;
    uint8_t *image = image_take(store, &len);
    struct store *again = NULL;
    assert_int_equal(store_open_image(image, len, &again), ODAAT_OK);
    store_set_now(again, T2);
    return again;
}

/* Serializes a database built by sql in a plain connection into a sqlite3_malloc64 block. */
static uint8_t *image_from_sql(const char *sql, size_t *len)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_int64 size = 0;
    uint8_t *image = sqlite3_serialize(db, "main", &size, 0);
    assert_non_null(image);
    sqlite3_close(db);
    *len = (size_t)size;
    return image;
}

/* Makes tags holding copies of texts, for a record the store's free functions may free. */
static struct model_tags tags_of(const char *const *texts, size_t count)
{
    struct model_tags tags = {calloc(count, sizeof(char *)), count};
    assert_non_null(tags.items);
    for (size_t i = 0; i < count; i++)
        tags.items[i] = dup(texts[i]);
    return tags;
}

static int64_t add_tracker(struct store *store, const char *name)
{
    struct tracker t = {.name = dup(name), .kind = TRACKER_SUBSTANCE};
    strcpy(t.preset, "ca");
    assert_int_equal(store_tracker_put(store, &t), ODAAT_OK);
    int64_t id = t.meta.id;
    store_tracker_free(&t);
    return id;
}

static int64_t add_journal(struct store *store, const char *title, const char *body)
{
    struct journal_entry j = {.title = title ? dup(title) : NULL, .body = dup(body)};
    assert_int_equal(store_journal_put(store, &j), ODAAT_OK);
    int64_t id = j.meta.id;
    store_journal_free(&j);
    return id;
}

static void assert_uuid_shape(const char *uuid)
{
    assert_int_equal(strlen(uuid), 36);
    for (size_t i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23)
            assert_int_equal(uuid[i], '-');
        else
            assert_non_null(strchr("0123456789abcdef", uuid[i]));
    }
    assert_int_equal(uuid[14], '4');
    assert_non_null(strchr("89ab", uuid[19]));
}

static void assert_meta_fresh(const struct model_meta *meta)
{
    assert_true(meta->id > 0);
    assert_uuid_shape(meta->uuid);
    assert_string_equal(meta->created_at, T1);
    assert_string_equal(meta->updated_at, T1);
}

/* ---- Opening, images and the schema ------------------------------------------------------ */

static void test_new_store_has_the_latest_version_and_every_table(void **state)
{
    struct store *store = *state;
    static const char *const tables[] = {"settings", "trackers",       "streaks", "checkins",
                                         "meetings", "steps",          "journal", "journal_fts",
                                         "contacts", "milestones_seen"};
    assert_int_equal(raw_int(store, "PRAGMA user_version"), 2);
    assert_int_equal(STORE_SCHEMA_VERSION, 2);
    assert_int_equal(raw_int(store, "PRAGMA page_size"), 8192);
    for (size_t i = 0; i < ARRAY_LEN(tables); i++) {
        char sql[160];
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '%s'",
                 tables[i]);
        assert_int_equal(raw_int(store, sql), 1);
        assert_int_equal(rows(store, tables[i]), 0);
    }
    /* Every ordinary table is STRICT. */
    assert_int_equal(raw_int(store, "SELECT count(*) FROM pragma_table_list "
                                    "WHERE schema = 'main' AND type = 'table' AND strict = 1 "
                                    "AND name NOT LIKE 'journal_fts%'"),
                     9);
}

static void test_image_round_trip_keeps_records(void **state)
{
    struct store *store = *state;
    int64_t tracker = add_tracker(store, "Kokain – café");
    struct checkin c = {.has_mood = true, .mood = 2, .note = dup("Ça va. 一日一日.")};
    strcpy(c.date, "2026-11-23");
    assert_int_equal(store_checkin_put(store, &c), ODAAT_OK);
    int64_t entry = add_journal(store, "Élodie", "Called my sponsor.");

    struct store *again = reopen(store);
    struct tracker t;
    assert_int_equal(store_tracker_get(again, tracker, &t), ODAAT_OK);
    assert_string_equal(t.name, "Kokain – café");
    struct checkin got;
    assert_int_equal(store_checkin_get(again, c.meta.id, &got), ODAAT_OK);
    assert_string_equal(got.note, "Ça va. 一日一日.");
    assert_string_equal(got.meta.uuid, c.meta.uuid);
    assert_string_equal(got.meta.created_at, T1);
    /* The search index travels in the image too. */
    struct journal_hit *hits = NULL;
    size_t count = 0;
    assert_int_equal(store_journal_search(again, "spons", 0, &hits, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    assert_int_equal(hits[0].id, entry);
    store_journal_hits_free(hits, count);
    store_tracker_free(&t);
    store_checkin_free(&got);
    store_checkin_free(&c);
    store_close(again);
}

static void test_garbage_image_is_contents_damaged(void **state)
{
    (void)state;
    uint8_t *image = sqlite3_malloc64(8192);
    assert_non_null(image);
    memset(image, 'x', 8192);
    struct store *store = (struct store *)1;
    assert_int_equal(store_open_image(image, 8192, &store), ODAAT_ERR_CONTENTS_DAMAGED);
    assert_null(store);
}

static void test_image_cut_short_is_contents_damaged(void **state)
{
    struct store *store = *state;
    for (int i = 0; i < 50; i++)
        add_journal(store, "a title", "a body long enough to need a few pages, once repeated");
    size_t len = 0;
    uint8_t *image = image_take(store, &len);
    assert_true(len >= 4 * 4096);
    struct store *again = (struct store *)1;
    assert_int_equal(store_open_image(image, len / 2, &again), ODAAT_ERR_CONTENTS_DAMAGED);
    assert_null(again);
}

static void test_image_with_a_damaged_page_is_contents_damaged(void **state)
{
    struct store *store = *state;
    char body[1200];
    memset(body, 'q', sizeof body - 1);
    body[sizeof body - 1] = '\0';
    for (int i = 0; i < 100; i++)
        add_journal(store, "entry", body);
    /* A page of the journal's records, in the middle of them (dbstat numbers pages from 1). */
    int leaves =
        raw_int(store, "SELECT count(*) FROM dbstat WHERE name = 'journal' AND pagetype = 'leaf'");
    assert_true(leaves > 4);
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT pageno FROM dbstat WHERE name = 'journal' AND pagetype = 'leaf' "
             "ORDER BY pageno LIMIT 1 OFFSET %d",
             leaves / 2);
    size_t victim = (size_t)raw_int(store, sql) - 1;
    size_t len = 0;
    uint8_t *image = image_take(store, &len);
    /* The page size, as the database header gives it (big-endian, at offset 16). */
    size_t page = (size_t)image[16] << 8 | image[17];
    assert_int_equal(page, 8192);
    assert_true((victim + 1) * page <= len);
    /* The schema is intact and every page present; one page of records in the middle is not.
     * The open does not read every page (the vault has authenticated the image), so the damage
     * shows when the journal is read: as damaged contents, never as an empty journal. */
    memset(image + victim * page, 0xA5, page);
    struct store *again = NULL;
    assert_int_equal(store_open_image(image, len, &again), ODAAT_OK);
    struct journal_entry *list = NULL;
    size_t count = 0;
    assert_int_equal(store_journal_list(again, 0, 0, &list, &count), ODAAT_ERR_CONTENTS_DAMAGED);
    assert_null(list);
    assert_int_equal(count, 0);
    store_close(again);
}

static void test_foreign_database_is_contents_damaged(void **state)
{
    (void)state;
    size_t len = 0;
    uint8_t *image = image_from_sql("CREATE TABLE notes (body TEXT); INSERT INTO notes "
                                    "VALUES ('not ours');",
                                    &len);
    struct store *store = (struct store *)1;
    assert_int_equal(store_open_image(image, len, &store), ODAAT_ERR_CONTENTS_DAMAGED);
    assert_null(store);
}

static void test_schema_with_a_trigger_of_its_own_is_contents_damaged(void **state)
{
    struct store *store = *state;
    /* A store whose schema gained a trigger odaat never wrote: refused before it can run. */
    assert_int_equal(raw_exec(store, "CREATE TRIGGER wipe AFTER INSERT ON checkins "
                                     "BEGIN DELETE FROM journal; END"),
                     SQLITE_OK);
    size_t len = 0;
    uint8_t *image = image_take(store, &len);
    struct store *again = (struct store *)1;
    assert_int_equal(store_open_image(image, len, &again), ODAAT_ERR_CONTENTS_DAMAGED);
    assert_null(again);
}

static void test_schema_with_a_changed_trigger_is_contents_damaged(void **state)
{
    struct store *store = *state;
    /* Same name, same table, another body: the comparison reads the SQL, not just names. */
    assert_int_equal(raw_exec(store, "DROP TRIGGER journal_index_delete; "
                                     "CREATE TRIGGER journal_index_delete AFTER DELETE ON journal "
                                     "BEGIN DELETE FROM contacts; END"),
                     SQLITE_OK);
    size_t len = 0;
    uint8_t *image = image_take(store, &len);
    struct store *again = (struct store *)1;
    assert_int_equal(store_open_image(image, len, &again), ODAAT_ERR_CONTENTS_DAMAGED);
    assert_null(again);
}

static void test_newer_user_version_is_schema_newer(void **state)
{
    (void)state;
    size_t len = 0;
    uint8_t *image = image_from_sql("CREATE TABLE later (x TEXT); PRAGMA user_version = 3;", &len);
    struct store *store = (struct store *)1;
    assert_int_equal(store_open_image(image, len, &store), ODAAT_ERR_SCHEMA_NEWER);
    assert_null(store);
}

static void test_image_grows_with_data_and_opens(void **state)
{
    struct store *store = *state;
    const uint8_t *image = NULL;
    size_t empty = 0;
    assert_int_equal(store_image(store, &image, &empty), ODAAT_OK);
    char body[1024];
    memset(body, 'w', sizeof body - 1);
    body[sizeof body - 1] = '\0';
    for (int i = 0; i < 200; i++)
        add_journal(store, NULL, body);
    size_t full = 0;
    assert_int_equal(store_image(store, &image, &full), ODAAT_OK);
    assert_true(full > empty + 200 * 1000);
    struct store *again = reopen(store);
    struct journal_entry *list = NULL;
    size_t count = 0;
    assert_int_equal(store_journal_list(again, 0, 0, &list, &count), ODAAT_OK);
    assert_int_equal(count, 200);
    assert_string_equal(list[0].body, body);
    store_journal_list_free(list, count);
    store_close(again);
}

/* ---- Record round trips ------------------------------------------------------------------ */

static void test_setting_round_trip(void **state)
{
    struct store *store = *state;
    struct setting s = {.key = dup("program"), .value = dup("ca — Zürich")};
    assert_int_equal(store_setting_put(store, &s), ODAAT_OK);
    assert_meta_fresh(&s.meta);
    struct setting got;
    assert_int_equal(store_setting_get(store, s.meta.id, &got), ODAAT_OK);
    assert_string_equal(got.key, "program");
    assert_string_equal(got.value, "ca — Zürich");
    assert_string_equal(got.meta.uuid, s.meta.uuid);
    store_setting_free(&got);

    struct setting *list = NULL;
    size_t count = 0;
    assert_int_equal(store_setting_list(store, &list, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    assert_string_equal(list[0].value, "ca — Zürich");
    store_setting_list_free(list, count);

    assert_int_equal(store_setting_delete(store, s.meta.id), ODAAT_OK);
    assert_int_equal(store_setting_get(store, s.meta.id, &got), ODAAT_ERR_NOT_FOUND);
    assert_null(got.key);
    assert_int_equal(store_setting_delete(store, s.meta.id), ODAAT_ERR_NOT_FOUND);
    store_setting_free(&s);
}

static void test_setting_set_updates_in_place_and_value_reads_it(void **state)
{
    struct store *store = *state;
    char *value = NULL;
    assert_int_equal(store_setting_value(store, "idle_lock_minutes", &value), ODAAT_ERR_NOT_FOUND);
    assert_null(value);
    assert_int_equal(store_setting_set(store, "idle_lock_minutes", "5"), ODAAT_OK);
    char uuid[MODEL_UUID_SIZE];
    raw_text(store, "SELECT uuid FROM settings", uuid, sizeof uuid);
    store_set_now(store, T2);
    assert_int_equal(store_setting_set(store, "idle_lock_minutes", "15"), ODAAT_OK);
    assert_int_equal(store_setting_value(store, "idle_lock_minutes", &value), ODAAT_OK);
    assert_string_equal(value, "15");
    free(value);
    assert_int_equal(rows(store, "settings"), 1);
    struct setting *list = NULL;
    size_t count = 0;
    assert_int_equal(store_setting_list(store, &list, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    assert_string_equal(list[0].meta.uuid, uuid);
    assert_string_equal(list[0].meta.created_at, T1);
    assert_string_equal(list[0].meta.updated_at, T2);
    store_setting_list_free(list, count);
    /* Keys are identifiers, values are required. */
    assert_int_equal(store_setting_set(store, "Idle Lock", "5"), ODAAT_ERR_INVALID);
    assert_int_equal(store_setting_set(store, "", "5"), ODAAT_ERR_INVALID);
    assert_int_equal(store_setting_set(store, "program", NULL), ODAAT_ERR_INVALID);
    assert_int_equal(rows(store, "settings"), 1);
}

static void test_tracker_round_trip(void **state)
{
    struct store *store = *state;
    struct tracker t = {.name = dup("Glücksspiel 賭博"),
                        .kind = TRACKER_BEHAVIOUR,
                        .date_is = MILESTONE_LAST_USE_DAY,
                        .archived = true};
    strcpy(t.preset, "smart");
    assert_int_equal(store_tracker_put(store, &t), ODAAT_OK);
    assert_meta_fresh(&t.meta);
    struct tracker got;
    assert_int_equal(store_tracker_get(store, t.meta.id, &got), ODAAT_OK);
    assert_string_equal(got.name, "Glücksspiel 賭博");
    assert_int_equal(got.kind, TRACKER_BEHAVIOUR);
    assert_string_equal(got.preset, "smart");
    assert_int_equal(got.date_is, MILESTONE_LAST_USE_DAY);
    assert_true(got.archived);
    store_tracker_free(&got);

    add_tracker(store, "alcohol");
    struct tracker *list = NULL;
    size_t count = 0;
    assert_int_equal(store_tracker_list(store, &list, &count), ODAAT_OK);
    assert_int_equal(count, 2);
    assert_string_equal(list[0].name, "alcohol");
    assert_false(list[0].archived);
    assert_int_equal(list[0].date_is, MILESTONE_FIRST_CLEAN_DAY);
    assert_string_equal(list[1].name, "Glücksspiel 賭博");
    store_tracker_list_free(list, count);

    assert_int_equal(store_tracker_delete(store, t.meta.id), ODAAT_OK);
    assert_int_equal(store_tracker_get(store, t.meta.id, &got), ODAAT_ERR_NOT_FOUND);
    assert_int_equal(store_tracker_delete(store, t.meta.id), ODAAT_ERR_NOT_FOUND);
    store_tracker_free(&t);
}

static void test_tracker_get_by_name_ignores_ascii_case(void **state)
{
    struct store *store = *state;
    int64_t id = add_tracker(store, "Cocaine");
    struct tracker got;
    assert_int_equal(store_tracker_get_by_name(store, "cOCAINE", &got), ODAAT_OK);
    assert_int_equal(got.meta.id, id);
    assert_string_equal(got.name, "Cocaine");
    store_tracker_free(&got);
    assert_int_equal(store_tracker_get_by_name(store, "Cocain", &got), ODAAT_ERR_NOT_FOUND);
}

static void test_streak_round_trip(void **state)
{
    struct store *store = *state;
    int64_t tracker = add_tracker(store, "cocaine");
    struct streak s = {.tracker_id = tracker, .end_note = dup("a hard night — ça ira")};
    strcpy(s.start_date, "2025-02-02");
    strcpy(s.start_time, "07:30");
    strcpy(s.end_date, "2025-10-05");
    assert_int_equal(store_streak_put(store, &s), ODAAT_OK);
    assert_meta_fresh(&s.meta);
    struct streak open_streak = {.tracker_id = tracker};
    strcpy(open_streak.start_date, "2025-10-07");
    assert_int_equal(store_streak_put(store, &open_streak), ODAAT_OK);

    struct streak got;
    assert_int_equal(store_streak_get(store, s.meta.id, &got), ODAAT_OK);
    assert_int_equal(got.tracker_id, tracker);
    assert_string_equal(got.start_date, "2025-02-02");
    assert_string_equal(got.start_time, "07:30");
    assert_string_equal(got.end_date, "2025-10-05");
    assert_string_equal(got.end_note, "a hard night — ça ira");
    store_streak_free(&got);

    assert_int_equal(store_streak_get_open(store, tracker, &got), ODAAT_OK);
    assert_int_equal(got.meta.id, open_streak.meta.id);
    assert_string_equal(got.start_time, "");
    assert_string_equal(got.end_date, "");
    assert_null(got.end_note);
    store_streak_free(&got);

    int64_t other = add_tracker(store, "alcohol");
    struct streak *list = NULL;
    size_t count = 0;
    assert_int_equal(store_streak_list(store, other, &list, &count), ODAAT_OK);
    assert_int_equal(count, 0);
    assert_null(list);
    assert_int_equal(store_streak_list(store, tracker, &list, &count), ODAAT_OK);
    assert_int_equal(count, 2);
    assert_string_equal(list[0].start_date, "2025-02-02");
    assert_string_equal(list[1].start_date, "2025-10-07");
    store_streak_list_free(list, count);

    assert_int_equal(store_streak_delete(store, open_streak.meta.id), ODAAT_OK);
    assert_int_equal(store_streak_get_open(store, tracker, &got), ODAAT_ERR_NOT_FOUND);
    assert_int_equal(store_streak_delete(store, open_streak.meta.id), ODAAT_ERR_NOT_FOUND);
    store_streak_free(&s);
}

static void test_checkin_round_trip(void **state)
{
    struct store *store = *state;
    static const char *const triggers[] = {"stress", "Zürich 駅", "a \"quote\", a \\ and\ta tab"};
    static const char *const gratitude[] = {"my sponsor"};
    struct checkin c = {
        .has_mood = true,
        .mood = 4,
        .has_craving = true,
        .craving = 0,
        .triggers = tags_of(triggers, ARRAY_LEN(triggers)),
        .gratitude = tags_of(gratitude, ARRAY_LEN(gratitude)),
        .note = dup("Ça va. 一日一日."),
        .inventory = dup("{\"resentful\": false}"),
    };
    strcpy(c.date, "2026-11-23");
    assert_int_equal(store_checkin_put(store, &c), ODAAT_OK);
    assert_meta_fresh(&c.meta);

    struct checkin got;
    assert_int_equal(store_checkin_get(store, c.meta.id, &got), ODAAT_OK);
    assert_string_equal(got.date, "2026-11-23");
    assert_true(got.has_mood);
    assert_int_equal(got.mood, 4);
    assert_true(got.has_craving);
    assert_int_equal(got.craving, 0);
    assert_int_equal(got.triggers.count, 3);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(got.triggers.items[i], triggers[i]);
    assert_int_equal(got.gratitude.count, 1);
    assert_string_equal(got.gratitude.items[0], "my sponsor");
    assert_string_equal(got.note, "Ça va. 一日一日.");
    assert_string_equal(got.inventory, "{\"resentful\": false}");
    store_checkin_free(&got);
    assert_int_equal(got.triggers.count, 0);
    assert_null(got.note);

    /* A check-in with nothing but its date reads back as nothing. */
    struct checkin bare = {0};
    strcpy(bare.date, "2026-11-24");
    assert_int_equal(store_checkin_put(store, &bare), ODAAT_OK);
    assert_int_equal(store_checkin_get_by_date(store, "2026-11-24", &got), ODAAT_OK);
    assert_int_equal(got.meta.id, bare.meta.id);
    assert_false(got.has_mood);
    assert_false(got.has_craving);
    assert_int_equal(got.triggers.count, 0);
    assert_null(got.triggers.items);
    assert_null(got.note);
    assert_null(got.inventory);
    store_checkin_free(&got);
    assert_int_equal(store_checkin_get_by_date(store, "2026-11-25", &got), ODAAT_ERR_NOT_FOUND);

    assert_int_equal(store_checkin_delete(store, c.meta.id), ODAAT_OK);
    assert_int_equal(store_checkin_get(store, c.meta.id, &got), ODAAT_ERR_NOT_FOUND);
    assert_int_equal(store_checkin_delete(store, c.meta.id), ODAAT_ERR_NOT_FOUND);
    store_checkin_free(&c);
}

static void put_checkin_on(struct store *store, const char *date)
{
    struct checkin c = {0};
    strcpy(c.date, date);
    assert_int_equal(store_checkin_put(store, &c), ODAAT_OK);
}

static void test_checkin_list_takes_an_inclusive_date_range(void **state)
{
    struct store *store = *state;
    put_checkin_on(store, "2026-11-25");
    put_checkin_on(store, "2026-11-23");
    put_checkin_on(store, "2026-11-24");
    put_checkin_on(store, "2026-12-01");
    struct checkin *list = NULL;
    size_t count = 0;
    assert_int_equal(store_checkin_list(store, "2026-11-23", "2026-11-25", &list, &count),
                     ODAAT_OK);
    assert_int_equal(count, 3);
    assert_string_equal(list[0].date, "2026-11-23");
    assert_string_equal(list[1].date, "2026-11-24");
    assert_string_equal(list[2].date, "2026-11-25");
    store_checkin_list_free(list, count);
    assert_int_equal(store_checkin_list(store, "2026-11-25", NULL, &list, &count), ODAAT_OK);
    assert_int_equal(count, 2);
    assert_string_equal(list[1].date, "2026-12-01");
    store_checkin_list_free(list, count);
    assert_int_equal(store_checkin_list(store, NULL, NULL, &list, &count), ODAAT_OK);
    assert_int_equal(count, 4);
    store_checkin_list_free(list, count);
}

static void test_checkin_and_meeting_days_are_the_dates_alone_in_order(void **state)
{
    struct store *store = *state;
    put_checkin_on(store, "2026-11-25");
    put_checkin_on(store, "2026-11-23");
    put_checkin_on(store, "2026-12-01");
    static const char *const meeting_dates[] = {"2026-11-24", "2026-11-20", "2026-11-24"};
    for (size_t i = 0; i < ARRAY_LEN(meeting_dates); i++) {
        struct meeting m = {0};
        strcpy(m.date, meeting_dates[i]);
        assert_int_equal(store_meeting_put(store, &m), ODAAT_OK);
    }
    int32_t day_23 = 0, day_25 = 0, day_20 = 0, day_24 = 0, day_dec = 0;
    assert_int_equal(date_parse("2026-11-23", &day_23), ODAAT_OK);
    assert_int_equal(date_parse("2026-11-25", &day_25), ODAAT_OK);
    assert_int_equal(date_parse("2026-11-20", &day_20), ODAAT_OK);
    assert_int_equal(date_parse("2026-11-24", &day_24), ODAAT_OK);
    assert_int_equal(date_parse("2026-12-01", &day_dec), ODAAT_OK);

    int32_t *days = NULL;
    size_t count = 0;
    assert_int_equal(store_checkin_days(store, NULL, NULL, &days, &count), ODAAT_OK);
    assert_int_equal(count, 3);
    assert_int_equal(days[0], day_23);
    assert_int_equal(days[1], day_25);
    assert_int_equal(days[2], day_dec);
    free(days);
    assert_int_equal(store_checkin_days(store, "2026-11-24", "2026-11-30", &days, &count),
                     ODAAT_OK);
    assert_int_equal(count, 1);
    assert_int_equal(days[0], day_25);
    free(days);
    assert_int_equal(store_checkin_days(store, "2027-01-01", NULL, &days, &count), ODAAT_OK);
    assert_int_equal(count, 0);
    free(days);

    /* Two meetings on one day give that day twice. */
    assert_int_equal(store_meeting_days(store, NULL, NULL, &days, &count), ODAAT_OK);
    assert_int_equal(count, 3);
    assert_int_equal(days[0], day_20);
    assert_int_equal(days[1], day_24);
    assert_int_equal(days[2], day_24);
    free(days);
    assert_int_equal(store_meeting_days(store, NULL, "2026-11-23", &days, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    assert_int_equal(days[0], day_20);
    free(days);
}

static void test_meeting_round_trip(void **state)
{
    struct store *store = *state;
    struct meeting m = {
        .fellowship = dup("CA"),
        .name = dup("Tuesday step group — Köln"),
        .format = MEETING_ONLINE,
        .location = dup("会議室 3"),
        .role = MEETING_SHARED,
        .note = dup("shared on step 4"),
    };
    strcpy(m.date, "2026-11-17");
    strcpy(m.time, "19:30");
    assert_int_equal(store_meeting_put(store, &m), ODAAT_OK);
    assert_meta_fresh(&m.meta);
    struct meeting early = {0};
    strcpy(early.date, "2026-11-17");
    assert_int_equal(store_meeting_put(store, &early), ODAAT_OK);

    struct meeting got;
    assert_int_equal(store_meeting_get(store, m.meta.id, &got), ODAAT_OK);
    assert_string_equal(got.date, "2026-11-17");
    assert_string_equal(got.time, "19:30");
    assert_string_equal(got.fellowship, "CA");
    assert_string_equal(got.name, "Tuesday step group — Köln");
    assert_int_equal(got.format, MEETING_ONLINE);
    assert_string_equal(got.location, "会議室 3");
    assert_int_equal(got.role, MEETING_SHARED);
    assert_string_equal(got.note, "shared on step 4");
    store_meeting_free(&got);

    struct meeting *list = NULL;
    size_t count = 0;
    assert_int_equal(store_meeting_list(store, "2026-11-17", "2026-11-17", &list, &count),
                     ODAAT_OK);
    assert_int_equal(count, 2);
    /* The meeting without a time comes first; it has no format and the default role. */
    assert_int_equal(list[0].meta.id, early.meta.id);
    assert_int_equal(list[0].format, MEETING_FORMAT_NONE);
    assert_int_equal(list[0].role, MEETING_ATTENDED);
    assert_null(list[0].name);
    assert_int_equal(list[1].meta.id, m.meta.id);
    store_meeting_list_free(list, count);
    assert_int_equal(store_meeting_list(store, "2026-11-18", NULL, &list, &count), ODAAT_OK);
    assert_int_equal(count, 0);

    assert_int_equal(store_meeting_delete(store, m.meta.id), ODAAT_OK);
    assert_int_equal(store_meeting_get(store, m.meta.id, &got), ODAAT_ERR_NOT_FOUND);
    assert_int_equal(store_meeting_delete(store, m.meta.id), ODAAT_ERR_NOT_FOUND);
    store_meeting_free(&m);
}

static void test_step_round_trip(void **state)
{
    struct store *store = *state;
    struct step s = {.number = 4, .status = STEP_WORKING, .note = dup("Inventur — ehrlich")};
    strcpy(s.program, "ca");
    strcpy(s.started_on, "2026-11-10");
    assert_int_equal(store_step_put(store, &s), ODAAT_OK);
    assert_meta_fresh(&s.meta);
    struct step first = {.number = 1, .status = STEP_DONE};
    strcpy(first.program, "ca");
    strcpy(first.started_on, "2026-01-10");
    strcpy(first.completed_on, "2026-01-10");
    assert_int_equal(store_step_put(store, &first), ODAAT_OK);
    struct step other = {.number = 1};
    strcpy(other.program, "smart");
    assert_int_equal(store_step_put(store, &other), ODAAT_OK);

    struct step got;
    assert_int_equal(store_step_get(store, s.meta.id, &got), ODAAT_OK);
    assert_string_equal(got.program, "ca");
    assert_int_equal(got.number, 4);
    assert_int_equal(got.status, STEP_WORKING);
    assert_string_equal(got.started_on, "2026-11-10");
    assert_string_equal(got.completed_on, "");
    assert_string_equal(got.note, "Inventur — ehrlich");
    store_step_free(&got);

    struct step *list = NULL;
    size_t count = 0;
    assert_int_equal(store_step_list(store, "ca", &list, &count), ODAAT_OK);
    assert_int_equal(count, 2);
    assert_int_equal(list[0].number, 1);
    assert_int_equal(list[0].status, STEP_DONE);
    assert_int_equal(list[1].number, 4);
    store_step_list_free(list, count);
    assert_int_equal(store_step_list(store, NULL, &list, &count), ODAAT_OK);
    assert_int_equal(count, 3);
    assert_int_equal(list[2].status, STEP_NOT_STARTED);
    store_step_list_free(list, count);

    assert_int_equal(store_step_delete(store, s.meta.id), ODAAT_OK);
    assert_int_equal(store_step_get(store, s.meta.id, &got), ODAAT_ERR_NOT_FOUND);
    assert_int_equal(store_step_delete(store, s.meta.id), ODAAT_ERR_NOT_FOUND);
    store_step_free(&s);
}

static void test_journal_round_trip(void **state)
{
    struct store *store = *state;
    struct journal_entry j = {
        .title = dup("Step 4 — Élodie"),
        .body = dup("Ich bin dankbar. 今日も一日。\nSecond line."),
        .has_step = true,
        .step = 4,
        .has_mood = true,
        .mood = 3,
    };
    assert_int_equal(store_journal_put(store, &j), ODAAT_OK);
    assert_meta_fresh(&j.meta);
    struct journal_entry got;
    assert_int_equal(store_journal_get(store, j.meta.id, &got), ODAAT_OK);
    assert_string_equal(got.title, "Step 4 — Élodie");
    assert_string_equal(got.body, "Ich bin dankbar. 今日も一日。\nSecond line.");
    assert_true(got.has_step);
    assert_int_equal(got.step, 4);
    assert_true(got.has_mood);
    assert_int_equal(got.mood, 3);
    store_journal_free(&got);

    int64_t untitled = add_journal(store, NULL, "");
    assert_int_equal(store_journal_get(store, untitled, &got), ODAAT_OK);
    assert_null(got.title);
    assert_string_equal(got.body, "");
    assert_false(got.has_step);
    assert_false(got.has_mood);
    store_journal_free(&got);

    assert_int_equal(store_journal_delete(store, j.meta.id), ODAAT_OK);
    assert_int_equal(store_journal_get(store, j.meta.id, &got), ODAAT_ERR_NOT_FOUND);
    assert_int_equal(store_journal_delete(store, j.meta.id), ODAAT_ERR_NOT_FOUND);
    store_journal_free(&j);
}

static void test_journal_list_is_newest_first_with_limit_and_offset(void **state)
{
    struct store *store = *state;
    store_set_now(store, "2026-01-01T08:00:00Z");
    int64_t oldest = add_journal(store, "one", "1");
    store_set_now(store, "2026-03-01T08:00:00Z");
    int64_t newest = add_journal(store, "three", "3");
    store_set_now(store, "2026-02-01T08:00:00Z");
    int64_t middle = add_journal(store, "two", "2");
    struct journal_entry *list = NULL;
    size_t count = 0;
    assert_int_equal(store_journal_list(store, 0, 0, &list, &count), ODAAT_OK);
    assert_int_equal(count, 3);
    assert_int_equal(list[0].meta.id, newest);
    assert_int_equal(list[1].meta.id, middle);
    assert_int_equal(list[2].meta.id, oldest);
    store_journal_list_free(list, count);
    assert_int_equal(store_journal_list(store, 1, 1, &list, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    assert_int_equal(list[0].meta.id, middle);
    store_journal_list_free(list, count);
    assert_int_equal(store_journal_list(store, 5, 3, &list, &count), ODAAT_OK);
    assert_int_equal(count, 0);
}

static void test_journal_count_follows_adds_and_deletes(void **state)
{
    struct store *store = *state;
    size_t count = 99;
    assert_int_equal(store_journal_count(store, &count), ODAAT_OK);
    assert_int_equal(count, 0);
    int64_t first = add_journal(store, "one", "1");
    add_journal(store, "two", "2");
    assert_int_equal(store_journal_count(store, &count), ODAAT_OK);
    assert_int_equal(count, 2);
    assert_int_equal(store_journal_delete(store, first), ODAAT_OK);
    assert_int_equal(store_journal_count(store, &count), ODAAT_OK);
    assert_int_equal(count, 1);
}

static void test_contact_round_trip(void **state)
{
    struct store *store = *state;
    struct contact c = {.name = dup("Sam — Søren"),
                        .role = CONTACT_SPONSOR,
                        .phone = dup("+49 30 1234567"),
                        .note = dup("call before 22:00")};
    assert_int_equal(store_contact_put(store, &c), ODAAT_OK);
    assert_meta_fresh(&c.meta);
    struct contact help = {.name = dup("a helpline"), .role = CONTACT_HELPLINE};
    assert_int_equal(store_contact_put(store, &help), ODAAT_OK);

    struct contact got;
    assert_int_equal(store_contact_get(store, c.meta.id, &got), ODAAT_OK);
    assert_string_equal(got.name, "Sam — Søren");
    assert_int_equal(got.role, CONTACT_SPONSOR);
    assert_string_equal(got.phone, "+49 30 1234567");
    assert_string_equal(got.note, "call before 22:00");
    store_contact_free(&got);

    struct contact *list = NULL;
    size_t count = 0;
    assert_int_equal(store_contact_list(store, &list, &count), ODAAT_OK);
    assert_int_equal(count, 2);
    assert_string_equal(list[0].name, "a helpline");
    assert_int_equal(list[0].role, CONTACT_HELPLINE);
    assert_null(list[0].phone);
    assert_string_equal(list[1].name, "Sam — Søren");
    store_contact_list_free(list, count);

    assert_int_equal(store_contact_delete(store, c.meta.id), ODAAT_OK);
    assert_int_equal(store_contact_get(store, c.meta.id, &got), ODAAT_ERR_NOT_FOUND);
    assert_int_equal(store_contact_delete(store, c.meta.id), ODAAT_ERR_NOT_FOUND);
    store_contact_free(&c);
    store_contact_free(&help);
}

static void test_milestone_seen_round_trip(void **state)
{
    struct store *store = *state;
    int64_t tracker = add_tracker(store, "cocaine");
    int64_t other = add_tracker(store, "alcohol");
    struct milestone_seen m = {.tracker_id = tracker, .unit = MILESTONE_MONTHS, .count = 6};
    assert_int_equal(store_milestone_seen_put(store, &m), ODAAT_OK);
    assert_meta_fresh(&m.meta);
    struct milestone_seen welcome = {.tracker_id = other, .unit = MILESTONE_DAYS, .count = 0};
    assert_int_equal(store_milestone_seen_put(store, &welcome), ODAAT_OK);

    struct milestone_seen got;
    assert_int_equal(store_milestone_seen_get(store, m.meta.id, &got), ODAAT_OK);
    assert_int_equal(got.tracker_id, tracker);
    assert_int_equal(got.unit, MILESTONE_MONTHS);
    assert_int_equal(got.count, 6);
    store_milestone_seen_free(&got);

    struct milestone_seen *list = NULL;
    size_t count = 0;
    assert_int_equal(store_milestone_seen_list(store, other, &list, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    assert_int_equal(list[0].unit, MILESTONE_DAYS);
    assert_int_equal(list[0].count, 0);
    store_milestone_seen_list_free(list, count);
    assert_int_equal(store_milestone_seen_list(store, 0, &list, &count), ODAAT_OK);
    assert_int_equal(count, 2);
    store_milestone_seen_list_free(list, count);

    /* Congratulated once: the same milestone again is a duplicate. */
    struct milestone_seen again = {.tracker_id = tracker, .unit = MILESTONE_MONTHS, .count = 6};
    assert_int_equal(store_milestone_seen_put(store, &again), ODAAT_ERR_DUPLICATE);
    assert_int_equal(store_milestone_seen_delete(store, m.meta.id), ODAAT_OK);
    assert_int_equal(store_milestone_seen_get(store, m.meta.id, &got), ODAAT_ERR_NOT_FOUND);
    assert_int_equal(store_milestone_seen_delete(store, m.meta.id), ODAAT_ERR_NOT_FOUND);
}

/* ---- Identity and time ------------------------------------------------------------------- */

static void test_uuids_are_v4_lowercase_and_unique(void **state)
{
    struct store *store = *state;
    enum { N = 300 };
    static char uuids[N][MODEL_UUID_SIZE];
    for (int i = 0; i < N; i++) {
        struct contact c = {.name = dup("same name"), .role = CONTACT_FRIEND};
        assert_int_equal(store_contact_put(store, &c), ODAAT_OK);
        assert_uuid_shape(c.meta.uuid);
        strcpy(uuids[i], c.meta.uuid);
        store_contact_free(&c);
    }
    for (int i = 0; i < N; i++)
        for (int k = i + 1; k < N; k++)
            assert_string_not_equal(uuids[i], uuids[k]);
    /* All four variant digits turn up: those bits really are random. */
    assert_true(raw_int(store, "SELECT count(DISTINCT substr(uuid, 20, 1)) FROM contacts") == 4);
}

static void test_update_keeps_created_at_and_uuid_and_changes_updated_at(void **state)
{
    struct store *store = *state;
    struct contact c = {.name = dup("Sam"), .role = CONTACT_SPONSOR};
    assert_int_equal(store_contact_put(store, &c), ODAAT_OK);
    struct model_meta first = c.meta;
    store_set_now(store, T2);
    free(c.name);
    c.name = dup("Samuel");
    c.role = CONTACT_FRIEND;
    assert_int_equal(store_contact_put(store, &c), ODAAT_OK);
    assert_int_equal(c.meta.id, first.id);
    assert_string_equal(c.meta.uuid, first.uuid);
    assert_string_equal(c.meta.created_at, T1);
    assert_string_equal(c.meta.updated_at, T2);
    struct contact got;
    assert_int_equal(store_contact_get(store, c.meta.id, &got), ODAAT_OK);
    assert_string_equal(got.name, "Samuel");
    assert_int_equal(got.role, CONTACT_FRIEND);
    assert_string_equal(got.meta.created_at, T1);
    assert_string_equal(got.meta.updated_at, T2);
    assert_int_equal(rows(store, "contacts"), 1);
    store_contact_free(&got);
    store_contact_free(&c);
}

static void test_put_with_an_unknown_id_is_not_found(void **state)
{
    struct store *store = *state;
    struct contact c = {.name = dup("Sam"), .role = CONTACT_SPONSOR};
    c.meta.id = 4242;
    strcpy(c.meta.uuid, "left as it was");
    assert_int_equal(store_contact_put(store, &c), ODAAT_ERR_NOT_FOUND);
    assert_int_equal(c.meta.id, 4242);
    assert_string_equal(c.meta.uuid, "left as it was");
    assert_int_equal(rows(store, "contacts"), 0);
    store_contact_free(&c);
}

static void test_puts_before_set_now_fail_and_write_nothing(void **state)
{
    (void)state;
    struct store *store = NULL;
    assert_int_equal(store_open_image(NULL, 0, &store), ODAAT_OK);
    struct contact c = {.name = dup("Sam"), .role = CONTACT_SPONSOR};
    assert_int_equal(store_contact_put(store, &c), ODAAT_ERR_INVALID);
    assert_int_equal(c.meta.id, 0);
    assert_int_equal(store_setting_set(store, "program", "ca"), ODAAT_ERR_INVALID);
    /* A malformed time unsets it again. */
    store_set_now(store, T1);
    store_set_now(store, "2026-11-23 09:41:07");
    assert_int_equal(store_contact_put(store, &c), ODAAT_ERR_INVALID);
    /* A well-formed shape with an impossible day reaches the schema's CHECK. */
    store_set_now(store, "2026-02-30T09:41:07Z");
    assert_int_equal(store_contact_put(store, &c), ODAAT_ERR_INVALID);
    assert_int_equal(rows(store, "contacts"), 0);
    assert_int_equal(rows(store, "settings"), 0);
    store_set_now(store, T1);
    assert_int_equal(store_contact_put(store, &c), ODAAT_OK);
    store_contact_free(&c);
    store_close(store);
}

/* ---- Constraints ------------------------------------------------------------------------- */

static enum odaat_err put_checkin(struct store *store, const char *date, int mood, int craving)
{
    struct checkin c = {
        .has_mood = mood >= 0, .mood = mood, .has_craving = craving >= 0, .craving = craving};
    strcpy(c.date, date);
    return store_checkin_put(store, &c);
}

static void test_checkin_mood_and_craving_out_of_range_are_refused(void **state)
{
    struct store *store = *state;
    assert_int_equal(put_checkin(store, "2026-11-23", 0, -1), ODAAT_ERR_INVALID);
    assert_int_equal(put_checkin(store, "2026-11-23", 6, -1), ODAAT_ERR_INVALID);
    assert_int_equal(put_checkin(store, "2026-11-23", -1, 11), ODAAT_ERR_INVALID);
    assert_int_equal(rows(store, "checkins"), 0);
    assert_int_equal(put_checkin(store, "2026-11-23", 1, 10), ODAAT_OK);
    assert_int_equal(put_checkin(store, "2026-11-24", 5, 0), ODAAT_OK);
    assert_int_equal(rows(store, "checkins"), 2);
}

static void test_impossible_or_malformed_dates_are_refused(void **state)
{
    struct store *store = *state;
    static const char *const bad[] = {"2025-02-30", "2025-02-29", "2025-13-01", "2025-04-31",
                                      "2025-1-05",  "25-01-05",   "2025/01/05", "2025-01-5 "};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++)
        assert_int_equal(put_checkin(store, bad[i], -1, -1), ODAAT_ERR_INVALID);
    struct meeting m = {0};
    strcpy(m.date, "2025-02-30");
    assert_int_equal(store_meeting_put(store, &m), ODAAT_ERR_INVALID);
    struct meeting undated = {0};
    assert_int_equal(store_meeting_put(store, &undated), ODAAT_ERR_INVALID);
    int64_t tracker = add_tracker(store, "cocaine");
    struct streak s = {.tracker_id = tracker};
    strcpy(s.start_date, "2024-02-30");
    assert_int_equal(store_streak_put(store, &s), ODAAT_ERR_INVALID);
    assert_int_equal(rows(store, "checkins") + rows(store, "meetings") + rows(store, "streaks"), 0);
    assert_int_equal(put_checkin(store, "2024-02-29", -1, -1), ODAAT_OK);
}

static void test_bad_times_are_refused(void **state)
{
    struct store *store = *state;
    static const char *const bad[] = {"24:00", "7:30", "07:60", "0730", "ab:cd"};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        struct meeting m = {0};
        strcpy(m.date, "2026-11-17");
        strcpy(m.time, bad[i]);
        assert_int_equal(store_meeting_put(store, &m), ODAAT_ERR_INVALID);
    }
    assert_int_equal(rows(store, "meetings"), 0);
    struct meeting m = {0};
    strcpy(m.date, "2026-11-17");
    strcpy(m.time, "23:59");
    assert_int_equal(store_meeting_put(store, &m), ODAAT_OK);
}

static void test_enum_values_out_of_range_are_refused(void **state)
{
    struct store *store = *state;
    struct tracker t = {.name = dup("cocaine"), .kind = (enum tracker_kind)7};
    strcpy(t.preset, "ca");
    assert_int_equal(store_tracker_put(store, &t), ODAAT_ERR_INVALID);
    t.kind = TRACKER_SUBSTANCE;
    t.date_is = (enum milestone_date_is)2;
    assert_int_equal(store_tracker_put(store, &t), ODAAT_ERR_INVALID);
    t.date_is = MILESTONE_FIRST_CLEAN_DAY;
    assert_int_equal(store_tracker_put(store, &t), ODAAT_OK);

    struct meeting m = {.format = MEETING_FORMAT_COUNT};
    strcpy(m.date, "2026-11-17");
    assert_int_equal(store_meeting_put(store, &m), ODAAT_ERR_INVALID);
    m.format = MEETING_PHONE;
    m.role = (enum meeting_role) - 1;
    assert_int_equal(store_meeting_put(store, &m), ODAAT_ERR_INVALID);

    struct step s = {.number = 1, .status = STEP_STATUS_COUNT};
    strcpy(s.program, "ca");
    assert_int_equal(store_step_put(store, &s), ODAAT_ERR_INVALID);

    struct contact c = {.name = dup("Sam"), .role = CONTACT_ROLE_COUNT};
    assert_int_equal(store_contact_put(store, &c), ODAAT_ERR_INVALID);

    struct milestone_seen ms = {.tracker_id = t.meta.id, .unit = (enum milestone_unit)9};
    assert_int_equal(store_milestone_seen_put(store, &ms), ODAAT_ERR_INVALID);

    assert_int_equal(rows(store, "meetings") + rows(store, "steps") + rows(store, "contacts") +
                         rows(store, "milestones_seen"),
                     0);
    store_tracker_free(&t);
    store_contact_free(&c);
}

static void test_schema_refuses_bad_words_written_directly(void **state)
{
    struct store *store = *state;
    /* What the typed functions can never send, but an import or a later bug might. */
    static const char *const bad[] = {
        "INSERT INTO trackers (name, kind, preset, date_is, created_at, updated_at) VALUES "
        "('x', 'drug', 'ca', 'first-clean-day', '" T1 "', '" T1 "')",
        "INSERT INTO trackers (name, kind, preset, date_is, created_at, updated_at) VALUES "
        "('x', 'substance', 'ca', 'yesterday', '" T1 "', '" T1 "')",
        "INSERT INTO trackers (name, kind, preset, date_is, archived, created_at, updated_at) "
        "VALUES ('x', 'substance', 'ca', 'first-clean-day', 2, '" T1 "', '" T1 "')",
        "INSERT INTO meetings (date, format, created_at, updated_at) VALUES "
        "('2026-11-17', 'zoom', '" T1 "', '" T1 "')",
        "INSERT INTO meetings (date, role, created_at, updated_at) VALUES "
        "('2026-11-17', 'slept', '" T1 "', '" T1 "')",
        "INSERT INTO steps (program, number, status, created_at, updated_at) VALUES "
        "('ca', 1, 'finished', '" T1 "', '" T1 "')",
        "INSERT INTO contacts (name, role, created_at, updated_at) VALUES "
        "('Sam', 'boss', '" T1 "', '" T1 "')",
        "INSERT INTO checkins (date, triggers, created_at, updated_at) VALUES "
        "('2026-11-23', '{}', '" T1 "', '" T1 "')",
        "INSERT INTO checkins (date, triggers, created_at, updated_at) VALUES "
        "('2026-11-23', '[1, 2]', '" T1 "', '" T1 "')",
        "INSERT INTO checkins (date, gratitude, created_at, updated_at) VALUES "
        "('2026-11-23', 'not json', '" T1 "', '" T1 "')",
        "INSERT INTO checkins (date, inventory, created_at, updated_at) VALUES "
        "('2026-11-23', '[]', '" T1 "', '" T1 "')",
        "INSERT INTO checkins (date, mood, created_at, updated_at) VALUES "
        "('2026-11-23', 'three', '" T1 "', '" T1 "')",
        "INSERT INTO contacts (uuid, name, role, created_at, updated_at) VALUES "
        "('0f8fad5b-d9cb-469f-a165-70867728950E', 'Sam', 'friend', '" T1 "', '" T1 "')",
        "INSERT INTO contacts (uuid, name, role, created_at, updated_at) VALUES "
        "('0f8fad5b-d9cb-169f-a165-70867728950e', 'Sam', 'friend', '" T1 "', '" T1 "')",
        "INSERT INTO contacts (name, role, created_at, updated_at) VALUES "
        "('Sam', 'friend', '2026-11-23T09:41:07', '" T1 "')",
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        int rc = raw_exec(store, bad[i]);
        if ((rc & 0xff) != SQLITE_CONSTRAINT)
            fail_msg("accepted or failed oddly (%d): %s", rc, bad[i]);
    }
    assert_int_equal(rows(store, "trackers") + rows(store, "meetings") + rows(store, "steps") +
                         rows(store, "contacts") + rows(store, "checkins"),
                     0);
    /* The same shapes with good values go in. */
    assert_int_equal(raw_exec(store, "INSERT INTO contacts (uuid, name, role, created_at, "
                                     "updated_at) VALUES ('0f8fad5b-d9cb-469f-a165-70867728950e', "
                                     "'Sam', 'friend', '" T1 "', '" T1 "')"),
                     SQLITE_OK);
}

static void test_enum_words_match_the_core(void **state)
{
    struct store *store = *state;
    int64_t tracker = add_tracker(store, "cocaine");
    struct tracker t;
    assert_int_equal(store_tracker_get(store, tracker, &t), ODAAT_OK);
    t.date_is = MILESTONE_LAST_USE_DAY;
    assert_int_equal(store_tracker_put(store, &t), ODAAT_OK);
    char word[32];
    raw_text(store, "SELECT date_is FROM trackers", word, sizeof word);
    assert_string_equal(word, milestone_date_is_name(MILESTONE_LAST_USE_DAY));
    static const enum milestone_unit units[] = {MILESTONE_HOURS, MILESTONE_DAYS, MILESTONE_MONTHS,
                                                MILESTONE_YEARS};
    for (size_t i = 0; i < ARRAY_LEN(units); i++) {
        struct milestone_seen m = {.tracker_id = tracker, .unit = units[i], .count = 1};
        assert_int_equal(store_milestone_seen_put(store, &m), ODAAT_OK);
        char sql[96];
        snprintf(sql, sizeof sql, "SELECT unit FROM milestones_seen WHERE id = %lld",
                 (long long)m.meta.id);
        raw_text(store, sql, word, sizeof word);
        assert_string_equal(word, milestone_unit_name(units[i]));
    }
    store_tracker_free(&t);
}

static void test_streak_ending_before_it_starts_is_refused(void **state)
{
    struct store *store = *state;
    int64_t tracker = add_tracker(store, "cocaine");
    struct streak s = {.tracker_id = tracker};
    strcpy(s.start_date, "2025-10-07");
    strcpy(s.end_date, "2025-10-06");
    assert_int_equal(store_streak_put(store, &s), ODAAT_ERR_INVALID);
    /* An end note belongs to a closed streak. */
    struct streak noted = {.tracker_id = tracker, .end_note = dup("not yet")};
    strcpy(noted.start_date, "2025-10-07");
    assert_int_equal(store_streak_put(store, &noted), ODAAT_ERR_INVALID);
    assert_int_equal(rows(store, "streaks"), 0);
    /* A relapse on the first clean day ends a streak of 0 days. */
    strcpy(s.end_date, "2025-10-07");
    assert_int_equal(store_streak_put(store, &s), ODAAT_OK);
    store_streak_free(&noted);
}

static void test_second_open_streak_is_a_duplicate(void **state)
{
    struct store *store = *state;
    int64_t tracker = add_tracker(store, "cocaine");
    struct streak s = {.tracker_id = tracker};
    strcpy(s.start_date, "2025-02-02");
    assert_int_equal(store_streak_put(store, &s), ODAAT_OK);
    struct streak second = {.tracker_id = tracker};
    strcpy(second.start_date, "2025-10-07");
    assert_int_equal(store_streak_put(store, &second), ODAAT_ERR_DUPLICATE);
    assert_int_equal(second.meta.id, 0);
    assert_int_equal(rows(store, "streaks"), 1);
    /* Another tracker may have its own open streak; closing the first allows the second. */
    struct streak other = {.tracker_id = add_tracker(store, "alcohol")};
    strcpy(other.start_date, "2025-10-07");
    assert_int_equal(store_streak_put(store, &other), ODAAT_OK);
    strcpy(s.end_date, "2025-10-05");
    assert_int_equal(store_streak_put(store, &s), ODAAT_OK);
    assert_int_equal(store_streak_put(store, &second), ODAAT_OK);
}

static void test_streak_of_a_missing_tracker_is_refused(void **state)
{
    struct store *store = *state;
    struct streak s = {.tracker_id = 99};
    strcpy(s.start_date, "2025-02-02");
    assert_int_equal(store_streak_put(store, &s), ODAAT_ERR_INVALID);
    assert_int_equal(rows(store, "streaks"), 0);
}

static void test_duplicate_checkin_date_is_a_duplicate(void **state)
{
    struct store *store = *state;
    assert_int_equal(put_checkin(store, "2026-11-23", 3, -1), ODAAT_OK);
    assert_int_equal(put_checkin(store, "2026-11-23", 4, -1), ODAAT_ERR_DUPLICATE);
    struct checkin got;
    assert_int_equal(store_checkin_get_by_date(store, "2026-11-23", &got), ODAAT_OK);
    assert_int_equal(got.mood, 3);
    store_checkin_free(&got);
    assert_int_equal(rows(store, "checkins"), 1);
}

static void test_tracker_name_in_another_case_is_a_duplicate(void **state)
{
    struct store *store = *state;
    add_tracker(store, "Cocaine");
    struct tracker t = {.name = dup("cOCAINE")};
    strcpy(t.preset, "ca");
    assert_int_equal(store_tracker_put(store, &t), ODAAT_ERR_DUPLICATE);
    assert_int_equal(rows(store, "trackers"), 1);
    store_tracker_free(&t);
}

static void test_blank_names_bad_presets_and_bad_step_numbers_are_refused(void **state)
{
    struct store *store = *state;
    static const char *const presets[] = {"", "CA", "c a", "ca!", "-ca", "ca_x"};
    for (size_t i = 0; i < ARRAY_LEN(presets); i++) {
        struct tracker t = {.name = dup("cocaine")};
        strcpy(t.preset, presets[i]);
        assert_int_equal(store_tracker_put(store, &t), ODAAT_ERR_INVALID);
        store_tracker_free(&t);
    }
    struct tracker blank = {.name = dup("   ")};
    strcpy(blank.preset, "ca");
    assert_int_equal(store_tracker_put(store, &blank), ODAAT_ERR_INVALID);
    struct tracker unnamed = {0};
    strcpy(unnamed.preset, "ca");
    assert_int_equal(store_tracker_put(store, &unnamed), ODAAT_ERR_INVALID);
    struct contact c = {.name = dup("")};
    assert_int_equal(store_contact_put(store, &c), ODAAT_ERR_INVALID);
    struct journal_entry j = {0};
    assert_int_equal(store_journal_put(store, &j), ODAAT_ERR_INVALID);
    static const int numbers[] = {0, 13, -1};
    for (size_t i = 0; i < ARRAY_LEN(numbers); i++) {
        struct step s = {.number = numbers[i]};
        strcpy(s.program, "ca");
        assert_int_equal(store_step_put(store, &s), ODAAT_ERR_INVALID);
    }
    struct step done_early = {.number = 2, .status = STEP_DONE};
    strcpy(done_early.program, "ca");
    strcpy(done_early.started_on, "2026-05-02");
    strcpy(done_early.completed_on, "2026-05-01");
    assert_int_equal(store_step_put(store, &done_early), ODAAT_ERR_INVALID);
    struct journal_entry moody = {.body = dup("x"), .has_mood = true, .mood = 6};
    assert_int_equal(store_journal_put(store, &moody), ODAAT_ERR_INVALID);
    moody.has_mood = false;
    moody.has_step = true;
    moody.step = 13;
    assert_int_equal(store_journal_put(store, &moody), ODAAT_ERR_INVALID);
    assert_int_equal(rows(store, "trackers") + rows(store, "contacts") + rows(store, "journal") +
                         rows(store, "steps"),
                     0);
    struct step s = {.number = 12};
    strcpy(s.program, "ca");
    assert_int_equal(store_step_put(store, &s), ODAAT_OK);
    s.meta.id = 0;
    assert_int_equal(store_step_put(store, &s), ODAAT_ERR_DUPLICATE);
    store_tracker_free(&blank);
    store_contact_free(&c);
    store_journal_free(&moody);
}

static void test_unterminated_fixed_field_is_refused(void **state)
{
    struct store *store = *state;
    struct checkin c = {0};
    memset(c.date, '1', sizeof c.date);
    assert_int_equal(store_checkin_put(store, &c), ODAAT_ERR_INVALID);
    assert_int_equal(rows(store, "checkins"), 0);
}

static void test_deleting_a_tracker_deletes_its_streaks_and_milestones(void **state)
{
    struct store *store = *state;
    int64_t tracker = add_tracker(store, "cocaine");
    int64_t kept = add_tracker(store, "alcohol");
    static const char *const starts[] = {"2024-01-01", "2025-01-01"};
    for (size_t i = 0; i < ARRAY_LEN(starts); i++) {
        struct streak s = {.tracker_id = tracker};
        strcpy(s.start_date, starts[i]);
        strcpy(s.end_date, "2025-06-01");
        assert_int_equal(store_streak_put(store, &s), ODAAT_OK);
    }
    struct streak other = {.tracker_id = kept};
    strcpy(other.start_date, "2025-01-01");
    assert_int_equal(store_streak_put(store, &other), ODAAT_OK);
    struct milestone_seen m = {.tracker_id = tracker, .unit = MILESTONE_DAYS, .count = 30};
    assert_int_equal(store_milestone_seen_put(store, &m), ODAAT_OK);
    assert_int_equal(rows(store, "streaks"), 3);

    assert_int_equal(store_tracker_delete(store, tracker), ODAAT_OK);
    struct streak *list = NULL;
    size_t count = 0;
    assert_int_equal(store_streak_list(store, 0, &list, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    assert_int_equal(list[0].tracker_id, kept);
    store_streak_list_free(list, count);
    assert_int_equal(rows(store, "milestones_seen"), 0);
}

/* ---- Journal search ---------------------------------------------------------------------- */

static size_t search(struct store *store, const char *query, struct journal_hit **hits)
{
    size_t count = 0;
    assert_int_equal(store_journal_search(store, query, 0, hits, &count), ODAAT_OK);
    return count;
}

/* Asserts query finds exactly the entry id, and frees the hits. */
static void assert_finds_only(struct store *store, const char *query, int64_t id)
{
    struct journal_hit *hits = NULL;
    size_t count = search(store, query, &hits);
    if (count != 1 || hits[0].id != id)
        fail_msg("'%s' found %zu entries, not just entry %lld", query, count, (long long)id);
    store_journal_hits_free(hits, count);
}

static void assert_finds_none(struct store *store, const char *query)
{
    struct journal_hit *hits = NULL;
    size_t count = search(store, query, &hits);
    if (count != 0)
        fail_msg("'%s' found %zu entries", query, count);
    assert_null(hits);
}

static void test_search_finds_part_of_a_word_and_marks_it(void **state)
{
    struct store *store = *state;
    int64_t id = add_journal(store, "Evening", "Called my sponsor after the meeting.");
    add_journal(store, "Morning", "Walked the dog.");
    struct journal_hit *hits = NULL;
    size_t count = search(store, "spons", &hits);
    assert_int_equal(count, 1);
    assert_int_equal(hits[0].id, id);
    assert_string_equal(hits[0].title, "Evening");
    assert_string_equal(hits[0].created_at, T1);
    assert_non_null(strstr(hits[0].snippet, STORE_MATCH_OPEN "spons" STORE_MATCH_CLOSE "or"));
    store_journal_hits_free(hits, count);
    /* Case is folded. */
    assert_finds_only(store, "SPONSOR", id);
}

static void test_search_finds_two_and_three_character_cjk(void **state)
{
    struct store *store = *state;
    int64_t id = add_journal(store, NULL, "一日一日 just for today");
    add_journal(store, NULL, "今日は良い");
    assert_finds_only(store, "一日一", id);
    struct journal_hit *hits = NULL;
    size_t count = search(store, "一日", &hits);
    assert_int_equal(count, 1);
    assert_int_equal(hits[0].id, id);
    assert_null(hits[0].title);
    assert_string_equal(hits[0].snippet,
                        STORE_MATCH_OPEN "一日" STORE_MATCH_CLOSE STORE_MATCH_OPEN
                                         "一日" STORE_MATCH_CLOSE " just for today");
    store_journal_hits_free(hits, count);
    /* One character goes through the same scan. */
    count = search(store, "日", &hits);
    assert_int_equal(count, 2);
    /* The entry holding it more often ranks first. */
    assert_int_equal(hits[0].id, id);
    store_journal_hits_free(hits, count);
}

static void test_search_finds_accented_names_in_any_case(void **state)
{
    struct store *store = *state;
    int64_t id = add_journal(store, "Visit", "Élodie came by with tea.");
    add_journal(store, "Visit", "Elmar came by with coffee.");
    assert_finds_only(store, "Élodie", id);
    assert_finds_only(store, "élodie", id);
    assert_finds_only(store, "ÉLODIE", id);
    struct journal_hit *hits = NULL;
    size_t count = search(store, "élodie", &hits);
    assert_non_null(strstr(hits[0].snippet, STORE_MATCH_OPEN "Élodie" STORE_MATCH_CLOSE));
    store_journal_hits_free(hits, count);
}

static void test_search_ranks_better_matches_first(void **state)
{
    struct store *store = *state;
    char body[2048] = "A long day at work, then dinner, then reading. ";
    while (strlen(body) < 1500)
        strcat(body, "Nothing else worth writing about happened today. ");
    strcat(body, "Sponsor texted.");
    int64_t once = add_journal(store, "Tuesday", body);
    int64_t often = add_journal(store, "Wednesday", "Sponsor, sponsor, sponsor: three calls.");
    int64_t titled = add_journal(store, "Sponsor", "We met for coffee.");
    struct journal_hit *hits = NULL;
    size_t count = search(store, "sponsor", &hits);
    assert_int_equal(count, 3);
    assert_int_equal(hits[2].id, once);
    assert_true(hits[0].id == often || hits[0].id == titled);
    store_journal_hits_free(hits, count);
    /* limit keeps the best. */
    assert_int_equal(store_journal_search(store, "sponsor", 1, &hits, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    assert_int_not_equal(hits[0].id, once);
    store_journal_hits_free(hits, count);
}

static void test_find_gives_the_search_hits_and_snippets_come_on_request(void **state)
{
    struct store *store = *state;
    add_journal(store, "Tuesday", "Called my sponsor after work.");
    add_journal(store, "Wednesday", "Sponsor, sponsor, sponsor: three calls.");
    add_journal(store, "Sponsor", "We met for coffee.");
    add_journal(store, "Thursday", "Nothing to do with it.");
    struct journal_hit *searched = NULL, *found = NULL;
    size_t searched_count = search(store, "sponsor", &searched);
    size_t found_count = 0;
    assert_int_equal(store_journal_find(store, "sponsor", 0, &found, &found_count), ODAAT_OK);
    assert_int_equal(found_count, 3);
    assert_int_equal(found_count, searched_count);
    for (size_t i = 0; i < found_count; i++) {
        assert_int_equal(found[i].id, searched[i].id);
        assert_string_equal(found[i].created_at, searched[i].created_at);
        assert_string_equal(found[i].title, searched[i].title);
        assert_null(found[i].snippet);
    }
    /* Only the hits asked for get a snippet, the one the search gives. */
    assert_int_equal(store_journal_snippets(store, "sponsor", found + 1, 2), ODAAT_OK);
    assert_null(found[0].snippet);
    for (size_t i = 1; i < found_count; i++)
        assert_string_equal(found[i].snippet, searched[i].snippet);
    assert_int_equal(store_journal_snippets(store, "sponsor", found, found_count), ODAAT_OK);
    assert_string_equal(found[0].snippet, searched[0].snippet);
    store_journal_hits_free(found, found_count);
    store_journal_hits_free(searched, searched_count);

    /* limit keeps the best, as for a search. */
    assert_int_equal(store_journal_find(store, "sponsor", 1, &found, &found_count), ODAAT_OK);
    assert_int_equal(found_count, 1);
    store_journal_hits_free(found, found_count);
    /* A query too short for the index works the same way. */
    assert_int_equal(store_journal_find(store, "co", 0, &found, &found_count), ODAAT_OK);
    assert_int_equal(found_count, 1);
    assert_null(found[0].snippet);
    assert_int_equal(store_journal_snippets(store, "co", found, found_count), ODAAT_OK);
    assert_non_null(strstr(found[0].snippet, STORE_MATCH_OPEN "co" STORE_MATCH_CLOSE));
    store_journal_hits_free(found, found_count);
    assert_int_equal(store_journal_find(store, "", 0, &found, &found_count), ODAAT_ERR_INVALID);
    assert_int_equal(store_journal_snippets(store, "", NULL, 0), ODAAT_ERR_INVALID);
}

static void test_snippet_of_an_entry_deleted_since_the_find_is_empty(void **state)
{
    struct store *store = *state;
    int64_t gone = add_journal(store, "Sponsor", "Called her today.");
    struct journal_hit *found = NULL;
    size_t count = 0;
    assert_int_equal(store_journal_find(store, "sponsor", 0, &found, &count), ODAAT_OK);
    assert_int_equal(count, 1);
    assert_int_equal(store_journal_delete(store, gone), ODAAT_OK);
    assert_int_equal(store_journal_snippets(store, "sponsor", found, count), ODAAT_OK);
    assert_string_equal(found[0].snippet, "");
    store_journal_hits_free(found, count);
}

static void test_search_reads_query_syntax_as_plain_text(void **state)
{
    struct store *store = *state;
    int64_t id = add_journal(store, "Notes",
                             "He said \"call me\" AND (maybe) NEAR tomorrow* -- not-a-joke OR so");
    add_journal(store, "Other", "call me maybe tomorrow, not a joke");
    /* The last three are short enough to be found by a scan rather than the index. */
    static const char *const found[] = {
        "\"call me\"", "AND (maybe)", "NEAR tomorrow*", "tomorrow*", "-- not", "not-a-joke",
        "OR so",       "\"call",      "(maybe",         "*",         "(",      "\""};
    for (size_t i = 0; i < ARRAY_LEN(found); i++)
        assert_finds_only(store, found[i], id);
    static const char *const nothing[] = {"NEAR(call me, 5)",
                                          "call AND tomorrow",
                                          "call OR joke",
                                          "tom*",
                                          "-tomorrow",
                                          "\"\"\"\"",
                                          "^call",
                                          "title:call",
                                          "{title}: me",
                                          "**",
                                          "()",
                                          "\"\""};
    for (size_t i = 0; i < ARRAY_LEN(nothing); i++)
        assert_finds_none(store, nothing[i]);
}

static void test_search_follows_edits_and_deletes(void **state)
{
    struct store *store = *state;
    struct journal_entry j = {.title = dup("Visit"), .body = dup("Élodie came by.")};
    assert_int_equal(store_journal_put(store, &j), ODAAT_OK);
    assert_finds_only(store, "Élodie", j.meta.id);
    free(j.body);
    j.body = dup("Nobody came by.");
    assert_int_equal(store_journal_put(store, &j), ODAAT_OK);
    assert_finds_none(store, "Élodie");
    assert_finds_only(store, "Nobody", j.meta.id);
    assert_int_equal(store_journal_delete(store, j.meta.id), ODAAT_OK);
    assert_finds_none(store, "Nobody");
    assert_finds_none(store, "Visit");
    /* The index holds nothing for deleted rows (its integrity check compares it with the
     * table). */
    assert_int_equal(raw_exec(store, "INSERT INTO journal_fts (journal_fts, rank) "
                                     "VALUES ('integrity-check', 1)"),
                     SQLITE_OK);
    store_journal_free(&j);
}

static void test_search_checks_the_query_is_there_in_one_piece(void **state)
{
    struct store *store = *state;
    int64_t id = add_journal(store, NULL, "Just for today: one day at a time.");
    /* Every trigram of the query, but never the query itself: the index offers this entry,
     * and the check that follows turns it down. */
    add_journal(store, NULL, "day at a time, then one day at");
    assert_finds_only(store, "one day at a time", id);
    /* A query of more trigrams than the index is asked for. */
    assert_finds_only(store, "Just for today: one day at a time.", id);
    assert_finds_none(store, "Just for today: one day at a time!");
}

static void test_short_queries_ignore_case_in_every_alphabet(void **state)
{
    struct store *store = *state;
    int64_t id = add_journal(store, "Été", "Ωmega and ÑANDÚ");
    add_journal(store, "Winter", "nothing here");
    assert_finds_only(store, "é", id);
    assert_finds_only(store, "ÉT", id);
    assert_finds_only(store, "ω", id);
    assert_finds_only(store, "ñ", id);
}

static void test_snippet_shows_context_and_marks_every_match_in_it(void **state)
{
    struct store *store = *state;
    add_journal(store, "Long",
                "The first part of this entry says nothing much at all, and then: tea with "
                "Sam, more tea, and a walk home in the rain without any hurry at all today.");
    struct journal_hit *hits = NULL;
    size_t count = search(store, "tea", &hits);
    assert_int_equal(count, 1);
    assert_string_equal(hits[0].snippet,
                        "…h at all, and then: " STORE_MATCH_OPEN "tea" STORE_MATCH_CLOSE
                        " with Sam, more " STORE_MATCH_OPEN "tea" STORE_MATCH_CLOSE ",…");
    store_journal_hits_free(hits, count);
    /* A match at the start gives its context to the side after it. */
    count = search(store, "the first", &hits);
    assert_int_equal(count, 1);
    assert_string_equal(hits[0].snippet, STORE_MATCH_OPEN
                        "The first" STORE_MATCH_CLOSE " part of this entry says nothing much at…");
    store_journal_hits_free(hits, count);
    /* Only the title holds it: the title is the snippet. */
    count = search(store, "lon", &hits);
    assert_int_equal(count, 1);
    assert_string_equal(hits[0].snippet, STORE_MATCH_OPEN "Lon" STORE_MATCH_CLOSE "g");
    store_journal_hits_free(hits, count);
}

/* Turns store's search index back into the one version 1 wrote, with positions. */
static void store_make_version_1(struct store *store)
{
    assert_int_equal(raw_exec(store, "DROP TABLE journal_fts; "
                                     "CREATE VIRTUAL TABLE journal_fts USING fts5 (title, body, "
                                     "content = 'journal', content_rowid = 'id', "
                                     "tokenize = 'trigram'); "
                                     "INSERT INTO journal_fts (journal_fts) VALUES ('rebuild'); "
                                     "PRAGMA user_version = 1;"),
                     SQLITE_OK);
}

static void test_version_1_store_gets_the_small_index_and_no_free_pages(void **state)
{
    struct store *store = *state;
    /* Varied text, as a journal's is: many different trigrams, each in many places. */
    uint32_t seed = 2026;
    for (int i = 0; i < 60; i++) {
        char body[1600] = "Called my sponsor after the meeting. ";
        for (size_t n = strlen(body); n < sizeof body - 1; n++) {
            seed = seed * 1103515245u + 12345u;
            body[n] = (seed >> 16) % 7 == 0 ? ' ' : (char)('a' + (seed >> 16) % 26);
        }
        body[sizeof body - 1] = '\0';
        add_journal(store, "A day", body);
    }
    int64_t id = add_journal(store, "Élodie", "She brought tea, 一日一日.");
    store_make_version_1(store);
    size_t old_len = 0;
    uint8_t *image = image_take(store, &old_len);
    struct store *again = NULL;
    assert_int_equal(store_open_image(image, old_len, &again), ODAAT_OK);
    assert_int_equal(raw_int(again, "PRAGMA user_version"), 2);
    /* The old index's pages were set free, more than a quarter of the image: compacted. */
    assert_int_equal(raw_int(again, "PRAGMA freelist_count"), 0);
    assert_int_equal(raw_int(again, "SELECT count(*) FROM sqlite_schema WHERE name = 'journal_fts' "
                                    "AND sql LIKE '%detail = ''none''%'"),
                     1);
    /* Every entry is still there and found; the image is smaller than before. */
    assert_int_equal(raw_int(again, "SELECT count(*) FROM journal"), 61);
    assert_finds_only(again, "ÉLODIE", id);
    assert_finds_only(again, "一日一", id);
    struct journal_hit *hits = NULL;
    size_t count = 0;
    assert_int_equal(store_journal_search(again, "sponsor after", 0, &hits, &count), ODAAT_OK);
    assert_int_equal(count, 60);
    store_journal_hits_free(hits, count);
    const uint8_t *now = NULL;
    size_t new_len = 0;
    assert_int_equal(store_image(again, &now, &new_len), ODAAT_OK);
    assert_true(new_len < old_len);
    assert_int_equal(raw_exec(again, "INSERT INTO journal_fts (journal_fts, rank) "
                                     "VALUES ('integrity-check', 1)"),
                     SQLITE_OK);
    store_close(again);
}

static void test_journal_heads_give_the_list_with_bodies_cut_short(void **state)
{
    struct store *store = *state;
    char body[700];
    memset(body, 0, sizeof body);
    while (strlen(body) < 600)
        strcat(body, "Élodie 一日 ");
    int64_t long_one = add_journal(store, "Long", body);
    add_journal(store, NULL, "Short and untitled.");
    struct journal_entry *list = NULL, *heads = NULL;
    size_t list_count = 0, head_count = 0;
    assert_int_equal(store_journal_list(store, 0, 0, &list, &list_count), ODAAT_OK);
    assert_int_equal(store_journal_heads(store, STORE_PREVIEW_ALL, 0, 0, &heads, &head_count),
                     ODAAT_OK);
    assert_int_equal(head_count, list_count);
    for (size_t i = 0; i < head_count; i++) {
        assert_int_equal(heads[i].meta.id, list[i].meta.id);
        /* The same beginning, cut at a character, never inside one. */
        size_t n = strlen(heads[i].body);
        assert_memory_equal(heads[i].body, list[i].body, n);
        if (heads[i].meta.id == long_one) {
            assert_true(n < strlen(list[i].body));
            size_t chars = 0;
            for (size_t k = 0; k < n; k++)
                chars += ((unsigned char)heads[i].body[k] & 0xC0) != 0x80;
            assert_int_equal(chars, STORE_PREVIEW);
            assert_string_equal(heads[i].title, "Long");
        } else {
            assert_string_equal(heads[i].body, "Short and untitled.");
            assert_null(heads[i].title);
        }
    }
    store_journal_list_free(list, list_count);
    store_journal_list_free(heads, head_count);
    /* A window, as for the list. */
    assert_int_equal(store_journal_heads(store, STORE_PREVIEW_ALL, 1, 1, &heads, &head_count),
                     ODAAT_OK);
    assert_int_equal(head_count, 1);
    assert_int_equal(heads[0].meta.id, long_one);
    store_journal_list_free(heads, head_count);
    /* Only the untitled entry's body, when that is all a listing shows. */
    assert_int_equal(store_journal_heads(store, STORE_PREVIEW_UNTITLED, 0, 0, &heads, &head_count),
                     ODAAT_OK);
    assert_int_equal(head_count, 2);
    assert_string_equal(heads[0].body, "Short and untitled.");
    assert_null(heads[1].body);
    assert_string_equal(heads[1].title, "Long");
    store_journal_list_free(heads, head_count);
    assert_int_equal(store_journal_heads(store, (enum store_preview)7, 0, 0, &heads, &head_count),
                     ODAAT_ERR_INVALID);
    assert_null(heads);
}

static bool image_holds(struct store *store, const char *text)
{
    const uint8_t *image = NULL;
    size_t len = 0;
    assert_int_equal(store_image(store, &image, &len), ODAAT_OK);
    return memmem(image, len, text, strlen(text)) != NULL;
}

static void test_image_holds_no_trace_of_deleted_or_edited_text(void **state)
{
    struct store *store = *state;
    for (int i = 0; i < 5; i++)
        add_journal(store, "Day", "ordinary words about an ordinary day");
    int64_t secret = add_journal(store, "Secret", "xylophone");
    struct journal_entry edited = {.body = dup("quagmire")};
    assert_int_equal(store_journal_put(store, &edited), ODAAT_OK);
    /* The text and its trigrams are there while the entries are. */
    assert_true(image_holds(store, "xylophone"));
    assert_true(image_holds(store, "xyl"));
    assert_true(image_holds(store, "qua"));

    assert_int_equal(store_journal_delete(store, secret), ODAAT_OK);
    free(edited.body);
    edited.body = dup("unusual");
    assert_int_equal(store_journal_put(store, &edited), ODAAT_OK);
    assert_false(image_holds(store, "xylophone"));
    assert_false(image_holds(store, "quagmire"));
    /* Not even the trigrams of the search index (each is a term of its own there). */
    assert_false(image_holds(store, "xyl"));
    assert_false(image_holds(store, "qua"));
    assert_finds_only(store, "unusual", edited.meta.id);
    store_journal_free(&edited);
}

static void test_empty_search_is_invalid(void **state)
{
    struct store *store = *state;
    struct journal_hit *hits = (struct journal_hit *)1;
    size_t count = 7;
    assert_int_equal(store_journal_search(store, "", 0, &hits, &count), ODAAT_ERR_INVALID);
    assert_null(hits);
    assert_int_equal(count, 0);
    assert_int_equal(store_journal_search(store, NULL, 0, &hits, &count), ODAAT_ERR_INVALID);
}

/* ---- Hardening --------------------------------------------------------------------------- */

static void test_hardening_settings_are_in_force(void **state)
{
    struct store *store = *state;
    assert_int_equal(raw_int(store, "PRAGMA temp_store"), 2); /* MEMORY */
    assert_int_equal(raw_int(store, "PRAGMA secure_delete"), 1);
    assert_int_equal(raw_int(store, "PRAGMA foreign_keys"), 1);
    char mode[16];
    raw_text(store, "PRAGMA journal_mode", mode, sizeof mode);
    assert_string_equal(mode, "memory");
    int value = -1;
    assert_int_equal(sqlite3_db_config(raw(store), SQLITE_DBCONFIG_DEFENSIVE, -1, &value),
                     SQLITE_OK);
    assert_int_equal(value, 1);
    value = -1;
    assert_int_equal(
        sqlite3_db_config(raw(store), SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, -1, &value),
        SQLITE_OK);
    assert_int_equal(value, 0);
    /* Defensive mode: the schema cannot be edited behind SQLite's back. */
    assert_int_not_equal(raw_exec(store, "PRAGMA writable_schema = ON; "
                                         "DELETE FROM sqlite_schema WHERE name = 'journal'"),
                         SQLITE_OK);
    assert_int_equal(raw_int(store, "SELECT count(*) FROM sqlite_schema WHERE name = 'journal'"),
                     1);
}

static void test_attach_and_vacuum_into_are_refused(void **state)
{
    struct store *store = *state;
    assert_int_equal(raw_exec(store, "ATTACH DATABASE ':memory:' AS other"), SQLITE_AUTH);
    /* Behind the authorizer, a limit of no attached databases at all. */
    assert_int_equal(sqlite3_limit(raw(store), SQLITE_LIMIT_ATTACHED, -1), 0);
    assert_int_equal(
        raw_int(store, "SELECT count(*) FROM pragma_database_list WHERE name = 'other'"), 0);
    /* VACUUM INTO attaches its target; no file may be written. */
    assert_int_not_equal(raw_exec(store, "VACUUM INTO 'odaat-store-test-must-not-exist.db'"),
                         SQLITE_OK);
    FILE *f = fopen("odaat-store-test-must-not-exist.db", "rb");
    if (f != NULL) {
        fclose(f);
        remove("odaat-store-test-must-not-exist.db");
        fail_msg("VACUUM INTO wrote a file");
    }
}

static void test_global_init_is_idempotent_and_wipes_what_sqlite_frees(void **state)
{
    (void)state;
    assert_int_equal(store_global_init(), ODAAT_OK);
    assert_int_equal(store_global_init(), ODAAT_OK);
    /* The vault's buffers come from sqlite3_malloc64: freeing one goes through the wiper. */
    size_t before = store_test_wiped_bytes();
    void *block = sqlite3_malloc64(1000);
    assert_non_null(block);
    memset(block, 'j', 1000);
    sqlite3_free(block);
    assert_true(store_test_wiped_bytes() >= before + 1000);
}

/* Fills n bytes with a pattern that depends on each byte's place. */
static void pattern_fill(unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 131 + i / 4096);
}

static bool pattern_holds(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(i * 131 + i / 4096))
            return false;
    return true;
}

static void test_large_blocks_grow_shrink_and_are_wiped(void **state)
{
    (void)state;
    /* Blocks of a MiB or more are mapped by the allocator itself and resized by moving their
     * pages: what they hold survives every resize, and every byte is wiped when let go. */
    const size_t mib = (size_t)1 << 20;
    size_t before = store_test_wiped_bytes();
    unsigned char *block = sqlite3_malloc64(3 * mib);
    assert_non_null(block);
    assert_int_equal(sqlite3_msize(block), 3 * mib);
    pattern_fill(block, 3 * mib);
    block = sqlite3_realloc64(block, 7 * mib + 8); /* grows: moved, not copied */
    assert_non_null(block);
    assert_true(pattern_holds(block, 3 * mib));
    pattern_fill(block, 7 * mib + 8);
    block = sqlite3_realloc64(block, 2 * mib); /* shrinks: the tail is wiped first */
    assert_non_null(block);
    assert_int_equal(store_test_wiped_bytes(), before + 5 * mib + 8);
    assert_true(pattern_holds(block, 2 * mib));
    block = sqlite3_realloc64(block, 4096); /* to a small block: copied, the large one wiped */
    assert_non_null(block);
    assert_true(pattern_holds(block, 4096));
    assert_int_equal(store_test_wiped_bytes(), before + 7 * mib + 8);
    sqlite3_free(block);
    assert_int_equal(store_test_wiped_bytes(), before + 7 * mib + 8 + 4096);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(test_new_store_has_the_latest_version_and_every_table),
        T(test_image_round_trip_keeps_records),
        cmocka_unit_test(test_garbage_image_is_contents_damaged),
        T(test_image_cut_short_is_contents_damaged),
        T(test_image_with_a_damaged_page_is_contents_damaged),
        T(test_version_1_store_gets_the_small_index_and_no_free_pages),
        cmocka_unit_test(test_foreign_database_is_contents_damaged),
        T(test_schema_with_a_trigger_of_its_own_is_contents_damaged),
        T(test_schema_with_a_changed_trigger_is_contents_damaged),
        cmocka_unit_test(test_newer_user_version_is_schema_newer),
        T(test_image_grows_with_data_and_opens),
        T(test_setting_round_trip),
        T(test_setting_set_updates_in_place_and_value_reads_it),
        T(test_tracker_round_trip),
        T(test_tracker_get_by_name_ignores_ascii_case),
        T(test_streak_round_trip),
        T(test_checkin_round_trip),
        T(test_checkin_list_takes_an_inclusive_date_range),
        T(test_checkin_and_meeting_days_are_the_dates_alone_in_order),
        T(test_meeting_round_trip),
        T(test_step_round_trip),
        T(test_journal_round_trip),
        T(test_journal_list_is_newest_first_with_limit_and_offset),
        T(test_journal_count_follows_adds_and_deletes),
        T(test_contact_round_trip),
        T(test_milestone_seen_round_trip),
        T(test_uuids_are_v4_lowercase_and_unique),
        T(test_update_keeps_created_at_and_uuid_and_changes_updated_at),
        T(test_put_with_an_unknown_id_is_not_found),
        cmocka_unit_test(test_puts_before_set_now_fail_and_write_nothing),
        T(test_checkin_mood_and_craving_out_of_range_are_refused),
        T(test_impossible_or_malformed_dates_are_refused),
        T(test_bad_times_are_refused),
        T(test_enum_values_out_of_range_are_refused),
        T(test_schema_refuses_bad_words_written_directly),
        T(test_enum_words_match_the_core),
        T(test_streak_ending_before_it_starts_is_refused),
        T(test_second_open_streak_is_a_duplicate),
        T(test_streak_of_a_missing_tracker_is_refused),
        T(test_duplicate_checkin_date_is_a_duplicate),
        T(test_tracker_name_in_another_case_is_a_duplicate),
        T(test_blank_names_bad_presets_and_bad_step_numbers_are_refused),
        T(test_unterminated_fixed_field_is_refused),
        T(test_deleting_a_tracker_deletes_its_streaks_and_milestones),
        T(test_search_finds_part_of_a_word_and_marks_it),
        T(test_search_finds_two_and_three_character_cjk),
        T(test_search_finds_accented_names_in_any_case),
        T(test_search_ranks_better_matches_first),
        T(test_find_gives_the_search_hits_and_snippets_come_on_request),
        T(test_snippet_of_an_entry_deleted_since_the_find_is_empty),
        T(test_search_reads_query_syntax_as_plain_text),
        T(test_search_follows_edits_and_deletes),
        T(test_search_checks_the_query_is_there_in_one_piece),
        T(test_journal_heads_give_the_list_with_bodies_cut_short),
        T(test_short_queries_ignore_case_in_every_alphabet),
        T(test_snippet_shows_context_and_marks_every_match_in_it),
        T(test_image_holds_no_trace_of_deleted_or_edited_text),
        T(test_empty_search_is_invalid),
        T(test_hardening_settings_are_in_force),
        T(test_attach_and_vacuum_into_are_refused),
        cmocka_unit_test(test_global_init_is_idempotent_and_wipes_what_sqlite_frees),
        cmocka_unit_test(test_large_blocks_grow_shrink_and_are_wiped),
#undef T
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
