/*
 * cmd_records: the commands over a person's day-to-day records: checkins, meeting, step,
 * journal, stats and contact. Each parses its options, calls the app layer and prints the
 * result as text or JSON; every rule (dates not after today, step numbers, blank entries) is
 * the app layer's. A command that changes something saves only after the change succeeded, so
 * a refused one leaves the store on disk as it was. Free text comes from stdin, never argv;
 * a journal entry written on a terminal comes from the built-in editor.
 */
#include <getopt.h>
#include <inttypes.h>
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
#include "odaat/tui.h"

/* ---- Options ----------------------------------------------------------------------------- */

/* Every option of these commands; each subcommand allows a few (see parse_args). */
enum record_opt {
    OPT_JSON = 256,
    OPT_FROM,
    OPT_TO,
    OPT_DATE,
    OPT_TIME,
    OPT_FELLOWSHIP,
    OPT_NAME,
    OPT_FORMAT,
    OPT_LOCATION,
    OPT_ROLE,
    OPT_NOTE,
    OPT_STATUS,
    OPT_TITLE,
    OPT_STEP,
    OPT_PHONE,
    OPT_END
};

#define ALLOW(opt) (1u << ((opt)-OPT_JSON))
#define OPT_COUNT  (OPT_END - OPT_JSON)

/* What a command line gave: each option's value (a flag's is ""; NULL: not given), and the
 * positional arguments left after the options. */
struct args {
    const char *value[OPT_COUNT];
    char **pos;
    int npos;
};

static const char *arg(const struct args *a, enum record_opt opt)
{
    return a->value[opt - OPT_JSON];
}

static bool flag(const struct args *a, enum record_opt opt)
{
    return arg(a, opt) != NULL;
}

static const struct option record_options[] = {
    {"json", no_argument, NULL, OPT_JSON},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"date", required_argument, NULL, OPT_DATE},
    {"time", required_argument, NULL, OPT_TIME},
    {"fellowship", required_argument, NULL, OPT_FELLOWSHIP},
    {"name", required_argument, NULL, OPT_NAME},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"location", required_argument, NULL, OPT_LOCATION},
    {"role", required_argument, NULL, OPT_ROLE},
    {"note-stdin", no_argument, NULL, OPT_NOTE},
    {"status", required_argument, NULL, OPT_STATUS},
    {"title", required_argument, NULL, OPT_TITLE},
    {"step", required_argument, NULL, OPT_STEP},
    {"phone", required_argument, NULL, OPT_PHONE},
    {"help", no_argument, NULL, 'h'},
    CLI_GLOBAL_LONG_OPTIONS,
    {NULL, 0, NULL, 0},
};

/* Parses argv (argv[0] is the command or subcommand) allowing the options in the ALLOW mask
 * and at most max_pos positional arguments (-1: any number). Returns -1 or an exit code. */
static int parse_args(struct cli_context *ctx, const char *me, int argc, char **argv,
                      unsigned allowed, int max_pos, struct args *a)
{
    memset(a, 0, sizeof *a);
    int c, index = -1, status;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", record_options, &index)) != -1) {
        bool ours = c >= OPT_JSON && c < OPT_END;
        if (ours && (allowed & ALLOW(c)) == 0)
            return cli_usage_error(ctx, me, "unknown option '--%s'", record_options[index].name);
        if (!ours) {
            if ((status = cli_common_option(ctx, me, c, argv)) >= 0)
                return status;
            continue;
        }
        a->value[c - OPT_JSON] = optarg != NULL ? optarg : "";
        char name[40];
        snprintf(name, sizeof name, "--%s", record_options[index].name);
        if ((c == OPT_FROM || c == OPT_TO || c == OPT_DATE) &&
            (status = cli_check_date(ctx, me, name, optarg)) >= 0)
            return status;
    }
    a->pos = argv + optind;
    a->npos = argc - optind;
    if (max_pos >= 0 && a->npos > max_pos)
        return cli_usage_error(ctx, me, "unexpected argument '%s'", a->pos[max_pos]);
    return -1;
}

/* Parses a record's ID as listings show it; returns -1 or an exit code. */
static int parse_id(struct cli_context *ctx, const char *me, const char *text, int64_t *id)
{
    char *end = NULL;
    long long v = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || v < 1)
        return cli_usage_error(ctx, me, "'%s' is not an ID: take one from 'odaat %s list'", text,
                               me);
    *id = (int64_t)v;
    return -1;
}

/* Refuses a short field that app_short_text_valid does not accept; returns -1 or an exit code. */
static int check_short(struct cli_context *ctx, const char *me, const char *name, const char *text)
{
    if (app_short_text_valid(text))
        return -1;
    return cli_usage_error(ctx, me, "--%s takes one line of at most %d bytes", name,
                           APP_SHORT_TEXT_MAX);
}

/* "COMMAND" without a subcommand, or "COMMAND --help": the help, or a usage error. */
static int no_subcommand(struct cli_context *ctx, const char *me, int argc, char **argv,
                         const char *choices)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        cli_command_help(cli_command_find(me), ctx->out);
        return CLI_EXIT_OK;
    }
    if (argc >= 2 && argv[1][0] != '-')
        return cli_usage_error(ctx, me, "there is no '%s %s': say %s", me, argv[1], choices);
    return cli_usage_error(ctx, me, "say %s", choices);
}

/* Reads free text from stdin when the flag was given; *text stays NULL otherwise. */
static int read_note(struct cli_context *ctx, const char *me, const struct args *a, char **text)
{
    *text = NULL;
    return flag(a, OPT_NOTE) ? cli_read_text(ctx, me, text) : -1;
}

/* Closes app without saving and reports err in one line: nothing reaches the disk. */
static int fail_closed(struct cli_context *ctx, const char *me, struct app *app, enum odaat_err err)
{
    app_close(app);
    return cli_fail(ctx, me, err);
}

/* Closes app without saving and reports a usage error (exit 2). */
#define USAGE_CLOSED(ctx, me, app, ...) (app_close(app), cli_usage_error((ctx), (me), __VA_ARGS__))

/* ---- Output helpers ---------------------------------------------------------------------- */

/* An optional fixed-size field of a record: "" means none, written as null. */
static void json_optional(struct json_writer *w, const char *key, const char *text)
{
    json_string(w, key, text != NULL && text[0] != '\0' ? text : NULL);
}

static void json_maybe_int(struct json_writer *w, const char *key, bool has, long long value)
{
    if (has)
        json_int(w, key, value);
    else
        json_null(w, key);
}

static const char *ellipsis(const struct cli_context *ctx)
{
    return ctx->utf8 ? "\u2026" : "...";
}

static const char *dot(const struct cli_context *ctx)
{
    return ctx->utf8 ? " \u00b7 " : " - ";
}

/* Prints the first line of text, cut to at most max bytes at a character boundary. */
static void print_preview(struct cli_context *ctx, const char *text, size_t max)
{
    text += strspn(text, " \t\r\n");
    size_t len = strcspn(text, "\r\n");
    bool cut = len > max;
    if (cut) {
        len = max;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--; /* not inside a UTF-8 sequence */
    }
    fwrite(text, 1, len, ctx->out);
    if (cut)
        fputs(ellipsis(ctx), ctx->out);
}

