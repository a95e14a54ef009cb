/*
 * cli: global options, the command table, help and version. Commands live in cmd_*.c; this
 * file only dispatches. Nothing here prints a result: commands do, errors go to stderr as
 * one line each.
 */
#include "odaat/cli.h"

#include <getopt.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "odaat/clock.h"

#ifndef ODAAT_VERSION
#define ODAAT_VERSION "unknown"
#endif

/* Synopses are written for the 80-column terminal: "Usage: odaat NAME " then the first line,
 * and continuation lines indented nine spaces (test_docs.sh checks the width). */
static const struct cli_command commands[] = {
    {
        "init",
        "[--clean-date D] [--tracker NAME]\n"
        "         [--program ca|aa|na|smart|other]\n"
        "         [--date-is first-clean-day|last-use-day]\n"
        "         [--kdf interactive|moderate|sensitive]",
        "create your encrypted store and show its recovery code",
        "  --clean-date D     your clean date, YYYY-MM-DD (asked for on a terminal)\n"
        "  --tracker NAME     what you are staying away from (default: clean time)\n"
        "  --program NAME     ca (the default), aa, na, smart or other\n"
        "  --date-is WHICH    first-clean-day (the default) or last-use-day\n"
        "  --kdf PROFILE      how hard the passphrase is to guess: interactive, moderate\n"
        "                     (the default) or sensitive\n"
        "  The passphrase is asked twice on the terminal, or read once from\n"
        "  --passphrase-fd. The recovery code is shown once: write it down.\n"
        "  -h, --help         show this help\n",
        cmd_init,
    },
    {
        "status",
        "[--json]",
        "clean time per tracker, today's check-in, meetings, current step",
        "  --json             print JSON (the keys are in docs/cli.md)\n"
        "  -h, --help         show this help\n",
        cmd_status,
    },
    {
        "days",
        "[TRACKER]",
        "one line for a prompt or status bar, e.g. \"412 days\"",
        "  TRACKER            which tracker (default: the first)\n"
        "  -h, --help         show this help\n",
        cmd_days,
    },
    {
        "checkin",
        "[--date D] [--mood 1-5] [--craving 0-10] [--trigger TAG]...\n"
        "         [--note-stdin]",
        "today's check-in; a second one for the same day updates it",
        "  --date D           the day (default today; not after today)\n"
        "  --mood N           1 awful, 2 low, 3 okay, 4 good, 5 great\n"
        "  --craving N        0 (none) to 10\n"
        "  --trigger TAG      a trigger, as often as needed\n"
        "  --note-stdin       read a note from standard input\n"
        "  -h, --help         show this help\n",
        cmd_checkin,
    },
    {
        "checkins",
        "[--from D] [--to D] [--json]",
        "your check-ins, oldest first",
        "  --from D           from D on (default: the first)\n"
        "  --to D             up to D (default: the last)\n"
        "  --json             print JSON: an array of check-ins, each with its id\n"
        "  -h, --help         show this help\n",
        cmd_checkins,
    },
    {
        "meeting",
        "add [--date D] [--time HH:MM] [--fellowship NAME]\n"
        "                 [--name TEXT] [--format in-person|online|phone]\n"
        "                 [--location TEXT] [--role attended|shared|chaired|service]\n"
        "                 [--note-stdin] | list [--from D] [--to D] [--json] | rm ID",
        "log the meetings you go to",
        "  add                log a meeting\n"
        "    --date D         the day (default today; not after today)\n"
        "    --time HH:MM     when it started\n"
        "    --fellowship N   CA, AA, NA ... (default: your programme's, from init)\n"
        "    --name TEXT      the meeting's name\n"
        "    --format F       in-person, online or phone\n"
        "    --location TEXT  where it was held\n"
        "    --role R         attended (the default), shared, chaired or service\n"
        "    --note-stdin     read a note from standard input\n"
        "  list               the meetings from --from D to --to D, oldest first\n"
        "  rm ID              delete meeting ID (the ID that list shows)\n"
        "  --json             print JSON (list)\n"
        "  -h, --help         show this help\n",
        cmd_meeting,
    },
    {
        "step",
        "[show [N] | set N --status not-started|working|done\n"
        "                 [--date D] [--note-stdin]] [--json]",
        "where you stand on each step of your programme",
        "  show               every step: status, dates, principle (the default)\n"
        "  show N             step N, with its note\n"
        "  set N              change step N:\n"
        "    --status S       not-started, working or done (asked for on a terminal)\n"
        "    --date D         the day you started (working) or finished (done);\n"
        "                     default today\n"
        "    --note-stdin     read a note for the step from standard input\n"
        "  --json             print JSON\n"
        "  SMART Recovery's four points take the place of the twelve steps when your\n"
        "  programme is smart.\n"
        "  -h, --help         show this help\n",
        cmd_step,
    },
    {
        "journal",
        "add [--title TEXT] [--step N] | list [--json]\n"
        "                 | show ID [--json] | edit ID [--title TEXT] | rm ID\n"
        "                 | search QUERY [--json]",
        "your journal, encrypted like everything else",
        "  add                write an entry: on a terminal in the built-in editor\n"
        "                     (Ctrl-S saves, Esc leaves), else from standard input\n"
        "    --title TEXT     a title\n"
        "    --step N         step work: the entry belongs to step N\n"
        "  list               every entry, newest first, with its ID\n"
        "  show ID            one entry in full\n"
        "  edit ID            change entry ID in the editor, or replace its text with\n"
        "                     standard input; --title TEXT gives it a new title\n"
        "  rm ID              delete entry ID\n"
        "  search QUERY       entries holding QUERY (parts of words too, in any script),\n"
        "                     the matches shown in [brackets]\n"
        "  --json             print JSON (list, show, search)\n"
        "  -h, --help         show this help\n",
        cmd_journal,
    },
    {
        "tracker",
        "add NAME [--clean-date D] [--preset ca|aa|na|smart|none]\n"
        "         [--date-is WHICH] | list [--json] | rename OLD NEW | archive NAME\n"
        "         | date-is NAME first-clean-day|last-use-day",
        "what you stay away from, each with its own clean time",
        "  add NAME           start tracking NAME from --clean-date (asked for on a\n"
        "                     terminal)\n"
        "  list               every tracker\n"
        "  rename OLD NEW     give a tracker a new name\n"
        "  archive NAME       stop showing a tracker; its history is kept\n"
        "  date-is NAME WHICH what the tracker's date means: first-clean-day or\n"
        "                     last-use-day (the current streak moves a day)\n"
        "  -h, --help         show this help\n",
        cmd_tracker,
    },
    {
        "relapse",
        "[TRACKER] [--date D] [--restart D] [--note-stdin]",
        "start again after a slip; every day before is kept",
        "  TRACKER            which tracker (default: the first)\n"
        "  --date D           the day of use (default today)\n"
        "  --restart D        the new first clean day (default the day after)\n"
        "  --note-stdin       read a note for the closed streak from standard input\n"
        "  -h, --help         show this help\n",
        cmd_relapse,
    },
    {
        "milestones",
        "[TRACKER] [--json]\n"
        "         | --clean-date D [--preset ca|aa|na|smart|none] [--extras]\n"
        "           [--date-is first-clean-day|last-use-day] [--json]",
        "clean time and the milestone ladder",
        "  TRACKER            which tracker of your store (default: the first)\n"
        "  --clean-date D     count from D instead, without opening the store\n"
        "  --date-is WHICH    first-clean-day (the default): D is the first clean day;\n"
        "                     last-use-day: D is the last day of use, so the first clean\n"
        "                     day is the day after\n"
        "  --preset NAME      the milestone ladder: ca (the default), aa, na, smart, none\n"
        "  --extras           add round numbers of days: 100, 200, 500, 1,000, then every\n"
        "                     1,000\n"
        "  --json             print JSON (the keys are in docs/cli.md)\n"
        "  --today D          count as if today were D\n"
        "  -h, --help         show this help\n",
        cmd_milestones,
    },
    {
        "stats",
        "[--json]",
        "streaks, check-ins, meetings per week, mood and craving averages",
        "  Clean time per tracker (current, longest, total), check-in streaks, meetings\n"
        "  in the last 7, 30 and 90 days and in each of the last 12 weeks (seven days\n"
        "  each, the last ending today), and mood and craving averages over 30 and 90\n"
        "  days.\n"
        "  --json             print JSON\n"
        "  -h, --help         show this help\n",
        cmd_stats,
    },
    {
        "contact",
        "add NAME [--role sponsor|friend|helpline|other]\n"
        "                 [--phone TEXT] [--note-stdin] | list [--json] | rm ID",
        "the people to call when it gets hard",
        "  add NAME           add a person (NAME is asked for on a terminal)\n"
        "    --role R         sponsor, friend, helpline or other (the default)\n"
        "    --phone TEXT     their number\n"
        "    --note-stdin     read a note from standard input\n"
        "  list               every contact, with its ID\n"
        "  rm ID              delete contact ID\n"
        "  --json             print JSON (list)\n"
        "  -h, --help         show this help\n",
        cmd_contact,
    },
    {
        "ladder",
        "[--tracker NAME] [--json]\n"
        "         [show | add UNIT COUNT [--label TEXT] | rm UNIT COUNT | reset]",
        "show or change a tracker's milestone ladder",
        "  --tracker NAME     which tracker (default: the first)\n"
        "  show               the rungs (the default)\n"
        "  add UNIT COUNT     add a rung (UNIT: hours, days, months, years), or rename\n"
        "                     one with --label TEXT\n"
        "  rm UNIT COUNT      take a rung off\n"
        "  reset              go back to the preset's ladder\n"
        "  --json             print JSON\n"
        "  -h, --help         show this help\n",
        cmd_ladder,
    },
    {
        "settings",
        "[KEY [VALUE]] [--json]",
        "show or change a setting",
        "  (no KEY)           every setting\n"
        "  program            ca, aa, na, smart or other (steps and meeting defaults)\n"
        "  day_boundary_hour  0 to 12: a check-in before this hour counts for the day\n"
        "                     before (0: midnight)\n"
        "  idle_lock_minutes  1 to 1440: the full-screen interface locks after this long\n"
        "  --json             print JSON\n"
        "  -h, --help         show this help\n",
        cmd_settings,
    },
    {
        "export",
        "--format json|csv|md",
        "everything in the store, to standard output",
        "  --format json      odaat's own document (what import reads back)\n"
        "  --format csv       one section per record type\n"
        "  --format md        a readable document, for a sponsor or for paper\n"
        "  -h, --help         show this help\n",
        cmd_export,
    },
    {
        "import",
        "FILE [--kdf interactive|moderate|sensitive]",
        "odaat's JSON export into this store (newer records win)",
        "  FILE               a document written by export --format json; records are\n"
        "                     matched by their uuid and the newer one is kept; a document\n"
        "                     with any problem imports nothing\n"
        "  Where there is no store yet, import creates one holding exactly the export (a\n"
        "  new passphrase is asked for, and a new recovery code shown); --kdf is then its\n"
        "  profile, as for init.\n"
        "  -h, --help         show this help\n",
        cmd_import,
    },
    {
        "passwd",
        "",
        "change the passphrase",
        "  Asks for the current passphrase, then the new one twice (or reads them,\n"
        "  one a line, from --passphrase-fd).\n"
        "  -h, --help         show this help\n",
        cmd_passwd,
    },
    {
        "recover",
        "",
        "set a new passphrase with the recovery code",
        "  Asks for the recovery code, then the new passphrase twice (or reads them,\n"
        "  one a line, from --passphrase-fd).\n"
        "  -h, --help         show this help\n",
        cmd_recover,
    },
    {
        "backup",
        "list [--json] | restore N",
        "the store's backup generations, and restoring one",
        "  list               the backups, newest first, numbered\n"
        "  restore N          make backup N the store again (the current state is kept\n"
        "                     as a backup)\n"
        "  -h, --help         show this help\n",
        cmd_backup,
    },
    {
        "demo",
        "",
        "the full-screen interface over sample data, in memory only",
        "  Every screen works; changes live in memory and are gone on quit.\n"
        "  -h, --help         show this help\n",
        cmd_demo,
    },
    {
        "keys",
        "",
        "the keys of the full-screen interface, screen by screen",
        "  Run odaat with no command on a terminal to start the full-screen interface.\n"
        "  -h, --help         show this help\n",
        cmd_keys,
    },
};

