/*
 * tui_fixture: what the full-screen interface's unit tests share. The fixture is the loop's
 * struct tui at 80x24 in a UTF-8 locale over the demo's sample data (today 2026-11-23), with
 * nothing drawn; the helpers hand keys to a screen the way the loop does, without its global
 * keys. Include after <cmocka.h>.
 */
#ifndef ODAAT_TESTS_TUI_FIXTURE_H
#define ODAAT_TESTS_TUI_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "tui_internal.h"

/* The demo's today: its sample data is dated around it. */
#define TUI_FIXTURE_TODAY "2026-11-23"

struct tui_fixture {
    struct tui t; /* t.app is the demo */
};

/* Fills t as the loop does at 80x24 in a UTF-8 locale, over app (NULL: no store yet), with
 * today pinned to TUI_FIXTURE_TODAY and every screen stale. */
void tui_fixture_init(struct tui *t, struct app *app);

/* Unloads and frees every screen state t loaded, then closes t->app (as a quit does). */
void tui_fixture_close(struct tui *t);

/* A fixture over the demo, on screen current; NULL when the demo does not open. Free it with
 * tui_fixture_free. */
struct tui_fixture *tui_fixture_open(enum tui_screen_id current);
void tui_fixture_free(struct tui_fixture *f);

/* cmocka's setup and teardown: *state is a tui_fixture_open(TUI_SCREEN_TODAY). */
int tui_fixture_setup(void **state);
int tui_fixture_teardown(void **state);

/* Screen id's state, loaded when stale; fails the test when it does not load. */
void *tui_fixture_state(struct tui *t, enum tui_screen_id id);

/* Hands key to screen id (loading it when stale) and gives back the screen's flags. Nothing
 * else the loop does happens: no global keys, no reload after a change. */
unsigned tui_fixture_key(struct tui *t, enum tui_screen_id id, struct tui_key key);

/* Presses key on screen id times over, as tui_fixture_key. */
void tui_fixture_repeat(struct tui *t, enum tui_screen_id id, struct tui_key key, int times);

/* The next character of UTF-8 text as a key; moves *text past it. The text must not be at
 * its end. */
struct tui_key tui_fixture_next_char(const char **text);

/* Types UTF-8 text into screen id one character at a time; each key must be taken. */
void tui_fixture_type(struct tui *t, enum tui_screen_id id, const char *text);

/* Whether screen id takes every key as text now (its .typing). */
bool tui_fixture_typing(struct tui *t, enum tui_screen_id id);

/* The keys screen id shows now: its mode's table and *count, or NULL for its own table. */
const struct tui_binding *tui_fixture_mode_bindings(struct tui *t, enum tui_screen_id id,
                                                    size_t *count);

/* Screen id's mode called name, as `odaat keys` lists it; fails the test when there is none. */
const struct tui_mode_keys *tui_fixture_mode(enum tui_screen_id id, const char *name);

#endif