/* The local date and time an entry was written, from its UTC created_at. */
static int32_t entry_when(const char *created_at, char time_text[static MODEL_TIME_SIZE])
{
    struct clock_moment m = {0};
    if (app_local_moment(created_at, &m) != ODAAT_OK) {
        /* Not a timestamp the store would write: show its own date part, as UTC. */
        date_parse_n(created_at, 10, &m.date);
        m.minute = 0;
    }
    unsigned minute = (unsigned)m.minute % 1440u; /* 0..1439 by clock.h's promise */
    snprintf(time_text, MODEL_TIME_SIZE, "%02u:%02u", minute / 60, minute % 60);
    return m.date;
}

/* ---- checkins ---------------------------------------------------------------------------- */

static void checkin_json(struct json_writer *w, const struct checkin *c)
{
    json_object_open(w, NULL);
    json_int(w, "id", c->meta.id);
    json_string(w, "date", c->date);
    json_maybe_int(w, "mood", c->has_mood, c->mood);
    json_maybe_int(w, "craving", c->has_craving, c->craving);
    json_array_open(w, "triggers");
    for (size_t t = 0; t < c->triggers.count; t++)
        json_string(w, NULL, c->triggers.items[t]);
    json_array_close(w);
    json_array_open(w, "gratitude");
    for (size_t t = 0; t < c->gratitude.count; t++)
        json_string(w, NULL, c->gratitude.items[t]);
    json_array_close(w);
    json_string(w, "note", c->note);
    json_object_close(w);
}

static void checkin_human(struct cli_context *ctx, const struct checkin *c)
{
    char mood[8] = "-", craving[8] = "-";
    if (c->has_mood)
        snprintf(mood, sizeof mood, "%d", c->mood);
    if (c->has_craving)
        snprintf(craving, sizeof craving, "%d", c->craving);
    fprintf(ctx->out, "%4" PRId64 "  %s  %-4s  %s", c->meta.id, c->date, mood, craving);
    /* The triggers' column starts 9 bytes after the craving's; no padding ends a bare row. */
    for (size_t t = 0; t < c->triggers.count; t++)
        fprintf(ctx->out, "%*s%s", t ? 2 : 9 - (int)strlen(craving), t ? ", " : "",
                c->triggers.items[t]);
    fputc('\n', ctx->out);
    if (c->note != NULL) {
        fputs("      ", ctx->out);
        print_preview(ctx, c->note, 70);
        fputc('\n', ctx->out);
    }
}

int cmd_checkins(struct cli_context *ctx, int argc, char **argv)
{
    const char *me = "checkins";
    struct args a;
    int status =
        parse_args(ctx, me, argc, argv, ALLOW(OPT_JSON) | ALLOW(OPT_FROM) | ALLOW(OPT_TO), 0, &a);
    if (status >= 0)
        return status;
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0)
        return status;
    struct checkin *list = NULL;
    size_t count = 0;
    enum odaat_err err = app_checkin_list(app, arg(&a, OPT_FROM), arg(&a, OPT_TO), &list, &count);
    if (err == ODAAT_ERR_INVALID)
        return USAGE_CLOSED(ctx, me, app, "--from %s is after --to %s", arg(&a, OPT_FROM),
                            arg(&a, OPT_TO));
    if (err != ODAAT_OK)
        return fail_closed(ctx, me, app, err);
    struct json_writer w;
    if (flag(&a, OPT_JSON)) {
        json_begin(&w, ctx->out);
        json_array_open(&w, NULL);
        for (size_t i = 0; i < count; i++)
            checkin_json(&w, &list[i]);
        json_array_close(&w);
        json_end(&w);
    } else if (count == 0) {
        fputs("No check-ins here yet: odaat checkin records today's.\n", ctx->out);
    } else {
        fputs("  ID  DATE        MOOD  CRAVING  TRIGGERS\n", ctx->out);
        for (size_t i = 0; i < count; i++)
            checkin_human(ctx, &list[i]);
    }
    store_checkin_list_free(list, count);
    app_close(app);
    return CLI_EXIT_OK;
}

/* ---- meeting ----------------------------------------------------------------------------- */

/* Turns the options of meeting add into *m; returns -1 or an exit code. */
static int meeting_from_args(struct cli_context *ctx, const char *me, const struct args *a,
                             struct meeting *m)
{
    const char *time = arg(a, OPT_TIME), *format = arg(a, OPT_FORMAT), *role = arg(a, OPT_ROLE);
    int status = -1;
    if (arg(a, OPT_DATE) != NULL)
        snprintf(m->date, sizeof m->date, "%s", arg(a, OPT_DATE));
    if (time != NULL && !app_time_valid(time))
        return cli_usage_error(ctx, me, "--time takes HH:MM from 00:00 to 23:59, not '%s'", time);
    if (time != NULL)
        snprintf(m->time, sizeof m->time, "%s", time);
    if (format != NULL && !app_meeting_format_parse(format, &m->format))
        return cli_usage_error(ctx, me, "--format takes in-person, online or phone, not '%s'",
                               format);
    if (role != NULL && !app_meeting_role_parse(role, &m->role))
        return cli_usage_error(ctx, me,
                               "--role takes attended, shared, chaired or service, not '%s'", role);
    const enum record_opt fields[] = {OPT_FELLOWSHIP, OPT_NAME, OPT_LOCATION};
    const char *names[] = {"fellowship", "name", "location"};
    for (size_t i = 0; status < 0 && i < sizeof fields / sizeof fields[0]; i++)
        status = check_short(ctx, me, names[i], arg(a, fields[i]));
    m->fellowship = (char *)(uintptr_t)arg(a, OPT_FELLOWSHIP);
    m->name = (char *)(uintptr_t)arg(a, OPT_NAME);
    m->location = (char *)(uintptr_t)arg(a, OPT_LOCATION);
    return status;
}

static int meeting_add(struct cli_context *ctx, int argc, char **argv)
{
    const char *me = "meeting";
    struct args a;
    unsigned allowed = ALLOW(OPT_DATE) | ALLOW(OPT_TIME) | ALLOW(OPT_FELLOWSHIP) | ALLOW(OPT_NAME) |
                       ALLOW(OPT_FORMAT) | ALLOW(OPT_LOCATION) | ALLOW(OPT_ROLE) | ALLOW(OPT_NOTE);
    struct meeting m = {.format = MEETING_FORMAT_NONE, .role = MEETING_ATTENDED};
    char *note = NULL;
    int status = parse_args(ctx, me, argc, argv, allowed, 0, &a);
    if (status < 0)
        status = meeting_from_args(ctx, me, &a, &m);
    if (status < 0)
        status = read_note(ctx, me, &a, &note);
    struct app *app = NULL;
    if (status < 0 && (status = cli_open(ctx, me, &app)) < 0) {
        m.note = note;
        enum odaat_err err = app_meeting_add(app, &m);
        if (err == ODAAT_ERR_INVALID)
            status = USAGE_CLOSED(ctx, me, app, "the date %s is after today", m.date);
        else if (err != ODAAT_OK)
            status = fail_closed(ctx, me, app, err);
        else if ((status = cli_save_close(ctx, me, app)) == 0) {
            char when[48];
            int32_t day = 0;
            date_parse(m.date, &day);
            fprintf(ctx->out, "Meeting %" PRId64 " logged for %s.\n", m.meta.id,
                    output_date_long(day, when, sizeof when));
        }
    }
    crypto_secure_free(note);
    return status;
}

