/*
 * test_tui_checkin: the check-in form driven by keys, without a terminal, over the demo's
 * sample data (today 2026-11-23, not checked in yet). What the form holds is read back
 * through the app after a save: mood and craving by keys, triggers completed from earlier
 * check-ins, gratitude, note, the evening inventory as JSON both ways, editing today's
 * check-in, and leaving with and without changes. A form with changes is kept (saved) before
 * a lock or a quit.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "odaat/store.h"
#include "tui_fixture.h"
#include "tui_internal.h"

static int setup(void **state)
{
    *state = tui_fixture_open(TUI_SCREEN_CHECKIN);
    return *state != NULL ? 0 : -1;
}

/* Hands key to the check-in screen, as the loop does (the loop's global keys are not here).
 * A change makes every screen reload, as the loop's save does. */
static unsigned press(struct tui_fixture *f, struct tui_key key)
{
    unsigned flags = tui_fixture_key(&f->t, TUI_SCREEN_CHECKIN, key);
    if (flags & TUI_CHANGED)
        tui_invalidate(&f->t);
    return flags;
}

/* Text fields and Tab never change a record, so these need no reload. */
static void type(struct tui_fixture *f, const char *text)
{
    tui_fixture_type(&f->t, TUI_SCREEN_CHECKIN, text);
}

static void tab(struct tui_fixture *f, int times)
{
    tui_fixture_repeat(&f->t, TUI_SCREEN_CHECKIN, tui_code(TUI_KEY_TAB), times);
}

static bool typing(struct tui_fixture *f)
{
    return tui_fixture_typing(&f->t, TUI_SCREEN_CHECKIN);
}

/* Saves with Ctrl-S and expects it to work. */
static void save(struct tui_fixture *f)
{
    unsigned flags = press(f, tui_ctrl('s'));
    assert_true(flags & TUI_CHANGED);
    assert_true(flags & TUI_REDRAW);
    assert_false(f->t.message_error);
    assert_int_equal(f->t.current, TUI_SCREEN_TODAY);
    f->t.current = TUI_SCREEN_CHECKIN;
}

/* Today's check-in as stored; the caller frees it. */
static struct checkin stored(struct tui_fixture *f)
{
    struct checkin c;
    bool found = false;
    assert_int_equal(app_checkin_get(f->t.app, NULL, &c, &found), ODAAT_OK);
    assert_true(found);
    return c;
}

