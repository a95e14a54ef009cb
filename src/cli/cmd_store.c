/*
 * cmd_store: the commands that open the store: init, status, days, checkin, tracker,
 * relapse, passwd, recover and backup. Each parses its options, calls the app layer once
 * and prints the result; the rules live in the app layer.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "odaat/app.h"
#include "odaat/cli.h"
#include "odaat/clock.h"
#include "odaat/crypto.h"
#include "odaat/date.h"
#include "odaat/output.h"
#include "odaat/store.h"

/* Options every command here accepts besides its own. */
#define HELP_OPTION                                                                                \
    {                                                                                              \
        "help", no_argument, NULL, 'h'                                                             \
    }
#define END_OPTION                                                                                 \
    {                                                                                              \
        NULL, 0, NULL, 0                                                                           \
    }

/* Reads a new passphrase: twice on a terminal (they must match), once from a descriptor. */
static int new_passphrase(struct cli_context *ctx, const char *cmd, char **out, size_t *len)
{
    int status = cli_read_secret(ctx, cmd, "New passphrase: ", out, len);
    if (status >= 0)
        return status;
    if (*len == 0) {
        crypto_secure_free(*out);
        return cli_fail(ctx, cmd, ODAAT_ERR_PASSPHRASE_EMPTY);
    }
    if (ctx->passphrase_fd >= 0)
        return -1;
    char *again = NULL;
    size_t again_len = 0;
    status = cli_read_secret(ctx, cmd, "The same again: ", &again, &again_len);
    if (status < 0 && (again_len != *len || !crypto_equal(again, *out, *len)))
        status = cli_usage_error(ctx, cmd, "the two passphrases differ; nothing was changed");
    crypto_secure_free(again);
    if (status >= 0)
        crypto_secure_free(*out);
    return status;
}

static void print_recovery(struct cli_context *ctx, const char *code)
{
    fprintf(ctx->out,
            "\n"
            "Your recovery code:\n"
            "\n"
            "    %s\n"
            "\n"
            "Write it on paper and keep it somewhere safe. If you ever forget your\n"
            "passphrase, `odaat recover` opens your store with this code. It is shown\n"
            "only now. Without the passphrase and this code nobody can open the store,\n"
            "not even you.\n",
            code);
}

int cmd_init(struct cli_context *ctx, int argc, char **argv)
{
    enum { OPT_CLEAN = 256, OPT_TRACKER, OPT_PROGRAM, OPT_DATE_IS, OPT_KDF };
    static const struct option options[] = {
        {"clean-date", required_argument, NULL, OPT_CLEAN},
        {"tracker", required_argument, NULL, OPT_TRACKER},
        {"program", required_argument, NULL, OPT_PROGRAM},
        {"date-is", required_argument, NULL, OPT_DATE_IS},
        {"kdf", required_argument, NULL, OPT_KDF},
        HELP_OPTION,
        CLI_GLOBAL_LONG_OPTIONS,
        END_OPTION,
    };
    const char *me = "init";
    struct app_setup setup = {.program = "ca", .kdf = CRYPTO_KDF_MODERATE};
    char typed_date[32];
    int c, status;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (c == OPT_CLEAN) {
            setup.clean_date = optarg;
        } else if (c == OPT_TRACKER) {
            setup.tracker = optarg;
        } else if (c == OPT_PROGRAM) {
            setup.program = optarg;
        } else if (c == OPT_DATE_IS) {
            if (!milestone_date_is_parse(optarg, &setup.date_is))
                return cli_usage_error(
                    ctx, me, "--date-is takes first-clean-day or last-use-day, not '%s'", optarg);
        } else if (c == OPT_KDF) {
            if (!crypto_kdf_profile_parse(optarg, &setup.kdf))
                return cli_usage_error(
                    ctx, me, "--kdf takes interactive, moderate or sensitive, not '%s'", optarg);
        } else if ((status = cli_common_option(ctx, me, c, argv)) >= 0) {
            return status;
        }
    }
    if (optind < argc)
        return cli_usage_error(ctx, me, "unexpected argument '%s'", argv[optind]);
    static const char *const programs[] = {"ca", "aa", "na", "smart", "other"};
    bool known = false;
    for (size_t i = 0; i < sizeof programs / sizeof programs[0]; i++)
        known = known || strcmp(setup.program, programs[i]) == 0;
    if (!known)
        return cli_usage_error(ctx, me, "--program takes ca, aa, na, smart or other, not '%s'",
                               setup.program);
    if (setup.clean_date == NULL) {
        status = cli_ask_line(ctx, me, "--clean-date", "Your clean date (YYYY-MM-DD): ", typed_date,
                              sizeof typed_date);
        if (status >= 0)
            return status;
        setup.clean_date = typed_date;
    }
    if ((status = cli_check_date(ctx, me, "--clean-date", setup.clean_date)) >= 0)
        return status;

    char *dir = NULL;
    enum odaat_err err = vault_data_dir(ctx->data_dir, &dir);
    if (err == ODAAT_OK && vault_exists(dir))
        err = ODAAT_ERR_STORE_EXISTS;
    if (err != ODAAT_OK) {
        free(dir);
        return cli_fail(ctx, me, err);
    }
    char *pass = NULL;
    size_t len = 0;
    status = new_passphrase(ctx, me, &pass, &len);
    if (status >= 0) {
        free(dir);
        return status;
    }
    char recovery[CRYPTO_RECOVERY_TEXT_SIZE];
    struct app *app = NULL;
    err = app_create(dir, pass, len, &setup, ctx->today_override, recovery, &app);
    crypto_secure_free(pass);
    if (err != ODAAT_OK) {
        free(dir);
        if (odaat_err_exit_code(err) == CLI_EXIT_USAGE)
            return cli_usage_error(ctx, me, "%s", odaat_err_message(err));
        return cli_fail(ctx, me, err);
    }
    fprintf(ctx->out, "Your store is ready in %s.\n", dir);
    print_recovery(ctx, recovery);
    crypto_wipe(recovery, sizeof recovery);
    free(dir);
    app_close(app);
    return CLI_EXIT_OK;
}