static void meeting_json(struct json_writer *w, const struct meeting *m)
{
    json_object_open(w, NULL);
    json_int(w, "id", m->meta.id);
    json_string(w, "date", m->date);
    json_optional(w, "time", m->time);
    json_string(w, "fellowship", m->fellowship);
    json_string(w, "name", m->name);
    json_string(w, "format", app_meeting_format_word(m->format));
    json_string(w, "location", m->location);
    json_string(w, "role", app_meeting_role_word(m->role));
    json_string(w, "note", m->note);
    json_object_close(w);
}

static void meeting_human(struct cli_context *ctx, const struct meeting *m)
{
    const char *format = app_meeting_format_word(m->format);
    const char *role = app_meeting_role_word(m->role);
    fprintf(ctx->out, "%4" PRId64 "  %s  %-5s  %-10s  %-9s  %s", m->meta.id, m->date,
            m->time[0] ? m->time : "-", m->fellowship ? m->fellowship : "-", format ? format : "-",
            role);
    /* The name's column starts 10 bytes after the role's; no padding ends a bare row. */
    if (m->name != NULL || m->location != NULL)
        fprintf(ctx->out, "%*s", 10 - (int)strlen(role), "");
    if (m->name != NULL)
        fputs(m->name, ctx->out);
    if (m->location != NULL)
        fprintf(ctx->out, "%s%s", m->name != NULL ? dot(ctx) : "", m->location);
    fputc('\n', ctx->out);
}

static int meeting_list(struct cli_context *ctx, const struct args *a)
{
    const char *me = "meeting";
    struct app *app = NULL;
    int status = cli_open(ctx, me, &app);
    if (status >= 0)
        return status;
    struct meeting *list = NULL;
    size_t count = 0;
    enum odaat_err err = app_meeting_list(app, arg(a, OPT_FROM), arg(a, OPT_TO), &list, &count);
    if (err == ODAAT_ERR_INVALID)
        return USAGE_CLOSED(ctx, me, app, "--from %s is after --to %s", arg(a, OPT_FROM),
                            arg(a, OPT_TO));
    if (err != ODAAT_OK)
        return fail_closed(ctx, me, app, err);
    struct json_writer w;
    if (flag(a, OPT_JSON)) {
        json_begin(&w, ctx->out);
        json_array_open(&w, NULL);
        for (size_t i = 0; i < count; i++)
            meeting_json(&w, &list[i]);
        json_array_close(&w);
        json_end(&w);
    } else if (count == 0) {
        fputs("No meetings here yet: odaat meeting add logs one.\n", ctx->out);
    } else {
        fputs("  ID  DATE        TIME   FELLOWSHIP  FORMAT     ROLE      NAME\n", ctx->out);
        for (size_t i = 0; i < count; i++)
            meeting_human(ctx, &list[i]);
    }
    store_meeting_list_free(list, count);
    app_close(app);
    return CLI_EXIT_OK;
}

/* "COMMAND rm ID" for meetings, journal entries and contacts: what names the record ("meeting",
 * "journal entry") and remove is the app's removal. */
static int remove_record(struct cli_context *ctx, const char *me, const struct args *a,
                         const char *what, enum odaat_err (*remove)(struct app *, int64_t))
{
    int64_t id = 0;
    int status = a->npos == 1 ? parse_id(ctx, me, a->pos[0], &id)
                              : cli_usage_error(ctx, me, "%s rm takes one ID", me);
    if (status >= 0)
        return status;
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0)
        return status;
    enum odaat_err err = remove(app, id);
    if (err == ODAAT_ERR_NOT_FOUND)
        return USAGE_CLOSED(ctx, me, app, "there is no %s %" PRId64, what, id);
    if (err != ODAAT_OK)
        return fail_closed(ctx, me, app, err);
    if ((status = cli_save_close(ctx, me, app)) != 0)
        return status;
    fprintf(ctx->out, "Deleted %s %" PRId64 ".\n", what, id);
    return CLI_EXIT_OK;
}

int cmd_meeting(struct cli_context *ctx, int argc, char **argv)
{
    const char *me = "meeting";
    const char *sub = argc >= 2 ? argv[1] : "";
    if (strcmp(sub, "add") == 0)
        return meeting_add(ctx, argc - 1, argv + 1);
    bool list = strcmp(sub, "list") == 0;
    if (!list && strcmp(sub, "rm") != 0)
        return no_subcommand(ctx, me, argc, argv, "add, list or rm");
    struct args a;
    unsigned allowed = list ? ALLOW(OPT_JSON) | ALLOW(OPT_FROM) | ALLOW(OPT_TO) : 0;
    int status = parse_args(ctx, me, argc - 1, argv + 1, allowed, list ? 0 : 1, &a);
    if (status >= 0)
        return status;
    return list ? meeting_list(ctx, &a) : remove_record(ctx, me, &a, "meeting", app_meeting_remove);
}

/* ---- step -------------------------------------------------------------------------------- */

static const char *step_noun(const struct app_steps *all)
{
    return all->points ? "point" : "step";
}

static void step_json(struct json_writer *w, const struct app_steps *all, size_t i)
{
    const struct step *s = &all->steps[i];
    json_object_open(w, NULL);
    if (s->meta.id != 0)
        json_int(w, "id", s->meta.id);
    else
        json_null(w, "id"); /* never set: there is no record yet */
    json_string(w, "program", all->program);
    json_int(w, "number", s->number);
    json_string(w, "title", all->info[i].title);
    json_string(w, "principle", all->info[i].principle);
    json_string(w, "status", app_step_status_word(s->status));
    json_optional(w, "started_on", s->started_on);
    json_optional(w, "completed_on", s->completed_on);
    json_string(w, "note", s->note);
    json_object_close(w);
}

/* "working, since 2026-11-10", "done on 2026-11-23, started 2026-11-10", "not started". */
static const char *step_phrase(const struct step *s, char *buf, size_t size)
{
    if (s->status == STEP_WORKING && s->started_on[0])
        snprintf(buf, size, "working, since %s", s->started_on);
    else if (s->status == STEP_DONE && s->completed_on[0] && s->started_on[0])
        snprintf(buf, size, "done on %s, started %s", s->completed_on, s->started_on);
    else if (s->status == STEP_DONE && s->completed_on[0])
        snprintf(buf, size, "done on %s", s->completed_on);
    else if (s->status == STEP_NOT_STARTED)
        snprintf(buf, size, "not started");
    else
        snprintf(buf, size, "%s", app_step_status_word(s->status));
    return buf;
}

