/*
 * exchange: the store's records as one JSON document and back, and as CSV and Markdown. It
 * lives in the store module because it speaks SQL: the JSON is written and read by SQLite's
 * own JSON functions, so every quote, backslash and control character is escaped by the same
 * code that reads it back. The document always travels as a bound parameter; the only text
 * formatted into SQL is this file's own constant table, column and key names.
 *
 * One table below (sections) describes every record type: its JSON keys in the order they are
 * written, their kinds, and which are required. Export, import and CSV are all generated from
 * it, so a key the export writes is a key the import reads.
 *
 * It must never read the clock or a file, delete a record, re-stamp a record it imports, or
 * keep part of a document it refused: import runs in one savepoint and rolls it back on any
 * error. Text it hands out holds journal entries, so its buffers are wiped before they are
 * freed or moved.
 */
#include "odaat/exchange.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/date.h"
#include "odaat/model.h"
#include "store_internal.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Words ------------------------------------------------------------------------------- */

/* The words of each fixed set come from store.c (store_internal.h), so the document and
 * the records can never spell a value two ways. */

/* ---- The sections and their fields ------------------------------------------------------- */

enum field_kind {
    FIELD_UUID,      /* a lowercase version 4 UUID */
    FIELD_TIMESTAMP, /* "YYYY-MM-DDTHH:MM:SSZ" */
    FIELD_DATE,      /* "YYYY-MM-DD", a day that exists */
    FIELD_TIME,      /* "HH:MM" */
    FIELD_TEXT,      /* any text */
    FIELD_NAME,      /* text that is not only spaces */
    FIELD_SLUG,      /* 1..16 of a-z, 0-9, '-', starting with a letter */
    FIELD_WORD,      /* one of words */
    FIELD_INT,       /* a whole number from min to max */
    FIELD_BOOL,      /* true or false; stored as 0 or 1 */
    FIELD_TAGS,      /* an array of texts; stored as its JSON */
    FIELD_OBJECT,    /* a JSON object; stored as its JSON */
    FIELD_TRACKER,   /* a tracker's uuid in JSON; its id in the column tracker_id */
};

struct field {
    const char *key; /* the JSON key and, except for FIELD_TRACKER, the column */
    enum field_kind kind;
    bool required;        /* null or missing is refused */
    const char *fallback; /* stored for null or missing (the schema's default); NULL: null */
    int64_t min, max;     /* FIELD_INT */
    const char *const *words;
    size_t word_count; /* FIELD_WORD; NULL entries are skipped */
};

/* The tables read best one field a line; clang-format would fold them. */
/* clang-format off */
#define REQUIRED(k, kind_) {.key = k, .kind = kind_, .required = true}
#define OPTIONAL(k, kind_) {.key = k, .kind = kind_}
#define INT_FIELD(k, req, lo, hi)                                                                  \
    {.key = k, .kind = FIELD_INT, .required = req, .min = lo, .max = hi}
#define WORD_FIELD(k, req, list, fb)                                                               \
    {.key = k, .kind = FIELD_WORD, .required = req, .fallback = fb, .words = list,                 \
     .word_count = ARRAY_LEN(list)}
#define CREATED_UPDATED                                                                            \
    REQUIRED("created_at", FIELD_TIMESTAMP), REQUIRED("updated_at", FIELD_TIMESTAMP)

/* Every record's first field is its uuid and its last two are created_at and updated_at. */
#define UUID_FIELD 0
#define MAX_FIELDS 16

static const struct field tracker_fields[] = {
    REQUIRED("uuid", FIELD_UUID),
    REQUIRED("name", FIELD_NAME),
    WORD_FIELD("kind", false, store_tracker_kind_words, "substance"),
    REQUIRED("preset", FIELD_SLUG),
    WORD_FIELD("date_is", false, store_date_is_words, "first-clean-day"),
    {.key = "archived", .kind = FIELD_BOOL}, /* missing or null: false */
    CREATED_UPDATED,
};

static const struct field streak_fields[] = {
    REQUIRED("uuid", FIELD_UUID),
    REQUIRED("tracker_uuid", FIELD_TRACKER),
    REQUIRED("start_date", FIELD_DATE),
    OPTIONAL("start_time", FIELD_TIME),
    OPTIONAL("end_date", FIELD_DATE),
    OPTIONAL("end_note", FIELD_TEXT),
    CREATED_UPDATED,
};

static const struct field checkin_fields[] = {
    REQUIRED("uuid", FIELD_UUID),
    REQUIRED("date", FIELD_DATE),
    INT_FIELD("mood", false, 1, 5),
    INT_FIELD("craving", false, 0, 10),
    {.key = "triggers", .kind = FIELD_TAGS, .fallback = "[]"},
    {.key = "gratitude", .kind = FIELD_TAGS, .fallback = "[]"},
    OPTIONAL("note", FIELD_TEXT),
    OPTIONAL("inventory", FIELD_OBJECT),
    CREATED_UPDATED,
};

static const struct field meeting_fields[] = {
    REQUIRED("uuid", FIELD_UUID),
    REQUIRED("date", FIELD_DATE),
    OPTIONAL("time", FIELD_TIME),
    OPTIONAL("fellowship", FIELD_TEXT),
    OPTIONAL("name", FIELD_TEXT),
    WORD_FIELD("format", false, store_meeting_format_words, NULL),
    OPTIONAL("location", FIELD_TEXT),
    WORD_FIELD("role", false, store_meeting_role_words, "attended"),
    OPTIONAL("note", FIELD_TEXT),
    CREATED_UPDATED,
};

static const struct field step_fields[] = {
    REQUIRED("uuid", FIELD_UUID),
    REQUIRED("program", FIELD_SLUG),
    INT_FIELD("number", true, 1, 12),
    WORD_FIELD("status", false, store_step_status_words, "not-started"),
    OPTIONAL("started_on", FIELD_DATE),
    OPTIONAL("completed_on", FIELD_DATE),
    OPTIONAL("note", FIELD_TEXT),
    CREATED_UPDATED,
};

static const struct field journal_fields[] = {
    REQUIRED("uuid", FIELD_UUID),
    OPTIONAL("title", FIELD_TEXT),
    REQUIRED("body", FIELD_TEXT),
    INT_FIELD("step", false, 1, 12),
    INT_FIELD("mood", false, 1, 5),
    CREATED_UPDATED,
};

static const struct field contact_fields[] = {
    REQUIRED("uuid", FIELD_UUID),
    REQUIRED("name", FIELD_NAME),
    WORD_FIELD("role", true, store_contact_role_words, NULL),
    OPTIONAL("phone", FIELD_TEXT),
    OPTIONAL("note", FIELD_TEXT),
    CREATED_UPDATED,
};

static const struct field milestone_seen_fields[] = {
    REQUIRED("uuid", FIELD_UUID),
    REQUIRED("tracker_uuid", FIELD_TRACKER),
    WORD_FIELD("unit", true, store_unit_words, NULL),
    INT_FIELD("count", true, 0, INT32_MAX),
    CREATED_UPDATED,
};

/* Settings: the known keys and their types; any other key is text. day_boundary_hour's range
 * is date_boundary_valid's; idle_lock_minutes runs up to a day (0: never lock). */
static const struct field setting_fields[] = {
    REQUIRED("program", FIELD_SLUG),
    WORD_FIELD("date_is", true, store_date_is_words, NULL),
    INT_FIELD("day_boundary_hour", true, 0, ODAAT_BOUNDARY_MAX),
    INT_FIELD("idle_lock_minutes", true, 0, 1440),
};
static const struct field setting_other = REQUIRED(NULL, FIELD_TEXT);
/* clang-format on */

/* A record section of the document: the JSON key is exchange_section_name(id). */
struct section {
    enum exchange_section id;
    const char *table;
    const struct field *fields;
    size_t field_count;
};

#define SECTION(id_, table_, fields_)                                                              \
    {                                                                                              \
        .id = id_, .table = table_, .fields = fields_, .field_count = ARRAY_LEN(fields_)           \
    }

/* In the order they are written and imported: trackers before what points at them. */
static const struct section sections[] = {
    SECTION(EXCHANGE_TRACKERS, "trackers", tracker_fields),
    SECTION(EXCHANGE_STREAKS, "streaks", streak_fields),
    SECTION(EXCHANGE_CHECKINS, "checkins", checkin_fields),
    SECTION(EXCHANGE_MEETINGS, "meetings", meeting_fields),
    SECTION(EXCHANGE_STEPS, "steps", step_fields),
    SECTION(EXCHANGE_JOURNAL, "journal", journal_fields),
    SECTION(EXCHANGE_CONTACTS, "contacts", contact_fields),
    SECTION(EXCHANGE_MILESTONES_SEEN, "milestones_seen", milestone_seen_fields),
};

#define FITS(fields) (ARRAY_LEN(fields) <= MAX_FIELDS)
_Static_assert(FITS(tracker_fields) && FITS(streak_fields) && FITS(checkin_fields) &&
                   FITS(meeting_fields) && FITS(step_fields) && FITS(journal_fields) &&
                   FITS(contact_fields) && FITS(milestone_seen_fields),
               "MAX_FIELDS holds the widest section");
#undef FITS
_Static_assert(ARRAY_LEN(sections) + 1 == EXCHANGE_SECTION_COUNT, "a section per record type");

static const char *const section_names[] = {
    [EXCHANGE_SETTINGS] = "settings",
    [EXCHANGE_TRACKERS] = "trackers",
    [EXCHANGE_STREAKS] = "streaks",
    [EXCHANGE_CHECKINS] = "checkins",
    [EXCHANGE_MEETINGS] = "meetings",
    [EXCHANGE_STEPS] = "steps",
    [EXCHANGE_JOURNAL] = "journal",
    [EXCHANGE_CONTACTS] = "contacts",
    [EXCHANGE_MILESTONES_SEEN] = "milestones_seen",
};

