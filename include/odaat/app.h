/*
 * app: odaat's use cases, shared by the command line and the full-screen interface. Every
 * rule a person's data must obey (one check-in a day, a mood of 1 to 5, a restart not
 * before the slip) lives here or in the core, once. Front ends translate people's words into
 * these calls and the results back into words; they hold no rule of their own.
 *
 * An app is an open store: the vault (the sealed file and its key) and the store (the
 * records in memory). Changes stay in memory until app_save seals them to disk.
 */
#ifndef ODAAT_APP_H
#define ODAAT_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "odaat/crypto.h"
#include "odaat/err.h"
#include "odaat/milestone.h"
#include "odaat/model.h"
#include "odaat/stats.h"
#include "odaat/vault.h"

struct app;

/* What set-up asks a newcomer for. */
struct app_setup {
    const char *tracker;    /* the first tracker's name ("cocaine"); NULL: "clean time" */
    const char *clean_date; /* YYYY-MM-DD as the person gave it */
    enum milestone_date_is date_is;
    const char *program; /* "ca", "aa", "na", "smart", "other" */
    enum crypto_kdf_profile kdf;
};

/* One tracker as the dashboard and `milestones` show it. Free with app_tracker_view_free. */
struct app_tracker_view {
    struct tracker tracker;
    struct streak current; /* the open streak; meta.id 0 when there is none */
    int32_t first_clean_day;
    struct milestone_report report; /* empty when there is no open streak */
    struct stats_streaks streaks;
    struct streak *history; /* every streak, oldest first */
    size_t history_count;
    /* Milestones of the current streak reached since the person last looked (not yet
     * congratulated): copies of report items, oldest first. */
    struct milestone_item *fresh;
    size_t fresh_count;
};

/* Today's dashboard. Free with app_status_free. */
struct app_status {
    int32_t today;
    struct app_tracker_view *trackers; /* the active (not archived) trackers */
    size_t tracker_count;
    bool checked_in;
    struct checkin checkin; /* today's, when checked_in */
    struct stats_checkins checkins;
    struct stats_meetings meetings;
    bool ninety_active;
    struct stats_ninety ninety;
    bool has_step;
    struct step step; /* the step being worked (the lowest "working"), when has_step */
};

/* Creates a store in dir from a newcomer's answers: the settings, the first tracker and its
 * open streak, sealed under passphrase. Writes the recovery code (shown once) into recovery.
 * Errors: those of vault_create, ODAAT_ERR_DATE_* for the clean date, ODAAT_ERR_FUTURE_START,
 * ODAAT_ERR_INVALID for an unknown programme. */
enum odaat_err app_create(const char *dir, const char *passphrase, size_t passphrase_len,
                          const struct app_setup *setup, const char *today_override,
                          char recovery[CRYPTO_RECOVERY_TEXT_SIZE], struct app **out);

/* Opens the store in dir with secret. today_override is --today (NULL: the clock); the
 * store's day boundary applies. Errors: those of vault_open, store_open_image, clock_today. */
enum odaat_err app_open(const char *dir, const struct vault_secret *secret,
                        const char *today_override, struct app **out);

/* Seals the records to disk. Errors: ODAAT_ERR_NOT_SAVED, ODAAT_ERR_CONFLICT (the data is
 * still in memory: the caller may try again). */
enum odaat_err app_save(struct app *app);

/* Wipes the records from memory and releases the store; NULL is fine. */
void app_close(struct app *app);

/* The day that counts as today, and the vault (for passphrase, recovery and backups). */
int32_t app_today(const struct app *app);
struct vault *app_vault(struct app *app);

/* Settings: "program", "day_boundary_hour", "idle_lock_minutes". value is malloc'd. A new
 * day boundary counts from the next time the store is opened. */
enum odaat_err app_setting_get(struct app *app, const char *key, char **value);
enum odaat_err app_setting_set(struct app *app, const char *key, const char *value);

/* Returns what the setting key accepts, in words ("a whole hour from 0 to 12"), or NULL
 * when key is not a setting a person may change. app_setting_set refuses anything else with
 * ODAAT_ERR_INVALID. */