static void steps_human(struct cli_context *ctx, const struct app_steps *all)
{
    int width = 0;
    for (size_t i = 0; i < all->count; i++) {
        int len = (int)strlen(all->info[i].title);
        width = len > width ? len : width;
    }
    fprintf(ctx->out, "%s (programme: %s)\n\n",
            all->points ? "SMART Recovery's four points" : "The twelve steps", all->program);
    for (size_t i = 0; i < all->count; i++) {
        char phrase[64];
        fprintf(ctx->out, "%3d  %-*s  ", all->steps[i].number, width, all->info[i].title);
        if (all->info[i].principle != NULL)
            fprintf(ctx->out, "%-12s  ", all->info[i].principle);
        fprintf(ctx->out, "%s\n", step_phrase(&all->steps[i], phrase, sizeof phrase));
    }
}

/* One date line of step show N: the long date, or "-". */
static void step_date_line(struct cli_context *ctx, const char *label, const char *iso)
{
    char when[48] = "-";
    int32_t day;
    if (iso[0] != '\0' && date_parse(iso, &day) == ODAAT_OK)
        output_date_long(day, when, sizeof when);
    fprintf(ctx->out, "  %-10s %s\n", label, when);
}

static void step_human(struct cli_context *ctx, const struct app_steps *all, size_t i)
{
    const struct step *s = &all->steps[i];
    char noun[8];
    snprintf(noun, sizeof noun, "%s", step_noun(all));
    noun[0] = (char)(noun[0] - 'a' + 'A');
    fprintf(ctx->out, "%s %d of %zu: %s\n", noun, s->number, all->count, all->info[i].title);
    if (all->info[i].principle != NULL)
        fprintf(ctx->out, "  %-10s %s\n", "principle", all->info[i].principle);
    fprintf(ctx->out, "  %-10s %s\n", "status", app_step_status_word(s->status));
    step_date_line(ctx, "started", s->started_on);
    step_date_line(ctx, "done", s->completed_on);
    if (s->note != NULL)
        fprintf(ctx->out, "\n%s\n", s->note);
}

/* step [show [N]] [--json]: every step, or step N. */
static int step_show(struct cli_context *ctx, const struct args *a)
{
    const char *me = "step";
    int number = 0;
    int status = -1;
    if (a->npos == 1)
        status = cli_parse_int(ctx, me, "step show", a->pos[0], 1, 12, &number);
    struct app *app = NULL;
    if (status >= 0 || (status = cli_open(ctx, me, &app)) >= 0)
        return status;
    struct app_steps all;
    enum odaat_err err = app_steps_get(app, &all);
    if (err != ODAAT_OK)
        return fail_closed(ctx, me, app, err);
    if ((size_t)number > all.count) {
        status = cli_usage_error(ctx, me, "there is no %s %d in this programme (1 to %zu)",
                                 step_noun(&all), number, all.count);
    } else if (flag(a, OPT_JSON)) {
        struct json_writer w;
        json_begin(&w, ctx->out);
        if (number == 0)
            json_array_open(&w, NULL);
        for (size_t i = 0; i < all.count; i++) {
            if (number == 0 || (size_t)number == i + 1)
                step_json(&w, &all, i);
        }
        if (number == 0)
            json_array_close(&w);
        json_end(&w);
        status = CLI_EXIT_OK;
    } else {
        if (number == 0)
            steps_human(ctx, &all);
        else
            step_human(ctx, &all, (size_t)number - 1);
        status = CLI_EXIT_OK;
    }
    app_steps_free(&all);
    app_close(app);
    return status;
}

/* Reports a refused step set; closes app. */
static int step_refused(struct cli_context *ctx, struct app *app, enum odaat_err err, int number,
                        const char *date)
{
    const char *me = "step";
    int status;
    if (err == ODAAT_ERR_NOT_FOUND) {
        struct app_steps all;
        if (app_steps_get(app, &all) != ODAAT_OK)
            return USAGE_CLOSED(ctx, me, app, "there is no step %d in this programme", number);
        status = cli_usage_error(ctx, me, "there is no %s %d in this programme (1 to %zu)",
                                 step_noun(&all), number, all.count);
        app_steps_free(&all);
        app_close(app);
        return status;
    }
    if (err == ODAAT_ERR_INVALID)
        return USAGE_CLOSED(ctx, me, app, "the date %s is after today", date);
    if (err == ODAAT_ERR_END_BEFORE_START)
        return USAGE_CLOSED(ctx, me, app, "a step cannot be done before the day it was started");
    return fail_closed(ctx, me, app, err);
}

/* Says what step set did to step i of all, or prints the step as JSON. */
static void step_report(struct cli_context *ctx, const struct app_steps *all, size_t i, bool json)
{
    const struct step *s = &all->steps[i];
    if (json) {
        struct json_writer w;
        json_begin(&w, ctx->out);
        step_json(&w, all, i);
        json_end(&w);
        return;
    }
    char when[48];
    int32_t day = 0;
    fprintf(ctx->out, "%s %d, %s: ", all->points ? "Point" : "Step", s->number, all->info[i].title);
    if (s->status == STEP_WORKING && date_parse(s->started_on, &day) == ODAAT_OK)
        fprintf(ctx->out, "working, since %s.\n", output_date_long(day, when, sizeof when));
    else if (s->status == STEP_DONE && date_parse(s->completed_on, &day) == ODAAT_OK)
        fprintf(ctx->out, "done on %s. Well done.\n", output_date_long(day, when, sizeof when));
    else
        fputs("not started.\n", ctx->out);
}

/* step set N --status S [--date D] [--note-stdin] [--json] */
static int step_set(struct cli_context *ctx, const struct args *a)
{
    const char *me = "step";
    const char *date = arg(a, OPT_DATE), *word = arg(a, OPT_STATUS);
    char typed[32];
    int number = 0;
    enum step_status st = STEP_NOT_STARTED;
    int status = a->npos == 1 ? cli_parse_int(ctx, me, "step set", a->pos[0], 1, 12, &number)
                              : cli_usage_error(ctx, me, "step set takes a step number N");
    if (status < 0 && word == NULL) {
        status = cli_ask_line(ctx, me, "--status", "Status (not-started, working, done): ", typed,
                              sizeof typed);
        word = typed;
    }
    if (status < 0 && !app_step_status_parse(word, &st))
        status =
            cli_usage_error(ctx, me, "--status takes not-started, working or done, not '%s'", word);
    if (status < 0 && st == STEP_NOT_STARTED && date != NULL)
        status = cli_usage_error(ctx, me, "--date goes with --status working or done");
    char *note = NULL;
    if (status < 0)
        status = read_note(ctx, me, a, &note);
    struct app *app = NULL;
    if (status < 0 && (status = cli_open(ctx, me, &app)) < 0) {
        struct app_steps all;
        enum odaat_err err = app_step_set(app, number, st, date, note, NULL);
        if (err == ODAAT_OK)
            err = app_steps_get(app, &all); /* the step as stored, with its title */
        if (err != ODAAT_OK) {
            status = step_refused(ctx, app, err, number, date);
        } else {
            if ((status = cli_save_close(ctx, me, app)) == 0)
                step_report(ctx, &all, (size_t)number - 1, flag(a, OPT_JSON));
            app_steps_free(&all);
        }
    }
    crypto_secure_free(note);
    return status;
}

