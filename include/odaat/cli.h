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
};

#define CLI_GLOBAL_LONG_OPTIONS                                                                    \
    {                                                                                              \
        "today", required_argument, NULL, CLI_OPT_TODAY                                            \
    }

/* What every command receives: the global options. */
struct cli_context {
    const char *today_override; /* the --today argument, or NULL */
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

/* Resolves the day that counts (from --today or the clock) into *today; returns -1 to go
 * on, or the exit code after reporting the error. */
int cli_today(struct cli_context *ctx, const char *cmd, int32_t *today);

/* The commands. argv[0] is the command's name; getopt state is reset before each call. */
int cmd_milestones(struct cli_context *ctx, int argc, char **argv);

#endif