const char *exchange_section_name(enum exchange_section section)
{
    return (size_t)section < ARRAY_LEN(section_names) ? section_names[section] : NULL;
}

static const char *field_column(const struct field *f)
{
    return f->kind == FIELD_TRACKER ? "tracker_id" : f->key;
}

static size_t field_index(const struct section *s, const char *key)
{
    for (size_t i = 0; i < s->field_count; i++)
        if (strcmp(s->fields[i].key, key) == 0)
            return i;
    return SIZE_MAX;
}

/* ---- Errors and text --------------------------------------------------------------------- */

static enum odaat_err sql_error(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_NOMEM:
        return ODAAT_ERR_NOMEM;
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
        return ODAAT_ERR_INVALID;
    default:
        return ODAAT_ERR_STORE;
    }
}

static enum odaat_err prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
    int rc = sqlite3_prepare_v2(db, sql, -1, st, NULL);
    return rc == SQLITE_OK ? ODAAT_OK : sql_error(rc);
}

/* Prepares the text an sqlite3_str built, and frees it. */
static enum odaat_err prepare_built(sqlite3 *db, sqlite3_str *sql, sqlite3_stmt **st)
{
    char *text = sqlite3_str_finish(sql);
    if (text == NULL)
        return ODAAT_ERR_NOMEM;
    enum odaat_err err = prepare(db, text, st);
    sqlite3_free(text);
    return err;
}

void exchange_text_free(char *text)
{
    if (text != NULL) {
        explicit_bzero(text, strlen(text));
        free(text);
    }
}

/* A growing text in malloc'd memory; a grown buffer is copied and the old one wiped, as
 * realloc would leave journal text behind. A failure is kept and later appends do nothing. */
struct buf {
    char *data;
    size_t len;
    size_t cap;
    bool failed;
};

static void buf_add(struct buf *b, const char *text, size_t len)
{
    if (b->failed)
        return;
    if (len >= b->cap - b->len || b->data == NULL) {
        size_t cap = b->cap == 0 ? 4096 : b->cap;
        while (len >= cap - b->len) {
            if (cap > SIZE_MAX / 2) {
                b->failed = true;
                return;
            }
            cap *= 2;
        }
        char *grown = malloc(cap);
        if (grown == NULL) {
            b->failed = true;
            return;
        }
        if (b->data != NULL) {
            memcpy(grown, b->data, b->len);
            explicit_bzero(b->data, b->len);
            free(b->data);
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, text, len);
    b->len += len;
    b->data[b->len] = '\0';
}

static void buf_puts(struct buf *b, const char *text)
{
    buf_add(b, text, strlen(text));
}

static void buf_int(struct buf *b, int64_t n)
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%lld", (long long)n);
    buf_add(b, digits, (size_t)len);
}

static void buf_wipe(struct buf *b)
{
    if (b->data != NULL) {
        explicit_bzero(b->data, b->len);
        free(b->data);
    }
    *b = (struct buf){0};
}

/* Hands the text to *out, or wipes it and gives err (NOMEM when the buffer failed). */
static enum odaat_err buf_finish(struct buf *b, enum odaat_err err, char **out)
{
    if (err == ODAAT_OK && b->failed)
        err = ODAAT_ERR_NOMEM;
    if (err == ODAAT_OK && b->data == NULL)
        buf_add(b, "", 0);
    if (err == ODAAT_OK && b->failed)
        err = ODAAT_ERR_NOMEM;
    if (err != ODAAT_OK) {
        buf_wipe(b);
        *out = NULL;
        return err;
    }
    *out = b->data;
    *b = (struct buf){0};
    return ODAAT_OK;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int digits_value(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* Whether text[0..len) has the shape of pattern, where '9' stands for a digit. */
static bool has_shape(const char *text, size_t len, const char *pattern)
{
    if (text == NULL || len != strlen(pattern))
        return false;
    for (size_t i = 0; i < len; i++)
        if (pattern[i] == '9' ? !is_digit(text[i]) : text[i] != pattern[i])
            return false;
    return true;
}

/* A day that exists, as the schema's date(x, '+0 days') IS x holds it. */
static bool is_date(const char *text, size_t len)
{
    if (!has_shape(text, len, "9999-99-99"))
        return false;
    int year = digits_value(text, 4);
    int month = digits_value(text + 5, 2);
    int day = digits_value(text + 8, 2);
    return month >= 1 && month <= 12 && day >= 1 && day <= date_days_in_month(year, month);
}

static bool is_timestamp(const char *text, size_t len)
{
    return has_shape(text, len, "9999-99-99T99:99:99Z") && is_date(text, 10) &&
           digits_value(text + 11, 2) <= 23 && digits_value(text + 14, 2) <= 59 &&
           digits_value(text + 17, 2) <= 59;
}

static bool is_time(const char *text, size_t len)
{
    return has_shape(text, len, "99:99") && digits_value(text, 2) <= 23 &&
           digits_value(text + 3, 2) <= 59;
}

static bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f');
}

/* The schema's UUID_GLOB: lowercase, version 4, variant 8, 9, a or b. */
static bool is_uuid(const char *text, size_t len)
{
    if (text == NULL || len != 36)
        return false;
    for (size_t i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !is_hex(text[i]))
            return false;
    }
    return text[14] == '4' && strchr("89ab", text[19]) != NULL;
}

static bool is_slug(const char *text, size_t len)
{
    if (len < 1 || len > 16 || text[0] < 'a' || text[0] > 'z')
        return false;
    for (size_t i = 1; i < len; i++)
        if (!((text[i] >= 'a' && text[i] <= 'z') || is_digit(text[i]) || text[i] == '-'))
            return false;
    return true;
}

/* The schema's settings key: 1..64 of a-z, 0-9 and '_', starting with a letter. */
static bool is_setting_key(const char *text, size_t len)
{
    if (len < 1 || len > 64 || text[0] < 'a' || text[0] > 'z')
        return false;
    for (size_t i = 1; i < len; i++)
        if (!((text[i] >= 'a' && text[i] <= 'z') || is_digit(text[i]) || text[i] == '_'))
            return false;
    return true;
}

/* The schema's length(trim(x)) > 0: trim() takes spaces only. */
static bool is_not_blank(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] != ' ')
            return true;
    return false;
}

/* Returns the offset of the first byte that is not part of well-formed UTF-8, or len. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned min;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3, min = 0x10000;
        } else {
            return i;
        }
        if (len - i <= n)
            return i;
        unsigned cp = c & (0x3Fu >> n);
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n + 1;
    }
    return len;
}

static int hex_value(char c)
{
    return is_digit(c)            ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* The code unit of a backslash-u escape (six bytes: \u and four hex digits) at s, or -1. */
static long escape_unit(const char *s, size_t avail)
{
    if (avail < 6 || s[0] != '\\' || s[1] != 'u')
        return -1;
    long unit = 0;
    for (int i = 2; i < 6; i++) {
        int h = hex_value(s[i]);
        if (h < 0)
            return -1;
        unit = unit * 16 + h;
    }
    return unit;
}

/*
 * Finds an escape in valid JSON that SQLite 3.40 would decode into something other than the
 * character it names: "\u0000" ends the text there (the rest is silently lost), and a
 * surrogate escape without its pair becomes bytes that are not UTF-8. Returns the offset of
 * the first such escape, or len.
 */
static size_t escape_unkept_at(const char *json, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (json[i] != '\\')
            continue;
        long unit = escape_unit(json + i, len - i);
        if (unit == 0 || (unit >= 0xDC00 && unit <= 0xDFFF))
            return i;
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            long low = escape_unit(json + i + 6, len - i - 6);
            if (low < 0xDC00 || low > 0xDFFF)
                return i;
            i += 6;
        }
        i++; /* past the escaped character, which may be a backslash */
    }
    return len;
}

/* Writes text as a short quoted piece for an error line: at most 32 bytes (cut between
 * characters, with "..." after), control characters shown as '?', so a line stays one line. */
static void quote_piece(char *dst, size_t size, const char *text, size_t len)
{
    enum { PIECE_MAX = 32 };
    size_t cut = len;
    if (cut > PIECE_MAX) {
        cut = PIECE_MAX;
        while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut--;
    }
    size_t w = 0;
    if (size < 8) {
        if (size > 0)
            dst[0] = '\0';
        return;
    }
    dst[w++] = '"';
    for (size_t i = 0; i < cut && w + 5 < size; i++) {
        unsigned char c = (unsigned char)text[i];
        dst[w++] = c < 0x20 || c == 0x7F ? '?' : (char)c;
    }
    if (cut < len && w + 5 < size) {
        memcpy(dst + w, "...", 3);
        w += 3;
    }
    dst[w++] = '"';
    dst[w] = '\0';
}

/* ---- JSON export ------------------------------------------------------------------------- */

/* The settings typed as integers in the document (bound as ?4 and ?5 of the export). */
static const char *const integer_settings[] = {"day_boundary_hour", "idle_lock_minutes"};

/* A column's value as the document holds it; r is the table's row, in created_at order. */
static void export_value_sql(sqlite3_str *sql, const struct field *f)
{
    switch (f->kind) {
    case FIELD_BOOL:
        sqlite3_str_appendf(sql, "json(iif(r.%s, 'true', 'false'))", f->key);
        break;
    case FIELD_TAGS:
    case FIELD_OBJECT:
        sqlite3_str_appendf(sql, "json(r.%s)", f->key); /* json(NULL) is NULL: null */
        break;
    case FIELD_TRACKER:
        sqlite3_str_appendall(sql, "(SELECT uuid FROM trackers WHERE trackers.id = r.tracker_id)");
        break;
    default:
        sqlite3_str_appendf(sql, "r.%s", f->key);
        break;
    }
}

