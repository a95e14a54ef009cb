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

#endif
