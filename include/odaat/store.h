/*
 * store: odaat's records in one SQLite database that lives in memory. The only module that
 * speaks SQL: everything above it sees the plain structs of model.h and typed functions, and
 * everything below it (the vault) sees whole database images. It never reads a file, the
 * clock or the environment, and never writes a journal or temp file to disk.
 *
 * Records and ownership. For each record type T (setting, tracker, streak, checkin, meeting,
 * step, journal, contact, milestone_seen) the store offers:
 *   store_T_put(store, rec)        inserts rec when rec->meta.id is 0, else updates the record
 *                                  with that id (ODAAT_ERR_NOT_FOUND when there is none). On
 *                                  success rec->meta holds the stored id, uuid, created_at and
 *                                  updated_at; an insert draws a new random uuid and stamps
 *                                  created_at, every put stamps updated_at (store_set_now). The
 *                                  caller's strings are only read.
 *   store_T_get(store, id, out)    fills *out; ODAAT_ERR_NOT_FOUND when there is no such id.
 *   store_T_list(store, ..., out, count)
 *                                  fills *out with a malloc'd array of *count records (NULL and
 *                                  0 when there are none).
 *   store_T_delete(store, id)      ODAAT_ERR_NOT_FOUND when there is no such id.
 *   store_T_free(rec)              frees the strings a get or list put into *rec, wiping them
 *                                  first, and zeroes *rec (not rec itself); NULL is fine.
 *   store_T_list_free(list, count) frees every record of a list, then the array; NULL is fine.
 * A record filled by the store owns its strings; records a caller fills for a put are the
 * caller's to free as it likes. *out is zeroed on every error.
 *
 * Errors shared by every function that touches records: ODAAT_ERR_INVALID for a value the
 * schema refuses (a CHECK or NOT NULL constraint: a mood of 6, 2025-02-30, an unknown enum
 * value, a streak ending before it starts, a put before store_set_now), ODAAT_ERR_DUPLICATE for
 * a value that must be unique (a second check-in for a date, a tracker name in another case, a
 * second open streak), ODAAT_ERR_NOMEM, ODAAT_ERR_STORE for any other SQLite failure. A
 * failed write changes nothing.
 */
#ifndef ODAAT_STORE_H
#define ODAAT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "odaat/err.h"
#include "odaat/model.h"

/* The schema version this build writes (PRAGMA user_version after the migrations). */
#define STORE_SCHEMA_VERSION 2

/* Around each match in a search snippet: STX and ETX, which typed text does not contain, so
 * a front end can show a match as it likes (bold, brackets) without mistaking the text's own
 * brackets for one. */
#define STORE_MATCH_OPEN  "\x02"
#define STORE_MATCH_CLOSE "\x03"

/* An open store: one SQLite connection on an in-memory database. */
struct store;

/* One journal search result, best first in a listing. */
struct journal_hit {
    int64_t id;
    char created_at[MODEL_TIMESTAMP_SIZE]; /* the entry's date, in UTC */
    char *title;                           /* NULL when the entry has none */
    char *snippet; /* a piece of the title or body with STORE_MATCH_OPEN/CLOSE around matches */
};

/*
 * Prepares SQLite for odaat, once per process: installs an allocator that wipes every block
 * when it is freed or moved, so decrypted journal text does not linger in freed heap memory,
 * then starts SQLite. Every SQLite allocation goes through it, the vault's sqlite3_malloc64
 * buffers (the decrypted images) included, but only if it runs before SQLite's first use: so
 * odaat's main calls it before anything opens the vault (store_open_image calls it too, which
 * is enough for a program that touches SQLite only through the store). Calling it again is
 * fine. Errors: ODAAT_ERR_STORE when SQLite was started before with another allocator (it
 * cannot be replaced then) or does not start.
 */
enum odaat_err store_global_init(void);