/* A section as one JSON array. The rows are fed to json_group_array from a subquery ordered by
 * created_at, uuid: SQLite does not flatten an ordered subquery into an aggregate, so the
 * array keeps that order. json() marks the array as JSON for the outer json_object. */
static void export_section_sql(sqlite3_str *sql, const struct section *s)
{
    sqlite3_str_appendf(sql, ",\n'%s', json((SELECT json_group_array(json_object(",
                        exchange_section_name(s->id));
    for (size_t i = 0; i < s->field_count; i++) {
        sqlite3_str_appendf(sql, "%s'%s', ", i == 0 ? "" : ", ", s->fields[i].key);
        export_value_sql(sql, &s->fields[i]);
    }
    sqlite3_str_appendf(sql, ")) FROM (SELECT * FROM %s ORDER BY created_at, uuid) AS r))",
                        s->table);
}

/* Settings: a known integer setting whose text is a plain integer (it reads back as the same
 * text) becomes a number; everything else stays text. */
static const char export_settings_sql[] =
    "'settings', json((SELECT json_group_object(key,\n"
    "    CASE WHEN key IN (?4, ?5) AND CAST(CAST(value AS INTEGER) AS TEXT) IS value\n"
    "         THEN CAST(value AS INTEGER) ELSE value END)\n"
    "    FROM (SELECT key, value FROM settings ORDER BY key)))";

enum odaat_err exchange_export_json(struct store *store, const char *exported_at, char **out)
{
    sqlite3 *db = store_internal_db(store);
    sqlite3_stmt *st = NULL;
    struct buf b = {0};
    *out = NULL;
    if (exported_at == NULL || !is_timestamp(exported_at, strlen(exported_at)))
        return ODAAT_ERR_INVALID;

    sqlite3_str *sql = sqlite3_str_new(db);
    sqlite3_str_appendall(sql, "SELECT json_object('format', ?2, 'version', ?3, "
                               "'exported_at', ?1,\n");
    sqlite3_str_appendall(sql, export_settings_sql);
    for (size_t i = 0; i < ARRAY_LEN(sections); i++)
        export_section_sql(sql, &sections[i]);
    sqlite3_str_appendall(sql, ")");
    enum odaat_err err = prepare_built(db, sql, &st);

    if (err == ODAAT_OK) {
        int rc = sqlite3_bind_text(st, 1, exported_at, -1, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_text(st, 2, EXCHANGE_FORMAT, -1, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int(st, 3, EXCHANGE_VERSION);
        for (int i = 0; rc == SQLITE_OK && i < (int)ARRAY_LEN(integer_settings); i++)
            rc = sqlite3_bind_text(st, 4 + i, integer_settings[i], -1, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(st);
        if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_TEXT) {
            const char *text = (const char *)sqlite3_column_text(st, 0);
            size_t len = (size_t)sqlite3_column_bytes(st, 0);
            if (text == NULL)
                err = ODAAT_ERR_NOMEM;
            buf_add(&b, text == NULL ? "" : text, len);
            buf_add(&b, "\n", 1);
        } else {
            err = rc == SQLITE_ROW ? ODAAT_ERR_STORE : sql_error(rc);
        }
    }
    sqlite3_finalize(st);
    return buf_finish(&b, err, out);
}

/* ---- Import: reading values -------------------------------------------------------------- */

/* What a key of a record holds, as json_type names it (absent: the key is not there). */
enum json_kind {
    JSON_ABSENT,
    JSON_NULL,
    JSON_TRUE,
    JSON_FALSE,
    JSON_INTEGER,
    JSON_REAL,
    JSON_TEXT,
    JSON_ARRAY,
    JSON_OBJECT,
};

/* One value, borrowed from the current row of a statement. */
struct value {
    enum json_kind kind;
    const char *text; /* text, or an array's or object's JSON; NULL otherwise */
    size_t len;
    int64_t number; /* an integer's value */
    bool whole;     /* an integer that fits in 64 bits */
};

static enum json_kind json_kind_of(const unsigned char *type)
{
    static const char *const names[] = {
        [JSON_NULL] = "null",       [JSON_TRUE] = "true",     [JSON_FALSE] = "false",
        [JSON_INTEGER] = "integer", [JSON_REAL] = "real",     [JSON_TEXT] = "text",
        [JSON_ARRAY] = "array",     [JSON_OBJECT] = "object",
    };
    if (type != NULL)
        for (size_t i = JSON_NULL; i < ARRAY_LEN(names); i++)
            if (strcmp((const char *)type, names[i]) == 0)
                return (enum json_kind)i;
    return JSON_ABSENT;
}

/* Reads the value of column col, whose JSON type is in column type_col. */
static struct value value_read(sqlite3_stmt *st, int type_col, int col)
{
    struct value v = {json_kind_of(sqlite3_column_text(st, type_col)), NULL, 0, 0, false};
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_INTEGER:
        v.number = sqlite3_column_int64(st, col);
        v.whole = v.kind == JSON_INTEGER;
        break;
    case SQLITE_TEXT:
        v.text = (const char *)sqlite3_column_text(st, col);
        v.len = (size_t)sqlite3_column_bytes(st, col);
        break;
    default: /* NULL, or a real (an integer too large for 64 bits reads as one) */
        break;
    }
    return v;
}

/* ---- Import: the state and its error line ------------------------------------------------ */

struct import {
    sqlite3 *db;
    const char *json;
    int json_len;
    char exported_at[MODEL_TIMESTAMP_SIZE];
    enum json_kind present[EXCHANGE_SECTION_COUNT]; /* each section's type in the document */
    char *section_json[EXCHANGE_SECTION_COUNT];     /* each section's own text (malloc'd) */
    int section_len[EXCHANGE_SECTION_COUNT];
    struct exchange_report report;
    char *error;
    size_t error_size;
    bool journal_replaced;  /* the search index may hold text the import replaced */
    sqlite3_stmt *keys;     /* a record's keys */
    sqlite3_stmt *elements; /* an array's elements */
    sqlite3_stmt *tracker;  /* a tracker's id by uuid */
};

/* Where an error is: "checkins[3] (uuid ...)", or "checkins[3]" while the uuid is no uuid. */
struct where {
    const char *section;
    int64_t index;
    const struct value *uuid;
};

__attribute__((format(printf, 2, 3))) static enum odaat_err fail(struct import *im,
                                                                 const char *format, ...)
{
    if (im->error != NULL && im->error_size > 0) {
        va_list ap;
        va_start(ap, format);
        vsnprintf(im->error, im->error_size, format, ap);
        va_end(ap);
    }
    return ODAAT_ERR_INVALID;
}

__attribute__((format(printf, 3, 4))) static enum odaat_err
fail_at(struct import *im, const struct where *at, const char *format, ...)
{
    char why[EXCHANGE_ERROR_SIZE];
    va_list ap;
    va_start(ap, format);
    vsnprintf(why, sizeof why, format, ap);
    va_end(ap);
    if (at->uuid != NULL && at->uuid->kind == JSON_TEXT && is_uuid(at->uuid->text, at->uuid->len))
        return fail(im, "%s[%lld] (uuid %.36s): %s", at->section, (long long)at->index,
                    at->uuid->text, why);
    return fail(im, "%s[%lld]: %s", at->section, (long long)at->index, why);
}

/* ---- Import: checking one value ---------------------------------------------------------- */

/* Appends ', not "VALUE"' to why when v is text, so the line shows what was refused. */
static void why_value(char *why, size_t size, const struct value *v)
{
    if (v->kind != JSON_TEXT || v->text == NULL)
        return;
    char piece[64];
    quote_piece(piece, sizeof piece, v->text, v->len);
    size_t used = strlen(why);
    if (used < size)
        snprintf(why + used, size - used, ", not %s", piece);
}

static bool word_known(const struct field *f, const struct value *v)
{
    for (size_t i = 0; i < f->word_count; i++)
        if (f->words[i] != NULL && strlen(f->words[i]) == v->len &&
            memcmp(f->words[i], v->text, v->len) == 0)
            return true;
    return false;
}

static void words_list(const struct field *f, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < f->word_count; i++) {
        if (f->words[i] == NULL || used >= size)
            continue;
        int n = snprintf(out + used, size - used, "%s%s", used == 0 ? "" : ", ", f->words[i]);
        used += n < 0 ? 0 : (size_t)n;
    }
}

