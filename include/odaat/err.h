/*
 * err: the one list of things that can go wrong, with the words people see and the exit
 * code each maps to. Every module returns these; only front ends print them.
 */
#ifndef ODAAT_ERR_H
#define ODAAT_ERR_H

/* X(name, exit code, message). Exit codes: 0 ok, 1 failure, 2 usage, 3 wrong passphrase,
 * 4 damaged or unreadable store, 5 store busy, 6 not saved. */
#define ODAAT_ERR_TABLE(X)                                                                         \
    X(ODAAT_OK, 0, "success")                                                                      \
    X(ODAAT_ERR_NOMEM, 1, "out of memory")                                                         \
    X(ODAAT_ERR_FAIL, 1, "the operation failed")                                                   \
    X(ODAAT_ERR_DATE_SYNTAX, 2, "a date must be written YYYY-MM-DD, for example 2025-01-31")       \
    X(ODAAT_ERR_DATE_INVALID, 2, "that day does not exist in the calendar")                        \
    X(ODAAT_ERR_DATE_RANGE, 2, "dates must lie between 1900-01-01 and 2200-12-31")                 \
    X(ODAAT_ERR_TIME_SYNTAX, 2, "a time must be written HH:MM, for example 07:30")                 \
    X(ODAAT_ERR_BOUNDARY, 2, "the day boundary must be a whole hour from 0 to 12")                 \
    X(ODAAT_ERR_FUTURE_START, 2, "the clean date is after today")                                  \
    X(ODAAT_ERR_END_BEFORE_START, 2, "a streak cannot end before it starts")                       \
    X(ODAAT_ERR_CLOCK, 1, "the system clock or time zone could not be read")

/* clang-format off */
enum odaat_err {
#define ODAAT_ERR_ENUM(name, code, msg) name,
    ODAAT_ERR_TABLE(ODAAT_ERR_ENUM)
#undef ODAAT_ERR_ENUM
    ODAAT_ERR_COUNT /* not an error: the number of entries above */
};
/* clang-format on */

/* Returns the sentence shown to people for err (static storage, never NULL). */
const char *odaat_err_message(enum odaat_err err);

/* Returns the process exit code that err maps to (0 for ODAAT_OK). */
int odaat_err_exit_code(enum odaat_err err);

#endif