/* Parses the options of a command that takes only --json and the globals, and at most
 * max_args positional arguments (left in argv[optind..]). */
static int simple_options(struct cli_context *ctx, const char *me, int argc, char **argv,
                          bool *json, int max_args)
{
    enum { OPT_JSON = 256 };
    static const struct option options[] = {
        {"json", no_argument, NULL, OPT_JSON},
        HELP_OPTION,
        CLI_GLOBAL_LONG_OPTIONS,
        END_OPTION,
    };
    int c, status;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (c == OPT_JSON && json != NULL)
            *json = true;
        else if ((status = cli_common_option(ctx, me, c == OPT_JSON ? '?' : c, argv)) >= 0)
            return status;
    }
    if (argc - optind > max_args)
        return cli_usage_error(ctx, me, "unexpected argument '%s'", argv[optind + max_args]);
    return -1;
}

static struct cli_tracker view_to_cli(const struct app_tracker_view *v)
{
    struct cli_tracker t = {v->tracker.name, v->tracker.preset, v->tracker.date_is, &v->report,
                            &v->streaks};
    return t;
}

static void status_json(struct cli_context *ctx, const struct app_status *st)
{
    struct json_writer w;
    json_begin(&w, ctx->out);
    json_object_open(&w, NULL);
    json_date(&w, "today", st->today);
    json_array_open(&w, "trackers");
    for (size_t i = 0; i < st->tracker_count; i++) {
        const struct app_tracker_view *v = &st->trackers[i];
        struct cli_tracker t = view_to_cli(v);
        if (v->current.meta.id != 0 && v->first_clean_day <= st->today) {
            cli_tracker_json(&w, NULL, &t);
            continue;
        }
        /* Between a slip and a restart set for tomorrow: no clean time to count yet. */
        json_object_open(&w, NULL);
        json_string(&w, "tracker", t.name);
        json_string(&w, "preset", t.preset);
        json_string(&w, "date_is", milestone_date_is_name(t.date_is));
        json_string(&w, "clean_date", v->current.meta.id != 0 ? v->current.start_date : NULL);
        json_date(&w, "today", st->today);
        json_int(&w, "days", 0);
        json_null(&w, "next");
        json_object_close(&w);
    }
    json_array_close(&w);
    json_array_open(&w, "new_milestones");
    for (size_t i = 0; i < st->tracker_count; i++) {
        for (size_t j = 0; j < st->trackers[i].fresh_count; j++) {
            const struct milestone_item *m = &st->trackers[i].fresh[j];
            json_object_open(&w, NULL);
            json_string(&w, "tracker", st->trackers[i].tracker.name);
            json_string(&w, "label", m->label);
            json_date(&w, "date", m->date);
            json_object_close(&w);
        }
    }
    json_array_close(&w);
    if (st->checked_in) {
        json_object_open(&w, "checkin");
        json_int(&w, "id", st->checkin.meta.id);
        json_string(&w, "date", st->checkin.date);
        if (st->checkin.has_mood)
            json_int(&w, "mood", st->checkin.mood);
        else
            json_null(&w, "mood");
        if (st->checkin.has_craving)
            json_int(&w, "craving", st->checkin.craving);
        else
            json_null(&w, "craving");
        json_object_close(&w);
    } else {
        json_null(&w, "checkin");
    }
    json_object_open(&w, "checkin_streak");
    json_int(&w, "current", st->checkins.current);
    json_int(&w, "longest", st->checkins.longest);
    json_object_close(&w);
    json_object_open(&w, "meetings");
    json_int(&w, "last_7", st->meetings.last_7);
    json_int(&w, "last_30", st->meetings.last_30);
    json_int(&w, "last_90", st->meetings.last_90);
    json_object_close(&w);
    if (st->ninety_active) {
        json_object_open(&w, "ninety_in_ninety");
        json_int(&w, "day", st->ninety.day);
        json_int(&w, "count", st->ninety.count);
        json_object_close(&w);
    } else {
        json_null(&w, "ninety_in_ninety");
    }
    if (st->has_step) {
        json_object_open(&w, "step");
        json_int(&w, "number", st->step.number);
        json_string(&w, "status", "working");
        json_string(&w, "started_on", st->step.started_on[0] ? st->step.started_on : NULL);
        json_object_close(&w);
    } else {
        json_null(&w, "step");
    }
    json_object_close(&w);
    json_end(&w);
}

