/*
 * test_tui_milestones: the Milestones and Stats screens without a terminal, over the demo's
 * records (today 2026-11-23: alcohol clean since 2023-08-05; cocaine since 2025-10-07 after an
 * earlier streak closed with a note). Keys go to the screens' key handlers; what they hold
 * and what the app then reads back are checked. Nothing here draws.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "odaat/app.h"
#include "tui_fixture.h"
#include "tui_internal.h"
#include "tui_milestones.h"

static struct milestones_state *milestones(struct tui_fixture *f)
{
    return tui_fixture_state(&f->t, TUI_SCREEN_MILESTONES);
}

static unsigned press(struct tui_fixture *f, struct tui_key key)
{
    return tui_fixture_key(&f->t, TUI_SCREEN_MILESTONES, key);
}

static void type(struct tui_fixture *f, const char *text)
{
    for (const char *p = text; *p != '\0'; p++)
        assert_int_equal(press(f, tui_char((unsigned char)*p)), TUI_REDRAW);
}

/* Replaces the text of the field being typed in. */
static void retype(struct tui_fixture *f, const char *text)
{
    assert_int_equal(press(f, tui_ctrl('u')), TUI_REDRAW);
    type(f, text);
}

/* Shows the cocaine tracker (the second) and starts the flow of starting again. */
static struct milestones_state *begin_flow(struct tui_fixture *f)
{
    struct milestones_state *s = milestones(f);
    if (strcmp(s->view.tracker.name, "cocaine") != 0)
        press(f, tui_code(TUI_KEY_RIGHT));
    assert_string_equal(s->view.tracker.name, "cocaine");
    assert_int_equal(press(f, tui_char('r')), TUI_REDRAW);
    assert_int_equal(s->step, MILESTONES_STEP_USE);
    return s;
}

/* Runs the flow up to the question with these answers. */
static struct milestones_state *answer(struct tui_fixture *f, const char *use, const char *restart,
                                       const char *note)
{
    struct milestones_state *s = begin_flow(f);
    retype(f, use);
    press(f, tui_code(TUI_KEY_ENTER));
    assert_int_equal(s->step, MILESTONES_STEP_RESTART);
    if (restart != NULL)
        retype(f, restart);
    press(f, tui_code(TUI_KEY_ENTER));
    assert_int_equal(s->step, MILESTONES_STEP_NOTE);
    type(f, note);
    press(f, tui_code(TUI_KEY_ENTER));
    assert_int_equal(s->step, MILESTONES_STEP_CONFIRM);
    return s;
}

static size_t cocaine_streaks(struct tui_fixture *f)
{
    struct app_tracker_view v;
    assert_int_equal(app_tracker_view_get(f->t.app, "cocaine", &v), ODAAT_OK);
    size_t n = v.history_count;
    app_tracker_view_free(&v);
    return n;
}

/* ==== Milestones ============================================================================= */

static void test_arrows_switch_between_the_active_trackers(void **state)
{
    struct tui_fixture *f = *state;
    struct milestones_state *s = milestones(f);
    assert_true(s->has_view);
    assert_string_equal(s->view.tracker.name, "alcohol");
    assert_int_equal(press(f, tui_code(TUI_KEY_RIGHT)), TUI_REDRAW);
    assert_string_equal(s->view.tracker.name, "cocaine");
    assert_int_equal(s->view.history_count, 2);
    assert_string_equal(s->view.current.start_date, "2025-10-07");
    press(f, tui_code(TUI_KEY_RIGHT)); /* round to the first again */
    assert_string_equal(s->view.tracker.name, "alcohol");
    press(f, tui_code(TUI_KEY_LEFT));
    assert_string_equal(s->view.tracker.name, "cocaine");
}