int cmd_step(struct cli_context *ctx, int argc, char **argv)
{
    const char *me = "step";
    const char *sub = argc >= 2 ? argv[1] : "-";
    bool set = strcmp(sub, "set") == 0;
    bool named = set || strcmp(sub, "show") == 0;
    if (!named && sub[0] != '-')
        return cli_usage_error(ctx, me, "there is no 'step %s': say show [N] or set N --status S",
                               sub);
    struct args a;
    unsigned allowed = ALLOW(OPT_JSON);
    if (set)
        allowed |= ALLOW(OPT_STATUS) | ALLOW(OPT_DATE) | ALLOW(OPT_NOTE);
    /* "step" and "step --json" are "step show": the options then start at argv[1]. */
    int status = named ? parse_args(ctx, me, argc - 1, argv + 1, allowed, 1, &a)
                       : parse_args(ctx, me, argc, argv, allowed, 0, &a);
    if (status >= 0)
        return status;
    return set ? step_set(ctx, &a) : step_show(ctx, &a);
}

/* ---- journal ----------------------------------------------------------------------------- */

/* Reads an entry's body from stdin (on a terminal, cli_read_text says how to finish it). */
static int read_body(struct cli_context *ctx, const char *me, char **body)
{
    return cli_read_text(ctx, me, body);
}

/* An entry is written in the built-in editor when stdin and stdout are both a terminal
 * curses can drive; from a pipe, a file or a script the text still comes from stdin. */
static bool editor_wanted(void)
{
    const char *term = getenv("TERM");
    return isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 && term != NULL &&
           term[0] != '\0' && strcmp(term, "dumb") != 0;
}

/* Opens the built-in editor on title and body. Returns -1 when the person saved, with the
 * title and the text in *title_out and *body_out (secure memory), else the exit status. */
static int write_entry(struct cli_context *ctx, const char *me, const char *heading,
                       const char *title, const char *body, char **title_out, char **body_out)
{
    fflush(ctx->out);
    int status = tui_edit_text(heading, title, body, title_out, body_out);
    if (status == 0)
        return -1;
    if (status == 1) {
        fprintf(ctx->err, "odaat %s: left without saving; nothing was changed\n", me);
        return CLI_EXIT_FAILURE;
    }
    return status;
}

static int journal_add(struct cli_context *ctx, int argc, char **argv)
{
    const char *me = "journal";
    struct args a;
    struct journal_entry e = {0};
    int status = parse_args(ctx, me, argc, argv, ALLOW(OPT_TITLE) | ALLOW(OPT_STEP), 0, &a);
    if (status < 0)
        status = check_short(ctx, me, "title", arg(&a, OPT_TITLE));
    if (status < 0 && arg(&a, OPT_STEP) != NULL) {
        e.has_step = true;
        status = cli_parse_int(ctx, me, "--step", arg(&a, OPT_STEP), 1, 12, &e.step);
    }
    struct app *app = NULL;
    /* The passphrase first: a wrong one must not cost an entry typed on the terminal. */
    if (status >= 0 || (status = cli_open(ctx, me, &app)) >= 0)
        return status;
    char *body = NULL, *title = NULL;
    if (editor_wanted())
        status = write_entry(ctx, me, "New journal entry", arg(&a, OPT_TITLE), NULL, &title, &body);
    else
        status = read_body(ctx, me, &body);
    if (status >= 0) {
        app_close(app);
        return status;
    }
    e.title = title != NULL ? title : (char *)(uintptr_t)arg(&a, OPT_TITLE);
    e.body = body;
    enum odaat_err err = app_journal_add(app, &e);
    crypto_secure_free(title);
    crypto_secure_free(body);
    if (err == ODAAT_ERR_NOT_FOUND)
        return USAGE_CLOSED(ctx, me, app, "there is no step %d in this programme", e.step);
    if (err == ODAAT_ERR_INVALID)
        return USAGE_CLOSED(ctx, me, app, "the entry is empty; nothing was saved");
    if (err != ODAAT_OK)
        return fail_closed(ctx, me, app, err);
    if ((status = cli_save_close(ctx, me, app)) != 0)
        return status;
    fprintf(ctx->out, "Journal entry %" PRId64 " saved.\n", e.meta.id);
    return CLI_EXIT_OK;
}

/* An entry's fields shared by list, show and search: id, local date and time, UTC times. */
static void entry_json_head(struct json_writer *w, int64_t id, const char *created_at)
{
    char time_text[MODEL_TIME_SIZE];
    int32_t day = entry_when(created_at, time_text);
    json_int(w, "id", id);
    json_date(w, "date", day);
    json_string(w, "time", time_text);
    json_string(w, "created_at", created_at);
}

static void entry_json(struct json_writer *w, const struct journal_entry *e, bool body)
{
    json_object_open(w, NULL);
    entry_json_head(w, e->meta.id, e->meta.created_at);
    json_string(w, "updated_at", e->meta.updated_at);
    json_string(w, "title", e->title);
    json_maybe_int(w, "step", e->has_step, e->step);
    json_maybe_int(w, "mood", e->has_mood, e->mood);
    if (body)
        json_string(w, "body", e->body);
    json_object_close(w);
}

static void entry_line(struct cli_context *ctx, const struct journal_entry *e)
{
    char date[DATE_ISO_SIZE], time_text[MODEL_TIME_SIZE];
    date_format(entry_when(e->meta.created_at, time_text), date);
    fprintf(ctx->out, "%4" PRId64 "  %s  ", e->meta.id, date);
    print_preview(ctx, e->title != NULL ? e->title : e->body, 60);
    if (e->has_step)
        fprintf(ctx->out, "  (step %d)", e->step);
    fputc('\n', ctx->out);
}

static int journal_list(struct cli_context *ctx, struct app *app, bool json)
{
    struct journal_entry *list = NULL;
    size_t count = 0;
    enum odaat_err err = app_journal_list(app, &list, &count);
    if (err != ODAAT_OK)
        return cli_fail(ctx, "journal", err);
    struct json_writer w;
    if (json) {
        json_begin(&w, ctx->out);
        json_array_open(&w, NULL);
        for (size_t i = 0; i < count; i++)
            entry_json(&w, &list[i], false);
        json_array_close(&w);
        json_end(&w);
    } else if (count == 0) {
        fputs("No journal entries yet: odaat journal add writes one.\n", ctx->out);
    } else {
        for (size_t i = 0; i < count; i++)
            entry_line(ctx, &list[i]);
    }
    store_journal_list_free(list, count);
    return CLI_EXIT_OK;
}

static void entry_human(struct cli_context *ctx, const struct journal_entry *e)
{
    char time_text[MODEL_TIME_SIZE], when[48];
    int32_t day = entry_when(e->meta.created_at, time_text);
    if (e->title != NULL)
        fprintf(ctx->out, "%s\n", e->title);
    fprintf(ctx->out, "%s at %s", output_date_long(day, when, sizeof when), time_text);
    if (e->has_step)
        fprintf(ctx->out, "%sstep %d", dot(ctx), e->step);
    fprintf(ctx->out, "%sentry %" PRId64 "\n\n%s\n", dot(ctx), e->meta.id, e->body);
}