static void status_human(struct cli_context *ctx, const struct app_status *st)
{
    char count[32], duration[64], when[48];
    FILE *out = ctx->out;
    bool cheered = false;
    for (size_t i = 0; i < st->tracker_count; i++) {
        const struct app_tracker_view *v = &st->trackers[i];
        for (size_t j = 0; j < v->fresh_count; j++) {
            fprintf(out, "%s %s: %s, reached on %s. Congratulations.\n", ctx->utf8 ? "\u2726" : "*",
                    v->tracker.name, v->fresh[j].label,
                    output_date_long(v->fresh[j].date, when, sizeof when));
            cheered = true;
        }
    }
    if (cheered)
        fputc('\n', out);
    for (size_t i = 0; i < st->tracker_count; i++) {
        const struct app_tracker_view *v = &st->trackers[i];
        if (v->current.meta.id == 0 || v->first_clean_day > st->today) {
            fprintf(out, "%-14s a new start %s\n", v->tracker.name,
                    v->current.meta.id != 0 ? "tomorrow" : "whenever you are ready");
            continue;
        }
        output_duration(&v->report.duration, duration, sizeof duration);
        if (v->report.days == 0)
            fprintf(out, "%-14s today is day one\n", v->tracker.name);
        else
            fprintf(out, "%-14s %s %s (%s)\n", v->tracker.name,
                    output_count(v->report.days, count, sizeof count),
                    v->report.days == 1 ? "day" : "days", duration);
        if (v->report.next != NULL)
            fprintf(out, "%-14s next: %s on %s, in %d %s\n", "", v->report.next->label,
                    output_date_long(v->report.next->date, when, sizeof when), v->report.days_left,
                    v->report.days_left == 1 ? "day" : "days");
    }
    if (st->tracker_count == 0)
        fputs("No trackers yet: add one with 'odaat tracker add NAME --clean-date D'.\n", out);
    fputc('\n', out);
    if (st->checked_in && st->checkin.has_mood)
        fprintf(out, "%-14s checked in (mood %d of 5)\n", "Today", st->checkin.mood);
    else if (st->checked_in)
        fputs("Today          checked in\n", out);
    else
        fprintf(out, "%-14s not checked in yet: odaat checkin\n", "Today");
    fprintf(out, "%-14s %d %s of check-ins (longest %d)\n", "Streak", st->checkins.current,
            st->checkins.current == 1 ? "day" : "days", st->checkins.longest);
    fprintf(out, "%-14s %d in the last 7 days", "Meetings", st->meetings.last_7);
    if (st->ninety_active)
        fprintf(out, " · 90 in 90: %d of 90, day %d", st->ninety.count, st->ninety.day);
    fputc('\n', out);
    if (st->has_step)
        fprintf(out, "%-14s %d, working\n", "Step", st->step.number);
}

int cmd_status(struct cli_context *ctx, int argc, char **argv)
{
    const char *me = "status";
    bool json = false;
    int status = simple_options(ctx, me, argc, argv, &json, 0);
    if (status >= 0)
        return status;
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0)
        return status;
    struct app_status st;
    enum odaat_err err = app_status_get(app, &st);
    if (err != ODAAT_OK) {
        app_close(app);
        return cli_fail(ctx, me, err);
    }
    bool fresh = false;
    for (size_t i = 0; i < st.tracker_count; i++)
        fresh = fresh || st.trackers[i].fresh_count > 0;
    if (json)
        status_json(ctx, &st);
    else
        status_human(ctx, &st);
    /* Shown to a person once: their new milestones are marked as congratulated. JSON is for
     * scripts and marks nothing. */
    for (size_t i = 0; !json && fresh && i < st.tracker_count && err == ODAAT_OK; i++)
        err = app_milestones_mark_seen(app, st.trackers[i].tracker.name);
    app_status_free(&st);
    if (err != ODAAT_OK) {
        app_close(app);
        return cli_fail(ctx, me, err);
    }
    if (!json && fresh)
        return cli_save_close(ctx, me, app);
    app_close(app);
    return CLI_EXIT_OK;
}

int cmd_days(struct cli_context *ctx, int argc, char **argv)
{
    const char *me = "days";
    int status = simple_options(ctx, me, argc, argv, NULL, 1);
    if (status >= 0)
        return status;
    const char *name = optind < argc ? argv[optind] : NULL;
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0)
        return status;
    struct app_tracker_view v;
    enum odaat_err err = app_tracker_view_get(app, name, &v);
    if (err != ODAAT_OK) {
        app_close(app);
        return cli_fail(ctx, me, err);
    }
    char count[32];
    int32_t days =
        v.current.meta.id != 0 && v.first_clean_day <= app_today(app) ? v.report.days : 0;
    fprintf(ctx->out, "%s %s\n", output_count(days, count, sizeof count),
            days == 1 ? "day" : "days");
    app_tracker_view_free(&v);
    app_close(app);
    return CLI_EXIT_OK;
}

/* Collects repeated --trigger values. */
struct tag_list {
    char *items[32];
    size_t count;
};