static void test_the_tracker_shown_stays_after_a_reload(void **state)
{
    struct tui_fixture *f = *state;
    struct milestones_state *s = milestones(f);
    press(f, tui_code(TUI_KEY_RIGHT));
    tui_invalidate(&f->t);
    s = milestones(f);
    assert_string_equal(s->view.tracker.name, "cocaine");
}

static void test_an_archived_tracker_is_skipped(void **state)
{
    struct tui_fixture *f = *state;
    assert_int_equal(
        app_tracker_add(f->t.app, "gambling", "2026-01-01", MILESTONE_FIRST_CLEAN_DAY, "none"),
        ODAAT_OK);
    assert_int_equal(app_tracker_archive(f->t.app, "cocaine"), ODAAT_OK);
    struct milestones_state *s = milestones(f);
    press(f, tui_code(TUI_KEY_RIGHT));
    assert_string_equal(s->view.tracker.name, "gambling");
    press(f, tui_code(TUI_KEY_RIGHT));
    assert_string_equal(s->view.tracker.name, "alcohol");
    press(f, tui_code(TUI_KEY_LEFT));
    assert_string_equal(s->view.tracker.name, "gambling");
}

static void test_scrolling_stops_at_the_ends_of_the_content(void **state)
{
    struct tui_fixture *f = *state;
    struct milestones_state *s = milestones(f);
    press(f, tui_code(TUI_KEY_RIGHT));
    /* Everything fits in 20 rows: nothing to scroll. */
    assert_int_equal(press(f, tui_char('j')), TUI_REDRAW);
    assert_int_equal(s->scroll, 0);
    /* Cocaine: header, blank, 4 rows of rungs, blank, History, 2 streaks, 1 note, longest,
     * total: 13 rows, so 7 rows past a body of 6. */
    f->t.body_rows = 6;
    tui_fixture_repeat(&f->t, TUI_SCREEN_MILESTONES, tui_char('j'), 20);
    assert_int_equal(s->scroll, 7);
    press(f, tui_char('k'));
    assert_int_equal(s->scroll, 6);
    press(f, tui_code(TUI_KEY_UP));
    assert_int_equal(s->scroll, 5);
    press(f, tui_char('g'));
    assert_int_equal(s->scroll, 0);
    press(f, tui_code(TUI_KEY_PGDN));
    assert_int_equal(s->scroll, 4);
    press(f, tui_char('G'));
    assert_int_equal(s->scroll, 7);
    press(f, tui_code(TUI_KEY_PGUP));
    assert_int_equal(s->scroll, 3);
    press(f, tui_code(TUI_KEY_RIGHT)); /* another tracker starts at the top */
    assert_int_equal(s->scroll, 0);
}

static void test_e_opens_settings_for_the_ladder(void **state)
{
    struct tui_fixture *f = *state;
    f->t.current = TUI_SCREEN_MILESTONES;
    assert_true(press(f, tui_char('e')) & TUI_REDRAW);
    assert_int_equal(f->t.current, TUI_SCREEN_SETTINGS);
}

static void test_other_keys_go_to_the_global_bindings(void **state)
{
    struct tui_fixture *f = *state;
    assert_int_equal(press(f, tui_char('3')), TUI_UNHANDLED);
    assert_int_equal(press(f, tui_char('q')), TUI_UNHANDLED);
}