/* Whether every element of the JSON array text is text. */
static enum odaat_err tags_check(struct import *im, const struct value *v, bool *ok)
{
    sqlite3_stmt *st = im->elements;
    *ok = true;
    int rc = sqlite3_bind_text(st, 1, v->text, (int)v->len, SQLITE_STATIC);
    while (rc == SQLITE_OK && *ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct value e = value_read(st, 0, 1);
        *ok = e.kind == JSON_TEXT && e.text != NULL;
        rc = SQLITE_OK;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_OK || rc == SQLITE_DONE ? ODAAT_OK : sql_error(rc);
}

/*
 * Checks v against f. On a refusal writes the reason, starting with name, into why (a
 * non-empty why is the refusal) and returns ODAAT_OK; other errors are the store's.
 */
static enum odaat_err value_check(struct import *im, const struct field *f, const char *name,
                                  const struct value *v, char *why, size_t size)
{
    why[0] = '\0';
    if (v->kind == JSON_ABSENT || v->kind == JSON_NULL) {
        if (f->required)
            snprintf(why, size, "%s is required", name);
        return ODAAT_OK;
    }
    bool is_text = v->kind == JSON_TEXT && v->text != NULL;
    switch (f->kind) {
    case FIELD_UUID:
    case FIELD_TRACKER:
        if (!is_text || !is_uuid(v->text, v->len)) {
            snprintf(why, size, "%s must be a lowercase version 4 UUID", name);
            why_value(why, size, v);
        }
        break;
    case FIELD_TIMESTAMP:
        if (!is_text || !is_timestamp(v->text, v->len)) {
            snprintf(why, size, "%s must be a real UTC time written YYYY-MM-DDTHH:MM:SSZ", name);
            why_value(why, size, v);
        }
        break;
    case FIELD_DATE:
        if (!is_text || !is_date(v->text, v->len)) {
            snprintf(why, size, "%s must be a real day written YYYY-MM-DD", name);
            why_value(why, size, v);
        }
        break;
    case FIELD_TIME:
        if (!is_text || !is_time(v->text, v->len)) {
            snprintf(why, size, "%s must be a time of day written HH:MM", name);
            why_value(why, size, v);
        }
        break;
    case FIELD_TEXT:
        if (!is_text)
            snprintf(why, size, "%s must be text", name);
        break;
    case FIELD_NAME:
        if (!is_text)
            snprintf(why, size, "%s must be text", name);
        else if (!is_not_blank(v->text, v->len))
            snprintf(why, size, "%s must not be blank", name);
        break;
    case FIELD_SLUG:
        if (!is_text || !is_slug(v->text, v->len)) {
            snprintf(why, size, "%s must be 1 to 16 of a-z, 0-9 and '-', starting with a letter",
                     name);
            why_value(why, size, v);
        }
        break;
    case FIELD_WORD:
        if (!is_text || !word_known(f, v)) {
            char list[128];
            words_list(f, list, sizeof list);
            snprintf(why, size, "%s must be one of %s", name, list);
            why_value(why, size, v);
        }
        break;
    case FIELD_INT:
        if (!v->whole)
            snprintf(why, size, "%s must be a whole number", name);
        else if ((v->number < f->min || v->number > f->max) && f->max == INT32_MAX)
            snprintf(why, size, "%s must be %lld or more", name, (long long)f->min);
        else if (v->number < f->min || v->number > f->max)
            snprintf(why, size, "%s must be %lld to %lld", name, (long long)f->min,
                     (long long)f->max);
        break;
    case FIELD_BOOL:
        if (v->kind != JSON_TRUE && v->kind != JSON_FALSE)
            snprintf(why, size, "%s must be true or false", name);
        break;
    case FIELD_TAGS: {
        bool ok = v->kind == JSON_ARRAY && v->text != NULL;
        if (ok) {
            enum odaat_err err = tags_check(im, v, &ok);
            if (err != ODAAT_OK)
                return err;
        }
        if (!ok)
            snprintf(why, size, "%s must be an array of texts", name);
        break;
    }
    case FIELD_OBJECT:
        if (v->kind != JSON_OBJECT || v->text == NULL)
            snprintf(why, size, "%s must be an object or null", name);
        break;
    }
    return ODAAT_OK;
}

/* ---- Import: the top of the document ----------------------------------------------------- */

static const char *const top_keys[] = {"format", "version", "exported_at"};

/* Which section a top-level key names, or -1. */
static int section_of_key(const char *key)
{
    for (int i = 0; i < EXCHANGE_SECTION_COUNT; i++)
        if (strcmp(key, section_names[i]) == 0)
            return i;
    return -1;
}

/* Keeps a copy of the section text in column 3 of st's row. */
static enum odaat_err section_keep(struct import *im, int section, sqlite3_stmt *st)
{
    const char *text = (const char *)sqlite3_column_text(st, 3);
    size_t len = (size_t)sqlite3_column_bytes(st, 3);
    if (text == NULL || len > INT_MAX)
        return ODAAT_ERR_NOMEM;
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return ODAAT_ERR_NOMEM;
    memcpy(copy, text, len + 1);
    im->section_json[section] = copy;
    im->section_len[section] = (int)len;
    return ODAAT_OK;
}

/* The document's own checks, before any section: JSON, an object, format and version first
 * (a newer document deserves "unknown version" rather than "unknown key"), then its keys. */
static enum odaat_err document_check(struct import *im)
{
    sqlite3_stmt *st = NULL;
    char format[64] = "";
    char unknown[64] = "";
    char twice[64] = "";
    struct value version = {0};
    bool format_seen = false;
    bool format_text = false;
    bool version_seen = false;
    bool exported_seen = false;
    bool exported_ok = false;
    bool seen_top[ARRAY_LEN(top_keys)] = {false};
    size_t bad = 0;

    enum odaat_err err = prepare(im->db, "SELECT json_valid(?1)", &st);
    if (err != ODAAT_OK)
        return err;
    int rc = sqlite3_bind_text(st, 1, im->json, im->json_len, SQLITE_STATIC);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        /* In valid JSON the first character after white space says what the root is. */
        size_t start = strspn(im->json, " \t\r\n");
        if (sqlite3_column_int(st, 0) == 0)
            err = fail(im, "the file is not valid JSON");
        else if (im->json[start] != '{')
            err = fail(im, "the file holds no JSON object: it is not an odaat export");
        else if ((bad = escape_unkept_at(im->json, (size_t)im->json_len)) < (size_t)im->json_len)
            err = fail(im,
                       "the file holds the escape %.6s at byte %zu, a character odaat does "
                       "not keep (NUL or half a surrogate pair)",
                       im->json + bad, bad);
        rc = SQLITE_DONE;
    }
    if (err == ODAAT_OK && rc != SQLITE_DONE)
        err = sql_error(rc);
    sqlite3_finalize(st);
    st = NULL;
    if (err != ODAAT_OK)
        return err;

    /* Each statement that reads a text parses all of it, so every section keeps a copy of its
     * own text (as json_each gives it): the sections' statements then parse only their part,
     * and an import takes time in proportion to the document rather than to its size times
     * the number of sections. */
    err = prepare(im->db, "SELECT type, atom, key, value FROM json_each(?1)", &st);
    if (err != ODAAT_OK)
        return err;
    rc = sqlite3_bind_text(st, 1, im->json, im->json_len, SQLITE_STATIC);
    while (err == ODAAT_OK && rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        const char *key = (const char *)sqlite3_column_text(st, 2);
        size_t key_len = (size_t)sqlite3_column_bytes(st, 2);
        struct value v = value_read(st, 0, 1);
        if (key == NULL)
            continue;
        int section = section_of_key(key);
        size_t top = ARRAY_LEN(top_keys);
        for (size_t i = 0; i < ARRAY_LEN(top_keys); i++)
            if (strcmp(key, top_keys[i]) == 0)
                top = i;
        bool again = section >= 0 ? im->present[section] != JSON_ABSENT
                                  : top < ARRAY_LEN(top_keys) && seen_top[top];
        if (again && twice[0] == '\0')
            quote_piece(twice, sizeof twice, key, key_len);
        if (again)
            continue;
        if (section >= 0) {
            im->present[section] = v.kind;
            if (v.kind == JSON_ARRAY || v.kind == JSON_OBJECT)
                err = section_keep(im, section, st);
        } else if (top == 0) {
            format_seen = true;
            format_text = v.kind == JSON_TEXT && v.text != NULL;
            if (format_text)
                quote_piece(format, sizeof format, v.text, v.len);
            format_text =
                format_text && strlen(v.text) == v.len && strcmp(v.text, EXCHANGE_FORMAT) == 0;
        } else if (top == 1) {
            version_seen = true;
            version = v;
            version.text = NULL; /* borrowed from a row that goes away */
        } else if (top == 2) {
            exported_seen = true;
            exported_ok = v.kind == JSON_TEXT && v.text != NULL && is_timestamp(v.text, v.len);
            if (exported_ok)
                memcpy(im->exported_at, v.text, MODEL_TIMESTAMP_SIZE);
        } else if (unknown[0] == '\0') {
            quote_piece(unknown, sizeof unknown, key, key_len);
        }
        if (top < ARRAY_LEN(top_keys))
            seen_top[top] = true;
    }
    sqlite3_finalize(st);
    if (err != ODAAT_OK)
        return err;
    if (rc != SQLITE_DONE)
        return sql_error(rc);

    if (!format_seen)
        return fail(im, "format is missing: the file is not an odaat export");
    if (!format_text)
        return fail(im, "format must be \"%s\"%s%s: the file is not an odaat export",
                    EXCHANGE_FORMAT, format[0] != '\0' ? ", not " : "", format);
    if (!version_seen)
        return fail(im, "version is missing");
    if (!version.whole)
        return fail(im, "version must be a whole number");
    if (version.number != EXCHANGE_VERSION)
        return fail(im, "version %lld is not one this odaat reads (it reads version %d)",
                    (long long)version.number, EXCHANGE_VERSION);
    if (twice[0] != '\0')
        return fail(im, "the key %s appears twice at the top of the file", twice);
    if (unknown[0] != '\0')
        return fail(im, "unknown key %s at the top of the file", unknown);
    if (!exported_seen)
        return fail(im, "exported_at is missing");
    if (!exported_ok)
        return fail(im, "exported_at must be a real UTC time written YYYY-MM-DDTHH:MM:SSZ");
    for (int i = 0; i < EXCHANGE_SECTION_COUNT; i++) {
        enum json_kind want = i == EXCHANGE_SETTINGS ? JSON_OBJECT : JSON_ARRAY;
        if (im->present[i] != JSON_ABSENT && im->present[i] != JSON_NULL && im->present[i] != want)
            return fail(im, "%s must be %s", section_names[i],
                        want == JSON_OBJECT ? "an object" : "an array");
    }
    return ODAAT_OK;
}

/* ---- Import: settings -------------------------------------------------------------------- */

enum count { COUNT_ADDED, COUNT_UPDATED, COUNT_SKIPPED };

static void counts_add(struct import *im, enum exchange_section section, enum count what)
{
    struct exchange_counts *c = &im->report.sections[section];
    size_t *n = what == COUNT_ADDED ? &c->added : what == COUNT_UPDATED ? &c->updated : &c->skipped;
    (*n)++;
}