int cmd_checkin(struct cli_context *ctx, int argc, char **argv)
{
    enum { OPT_DATE = 256, OPT_MOOD, OPT_CRAVING, OPT_TRIGGER, OPT_NOTE };
    static const struct option options[] = {
        {"date", required_argument, NULL, OPT_DATE},
        {"mood", required_argument, NULL, OPT_MOOD},
        {"craving", required_argument, NULL, OPT_CRAVING},
        {"trigger", required_argument, NULL, OPT_TRIGGER},
        {"note-stdin", no_argument, NULL, OPT_NOTE},
        HELP_OPTION,
        CLI_GLOBAL_LONG_OPTIONS,
        END_OPTION,
    };
    const char *me = "checkin";
    struct checkin in = {0};
    struct tag_list tags = {0};
    bool note_stdin = false;
    int c, status;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        status = -1;
        if (c == OPT_DATE) {
            status = cli_check_date(ctx, me, "--date", optarg);
            snprintf(in.date, sizeof in.date, "%s", optarg);
        } else if (c == OPT_MOOD) {
            in.has_mood = true;
            status = cli_parse_int(ctx, me, "--mood", optarg, 1, 5, &in.mood);
        } else if (c == OPT_CRAVING) {
            in.has_craving = true;
            status = cli_parse_int(ctx, me, "--craving", optarg, 0, 10, &in.craving);
        } else if (c == OPT_TRIGGER) {
            if (tags.count == sizeof tags.items / sizeof tags.items[0] || optarg[0] == '\0')
                status = cli_usage_error(ctx, me, "--trigger takes a word, at most 32 of them");
            else
                tags.items[tags.count++] = optarg;
        } else if (c == OPT_NOTE) {
            note_stdin = true;
        } else {
            status = cli_common_option(ctx, me, c, argv);
        }
        if (status >= 0)
            return status;
    }
    if (optind < argc)
        return cli_usage_error(ctx, me, "unexpected argument '%s'", argv[optind]);
    char *note = NULL;
    if (note_stdin && (status = cli_read_text(ctx, me, &note)) >= 0)
        return status;
    in.note = note;
    in.triggers.items = tags.items;
    in.triggers.count = tags.count;
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0) {
        crypto_secure_free(note);
        return status;
    }
    bool updated = false;
    enum odaat_err err = app_checkin(app, &in, &updated);
    crypto_secure_free(note);
    if (err != ODAAT_OK) {
        app_close(app);
        if (err == ODAAT_ERR_INVALID)
            return cli_usage_error(ctx, me, "the date %s is after today", in.date);
        return cli_fail(ctx, me, err);
    }

    char when[48];
    int32_t day = 0;
    date_parse(in.date, &day);
    if ((status = cli_save_close(ctx, me, app)) != 0)
        return status;
    fprintf(ctx->out, "%s for %s. Thank you for showing up today.\n",
            updated ? "Check-in updated" : "Checked in", output_date_long(day, when, sizeof when));
    return CLI_EXIT_OK;
}

static int tracker_add(struct cli_context *ctx, int argc, char **argv)
{
    enum { OPT_CLEAN = 256, OPT_PRESET, OPT_DATE_IS };
    static const struct option options[] = {
        {"clean-date", required_argument, NULL, OPT_CLEAN},
        {"preset", required_argument, NULL, OPT_PRESET},
        {"date-is", required_argument, NULL, OPT_DATE_IS},
        HELP_OPTION,
        CLI_GLOBAL_LONG_OPTIONS,
        END_OPTION,
    };
    const char *me = "tracker";
    const char *clean = NULL, *preset = "ca";
    enum milestone_date_is date_is = MILESTONE_FIRST_CLEAN_DAY;
    char typed[32];
    int c, status;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (c == OPT_CLEAN)
            clean = optarg;
        else if (c == OPT_PRESET)
            preset = optarg;
        else if (c == OPT_DATE_IS && !milestone_date_is_parse(optarg, &date_is))
            return cli_usage_error(ctx, me, "--date-is takes first-clean-day or last-use-day");
        else if (c != OPT_DATE_IS && (status = cli_common_option(ctx, me, c, argv)) >= 0)
            return status;
    }
    if (argc - optind != 1)
        return cli_usage_error(ctx, me, "tracker add takes one NAME");
    const char *name = argv[optind];
    const struct milestone_ladder *ladder = milestone_preset(preset);
    if (ladder == NULL || strcmp(preset, "extras") == 0)
        return cli_usage_error(ctx, me, "--preset takes ca, aa, na, smart or none, not '%s'",
                               preset);
    if (clean == NULL) {
        status =
            cli_ask_line(ctx, me, "--clean-date", "Clean date (YYYY-MM-DD): ", typed, sizeof typed);
        if (status >= 0)
            return status;
        clean = typed;
    }
    if ((status = cli_check_date(ctx, me, "--clean-date", clean)) >= 0)
        return status;
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0)
        return status;
    enum odaat_err err = app_tracker_add(app, name, clean, date_is, preset);
    if (err != ODAAT_OK) {
        app_close(app);
        if (err == ODAAT_ERR_DUPLICATE)
            return cli_usage_error(ctx, me, "there is already a tracker called '%s'", name);
        if (odaat_err_exit_code(err) == CLI_EXIT_USAGE)
            return cli_usage_error(ctx, me, "%s", odaat_err_message(err));
        return cli_fail(ctx, me, err);
    }
    if ((status = cli_save_close(ctx, me, app)) != 0)
        return status;
    fprintf(ctx->out, "Tracking '%s' from %s.\n", name, clean);
    return CLI_EXIT_OK;
}

