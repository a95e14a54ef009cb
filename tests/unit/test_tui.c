/*
 * test_tui: the full-screen interface's shared parts without a terminal: key names as key
 * scripts write them, binding tables (including that every screen's keys are unique and
 * described), text widths and fitting, the one-line field's editing over multi-byte and wide
 * characters, and the Today screen's keys over the demo's sample data. Runs under C.UTF-8.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "odaat/store.h"
#include "tui_fixture.h"
#include "tui_form.h"
#include "tui_internal.h"

/* ---- Keys and bindings --------------------------------------------------------------------- */

static void test_key_names_parse_as_scripts_write_them(void **state)
{
    (void)state;
    struct tui_key k;
    assert_true(tui_key_parse("Enter", &k));
    assert_true(tui_key_equal(k, tui_code(TUI_KEY_ENTER)));
    assert_true(tui_key_parse("C-s", &k));
    assert_true(tui_key_equal(k, tui_ctrl('s')));
    assert_true(tui_key_parse("Space", &k));
    assert_true(tui_key_equal(k, tui_char(' ')));
    assert_true(tui_key_parse("é", &k));
    assert_true(tui_key_equal(k, tui_char(0xe9)));
    assert_true(tui_key_parse("一", &k));
    assert_true(tui_key_equal(k, tui_char(0x4e00)));
    assert_true(tui_key_parse("PgDn", &k));
    assert_true(tui_key_equal(k, tui_code(TUI_KEY_PGDN)));
    assert_false(tui_key_parse("", &k));
    assert_false(tui_key_parse("ab", &k));
    assert_false(tui_key_parse("C-1", &k));
    assert_false(tui_key_parse("Enterprise", &k));
}

static void test_binding_find_gives_the_action_or_minus_one(void **state)
{
    (void)state;
    assert_int_equal(tui_binding_find(tui_global_bindings, tui_global_binding_count, tui_char('q')),
                     TUI_GLOBAL_QUIT);
    assert_int_equal(tui_binding_find(tui_global_bindings, tui_global_binding_count, tui_char('5')),
                     TUI_GLOBAL_SCREEN_1 + 4);
    assert_int_equal(tui_binding_find(tui_global_bindings, tui_global_binding_count, tui_char('%')),
                     -1);
}

/* Each key means one thing on a screen, and each shown key says what it does. */
static void test_every_screen_has_unique_described_keys(void **state)
{
    (void)state;
    for (int i = 0; i < TUI_SCREEN_COUNT; i++) {
        const struct tui_screen *s = tui_screens[i];
        assert_non_null(s->title);
        for (size_t a = 0; a < s->binding_count; a++) {
            if (!s->bindings[a].hidden) {
                assert_non_null(s->bindings[a].help);
                assert_true(strlen(s->bindings[a].help) > 0);
            }
            for (size_t b = a + 1; b < s->binding_count; b++)
                assert_false(tui_key_equal(s->bindings[a].key, s->bindings[b].key));
        }
    }
}

/* ---- Text --------------------------------------------------------------------------------- */

static void test_width_counts_wide_characters_twice(void **state)
{
    (void)state;
    assert_int_equal(tui_width("days"), 4);
    assert_int_equal(tui_width("Élodie"), 6);
    assert_int_equal(tui_width("一日一日"), 8);
    assert_int_equal(tui_width(""), 0);
}

static void test_fit_cuts_with_an_ellipsis_on_a_character_boundary(void **state)
{
    (void)state;
    char out[64];
    assert_string_equal(tui_fit(out, sizeof out, "short", 10, true), "short");
    assert_string_equal(tui_fit(out, sizeof out, "a longer title", 8, true), "a longe…");
    assert_string_equal(tui_fit(out, sizeof out, "一日一日", 6, true), "一日…");
    assert_int_equal(tui_width(tui_fit(out, sizeof out, "一日一日", 5, true)), 5);
    assert_string_equal(tui_fit(out, sizeof out, "a longer title", 8, false), "a longe~");
}

static void test_dates_read_as_people_read_them(void **state)
{
    (void)state;
    char out[64];
    int32_t day = 0;
    assert_int_equal(date_parse("2025-10-07", &day), ODAAT_OK);
    assert_string_equal(tui_date(out, sizeof out, day, TUI_DATE_SHORT), "Tue 7 Oct");
    assert_string_equal(tui_date(out, sizeof out, day, TUI_DATE_MEDIUM), "7 Oct 2025");
    assert_string_equal(tui_date(out, sizeof out, day, TUI_DATE_LONG), "Tuesday 7 October");
    assert_string_equal(tui_date(out, sizeof out, day, TUI_DATE_FULL), "Tuesday 7 October 2025");
}

/* ---- The one-line field -------------------------------------------------------------------- */

static void type(struct tui_field *f, const char *text)
{
    while (*text != '\0')
        assert_true(tui_field_key(f, tui_fixture_next_char(&text)));
}

static void test_field_inserts_and_deletes_whole_characters(void **state)
{
    (void)state;
    struct tui_field f = {0};
    type(&f, "Élodie 一日");
    assert_string_equal(f.text, "Élodie 一日");
    assert_true(tui_field_key(&f, tui_code(TUI_KEY_BACKSPACE)));
    assert_string_equal(f.text, "Élodie 一");
    assert_true(tui_field_key(&f, tui_code(TUI_KEY_HOME)));
    assert_true(tui_field_key(&f, tui_code(TUI_KEY_DELETE)));
    assert_string_equal(f.text, "lodie 一");
    assert_true(tui_field_key(&f, tui_code(TUI_KEY_RIGHT)));
    type(&f, "É");
    assert_string_equal(f.text, "lÉodie 一");
    assert_int_equal(f.cursor, 3);
    tui_field_clear(&f);
    assert_string_equal(f.text, "");
}

