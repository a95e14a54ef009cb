/*
 * store_internal: private to the store module (src/store/). What the exchange engine, the
 * other half of the module, needs from store.c: the connection, and the words of each
 * fixed set of values. Nothing
 * outside src/store/ may include this header; it must never grow a second way to write
 * records that skips the schema's checks.
 */
#ifndef ODAAT_STORE_INTERNAL_H
#define ODAAT_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stddef.h>

#include "odaat/model.h"

struct store;

/* The words each fixed set of values is written with, in the records and in exports,
 * indexed by the enum (model.h, milestone.h). Defined once, in store.c. */
extern const char *const store_tracker_kind_words[TRACKER_KIND_COUNT];
extern const char *const store_meeting_format_words[MEETING_FORMAT_COUNT];
extern const char *const store_meeting_role_words[MEETING_ROLE_COUNT];
extern const char *const store_step_status_words[STEP_STATUS_COUNT];
extern const char *const store_contact_role_words[CONTACT_ROLE_COUNT];
extern const char *const store_date_is_words[2];
extern const char *const store_unit_words[4];

/* Returns the store's own connection, borrowed for as long as the store is open. */
sqlite3 *store_internal_db(struct store *store);

/* The journal search (search.c). The trigram index answers queries of this many characters
 * or more; shorter ones are found by reading every entry. */
#define STORE_SEARCH_TRIGRAM 3

/* Registers odaat_match(title, body, query) and odaat_snippet(title, body, query, open,
 * close) on db (see search.c); returns an SQLite result code. */
int store_search_register(sqlite3 *db);

/* Returns how many characters query holds (a byte that is not UTF-8 counts as one). */
size_t store_search_length(const char *query);

/* Returns the FTS5 query asking the index for entries holding the trigrams of query (some of
 * them, for a long query), each a quoted string, so nothing in query is read as syntax;
 * from sqlite3_malloc64 (free with sqlite3_free). NULL when out of memory or when query is
 * shorter than STORE_SEARCH_TRIGRAM characters. */
char *store_search_trigram_query(const char *query);

#endif