static int tracker_list(struct cli_context *ctx, struct app *app, bool json)
{
    struct tracker *list = NULL;
    size_t count = 0;
    enum odaat_err err = app_tracker_list(app, &list, &count);
    if (err != ODAAT_OK)
        return cli_fail(ctx, "tracker", err);
    struct json_writer w;
    if (json) {
        json_begin(&w, ctx->out);
        json_array_open(&w, NULL);
    }
    for (size_t i = 0; i < count; i++) {
        if (json) {
            json_object_open(&w, NULL);
            json_int(&w, "id", list[i].meta.id);
            json_string(&w, "name", list[i].name);
            json_string(&w, "preset", list[i].preset);
            json_string(&w, "date_is", milestone_date_is_name(list[i].date_is));
            json_bool(&w, "archived", list[i].archived);
            json_object_close(&w);
        } else {
            fprintf(ctx->out, "%-20s %s%s\n", list[i].name, list[i].preset,
                    list[i].archived ? " (archived)" : "");
        }
    }
    if (json) {
        json_array_close(&w);
        json_end(&w);
    }
    store_tracker_list_free(list, count);
    return CLI_EXIT_OK;
}

int cmd_tracker(struct cli_context *ctx, int argc, char **argv)
{
    const char *me = "tracker";
    if (argc < 2 || argv[1][0] == '-') {
        if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
            cli_command_help(cli_command_find(me), ctx->out);
            return CLI_EXIT_OK;
        }
        return cli_usage_error(ctx, me, "say add, list, rename, archive or date-is");
    }
    const char *sub = argv[1];
    if (strcmp(sub, "add") == 0)
        return tracker_add(ctx, argc - 1, argv + 1);
    int want;
    if (strcmp(sub, "list") == 0)
        want = 0;
    else if (strcmp(sub, "rename") == 0)
        want = 2;
    else if (strcmp(sub, "archive") == 0)
        want = 1;
    else if (strcmp(sub, "date-is") == 0)
        want = 2;
    else
        return cli_usage_error(
            ctx, me, "there is no 'tracker %s': say add, list, rename, archive or date-is", sub);
    bool json = false;
    bool date_is_sub = strcmp(sub, "date-is") == 0;
    int status = simple_options(ctx, me, argc - 1, argv + 1, want == 0 ? &json : NULL, want);
    if (status >= 0)
        return status;
    if (argc - 1 - optind != want)
        return cli_usage_error(ctx, me, "tracker %s takes %s", sub,
                               date_is_sub ? "a NAME and first-clean-day or last-use-day"
                               : want == 2 ? "OLD and NEW names"
                               : want == 1 ? "a NAME"
                                           : "no name");
    char **names = argv + 1 + optind;
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0)
        return status;
    if (want == 0) {
        status = tracker_list(ctx, app, json);
        app_close(app);
        return status;
    }
    bool date_is_change = strcmp(sub, "date-is") == 0;
    enum milestone_date_is date_is = MILESTONE_FIRST_CLEAN_DAY;
    if (date_is_change && !milestone_date_is_parse(names[1], &date_is)) {
        app_close(app);
        return cli_usage_error(ctx, me, "date-is takes first-clean-day or last-use-day, not '%s'",
                               names[1]);
    }
    enum odaat_err err = date_is_change ? app_tracker_set_date_is(app, names[0], date_is)
                         : want == 2    ? app_tracker_rename(app, names[0], names[1])
                                        : app_tracker_archive(app, names[0]);
    if (err == ODAAT_ERR_INVALID && date_is_change) {
        app_close(app);
        return cli_usage_error(ctx, me,
                               "the first clean day would move after today or onto "
                               "the day of use");
    }
    if (err != ODAAT_OK) {
        app_close(app);
        if (err == ODAAT_ERR_NOT_FOUND)
            return cli_usage_error(ctx, me, "there is no tracker called '%s'", names[0]);
        if (err == ODAAT_ERR_DUPLICATE)
            return cli_usage_error(ctx, me, "there is already a tracker called '%s'", names[1]);
        return cli_fail(ctx, me, err);
    }
    if ((status = cli_save_close(ctx, me, app)) != 0)
        return status;
    if (date_is_change)
        fprintf(ctx->out, "The date for '%s' now means the %s.\n", names[0],
                date_is == MILESTONE_LAST_USE_DAY ? "last day of use" : "first clean day");
    else if (want == 2)
        fprintf(ctx->out, "'%s' is now '%s'.\n", names[0], names[1]);
    else
        fprintf(ctx->out, "'%s' is archived; its history is kept.\n", names[0]);
    return CLI_EXIT_OK;
}

