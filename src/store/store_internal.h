/*
 * store_internal: private to the store module (src/store/). What the exchange engine, the
 * other half of the module, needs from store.c to run its own SQL: the connection. Nothing
 * outside src/store/ may include this header; it must never grow a second way to write
 * records that skips the schema's checks.
 */
#ifndef ODAAT_STORE_INTERNAL_H
#define ODAAT_STORE_INTERNAL_H

#include <sqlite3.h>

struct store;

/* Returns the store's own connection, borrowed for as long as the store is open. */
sqlite3 *store_internal_db(struct store *store);

#endif