/*
 * Opens a store on image, a SQLite database image of image_len bytes from sqlite3_malloc64
 * (from the vault), and takes ownership of it in every case: on success SQLite owns it, on
 * error it is freed. NULL and 0 create a new, empty store. The connection is hardened before
 * the records are read (memory-only temp store and journal, secure delete, foreign keys,
 * defensive mode, no extensions, no ATTACH), the image is checked, its schema must be exactly
 * one this build wrote, and missing migrations are applied. On success *out is the store, to
 * close with store_close; on error *out is NULL. Errors: ODAAT_ERR_CONTENTS_DAMAGED (not a
 * SQLite database, damaged, or not an odaat store), ODAAT_ERR_SCHEMA_NEWER (written by a newer
 * odaat: nothing was changed), ODAAT_ERR_NOMEM, ODAAT_ERR_STORE.
 */
enum odaat_err store_open_image(uint8_t *image, size_t image_len, struct store **out);

/*
 * Gives in *image and *image_len the current database image, to seal and save. The bytes are
 * borrowed: valid until the next call of any store function; never free or change them. When
 * journal entries were edited or deleted since the last image, it first purges their old text
 * from the search index (which takes longer: up to a fifth of a second for a large journal),
 * so no image holds text a person deleted. Errors: ODAAT_ERR_NOMEM, ODAAT_ERR_STORE.
 */
enum odaat_err store_image(struct store *store, const uint8_t **image, size_t *image_len);

/* Closes the store; SQLite wipes and frees the image with it. NULL is fine. */
void store_close(struct store *store);

/*
 * Sets the UTC time, "YYYY-MM-DDTHH:MM:SSZ", that later puts stamp into created_at and
 * updated_at. The store never reads the clock (odaat's clock module does), so until this is
 * called with a well-formed time every put fails with ODAAT_ERR_INVALID; a malformed utc
 * unsets it. Deletes need no time.
 */
void store_set_now(struct store *store, const char *utc);

/* Settings: besides the record functions, a value by key. Listed by key. */
enum odaat_err store_setting_put(struct store *store, struct setting *setting);
enum odaat_err store_setting_get(struct store *store, int64_t id, struct setting *out);
enum odaat_err store_setting_list(struct store *store, struct setting **out, size_t *count);
enum odaat_err store_setting_delete(struct store *store, int64_t id);
void store_setting_free(struct setting *setting);
void store_setting_list_free(struct setting *list, size_t count);

/* Gives in *value (malloc'd; free with free) the value of key. Errors: ODAAT_ERR_NOT_FOUND. */
enum odaat_err store_setting_value(struct store *store, const char *key, char **value);

/* Sets key to value, adding the setting when it is new; an existing one keeps its uuid and
 * created_at. Errors: ODAAT_ERR_INVALID for a malformed key or before store_set_now. */
enum odaat_err store_setting_set(struct store *store, const char *key, const char *value);

/* Trackers, listed by name (ASCII case ignored). Deleting one deletes its streaks and the
 * milestones seen on it. */
enum odaat_err store_tracker_put(struct store *store, struct tracker *tracker);
enum odaat_err store_tracker_get(struct store *store, int64_t id, struct tracker *out);
enum odaat_err store_tracker_list(struct store *store, struct tracker **out, size_t *count);
enum odaat_err store_tracker_delete(struct store *store, int64_t id);
void store_tracker_free(struct tracker *tracker);
void store_tracker_list_free(struct tracker *list, size_t count);

/* Finds a tracker by name, ignoring ASCII case. Errors: ODAAT_ERR_NOT_FOUND. */
enum odaat_err store_tracker_get_by_name(struct store *store, const char *name,
                                         struct tracker *out);

/* Streaks of tracker_id (0: of every tracker), oldest first. A put for a tracker that does not
 * exist gives ODAAT_ERR_INVALID. */
enum odaat_err store_streak_put(struct store *store, struct streak *streak);
enum odaat_err store_streak_get(struct store *store, int64_t id, struct streak *out);
enum odaat_err store_streak_list(struct store *store, int64_t tracker_id, struct streak **out,
                                 size_t *count);
enum odaat_err store_streak_delete(struct store *store, int64_t id);
void store_streak_free(struct streak *streak);
void store_streak_list_free(struct streak *list, size_t count);

