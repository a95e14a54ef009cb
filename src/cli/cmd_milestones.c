/*
 * cmd_milestones: `odaat milestones --clean-date D`, computed from the options alone.
 * Translates options into a core milestone report and prints it; no rule lives here.
 */
#include <getopt.h>
#include <string.h>

#include "odaat/app.h"
#include "odaat/cli.h"
#include "odaat/milestone.h"
#include "odaat/output.h"
#include "odaat/stats.h"

#define COLOR_GOOD "\033[32m"
#define COLOR_BOLD "\033[1m"
#define COLOR_OFF  "\033[0m"

struct milestones_args {
    const char *tracker;
    const char *clean_date;
    const char *preset;
    bool extras;
    enum milestone_date_is date_is;
    bool json;
};

/* Parses the command's options into *args; returns -1 to go on or an exit code. */
static int parse_args(struct cli_context *ctx, int argc, char **argv, struct milestones_args *args)
{
    enum { OPT_CLEAN_DATE = 256, OPT_PRESET, OPT_EXTRAS, OPT_DATE_IS, OPT_JSON };
    static const struct option options[] = {
        {"clean-date", required_argument, NULL, OPT_CLEAN_DATE},
        {"preset", required_argument, NULL, OPT_PRESET},
        {"extras", no_argument, NULL, OPT_EXTRAS},
        {"date-is", required_argument, NULL, OPT_DATE_IS},
        {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, 'h'},
        CLI_GLOBAL_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *me = "milestones";
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        switch (c) {
        case OPT_CLEAN_DATE:
            args->clean_date = optarg;
            break;
        case OPT_PRESET:
            args->preset = optarg;
            break;
        case OPT_EXTRAS:
            args->extras = true;
            break;
        case OPT_DATE_IS:
            if (!milestone_date_is_parse(optarg, &args->date_is))
                return cli_usage_error(
                    ctx, me, "--date-is takes first-clean-day or last-use-day, not '%s'", optarg);
            break;
        case OPT_JSON:
            args->json = true;
            break;
        case 'h':
            cli_command_help(cli_command_find(me), ctx->out);
            return CLI_EXIT_OK;
        case ':':
            return cli_usage_error(ctx, me, "%s needs a value", argv[optind - 1]);
        default: {
            int status = cli_global_option(ctx, me, c, optarg);
            if (status > 0)
                return status;
            if (status == 0)
                return cli_usage_error(ctx, me, "unknown option '%s'", argv[optind - 1]);
        }
        }
    }
    if (args->clean_date != NULL && optind < argc)
        return cli_usage_error(ctx, me, "unexpected argument '%s'", argv[optind]);
    if (argc - optind > 1)
        return cli_usage_error(ctx, me, "unexpected argument '%s'", argv[optind + 1]);
    args->tracker = optind < argc ? argv[optind] : NULL;
    return -1;
}

static void json_item(struct json_writer *w, const char *key, const struct milestone_item *item,
                      const struct milestone_report *report, bool with_days_left)
{
    json_object_open(w, key);
    json_string(w, "label", item->label);
    json_string(w, "unit", milestone_unit_name(item->unit));
    json_int(w, "count", item->count);
    json_date(w, "date", item->date);
    if (with_days_left)
        json_int(w, "days_left", report->days_left);
    else
        json_bool(w, "reached", item->reached);
    json_string(w, "keytag", item->keytag);
    json_object_close(w);
}

void cli_tracker_json(struct json_writer *w, const char *key, const struct cli_tracker *t)
{
    const struct milestone_report *report = t->report;
    const struct stats_streaks *sum = t->streaks;
    json_object_open(w, key);
    json_string(w, "tracker", t->name);
    json_string(w, "preset", t->preset);
    json_string(w, "date_is", milestone_date_is_name(t->date_is));
    json_date(w, "clean_date", report->start);
    json_date(w, "today", report->today);
    json_int(w, "days", report->days);
    json_object_open(w, "duration");
    json_int(w, "years", report->duration.years);
    json_int(w, "months", report->duration.months);
    json_int(w, "days", report->duration.days);
    json_object_close(w);
    json_object_open(w, "streaks");
    json_int(w, "current_days", sum->current_days);
    json_int(w, "longest_days", sum->longest_days);
    json_int(w, "total_clean_days", sum->total_clean_days);
    json_int(w, "count", (long long)sum->count);
    json_object_close(w);
    json_array_open(w, "milestones");
    for (size_t i = 0; i < report->item_count; i++)
        json_item(w, NULL, &report->items[i], report, false);
    json_array_close(w);
    if (report->next != NULL)
        json_item(w, "next", report->next, report, true);
    else
        json_null(w, "next");
    json_object_close(w);
}

