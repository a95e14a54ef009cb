/*
 * cmd_exchange: `export --format json|csv|md` to standard output and `import FILE` (odaat's
 * own JSON export). An import that finds any problem imports nothing and names the record.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/app.h"
#include "odaat/cli.h"
#include "odaat/crypto.h"
#include "odaat/exchange.h"

/* The largest document import reads: fifty years of daily use is well under this. */
#define IMPORT_MAX (512L * 1024 * 1024)

int cmd_export(struct cli_context *ctx, int argc, char **argv)
{
    enum { OPT_FORMAT = 256 };
    static const struct option options[] = {
        {"format", required_argument, NULL, OPT_FORMAT},
        {"help", no_argument, NULL, 'h'},
        CLI_GLOBAL_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *me = "export";
    const char *format_name = NULL;
    int c, status;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (c == OPT_FORMAT) {
            format_name = optarg;
            continue;
        }
        if ((status = cli_global_option(ctx, me, c, optarg)) != 0) {
            if (status > 0)
                return status;
            continue;
        }
        if (c == 'h') {
            cli_command_help(cli_command_find(me), ctx->out);
            return CLI_EXIT_OK;
        }
        return c == ':' ? cli_usage_error(ctx, me, "%s needs a value", argv[optind - 1])
                        : cli_usage_error(ctx, me, "unknown option '%s'", argv[optind - 1]);
    }
    if (optind < argc)
        return cli_usage_error(ctx, me, "unexpected argument '%s'", argv[optind]);
    enum app_export_format format;
    if (format_name == NULL)
        return cli_usage_error(ctx, me, "--format is required: json, csv or md");
    if (!app_export_format_parse(format_name, &format))
        return cli_usage_error(ctx, me, "--format takes json, csv or md, not '%s'", format_name);
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0)
        return status;
    char *text = NULL;
    enum odaat_err err = app_export(app, format, &text);
    app_close(app);
    if (err != ODAAT_OK)
        return cli_fail(ctx, me, err);
    fputs(text, ctx->out);
    app_text_free(text);
    return CLI_EXIT_OK;
}

/* Reads the whole file at path into secure memory. */
static int read_document(struct cli_context *ctx, const char *path, char **out)
{
    const char *me = "import";
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return cli_usage_error(ctx, me, "%s: %s", path, strerror(errno));
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    if (size < 0 || size > IMPORT_MAX || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return cli_usage_error(ctx, me, "%s: not a readable export of at most 512 MiB", path);
    }
    char *text = crypto_secure_alloc((size_t)size + 1);
    if (text == NULL) {
        fclose(f);
        return cli_fail(ctx, me, ODAAT_ERR_NOMEM);
    }
    size_t got = fread(text, 1, (size_t)size, f);
    fclose(f);
    if (got != (size_t)size) {
        crypto_secure_free(text);
        return cli_usage_error(ctx, me, "%s: could not be read", path);
    }
    text[size] = '\0';
    *out = text;
    return -1;
}

int cmd_import(struct cli_context *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"help", no_argument, NULL, 'h'},
        CLI_GLOBAL_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *me = "import";
    int c, status;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if ((status = cli_global_option(ctx, me, c, optarg)) != 0) {
            if (status > 0)
                return status;
            continue;
        }
        if (c == 'h') {
            cli_command_help(cli_command_find(me), ctx->out);
            return CLI_EXIT_OK;
        }
        return c == ':' ? cli_usage_error(ctx, me, "%s needs a value", argv[optind - 1])
                        : cli_usage_error(ctx, me, "unknown option '%s'", argv[optind - 1]);
    }
    if (argc - optind != 1)
        return cli_usage_error(ctx, me, "import takes one FILE (odaat's JSON export)");
    char *text = NULL;
    if ((status = read_document(ctx, argv[optind], &text)) >= 0)
        return status;
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0) {
        crypto_secure_free(text);
        return status;
    }
    struct exchange_report report;
    char error[EXCHANGE_ERROR_SIZE] = "";
    enum odaat_err err = app_import(app, text, &report, error, sizeof error);
    crypto_secure_free(text);
    if (err != ODAAT_OK) {
        app_close(app);
        if (err == ODAAT_ERR_INVALID && error[0] != '\0') {
            /* The document is bad input: one line naming the record, exit 2. */
            fprintf(ctx->err, "odaat import: nothing was imported: %s\n", error);
            return CLI_EXIT_USAGE;
        }
        return cli_fail(ctx, me, err);
    }
    if ((status = cli_save_close(ctx, me, app)) != 0)
        return status;
    fprintf(ctx->out, "Imported: %zu added, %zu updated, %zu skipped (already as new).\n",
            report.added, report.updated, report.skipped);
    return CLI_EXIT_OK;
}