int cmd_relapse(struct cli_context *ctx, int argc, char **argv)
{
    enum { OPT_DATE = 256, OPT_RESTART, OPT_NOTE };
    static const struct option options[] = {
        {"date", required_argument, NULL, OPT_DATE},
        {"restart", required_argument, NULL, OPT_RESTART},
        {"note-stdin", no_argument, NULL, OPT_NOTE},
        HELP_OPTION,
        CLI_GLOBAL_LONG_OPTIONS,
        END_OPTION,
    };
    const char *me = "relapse";
    const char *use = NULL, *restart = NULL;
    bool note_stdin = false;
    int c, status;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        status = -1;
        if (c == OPT_DATE)
            status = cli_check_date(ctx, me, "--date", use = optarg);
        else if (c == OPT_RESTART)
            status = cli_check_date(ctx, me, "--restart", restart = optarg);
        else if (c == OPT_NOTE)
            note_stdin = true;
        else
            status = cli_common_option(ctx, me, c, argv);
        if (status >= 0)
            return status;
    }
    if (argc - optind > 1)
        return cli_usage_error(ctx, me, "unexpected argument '%s'", argv[optind + 1]);
    const char *name = optind < argc ? argv[optind] : NULL;
    char *note = NULL;
    if (note_stdin && (status = cli_read_text(ctx, me, &note)) >= 0)
        return status;
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0) {
        crypto_secure_free(note);
        return status;
    }
    enum odaat_err err = app_relapse(app, name, use, restart, note);
    crypto_secure_free(note);
    if (err != ODAAT_OK) {
        app_close(app);
        if (err == ODAAT_ERR_NOT_FOUND)
            return cli_usage_error(ctx, me, "there is no tracker %s%s%s", name ? "called '" : "",
                                   name ? name : "yet", name ? "'" : "");
        if (err == ODAAT_ERR_END_BEFORE_START)
            return cli_usage_error(ctx, me, "the day of use is before this streak began");
        if (err == ODAAT_ERR_INVALID)
            return cli_usage_error(ctx, me,
                                   "the day of use cannot be after today, and the new "
                                   "start must come after the day of use");
        return cli_fail(ctx, me, err);
    }
    struct app_tracker_view after;
    err = app_tracker_view_get(app, name, &after);
    int32_t next_start = err == ODAAT_OK ? after.first_clean_day : 0;
    int32_t kept = err == ODAAT_OK ? after.streaks.total_clean_days : 0;
    app_tracker_view_free(&after);
    if ((status = cli_save_close(ctx, me, app)) != 0)
        return status;
    char when[48], count[32];
    fprintf(ctx->out,
            "It's good that you're here. Your new streak starts on %s.\n"
            "Every day before is kept: %s clean %s so far.\n",
            output_date_long(next_start, when, sizeof when),
            output_count(kept, count, sizeof count), kept == 1 ? "day" : "days");
    return CLI_EXIT_OK;
}

int cmd_passwd(struct cli_context *ctx, int argc, char **argv)
{
    const char *me = "passwd";
    int status = simple_options(ctx, me, argc, argv, NULL, 0);
    if (status >= 0)
        return status;
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0)
        return status;
    char *pass = NULL;
    size_t len = 0;
    if ((status = new_passphrase(ctx, me, &pass, &len)) >= 0) {
        app_close(app);
        return status;
    }
    enum odaat_err err = vault_change_passphrase(app_vault(app), pass, len);
    crypto_secure_free(pass);
    app_close(app);
    if (err != ODAAT_OK)
        return cli_fail(ctx, me, err);
    fputs("Your passphrase is changed. Your recovery code stays the same.\n", ctx->out);
    return CLI_EXIT_OK;
}

int cmd_recover(struct cli_context *ctx, int argc, char **argv)
{
    const char *me = "recover";
    int status = simple_options(ctx, me, argc, argv, NULL, 0);
    if (status >= 0)
        return status;
    char *dir = NULL;
    enum odaat_err err = vault_data_dir(ctx->data_dir, &dir);
    if (err == ODAAT_OK && !vault_exists(dir))
        err = ODAAT_ERR_NO_STORE;
    if (err != ODAAT_OK) {
        free(dir);
        return cli_fail(ctx, me, err);
    }
    char *code = NULL;
    size_t code_len = 0;
    if ((status = cli_read_secret(ctx, me, "Recovery code: ", &code, &code_len)) >= 0) {
        free(dir);
        return status;
    }
    struct vault_secret secret = {VAULT_RECOVERY_CODE, code, code_len};
    struct app *app = NULL;
    err = app_open(dir, &secret, ctx->today_override, &app);
    crypto_secure_free(code);
    free(dir);
    if (err != ODAAT_OK)
        return cli_fail(ctx, me, err);
    char *pass = NULL;
    size_t len = 0;
    if ((status = new_passphrase(ctx, me, &pass, &len)) >= 0) {
        app_close(app);
        return status;
    }
    err = vault_change_passphrase(app_vault(app), pass, len);
    crypto_secure_free(pass);
    app_close(app);
    if (err != ODAAT_OK)
        return cli_fail(ctx, me, err);
    fputs("Your store opens with the new passphrase now. Keep your recovery code safe.\n",
          ctx->out);
    return CLI_EXIT_OK;
}

