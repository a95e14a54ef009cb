/*
 * lock: the unlock prompt, shown at start and after a lock. While it shows, no record is in
 * memory: only what is being typed, in secure memory, wiped as soon as the store opens or
 * the prompt goes. It shows nothing about the person: no counts, no names, no dates.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "odaat/crypto.h"
#include "odaat/vault.h"
#include "tui_form.h"
#include "tui_internal.h"

#define LOCK_MAX 1024

static struct {
    char *text; /* secure memory, LOCK_MAX + 1 bytes */
    size_t len;
    size_t chars; /* characters typed, for the field's look */
    bool opening; /* "Opening..." shows while the passphrase is stretched */
    bool forgot;  /* the recovery hint shows */
    enum odaat_err error;
} lock;

void tui_lock_begin(struct tui *t)
{
    (void)t;
    tui_lock_end();
    lock.text = crypto_secure_alloc(LOCK_MAX + 1);
}

void tui_lock_end(void)
{
    crypto_secure_free(lock.text);
    memset(&lock, 0, sizeof lock);
}

/* Opens the store with what was typed (after "Opening..." was drawn). */
static unsigned unlock(struct tui *t)
{
    lock.opening = false;
    enum odaat_err err;
    if (t->demo) {
        err = app_demo_open(t->today_override, &t->app);
    } else {
        struct vault_secret secret = {VAULT_PASSPHRASE, lock.text, lock.len};
        err = app_open(t->data_dir, &secret, t->today_override, &t->app);
    }
    crypto_wipe(lock.text, LOCK_MAX + 1);
    lock.len = lock.chars = 0;
    if (err != ODAAT_OK) {
        lock.error = err;
        return TUI_REDRAW;
    }
    return TUI_OPENED;
}

static void add_char(uint32_t ch)
{
    char mb[4];
    size_t n = tui_utf8_encode(ch, mb);
    if (n > 0 && lock.len + n <= LOCK_MAX) {
        memcpy(lock.text + lock.len, mb, n);
        lock.len += n;
        lock.chars++;
    }
    crypto_wipe(mb, sizeof mb);
}

/* Removes the last character (its UTF-8 continuation bytes with it). */
static void remove_char(void)
{
    while (lock.len > 0) {
        unsigned char c = (unsigned char)lock.text[--lock.len];
        lock.text[lock.len] = '\0';
        if ((c & 0xc0) != 0x80)
            break;
    }
    if (lock.chars > 0)
        lock.chars--;
}

unsigned tui_lock_key(struct tui *t, struct tui_key key)
{
    if (lock.text == NULL || lock.opening)
        return TUI_NONE;
    lock.error = ODAAT_OK;
    switch (key.code) {
    case TUI_KEY_ENTER:
        if (lock.len == 0) {
            lock.error = ODAAT_ERR_PASSPHRASE_EMPTY;
            return TUI_REDRAW;
        }
        lock.opening = true;
        t->pending = unlock;
        return TUI_REDRAW;
    case TUI_KEY_BACKSPACE:
        remove_char();
        return TUI_REDRAW;
    case TUI_KEY_ESC:
        crypto_wipe(lock.text, LOCK_MAX + 1);
        lock.len = lock.chars = 0;
        lock.forgot = false;
        return TUI_REDRAW;
    case TUI_KEY_CTRL:
        if (key.ch == 'u') {
            crypto_wipe(lock.text, LOCK_MAX + 1);
            lock.len = lock.chars = 0;
        }
        return TUI_REDRAW;
    case TUI_KEY_CHAR:
        /* An empty field takes q and r as commands; once typing, every key is text. */
        if (lock.len == 0 && key.ch == 'q')
            return TUI_QUIT;
        if (lock.len == 0 && key.ch == 'r') {
            lock.forgot = !lock.forgot;
            return TUI_REDRAW;
        }
        add_char(key.ch);
        return TUI_REDRAW;
    default:
        return TUI_NONE;
    }
}

void tui_lock_draw(struct tui *t)
{
    int y = LINES / 2 - 4;
    draw_center(y, TUI_ROLE_ACCENT, "odaat");
    if (lock.opening) {
        draw_center(y + 3, TUI_ROLE_NORMAL, "Opening…");
        return;
    }
    draw_center(y + 3, TUI_ROLE_NORMAL,
                t->demo ? "Locked (demo: any passphrase opens it). Passphrase:"
                        : "Locked. Passphrase:");
    /* The field shows that keys arrive, not how many: a fixed row of dots fills as one
     * types and stays full, so a glance over the shoulder learns nothing of the length. */
    char field[64] = "";
    const char *glyph = lock.chars > 0 ? tui_glyphs(t)->dot : "_";
    for (int i = 0; i < 16; i++)
        strcat(field, glyph);
    draw_center(y + 4, TUI_ROLE_MUTED, field);
    if (lock.error != ODAAT_OK) {
        const char *why = lock.error == ODAAT_ERR_WRONG_PASSPHRASE
                              ? "That passphrase did not open the store. Take your time."
                              : odaat_err_message(lock.error);
        draw_center(y + 6, TUI_ROLE_WARN, why);
    }
    if (lock.forgot) {
        draw_center(y + 8, TUI_ROLE_NORMAL, "Forgot it? Your recovery code sets a new one:");
        draw_center(y + 9, TUI_ROLE_ACCENT, "quit, then run: odaat recover");
    }
    draw_center(LINES - 3, TUI_ROLE_MUTED, "Enter to unlock · q to quit · forgot? r");
}

enum odaat_err tui_lock_open_fd(struct tui *t, int fd)
{
    char *buf = crypto_secure_alloc(LOCK_MAX + 2);
    if (buf == NULL)
        return ODAAT_ERR_NOMEM;
    size_t len = 0;
    enum odaat_err err = ODAAT_OK;
    for (;;) {
        char c;
        ssize_t n = read(fd, &c, 1);
        if (n <= 0 || c == '\n')
            break;
        if (len == LOCK_MAX + 1) {
            err = ODAAT_ERR_PASSPHRASE_TOO_LONG;
            break;
        }
        buf[len++] = c;
    }
    if (err == ODAAT_OK && len > LOCK_MAX)
        err = ODAAT_ERR_PASSPHRASE_TOO_LONG;
    if (err == ODAAT_OK && len == 0)
        err = ODAAT_ERR_PASSPHRASE_EMPTY;
    if (err == ODAAT_OK) {
        struct vault_secret secret = {VAULT_PASSPHRASE, buf, len};
        err = app_open(t->data_dir, &secret, t->today_override, &t->app);
    }
    crypto_secure_free(buf);
    return err;
}