/* The open streak (no end date) of tracker_id. Errors: ODAAT_ERR_NOT_FOUND when none is open. */
enum odaat_err store_streak_get_open(struct store *store, int64_t tracker_id, struct streak *out);

/* Check-ins dated from..to, both included, by date; a NULL bound leaves that side open. */
enum odaat_err store_checkin_put(struct store *store, struct checkin *checkin);
enum odaat_err store_checkin_get(struct store *store, int64_t id, struct checkin *out);
enum odaat_err store_checkin_list(struct store *store, const char *from, const char *to,
                                  struct checkin **out, size_t *count);
enum odaat_err store_checkin_delete(struct store *store, int64_t id);
void store_checkin_free(struct checkin *checkin);
void store_checkin_list_free(struct checkin *list, size_t count);

/* The check-in of date ("YYYY-MM-DD"). Errors: ODAAT_ERR_NOT_FOUND. */
enum odaat_err store_checkin_get_by_date(struct store *store, const char *date,
                                         struct checkin *out);

/*
 * The days (see odaat/date.h) of the check-ins, or of the meetings, dated from..to as for
 * their lists, in date order, in *days (malloc'd, free with free(); NULL when none) and
 * *count: for counts and streaks, which need the dates alone and would be slow reading every
 * record whole. A day repeats when records share it. Errors: ODAAT_ERR_NOMEM, ODAAT_ERR_STORE.
 */
enum odaat_err store_checkin_days(struct store *store, const char *from, const char *to,
                                  int32_t **days, size_t *count);
enum odaat_err store_meeting_days(struct store *store, const char *from, const char *to,
                                  int32_t **days, size_t *count);

/* Meetings dated from..to as for check-ins, by date and time (meetings without one first). */
enum odaat_err store_meeting_put(struct store *store, struct meeting *meeting);
enum odaat_err store_meeting_get(struct store *store, int64_t id, struct meeting *out);
enum odaat_err store_meeting_list(struct store *store, const char *from, const char *to,
                                  struct meeting **out, size_t *count);
enum odaat_err store_meeting_delete(struct store *store, int64_t id);
void store_meeting_free(struct meeting *meeting);
void store_meeting_list_free(struct meeting *list, size_t count);

/* Steps of program (NULL: of every programme), by programme and number. */
enum odaat_err store_step_put(struct store *store, struct step *step);
enum odaat_err store_step_get(struct store *store, int64_t id, struct step *out);
enum odaat_err store_step_list(struct store *store, const char *program, struct step **out,
                               size_t *count);
enum odaat_err store_step_delete(struct store *store, int64_t id);
void store_step_free(struct step *step);
void store_step_list_free(struct step *list, size_t count);

/* Journal entries, newest first: at most limit of them (0: all) after skipping offset. */
enum odaat_err store_journal_put(struct store *store, struct journal_entry *entry);
enum odaat_err store_journal_get(struct store *store, int64_t id, struct journal_entry *out);
enum odaat_err store_journal_list(struct store *store, size_t limit, size_t offset,
                                  struct journal_entry **out, size_t *count);
enum odaat_err store_journal_delete(struct store *store, int64_t id);
void store_journal_free(struct journal_entry *entry);
void store_journal_list_free(struct journal_entry *list, size_t count);

/* The characters of a body a listing gets. */
#define STORE_PREVIEW      200
#define STORE_PREVIEW_TEXT "200"

/* Which entries of a listing get the beginning of their body. */
enum store_preview {
    STORE_PREVIEW_ALL,      /* every entry */
    STORE_PREVIEW_UNTITLED, /* those without a title (the others' body is NULL): quicker */
};

/* The entries store_journal_list gives, for a listing: each body cut to its first
 * STORE_PREVIEW characters, or NULL as preview says. Free with store_journal_list_free.
 * Errors: ODAAT_ERR_INVALID for an unknown preview, and those of store_journal_list. */