#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

const struct cli_command *cli_command_find(const char *name)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    }
    return NULL;
}

void cli_command_help(const struct cli_command *cmd, FILE *out)
{
    fprintf(out, "Usage: odaat %s %s\n\nodaat %s: %s.\n\n%s", cmd->name, cmd->synopsis, cmd->name,
            cmd->summary, cmd->help);
}

static void program_help(FILE *out)
{
    fputs("Usage: odaat [GLOBAL OPTIONS] COMMAND [ARGS]\n"
          "\n"
          "odaat keeps count of clean time, one day at a time.\n"
          "\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fputs("  help         help for a command: odaat help COMMAND\n"
          "\n"
          "Global options (before or after the command):\n"
          "  -d, --data-dir DIR the store's folder (else $ODAAT_HOME, $XDG_DATA_HOME/odaat,\n"
          "                     ~/.local/share/odaat)\n"
          "  --passphrase-fd N  read the passphrase from file descriptor N (one line)\n"
          "  --today D          count as if today were D (YYYY-MM-DD or YYYY-MM-DDTHH:MM)\n"
          "  -h, --help         show this help\n"
          "  -V, --version      show the version\n"
          "\n"
          "Exit codes: 0 ok, 1 failure, 2 usage error, 3 wrong passphrase, 4 damaged store,\n"
          "5 store open in another odaat, 6 not saved.\n"
          "\n"
          "Example: odaat milestones --clean-date 2025-01-31\n",
          out);
}