const char *app_setting_values(const char *key);

/* Trackers. name NULL in app_tracker_view_get means the first active tracker. */
enum odaat_err app_tracker_add(struct app *app, const char *name, const char *clean_date,
                               enum milestone_date_is date_is, const char *preset);
enum odaat_err app_tracker_list(struct app *app, struct tracker **out, size_t *count);
enum odaat_err app_tracker_rename(struct app *app, const char *old_name, const char *new_name);
enum odaat_err app_tracker_archive(struct app *app, const char *name);

/* Changes what the date a person gave for a tracker means: its open streak's first clean
 * day moves a day later (to last-use-day) or earlier (to first-clean-day). Errors:
 * ODAAT_ERR_NOT_FOUND, ODAAT_ERR_INVALID (the move would start after today, or on or before
 * the day of use that closed the previous streak). */
enum odaat_err app_tracker_set_date_is(struct app *app, const char *name,
                                       enum milestone_date_is date_is);
enum odaat_err app_tracker_view_get(struct app *app, const char *name,
                                    struct app_tracker_view *out);
void app_tracker_view_free(struct app_tracker_view *view);

/*
 * A slip: closes the tracker's open streak on use_date (the day of use; default today) with
 * note, and opens the next on restart (default the day after use_date). Nothing is deleted.
 * Errors: ODAAT_ERR_NOT_FOUND (no such tracker), ODAAT_ERR_END_BEFORE_START (the use is
 * before the streak began), ODAAT_ERR_INVALID (a restart before the use, or in the future).
 */
enum odaat_err app_relapse(struct app *app, const char *tracker, const char *use_date,
                           const char *restart_date, const char *note);

/* Marks the fresh milestones of tracker (NULL: the first) as congratulated, so each is
 * celebrated once. A new tracker and a new start mark what is already reached. */
enum odaat_err app_milestones_mark_seen(struct app *app, const char *tracker);

/* Today's dashboard into *out. */
enum odaat_err app_status_get(struct app *app, struct app_status *out);
void app_status_free(struct app_status *status);

/*
 * Records today's check-in (or the one for in->date when set): a second call for the same
 * day updates it. Validates mood 1..5 and craving 0..10 (ODAAT_ERR_INVALID), a date after
 * today (ODAAT_ERR_INVALID). in is the caller's; its meta is filled on success, and
 * *updated tells whether the day already had a check-in.
 */
enum odaat_err app_checkin(struct app *app, struct checkin *in, bool *updated);

/* Makes backup generation name (see vault_backup_list) the current state and saves; the state
 * it replaces becomes the newest backup. Errors: those of vault_backup_read, store_open_image
 * and app_save. */
enum odaat_err app_restore_backup(struct app *app, const char *name);

/* ==== Records: check-ins, meetings, steps, the journal, contacts and statistics ==========
 * (src/app/records.c). Lists are the store's (free them with the store_T_list_free of
 * store.h); "from" and "to" bounds are YYYY-MM-DD, both included, NULL leaving that side open,
 * and a from after to is ODAAT_ERR_INVALID. An add fills the caller's meta (id, uuid, times). A
 * removal of an id that is not there is ODAAT_ERR_NOT_FOUND. Nothing here saves: the caller
 * calls app_save after a change succeeded, so a failed change never reaches the disk. */

struct clock_moment;
struct journal_hit;
struct store;

/* The records behind app, for the app layer's other files and for the exchange of records;
 * front ends call the use cases below instead. */
struct store *app_store(struct app *app);

/* Short fields people type in argv or a one-line box (a title, a meeting's name, a phone): at
 * most this many bytes, no control characters. */
#define APP_SHORT_TEXT_MAX 200

/* Returns true when text is an acceptable short field ("" is: it means none). */
bool app_short_text_valid(const char *text);

/* Returns true when text is a time of day written HH:MM, 00:00 to 23:59. */
bool app_time_valid(const char *text);