static int journal_show(struct cli_context *ctx, struct app *app, int64_t id, bool json)
{
    struct journal_entry e;
    enum odaat_err err = app_journal_get(app, id, &e);
    if (err == ODAAT_ERR_NOT_FOUND)
        return cli_usage_error(ctx, "journal", "there is no journal entry %" PRId64, id);
    if (err != ODAAT_OK)
        return cli_fail(ctx, "journal", err);
    if (json) {
        struct json_writer w;
        json_begin(&w, ctx->out);
        entry_json(&w, &e, true);
        json_end(&w);
    } else {
        entry_human(ctx, &e);
    }
    store_journal_free(&e);
    return CLI_EXIT_OK;
}

static int journal_edit(struct cli_context *ctx, struct app *app, int64_t id, const char *title)
{
    const char *me = "journal";
    struct journal_entry e;
    /* Make sure the entry is there before anyone types a new body for it. */
    enum odaat_err err = app_journal_get(app, id, &e);
    if (err == ODAAT_ERR_NOT_FOUND)
        return USAGE_CLOSED(ctx, me, app, "there is no journal entry %" PRId64, id);
    if (err != ODAAT_OK)
        return fail_closed(ctx, me, app, err);
    char *body = NULL, *new_title = NULL;
    int status;
    if (editor_wanted()) {
        /* The editor starts from the entry as it is (with --title's title, when given). */
        char heading[64];
        snprintf(heading, sizeof heading, "Editing journal entry %" PRId64, id);
        status = write_entry(ctx, me, heading, title != NULL ? title : e.title, e.body, &new_title,
                             &body);
    } else {
        status = read_body(ctx, me, &body);
    }
    store_journal_free(&e);
    if (status >= 0) {
        app_close(app);
        return status;
    }
    err = app_journal_edit(app, id, new_title != NULL ? new_title : title, body);
    crypto_secure_free(new_title);
    crypto_secure_free(body);
    if (err == ODAAT_ERR_INVALID)
        return USAGE_CLOSED(ctx, me, app, "the new text is empty; the entry was left as it was");
    if (err != ODAAT_OK)
        return fail_closed(ctx, me, app, err);
    if ((status = cli_save_close(ctx, me, app)) != 0)
        return status;
    fprintf(ctx->out, "Journal entry %" PRId64 " updated.\n", id);
    return CLI_EXIT_OK;
}

/* Prints a snippet on one line with its matches in [brackets], or bold on a colour terminal. */
static void snippet_print(struct cli_context *ctx, const char *snippet)
{
    for (const char *p = snippet; *p != '\0'; p++) {
        if (*p == STORE_MATCH_OPEN[0])
            fputs(ctx->color ? "\033[1m" : "[", ctx->out);
        else if (*p == STORE_MATCH_CLOSE[0])
            fputs(ctx->color ? "\033[22m" : "]", ctx->out);
        else
            fputc(*p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p, ctx->out);
    }
}

/* Turns the match markers of a snippet into brackets, in place (for JSON). */
static void snippet_brackets(char *snippet)
{
    for (char *p = snippet; *p != '\0'; p++) {
        if (*p == STORE_MATCH_OPEN[0])
            *p = '[';
        else if (*p == STORE_MATCH_CLOSE[0])
            *p = ']';
    }
}

static void hits_print(struct cli_context *ctx, struct journal_hit *hits, size_t count, bool json)
{
    struct json_writer w;
    if (json) {
        json_begin(&w, ctx->out);
        json_array_open(&w, NULL);
    }
    for (size_t i = 0; i < count; i++) {
        if (json) {
            snippet_brackets(hits[i].snippet);
            json_object_open(&w, NULL);
            entry_json_head(&w, hits[i].id, hits[i].created_at);
            json_string(&w, "title", hits[i].title);
            json_string(&w, "snippet", hits[i].snippet);
            json_object_close(&w);
            continue;
        }
        char date[DATE_ISO_SIZE], time_text[MODEL_TIME_SIZE];
        date_format(entry_when(hits[i].created_at, time_text), date);
        fprintf(ctx->out, "%4" PRId64 "  %s%s%s\n      ", hits[i].id, date,
                hits[i].title != NULL ? "  " : "", hits[i].title != NULL ? hits[i].title : "");
        snippet_print(ctx, hits[i].snippet);
        fputc('\n', ctx->out);
    }
    if (json) {
        json_array_close(&w);
        json_end(&w);
    }
}

/* Joins the words of a query given unquoted ("called my sponsor") with single spaces. */
static char *query_join(char **words, int count)
{
    size_t len = 1;
    for (int i = 0; i < count; i++)
        len += strlen(words[i]) + 1;
    char *query = malloc(len);
    if (query == NULL)
        return NULL;
    query[0] = '\0';
    for (int i = 0; i < count; i++) {
        if (i > 0)
            strcat(query, " ");
        strcat(query, words[i]);
    }
    return query;
}

static int journal_search(struct cli_context *ctx, struct app *app, const struct args *a)
{
    char *query = query_join(a->pos, a->npos);
    if (query == NULL)
        return cli_fail(ctx, "journal", ODAAT_ERR_NOMEM);
    struct journal_hit *hits = NULL;
    size_t count = 0;
    enum odaat_err err = app_journal_search(app, query, &hits, &count);
    int status = CLI_EXIT_OK;
    if (err == ODAAT_ERR_INVALID)
        status = cli_usage_error(ctx, "journal", "journal search needs words to look for");
    else if (err != ODAAT_OK)
        status = cli_fail(ctx, "journal", err);
    else if (count == 0 && !flag(a, OPT_JSON))
        fprintf(ctx->out, "Nothing found for '%s'.\n", query);
    else
        hits_print(ctx, hits, count, flag(a, OPT_JSON));
    store_journal_hits_free(hits, count);
    free(query);
    return status;
}

/* What each journal subcommand takes: its options and its positional arguments. */
static const struct journal_sub {
    const char *name;
    unsigned allowed;
    int min_pos, max_pos; /* max -1: any number */
    const char *usage;
} journal_subs[] = {
    {"list", ALLOW(OPT_JSON), 0, 0, "journal list takes no arguments"},
    {"show", ALLOW(OPT_JSON), 1, 1, "journal show takes one ID"},
    {"edit", ALLOW(OPT_TITLE), 1, 1, "journal edit takes one ID"},
    {"rm", 0, 1, 1, "journal rm takes one ID"},
    {"search", ALLOW(OPT_JSON), 1, -1, "journal search takes the words to look for"},
};

static int journal_run(struct cli_context *ctx, const struct journal_sub *sub, const struct args *a)
{
    const char *me = "journal";
    int64_t id = 0;
    bool by_id = sub->max_pos == 1;
    int status = -1;
    if (by_id)
        status = parse_id(ctx, me, a->pos[0], &id);
    if (status < 0 && sub->allowed & ALLOW(OPT_TITLE))
        status = check_short(ctx, me, "title", arg(a, OPT_TITLE));
    if (status >= 0)
        return status;
    if (strcmp(sub->name, "rm") == 0)
        return remove_record(ctx, me, a, "journal entry", app_journal_remove);
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0)
        return status;
    if (strcmp(sub->name, "edit") == 0)
        return journal_edit(ctx, app, id, arg(a, OPT_TITLE)); /* closes app */
    if (strcmp(sub->name, "list") == 0)
        status = journal_list(ctx, app, flag(a, OPT_JSON));
    else if (strcmp(sub->name, "show") == 0)
        status = journal_show(ctx, app, id, flag(a, OPT_JSON));
    else
        status = journal_search(ctx, app, a);
    app_close(app);
    return status;
}

