/*
 * exchange: odaat's records out of the store and back in. The JSON export is a document that
 * odaat's own import reads back without losing anything; CSV and Markdown are one-way, for a
 * spreadsheet and for a printout. It runs on an open store and never touches a file, the clock
 * or the environment: callers give "now" and "today", and read or write the text themselves.
 * Import never deletes a record, and never writes part of a document.
 *
 * The JSON document (the command line's contract, "The JSON export (what import reads back)")
 * is one compact line of UTF-8 ending in a newline (SQLite 3.40 has no json_pretty, and one
 * line is stable to diff and to hash):
 *   {"format":"odaat-export","version":1,"exported_at":"2026-11-23T09:41:07Z",
 *    "settings":{...},"trackers":[...],"streaks":[...],"checkins":[...],"meetings":[...],
 *    "steps":[...],"journal":[...],"contacts":[...],"milestones_seen":[...]}
 * - settings is one object, key to value, by key. The known keys have types: program (text,
 *   a short identifier such as "ca"), date_is ("first-clean-day" or "last-use-day"),
 *   day_boundary_hour (an integer, 0 to 12) and idle_lock_minutes (an integer, 0 to 1440);
 *   every other setting is text. A stored value outside these rules (which only a caller
 *   that skips the app layer's checks can write: "04" hours, a programme "Big Book") is
 *   written as it is, so nothing is lost, and import then refuses it.
 *   Settings carry no uuid or times in the document: an imported setting is stamped with the
 *   document's exported_at, and replaces the store's value when that is older.
 * - Every other section is an array of records, each with uuid, created_at and updated_at
 *   ("YYYY-MM-DDTHH:MM:SSZ", UTC), ordered by created_at then uuid, every key always written
 *   and an absent value written as null:
 *     trackers         uuid name kind preset date_is archived created_at updated_at
 *     streaks          uuid tracker_uuid start_date start_time end_date end_note ...
 *     checkins         uuid date mood craving triggers gratitude note inventory ...
 *     meetings         uuid date time fellowship name format location role note ...
 *     steps            uuid program number status started_on completed_on note ...
 *     journal          uuid title body step mood ...
 *     contacts         uuid name role phone note ...
 *     milestones_seen  uuid tracker_uuid unit count ...
 *   triggers and gratitude are arrays of text (empty: []), inventory an object or null,
 *   archived true or false, numbers integers; words are those of model.h.
 * The same store always gives the same bytes (for the same exported_at).
 *
 * Import rules: a record is matched to the store's by uuid; when both have it, the one with the
 * later updated_at wins (the file's replaces the store's, uuid, created_at and updated_at
 * included), and equal times leave the store's. Nothing is re-stamped. A missing section or a
 * null one is empty; in a record, a missing optional key is null, and null takes the schema's
 * default where the store needs a value (kind "substance", date_is "first-clean-day",
 * archived false, role "attended", status "not-started", triggers and gratitude []).
 */
#ifndef ODAAT_EXCHANGE_H
#define ODAAT_EXCHANGE_H

#include <stddef.h>

#include "odaat/err.h"

struct store;

/* The format and version that the export writes and the import reads. */
#define EXCHANGE_FORMAT  "odaat-export"
#define EXCHANGE_VERSION 1

/* Room for an import's error line (longer ones are cut). */
#define EXCHANGE_ERROR_SIZE 256

/* The sections of a document, in the order import applies them (trackers before the streaks
 * and milestones that point at them). */
enum exchange_section {
    EXCHANGE_SETTINGS,
    EXCHANGE_TRACKERS,
    EXCHANGE_STREAKS,
    EXCHANGE_CHECKINS,
    EXCHANGE_MEETINGS,
    EXCHANGE_STEPS,
    EXCHANGE_JOURNAL,
    EXCHANGE_CONTACTS,
    EXCHANGE_MILESTONES_SEEN,
    EXCHANGE_SECTION_COUNT
};