/* The words of model.h's fixed sets, as people type them and JSON writes them. A _word
 * function returns static text (NULL for MEETING_FORMAT_NONE and for a value out of range); a
 * _parse function returns false for a word that is not in the set. */
const char *app_meeting_format_word(enum meeting_format format);
bool app_meeting_format_parse(const char *word, enum meeting_format *out);
const char *app_meeting_role_word(enum meeting_role role);
bool app_meeting_role_parse(const char *word, enum meeting_role *out);
const char *app_step_status_word(enum step_status status);
bool app_step_status_parse(const char *word, enum step_status *out);
const char *app_contact_role_word(enum contact_role role);
bool app_contact_role_parse(const char *word, enum contact_role *out);

/* The role a contact gets when the person names none. */
#define APP_CONTACT_ROLE_DEFAULT CONTACT_OTHER

/* Reads a record's UTC timestamp ("YYYY-MM-DDTHH:MM:SSZ") as the local date and minute it
 * fell on, for showing when a journal entry was written. Errors: ODAAT_ERR_INVALID for another
 * shape, those of clock_local_at. */
enum odaat_err app_local_moment(const char *utc, struct clock_moment *out);

/* Check-ins dated from..to, by date. */
enum odaat_err app_checkin_list(struct app *app, const char *from, const char *to,
                                struct checkin **out, size_t *count);

/*
 * Logs a meeting. An empty in->date means today (written back into in->date); a date after
 * today is ODAAT_ERR_INVALID, a malformed one gives date_parse's errors. A NULL fellowship
 * becomes the programme's (the "program" setting upper-cased: CA, AA, NA, SMART; none for
 * "other"); an empty one, and an empty time, name or location, mean none. A time that is not
 * HH:MM is ODAAT_ERR_TIME_SYNTAX; a short field that app_short_text_valid refuses, or a format
 * or role out of range, ODAAT_ERR_INVALID. in->meta is filled on success.
 */
enum odaat_err app_meeting_add(struct app *app, struct meeting *in);
enum odaat_err app_meeting_list(struct app *app, const char *from, const char *to,
                                struct meeting **out, size_t *count);
enum odaat_err app_meeting_remove(struct app *app, int64_t id);

/* One step (or, for SMART, one of the four points) of a programme: data, in our own neutral
 * words; the fellowships' step texts are theirs. principle is NULL where none is paired. */
struct app_step_info {
    int number;
    const char *title;
    const char *principle;
};

/* The programmes odaat knows, as the "program" setting words them ("ca", "aa", "na", "smart",
 * "other"), in the order set-up offers them: app_program_id gives the i-th (NULL past the
 * last) and app_program_name the name people know it by ("Cocaine Anonymous"; NULL for an
 * id odaat does not know). Static text, never to free. */
size_t app_program_count(void);
const char *app_program_id(size_t i);
const char *app_program_name(const char *id);

/* The steps of program ("ca", "aa", "na", "other": twelve; "smart": four points), in order,
 * with their number in *count. A programme odaat does not know gets the twelve steps. */
const struct app_step_info *app_program_steps(const char *program, size_t *count);

/* Every step of the store's programme with where the person stands on it. Free with
 * app_steps_free. */
struct app_steps {
    char program[MODEL_SLUG_SIZE]; /* the "program" setting */
    bool points;                   /* SMART's points rather than steps */
    size_t count;
    const struct app_step_info *info; /* count entries, static */
    struct step *steps; /* count records; a step never set has meta.id 0 and is not started */
};

enum odaat_err app_steps_get(struct app *app, struct app_steps *out);
void app_steps_free(struct app_steps *steps);

/*
 * Sets step number of the store's programme to status. date (YYYY-MM-DD, NULL: none given) is
 * when: "working" sets started_on to date, or to today when it is empty, and clears
 * completed_on; "done" sets completed_on to date, or to today when it is empty;
 * "not-started" clears both dates and takes no date. note, when not NULL, replaces the note
 * ("" removes it). On success *out (when not NULL) holds the stored record, to free with
 * store_step_free. Errors: ODAAT_ERR_NOT_FOUND for a number the programme does not have,
 * ODAAT_ERR_INVALID for a date after today or a date with "not-started",
 * ODAAT_ERR_END_BEFORE_START for a step done before it was started, date_parse's errors.
 */