static const struct field *setting_field(const char *key)
{
    for (size_t i = 0; i < ARRAY_LEN(setting_fields); i++)
        if (strcmp(key, setting_fields[i].key) == 0)
            return &setting_fields[i];
    return &setting_other;
}

/* Stores one checked setting: added when new; when the value differs, replaced if the store's
 * was set before the document was exported; else skipped. */
static enum odaat_err setting_write(struct import *im, sqlite3_stmt *find, sqlite3_stmt *insert,
                                    sqlite3_stmt *update, const char *key, const char *value)
{
    enum odaat_err err = ODAAT_OK;
    enum count what = COUNT_SKIPPED;
    sqlite3_stmt *write = NULL;
    int rc = sqlite3_bind_text(find, 1, key, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(find);
    if (rc == SQLITE_DONE) {
        write = insert;
        what = COUNT_ADDED;
    } else if (rc == SQLITE_ROW) {
        const char *stored = (const char *)sqlite3_column_text(find, 0);
        const char *stamped = (const char *)sqlite3_column_text(find, 1);
        if (stored != NULL && stamped != NULL && strcmp(stored, value) != 0 &&
            strcmp(stamped, im->exported_at) < 0) {
            write = update;
            what = COUNT_UPDATED;
        }
        rc = SQLITE_DONE;
    }
    sqlite3_reset(find);
    if (rc != SQLITE_DONE)
        return sql_error(rc);
    if (write != NULL) {
        rc = sqlite3_bind_text(write, 1, key, -1, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_text(write, 2, value, -1, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_text(write, 3, im->exported_at, -1, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(write);
        sqlite3_reset(write);
        if (rc != SQLITE_DONE)
            err = sql_error(rc);
    }
    if (err == ODAAT_OK)
        counts_add(im, EXCHANGE_SETTINGS, what);
    return err;
}

static enum odaat_err settings_import(struct import *im)
{
    static const char each_sql[] = "SELECT type, value, key FROM json_each(?1)";
    static const char twice_sql[] =
        "SELECT key FROM json_each(?1) GROUP BY key HAVING count(*) > 1 LIMIT 1";
    static const char find_sql[] = "SELECT value, updated_at FROM settings WHERE key = ?1";
    static const char insert_sql[] =
        "INSERT INTO settings (key, value, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)";
    static const char update_sql[] =
        "UPDATE settings SET value = ?2, updated_at = ?3 WHERE key = ?1";
    sqlite3_stmt *st = NULL;
    sqlite3_stmt *find = NULL;
    sqlite3_stmt *insert = NULL;
    sqlite3_stmt *update = NULL;
    char why[EXCHANGE_ERROR_SIZE];
    char piece[64];
    int rc = SQLITE_OK;
    enum odaat_err err = ODAAT_OK;

    if (im->present[EXCHANGE_SETTINGS] != JSON_OBJECT)
        return ODAAT_OK;
    err = prepare(im->db, twice_sql, &st);
    if (err == ODAAT_OK)
        rc = sqlite3_bind_text(st, 1, im->section_json[EXCHANGE_SETTINGS],
                               im->section_len[EXCHANGE_SETTINGS], SQLITE_STATIC);
    if (err == ODAAT_OK && rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        quote_piece(piece, sizeof piece, key == NULL ? "" : key,
                    (size_t)sqlite3_column_bytes(st, 0));
        err = fail(im, "settings: the key %s appears twice", piece);
        rc = SQLITE_DONE;
    }
    if (err == ODAAT_OK && rc != SQLITE_DONE)
        err = sql_error(rc);
    sqlite3_finalize(st);
    st = NULL;
    if (err != ODAAT_OK)
        return err;

    err = prepare(im->db, each_sql, &st);
    if (err == ODAAT_OK)
        err = prepare(im->db, find_sql, &find);
    if (err == ODAAT_OK)
        err = prepare(im->db, insert_sql, &insert);
    if (err == ODAAT_OK)
        err = prepare(im->db, update_sql, &update);
    if (err == ODAAT_OK)
        rc = sqlite3_bind_text(st, 1, im->section_json[EXCHANGE_SETTINGS],
                               im->section_len[EXCHANGE_SETTINGS], SQLITE_STATIC);
    while (err == ODAAT_OK && rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        const char *key = (const char *)sqlite3_column_text(st, 2);
        size_t key_len = (size_t)sqlite3_column_bytes(st, 2);
        struct value v = value_read(st, 0, 1);
        if (key == NULL || strlen(key) != key_len || !is_setting_key(key, key_len)) {
            quote_piece(piece, sizeof piece, key == NULL ? "" : key, key_len);
            err = fail(im,
                       "settings: %s is not a setting name (1 to 64 of a-z, 0-9 and '_', "
                       "starting with a letter)",
                       piece);
            break;
        }
        char name[80];
        snprintf(name, sizeof name, "settings.%s", key);
        err = value_check(im, setting_field(key), name, &v, why, sizeof why);
        if (err == ODAAT_OK && why[0] != '\0')
            err = fail(im, "%s", why);
        if (err != ODAAT_OK)
            break;
        /* Integers are kept as their decimal text, as the app writes them. */
        const char *text = (const char *)sqlite3_column_text(st, 1);
        if (text == NULL) {
            err = ODAAT_ERR_NOMEM;
            break;
        }
        err = setting_write(im, find, insert, update, key, text);
    }
    if (err == ODAAT_OK && rc != SQLITE_DONE)
        err = sql_error(rc);
    sqlite3_finalize(st);
    sqlite3_finalize(find);
    sqlite3_finalize(insert);
    sqlite3_finalize(update);
    return err;
}

/* ---- Import: record sections ------------------------------------------------------------- */

/* The statements of one section. read gives per record: 0 index, 1 type, 2 the record's JSON,
 * then for field i its JSON type (3 + 2i) and value (4 + 2i). */
struct section_statements {
    sqlite3_stmt *read;
    sqlite3_stmt *find;
    sqlite3_stmt *insert;
    sqlite3_stmt *update;
};

static void statements_finalize(struct section_statements *ss)
{
    sqlite3_finalize(ss->read);
    sqlite3_finalize(ss->find);
    sqlite3_finalize(ss->insert);
    sqlite3_finalize(ss->update);
}

/* Builds the section's statements from its fields: only constant names go into the text. */
static enum odaat_err statements_prepare(struct import *im, const struct section *s,
                                         struct section_statements *ss)
{
    /* json_type and json_extract would read the text of a non-object element as JSON and may
     * fail on it, so they look only inside objects; other elements are refused. */
    sqlite3_str *sql = sqlite3_str_new(im->db);
    sqlite3_str_appendall(sql, "SELECT e.key, e.type, e.value");
    for (size_t i = 0; i < s->field_count; i++)
        sqlite3_str_appendf(sql,
                            ",\n CASE WHEN e.type = 'object' THEN json_type(e.value, '$.%s') END"
                            ", CASE WHEN e.type = 'object' THEN json_extract(e.value, '$.%s') END",
                            s->fields[i].key, s->fields[i].key);
    sqlite3_str_appendall(sql, "\nFROM json_each(?1) AS e");
    enum odaat_err err = prepare_built(im->db, sql, &ss->read);

    if (err == ODAAT_OK) {
        sql = sqlite3_str_new(im->db);
        sqlite3_str_appendf(sql, "SELECT updated_at FROM %s WHERE uuid = ?1", s->table);
        err = prepare_built(im->db, sql, &ss->find);
    }
    if (err == ODAAT_OK) {
        sql = sqlite3_str_new(im->db);
        sqlite3_str_appendf(sql, "INSERT INTO %s (", s->table);
        for (size_t i = 0; i < s->field_count; i++)
            sqlite3_str_appendf(sql, "%s%s", i == 0 ? "" : ", ", field_column(&s->fields[i]));
        sqlite3_str_appendall(sql, ") VALUES (");
        for (size_t i = 0; i < s->field_count; i++)
            sqlite3_str_appendf(sql, "%s?%d", i == 0 ? "" : ", ", (int)i + 1);
        sqlite3_str_appendall(sql, ")");
        err = prepare_built(im->db, sql, &ss->insert);
    }
    if (err == ODAAT_OK) {
        sql = sqlite3_str_new(im->db);
        sqlite3_str_appendf(sql, "UPDATE %s SET ", s->table);
        for (size_t i = UUID_FIELD + 1; i < s->field_count; i++)
            sqlite3_str_appendf(sql, "%s%s = ?%d", i == 1 ? "" : ", ", field_column(&s->fields[i]),
                                (int)i + 1);
        sqlite3_str_appendall(sql, " WHERE uuid = ?1");
        err = prepare_built(im->db, sql, &ss->update);
    }
    return err;
}

/* Refuses a uuid that two records of the section share. */
static enum odaat_err uuids_unique(struct import *im, const struct section *s)
{
    static const char sql[] =
        "SELECT key, u, first FROM (\n"
        "    SELECT key, json_extract(value, '$.uuid') AS u,\n"
        "           min(key) OVER (PARTITION BY json_extract(value, '$.uuid')) AS first\n"
        "    FROM json_each(?1)\n"
        "    WHERE type = 'object' AND json_type(value, '$.uuid') = 'text')\n"
        "WHERE key > first ORDER BY key LIMIT 1";
    sqlite3_stmt *st = NULL;
    enum odaat_err err = prepare(im->db, sql, &st);
    int rc = SQLITE_OK;
    if (err == ODAAT_OK)
        rc = sqlite3_bind_text(st, 1, im->section_json[s->id], im->section_len[s->id],
                               SQLITE_STATIC);
    if (err == ODAAT_OK && rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct value uuid = {JSON_TEXT, (const char *)sqlite3_column_text(st, 1),
                             (size_t)sqlite3_column_bytes(st, 1), 0, false};
        struct where at = {exchange_section_name(s->id), sqlite3_column_int64(st, 0), &uuid};
        err = fail_at(im, &at, "the same uuid is already on %s[%lld]", at.section,
                      (long long)sqlite3_column_int64(st, 2));
        rc = SQLITE_DONE;
    }
    if (err == ODAAT_OK && rc != SQLITE_DONE)
        err = sql_error(rc);
    sqlite3_finalize(st);
    return err;
}

/* Refuses a key the section does not have, or one written twice; seen[i] tells whether field
 * i's key is there. */
static enum odaat_err keys_check(struct import *im, const struct section *s, const struct where *at,
                                 const char *record, size_t record_len, bool seen[MAX_FIELDS])
{
    sqlite3_stmt *st = im->keys;
    char piece[64];
    enum odaat_err err = ODAAT_OK;
    int rc = sqlite3_bind_text(st, 1, record, (int)record_len, SQLITE_STATIC);
    while (err == ODAAT_OK && rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        const char *key = (const char *)sqlite3_column_text(st, 0);
        size_t len = (size_t)sqlite3_column_bytes(st, 0);
        size_t i = key == NULL || strlen(key) != len ? SIZE_MAX : field_index(s, key);
        quote_piece(piece, sizeof piece, key == NULL ? "" : key, len);
        if (i == SIZE_MAX)
            err = fail_at(im, at, "unknown key %s", piece);
        else if (seen[i])
            err = fail_at(im, at, "the key %s appears twice", piece);
        else
            seen[i] = true;
    }
    if (err == ODAAT_OK && rc != SQLITE_DONE)
        err = sql_error(rc);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return err;
}

static const struct value *value_of(const struct section *s, const struct value *values,
                                    const char *key)
{
    return &values[field_index(s, key)];
}

static bool value_present(const struct value *v)
{
    return v->kind != JSON_ABSENT && v->kind != JSON_NULL;
}

/* Compares two dates already checked; both must be present. */
static int date_compare(const struct value *a, const struct value *b)
{
    return memcmp(a->text, b->text, DATE_ISO_SIZE - 1);
}

/* The rules that tie two fields of a record together, as the schema's CHECKs hold them. */
static enum odaat_err record_rules(struct import *im, const struct section *s,
                                   const struct where *at, const struct value *values)
{
    if (s->id == EXCHANGE_STREAKS) {
        const struct value *start = value_of(s, values, "start_date");
        const struct value *end = value_of(s, values, "end_date");
        if (value_present(end) && date_compare(end, start) < 0)
            return fail_at(im, at, "end_date is before start_date");
        if (value_present(value_of(s, values, "end_note")) && !value_present(end))
            return fail_at(im, at, "end_note belongs to a streak with an end_date");
    } else if (s->id == EXCHANGE_STEPS) {
        const struct value *started = value_of(s, values, "started_on");
        const struct value *completed = value_of(s, values, "completed_on");
        if (value_present(started) && value_present(completed) &&
            date_compare(completed, started) < 0)
            return fail_at(im, at, "completed_on is before started_on");
    }
    return ODAAT_OK;
}

/* Finds the id of the tracker a record points at, in the store (the file's trackers are in
 * it by now). */
static enum odaat_err tracker_resolve(struct import *im, const struct where *at,
                                      const struct value *uuid, int64_t *id)
{
    sqlite3_stmt *st = im->tracker;
    enum odaat_err err = ODAAT_OK;
    int rc = sqlite3_bind_text(st, 1, uuid->text, (int)uuid->len, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    else if (rc == SQLITE_DONE)
        err = fail_at(im, at, "tracker_uuid %.36s is neither in the file nor in the store",
                      uuid->text);
    else
        err = sql_error(rc);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return err;
}

/* Why a record that passed every check still clashed with a UNIQUE rule of the schema. */
static enum odaat_err clash(struct import *im, const struct section *s, const struct where *at,
                            const struct value *values)
{
    char piece[64];
    const struct value *v;
    switch (s->id) {
    case EXCHANGE_TRACKERS:
        v = value_of(s, values, "name");
        quote_piece(piece, sizeof piece, v->text, v->len);
        return fail_at(im, at, "another tracker is already called %s", piece);
    case EXCHANGE_STREAKS:
        return fail_at(im, at, "its tracker already has an open streak (one may be open)");
    case EXCHANGE_CHECKINS:
        v = value_of(s, values, "date");
        return fail_at(im, at, "another check-in is already dated %.10s", v->text);
    case EXCHANGE_STEPS:
        v = value_of(s, values, "program"); /* a slug: safe to show as it is */
        return fail_at(im, at, "step %lld of %.16s is already in another record",
                       (long long)value_of(s, values, "number")->number, v->text);
    case EXCHANGE_MILESTONES_SEEN:
        v = value_of(s, values, "unit");
        return fail_at(im, at, "the milestone %lld %.6s is already recorded for its tracker",
                       (long long)value_of(s, values, "count")->number, v->text);
    default:
        return fail_at(im, at, "it clashes with a record already in the store");
    }
}

static int field_bind(sqlite3_stmt *st, int param, const struct field *f, const struct value *v,
                      int64_t tracker_id)
{
    if (!value_present(v)) {
        if (f->kind == FIELD_BOOL)
            return sqlite3_bind_int(st, param, 0);
        if (f->fallback != NULL)
            return sqlite3_bind_text(st, param, f->fallback, -1, SQLITE_STATIC);
        return sqlite3_bind_null(st, param);
    }
    switch (f->kind) {
    case FIELD_BOOL:
        return sqlite3_bind_int(st, param, v->kind == JSON_TRUE);
    case FIELD_INT:
        return sqlite3_bind_int64(st, param, v->number);
    case FIELD_TRACKER:
        return sqlite3_bind_int64(st, param, tracker_id);
    default:
        /* The row the text is borrowed from stays until the write is done. */
        return sqlite3_bind_text(st, param, v->text, (int)v->len, SQLITE_STATIC);
    }
}

/* Adds, replaces or skips one checked record by the newer-wins rule. */
static enum odaat_err record_write(struct import *im, const struct section *s,
                                   struct section_statements *ss, const struct where *at,
                                   const struct value *values, int64_t tracker_id)
{
    const struct value *uuid = &values[UUID_FIELD];
    const struct value *updated = &values[s->field_count - 1];
    sqlite3_stmt *write = NULL;
    enum count what = COUNT_SKIPPED;
    enum odaat_err err = ODAAT_OK;

    int rc = sqlite3_bind_text(ss->find, 1, uuid->text, (int)uuid->len, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(ss->find);
    if (rc == SQLITE_DONE) {
        write = ss->insert;
        what = COUNT_ADDED;
    } else if (rc == SQLITE_ROW) {
        const char *stored = (const char *)sqlite3_column_text(ss->find, 0);
        /* Timestamps of one fixed shape compare as text. */
        if (stored != NULL && memcmp(updated->text, stored, MODEL_TIMESTAMP_SIZE - 1) > 0) {
            write = ss->update;
            what = COUNT_UPDATED;
        }
        rc = SQLITE_DONE;
    }
    sqlite3_reset(ss->find);
    if (rc != SQLITE_DONE)
        return sql_error(rc);

    if (write != NULL) {
        rc = SQLITE_OK;
        for (size_t i = 0; rc == SQLITE_OK && i < s->field_count; i++)
            rc = field_bind(write, (int)i + 1, &s->fields[i], &values[i], tracker_id);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(write);
        sqlite3_reset(write);
        sqlite3_clear_bindings(write);
        if (rc == SQLITE_CONSTRAINT_UNIQUE)
            err = clash(im, s, at, values);
        else if ((rc & 0xff) == SQLITE_CONSTRAINT)
            err = fail_at(im, at, "the store refused the record");
        else if (rc != SQLITE_DONE)
            err = sql_error(rc);
    }
    if (err == ODAAT_OK) {
        counts_add(im, s->id, what);
        if (what == COUNT_UPDATED && s->id == EXCHANGE_JOURNAL)
            im->journal_replaced = true;
    }
    return err;
}

/* Checks one record of the read statement's current row, then writes it. */
static enum odaat_err record_import(struct import *im, const struct section *s,
                                    struct section_statements *ss)
{
    sqlite3_stmt *st = ss->read;
    struct value values[MAX_FIELDS];
    bool seen[MAX_FIELDS] = {false};
    char why[EXCHANGE_ERROR_SIZE];
    int64_t tracker_id = 0;
    struct where at = {exchange_section_name(s->id), sqlite3_column_int64(st, 0), NULL};

    if (json_kind_of(sqlite3_column_text(st, 1)) != JSON_OBJECT)
        return fail(im, "%s[%lld] must be an object", at.section, (long long)at.index);
    for (size_t i = 0; i < s->field_count; i++)
        values[i] = value_read(st, 3 + 2 * (int)i, 4 + 2 * (int)i);
    at.uuid = &values[UUID_FIELD];

    const char *record = (const char *)sqlite3_column_text(st, 2);
    if (record == NULL)
        return ODAAT_ERR_NOMEM;
    enum odaat_err err = keys_check(im, s, &at, record, (size_t)sqlite3_column_bytes(st, 2), seen);
    /* json_each reads a key's escapes ("\u006dood" is "mood") but json_extract's path looks
     * for the key as written, so such a value would be lost: refuse it instead. */
    for (size_t i = 0; err == ODAAT_OK && i < s->field_count; i++)
        if (seen[i] && values[i].kind == JSON_ABSENT)
            err = fail_at(im, &at, "the key \"%s\" must be written without escapes",
                          s->fields[i].key);
    for (size_t i = 0; err == ODAAT_OK && i < s->field_count; i++) {
        err = value_check(im, &s->fields[i], s->fields[i].key, &values[i], why, sizeof why);
        if (err == ODAAT_OK && why[0] != '\0')
            err = fail_at(im, &at, "%s", why);
    }
    if (err == ODAAT_OK)
        err = record_rules(im, s, &at, values);
    for (size_t i = 0; err == ODAAT_OK && i < s->field_count; i++)
        if (s->fields[i].kind == FIELD_TRACKER)
            err = tracker_resolve(im, &at, &values[i], &tracker_id);
    if (err == ODAAT_OK)
        err = record_write(im, s, ss, &at, values, tracker_id);
    return err;
}

static enum odaat_err section_import(struct import *im, const struct section *s)
{
    struct section_statements ss = {0};
    int rc = SQLITE_OK;
    if (im->present[s->id] != JSON_ARRAY)
        return ODAAT_OK; /* missing or null: nothing to import */
    enum odaat_err err = uuids_unique(im, s);
    if (err == ODAAT_OK)
        err = statements_prepare(im, s, &ss);
    if (err == ODAAT_OK)
        rc = sqlite3_bind_text(ss.read, 1, im->section_json[s->id], im->section_len[s->id],
                               SQLITE_STATIC);
    while (err == ODAAT_OK && rc == SQLITE_OK && (rc = sqlite3_step(ss.read)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        err = record_import(im, s, &ss);
    }
    if (err == ODAAT_OK && rc != SQLITE_DONE)
        err = sql_error(rc);
    statements_finalize(&ss);
    return err;
}

/* ---- Import: the whole -------------------------------------------------------------------- */

static enum odaat_err exec(sqlite3 *db, const char *sql)
{
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? ODAAT_OK : sql_error(rc);
}

static enum odaat_err import_run(struct import *im)
{
    enum odaat_err err = prepare(im->db, "SELECT key FROM json_each(?1)", &im->keys);
    if (err == ODAAT_OK)
        err = prepare(im->db, "SELECT type, value FROM json_each(?1)", &im->elements);
    if (err == ODAAT_OK)
        err = prepare(im->db, "SELECT id FROM trackers WHERE uuid = ?1", &im->tracker);
    if (err == ODAAT_OK)
        err = document_check(im);
    if (err == ODAAT_OK)
        err = settings_import(im);
    for (size_t i = 0; err == ODAAT_OK && i < ARRAY_LEN(sections); i++)
        err = section_import(im, &sections[i]);
    /* Replaced journal text would linger in the search index until store_image purges it, and
     * the store does not know about this import: merge the index into one segment now. */
    if (err == ODAAT_OK && im->journal_replaced)
        err = exec(im->db, "INSERT INTO journal_fts (journal_fts) VALUES ('optimize')");
    sqlite3_finalize(im->keys);
    sqlite3_finalize(im->elements);
    sqlite3_finalize(im->tracker);
    for (int i = 0; i < EXCHANGE_SECTION_COUNT; i++)
        exchange_text_free(im->section_json[i]); /* records' text: wiped */
    return err;
}

enum odaat_err exchange_import_json(struct store *store, const char *json,
                                    struct exchange_report *report, char *error, size_t error_size)
{
    struct import im = {.error = error, .error_size = error_size};
    enum odaat_err err = ODAAT_OK;
    if (error != NULL && error_size > 0)
        error[0] = '\0';
    if (report != NULL)
        *report = (struct exchange_report){0};
    if (store == NULL || json == NULL)
        return fail(&im, "there is no document to import");
    im.db = store_internal_db(store);
    im.json = json;
    size_t len = strlen(json);
    size_t bad = utf8_invalid_at((const unsigned char *)json, len);
    if (bad < len)
        return fail(&im, "the file is not UTF-8 text (byte %zu)", bad);
    if (len > INT_MAX)
        return fail(&im, "the file is too large to import");
    im.json_len = (int)len;

    err = exec(im.db, "SAVEPOINT exchange_import");
    if (err != ODAAT_OK)
        return err;
    err = import_run(&im);
    if (err == ODAAT_OK)
        err = exec(im.db, "RELEASE exchange_import");
    if (err != ODAAT_OK) {
        sqlite3_exec(im.db, "ROLLBACK TO exchange_import", NULL, NULL, NULL);
        sqlite3_exec(im.db, "RELEASE exchange_import", NULL, NULL, NULL);
        if (err != ODAAT_ERR_INVALID && error != NULL && error_size > 0)
            snprintf(error, error_size, "%s", odaat_err_message(err));
        return err;
    }
    for (int i = 0; i < EXCHANGE_SECTION_COUNT; i++) {
        im.report.added += im.report.sections[i].added;
        im.report.updated += im.report.sections[i].updated;
        im.report.skipped += im.report.sections[i].skipped;
    }
    if (report != NULL)
        *report = im.report;
    return ODAAT_OK;
}

/* ---- CSV --------------------------------------------------------------------------------- */

/* A field, quoted when it holds a comma, a quote, CR or LF (RFC 4180), quotes doubled. */
static void csv_field(struct buf *b, const char *text, size_t len)
{
    bool quote = false;
    for (size_t i = 0; i < len && !quote; i++)
        quote = text[i] == ',' || text[i] == '"' || text[i] == '\r' || text[i] == '\n';
    if (!quote) {
        buf_add(b, text, len);
        return;
    }
    buf_add(b, "\"", 1);
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '"') {
            buf_add(b, text + start, i + 1 - start); /* up to and with the quote */
            buf_add(b, "\"", 1);
            start = i + 1;
        }
    }
    buf_add(b, text + start, len - start);
    buf_add(b, "\"", 1);
}

/* A column's value as CSV text: words for booleans, "; " between tags, JSON for an object. */
static void csv_value_sql(sqlite3_str *sql, const struct field *f)
{
    switch (f->kind) {
    case FIELD_BOOL:
        sqlite3_str_appendf(sql, "iif(r.%s, 'true', 'false')", f->key);
        break;
    case FIELD_TAGS:
        sqlite3_str_appendf(sql, "(SELECT group_concat(value, '; ') FROM json_each(r.%s))", f->key);
        break;
    case FIELD_OBJECT:
        sqlite3_str_appendf(sql, "json(r.%s)", f->key);
        break;
    default:
        export_value_sql(sql, f);
        break;
    }
}

/* Writes every row of st as a CSV line. */
static enum odaat_err csv_rows(struct buf *b, sqlite3_stmt *st)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            if (i > 0)
                buf_add(b, ",", 1);
            const char *text = (const char *)sqlite3_column_text(st, i);
            if (text != NULL)
                csv_field(b, text, (size_t)sqlite3_column_bytes(st, i));
        }
        buf_add(b, "\n", 1);
    }
    return rc == SQLITE_DONE ? ODAAT_OK : sql_error(rc);
}

static enum odaat_err csv_section(sqlite3 *db, struct buf *b, const struct section *s)
{
    sqlite3_stmt *st = NULL;
    buf_puts(b, "# ");
    buf_puts(b, exchange_section_name(s->id));
    buf_add(b, "\n", 1);
    sqlite3_str *sql = sqlite3_str_new(db);
    sqlite3_str_appendall(sql, "SELECT ");
    for (size_t i = 0; i < s->field_count; i++) {
        buf_puts(b, i == 0 ? "" : ",");
        buf_puts(b, s->fields[i].key);
        sqlite3_str_appendall(sql, i == 0 ? "" : ", ");
        csv_value_sql(sql, &s->fields[i]);
    }
    buf_add(b, "\n", 1);
    sqlite3_str_appendf(sql, " FROM (SELECT * FROM %s ORDER BY created_at, uuid) AS r", s->table);
    enum odaat_err err = prepare_built(db, sql, &st);
    if (err == ODAAT_OK)
        err = csv_rows(b, st);
    sqlite3_finalize(st);
    buf_add(b, "\n", 1);
    return err;
}

enum odaat_err exchange_export_csv(struct store *store, char **out)
{
    sqlite3 *db = store_internal_db(store);
    sqlite3_stmt *st = NULL;
    struct buf b = {0};
    *out = NULL;
    buf_puts(&b, "# settings\nkey,value\n");
    enum odaat_err err = prepare(db, "SELECT key, value FROM settings ORDER BY key", &st);
    if (err == ODAAT_OK)
        err = csv_rows(&b, st);
    sqlite3_finalize(st);
    buf_add(&b, "\n", 1);
    for (size_t i = 0; err == ODAAT_OK && i < ARRAY_LEN(sections); i++)
        err = csv_section(db, &b, &sections[i]);
    return buf_finish(&b, err, out);
}

/* ---- Markdown ---------------------------------------------------------------------------- */

/* Text on one line: line breaks and tabs become spaces, for headings and list items. */
static void md_line(struct buf *b, const char *text)
{
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '\r' && p[1] == '\n')
            continue;
        buf_add(b, *p == '\n' || *p == '\r' || *p == '\t' ? " " : p, 1);
    }
}