static void test_starting_again_closes_the_streak_with_its_note_and_opens_a_new_one(void **state)
{
    struct tui_fixture *f = *state;
    struct milestones_state *s = begin_flow(f);
    assert_true(tui_screen_milestones.typing(s));
    assert_string_equal(s->use.text, "2026-11-23"); /* today, to start with */
    retype(f, "2026-11-20");
    press(f, tui_code(TUI_KEY_ENTER));
    assert_string_equal(s->restart.text, "2026-11-21"); /* the day after the use */
    press(f, tui_code(TUI_KEY_ENTER));
    type(f, "A hard week.");
    press(f, tui_code(TUI_KEY_ENTER));
    assert_int_equal(s->step, MILESTONES_STEP_CONFIRM);
    assert_false(tui_screen_milestones.typing(s));
    size_t n = 0;
    const struct tui_binding *b = tui_screen_milestones.mode_bindings(s, &n);
    assert_non_null(b);
    assert_int_equal(tui_binding_find(b, n, tui_char('y')) >= 0, true);

    assert_int_equal(press(f, tui_char('y')), TUI_CHANGED | TUI_REDRAW);
    assert_false(f->t.message_error);
    assert_non_null(strstr(f->t.message, "good to see you back"));
    assert_non_null(strstr(f->t.message, "21 Nov 2026"));
    assert_int_equal(s->step, MILESTONES_STEP_NONE);
    assert_int_equal(s->note.len, 0); /* what was typed is wiped */
    assert_null(tui_screen_milestones.mode_bindings(s, &n));

    struct app_tracker_view v;
    assert_int_equal(app_tracker_view_get(f->t.app, "cocaine", &v), ODAAT_OK);
    assert_int_equal(v.history_count, 3);
    assert_string_equal(v.history[1].start_date, "2025-10-07");
    assert_string_equal(v.history[1].end_date, "2026-11-20");
    assert_non_null(v.history[1].end_note);
    assert_string_equal(v.history[1].end_note, "A hard week.");
    assert_string_equal(v.history[2].end_date, "");
    assert_string_equal(v.current.start_date, "2026-11-21");
    assert_int_equal(v.streaks.total_clean_days, 245 + 409 + 2);
    app_tracker_view_free(&v);
}

static void test_a_use_today_starts_the_new_clean_time_tomorrow(void **state)
{
    struct tui_fixture *f = *state;
    struct milestones_state *s = answer(f, "2026-11-23", NULL, "");
    assert_string_equal(s->restart.text, "2026-11-24");
    assert_int_equal(press(f, tui_char('Y')), TUI_CHANGED | TUI_REDRAW);
    assert_non_null(strstr(f->t.message, "starts tomorrow"));
    struct app_tracker_view v;
    assert_int_equal(app_tracker_view_get(f->t.app, "cocaine", &v), ODAAT_OK);
    assert_string_equal(v.current.start_date, "2026-11-24");
    assert_null(v.history[1].end_note); /* no note typed: none kept */
    app_tracker_view_free(&v);
}

static void test_a_restart_before_the_use_is_refused_and_the_flow_stays(void **state)
{
    struct tui_fixture *f = *state;
    struct milestones_state *s = answer(f, "2026-11-20", "2026-11-19", "note");
    assert_int_equal(press(f, tui_char('y')), TUI_REDRAW);
    assert_true(f->t.message_error);
    assert_non_null(strstr(f->t.message, "Could not start again"));
    assert_int_equal(s->step, MILESTONES_STEP_RESTART); /* back at the answer to fix */
    assert_string_equal(s->restart.text, "2026-11-19");
    assert_string_equal(s->note.text, "note"); /* nothing typed is lost */
    assert_int_equal(cocaine_streaks(f), 2);
    /* Fixed, it goes through. */
    retype(f, "2026-11-21");
    press(f, tui_code(TUI_KEY_ENTER));
    press(f, tui_code(TUI_KEY_ENTER));
    assert_int_equal(press(f, tui_char('y')), TUI_CHANGED | TUI_REDRAW);
    assert_int_equal(cocaine_streaks(f), 3);
}

static void test_a_use_after_today_goes_back_to_the_first_question(void **state)
{
    struct tui_fixture *f = *state;
    struct milestones_state *s = answer(f, "2026-11-25", NULL, "");
    assert_int_equal(press(f, tui_char('y')), TUI_REDRAW);
    assert_true(f->t.message_error);
    assert_int_equal(s->step, MILESTONES_STEP_USE);
    assert_int_equal(cocaine_streaks(f), 2);
}

