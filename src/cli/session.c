/*
 * session: what every store-backed command shares: the data folder, secrets read without
 * echo (or from --passphrase-fd), opening and saving, and errors turned into one line each.
 * A secret never travels in argv or the environment, and lives in secure memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "odaat/app.h"
#include "odaat/cli.h"
#include "odaat/crypto.h"
#include "odaat/date.h"
#include "odaat/vault.h"

int cli_fail(struct cli_context *ctx, const char *cmd, enum odaat_err err)
{
    fprintf(ctx->err, "odaat %s: %s\n", cmd, odaat_err_message(err));
    return odaat_err_exit_code(err);
}

int cli_global_option(struct cli_context *ctx, const char *cmd, int c, const char *arg)
{
    switch (c) {
    case CLI_OPT_TODAY:
        ctx->today_override = arg;
        return -1;
    case CLI_OPT_DATA_DIR:
        ctx->data_dir = arg;
        return -1;
    case CLI_OPT_PASSPHRASE_FD: {
        char *end = NULL;
        errno = 0;
        long fd = strtol(arg, &end, 10);
        if (errno != 0 || end == arg || *end != '\0' || fd < 0 || fd > 1023 ||
            fcntl((int)fd, F_GETFD) < 0)
            return cli_usage_error(ctx, cmd, "--passphrase-fd %s is not an open file descriptor",
                                   arg);
        ctx->passphrase_fd = (int)fd;
        return -1;
    }
    default:
        return 0;
    }
}

/* The terminal's settings while echo is off, so a signal can put them back. */
static struct termios tty_saved;
static volatile sig_atomic_t tty_fd = -1;

static void tty_restore_and_die(int sig)
{
    if (tty_fd >= 0)
        tcsetattr(tty_fd, TCSAFLUSH, &tty_saved);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Reads one line from fd into buf (at most size - 1 bytes, NUL-terminated), a byte at a
 * time so nothing after the line is consumed. Returns the length, or -1 for a line too long
 * or a read error, -2 at end of input before anything was read. */
static ssize_t read_line(int fd, char *buf, size_t size)
{
    size_t n = 0;
    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            return n == 0 ? -2 : (ssize_t)n;
        if (c == '\n')
            break;
        if (n + 1 >= size)
            return -1;
        buf[n++] = c;
    }
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    return (ssize_t)n;
}

/* Asks on the terminal with echo off. */
static ssize_t tty_ask(const char *prompt, char *buf, size_t size)
{
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return -3;
    struct termios quiet;
    if (tcgetattr(fd, &tty_saved) != 0) {
        close(fd);
        return -3;
    }
    quiet = tty_saved;
    quiet.c_lflag &= (tcflag_t) ~(ECHO | ECHONL);
    quiet.c_lflag |= ICANON;
    struct sigaction sa = {0}, old_int, old_term, old_hup;
    sa.sa_handler = tty_restore_and_die;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sigaction(SIGHUP, &sa, &old_hup);
    tty_fd = fd;
    ssize_t n = -1;
    /* Echo goes off before the prompt appears, so nothing typed after it can be echoed. */
    if (tcsetattr(fd, TCSAFLUSH, &quiet) == 0 && write(fd, prompt, strlen(prompt)) >= 0) {
        n = read_line(fd, buf, size);
        tcsetattr(fd, TCSAFLUSH, &tty_saved);
        if (write(fd, "\n", 1) < 0) {
            /* Only the newline after the prompt was lost: the secret was read. */
        }
    }
    tty_fd = -1;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGHUP, &old_hup, NULL);
    close(fd);
    return n;
}

int cli_read_secret(struct cli_context *ctx, const char *cmd, const char *prompt, char **out,
                    size_t *len)
{
    size_t size = VAULT_PASSPHRASE_MAX + 2;
    char *buf = crypto_secure_alloc(size);
    if (buf == NULL)
        return cli_fail(ctx, cmd, ODAAT_ERR_NOMEM);
    ssize_t n = ctx->passphrase_fd >= 0 ? read_line(ctx->passphrase_fd, buf, size)
                                        : tty_ask(prompt, buf, size);
    if (n < 0) {
        crypto_secure_free(buf);
        if (n == -3)
            return cli_usage_error(ctx, cmd, "no terminal to ask on: give --passphrase-fd N");
        if (n == -2)
            return cli_usage_error(ctx, cmd, "nothing to read from --passphrase-fd");
        return cli_fail(ctx, cmd, ODAAT_ERR_PASSPHRASE_TOO_LONG);
    }
    *out = buf;
    *len = (size_t)n;
    return -1;
}

int cli_open(struct cli_context *ctx, const char *cmd, struct app **app)
{
    char *dir = NULL;
    enum odaat_err err = vault_data_dir(ctx->data_dir, &dir);
    if (err != ODAAT_OK)
        return cli_fail(ctx, cmd, err);
    if (!vault_exists(dir)) {
        free(dir);
        return cli_fail(ctx, cmd, ODAAT_ERR_NO_STORE);
    }
    char *pass = NULL;
    size_t len = 0;
    int status = cli_read_secret(ctx, cmd, "Passphrase: ", &pass, &len);
    if (status >= 0) {
        free(dir);
        return status;
    }
    struct vault_secret secret = {VAULT_PASSPHRASE, pass, len};
    err = app_open(dir, &secret, ctx->today_override, app);
    crypto_secure_free(pass);
    free(dir);
    if (err == ODAAT_OK)
        return -1;
    if (ctx->today_override != NULL && odaat_err_exit_code(err) == 2)
        return cli_usage_error(ctx, cmd, "--today %s: %s", ctx->today_override,
                               odaat_err_message(err));
    return cli_fail(ctx, cmd, err);
}