/* Text in a table cell: on one line, with '|' and '\' escaped so the row keeps its columns. */
static void md_cell(struct buf *b, const char *text)
{
    buf_add(b, " ", 1);
    for (const char *p = text == NULL ? "" : text; *p != '\0'; p++) {
        if (*p == '\r' && p[1] == '\n')
            continue;
        if (*p == '|' || *p == '\\')
            buf_add(b, "\\", 1);
        buf_add(b, *p == '\n' || *p == '\r' || *p == '\t' ? " " : p, 1);
    }
    buf_add(b, " |", 2);
}

/* Text as a block quote, line by line, so a person's words stay apart from the headings. */
static void md_quote(struct buf *b, const char *text)
{
    const char *line = text;
    for (;;) {
        const char *end = strchr(line, '\n');
        size_t len = end == NULL ? strlen(line) : (size_t)(end - line);
        if (len > 0 && line[len - 1] == '\r')
            len--;
        buf_add(b, len == 0 ? ">" : "> ", len == 0 ? 1 : 2);
        buf_add(b, line, len);
        buf_add(b, "\n", 1);
        if (end == NULL)
            break;
        line = end + 1;
    }
}

static void md_days(struct buf *b, int64_t days)
{
    buf_int(b, days);
    buf_puts(b, days == 1 ? " day" : " days");
}

