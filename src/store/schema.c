/*
 * schema: odaat's tables as numbered migrations, and the check that an image holds one of
 * them. A migration is never edited once released: a change to the schema is a new number.
 * Every record has an id, a random UUID and UTC created/updated times (so that two stores can
 * later be merged), every table is STRICT, and every value the app could get wrong is guarded
 * by a CHECK, so a bug above the store cannot write a mood of 6 or a 30 February. This file
 * holds SQL only as constant text; it never formats a value into it.
 */
#include "schema.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "odaat/store.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The SQL below is laid out as the statements read; clang-format would break it at macros. */
/* clang-format off */

/* A random version 4 UUID in lowercase, drawn inside SQL so the store needs no randomness of
 * its own: 122 random bits, '4' as the version digit, one of 8, 9, a, b as the variant. */
#define UUID_NEW                                                                                   \
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "                    \
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || "     \
    "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"

#define HEX "[0-9a-f]"
#define HEX4 HEX HEX HEX HEX
#define UUID_GLOB HEX4 HEX4 "-" HEX4 "-4" HEX HEX HEX "-[89ab]" HEX HEX HEX "-" HEX4 HEX4 HEX4

#define DIGIT2 "[0-9][0-9]"
#define DATE_GLOB DIGIT2 DIGIT2 "-" DIGIT2 "-" DIGIT2

/* date(x, '+0 days') normalises an impossible day (2025-02-30 becomes 2025-03-02), so only a
 * real calendar date equals its own normal form; date(x) alone keeps 2025-02-30 as it is. */
#define IS_DATE(c) c " GLOB '" DATE_GLOB "' AND date(" c ", '+0 days') IS " c
#define IS_TIMESTAMP(c)                                                                            \
    c " GLOB '" DATE_GLOB "T" DIGIT2 ":" DIGIT2 ":" DIGIT2 "Z' AND "                               \
      "strftime('%Y-%m-%dT%H:%M:%SZ', " c ", '+0 seconds') IS " c
#define IS_TIME(c) c " GLOB '[0-2][0-9]:[0-5][0-9]' AND " c " < '24:00'"
#define IS_SLUG(c) "length(" c ") <= 16 AND " c " GLOB '[a-z]*' AND " c " NOT GLOB '*[^a-z0-9-]*'"
/* json_valid(NULL) is 0, not NULL: an optional JSON column says "IS NULL OR" itself. */
#define IS_JSON(c, type) "json_valid(" c ") AND json_type(" c ") = '" type "'"
#define NOT_BLANK(c) "length(trim(" c ")) > 0"

/* The columns every record starts with. */
#define RECORD_COLUMNS                                                                             \
    "id INTEGER PRIMARY KEY,\n"                                                                    \
    "uuid TEXT NOT NULL UNIQUE DEFAULT (" UUID_NEW ")\n"                                           \
    "    CHECK (length(uuid) = 36 AND uuid GLOB '" UUID_GLOB "'),\n"                               \
    "created_at TEXT NOT NULL CHECK (" IS_TIMESTAMP("created_at") "),\n"                           \
    "updated_at TEXT NOT NULL CHECK (" IS_TIMESTAMP("updated_at") ")"

/* JSON checks cannot look inside an array, so a trigger refuses a non-text element. */
#define TAGS_ARE_TEXT(event)                                                                       \
    "CREATE TRIGGER checkins_tags_" event " BEFORE " event " ON checkins\n"                        \
    "WHEN (json_valid(new.triggers) AND EXISTS\n"                                                  \
    "        (SELECT 1 FROM json_each(new.triggers) WHERE type <> 'text'))\n"                      \
    "  OR (json_valid(new.gratitude) AND EXISTS\n"                                                 \
    "        (SELECT 1 FROM json_each(new.gratitude) WHERE type <> 'text'))\n"                     \
    "BEGIN SELECT RAISE(ABORT, 'triggers and gratitude hold text only'); END"

