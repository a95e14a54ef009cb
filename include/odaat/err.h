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
    X(ODAAT_ERR_CLOCK, 1, "the system clock or time zone could not be read")                       \
    X(ODAAT_ERR_CRYPTO_INIT, 1, "the cryptography library could not start")                        \
    X(ODAAT_ERR_NO_STORE, 1, "there is no store here yet: create one with 'odaat init'")           \
    X(ODAAT_ERR_STORE_EXISTS, 1, "a store already exists here")                                    \
    X(ODAAT_ERR_NOT_A_FILE, 4, "the store's place holds a folder, a link or a device, not a file") \
    X(ODAAT_ERR_STORE_EMPTY, 4, "the store file is empty (0 bytes); the file was left as it is")   \
    X(ODAAT_ERR_HEADER_DAMAGED, 4, "the store's header is damaged; the file was left as it is")    \
    X(ODAAT_ERR_VERSION_UNKNOWN, 4,                                                                \
      "the store was written by a newer odaat; it was left as it is")                              \
    X(ODAAT_ERR_WRONG_PASSPHRASE, 3, "wrong passphrase")                                           \
    X(ODAAT_ERR_WRONG_RECOVERY_CODE, 3, "wrong recovery code")                                     \
    X(ODAAT_ERR_RECOVERY_CODE_SYNTAX, 2,                                                           \
      "a recovery code is 26 letters and digits in groups, as it was shown at set-up")             \
    X(ODAAT_ERR_CONTENTS_DAMAGED, 4,                                                               \
      "the store's contents are damaged or cut short; the file was left as it is")                 \
    X(ODAAT_ERR_BUSY, 5, "the store is open in another odaat window")                              \
    X(ODAAT_ERR_NOT_SAVED, 6, "NOT SAVED: the disk is full or failed; nothing on disk changed")    \
    X(ODAAT_ERR_CONFLICT, 6,                                                                       \
      "NOT SAVED: the store changed on disk since it was opened; your version was written "        \
      "beside it as a conflict copy")                                                              \
    X(ODAAT_ERR_UNSAFE_FOLDER, 1,                                                                  \
      "the data folder can be written by other users; fix it with chmod 700")                      \
    X(ODAAT_ERR_IO, 1, "the data folder could not be read or created")                             \
    X(ODAAT_ERR_NO_BACKUP, 1, "there is no such backup")                                           \
    X(ODAAT_ERR_PASSPHRASE_EMPTY, 2, "the passphrase cannot be empty")                             \
    X(ODAAT_ERR_PASSPHRASE_TOO_LONG, 2, "the passphrase is longer than 1,024 bytes")               \
    X(ODAAT_ERR_SCHEMA_NEWER, 4, "the store's records come from a newer odaat; left as they are")  \
    X(ODAAT_ERR_STORE, 1, "the store could not carry out the request")                             \
    X(ODAAT_ERR_NOT_FOUND, 1, "no such record")                                                    \
    X(ODAAT_ERR_INVALID, 2, "a value is out of range or missing")                                  \
    X(ODAAT_ERR_DUPLICATE, 1, "a record with that name or date already exists")

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