enum odaat_err app_step_set(struct app *app, int number, enum step_status status, const char *date,
                            const char *note, struct step *out);

/*
 * Writes a journal entry, dated now. in->title may be NULL or "" (none) and must pass
 * app_short_text_valid; in->body must not be blank; a step must be one of the programme's
 * (ODAAT_ERR_NOT_FOUND otherwise), a mood 1..5. Errors: ODAAT_ERR_INVALID. in->meta is
 * filled on success.
 */
enum odaat_err app_journal_add(struct app *app, struct journal_entry *in);

/* Journal entries, newest first, for a listing: an untitled entry's body cut to its
 * beginning, the others' body NULL (store_journal_heads); app_journal_get gives an entry
 * whole. */
enum odaat_err app_journal_list(struct app *app, struct journal_entry **out, size_t *count);
enum odaat_err app_journal_get(struct app *app, int64_t id, struct journal_entry *out);

/* Replaces entry id's body (not blank) and, when title is not NULL, its title ("" removes
 * it). Errors: ODAAT_ERR_NOT_FOUND, ODAAT_ERR_INVALID. */
enum odaat_err app_journal_edit(struct app *app, int64_t id, const char *title, const char *body);
enum odaat_err app_journal_remove(struct app *app, int64_t id);

/* Finds entries containing query (see store_journal_search), best first; free with
 * store_journal_hits_free. Errors: ODAAT_ERR_INVALID for a blank query. */
enum odaat_err app_journal_search(struct app *app, const char *query, struct journal_hit **out,
                                  size_t *count);

/* The same hits, at most limit of them (0: all), without their snippets (see
 * store_journal_find): for a screen that shows a few at a time and fills those with
 * app_journal_snippets. Errors as app_journal_search. */
enum odaat_err app_journal_find(struct app *app, const char *query, size_t limit,
                                struct journal_hit **out, size_t *count);
enum odaat_err app_journal_snippets(struct app *app, const char *query, struct journal_hit *hits,
                                    size_t count);

/* Adds a person to call. in->name must not be blank; name and phone must pass
 * app_short_text_valid (an empty phone means none). Errors: ODAAT_ERR_INVALID. in->meta is
 * filled on success. */
enum odaat_err app_contact_add(struct app *app, struct contact *in);
enum odaat_err app_contact_list(struct app *app, struct contact **out, size_t *count);
enum odaat_err app_contact_remove(struct app *app, int64_t id);

/* An average of the check-ins that have the value. */
struct app_average {
    size_t count; /* check-ins counted; mean means nothing when 0 */
    double mean;
};

/* Meetings in one week: seven days ending on last. */
struct app_week {
    int32_t first;
    int32_t last;
    int32_t meetings;
};

#define APP_STATS_WEEKS 12

/* Days of check-in history the statistics carry, for a heatmap of 26 weeks. */
#define APP_STATS_DAYS 182

/* One day of check-in history: mood 1..5 (0: none) and craving 0..10 (-1: none). */
struct app_day {
    int32_t date;
    bool checked_in;
    int64_t checkin_id; /* when checked_in */
    int mood;
    int craving;
};

/* The statistics screen. Free with app_stats_free. */
struct app_stats {
    struct app_status status; /* clean time per tracker, check-in streaks, 7/30/90 meetings */
    struct app_week weeks[APP_STATS_WEEKS]; /* oldest first; the last ends today */
    struct app_average mood_30, mood_90;    /* the 30 and 90 days ending today */
    struct app_average craving_30, craving_90;
    struct app_day days[APP_STATS_DAYS]; /* oldest first; the last is today */
};

enum odaat_err app_stats_get(struct app *app, struct app_stats *out);
void app_stats_free(struct app_stats *stats);

/* ==== End of records ======================================================================= */