static const char *column_text(sqlite3_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st, col);
}

static enum odaat_err md_streaks(sqlite3 *db, struct buf *b, int64_t tracker_id, const char *today)
{
    static const char sql[] =
        "SELECT start_date, end_date, end_note,\n"
        "       CAST(julianday(coalesce(end_date, ?2)) - julianday(start_date) AS INTEGER)\n"
        "FROM streaks WHERE tracker_id = ?1 ORDER BY start_date DESC, uuid";
    sqlite3_stmt *st = NULL;
    bool any = false;
    enum odaat_err err = prepare(db, sql, &st);
    int rc = SQLITE_OK;
    if (err == ODAAT_OK)
        rc = sqlite3_bind_int64(st, 1, tracker_id);
    if (err == ODAAT_OK && rc == SQLITE_OK)
        rc = sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
    while (err == ODAAT_OK && rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        const char *start = column_text(st, 0);
        const char *end = column_text(st, 1);
        const char *note = column_text(st, 2);
        int64_t days = sqlite3_column_int64(st, 3);
        any = true;
        if (start == NULL)
            continue;
        if (end == NULL && days < 0) {
            buf_puts(b, "- A new start on ");
            buf_puts(b, start);
            buf_puts(b, ".\n");
        } else if (end == NULL) {
            buf_puts(b, "- Clean since ");
            buf_puts(b, start);
            buf_puts(b, ": ");
            md_days(b, days);
            buf_puts(b, " so far.\n");
        } else {
            buf_puts(b, "- From ");
            buf_puts(b, start);
            buf_puts(b, " to ");
            buf_puts(b, end);
            buf_puts(b, ": ");
            md_days(b, days);
            buf_puts(b, ".");
            if (note != NULL && note[0] != '\0') {
                buf_puts(b, " ");
                md_line(b, note);
            }
            buf_puts(b, "\n");
        }
    }
    if (err == ODAAT_OK && rc != SQLITE_DONE)
        err = sql_error(rc);
    sqlite3_finalize(st);
    if (err == ODAAT_OK && !any)
        buf_puts(b, "No clean time recorded yet.\n");
    return err;
}