int cli_usage_error(const struct cli_context *ctx, const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(ctx->err, cmd ? "odaat %s: " : "odaat: ", cmd);
    va_start(ap, fmt);
    vfprintf(ctx->err, fmt, ap);
    va_end(ap);
    if (cmd)
        fprintf(ctx->err, " (see 'odaat %s --help')\n", cmd);
    else
        fputs(" (see 'odaat --help')\n", ctx->err);
    return CLI_EXIT_USAGE;
}

static bool want_color(void)
{
    const char *no_color = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    if (no_color != NULL && no_color[0] != '\0')
        return false;
    if (term == NULL || strcmp(term, "dumb") == 0)
        return false;
    return isatty(STDOUT_FILENO) == 1;
}

static int run_help(struct cli_context *ctx, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        program_help(ctx->out);
        return CLI_EXIT_OK;
    }
    if (argc > 2)
        return cli_usage_error(ctx, "help", "takes one command name, not %d", argc - 1);
    const struct cli_command *cmd = cli_command_find(argv[1]);
    if (cmd == NULL)
        return cli_usage_error(ctx, NULL, "there is no command '%s'", argv[1]);
    cli_command_help(cmd, ctx->out);
    return CLI_EXIT_OK;
}

/* Parses the global options; returns -1 to go on, or an exit code to stop with. */
static int parse_globals(struct cli_context *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        CLI_GLOBAL_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    /* '+': stop at the command name, so its own options are left for it. */
    while ((c = getopt_long(argc, argv, "+:hVd:", options, NULL)) != -1) {
        int status = cli_global_option(ctx, NULL, c == 'd' ? CLI_OPT_DATA_DIR : c, optarg);
        if (status > 0)
            return status;
        if (status == -1)
            continue;
        switch (c) {
        case 'h':
            program_help(ctx->out);
            return CLI_EXIT_OK;
        case 'V':
            fprintf(ctx->out, "odaat %s\n", ODAAT_VERSION);
            return CLI_EXIT_OK;
        case ':':
            return cli_usage_error(ctx, NULL, "%s needs a value", argv[optind - 1]);
        default:
            return cli_usage_error(ctx, NULL, "unknown option '%s'", argv[optind - 1]);
        }
    }
    return -1;
}

