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
#include "odaat/vault.h"

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

/* Reports an import that found a problem: bad input, one line naming the record, exit 2. */
static int import_refused(struct cli_context *ctx, enum odaat_err err, const char *error)
{
    if (err == ODAAT_ERR_INVALID && error[0] != '\0') {
        fprintf(ctx->err, "odaat import: nothing was imported: %s\n", error);
        return CLI_EXIT_USAGE;
    }
    return cli_fail(ctx, "import", err);
}

/* Where there is no store yet, import makes one from the document (a new machine). */
static int import_new(struct cli_context *ctx, const char *dir, const char *text,
                      enum crypto_kdf_profile kdf)
{
    const char *me = "import";
    char *pass = NULL;
    size_t len = 0;
    int status = cli_read_secret(ctx, me, "New passphrase: ", &pass, &len);
    if (status >= 0)
        return status;
    char *again = NULL;
    size_t again_len = 0;
    if (len == 0)
        status = cli_fail(ctx, me, ODAAT_ERR_PASSPHRASE_EMPTY);
    else if (ctx->passphrase_fd < 0 &&
             (status = cli_read_secret(ctx, me, "The same again: ", &again, &again_len)) < 0 &&
             (again_len != len || !crypto_equal(again, pass, len)))
        status = cli_usage_error(ctx, me, "the two passphrases differ; nothing was created");
    crypto_secure_free(again);
    if (status >= 0) {
        crypto_secure_free(pass);
        return status;
    }
    struct exchange_report report;
    char error[EXCHANGE_ERROR_SIZE] = "";
    char recovery[CRYPTO_RECOVERY_TEXT_SIZE];
    struct app *app = NULL;
    enum odaat_err err = app_create_from_export(dir, pass, len, kdf, text, ctx->today_override,
                                                &report, error, sizeof error, recovery, &app);
    crypto_secure_free(pass);
    if (err != ODAAT_OK)
        return import_refused(ctx, err, error);
    app_close(app);
    fprintf(ctx->out,
            "A new store in %s holds the %zu records of the export.\n\n"
            "Your recovery code:\n\n    %s\n\n"
            "Write it on paper and keep it somewhere safe: it is shown only now.\n",
            dir, report.added, recovery);
    crypto_wipe(recovery, sizeof recovery);
    return CLI_EXIT_OK;
}

int cmd_import(struct cli_context *ctx, int argc, char **argv)
{
    enum { OPT_KDF = 256 };
    static const struct option options[] = {
        {"kdf", required_argument, NULL, OPT_KDF},
        {"help", no_argument, NULL, 'h'},
        CLI_GLOBAL_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *me = "import";
    int c, status;
    opterr = 0;
    enum crypto_kdf_profile kdf = CRYPTO_KDF_MODERATE;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (c == OPT_KDF) {
            if (!crypto_kdf_profile_parse(optarg, &kdf))
                return cli_usage_error(
                    ctx, me, "--kdf takes interactive, moderate or sensitive, not '%s'", optarg);
            continue;
        }
        if ((status = cli_common_option(ctx, me, c, argv)) >= 0)
            return status;
    }
    if (argc - optind != 1)
        return cli_usage_error(ctx, me, "import takes one FILE (odaat's JSON export)");
    char *text = NULL;
    if ((status = read_document(ctx, argv[optind], &text)) >= 0)
        return status;
    char *dir = NULL;
    enum odaat_err err = vault_data_dir(ctx->data_dir, &dir);
    if (err != ODAAT_OK) {
        crypto_secure_free(text);
        return cli_fail(ctx, me, err);
    }
    if (!vault_exists(dir)) {
        status = import_new(ctx, dir, text, kdf);
        crypto_secure_free(text);
        free(dir);
        return status;
    }
    free(dir);
    struct app *app = NULL;
    if ((status = cli_open(ctx, me, &app)) >= 0) {
        crypto_secure_free(text);
        return status;
    }
    struct exchange_report report;
    char error[EXCHANGE_ERROR_SIZE] = "";
    err = app_import(app, text, &report, error, sizeof error);
    crypto_secure_free(text);
    if (err != ODAAT_OK) {
        app_close(app);
        return import_refused(ctx, err, error);
    }
    if ((status = cli_save_close(ctx, me, app)) != 0)
        return status;
    fprintf(ctx->out, "Imported: %zu added, %zu updated, %zu skipped (already as new).\n",
            report.added, report.updated, report.skipped);
    return CLI_EXIT_OK;
}