static enum odaat_err md_trackers(sqlite3 *db, struct buf *b, const char *today)
{
    sqlite3_stmt *st = NULL;
    bool any = false;
    buf_puts(b, "## Clean time\n\n");
    enum odaat_err err =
        prepare(db, "SELECT id, name, archived FROM trackers ORDER BY archived, name, uuid", &st);
    int rc = SQLITE_OK;
    while (err == ODAAT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        any = true;
        buf_puts(b, "### ");
        md_line(b, column_text(st, 1) == NULL ? "" : column_text(st, 1));
        buf_puts(b, sqlite3_column_int(st, 2) ? " (archived)\n\n" : "\n\n");
        err = md_streaks(db, b, sqlite3_column_int64(st, 0), today);
        buf_puts(b, "\n");
    }
    if (err == ODAAT_OK && rc != SQLITE_DONE)
        err = sql_error(rc);
    sqlite3_finalize(st);
    if (err == ODAAT_OK && !any)
        buf_puts(b, "Nothing is being tracked yet.\n\n");
    return err;
}

/* A titled table from a query whose columns are the cells in order; NULL cells are blank. */
static enum odaat_err md_table(sqlite3 *db, struct buf *b, const char *heading, const char *header,
                               const char *none, const char *sql)
{
    sqlite3_stmt *st = NULL;
    bool any = false;
    buf_puts(b, heading);
    enum odaat_err err = prepare(db, sql, &st);
    int rc = SQLITE_OK;
    while (err == ODAAT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        if (!any) {
            buf_puts(b, header);
            any = true;
        }
        buf_puts(b, "|");
        for (int i = 0; i < sqlite3_column_count(st); i++)
            md_cell(b, column_text(st, i));
        buf_puts(b, "\n");
    }
    if (err == ODAAT_OK && rc != SQLITE_DONE)
        err = sql_error(rc);
    sqlite3_finalize(st);
    buf_puts(b, any ? "\n" : none);
    return err;
}

static const char md_checkins_sql[] =
    "SELECT date, iif(mood IS NULL, '', mood || ' of 5'), iif(craving IS NULL, '', craving || "
    "' of 10'),\n"
    "       (SELECT group_concat(value, ', ') FROM json_each(triggers)),\n"
    "       (SELECT group_concat(value, ', ') FROM json_each(gratitude)), note\n"
    "FROM checkins ORDER BY date";

static const char md_meetings_sql[] =
    "SELECT date, time, fellowship, name, replace(format, '-', ' '), location, role, note\n"
    "FROM meetings ORDER BY date, time, uuid";

static enum odaat_err md_steps(sqlite3 *db, struct buf *b)
{
    static const char sql[] =
        "SELECT upper(program), number, status, started_on, completed_on, note\n"
        "FROM steps ORDER BY program, number";
    sqlite3_stmt *st = NULL;
    bool any = false;
    buf_puts(b, "## Step work\n\n");
    enum odaat_err err = prepare(db, sql, &st);
    int rc = SQLITE_OK;
    while (err == ODAAT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        const char *program = column_text(st, 0);
        const char *status = column_text(st, 2);
        const char *started = column_text(st, 3);
        const char *completed = column_text(st, 4);
        const char *note = column_text(st, 5);
        any = true;
        buf_puts(b, "- **Step ");
        buf_int(b, sqlite3_column_int64(st, 1));
        buf_puts(b, "** (");
        buf_puts(b, program == NULL ? "" : program);
        buf_puts(b, "): ");
        if (status != NULL && strcmp(status, "done") == 0) {
            buf_puts(b, "done");
            if (completed != NULL) {
                buf_puts(b, " on ");
                buf_puts(b, completed);
            }
        } else if (status != NULL && strcmp(status, "working") == 0) {
            buf_puts(b, "working on it");
            if (started != NULL) {
                buf_puts(b, " since ");
                buf_puts(b, started);
            }
        } else {
            buf_puts(b, "not started yet");
        }
        buf_puts(b, ".");
        if (note != NULL && note[0] != '\0') {
            buf_puts(b, " ");
            md_line(b, note);
        }
        buf_puts(b, "\n");
    }
    if (err == ODAAT_OK && rc != SQLITE_DONE)
        err = sql_error(rc);
    sqlite3_finalize(st);
    buf_puts(b, any ? "\n" : "No step work recorded yet.\n\n");
    return err;
}

static enum odaat_err md_journal(sqlite3 *db, struct buf *b)
{
    static const char sql[] = "SELECT title, substr(created_at, 1, 10), body, step, mood\n"
                              "FROM journal ORDER BY created_at, uuid";
    sqlite3_stmt *st = NULL;
    bool any = false;
    buf_puts(b, "## Journal\n\n");
    enum odaat_err err = prepare(db, sql, &st);
    int rc = SQLITE_OK;
    while (err == ODAAT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        const char *title = column_text(st, 0);
        const char *date = column_text(st, 1);
        const char *body = column_text(st, 2);
        any = true;
        buf_puts(b, "### ");
        md_line(b, title != NULL && is_not_blank(title, strlen(title)) ? title : "Untitled entry");
        buf_puts(b, "\n\n*");
        buf_puts(b, date == NULL ? "" : date);
        if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
            buf_puts(b, " · step ");
            buf_int(b, sqlite3_column_int64(st, 3));
        }
        if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
            buf_puts(b, " · mood ");
            buf_int(b, sqlite3_column_int64(st, 4));
            buf_puts(b, " of 5");
        }
        buf_puts(b, "*\n\n");
        if (body == NULL || body[0] == '\0')
            buf_puts(b, "(no text)\n");
        else
            md_quote(b, body);
        buf_puts(b, "\n");
    }
    if (err == ODAAT_OK && rc != SQLITE_DONE)
        err = sql_error(rc);
    sqlite3_finalize(st);
    if (!any)
        buf_puts(b, "No journal entries yet.\n\n");
    return err;
}

enum odaat_err exchange_export_markdown(struct store *store, const char *today, char **out)
{
    sqlite3 *db = store_internal_db(store);
    struct buf b = {0};
    *out = NULL;
    if (today == NULL || !is_date(today, strlen(today)))
        return ODAAT_ERR_INVALID;
    buf_puts(&b, "# My recovery record\n\nAs of ");
    buf_puts(&b, today);
    buf_puts(&b, ".\n\n");
    enum odaat_err err = md_trackers(db, &b, today);
    if (err == ODAAT_OK)
        err = md_table(db, &b, "## Check-ins\n\n",
                       "| Date | Mood | Craving | Triggers | Grateful for | Note |\n"
                       "| --- | --- | --- | --- | --- | --- |\n",
                       "No check-ins yet.\n\n", md_checkins_sql);
    if (err == ODAAT_OK)
        err = md_table(db, &b, "## Meetings\n\n",
                       "| Date | Time | Fellowship | Meeting | How | Where | Role | Note |\n"
                       "| --- | --- | --- | --- | --- | --- | --- | --- |\n",
                       "No meetings yet.\n\n", md_meetings_sql);
    if (err == ODAAT_OK)
        err = md_steps(db, &b);
    if (err == ODAAT_OK)
        err = md_journal(db, &b);
    return buf_finish(&b, err, out);
}
