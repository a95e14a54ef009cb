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

/* Settings: "program", "day_boundary_hour", "idle_lock_minutes". value is malloc'd. */
enum odaat_err app_setting_get(struct app *app, const char *key, char **value);
enum odaat_err app_setting_set(struct app *app, const char *key, const char *value);

/* Trackers. name NULL in app_tracker_view_get means the first active tracker. */
enum odaat_err app_tracker_add(struct app *app, const char *name, const char *clean_date,
                               enum milestone_date_is date_is, const char *preset);
enum odaat_err app_tracker_list(struct app *app, struct tracker **out, size_t *count);
enum odaat_err app_tracker_rename(struct app *app, const char *old_name, const char *new_name);
enum odaat_err app_tracker_archive(struct app *app, const char *name);
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

#endif