/* Version 1: the whole schema. */
static const char *const migration_1[] = {
    "CREATE TABLE settings (\n" RECORD_COLUMNS ",\n"
    "key TEXT NOT NULL UNIQUE\n"
    "    CHECK (length(key) <= 64 AND key GLOB '[a-z]*' AND key NOT GLOB '*[^a-z0-9_]*'),\n"
    "value TEXT NOT NULL\n"
    ") STRICT",

    "CREATE TABLE trackers (\n" RECORD_COLUMNS ",\n"
    "name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (" NOT_BLANK("name") "),\n"
    "kind TEXT NOT NULL CHECK (kind IN ('substance', 'behaviour')),\n"
    "preset TEXT NOT NULL CHECK (" IS_SLUG("preset") "),\n"
    "date_is TEXT NOT NULL CHECK (date_is IN ('first-clean-day', 'last-use-day')),\n"
    "archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))\n"
    ") STRICT",

    "CREATE TABLE streaks (\n" RECORD_COLUMNS ",\n"
    "tracker_id INTEGER NOT NULL REFERENCES trackers (id) ON DELETE CASCADE,\n"
    "start_date TEXT NOT NULL CHECK (" IS_DATE("start_date") "),\n"
    "start_time TEXT CHECK (" IS_TIME("start_time") "),\n"
    "end_date TEXT CHECK (" IS_DATE("end_date") "),\n"
    "end_note TEXT,\n"
    "CHECK (end_date >= start_date),\n"
    "CHECK (end_note IS NULL OR end_date IS NOT NULL)\n"
    ") STRICT",

    /* A relapse closes the open streak before it opens the next, so two open ones are a bug. */
    "CREATE UNIQUE INDEX streaks_one_open ON streaks (tracker_id) WHERE end_date IS NULL",
    "CREATE INDEX streaks_by_tracker ON streaks (tracker_id, start_date)",

    "CREATE TABLE checkins (\n" RECORD_COLUMNS ",\n"
    "date TEXT NOT NULL UNIQUE CHECK (" IS_DATE("date") "),\n"
    "mood INTEGER CHECK (mood BETWEEN 1 AND 5),\n"
    "craving INTEGER CHECK (craving BETWEEN 0 AND 10),\n"
    "triggers TEXT NOT NULL DEFAULT '[]' CHECK (" IS_JSON("triggers", "array") "),\n"
    "gratitude TEXT NOT NULL DEFAULT '[]' CHECK (" IS_JSON("gratitude", "array") "),\n"
    "note TEXT,\n"
    "inventory TEXT CHECK (inventory IS NULL OR " IS_JSON("inventory", "object") ")\n"
    ") STRICT",

    TAGS_ARE_TEXT("INSERT"),
    TAGS_ARE_TEXT("UPDATE"),

    "CREATE TABLE meetings (\n" RECORD_COLUMNS ",\n"
    "date TEXT NOT NULL CHECK (" IS_DATE("date") "),\n"
    "time TEXT CHECK (" IS_TIME("time") "),\n"
    "fellowship TEXT,\n"
    "name TEXT,\n"
    "format TEXT CHECK (format IN ('in-person', 'online', 'phone')),\n"
    "location TEXT,\n"
    "role TEXT NOT NULL DEFAULT 'attended'\n"
    "    CHECK (role IN ('attended', 'shared', 'chaired', 'service')),\n"
    "note TEXT\n"
    ") STRICT",

    "CREATE INDEX meetings_by_date ON meetings (date, time)",

    "CREATE TABLE steps (\n" RECORD_COLUMNS ",\n"
    "program TEXT NOT NULL CHECK (" IS_SLUG("program") "),\n"
    "number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 12),\n"
    "status TEXT NOT NULL DEFAULT 'not-started'\n"
    "    CHECK (status IN ('not-started', 'working', 'done')),\n"
    "started_on TEXT CHECK (" IS_DATE("started_on") "),\n"
    "completed_on TEXT CHECK (" IS_DATE("completed_on") "),\n"
    "note TEXT,\n"
    "UNIQUE (program, number),\n"
    "CHECK (completed_on >= started_on)\n"
    ") STRICT",

    "CREATE TABLE journal (\n" RECORD_COLUMNS ",\n"
    "title TEXT,\n"
    "body TEXT NOT NULL,\n"
    "step INTEGER CHECK (step BETWEEN 1 AND 12),\n"
    "mood INTEGER CHECK (mood BETWEEN 1 AND 5)\n"
    ") STRICT",

    "CREATE INDEX journal_by_created ON journal (created_at)",

    /* Trigrams find parts of words and text in scripts without spaces; the index keeps no copy
     * of the text (content='journal'), and the triggers below keep it in step with the table. */
    "CREATE VIRTUAL TABLE journal_fts USING fts5 (title, body, content = 'journal', "
    "content_rowid = 'id', tokenize = 'trigram')",

    "CREATE TRIGGER journal_index_insert AFTER INSERT ON journal BEGIN\n"
    "INSERT INTO journal_fts (rowid, title, body) VALUES (new.id, new.title, new.body);\n"
    "END",

    "CREATE TRIGGER journal_index_delete AFTER DELETE ON journal BEGIN\n"
    "INSERT INTO journal_fts (journal_fts, rowid, title, body)\n"
    "    VALUES ('delete', old.id, old.title, old.body);\n"
    "END",

    "CREATE TRIGGER journal_index_update AFTER UPDATE OF title, body ON journal BEGIN\n"
    "INSERT INTO journal_fts (journal_fts, rowid, title, body)\n"
    "    VALUES ('delete', old.id, old.title, old.body);\n"
    "INSERT INTO journal_fts (rowid, title, body) VALUES (new.id, new.title, new.body);\n"
    "END",

    "CREATE TABLE contacts (\n" RECORD_COLUMNS ",\n"
    "name TEXT NOT NULL CHECK (" NOT_BLANK("name") "),\n"
    "role TEXT NOT NULL CHECK (role IN ('sponsor', 'friend', 'helpline', 'other')),\n"
    "phone TEXT,\n"
    "note TEXT\n"
    ") STRICT",

    "CREATE TABLE milestones_seen (\n" RECORD_COLUMNS ",\n"
    "tracker_id INTEGER NOT NULL REFERENCES trackers (id) ON DELETE CASCADE,\n"
    "unit TEXT NOT NULL CHECK (unit IN ('hours', 'days', 'months', 'years')),\n"
    "count INTEGER NOT NULL CHECK (count >= 0),\n"
    "UNIQUE (tracker_id, unit, count)\n"
    ") STRICT",
};

