/*
 * err: messages and exit codes, generated from the one table in err.h so the two can
 * never drift apart.
 */
#include "odaat/err.h"

#include <stddef.h>

struct err_entry {
    int exit_code;
    const char *message;
};

static const struct err_entry err_entries[] = {
#define ODAAT_ERR_ENTRY(name, code, msg) [name] = {code, msg},
    ODAAT_ERR_TABLE(ODAAT_ERR_ENTRY)
#undef ODAAT_ERR_ENTRY
};

static const struct err_entry *err_lookup(enum odaat_err err)
{
    size_t i = (size_t)err;
    if (i >= sizeof err_entries / sizeof err_entries[0])
        i = ODAAT_ERR_FAIL;
    return &err_entries[i];
}

const char *odaat_err_message(enum odaat_err err)
{
    return err_lookup(err)->message;
}

int odaat_err_exit_code(enum odaat_err err)
{
    return err_lookup(err)->exit_code;
}
