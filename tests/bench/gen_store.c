/*
 * gen_store: makes a realistic store for tests and benchmarks, through the normal store and
 * vault code, so the file is real. Fixed seed: the same arguments give the same records.
 *
 * Usage: gen_store [--journal-only] DIR YEARS TODAY [PROFILE]
 *   --journal-only  the journal alone (and the settings): no trackers, check-ins or meetings,
 *            for a comparison with a tool that holds only notes. The journal is the same,
 *            entry for entry, as without the flag.
 *   DIR      the data folder to create (must not hold a store)
 *   YEARS    how many years of daily use, ending on TODAY (YYYY-MM-DD)
 *   PROFILE  the KDF profile: interactive (the default) or moderate
 * The passphrase is read from standard input (one line).
 *
 * Per year: a check-in every day (mood, craving, a trigger now and then, a short note), a
 * meeting on about 150 days, a journal entry every day of 200-3,000 characters with some
 * non-ASCII text; three trackers, the first with two slips in its history.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/crypto.h"
#include "odaat/date.h"
#include "odaat/store.h"
#include "odaat/vault.h"

static uint32_t rng_state = 20261123u;

/* --journal-only: the check-ins and meetings are still drawn from rng, only not stored, so
 * every journal entry gets the same numbers, and so the same text, as in a full store. */
static bool journal_only;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static const char *const words[] = {
    "today",  "meeting", "sponsor",  "called", "grateful", "tired",   "work",    "family",
    "walked", "honest",  "step",     "fear",   "hope",     "service", "coffee",  "slept",
    "anger",  "calm",    "一日一日", "Élodie", "share",    "prayer",  "morning", "evening",
};

/* Writes len characters of word salad into a malloc'd string. */
static char *text_make(size_t len)
{
    char *out = malloc(len + 32);
    if (out == NULL)
        exit(1);
    size_t n = 0;
    while (n < len) {
        const char *w = words[rng() % (sizeof words / sizeof words[0])];
        size_t wl = strlen(w);
        memcpy(out + n, w, wl);
        n += wl;
        out[n++] = (rng() % 12 == 0) ? '.' : ' ';
    }
    out[n] = '\0';
    return out;
}

static void must(enum odaat_err err, const char *what)
{
    if (err != ODAAT_OK) {
        fprintf(stderr, "gen_store: %s: %s\n", what, odaat_err_message(err));
        exit(1);
    }
}

static void stamp(struct store *store, int32_t day)
{
    char now[32];
    char date[DATE_ISO_SIZE];
    snprintf(now, sizeof now, "%sT20:%02u:%02uZ", date_format(day, date), rng() % 60, rng() % 60);
    store_set_now(store, now);
}

static int64_t tracker_add(struct store *store, const char *name, const char *preset)
{
    struct tracker t = {.name = (char *)(uintptr_t)name, .kind = TRACKER_SUBSTANCE};
    snprintf(t.preset, sizeof t.preset, "%s", preset);
    must(store_tracker_put(store, &t), "tracker");
    return t.meta.id;
}

static void streak_add(struct store *store, int64_t tracker, int32_t start, int32_t end)
{
    struct streak s = {.tracker_id = tracker};
    date_format(start, s.start_date);
    if (end != 0) {
        date_format(end, s.end_date);
        s.end_note = (char *)(uintptr_t) "a hard day; back at a meeting the next";
    }
    must(store_streak_put(store, &s), "streak");
}

static void day_add(struct store *store, int32_t day)
{
    static char *triggers[] = {(char *)(uintptr_t) "stress", (char *)(uintptr_t) "payday"};
    struct checkin c = {.has_mood = true,
                        .mood = 1 + (int)(rng() % 5),
                        .has_craving = true,
                        .craving = (int)(rng() % 11)};
    date_format(day, c.date);
    if (rng() % 4 == 0) {
        c.triggers.items = triggers;
        c.triggers.count = 1 + rng() % 2;
    }
    c.note = text_make(40 + rng() % 160);
    if (!journal_only)
        must(store_checkin_put(store, &c), "checkin");
    free(c.note);
    if (rng() % 100 < 41) {
        struct meeting m = {.fellowship = (char *)(uintptr_t) "CA",
                            .name = (char *)(uintptr_t) "Tuesday step group",
                            .format = MEETING_ONLINE,
                            .role = MEETING_ATTENDED};
        date_format(day, m.date);
        if (!journal_only)
            must(store_meeting_put(store, &m), "meeting");
    }
    struct journal_entry j = {.title = text_make(12 + rng() % 20)};
    j.body = text_make(200 + rng() % 2800);
    must(store_journal_put(store, &j), "journal");
    free(j.title);
    free(j.body);
}

/* The trackers and their streaks: three, the first with two slips in its history, a third of
 * the way and two thirds in. */
static void trackers_add(struct store *store, int32_t first, int32_t today)
{
    int64_t cocaine = tracker_add(store, "cocaine", "ca");
    int64_t alcohol = tracker_add(store, "alcohol", "aa");
    int64_t gambling = tracker_add(store, "gambling", "none");
    int32_t span = today - first;
    int32_t slip1 = first + span / 3, slip2 = first + 2 * span / 3;
    streak_add(store, cocaine, first, slip1);
    streak_add(store, cocaine, slip1 + 1, slip2);
    streak_add(store, cocaine, slip2 + 1, 0);
    streak_add(store, alcohol, first, 0);
    streak_add(store, gambling, first + span / 2, 0);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--journal-only") == 0) {
        journal_only = true;
        argv++;
        argc--;
    }
    if (argc < 4 || argc > 5) {
        fputs("usage: gen_store [--journal-only] DIR YEARS TODAY [PROFILE] (passphrase on "
              "stdin)\n",
              stderr);
        return 2;
    }
    int years = atoi(argv[2]);
    int32_t today;
    enum crypto_kdf_profile profile = CRYPTO_KDF_INTERACTIVE;
    if (years < 1 || years > 100 || date_parse(argv[3], &today) != ODAAT_OK ||
        (argc == 5 && !crypto_kdf_profile_parse(argv[4], &profile))) {
        fputs("gen_store: bad YEARS, TODAY or PROFILE\n", stderr);
        return 2;
    }
    char pass[1100];
    if (fgets(pass, sizeof pass, stdin) == NULL)
        return 2;
    pass[strcspn(pass, "\n")] = '\0';
    must(vault_harden_process(), "start");
    must(store_global_init(), "start");
    struct store *store = NULL;
    must(store_open_image(NULL, 0, &store), "new store");
    int32_t first = date_add_years(today, -years);
    stamp(store, first);
    must(store_setting_set(store, "program", "ca"), "setting");
    must(store_setting_set(store, "day_boundary_hour", "0"), "setting");
    must(store_setting_set(store, "idle_lock_minutes", "5"), "setting");
    if (!journal_only)
        trackers_add(store, first, today);
    for (int32_t day = first; day <= today; day++) {
        stamp(store, day);
        day_add(store, day);
    }
    const uint8_t *image = NULL;
    size_t len = 0;
    must(store_image(store, &image, &len), "image");
    char code[CRYPTO_RECOVERY_TEXT_SIZE];
    struct vault *v = NULL;
    must(vault_create(argv[1], pass, strlen(pass), profile, image, len, code, &v), "seal");
    printf("%d years: %d days%s, image %zu bytes, file %llu bytes\n", years, today - first + 1,
           journal_only ? " (journal only)" : "", len, (unsigned long long)vault_file_size(len));
    crypto_wipe(pass, sizeof pass);
    vault_close(v);
    store_close(store);
    return 0;
}
