/*
 * cmd_tui: the commands that lead to the full-screen interface: odaat with no command on a
 * terminal, `demo`, and `keys` (the interface's key table, as the `?` screens show it).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "odaat/cli.h"
#include "odaat/tui.h"

/* The key script's variable: for tests and for recording screens (docs/design.md). */
static const char *script_path(void)
{
    const char *path = getenv("ODAAT_TUI_SCRIPT");
    return path != NULL && path[0] != '\0' ? path : NULL;
}

bool cli_tui_wanted(void)
{
    return script_path() != NULL || (isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1);
}

int cli_run_tui(struct cli_context *ctx, bool demo)
{
    struct tui_options opts = {
        .data_dir = ctx->data_dir,
        .today_override = ctx->today_override,
        .passphrase_fd = demo ? -1 : ctx->passphrase_fd,
        .demo = demo,
        .script = script_path(),
    };
    fflush(ctx->out);
    return tui_main(&opts);
}

/* Parses a command that takes no options but the global ones and --help. */
static int no_options(struct cli_context *ctx, const char *me, int argc, char **argv)
{
    static const struct option options[] = {
        {"help", no_argument, NULL, 'h'},
        CLI_GLOBAL_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    int c, status;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if ((status = cli_common_option(ctx, me, c, argv)) >= 0)
            return status;
    }
    if (optind < argc)
        return cli_usage_error(ctx, me, "unexpected argument '%s'", argv[optind]);
    return -1;
}

int cmd_demo(struct cli_context *ctx, int argc, char **argv)
{
    int status = no_options(ctx, argv[0], argc, argv);
    if (status >= 0)
        return status;
    return cli_run_tui(ctx, true);
}

int cmd_keys(struct cli_context *ctx, int argc, char **argv)
{
    int status = no_options(ctx, argv[0], argc, argv);
    if (status >= 0)
        return status;
    tui_keys_print(ctx->out);
    return CLI_EXIT_OK;
}