/* Version 2: the search index keeps which entries hold each trigram but not where (detail
 * none). Positions made the index larger than the journal it indexes, and every open and save
 * reads or writes the whole image; the search checks each candidate entry itself instead
 * (search.c). The triggers of version 1 keep feeding it under the same name. */
static const char *const migration_2[] = {
    "DROP TABLE journal_fts",

    ("CREATE VIRTUAL TABLE journal_fts USING fts5 (title, body, content = 'journal', "
     "content_rowid = 'id', tokenize = 'trigram', detail = 'none')"),

    "INSERT INTO journal_fts (journal_fts) VALUES ('rebuild')",
};

/* clang-format on */

struct migration {
    const char *const *statements;
    size_t count;
};

/* migrations[i] takes a database from user_version i to i + 1. */
static const struct migration migrations[] = {
    {migration_1, ARRAY_LEN(migration_1)},
    {migration_2, ARRAY_LEN(migration_2)},
};

_Static_assert(ARRAY_LEN(migrations) == STORE_SCHEMA_VERSION,
               "STORE_SCHEMA_VERSION must count the migrations");

/*
 * The schema objects compared between an image and the reference, in a fixed order. FTS5's
 * own tables are left out: SQLite writes their definitions itself, and another SQLite version
 * may word them differently, which must not make a good store look foreign. They are known by
 * name, so no other table can hide among them.
 */
static const char schema_objects_sql[] =
    "SELECT type, name, tbl_name, sql FROM sqlite_schema\n"
    "WHERE NOT (type = 'table' AND name IN ('journal_fts_data', 'journal_fts_idx',\n"
    "    'journal_fts_docsize', 'journal_fts_config'))\n"
    "ORDER BY type, name";

static enum odaat_err exec_error(int rc)
{
    return (rc & 0xff) == SQLITE_NOMEM ? ODAAT_ERR_NOMEM : ODAAT_ERR_STORE;
}

static enum odaat_err exec(sqlite3 *db, const char *sql)
{
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? ODAAT_OK : exec_error(rc);
}

static enum odaat_err user_version_read(sqlite3 *db, int *version)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *version = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? ODAAT_OK : exec_error(rc);
}