/* What an import did with the records of one section, or of all. */
struct exchange_counts {
    size_t added;   /* new to the store */
    size_t updated; /* the file's copy was newer and replaced the store's */
    size_t skipped; /* the store's copy was as new or newer (for settings: or the same value) */
};

struct exchange_report {
    size_t added, updated, skipped; /* every section together */
    struct exchange_counts sections[EXCHANGE_SECTION_COUNT];
};

/* Returns the JSON key of section ("checkins"), or NULL for a value out of range. */
const char *exchange_section_name(enum exchange_section section);

/*
 * Writes the whole store as the JSON document above into *out (malloc'd, NUL-terminated; free
 * with exchange_text_free, which wipes it). exported_at is "YYYY-MM-DDTHH:MM:SSZ" (UTC).
 * Errors: ODAAT_ERR_INVALID for a malformed exported_at, ODAAT_ERR_NOMEM, ODAAT_ERR_STORE;
 * *out is NULL on error.
 */
enum odaat_err exchange_export_json(struct store *store, const char *exported_at, char **out);

/*
 * Reads json, a document as exchange_export_json writes it, into store (empty or not), by the
 * import rules above, all in one transaction, applied only when every record passed. The
 * document must be UTF-8 JSON with format "odaat-export" and version 1, hold no key that odaat
 * does not write (at any level, or written twice, or spelt with escapes; settings may hold any
 * setting name, an inventory any object), no "\u0000" or half a surrogate pair (SQLite would
 * cut or garble the text), every value of the right type and range (real calendar dates, mood
 * 1 to 5, an end not before its start, ...), no uuid twice in a section, and every
 * tracker_uuid naming a tracker in the file or the store; a record that would clash with
 * another one that has a different uuid (a second check-in for a date, a tracker name taken,
 * a second open streak, the same step or milestone twice) is refused too, as choosing between
 * them is a person's call. Import never deletes. On success *report (when not NULL) says what
 * was done and error holds "". On ODAAT_ERR_INVALID nothing was changed, *report is zeroed
 * and error (when not NULL and error_size > 0) holds one line naming the record and the
 * problem, such as
 *   checkins[3] (uuid 0f8e...): mood must be 1 to 5
 * (indexes count from 0). Other errors: ODAAT_ERR_NOMEM, ODAAT_ERR_STORE, also with nothing
 * changed.
 */
enum odaat_err exchange_import_json(struct store *store, const char *json,
                                    struct exchange_report *report, char *error, size_t error_size);

/*
 * Writes the store as CSV into *out (malloc'd; free with exchange_text_free): for each
 * section of the JSON document, in the same order, a line "# trackers", a header line of the
 * JSON keys, then one line per record, and a blank line after the section. Settings are
 * "key,value" lines. Fields holding a comma, a quote, CR or LF are quoted (RFC 4180), quotes
 * doubled; null is an empty field, true and false are words, triggers and gratitude are
 * joined with "; ", an inventory is its JSON. Lines end in LF. Errors: ODAAT_ERR_NOMEM,
 * ODAAT_ERR_STORE; *out is NULL on error.
 */
enum odaat_err exchange_export_csv(struct store *store, char **out);

/*
 * Writes a Markdown document a person could print and share with a sponsor into *out
 * (malloc'd; free with exchange_text_free): clean time per tracker with its streak history
 * (days counted up to today, "YYYY-MM-DD"), check-ins and meetings as tables, step work, and
 * the journal entries with their titles, dates and text. It shows no uuids, no settings and
 * no contacts (other people's phone numbers do not belong in a printout). Errors:
 * ODAAT_ERR_INVALID for a malformed today, ODAAT_ERR_NOMEM, ODAAT_ERR_STORE; *out is NULL on
 * error.
 */
enum odaat_err exchange_export_markdown(struct store *store, const char *today, char **out);

/* Wipes and frees text from an exchange_export_* function; NULL is fine. */
void exchange_text_free(char *text);

#endif