static void backup_print(struct cli_context *ctx, const struct vault_backup *list, size_t count,
                         bool json)
{
    struct json_writer w;
    if (json) {
        json_begin(&w, ctx->out);
        json_array_open(&w, NULL);
    }
    for (size_t i = 0; i < count; i++) {
        struct clock_moment m = {0};
        char date[DATE_ISO_SIZE], time_text[24];
        clock_local_at(list[i].saved_at, &m);
        date_format(m.date, date);
        snprintf(time_text, sizeof time_text, "%02d:%02d", m.minute / 60, m.minute % 60);
        if (json) {
            json_object_open(&w, NULL);
            json_int(&w, "id", (long long)i + 1);
            json_string(&w, "name", list[i].name);
            json_string(&w, "date", date);
            json_string(&w, "time", time_text);
            json_object_close(&w);
        } else {
            fprintf(ctx->out, "%3zu  %s %s  %s\n", i + 1, date, time_text, list[i].name);
        }
    }
    if (json) {
        json_array_close(&w);
        json_end(&w);
    } else if (count == 0) {
        fputs("No backups yet: they are kept from the second save on.\n", ctx->out);
    }
}

int cmd_backup(struct cli_context *ctx, int argc, char **argv)
{
    const char *me = "backup";
    if (argc < 2 || (strcmp(argv[1], "list") != 0 && strcmp(argv[1], "restore") != 0)) {
        if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
            cli_command_help(cli_command_find(me), ctx->out);
            return CLI_EXIT_OK;
        }
        return cli_usage_error(ctx, me, "say list or restore N");
    }
    bool restore = strcmp(argv[1], "restore") == 0;
    bool json = false;
    int status = simple_options(ctx, me, argc - 1, argv + 1, restore ? NULL : &json, restore);
    if (status >= 0)
        return status;
    int number = 0;
    if (restore) {
        if (argc - 1 - optind != 1)
            return cli_usage_error(ctx, me, "backup restore takes the number shown by backup list");
        if ((status = cli_parse_int(ctx, me, "restore", argv[1 + optind], 1, 16, &number)) >= 0)
            return status;
    }
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0)
        return status;
    struct vault_backup *list = NULL;
    size_t count = 0;
    enum odaat_err err = vault_backup_list(app_vault(app), &list, &count);
    if (err == ODAAT_OK && !restore)
        backup_print(ctx, list, count, json);
    if (err == ODAAT_OK && restore && (size_t)number > count)
        err = ODAAT_ERR_NO_BACKUP;
    if (err == ODAAT_OK && restore)
        err = app_restore_backup(app, list[number - 1].name);
    free(list);
    app_close(app);
    if (err != ODAAT_OK)
        return cli_fail(ctx, me, err);
    if (restore)
        fprintf(ctx->out, "Backup %d is your store again; what it replaced is backup 1 now.\n",
                number);
    return CLI_EXIT_OK;
}

int cmd_settings(struct cli_context *ctx, int argc, char **argv)
{
    static const char *const keys[] = {"program", "day_boundary_hour", "idle_lock_minutes"};
    const char *me = "settings";
    bool json = false;
    int status = simple_options(ctx, me, argc, argv, &json, 2);
    if (status >= 0)
        return status;
    const char *key = optind < argc ? argv[optind] : NULL;
    const char *value = optind + 1 < argc ? argv[optind + 1] : NULL;
    if (key != NULL && app_setting_values(key) == NULL)
        return cli_usage_error(ctx, me,
                               "there is no setting '%s': program, day_boundary_hour "
                               "or idle_lock_minutes",
                               key);
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0)
        return status;
    if (value != NULL) {
        enum odaat_err err = app_setting_set(app, key, value);
        if (err == ODAAT_ERR_INVALID) {
            app_close(app);
            return cli_usage_error(ctx, me, "%s takes %s, not '%s'", key, app_setting_values(key),
                                   value);
        }
        if (err != ODAAT_OK) {
            app_close(app);
            return cli_fail(ctx, me, err);
        }
        if ((status = cli_save_close(ctx, me, app)) != 0)
            return status;
        fprintf(ctx->out, "%s is now %s.\n", key, value);
        return CLI_EXIT_OK;
    }
    struct json_writer w;
    if (json) {
        json_begin(&w, ctx->out);
        json_object_open(&w, NULL);
    }
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (key != NULL && strcmp(key, keys[i]) != 0)
            continue;
        char *v = NULL;
        enum odaat_err err = app_setting_get(app, keys[i], &v);
        if (err != ODAAT_OK && err != ODAAT_ERR_NOT_FOUND) {
            app_close(app);
            return cli_fail(ctx, me, err);
        }
        if (json)
            json_string(&w, keys[i], v);
        else
            fprintf(ctx->out, "%-20s %s\n", keys[i], v != NULL ? v : "(not set)");
        free(v);
    }
    if (json) {
        json_object_close(&w);
        json_end(&w);
    }
    app_close(app);
    return CLI_EXIT_OK;
}