enum odaat_err store_journal_heads(struct store *store, enum store_preview preview, size_t limit,
                                   size_t offset, struct journal_entry **out, size_t *count);

/* Gives in *count how many journal entries there are (for a front end that shows them a window
 * at a time with store_journal_list's limit and offset). */
/* The entries of step work for step (1..12), newest first; free with
 * store_journal_list_free. */
enum odaat_err store_journal_list_step(struct store *store, int step, struct journal_entry **out,
                                       size_t *count);
enum odaat_err store_journal_count(struct store *store, size_t *count);

/*
 * Finds journal entries whose title or body contains query as written: the query is one
 * literal piece of text, never search syntax, so quotes, AND, OR, NEAR, '*', parentheses and
 * '-' are just characters. Parts of words match ("spons" finds "sponsor"), in every script
 * (CJK has no spaces); case is ignored in every alphabet. Gives at most limit hits (0: all),
 * best first (ranked like BM25: occurrences against the field's length, a title match
 * weighing twice a body match; then newest first), each with a snippet of about forty
 * characters around the first match, every match in it marked, in *out (free with
 * store_journal_hits_free). Errors: ODAAT_ERR_INVALID for an empty query, ODAAT_ERR_NOMEM,
 * ODAAT_ERR_STORE, ODAAT_ERR_CONTENTS_DAMAGED.
 */
enum odaat_err store_journal_search(struct store *store, const char *query, size_t limit,
                                    struct journal_hit **out, size_t *count);

/*
 * The hits store_journal_search gives, in the same order, but every snippet left NULL: a
 * snippet costs more than the check that finds the hit, too much for every hit of a word most
 * entries hold. Fill the ones shown with store_journal_snippets. Errors as for
 * store_journal_search.
 */
enum odaat_err store_journal_find(struct store *store, const char *query, size_t limit,
                                  struct journal_hit **out, size_t *count);

/* Gives each of hits[0..count) whose snippet is NULL the snippet store_journal_search would
 * have given it for query ("" when the entry no longer matches). Errors: ODAAT_ERR_INVALID
 * for an empty query, ODAAT_ERR_NOMEM, ODAAT_ERR_STORE. */
enum odaat_err store_journal_snippets(struct store *store, const char *query,
                                      struct journal_hit *hits, size_t count);

/* Frees hits as given by store_journal_search or store_journal_find, wiping their text; NULL
 * is fine. */
void store_journal_hits_free(struct journal_hit *hits, size_t count);

/* Contacts, by name (ASCII case ignored). */
enum odaat_err store_contact_put(struct store *store, struct contact *contact);
enum odaat_err store_contact_get(struct store *store, int64_t id, struct contact *out);
enum odaat_err store_contact_list(struct store *store, struct contact **out, size_t *count);
enum odaat_err store_contact_delete(struct store *store, int64_t id);
void store_contact_free(struct contact *contact);
void store_contact_list_free(struct contact *list, size_t count);

/* Milestones seen on tracker_id (0: on every tracker), in the order they were seen. A second
 * record for the same tracker, unit and count gives ODAAT_ERR_DUPLICATE. */
enum odaat_err store_milestone_seen_put(struct store *store, struct milestone_seen *seen);
enum odaat_err store_milestone_seen_get(struct store *store, int64_t id,
                                        struct milestone_seen *out);
enum odaat_err store_milestone_seen_list(struct store *store, int64_t tracker_id,
                                         struct milestone_seen **out, size_t *count);
enum odaat_err store_milestone_seen_delete(struct store *store, int64_t id);
void store_milestone_seen_free(struct milestone_seen *seen);
void store_milestone_seen_list_free(struct milestone_seen *list, size_t count);

#ifdef ODAAT_TEST_HOOKS
struct sqlite3;

/* Test programs only: the store's own connection, so a test can see its settings and show
 * that the schema refuses what the typed functions never send. */
struct sqlite3 *store_test_db(struct store *store);

/* Test programs only: how many bytes the wiping allocator has wiped on free so far. */
size_t store_test_wiped_bytes(void);
#endif

#endif
