/*
 * schema: private to the store module. The numbered migrations that build odaat's database,
 * and the check that an image's schema is one they built. Nothing outside src/store/ may
 * include this header.
 */
#ifndef ODAAT_STORE_SCHEMA_H
#define ODAAT_STORE_SCHEMA_H

#include <sqlite3.h>

#include "odaat/err.h"

/*
 * Brings the database of db to STORE_SCHEMA_VERSION. First checks that what is there is
 * exactly the schema of its own user_version as this build's migrations write it (an empty
 * database for version 0), so that no trigger, view or table that odaat did not write can run
 * when the records are touched; then applies the missing migrations, each in one transaction.
 * Errors: ODAAT_ERR_SCHEMA_NEWER for a user_version above STORE_SCHEMA_VERSION (nothing is
 * changed), ODAAT_ERR_CONTENTS_DAMAGED for a schema that is not one of ours, ODAAT_ERR_NOMEM,
 * ODAAT_ERR_STORE.
 */
enum odaat_err store_schema_migrate(sqlite3 *db);

#endif