static void ladder_print(struct cli_context *ctx, const struct tracker *t,
                         const struct app_ladder *ladder, bool json)
{
    if (json) {
        struct json_writer w;
        json_begin(&w, ctx->out);
        json_object_open(&w, NULL);
        json_string(&w, "tracker", t->name);
        json_string(&w, "preset", t->preset);
        json_bool(&w, "custom", ladder->custom);
        json_array_open(&w, "rungs");
        for (size_t i = 0; i < ladder->count; i++) {
            json_object_open(&w, NULL);
            json_string(&w, "unit", milestone_unit_name(ladder->rungs[i].unit));
            json_int(&w, "count", ladder->rungs[i].count);
            json_string(&w, "label", ladder->rungs[i].label);
            json_object_close(&w);
        }
        json_array_close(&w);
        json_object_close(&w);
        json_end(&w);
        return;
    }
    fprintf(ctx->out, "%s: %s ladder%s\n", t->name, ladder->custom ? "your own" : t->preset,
            ladder->custom ? "" : " (as the preset has it)");
    for (size_t i = 0; i < ladder->count; i++)
        fprintf(ctx->out, "  %-8s %6d  %s\n", milestone_unit_name(ladder->rungs[i].unit),
                (int)ladder->rungs[i].count, ladder->rungs[i].label);
    if (ladder->count == 0)
        fputs("  no rungs: the day count alone\n", ctx->out);
}

int cmd_ladder(struct cli_context *ctx, int argc, char **argv)
{
    enum { OPT_TRACKER = 256, OPT_LABEL, OPT_JSON };
    static const struct option options[] = {
        {"tracker", required_argument, NULL, OPT_TRACKER},
        {"label", required_argument, NULL, OPT_LABEL},
        {"json", no_argument, NULL, OPT_JSON},
        HELP_OPTION,
        CLI_GLOBAL_LONG_OPTIONS,
        END_OPTION,
    };
    const char *me = "ladder";
    const char *tracker = NULL, *label = NULL;
    bool json = false;
    int c, status;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (c == OPT_TRACKER)
            tracker = optarg;
        else if (c == OPT_LABEL)
            label = optarg;
        else if (c == OPT_JSON)
            json = true;
        else if ((status = cli_common_option(ctx, me, c, argv)) >= 0)
            return status;
    }
    char **pos = argv + optind;
    int npos = argc - optind;
    const char *action = npos > 0 ? pos[0] : "show";
    int want = strcmp(action, "add") == 0 || strcmp(action, "rm") == 0 ? 3 : 1;
    if (strcmp(action, "show") != 0 && strcmp(action, "reset") != 0 && want == 1)
        return cli_usage_error(ctx, me, "say show, add UNIT COUNT, rm UNIT COUNT or reset");
    if (npos > want || (want == 3 && npos != 3))
        return cli_usage_error(ctx, me, "ladder %s takes %s", action,
                               want == 3 ? "a UNIT (days, months, years, hours) and a COUNT"
                                         : "no more words");
    if (label != NULL && strcmp(action, "add") != 0)
        return cli_usage_error(ctx, me, "--label goes with ladder add");
    enum milestone_unit unit = MILESTONE_DAYS;
    int count = 0;
    if (want == 3) {
        if (!app_ladder_unit_parse(pos[1], &unit))
            return cli_usage_error(ctx, me, "UNIT is hours, days, months or years, not '%s'",
                                   pos[1]);
        if ((status = cli_parse_int(ctx, me, "COUNT", pos[2], 0, 36500, &count)) >= 0)
            return status;
    }
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0)
        return status;
    enum odaat_err err = ODAAT_OK;
    if (strcmp(action, "add") == 0)
        err = app_ladder_add(app, tracker, unit, count, label);
    else if (strcmp(action, "rm") == 0)
        err = app_ladder_remove(app, tracker, unit, count);
    else if (strcmp(action, "reset") == 0)
        err = app_ladder_reset(app, tracker);
    struct app_tracker_view view;
    struct app_ladder *ladder = calloc(1, sizeof *ladder);
    if (err == ODAAT_OK && ladder == NULL)
        err = ODAAT_ERR_NOMEM;
    if (err == ODAAT_OK && (err = app_tracker_view_get(app, tracker, &view)) == ODAAT_OK) {
        err = app_ladder_get(app, &view.tracker, ladder);
        if (err == ODAAT_OK && strcmp(action, "show") == 0)
            ladder_print(ctx, &view.tracker, ladder, json);
        app_tracker_view_free(&view);
    }
    free(ladder);
    if (err != ODAAT_OK) {
        app_close(app);
        if (err == ODAAT_ERR_NOT_FOUND)
            return cli_usage_error(ctx, me, "%s",
                                   tracker != NULL && want == 1
                                       ? "there is no such tracker"
                                       : "there is no such tracker or rung");
        if (err == ODAAT_ERR_INVALID)
            return cli_usage_error(ctx, me,
                                   "a rung needs a count in range (up to 72 hours, "
                                   "36,500 days, 1,200 months, 100 years) and a label "
                                   "of 1 to 47 bytes on one line");
        return cli_fail(ctx, me, err);
    }
    if (strcmp(action, "show") == 0) {
        app_close(app);
        return CLI_EXIT_OK;
    }
    if ((status = cli_save_close(ctx, me, app)) != 0)
        return status;
    fprintf(ctx->out, "%s.\n",
            strcmp(action, "add") == 0  ? "The rung is on the ladder"
            : strcmp(action, "rm") == 0 ? "The rung is off the ladder"
                                        : "Back to the preset's ladder");
    return CLI_EXIT_OK;
}