/* Export and import (src/app/transfer.c): documents built and read inside the store. */
struct exchange_report;

enum app_export_format {
    APP_EXPORT_JSON,     /* odaat's own document; import reads it back */
    APP_EXPORT_CSV,      /* one section per record type */
    APP_EXPORT_MARKDOWN, /* a readable document for a sponsor */
};

/* Parses "json", "csv" or "md". */
bool app_export_format_parse(const char *text, enum app_export_format *out);

/* Writes the whole store as a document into *out (free with app_text_free). */
enum odaat_err app_export(struct app *app, enum app_export_format format, char **out);

/* Reads odaat's JSON document into the store: records matched by uuid, the newer
 * updated_at wins; all or nothing. On ODAAT_ERR_INVALID, error holds one line naming the
 * record. The caller saves. */
enum odaat_err app_import(struct app *app, const char *json, struct exchange_report *report,
                          char *error, size_t error_size);

/* Creates a store in dir holding exactly the records of an export (moving to a new machine,
 * or starting over from a copy), sealed under passphrase; writes the new recovery code into
 * recovery. Errors: those of app_import (nothing is created) and of vault_create. */
enum odaat_err app_create_from_export(const char *dir, const char *passphrase,
                                      size_t passphrase_len, enum crypto_kdf_profile kdf,
                                      const char *json, const char *today_override,
                                      struct exchange_report *report, char *error,
                                      size_t error_size, char recovery[CRYPTO_RECOVERY_TEXT_SIZE],
                                      struct app **out);

/* Wipes and frees a document from app_export; NULL is fine. */
void app_text_free(char *text);

/* A tracker's own milestone ladder (src/app/ladder.c). */
#define APP_LADDER_MAX  64
#define APP_LADDER_LINE 80

struct app_rung {
    enum milestone_unit unit;
    int32_t count;
    char label[MILESTONE_LABEL_MAX + 1];
};

struct app_ladder {
    struct app_rung rungs[APP_LADDER_MAX];
    size_t count;
    bool custom; /* false: the preset's rungs, as nobody has edited them */
};

/* Parses "hours", "days", "months" or "years". */
bool app_ladder_unit_parse(const char *word, enum milestone_unit *out);

/* The ladder tracker follows: its own when edited, else its preset's. */
enum odaat_err app_ladder_get(struct app *app, const struct tracker *tracker,
                              struct app_ladder *out);
void app_ladder_free(struct app_ladder *ladder);

/* Adds a rung to a tracker's ladder (NULL: the first tracker), or renames it when the same
 * unit and count are there already; label NULL gives "30 days". The first edit copies the
 * preset. Errors: ODAAT_ERR_INVALID (a count out of range, a label empty, too long or with
 * control characters, more than APP_LADDER_MAX rungs), ODAAT_ERR_NOT_FOUND. */
enum odaat_err app_ladder_add(struct app *app, const char *tracker, enum milestone_unit unit,
                              int32_t count, const char *label);

/* Removes a rung. Errors: ODAAT_ERR_NOT_FOUND (no such tracker or rung). */
enum odaat_err app_ladder_remove(struct app *app, const char *tracker, enum milestone_unit unit,
                                 int32_t count);

/* Goes back to the preset's ladder. */
enum odaat_err app_ladder_reset(struct app *app, const char *tracker);

/* For the app layer's own files: a setting stored as it is, and one removed. */
enum odaat_err app_setting_store(struct app *app, const char *key, const char *value);
enum odaat_err app_setting_forget(struct app *app, const char *key);

/* ==== For the full-screen interface: the demo, edits and windows =========================== */

/*
 * Opens the demo (src/app/demo.c): an app over a new store in memory, with no vault, holding
 * a made-up person's calm sample records (two trackers, one earlier streak, about 200 days of
 * check-ins and meetings, steps, a year of journal entries, three contacts), dated from today
 * (today_override as for app_open; NULL: the clock). The same today gives the same records. One
 * milestone is left to be congratulated. Nothing ever reaches the disk: app_save does nothing,
 * app_vault is NULL, app_restore_backup finds no backup. Close with app_close. Errors: those of
 * clock_today and store_open_image, ODAAT_ERR_NOMEM.
 */