static void test_a_use_before_the_clean_time_began_is_refused(void **state)
{
    struct tui_fixture *f = *state;
    struct milestones_state *s = answer(f, "2025-10-01", NULL, "");
    assert_int_equal(press(f, tui_char('y')), TUI_REDRAW);
    assert_true(f->t.message_error);
    assert_int_equal(s->step, MILESTONES_STEP_USE);
    assert_int_equal(cocaine_streaks(f), 2);
}

static void test_a_malformed_date_keeps_the_question(void **state)
{
    struct tui_fixture *f = *state;
    struct milestones_state *s = begin_flow(f);
    retype(f, "2026-13-40");
    assert_int_equal(press(f, tui_code(TUI_KEY_ENTER)), TUI_REDRAW);
    assert_true(f->t.message_error);
    assert_int_equal(s->step, MILESTONES_STEP_USE);
    retype(f, "yesterday");
    press(f, tui_code(TUI_KEY_ENTER));
    assert_int_equal(s->step, MILESTONES_STEP_USE);
}

static void test_esc_cancels_without_a_change(void **state)
{
    struct tui_fixture *f = *state;
    struct milestones_state *s = begin_flow(f);
    retype(f, "2026-11-20");
    press(f, tui_code(TUI_KEY_ENTER));
    assert_int_equal(press(f, tui_code(TUI_KEY_ESC)), TUI_REDRAW);
    assert_int_equal(s->step, MILESTONES_STEP_NONE);
    assert_false(tui_screen_milestones.typing(s));
    assert_int_equal(s->use.len, 0);
    assert_int_equal(s->restart.len, 0);
    assert_string_equal(f->t.message, "Nothing was changed.");
    assert_int_equal(cocaine_streaks(f), 2);
    /* n at the question does the same. */
    answer(f, "2026-11-20", NULL, "");
    assert_int_equal(press(f, tui_char('n')), TUI_REDRAW);
    assert_int_equal(s->step, MILESTONES_STEP_NONE);
    assert_int_equal(cocaine_streaks(f), 2);
}

static void test_digits_and_q_are_text_while_typing(void **state)
{
    struct tui_fixture *f = *state;
    struct milestones_state *s = begin_flow(f);
    press(f, tui_ctrl('u'));
    assert_int_equal(press(f, tui_char('3')), TUI_REDRAW);
    assert_int_equal(press(f, tui_char('q')), TUI_REDRAW);
    assert_int_equal(press(f, tui_char('?')), TUI_REDRAW);
    assert_string_equal(s->use.text, "3q?");
    /* The question takes y and n; other keys (?, q) go on to the global bindings. */
    retype(f, "2026-11-20");
    press(f, tui_code(TUI_KEY_ENTER));
    press(f, tui_code(TUI_KEY_ENTER));
    press(f, tui_code(TUI_KEY_ENTER));
    assert_int_equal(press(f, tui_char('?')), TUI_UNHANDLED);
}

static void test_shift_tab_goes_back_a_question(void **state)
{
    struct tui_fixture *f = *state;
    struct milestones_state *s = answer(f, "2026-11-20", NULL, "kept");
    press(f, tui_code(TUI_KEY_BTAB));
    assert_int_equal(s->step, MILESTONES_STEP_NOTE);
    press(f, tui_code(TUI_KEY_BTAB));
    press(f, tui_code(TUI_KEY_BTAB));
    assert_int_equal(s->step, MILESTONES_STEP_USE);
    press(f, tui_code(TUI_KEY_BTAB)); /* the first question stays */
    assert_int_equal(s->step, MILESTONES_STEP_USE);
    /* A new day of use moves the default start along; one typed by the person stays. */
    retype(f, "2026-11-18");
    press(f, tui_code(TUI_KEY_ENTER));
    assert_string_equal(s->restart.text, "2026-11-19");
    retype(f, "2026-11-22");
    press(f, tui_code(TUI_KEY_BTAB));
    retype(f, "2026-11-17");
    press(f, tui_code(TUI_KEY_ENTER));
    assert_string_equal(s->restart.text, "2026-11-22");
    assert_string_equal(s->note.text, "kept");
}