static void test_field_word_and_line_keys(void **state)
{
    (void)state;
    struct tui_field f = {0};
    tui_field_set(&f, "stress payday tired");
    assert_true(tui_field_key(&f, tui_ctrl('w')));
    assert_string_equal(f.text, "stress payday ");
    assert_true(tui_field_key(&f, tui_ctrl('a')));
    assert_int_equal(f.cursor, 0);
    assert_true(tui_field_key(&f, tui_ctrl('e')));
    assert_true(tui_field_key(&f, tui_ctrl('u')));
    assert_string_equal(f.text, "");
    /* Keys that are not the field's go back to the form. */
    assert_false(tui_field_key(&f, tui_code(TUI_KEY_ENTER)));
    assert_false(tui_field_key(&f, tui_code(TUI_KEY_TAB)));
    assert_false(tui_field_key(&f, tui_ctrl('s')));
}

static void test_field_refuses_control_characters_and_keeps_its_limit(void **state)
{
    (void)state;
    struct tui_field f = {.max = 5};
    type(&f, "abcd");
    type(&f, "é"); /* two bytes: would make six */
    assert_string_equal(f.text, "abcd");
    assert_true(tui_field_key(&f, tui_char(0x07)));
    assert_string_equal(f.text, "abcd");
    tui_field_set(&f, "ééé"); /* six bytes, cut on a character boundary */
    assert_string_equal(f.text, "éé");
}

/* ---- Today over the demo ------------------------------------------------------------------ */

static void test_today_keys_open_the_screens_they_name(void **state)
{
    struct tui_fixture *f = *state;
    struct tui *t = &f->t;
    void *today = tui_state(t, TUI_SCREEN_TODAY);
    assert_non_null(today);
    assert_true(tui_screen_today.key(t, today, tui_char('c')) & TUI_REDRAW);
    assert_int_equal(t->current, TUI_SCREEN_CHECKIN);
    t->current = TUI_SCREEN_TODAY;
    tui_screen_today.key(t, today, tui_char('h'));
    assert_int_equal(t->current, TUI_SCREEN_HELPNOW);
    t->current = TUI_SCREEN_TODAY;
    tui_screen_today.key(t, today, tui_char('a'));
    assert_int_equal(t->current, TUI_SCREEN_MEETINGS);
    t->current = TUI_SCREEN_TODAY;
    tui_screen_today.key(t, today, tui_char('j'));
    assert_int_equal(t->current, TUI_SCREEN_JOURNAL);
}

static void test_today_passes_other_keys_to_the_global_table(void **state)
{
    struct tui_fixture *f = *state;
    struct tui *t = &f->t;
    void *today = tui_state(t, TUI_SCREEN_TODAY);
    assert_true(tui_screen_today.key(t, today, tui_char('q')) & TUI_UNHANDLED);
    assert_true(tui_screen_today.key(t, today, tui_char('3')) & TUI_UNHANDLED);
    assert_int_equal(t->current, TUI_SCREEN_TODAY);
}

/* A milestone reached since the last visit is congratulated once: loading Today marks it
 * seen and asks for a save, and the next load has nothing fresh. */
static void test_today_congratulates_a_fresh_milestone_once(void **state)
{
    struct tui_fixture *f = *state;
    struct tui *t = &f->t;
    struct app_status before;
    assert_int_equal(app_status_get(t->app, &before), ODAAT_OK);
    size_t fresh = 0;
    for (size_t i = 0; i < before.tracker_count; i++)
        fresh += before.trackers[i].fresh_count;
    app_status_free(&before);
    assert_true(fresh > 0);

    assert_non_null(tui_state(t, TUI_SCREEN_TODAY));
    assert_true(t->save_soon);

    struct app_status after;
    assert_int_equal(app_status_get(t->app, &after), ODAAT_OK);
    for (size_t i = 0; i < after.tracker_count; i++)
        assert_int_equal(after.trackers[i].fresh_count, 0);
    app_status_free(&after);
}

static void test_unloading_today_frees_its_records(void **state)
{
    struct tui_fixture *f = *state;
    struct tui *t = &f->t;
    void *today = tui_state(t, TUI_SCREEN_TODAY);
    assert_non_null(today);
    tui_screen_today.unload(today);
    tui_screen_today.unload(today); /* twice is fine */
    t->stale[TUI_SCREEN_TODAY] = true;
    assert_non_null(tui_state(t, TUI_SCREEN_TODAY));
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    if (store_global_init() != ODAAT_OK)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_names_parse_as_scripts_write_them),
        cmocka_unit_test(test_binding_find_gives_the_action_or_minus_one),
        cmocka_unit_test(test_every_screen_has_unique_described_keys),
        cmocka_unit_test(test_width_counts_wide_characters_twice),
        cmocka_unit_test(test_fit_cuts_with_an_ellipsis_on_a_character_boundary),
        cmocka_unit_test(test_dates_read_as_people_read_them),
        cmocka_unit_test(test_field_inserts_and_deletes_whole_characters),
        cmocka_unit_test(test_field_word_and_line_keys),
        cmocka_unit_test(test_field_refuses_control_characters_and_keeps_its_limit),
        cmocka_unit_test_setup_teardown(test_today_keys_open_the_screens_they_name,
                                        tui_fixture_setup, tui_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_today_passes_other_keys_to_the_global_table,
                                        tui_fixture_setup, tui_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_today_congratulates_a_fresh_milestone_once,
                                        tui_fixture_setup, tui_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_unloading_today_frees_its_records, tui_fixture_setup,
                                        tui_fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