int cmd_journal(struct cli_context *ctx, int argc, char **argv)
{
    const char *me = "journal";
    const char *name = argc >= 2 ? argv[1] : "";
    if (strcmp(name, "add") == 0)
        return journal_add(ctx, argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof journal_subs / sizeof journal_subs[0]; i++) {
        const struct journal_sub *sub = &journal_subs[i];
        if (strcmp(name, sub->name) != 0)
            continue;
        struct args a;
        int status = parse_args(ctx, me, argc - 1, argv + 1, sub->allowed, sub->max_pos, &a);
        if (status >= 0)
            return status;
        if (a.npos < sub->min_pos)
            return cli_usage_error(ctx, me, "%s", sub->usage);
        return journal_run(ctx, sub, &a);
    }
    return no_subcommand(ctx, me, argc, argv, "add, list, show, edit, rm or search");
}

/* ---- stats ------------------------------------------------------------------------------- */

static void average_json(struct json_writer *w, const char *key, const struct app_average *avg)
{
    json_object_open(w, key);
    if (avg->count > 0)
        json_fixed(w, "average", avg->mean, 2);
    else
        json_null(w, "average");
    json_int(w, "count", (long long)avg->count);
    json_object_close(w);
}

static void stats_json(struct cli_context *ctx, const struct app_stats *s)
{
    const struct app_status *st = &s->status;
    struct json_writer w;
    json_begin(&w, ctx->out);
    json_object_open(&w, NULL);
    json_date(&w, "today", st->today);
    json_array_open(&w, "trackers");
    for (size_t i = 0; i < st->tracker_count; i++) {
        const struct app_tracker_view *v = &st->trackers[i];
        json_object_open(&w, NULL);
        json_int(&w, "id", v->tracker.meta.id);
        json_string(&w, "tracker", v->tracker.name);
        json_object_open(&w, "streaks");
        json_int(&w, "current_days", v->streaks.current_days);
        json_int(&w, "longest_days", v->streaks.longest_days);
        json_int(&w, "total_clean_days", v->streaks.total_clean_days);
        json_int(&w, "span_days", v->streaks.span_days);
        json_int(&w, "count", (long long)v->streaks.count);
        json_object_close(&w);
        json_object_close(&w);
    }
    json_array_close(&w);
    json_object_open(&w, "checkin_streak");
    json_int(&w, "current", st->checkins.current);
    json_int(&w, "longest", st->checkins.longest);
    json_int(&w, "total", (long long)st->checkins.total);
    json_object_close(&w);
    json_object_open(&w, "meetings");
    json_int(&w, "last_7", st->meetings.last_7);
    json_int(&w, "last_30", st->meetings.last_30);
    json_int(&w, "last_90", st->meetings.last_90);
    json_array_open(&w, "weeks");
    for (int i = 0; i < APP_STATS_WEEKS; i++) {
        json_object_open(&w, NULL);
        json_date(&w, "from", s->weeks[i].first);
        json_date(&w, "to", s->weeks[i].last);
        json_int(&w, "meetings", s->weeks[i].meetings);
        json_object_close(&w);
    }
    json_array_close(&w);
    json_object_close(&w);
    json_object_open(&w, "mood");
    average_json(&w, "last_30", &s->mood_30);
    average_json(&w, "last_90", &s->mood_90);
    json_object_close(&w);
    json_object_open(&w, "craving");
    average_json(&w, "last_30", &s->craving_30);
    average_json(&w, "last_90", &s->craving_90);
    json_object_close(&w);
    /* The days with a check-in among the last 26 weeks (a heatmap's data). */
    json_array_open(&w, "days");
    for (int i = 0; i < APP_STATS_DAYS; i++) {
        const struct app_day *d = &s->days[i];
        if (!d->checked_in)
            continue;
        json_object_open(&w, NULL);
        json_int(&w, "id", d->checkin_id);
        json_date(&w, "date", d->date);
        if (d->mood > 0)
            json_int(&w, "mood", d->mood);
        else
            json_null(&w, "mood");
        if (d->craving >= 0)
            json_int(&w, "craving", d->craving);
        else
            json_null(&w, "craving");
        json_object_close(&w);
    }
    json_array_close(&w);
    json_object_close(&w);
    json_end(&w);
}

/* A line of the last `days` days: one mark a day, its height the value (mood 1..5 or
 * craving 0..10), a dot for a day without one. Block characters on UTF-8, digits else. */
static void sparkline(struct cli_context *ctx, const char *label, const struct app_stats *s,
                      int days, bool mood)
{
    static const char *const blocks[] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                         "\u2585", "\u2586", "\u2587", "\u2588"};
    fprintf(ctx->out, "%-14s ", label);
    for (int i = APP_STATS_DAYS - days; i < APP_STATS_DAYS; i++) {
        const struct app_day *d = &s->days[i];
        int value = mood ? d->mood - 1 : d->craving;
        int top = mood ? 4 : 10;
        if ((mood && d->mood == 0) || (!mood && d->craving < 0)) {
            fputs(ctx->utf8 ? "\u00b7" : ".", ctx->out);
            continue;
        }
        if (ctx->utf8)
            fputs(blocks[value * 7 / top], ctx->out);
        else
            fputc('0' + value * 9 / top, ctx->out);
    }
    fputc('\n', ctx->out);
}

/* "3.5 of 5 over 30 days (4 check-ins)" */
static void average_part(struct cli_context *ctx, const struct app_average *avg, int scale,
                         int days)
{
    if (avg->count == 0)
        fprintf(ctx->out, "none in the last %d days", days);
    else
        fprintf(ctx->out, "%.1f of %d over %d days (%zu %s)", avg->mean, scale, days, avg->count,
                avg->count == 1 ? "check-in" : "check-ins");
}

static void average_human(struct cli_context *ctx, const char *label, int scale,
                          const struct app_average *a30, const struct app_average *a90)
{
    fprintf(ctx->out, "%-14s ", label);
    average_part(ctx, a30, scale, 30);
    fputs(dot(ctx), ctx->out);
    average_part(ctx, a90, scale, 90);
    fputc('\n', ctx->out);
}

static void stats_trackers_human(struct cli_context *ctx, const struct app_status *st)
{
    char now[32], longest[32], total[32], span[32];
    fputs("Clean time\n", ctx->out);
    for (size_t i = 0; i < st->tracker_count; i++) {
        const struct stats_streaks *s = &st->trackers[i].streaks;
        fprintf(ctx->out, "  %-12s %s %s now%slongest %s%s%s of %s days clean%s%zu %s\n",
                st->trackers[i].tracker.name, output_count(s->current_days, now, sizeof now),
                s->current_days == 1 ? "day" : "days", dot(ctx),
                output_count(s->longest_days, longest, sizeof longest), dot(ctx),
                output_count(s->total_clean_days, total, sizeof total),
                output_count(s->span_days, span, sizeof span), dot(ctx), s->count,
                s->count == 1 ? "streak" : "streaks");
    }
    if (st->tracker_count == 0)
        fputs("  no trackers yet\n", ctx->out);
}

