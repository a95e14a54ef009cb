/*
 * tui_fixture: the demo fixture and the key helpers the full-screen interface's unit tests
 * share (see tui_fixture.h). Kept apart so each test file says only what its screen does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui_fixture.h"

void tui_fixture_init(struct tui *t, struct app *app)
{
    *t = (struct tui){.app = app,
                      .utf8 = true,
                      .rows = 24,
                      .cols = 80,
                      .body_top = 2,
                      .body_rows = 20,
                      .today_override = TUI_FIXTURE_TODAY};
    tui_invalidate(t);
}

void tui_fixture_close(struct tui *t)
{
    for (int i = 0; i < TUI_SCREEN_COUNT; i++) {
        if (t->states[i] == NULL)
            continue;
        tui_screens[i]->unload(t->states[i]);
        free(t->states[i]);
        t->states[i] = NULL;
    }
    app_close(t->app);
    t->app = NULL;
}

struct tui_fixture *tui_fixture_open(enum tui_screen_id current)
{
    struct tui_fixture *f = calloc(1, sizeof *f);
    struct app *app = NULL;
    if (f == NULL || app_demo_open(TUI_FIXTURE_TODAY, &app) != ODAAT_OK) {
        free(f);
        return NULL;
    }
    tui_fixture_init(&f->t, app);
    f->t.current = current;
    return f;
}

void tui_fixture_free(struct tui_fixture *f)
{
    if (f == NULL)
        return;
    tui_fixture_close(&f->t);
    free(f);
}

int tui_fixture_setup(void **state)
{
    *state = tui_fixture_open(TUI_SCREEN_TODAY);
    return *state != NULL ? 0 : -1;
}

int tui_fixture_teardown(void **state)
{
    tui_fixture_free(*state);
    return 0;
}

void *tui_fixture_state(struct tui *t, enum tui_screen_id id)
{
    void *s = tui_state(t, id);
    assert_non_null(s);
    return s;
}

unsigned tui_fixture_key(struct tui *t, enum tui_screen_id id, struct tui_key key)
{
    return tui_screens[id]->key(t, tui_fixture_state(t, id), key);
}

void tui_fixture_repeat(struct tui *t, enum tui_screen_id id, struct tui_key key, int times)
{
    for (int i = 0; i < times; i++)
        tui_fixture_key(t, id, key);
}

struct tui_key tui_fixture_next_char(const char **text)
{
    size_t n = strlen(*text);
    assert_true(n > 0);
    mbstate_t mb = {0};
    wchar_t wc = 0;
    size_t used = mbrtowc(&wc, *text, n, &mb);
    assert_true(used > 0 && used <= n); /* also refuses what is not UTF-8 */
    *text += used;
    return tui_char((uint32_t)wc);
}

void tui_fixture_type(struct tui *t, enum tui_screen_id id, const char *text)
{
    while (*text != '\0')
        assert_false(tui_fixture_key(t, id, tui_fixture_next_char(&text)) & TUI_UNHANDLED);
}

bool tui_fixture_typing(struct tui *t, enum tui_screen_id id)
{
    return tui_screens[id]->typing(tui_fixture_state(t, id));
}

const struct tui_binding *tui_fixture_mode_bindings(struct tui *t, enum tui_screen_id id,
                                                    size_t *count)
{
    return tui_screens[id]->mode_bindings(tui_fixture_state(t, id), count);
}

const struct tui_mode_keys *tui_fixture_mode(enum tui_screen_id id, const char *name)
{
    const struct tui_screen *screen = tui_screens[id];
    for (size_t i = 0; i < screen->mode_count; i++) {
        if (strcmp(screen->modes[i].name, name) == 0)
            return &screen->modes[i];
    }
    fail_msg("no mode \"%s\" on %s", name, screen->title);
    abort(); /* not reached: fail_msg ends the test */
}
