/*
 * cli: the command line. Translates arguments into calls on the core (and, later, the app
 * layer) and results into text or JSON. Holds no counting rule of its own; every command,
 * with its help text, is one row of the command table in cli.c, so --help, `odaat help
 * COMMAND` and the command list can never disagree.
 */
#ifndef ODAAT_CLI_H
#define ODAAT_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "odaat/milestone.h"
#include "odaat/output.h"
#include "odaat/stats.h"

/* Exit codes of the command-line contract (docs/cli.md). */
enum cli_exit {
    CLI_EXIT_OK = 0,
    CLI_EXIT_FAILURE = 1,
    CLI_EXIT_USAGE = 2,
};

/* Long-option values shared by every command's option table, so global options work after
 * the command name as well as before it. */
enum cli_global_opt {
    CLI_OPT_TODAY = 1000,
    CLI_OPT_DATA_DIR,
    CLI_OPT_PASSPHRASE_FD,
};

/* clang-format off */
#define CLI_GLOBAL_LONG_OPTIONS                                                                    \
    {"today", required_argument, NULL, CLI_OPT_TODAY},                                             \
    {"data-dir", required_argument, NULL, CLI_OPT_DATA_DIR},                                       \
    {"passphrase-fd", required_argument, NULL, CLI_OPT_PASSPHRASE_FD}
/* clang-format on */

/* What every command receives: the global options. */
struct cli_context {
    const char *today_override; /* the --today argument, or NULL */
    const char *data_dir;       /* the --data-dir argument, or NULL */
    int passphrase_fd;          /* --passphrase-fd, or -1: ask on the terminal */
    FILE *out;
    FILE *err;
    bool color; /* stdout is a terminal, NO_COLOR is unset and TERM is not "dumb" */
    bool utf8;  /* the locale's character set is UTF-8 */
};

struct cli_command {
    const char *name;
    const char *synopsis; /* options after the name, for usage lines */
    const char *summary;  /* one line for the command list */
    const char *help;     /* the options explained, one per line */
    int (*run)(struct cli_context *ctx, int argc, char **argv);
};

/* Runs odaat's command line; returns the process exit code. */
int cli_main(int argc, char **argv);

/* Returns the command called name, or NULL. */
const struct cli_command *cli_command_find(const char *name);

/* Writes a command's full help (usage line, summary, options) to out. */
void cli_command_help(const struct cli_command *cmd, FILE *out);

/* Reports a usage error for cmd (NULL: the program) as one line on stderr; returns
 * CLI_EXIT_USAGE. fmt is printf-style. */
int cli_usage_error(const struct cli_context *ctx, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Takes a global option met among a command's options (c is getopt's value); returns -1
 * when it was one and is fine, an exit code after a usage error, 0 when c is not global. */
int cli_global_option(struct cli_context *ctx, const char *cmd, int c, const char *arg);

/* Reads a secret (a passphrase or a recovery code) after prompt: one line from
 * --passphrase-fd, else from the terminal with echo off. *out is secure memory (free with
 * crypto_secure_free). Returns -1 on success or an exit code after reporting the error. */
int cli_read_secret(struct cli_context *ctx, const char *cmd, const char *prompt, char **out,
                    size_t *len);

/* Asks for a missing required value on a terminal (prompt on stdout, answer from stdin);
 * without a terminal, a usage error naming what. Returns -1 when buf holds an answer. */
int cli_ask_line(struct cli_context *ctx, const char *cmd, const char *what, const char *prompt,
                 char *buf, size_t size);

/* Reads all of stdin (free text: never from argv) into *out, secure memory freed with
 * crypto_secure_free; trailing newlines are dropped. Returns -1 or an exit code. */
int cli_read_text(struct cli_context *ctx, const char *cmd, char **out);

/* Handles, inside a command's getopt loop, what every command shares: a global option,
 * --help, a missing value, an unknown option. Returns -1 to go on or an exit code. */