static void stats_human(struct cli_context *ctx, const struct app_stats *s)
{
    const struct app_status *st = &s->status;
    stats_trackers_human(ctx, st);
    fprintf(ctx->out, "%-14s %d %s in a row%slongest %d%s%zu in all\n", "Check-ins",
            st->checkins.current, st->checkins.current == 1 ? "day" : "days", dot(ctx),
            st->checkins.longest, dot(ctx), st->checkins.total);
    fprintf(ctx->out, "%-14s %d in the last 7 days%s%d in 30%s%d in 90\n", "Meetings",
            st->meetings.last_7, dot(ctx), st->meetings.last_30, dot(ctx), st->meetings.last_90);
    fputs("  per week, the last ending today:\n", ctx->out);
    for (int i = 0; i < APP_STATS_WEEKS; i++) {
        char from[DATE_ISO_SIZE], to[DATE_ISO_SIZE];
        fprintf(ctx->out, "  %s to %s  %3d%s", date_format(s->weeks[i].first, from),
                date_format(s->weeks[i].last, to), s->weeks[i].meetings,
                s->weeks[i].meetings > 0 ? "  " : "");
        for (int m = 0; m < s->weeks[i].meetings && m < 40; m++)
            fputc('#', ctx->out);
        fputc('\n', ctx->out);
    }
    average_human(ctx, "Mood", 5, &s->mood_30, &s->mood_90);
    sparkline(ctx, "  30 days", s, 30, true);
    average_human(ctx, "Craving", 10, &s->craving_30, &s->craving_90);
    sparkline(ctx, "  30 days", s, 30, false);
}

int cmd_stats(struct cli_context *ctx, int argc, char **argv)
{
    const char *me = "stats";
    struct args a;
    int status = parse_args(ctx, me, argc, argv, ALLOW(OPT_JSON), 0, &a);
    if (status >= 0)
        return status;
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0)
        return status;
    struct app_stats s;
    enum odaat_err err = app_stats_get(app, &s);
    if (err != ODAAT_OK)
        return fail_closed(ctx, me, app, err);
    if (flag(&a, OPT_JSON))
        stats_json(ctx, &s);
    else
        stats_human(ctx, &s);
    app_stats_free(&s);
    app_close(app);
    return CLI_EXIT_OK;
}

/* ---- contact ----------------------------------------------------------------------------- */

static int contact_add(struct cli_context *ctx, int argc, char **argv)
{
    const char *me = "contact";
    struct args a;
    struct contact c = {.role = APP_CONTACT_ROLE_DEFAULT};
    char typed[APP_SHORT_TEXT_MAX + 2];
    const char *role = NULL;
    char *note = NULL;
    unsigned allowed = ALLOW(OPT_ROLE) | ALLOW(OPT_PHONE) | ALLOW(OPT_NOTE);
    int status = parse_args(ctx, me, argc, argv, allowed, 1, &a);
    const char *name = status < 0 && a.npos == 1 ? a.pos[0] : NULL;
    if (status < 0 && name == NULL) {
        status = cli_ask_line(ctx, me, "NAME", "Name: ", typed, sizeof typed);
        name = typed;
    }
    if (status < 0 && (role = arg(&a, OPT_ROLE)) != NULL && !app_contact_role_parse(role, &c.role))
        status = cli_usage_error(ctx, me,
                                 "--role takes sponsor, friend, helpline or other, not '%s'", role);
    if (status < 0)
        status = check_short(ctx, me, "phone", arg(&a, OPT_PHONE));
    if (status < 0)
        status = read_note(ctx, me, &a, &note);
    struct app *app = NULL;
    if (status < 0 && (status = cli_open(ctx, me, &app)) < 0) {
        c.name = (char *)(uintptr_t)name;
        c.phone = (char *)(uintptr_t)arg(&a, OPT_PHONE);
        c.note = note;
        enum odaat_err err = app_contact_add(app, &c);
        if (err == ODAAT_ERR_INVALID)
            status =
                USAGE_CLOSED(ctx, me, app, "a contact needs a name of one line, at most %d bytes",
                             APP_SHORT_TEXT_MAX);
        else if (err != ODAAT_OK)
            status = fail_closed(ctx, me, app, err);
        else if ((status = cli_save_close(ctx, me, app)) == 0)
            fprintf(ctx->out, "Contact %" PRId64 " added: %s (%s).\n", c.meta.id, name,
                    app_contact_role_word(c.role));
    }
    crypto_secure_free(note);
    return status;
}

static int contact_list(struct cli_context *ctx, bool json)
{
    const char *me = "contact";
    struct app *app = NULL;
    int status = cli_open(ctx, me, &app);
    if (status >= 0)
        return status;
    struct contact *list = NULL;
    size_t count = 0;
    enum odaat_err err = app_contact_list(app, &list, &count);
    if (err != ODAAT_OK)
        return fail_closed(ctx, me, app, err);
    struct json_writer w;
    if (json) {
        json_begin(&w, ctx->out);
        json_array_open(&w, NULL);
    } else if (count == 0) {
        fputs("No contacts yet: odaat contact add NAME --role sponsor --phone NUMBER\n", ctx->out);
    }
    for (size_t i = 0; i < count; i++) {
        const struct contact *c = &list[i];
        if (!json) {
            fprintf(ctx->out, "%4" PRId64 "  %-8s  %s%s%s\n", c->meta.id,
                    app_contact_role_word(c->role), c->name, c->phone ? dot(ctx) : "",
                    c->phone ? c->phone : "");
            continue;
        }
        json_object_open(&w, NULL);
        json_int(&w, "id", c->meta.id);
        json_string(&w, "name", c->name);
        json_string(&w, "role", app_contact_role_word(c->role));
        json_string(&w, "phone", c->phone);
        json_string(&w, "note", c->note);
        json_object_close(&w);
    }
    if (json) {
        json_array_close(&w);
        json_end(&w);
    }
    store_contact_list_free(list, count);
    app_close(app);
    return CLI_EXIT_OK;
}

int cmd_contact(struct cli_context *ctx, int argc, char **argv)
{
    const char *me = "contact";
    const char *sub = argc >= 2 ? argv[1] : "";
    if (strcmp(sub, "add") == 0)
        return contact_add(ctx, argc - 1, argv + 1);
    bool list = strcmp(sub, "list") == 0;
    if (!list && strcmp(sub, "rm") != 0)
        return no_subcommand(ctx, me, argc, argv, "add, list or rm");
    struct args a;
    int status =
        parse_args(ctx, me, argc - 1, argv + 1, list ? ALLOW(OPT_JSON) : 0, list ? 0 : 1, &a);
    if (status >= 0)
        return status;
    return list ? contact_list(ctx, flag(&a, OPT_JSON))
                : remove_record(ctx, me, &a, "contact", app_contact_remove);
}