/* ==== Stats ================================================================================= */

static struct stats_state *stats(struct tui_fixture *f)
{
    return tui_fixture_state(&f->t, TUI_SCREEN_STATS);
}

static double mean_mood(const struct app_day *days, size_t n)
{
    double sum = 0;
    int count = 0;
    for (size_t i = 0; i < n; i++) {
        if (days[i].checked_in && days[i].mood >= 1) {
            sum += days[i].mood;
            count++;
        }
    }
    return count > 0 ? sum / count : -1;
}

static void test_stats_range_switches_between_30_and_90_days(void **state)
{
    struct tui_fixture *f = *state;
    struct stats_state *s = stats(f);
    assert_true(s->loaded);
    assert_int_equal(s->range, 30);
    assert_int_equal(s->cells, 30);
    assert_int_equal(tui_screen_stats.key(&f->t, s, tui_code(TUI_KEY_RIGHT)), TUI_REDRAW);
    assert_int_equal(s->range, 90);
    assert_int_equal(s->cells, 45); /* two days a cell */
    tui_screen_stats.key(&f->t, s, tui_code(TUI_KEY_RIGHT));
    assert_int_equal(s->range, 30);
    tui_screen_stats.key(&f->t, s, tui_code(TUI_KEY_LEFT));
    assert_int_equal(s->range, 90);
    /* The range stays over a reload. */
    tui_invalidate(&f->t);
    s = stats(f);
    assert_int_equal(s->range, 90);
    assert_int_equal(tui_screen_stats.key(&f->t, s, tui_char('x')), TUI_UNHANDLED);
}

static void test_stats_cells_hold_the_mean_of_their_days(void **state)
{
    struct tui_fixture *f = *state;
    struct stats_state *s = stats(f);
    const struct app_day *days = s->stats.days;
    size_t gaps = 0;
    for (size_t c = 0; c < 30; c++) {
        assert_true(s->mood[c] == mean_mood(&days[APP_STATS_DAYS - 30 + c], 1));
        gaps += s->mood[c] < 0;
    }
    assert_true(gaps > 0); /* the demo skips some days: those are gaps, not zeros */
    tui_screen_stats.key(&f->t, s, tui_code(TUI_KEY_RIGHT));
    for (size_t c = 0; c < 45; c++)
        assert_true(s->mood[c] == mean_mood(&days[APP_STATS_DAYS - 90 + 2 * c], 2));
    assert_true(s->mood_trend != STATS_TREND_NONE);
    assert_true(s->craving_trend != STATS_TREND_NONE);
}

int main(void)
{
    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 1;
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, tui_fixture_setup, tui_fixture_teardown)
        T(test_arrows_switch_between_the_active_trackers),
        T(test_the_tracker_shown_stays_after_a_reload),
        T(test_an_archived_tracker_is_skipped),
        T(test_scrolling_stops_at_the_ends_of_the_content),
        T(test_e_opens_settings_for_the_ladder),
        T(test_other_keys_go_to_the_global_bindings),
        T(test_starting_again_closes_the_streak_with_its_note_and_opens_a_new_one),
        T(test_a_use_today_starts_the_new_clean_time_tomorrow),
        T(test_a_restart_before_the_use_is_refused_and_the_flow_stays),
        T(test_a_use_after_today_goes_back_to_the_first_question),
        T(test_a_use_before_the_clean_time_began_is_refused),
        T(test_a_malformed_date_keeps_the_question),
        T(test_esc_cancels_without_a_change),
        T(test_digits_and_q_are_text_while_typing),
        T(test_shift_tab_goes_back_a_question),
        T(test_stats_range_switches_between_30_and_90_days),
        T(test_stats_cells_hold_the_mean_of_their_days),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