int cli_common_option(struct cli_context *ctx, const char *cmd, int c, char **argv);

/* Parses a whole number from lo to hi given for name; -1 or an exit code (usage). */
int cli_parse_int(struct cli_context *ctx, const char *cmd, const char *name, const char *text,
                  int lo, int hi, int *out);

/* Checks a date given for option name now, so a bad date is a usage error before any prompt;
 * -1 or an exit code. */
int cli_check_date(struct cli_context *ctx, const char *cmd, const char *name, const char *text);

/* Reports err for cmd as one line on stderr and returns its exit code. */
int cli_fail(struct cli_context *ctx, const char *cmd, enum odaat_err err);

/* Resolves the data folder, asks for the passphrase and opens the store into *app. Returns
 * -1 on success or an exit code after reporting the error. */
struct app;
int cli_open(struct cli_context *ctx, const char *cmd, struct app **app);

/* Saves and closes app; returns 0, or the exit code after reporting NOT SAVED. */
int cli_save_close(struct cli_context *ctx, const char *cmd, struct app *app);

/* Resolves the day that counts (from --today or the clock) into *today; returns -1 to go
 * on, or the exit code after reporting the error. */
int cli_today(struct cli_context *ctx, const char *cmd, int32_t *today);

/* One tracker's clean time as milestones and status print it. */
struct cli_tracker {
    const char *name; /* NULL when computed from options alone */
    const char *preset;
    enum milestone_date_is date_is;
    const struct milestone_report *report;
    const struct stats_streaks *streaks;
};

/* Writes a tracker as the JSON object of the contract (docs/cli.md), under key. */
void cli_tracker_json(struct json_writer *w, const char *key, const struct cli_tracker *t);

/* Writes a tracker for people: clean since, days and duration, the ladder, the next rung. */
void cli_tracker_human(struct cli_context *ctx, const struct cli_tracker *t);

/* The commands. argv[0] is the command's name; getopt state is reset before each call. */
int cmd_milestones(struct cli_context *ctx, int argc, char **argv);
int cmd_init(struct cli_context *ctx, int argc, char **argv);
int cmd_status(struct cli_context *ctx, int argc, char **argv);
int cmd_days(struct cli_context *ctx, int argc, char **argv);
int cmd_checkin(struct cli_context *ctx, int argc, char **argv);
int cmd_checkins(struct cli_context *ctx, int argc, char **argv);
int cmd_meeting(struct cli_context *ctx, int argc, char **argv);
int cmd_step(struct cli_context *ctx, int argc, char **argv);
int cmd_journal(struct cli_context *ctx, int argc, char **argv);
int cmd_tracker(struct cli_context *ctx, int argc, char **argv);
int cmd_relapse(struct cli_context *ctx, int argc, char **argv);
int cmd_stats(struct cli_context *ctx, int argc, char **argv);
int cmd_contact(struct cli_context *ctx, int argc, char **argv);
int cmd_passwd(struct cli_context *ctx, int argc, char **argv);
int cmd_recover(struct cli_context *ctx, int argc, char **argv);
int cmd_backup(struct cli_context *ctx, int argc, char **argv);
int cmd_export(struct cli_context *ctx, int argc, char **argv);
int cmd_settings(struct cli_context *ctx, int argc, char **argv);
int cmd_ladder(struct cli_context *ctx, int argc, char **argv);
int cmd_import(struct cli_context *ctx, int argc, char **argv);
int cmd_demo(struct cli_context *ctx, int argc, char **argv);
int cmd_keys(struct cli_context *ctx, int argc, char **argv);

/* True when odaat without a command should start the full-screen interface: standard input
 * and output are terminals, or a key script is given (ODAAT_TUI_SCRIPT). */
bool cli_tui_wanted(void);

/* Starts the full-screen interface with the global options (demo: over sample data). */
int cli_run_tui(struct cli_context *ctx, bool demo);

#endif