void cli_tracker_human(struct cli_context *ctx, const struct cli_tracker *t)
{
    const struct milestone_report *report = t->report;
    char date[48];
    char when[48];
    char count[32];
    char duration[64];
    FILE *out = ctx->out;
    const char *on = ctx->color ? COLOR_BOLD : "";
    const char *off = ctx->color ? COLOR_OFF : "";

    fprintf(out, "Clean since %s (%s)\n", output_date_long(report->start, date, sizeof date),
            t->date_is == MILESTONE_LAST_USE_DAY ? "the day after the last day of use"
                                                 : "first clean day");
    output_duration(&report->duration, duration, sizeof duration);
    if (report->days == 0)
        fprintf(out, "%sToday is day one.%s Welcome.\n", on, off);
    else
        fprintf(out, "%s%s %s%s: %s\n", on, output_count(report->days, count, sizeof count),
                report->days == 1 ? "day" : "days", off, duration);

    if (report->item_count == 0) {
        fputs("\nThis ladder has no milestones; every day counts all the same.\n", out);
        return;
    }
    fputc('\n', out);
    for (size_t i = 0; i < report->item_count; i++) {
        const struct milestone_item *item = &report->items[i];
        const char *mark =
            item->reached ? (ctx->utf8 ? "\u2713" : "+") : (ctx->utf8 ? "\u00b7" : "-");
        fprintf(out, "  %s%s%s  %-12s %s", item->reached && ctx->color ? COLOR_GOOD : "", mark,
                item->reached && ctx->color ? COLOR_OFF : "", item->label,
                output_date_short(item->date, date, sizeof date));
        if (!item->reached)
            fprintf(out, "   in %s %s",
                    output_count(item->date - report->today, count, sizeof count),
                    item->date - report->today == 1 ? "day" : "days");
        fputc('\n', out);
    }
    if (report->next != NULL)
        fprintf(out, "\nNext: %s%s%s on %s, in %s %s.\n", on, report->next->label, off,
                output_date_long(report->next->date, when, sizeof when),
                output_count(report->days_left, count, sizeof count),
                report->days_left == 1 ? "day" : "days");
}

/* The store-backed form: a tracker of the open store. */
static int milestones_of_store(struct cli_context *ctx, const struct milestones_args *args)
{
    const char *me = "milestones";
    struct app *app = NULL;
    int status = cli_open(ctx, me, &app);
    if (status >= 0)
        return status;
    struct app_tracker_view v;
    enum odaat_err err = app_tracker_view_get(app, args->tracker, &v);
    if (err != ODAAT_OK) {
        app_close(app);
        if (err == ODAAT_ERR_NOT_FOUND && args->tracker != NULL)
            return cli_usage_error(ctx, me, "there is no tracker called '%s'", args->tracker);
        return cli_fail(ctx, me, err);
    }
    if (v.current.meta.id == 0 || v.first_clean_day > app_today(app)) {
        fprintf(ctx->out, "%s: a new start tomorrow. Every day before is kept.\n", v.tracker.name);
    } else {
        struct cli_tracker t = {v.tracker.name, v.tracker.preset, v.tracker.date_is, &v.report,
                                &v.streaks};
        if (args->json) {
            struct json_writer w;
            json_begin(&w, ctx->out);
            cli_tracker_json(&w, NULL, &t);
            json_end(&w);
        } else {
            cli_tracker_human(ctx, &t);
        }
    }
    app_tracker_view_free(&v);
    app_close(app);
    return CLI_EXIT_OK;
}

int cmd_milestones(struct cli_context *ctx, int argc, char **argv)
{
    struct milestones_args args = {.preset = "ca", .date_is = MILESTONE_FIRST_CLEAN_DAY};
    int status = parse_args(ctx, argc, argv, &args);
    if (status >= 0)
        return status;
    if (args.clean_date == NULL)
        return milestones_of_store(ctx, &args);

    const char *me = "milestones";
    int32_t entered;
    enum odaat_err err = date_parse(args.clean_date, &entered);
    if (err != ODAAT_OK)
        return cli_usage_error(ctx, me, "--clean-date %s: %s", args.clean_date,
                               odaat_err_message(err));
    const struct milestone_ladder *ladders[2];
    size_t ladder_count = 0;
    ladders[ladder_count] = milestone_preset(args.preset);
    if (ladders[ladder_count] == NULL || strcmp(args.preset, "extras") == 0)
        return cli_usage_error(ctx, me, "--preset takes ca, aa, na, smart or none, not '%s'",
                               args.preset);
    ladder_count++;
    if (args.extras)
        ladders[ladder_count++] = milestone_preset("extras");

    int32_t today;
    status = cli_today(ctx, me, &today);
    if (status >= 0)
        return status;
    int32_t start = milestone_first_clean_day(entered, args.date_is);
    struct milestone_report report;
    err = milestone_report_make(ladders, ladder_count, start, today, &report);
    if (err == ODAAT_ERR_FUTURE_START) {
        char today_iso[DATE_ISO_SIZE];
        char first[DATE_ISO_SIZE];
        return cli_usage_error(ctx, me, "the first clean day %s is after today (%s)",
                               date_format(start, first), date_format(today, today_iso));
    }
    if (err != ODAAT_OK) {
        fprintf(ctx->err, "odaat %s: %s\n", me, odaat_err_message(err));
        return odaat_err_exit_code(err);
    }
    struct stats_streak streak = {.start = start};
    struct stats_streaks sum;
    stats_streaks_sum(&streak, 1, today, &sum);
    struct cli_tracker view = {NULL, args.preset, args.date_is, &report, &sum};
    if (args.json) {
        struct json_writer w;
        json_begin(&w, ctx->out);
        cli_tracker_json(&w, NULL, &view);
        json_end(&w);
    } else {
        cli_tracker_human(ctx, &view);
    }
    milestone_report_free(&report);
    return CLI_EXIT_OK;
}