enum odaat_err app_demo_open(const char *today_override, struct app **out);

/* Returns true for the demo (an app without a vault), which a front end labels as such. */
bool app_is_demo(const struct app *app);

/* For the app layer's own files: an app over a new, empty store in memory with no vault, today
 * from today_override with no day boundary. Errors: those of clock_today and store_open_image,
 * ODAAT_ERR_NOMEM. */
enum odaat_err app_open_memory(const char *today_override, struct app **out);

/* Meeting id into *out (free with store_meeting_free). Errors: ODAAT_ERR_NOT_FOUND. */
enum odaat_err app_meeting_get(struct app *app, int64_t id, struct meeting *out);

/* Replaces the meeting in->meta.id with in, read and checked as app_meeting_add reads and
 * checks a new one (same errors). Errors also: ODAAT_ERR_NOT_FOUND for an id that is not there.
 * in->meta and in->date are filled on success. */
enum odaat_err app_meeting_update(struct app *app, struct meeting *in);

/* The fellowship a meeting gets when none is given (the programme's: "CA"; NULL for "other"),
 * so a form can show it before the meeting is logged: static text, never to free. Errors:
 * those of app_setting_get. */
enum odaat_err app_meeting_fellowship_default(struct app *app, const char **out);

/* Replaces the contact in->meta.id with in, checked as app_contact_add checks a new one (same
 * errors). Errors also: ODAAT_ERR_NOT_FOUND for an id that is not there. in->meta is filled on
 * success. */
enum odaat_err app_contact_update(struct app *app, struct contact *in);

/* The journal entries of step work for step number, newest first (free with
 * store_journal_list_free). */
enum odaat_err app_journal_of_step(struct app *app, int number, struct journal_entry **out,
                                   size_t *count);

/* How many journal entries there are. */
enum odaat_err app_journal_count(struct app *app, size_t *count);

/* A window of the journal, newest first: at most limit entries after skipping offset, as
 * app_journal_list gives them (free with store_journal_list_free). Only the window's entries
 * are read, so a screen of a large journal stays quick. A limit of 0, or an offset at or past the
 * end, gives no entries (*out NULL, *count 0) and ODAAT_OK. */
enum odaat_err app_journal_page(struct app *app, size_t offset, size_t limit,
                                struct journal_entry **out, size_t *count);

/* The check-in of date (YYYY-MM-DD; NULL: today), to edit it: *found tells whether there is
 * one; when there is not, *out is zeroed and the result is ODAAT_OK. Free *out with
 * store_checkin_free. Errors: date_parse's. */
enum odaat_err app_checkin_get(struct app *app, const char *date, struct checkin *out, bool *found);

/* Changes the passphrase after checking the current one; the recovery code stays. Errors:
 * ODAAT_ERR_WRONG_PASSPHRASE (current is not it: nothing changed), ODAAT_ERR_INVALID for the
 * demo, those of vault_change_passphrase. */
enum odaat_err app_passphrase_change(struct app *app, const char *current, size_t current_len,
                                     const char *passphrase, size_t passphrase_len);

/* Makes a new recovery code after checking the passphrase (which stays): a new data key seals
 * the records afresh, the old code stops opening the store, and the backups, which the old key
 * would still open, are removed. Writes the code (shown once, then wiped) into recovery.
 * Errors: as app_passphrase_change, and those of vault_rotate_key. */
enum odaat_err app_recovery_renew(struct app *app, const char *passphrase, size_t passphrase_len,
                                  char recovery[CRYPTO_RECOVERY_TEXT_SIZE]);

/* Returns a kind one-line hint on the strength of a passphrase being chosen (the first len
 * bytes of pass), from "type a passphrase" to "strong": static text, never to free. Nothing is
 * kept, copied or allocated. */
const char *app_passphrase_hint(const char *pass, size_t len);

#endif