int cli_save_close(struct cli_context *ctx, const char *cmd, struct app *app)
{
    enum odaat_err err = app_save(app);
    int status = 0;
    if (err == ODAAT_ERR_CONFLICT && vault_conflict_path(app_vault(app)) != NULL) {
        fprintf(ctx->err, "odaat %s: %s (%s)\n", cmd, odaat_err_message(err),
                vault_conflict_path(app_vault(app)));
        status = odaat_err_exit_code(err);
    } else if (err != ODAAT_OK) {
        status = cli_fail(ctx, cmd, err);
    }
    app_close(app);
    return status;
}

int cli_ask_line(struct cli_context *ctx, const char *cmd, const char *what, const char *prompt,
                 char *buf, size_t size)
{
    if (isatty(STDIN_FILENO) != 1)
        return cli_usage_error(ctx, cmd, "%s is required", what);
    fputs(prompt, ctx->out);
    fflush(ctx->out);
    ssize_t n = read_line(STDIN_FILENO, buf, size);
    if (n <= 0)
        return cli_usage_error(ctx, cmd, "%s is required", what);
    return -1;
}

/* Typed text is echoed by the terminal: on a terminal it is taken on the alternate screen,
 * which is cleared and left afterwards, so nothing of it stays in the scrollback. */
static int screen_fd = -1;

static void private_screen_enter(void)
{
    const char *term = getenv("TERM");
    if (isatty(STDIN_FILENO) != 1 || term == NULL || strcmp(term, "dumb") == 0)
        return;
    screen_fd = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC);
    static const char enter[] = "\033[?1049h\033[H\033[2J";
    if (screen_fd >= 0 && write(screen_fd, enter, sizeof enter - 1) < 0) {
        close(screen_fd);
        screen_fd = -1;
    }
}

static void private_screen_leave(void)
{
    static const char leave[] = "\033[H\033[2J\033[?1049l";
    if (screen_fd < 0)
        return;
    if (write(screen_fd, leave, sizeof leave - 1) < 0) {
        /* Nothing more can be done for a terminal that takes no output. */
    }
    close(screen_fd);
    screen_fd = -1;
}

static int read_all_stdin(struct cli_context *ctx, const char *cmd, char **out);

int cli_read_text(struct cli_context *ctx, const char *cmd, char **out)
{
    private_screen_enter();
    if (screen_fd >= 0) {
        static const char hint[] = "Write below. End with Ctrl-D at the start of a line.\r\n\r\n";
        if (write(screen_fd, hint, sizeof hint - 1) < 0)
            private_screen_leave();
    }
    int status = read_all_stdin(ctx, cmd, out);
    private_screen_leave();
    return status;
}

static int read_all_stdin(struct cli_context *ctx, const char *cmd, char **out)
{
    size_t size = 0, len = 0;
    char *text = NULL;
    for (;;) {
        if (len + 4096 + 1 > size) {
            size_t grown_size = size ? size * 2 : 8192;
            char *grown = crypto_secure_alloc(grown_size);
            if (grown == NULL) {
                crypto_secure_free(text);
                return cli_fail(ctx, cmd, ODAAT_ERR_NOMEM);
            }
            if (text != NULL)
                memcpy(grown, text, len);
            crypto_secure_free(text);
            text = grown;
            size = grown_size;
        }
        ssize_t n = read(STDIN_FILENO, text + len, size - len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            crypto_secure_free(text);
            return cli_fail(ctx, cmd, ODAAT_ERR_IO);
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
        len--;
    text[len] = '\0';
    *out = text;
    return -1;
}

int cli_common_option(struct cli_context *ctx, const char *cmd, int c, char **argv)
{
    int status = cli_global_option(ctx, cmd, c, optarg);
    if (status != 0)
        return status;
    if (c == 'h') {
        cli_command_help(cli_command_find(cmd), ctx->out);
        return CLI_EXIT_OK;
    }
    if (c == ':')
        return cli_usage_error(ctx, cmd, "%s needs a value", argv[optind - 1]);
    return cli_usage_error(ctx, cmd, "unknown option '%s'", argv[optind - 1]);
}

int cli_parse_int(struct cli_context *ctx, const char *cmd, const char *name, const char *text,
                  int lo, int hi, int *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < lo || v > hi)
        return cli_usage_error(ctx, cmd, "%s takes a whole number from %d to %d, not '%s'", name,
                               lo, hi, text);
    *out = (int)v;
    return -1;
}

int cli_check_date(struct cli_context *ctx, const char *cmd, const char *name, const char *text)
{
    int32_t day;
    enum odaat_err err = date_parse(text, &day);
    if (err != ODAAT_OK)
        return cli_usage_error(ctx, cmd, "%s %s: %s", name, text, odaat_err_message(err));
    return -1;
}