int cli_today(struct cli_context *ctx, const char *cmd, int32_t *today)
{
    enum odaat_err err = clock_today(ctx->today_override, 0, today);
    if (err == ODAAT_OK)
        return -1;
    if (ctx->today_override != NULL)
        return cli_usage_error(ctx, cmd, "--today %s: %s", ctx->today_override,
                               odaat_err_message(err));
    fprintf(ctx->err, "odaat %s: %s\n", cmd, odaat_err_message(err));
    return odaat_err_exit_code(err);
}

int cli_main(int argc, char **argv)
{
    struct cli_context ctx = {
        .passphrase_fd = -1,
        .out = stdout,
        .err = stderr,
        .color = want_color(),
    };
    const char *codeset = nl_langinfo(CODESET);
    ctx.utf8 = codeset != NULL && strcmp(codeset, "UTF-8") == 0;

    int status = parse_globals(&ctx, argc, argv);
    if (status >= 0)
        return status;
    if (optind >= argc) {
        /* No command: the full-screen interface on a terminal, the overview elsewhere. */
        if (cli_tui_wanted())
            return cli_run_tui(&ctx, false);
        program_help(ctx.out);
        return CLI_EXIT_OK;
    }
    char **cmd_argv = argv + optind;
    int cmd_argc = argc - optind;
    if (strcmp(cmd_argv[0], "help") == 0)
        return run_help(&ctx, cmd_argc, cmd_argv);
    const struct cli_command *cmd = cli_command_find(cmd_argv[0]);
    if (cmd == NULL)
        return cli_usage_error(&ctx, NULL, "there is no command '%s'", cmd_argv[0]);
    optind = 0; /* glibc: 0 also resets getopt's internal state for the command's options */
    status = cmd->run(&ctx, cmd_argc, cmd_argv);
    if (fflush(ctx.out) != 0 || ferror(ctx.out)) {
        fputs("odaat: could not write the output\n", ctx.err);
        return CLI_EXIT_FAILURE;
    }
    return status;
}