static void assert_tags(const struct model_tags *tags, size_t n, ...)
{
    va_list ap;
    va_start(ap, n);
    assert_int_equal(tags->count, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(tags->items[i], va_arg(ap, const char *));
    va_end(ap);
}

/* Stores a check-in for today directly, as the command line or an import would. */
static void store_today(struct tui_fixture *f, const char *note, const char *inventory,
                        size_t gratitude_count, char **gratitude)
{
    struct checkin in = {.has_mood = true, .mood = 2, .has_craving = true, .craving = 5};
    char tired[] = "tired", people[] = "people";
    char *triggers[] = {tired, people};
    in.triggers.items = triggers;
    in.triggers.count = 2;
    in.gratitude.items = gratitude;
    in.gratitude.count = gratitude_count;
    in.note = (char *)(uintptr_t)note;
    in.inventory = (char *)(uintptr_t)inventory;
    bool updated = true;
    assert_int_equal(app_checkin(f->t.app, &in, &updated), ODAAT_OK);
    assert_false(updated);
    tui_invalidate(&f->t);
}

static void test_a_new_day_starts_with_an_empty_form_on_the_mood(void **state)
{
    struct tui_fixture *f = *state;
    assert_false(typing(f));
    /* Saving at once is allowed: showing up counts, even with nothing filled in. */
    save(f);
    struct checkin c = stored(f);
    assert_false(c.has_mood);
    assert_false(c.has_craving);
    assert_int_equal(c.triggers.count, 0);
    assert_int_equal(c.gratitude.count, 0);
    assert_null(c.note);
    assert_null(c.inventory);
    store_checkin_free(&c);
    assert_string_equal(f->t.message, "Checked in. Thank you for showing up today.");
}

static void test_mood_is_chosen_by_digits_and_arrows_within_1_to_5(void **state)
{
    struct tui_fixture *f = *state;
    assert_int_equal(press(f, tui_code(TUI_KEY_LEFT)), TUI_REDRAW); /* none stays none */
    assert_int_equal(press(f, tui_char('4')), TUI_REDRAW);
    assert_int_equal(f->t.current, TUI_SCREEN_CHECKIN); /* a digit is not a screen here */
    press(f, tui_code(TUI_KEY_RIGHT));
    press(f, tui_code(TUI_KEY_RIGHT)); /* 5 is the most */
    press(f, tui_char('9'));           /* refused, kindly */
    assert_non_null(strstr(f->t.message, "1 (awful) to 5 (great)"));
    press(f, tui_char('0'));
    save(f);
    struct checkin c = stored(f);
    assert_true(c.has_mood);
    assert_int_equal(c.mood, 5);
    store_checkin_free(&c);

    press(f, tui_char('1'));
    press(f, tui_code(TUI_KEY_LEFT)); /* 1 is the least */
    save(f);
    c = stored(f);
    assert_int_equal(c.mood, 1);
    store_checkin_free(&c);

    press(f, tui_code(TUI_KEY_BACKSPACE)); /* back to none */
    save(f);
    c = stored(f);
    assert_false(c.has_mood);
    store_checkin_free(&c);
}

static void test_craving_is_chosen_by_digits_and_1_then_0_makes_10(void **state)
{
    struct tui_fixture *f = *state;
    tab(f, 1);
    press(f, tui_char('7'));
    press(f, tui_char('1'));
    press(f, tui_char('0'));
    press(f, tui_code(TUI_KEY_RIGHT)); /* 10 is the most */
    save(f);
    struct checkin c = stored(f);
    assert_true(c.has_craving);
    assert_int_equal(c.craving, 10);
    store_checkin_free(&c);

    tab(f, 1);
    press(f, tui_char('0')); /* 0 alone is none at all */
    press(f, tui_code(TUI_KEY_LEFT));
    save(f);
    c = stored(f);
    assert_true(c.has_craving);
    assert_int_equal(c.craving, 0);
    store_checkin_free(&c);

    tab(f, 1);
    press(f, tui_char('1'));
    press(f, tui_code(TUI_KEY_RIGHT));
    press(f, tui_char('0')); /* not straight after the 1: plain 0 */
    save(f);
    c = stored(f);
    assert_int_equal(c.craving, 0);
    store_checkin_free(&c);

    tab(f, 1);
    press(f, tui_code(TUI_KEY_DELETE)); /* Delete is a key of its own: nothing happens */
    press(f, tui_code(TUI_KEY_BACKSPACE));
    save(f);
    c = stored(f);
    assert_false(c.has_craving);
    store_checkin_free(&c);
}

static void test_tab_completes_triggers_from_earlier_check_ins(void **state)
{
    struct tui_fixture *f = *state;
    tab(f, 2);
    assert_true(typing(f));
    type(f, "pa");
    press(f, tui_code(TUI_KEY_TAB)); /* "payday, " */
    assert_true(typing(f));
    type(f, "ST");
    press(f, tui_code(TUI_KEY_TAB)); /* "payday, stress, ": case does not matter */
    type(f, "st");
    press(f, tui_code(TUI_KEY_TAB)); /* stress is listed already: nothing to complete */
    type(f, "my sponsor");           /* so Tab moved on to Grateful 1 */
    save(f);
    struct checkin c = stored(f);
    assert_tags(&c.triggers, 3, "payday", "stress", "st");
    assert_tags(&c.gratitude, 1, "my sponsor");
    store_checkin_free(&c);
}

static void test_tab_moves_on_when_nothing_completes_the_word(void **state)
{
    struct tui_fixture *f = *state;
    tab(f, 2);
    type(f, "the rain");
    tab(f, 1);
    type(f, "a walk");
    tab(f, 1); /* an empty word: Tab moves on */
    type(f, "Sam");
    save(f);
    struct checkin c = stored(f);
    assert_tags(&c.triggers, 1, "the rain");
    assert_tags(&c.gratitude, 2, "a walk", "Sam");
    store_checkin_free(&c);
}

static void test_saving_fills_todays_check_in_and_goes_to_today(void **state)
{
    struct tui_fixture *f = *state;
    struct app_status st;
    assert_int_equal(app_status_get(f->t.app, &st), ODAAT_OK);
    assert_false(st.checked_in);
    app_status_free(&st);

    press(f, tui_char('4'));
    tab(f, 1);
    press(f, tui_char('2'));
    tab(f, 1);
    type(f, "work,  payday , work,,");
    tab(f, 1);
    type(f, "  my sponsor picked up at 11pm ");
    press(f, tui_code(TUI_KEY_DOWN));
    type(f, "the Tuesday step group");
    press(f, tui_code(TUI_KEY_DOWN));
    press(f, tui_code(TUI_KEY_DOWN)); /* the third line stays empty */
    type(f, "Rough afternoon, but I called instead of using.");
    assert_true(press(f, tui_code(TUI_KEY_ENTER)) & TUI_CHANGED); /* Enter saves too */
    assert_int_equal(f->t.current, TUI_SCREEN_TODAY);
    assert_string_equal(f->t.message, "Checked in. Thank you for showing up today.");

    assert_int_equal(app_status_get(f->t.app, &st), ODAAT_OK);
    assert_true(st.checked_in);
    assert_true(st.checkin.has_mood);
    assert_int_equal(st.checkin.mood, 4);
    assert_int_equal(st.checkin.craving, 2);
    assert_tags(&st.checkin.triggers, 2, "work", "payday");
    assert_tags(&st.checkin.gratitude, 2, "my sponsor picked up at 11pm", "the Tuesday step group");
    assert_string_equal(st.checkin.note, "Rough afternoon, but I called instead of using.");
    assert_null(st.checkin.inventory);
    app_status_free(&st);
}

static void test_editing_shows_todays_values_and_updates_them(void **state)
{
    struct tui_fixture *f = *state;
    char coffee[] = "coffee", group[] = "the group";
    char *gratitude[] = {coffee, group};
    store_today(f, "steady", NULL, 2, gratitude);
    /* Saving the form untouched keeps every value: the form showed them all. */
    save(f);
    assert_string_equal(f->t.message, "Check-in updated.");
    struct checkin c = stored(f);
    assert_int_equal(c.mood, 2);
    assert_int_equal(c.craving, 5);
    assert_tags(&c.triggers, 2, "tired", "people");
    assert_tags(&c.gratitude, 2, "coffee", "the group");
    assert_string_equal(c.note, "steady");
    int64_t id = c.meta.id;
    store_checkin_free(&c);

    press(f, tui_code(TUI_KEY_RIGHT)); /* mood 2 to 3 */
    tab(f, 2);
    type(f, ", lonely");
    press(f, tui_code(TUI_KEY_BTAB)); /* back up to the craving */
    press(f, tui_code(TUI_KEY_LEFT));
    save(f);
    c = stored(f);
    assert_int_equal(c.meta.id, id); /* the same record: one check-in a day */
    assert_int_equal(c.mood, 3);
    assert_int_equal(c.craving, 4);
    assert_tags(&c.triggers, 3, "tired", "people", "lonely");
    store_checkin_free(&c);
    struct checkin *list = NULL;
    size_t count = 0;
    assert_int_equal(app_checkin_list(f->t.app, "2026-11-23", "2026-11-23", &list, &count),
                     ODAAT_OK);
    assert_int_equal(count, 1);
    store_checkin_list_free(list, count);
}

static void test_the_inventory_round_trips_as_json(void **state)
{
    struct tui_fixture *f = *state;
    assert_true(press(f, tui_ctrl('n')) & TUI_REDRAW);
    assert_true(typing(f));
    size_t n = 0;
    const struct tui_binding *b = tui_fixture_mode_bindings(&f->t, TUI_SCREEN_CHECKIN, &n);
    assert_non_null(b);
    assert_int_equal(tui_binding_find(b, n, tui_code(TUI_KEY_ESC)) >= 0, true);
    type(f, "at \"him\" \\ a bit");
    tab(f, 2); /* Selfish? stays empty */
    type(f, "no");
    press(f, tui_code(TUI_KEY_UP));
    press(f, tui_code(TUI_KEY_UP));
    press(f, tui_code(TUI_KEY_UP)); /* wraps round to the last question */
    type(f, "called Élodie");
    save(f);
    struct checkin c = stored(f);
    assert_string_equal(c.inventory,
                        "{\"resentful\":\"at \\\"him\\\" \\\\ a bit\",\"dishonest\":\"no\","
                        "\"went_well\":\"called Élodie\"}");
    store_checkin_free(&c);

    /* Read back: saving the untouched form writes the same object. */
    press(f, tui_code(TUI_KEY_PGDN));
    press(f, tui_code(TUI_KEY_PGUP));
    save(f);
    c = stored(f);
    assert_string_equal(c.inventory,
                        "{\"resentful\":\"at \\\"him\\\" \\\\ a bit\",\"dishonest\":\"no\","
                        "\"went_well\":\"called Élodie\"}");
    store_checkin_free(&c);

    /* Emptying every answer removes the inventory. */
    press(f, tui_ctrl('n'));
    press(f, tui_ctrl('u'));
    tab(f, 2);
    press(f, tui_ctrl('u'));
    tab(f, 3);
    press(f, tui_ctrl('u'));
    save(f);
    c = stored(f);
    assert_null(c.inventory);
    store_checkin_free(&c);
}

static void test_an_inventory_from_elsewhere_is_read_and_kept(void **state)
{
    struct tui_fixture *f = *state;
    /* Escapes, a surrogate pair, and a key this form does not ask about. */
    store_today(
        f, NULL,
        "{ \"afraid\" : \"of \\u00e9\\ud83d\\ude00\\/\", \"sponsor_said\": \"line\\none\" }", 0,
        NULL);
    press(f, tui_ctrl('n'));
    tab(f, 3);
    press(f, tui_code(TUI_KEY_END));
    type(f, "!");
    save(f);
    struct checkin c = stored(f);
    assert_string_equal(c.inventory,
                        "{\"afraid\":\"of é😀/!\",\"sponsor_said\":\"line\\u000aone\"}");
    store_checkin_free(&c);
}

static void test_an_unreadable_inventory_stays_as_it_was_unless_its_page_is_edited(void **state)
{
    struct tui_fixture *f = *state;
    const char *odd = "{\"afraid\": [\"heights\"], \"resentful\": \"x\"}";
    store_today(f, NULL, odd, 0, NULL);
    press(f, tui_char('5'));
    press(f, tui_ctrl('n')); /* a look at the page changes nothing */
    press(f, tui_ctrl('n'));
    save(f);
    struct checkin c = stored(f);
    assert_string_equal(c.inventory, odd);
    assert_int_equal(c.mood, 5);
    store_checkin_free(&c);

    /* Its answers were left empty: what is typed now is all there is. */
    press(f, tui_ctrl('n'));
    type(f, "a little");
    save(f);
    c = stored(f);
    assert_string_equal(c.inventory, "{\"resentful\":\"a little\"}");
    store_checkin_free(&c);

    /* A lone half of a surrogate pair is not read either. */
    const char *lone = "{\"afraid\": \"\\ud800\"}";
    struct checkin in = {0};
    in.inventory = (char *)(uintptr_t)lone;
    bool updated = false;
    assert_int_equal(app_checkin(f->t.app, &in, &updated), ODAAT_OK);
    tui_invalidate(&f->t);
    save(f);
    c = stored(f);
    assert_string_equal(c.inventory, lone);
    store_checkin_free(&c);
}

static void test_a_note_with_several_lines_is_kept_unless_edited(void **state)
{
    struct tui_fixture *f = *state;
    char one[] = "one", two[] = "two", three[] = "three", four[] = "four";
    char *gratitude[] = {one, two, three, four};
    store_today(f, "first line\nsecond line", NULL, 4, gratitude);
    press(f, tui_char('4'));
    save(f);
    struct checkin c = stored(f);
    assert_string_equal(c.note, "first line\nsecond line");
    assert_tags(&c.gratitude, 4, "one", "two", "three", "four"); /* the fourth is kept */
    store_checkin_free(&c);

    tab(f, 6);
    type(f, ".");
    save(f);
    c = stored(f);
    assert_string_equal(c.note, "first line second line.");
    store_checkin_free(&c);
}

static void test_long_stored_values_are_not_cut_by_an_unchanged_save(void **state)
{
    struct tui_fixture *f = *state;
    /* Forty triggers from the command line: longer than the form lets one type. */
    char words[40][16];
    char *items[40];
    for (int i = 0; i < 40; i++) {
        snprintf(words[i], sizeof words[i], "trigger-%02d-long", i);
        items[i] = words[i];
    }
    char line[400];
    memset(line, 'g', sizeof line - 1);
    line[sizeof line - 1] = '\0';
    char *gratitude[] = {line};
    struct checkin in = {.triggers = {items, 40}, .gratitude = {gratitude, 1}};
    bool updated = false;
    assert_int_equal(app_checkin(f->t.app, &in, &updated), ODAAT_OK);
    tui_invalidate(&f->t);
    press(f, tui_char('3'));
    save(f);
    struct checkin c = stored(f);
    assert_int_equal(c.triggers.count, 40);
    assert_string_equal(c.triggers.items[39], "trigger-39-long");
    assert_int_equal(c.gratitude.count, 1);
    assert_string_equal(c.gratitude.items[0], line);
    store_checkin_free(&c);
}

static void test_esc_without_changes_goes_back_to_today(void **state)
{
    struct tui_fixture *f = *state;
    tab(f, 3);
    unsigned flags = press(f, tui_code(TUI_KEY_ESC));
    assert_true(flags & TUI_REDRAW);
    assert_false(flags & TUI_CHANGED);
    assert_int_equal(f->t.current, TUI_SCREEN_TODAY);
}

static void test_esc_with_changes_asks_and_n_keeps_the_form(void **state)
{
    struct tui_fixture *f = *state;
    press(f, tui_char('3'));
    press(f, tui_code(TUI_KEY_ESC));
    assert_int_equal(f->t.current, TUI_SCREEN_CHECKIN);
    assert_non_null(strstr(f->t.message, "Discard the changes?"));
    assert_true(typing(f)); /* every key answers now */
    size_t n = 0;
    const struct tui_binding *b = tui_fixture_mode_bindings(&f->t, TUI_SCREEN_CHECKIN, &n);
    assert_non_null(b);
    assert_true(tui_binding_find(b, n, tui_char('y')) >= 0);
    press(f, tui_char('n'));
    assert_int_equal(f->t.current, TUI_SCREEN_CHECKIN);
    assert_false(typing(f));
    save(f); /* the mood chosen before is still there */
    struct checkin c = stored(f);
    assert_int_equal(c.mood, 3);
    store_checkin_free(&c);
}

static void test_esc_with_changes_and_y_discards_them(void **state)
{
    struct tui_fixture *f = *state;
    tab(f, 6);
    type(f, "never mind");
    press(f, tui_code(TUI_KEY_ESC));
    assert_true(typing(f));
    unsigned flags = press(f, tui_char('y'));
    assert_false(flags & TUI_CHANGED);
    assert_int_equal(f->t.current, TUI_SCREEN_TODAY);
    f->t.current = TUI_SCREEN_CHECKIN;
    struct checkin c;
    bool found = true;
    assert_int_equal(app_checkin_get(f->t.app, NULL, &c, &found), ODAAT_OK);
    assert_false(found);
    /* Back on the form, it starts afresh. */
    save(f);
    c = stored(f);
    assert_null(c.note);
    store_checkin_free(&c);
}

static void test_q_quits_but_asks_first_when_something_changed(void **state)
{
    struct tui_fixture *f = *state;
    assert_true(press(f, tui_char('q')) & TUI_UNHANDLED); /* the loop quits */
    assert_true(press(f, tui_char('?')) & TUI_UNHANDLED); /* and shows the keys */
    press(f, tui_char('2'));
    unsigned flags = press(f, tui_char('q'));
    assert_false(flags & (TUI_QUIT | TUI_UNHANDLED));
    assert_non_null(strstr(f->t.message, "Quit without saving"));
    assert_true(press(f, tui_char('y')) & TUI_QUIT);
}

static void test_text_fields_take_digits_q_and_question_marks(void **state)
{
    struct tui_fixture *f = *state;
    tab(f, 6);
    assert_true(typing(f));
    type(f, "q? 2 of us");
    tab(f, 1);
    assert_false(typing(f));                             /* the inventory line */
    assert_int_equal(press(f, tui_char('5')), TUI_NONE); /* no screen switch, no mood */
    assert_int_equal(f->t.current, TUI_SCREEN_CHECKIN);
    press(f, tui_code(TUI_KEY_ENTER)); /* Enter on that line opens the page, not a save */
    assert_true(typing(f));
    assert_int_equal(f->t.current, TUI_SCREEN_CHECKIN);
    press(f, tui_code(TUI_KEY_ESC)); /* Esc on the page goes back to the first */
    assert_int_equal(f->t.current, TUI_SCREEN_CHECKIN);
    assert_false(typing(f));
    assert_null(tui_fixture_mode_bindings(&f->t, TUI_SCREEN_CHECKIN, &(size_t){0}));
    save(f);
    struct checkin c = stored(f);
    assert_string_equal(c.note, "q? 2 of us");
    assert_false(c.has_mood);
    store_checkin_free(&c);
}

/* Whether today has a check-in. */
static bool checked_in(struct tui_fixture *f)
{
    struct checkin c;
    bool found = false;
    assert_int_equal(app_checkin_get(f->t.app, NULL, &c, &found), ODAAT_OK);
    if (found)
        store_checkin_free(&c);
    return found;
}

/* The keep hook, as the loop calls it before a lock, a quit or a signal. */
static unsigned keep(struct tui_fixture *f)
{
    return tui_screen_checkin.keep(&f->t, tui_fixture_state(&f->t, TUI_SCREEN_CHECKIN));
}

static void test_keep_saves_a_changed_form_before_the_session_ends(void **state)
{
    struct tui_fixture *f = *state;
    press(f, tui_char('4'));
    tab(f, 2);
    type(f, "payday");
    assert_false(checked_in(f));
    assert_int_equal(keep(f), TUI_CHANGED);
    struct checkin c = stored(f);
    assert_true(c.has_mood);
    assert_int_equal(c.mood, 4);
    assert_tags(&c.triggers, 1, "payday");
    store_checkin_free(&c);
    /* The form is left as after a save: it reloads what is stored, with nothing to keep. */
    assert_true(f->t.stale[TUI_SCREEN_CHECKIN]);
    assert_int_equal(keep(f), TUI_NONE);
    assert_false(typing(f));
}

static void test_keep_closes_the_inventory_page_and_a_question(void **state)
{
    struct tui_fixture *f = *state;
    press(f, tui_char('2'));
    press(f, tui_ctrl('n'));
    type(f, "a little");
    press(f, tui_code(TUI_KEY_ESC)); /* back to the first page */
    press(f, tui_code(TUI_KEY_ESC)); /* "discard the changes?" */
    assert_true(typing(f));
    assert_int_equal(keep(f), TUI_CHANGED);
    struct checkin c = stored(f);
    assert_int_equal(c.mood, 2);
    assert_non_null(c.inventory);
    assert_non_null(strstr(c.inventory, "a little"));
    store_checkin_free(&c);
    /* Before any reload: the question and the second page are closed. */
    const void *s = f->t.states[TUI_SCREEN_CHECKIN];
    assert_null(tui_screen_checkin.mode_bindings(s, &(size_t){0}));
}

static void test_keep_without_changes_stores_nothing(void **state)
{
    struct tui_fixture *f = *state;
    assert_int_equal(keep(f), TUI_NONE);
    assert_false(checked_in(f));
    /* Moving between rows changes nothing either. */
    tab(f, 3);
    assert_int_equal(keep(f), TUI_NONE);
    assert_false(checked_in(f));
}

int main(void)
{
    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 1;
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, tui_fixture_teardown)
        T(test_a_new_day_starts_with_an_empty_form_on_the_mood),
        T(test_mood_is_chosen_by_digits_and_arrows_within_1_to_5),
        T(test_craving_is_chosen_by_digits_and_1_then_0_makes_10),
        T(test_tab_completes_triggers_from_earlier_check_ins),
        T(test_tab_moves_on_when_nothing_completes_the_word),
        T(test_saving_fills_todays_check_in_and_goes_to_today),
        T(test_editing_shows_todays_values_and_updates_them),
        T(test_the_inventory_round_trips_as_json),
        T(test_an_inventory_from_elsewhere_is_read_and_kept),
        T(test_an_unreadable_inventory_stays_as_it_was_unless_its_page_is_edited),
        T(test_a_note_with_several_lines_is_kept_unless_edited),
        T(test_long_stored_values_are_not_cut_by_an_unchanged_save),
        T(test_esc_without_changes_goes_back_to_today),
        T(test_esc_with_changes_asks_and_n_keeps_the_form),
        T(test_esc_with_changes_and_y_discards_them),
        T(test_q_quits_but_asks_first_when_something_changed),
        T(test_text_fields_take_digits_q_and_question_marks),
        T(test_keep_saves_a_changed_form_before_the_session_ends),
        T(test_keep_closes_the_inventory_page_and_a_question),
        T(test_keep_without_changes_stores_nothing),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