/* Applies migrations[index] and sets user_version to index + 1, all or nothing. */
static enum odaat_err migration_apply(sqlite3 *db, size_t index)
{
    const struct migration *m = &migrations[index];
    enum odaat_err err = exec(db, "BEGIN IMMEDIATE");
    for (size_t i = 0; err == ODAAT_OK && i < m->count; i++)
        err = exec(db, m->statements[i]);
    if (err == ODAAT_OK) {
        /* A pragma takes no bound parameter; the number is ours, never a user's. */
        char *sql = sqlite3_mprintf("PRAGMA user_version = %d", (int)index + 1);
        err = sql == NULL ? ODAAT_ERR_NOMEM : exec(db, sql);
        sqlite3_free(sql);
    }
    if (err == ODAAT_OK)
        err = exec(db, "COMMIT");
    if (err != ODAAT_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return err;
}

/* Opens an empty in-memory database holding the schema of version (0: nothing). */
static enum odaat_err reference_open(int version, sqlite3 **out)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    enum odaat_err err = rc == SQLITE_OK ? ODAAT_OK : exec_error(rc);
    if (err == ODAAT_OK)
        err = exec(db, "PRAGMA temp_store = MEMORY");
    for (int i = 0; err == ODAAT_OK && i < version; i++)
        err = migration_apply(db, (size_t)i);
    if (err != ODAAT_OK) {
        sqlite3_close(db);
        db = NULL;
    }
    *out = db;
    return err;
}

static bool column_equal(sqlite3_stmt *a, sqlite3_stmt *b, int col)
{
    const unsigned char *x = sqlite3_column_text(a, col);
    const unsigned char *y = sqlite3_column_text(b, col);
    if (x == NULL || y == NULL)
        return x == y;
    return strcmp((const char *)x, (const char *)y) == 0;
}

/* Steps a and b together; CONTENTS_DAMAGED as soon as a row differs or one ends first. */
static enum odaat_err rows_compare(sqlite3_stmt *a, sqlite3_stmt *b)
{
    for (;;) {
        int ra = sqlite3_step(a);
        int rb = sqlite3_step(b);
        if (ra != SQLITE_ROW && ra != SQLITE_DONE)
            return exec_error(ra);
        if (rb != SQLITE_ROW && rb != SQLITE_DONE)
            return exec_error(rb);
        if (ra != rb)
            return ODAAT_ERR_CONTENTS_DAMAGED;
        if (ra == SQLITE_DONE)
            return ODAAT_OK;
        for (int col = 0; col < sqlite3_column_count(a); col++)
            if (!column_equal(a, b, col))
                return ODAAT_ERR_CONTENTS_DAMAGED;
    }
}

/* Compares the schema objects of two databases. */
static enum odaat_err schema_compare(sqlite3 *image, sqlite3 *reference)
{
    sqlite3_stmt *a = NULL;
    sqlite3_stmt *b = NULL;
    int rc = sqlite3_prepare_v2(image, schema_objects_sql, -1, &a, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(reference, schema_objects_sql, -1, &b, NULL);
    enum odaat_err err = rc == SQLITE_OK ? rows_compare(a, b) : exec_error(rc);
    sqlite3_finalize(a);
    sqlite3_finalize(b);
    return err;
}

/* Checks that db holds exactly what the migrations up to version write. */
static enum odaat_err schema_verify(sqlite3 *db, int version)
{
    sqlite3 *reference = NULL;
    enum odaat_err err = reference_open(version, &reference);
    if (err == ODAAT_OK)
        err = schema_compare(db, reference);
    sqlite3_close(reference);
    return err;
}

enum odaat_err store_schema_migrate(sqlite3 *db)
{
    int version = 0;
    enum odaat_err err = user_version_read(db, &version);
    if (err != ODAAT_OK)
        return err;
    if (version > STORE_SCHEMA_VERSION)
        return ODAAT_ERR_SCHEMA_NEWER;
    if (version < 0)
        return ODAAT_ERR_CONTENTS_DAMAGED;
    err = schema_verify(db, version);
    for (int i = version; err == ODAAT_OK && i < STORE_SCHEMA_VERSION; i++)
        err = migration_apply(db, (size_t)i);
    return err;
}
