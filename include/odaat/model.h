/*
 * model: the records odaat keeps, as plain structs shared by the store, the app layer and the
 * front ends. Nothing here behaves: no SQL, no I/O, no allocation; the store fills these
 * structs and frees what it filled (store.h says with what).
 *
 * Conventions for every record:
 * - Each starts with a struct model_meta: the integer id (0 for a record not stored yet), a
 *   random UUID and the UTC times it was created and last changed, so that two copies of a
 *   store can later be merged record by record. The store sets all four; callers only read
 *   them (and set id to choose which record a put updates).
 * - Dates are "YYYY-MM-DD", times of day "HH:MM" and timestamps "YYYY-MM-DDTHH:MM:SSZ", each in
 *   a fixed array; an empty string ("") means "none" where a field is optional.
 * - Free text is a malloc'd, NUL-terminated UTF-8 string owned by the record; NULL means
 *   "none" where a field is optional.
 * - A number that may be absent comes with a has_ flag, so a zeroed record means "nothing
 *   given" rather than a mood of 0.
 * - Fixed sets of words (a meeting's format, a contact's role) are enums whose words, as the
 *   store and the JSON export write them, come from one X-macro table each, below.
 */
#ifndef ODAAT_MODEL_H
#define ODAAT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "odaat/date.h"
#include "odaat/milestone.h"

/* Room for a lowercase RFC 4122 UUID ("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx") and its NUL. */
#define MODEL_UUID_SIZE 37
/* Room for a UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" and its NUL. */
#define MODEL_TIMESTAMP_SIZE 21
/* Room for a time of day "HH:MM" (24-hour) and its NUL. */
#define MODEL_TIME_SIZE 6
/* Room for a short identifier (a ladder preset, a programme): 1 to 16 of a-z, 0-9, '-'. */
#define MODEL_SLUG_SIZE 17

/* What every record carries; always the first member, so a record's address is its meta's. */
struct model_meta {
    int64_t id; /* 0: not stored yet */
    char uuid[MODEL_UUID_SIZE];
    char created_at[MODEL_TIMESTAMP_SIZE];
    char updated_at[MODEL_TIMESTAMP_SIZE];
};

/* A list of short texts (a check-in's triggers, its gratitude list); both arrays malloc'd. */
struct model_tags {
    char **items;
    size_t count;
};

/* X(enum constant, word written in the store and in JSON; NULL: none). */
#define MODEL_TRACKER_KINDS(X)                                                                     \
    X(TRACKER_SUBSTANCE, "substance")                                                              \
    X(TRACKER_BEHAVIOUR, "behaviour")

#define MODEL_MEETING_FORMATS(X)                                                                   \
    X(MEETING_FORMAT_NONE, NULL)                                                                   \
    X(MEETING_IN_PERSON, "in-person")                                                              \
    X(MEETING_ONLINE, "online")                                                                    \
    X(MEETING_PHONE, "phone")

#define MODEL_MEETING_ROLES(X)                                                                     \
    X(MEETING_ATTENDED, "attended")                                                                \
    X(MEETING_SHARED, "shared")                                                                    \
    X(MEETING_CHAIRED, "chaired")                                                                  \
    X(MEETING_SERVICE, "service")

#define MODEL_STEP_STATUSES(X)                                                                     \
    X(STEP_NOT_STARTED, "not-started")                                                             \
    X(STEP_WORKING, "working")                                                                     \
    X(STEP_DONE, "done")

#define MODEL_CONTACT_ROLES(X)                                                                     \
    X(CONTACT_SPONSOR, "sponsor")                                                                  \
    X(CONTACT_FRIEND, "friend")                                                                    \
    X(CONTACT_HELPLINE, "helpline")                                                                \
    X(CONTACT_OTHER, "other")

/* clang-format off */
#define MODEL_ENUM_CONSTANT(name, word) name,
enum tracker_kind { MODEL_TRACKER_KINDS(MODEL_ENUM_CONSTANT) TRACKER_KIND_COUNT };
enum meeting_format { MODEL_MEETING_FORMATS(MODEL_ENUM_CONSTANT) MEETING_FORMAT_COUNT };
enum meeting_role { MODEL_MEETING_ROLES(MODEL_ENUM_CONSTANT) MEETING_ROLE_COUNT };
enum step_status { MODEL_STEP_STATUSES(MODEL_ENUM_CONSTANT) STEP_STATUS_COUNT };
enum contact_role { MODEL_CONTACT_ROLES(MODEL_ENUM_CONSTANT) CONTACT_ROLE_COUNT };
#undef MODEL_ENUM_CONSTANT
/* clang-format on */

/* A settings entry ("program" = "ca", "idle_lock_minutes" = "5"): the app gives values meaning. */
struct setting {
    struct model_meta meta;
    char *key; /* 1..64 of a-z, 0-9 and '_', starting with a letter */
    char *value;
};

/* Something a person stays away from: a substance or a behaviour, with its own streaks. */
struct tracker {
    struct model_meta meta;
    char *name; /* unique, ignoring ASCII case */
    enum tracker_kind kind;
    char preset[MODEL_SLUG_SIZE]; /* the milestone ladder: "ca", "aa", "na", "smart", "none" */
    enum milestone_date_is date_is;
    bool archived;
};

/* One run of clean time; open while end_date is empty (at most one open per tracker). */
struct streak {
    struct model_meta meta;
    int64_t tracker_id;
    char start_date[DATE_ISO_SIZE]; /* the first clean day */
    char start_time[MODEL_TIME_SIZE];
    char end_date[DATE_ISO_SIZE]; /* the day of use; not before start_date */
    char *end_note;               /* only on a closed streak */
};

/* The daily check-in: one per local date. */
struct checkin {
    struct model_meta meta;
    char date[DATE_ISO_SIZE];
    bool has_mood;
    int mood; /* 1..5 */
    bool has_craving;
    int craving; /* 0..10 */
    struct model_tags triggers;
    struct model_tags gratitude;
    char *note;
    char *inventory; /* a JSON object as text ("{...}"), or NULL */
};

struct meeting {
    struct model_meta meta;
    char date[DATE_ISO_SIZE];
    char time[MODEL_TIME_SIZE];
    char *fellowship;
    char *name;
    enum meeting_format format;
    char *location;
    enum meeting_role role;
    char *note;
};

/* Where a person stands on one step of a programme: one record per programme and number. */
struct step {
    struct model_meta meta;
    char program[MODEL_SLUG_SIZE];
    int number; /* 1..12 */
    enum step_status status;
    char started_on[DATE_ISO_SIZE];
    char completed_on[DATE_ISO_SIZE]; /* not before started_on */
    char *note;
};

/* A journal entry; it is dated by meta.created_at. Step work is an entry with a step. */
struct journal_entry {
    struct model_meta meta;
    char *title;
    char *body; /* required, may be empty */
    bool has_step;
    int step; /* 1..12 */
    bool has_mood;
    int mood; /* 1..5 */
};

struct contact {
    struct model_meta meta;
    char *name; /* required, not blank */
    enum contact_role role;
    char *phone;
    char *note;
};

/* A milestone the person has already been congratulated for, so it is shown only once. */
struct milestone_seen {
    struct model_meta meta;
    int64_t tracker_id;
    enum milestone_unit unit;
    int32_t count; /* >= 0 */
};

#endif
