/*
 * test_tui_meetings: the Meetings and Steps screens driven by keys over the demo's sample
 * data, without a terminal: the meeting form (defaults, editing, refusals that keep what was
 * typed, leaving with and without changes), deleting with a question first, the cursor over
 * the week headers, Today's "a"; and the steps: the status cycle as the app stores it, the
 * detail view with its step work from the journal, the note. The records are checked through
 * the app afterwards, the way the command line would see them.
 *
 * The screens' states come from tui_meetings.h; the keys go to the screens in tui_screens[].
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/date.h"
#include "odaat/store.h"
#include "tui_fixture.h"
#include "tui_internal.h"
#include "tui_meetings.h"

#define TODAY TUI_FIXTURE_TODAY

static unsigned press(struct tui_fixture *f, enum tui_screen_id id, struct tui_key key)
{
    return tui_fixture_key(&f->t, id, key);
}

static void type(struct tui_fixture *f, enum tui_screen_id id, const char *text)
{
    tui_fixture_type(&f->t, id, text);
}

/* After a change the loop marks every screen stale; the next look reloads. */
static void *reload(struct tui_fixture *f, enum tui_screen_id id)
{
    tui_invalidate(&f->t);
    return tui_fixture_state(&f->t, id);
}

static struct meetings_state *meetings(struct tui_fixture *f)
{
    return tui_fixture_state(&f->t, TUI_SCREEN_MEETINGS);
}

static struct steps_state *steps(struct tui_fixture *f)
{
    return tui_fixture_state(&f->t, TUI_SCREEN_STEPS);
}

/* The id of the meeting under the cursor. */
static int64_t current_id(const struct meetings_state *s)
{
    const struct meeting *m = meetings_current(s);
    if (m == NULL)
        fail_msg("the cursor is on no meeting");
    return m != NULL ? m->meta.id : 0;
}

static bool typing(struct tui_fixture *f, enum tui_screen_id id)
{
    return tui_fixture_typing(&f->t, id);
}

static const struct tui_binding *mode(struct tui_fixture *f, enum tui_screen_id id)
{
    size_t n = 0;
    return tui_fixture_mode_bindings(&f->t, id, &n);
}

/* Checks the screen shows the keys of its mode called name, as `odaat keys` lists them. */
static void assert_mode(struct tui_fixture *f, enum tui_screen_id id, const char *name)
{
    const struct tui_mode_keys *want = tui_fixture_mode(id, name);
    size_t count = 0;
    assert_ptr_equal(tui_fixture_mode_bindings(&f->t, id, &count), want->bindings);
    assert_int_equal(count, want->count);
}

/* Checks the screen asks a question whose y answers yes (what yes does, in words). */
static void assert_question(struct tui_fixture *f, enum tui_screen_id id, const char *yes)
{
    size_t count = 0;
    const struct tui_binding *b = tui_fixture_mode_bindings(&f->t, id, &count);
    assert_non_null(b);
    for (size_t i = 0; i < count; i++) {
        if (tui_key_equal(b[i].key, tui_char('y'))) {
            assert_string_equal(b[i].help, yes);
            return;
        }
    }
    fail_msg("no y among the keys shown");
}

/* The rows of the meetings list at 80x24: the body's 20 less the counts, two rules and the
 * position line. */
#define LIST_ROWS 16

/* The rows of the step detail at 80x24: the body's 20 less the line for "more below". */
#define DETAIL_ROWS 19

/* The meetings logged on day (YYYY-MM-DD); free with store_meeting_list_free. */
static struct meeting *meetings_on(struct tui_fixture *f, const char *day, size_t *count)
{
    struct meeting *list = NULL;
    assert_int_equal(app_meeting_list(f->t.app, day, day, &list, count), ODAAT_OK);
    return list;
}

static size_t meeting_count(struct tui_fixture *f)
{
    struct meeting *list = NULL;
    size_t count = 0;
    assert_int_equal(app_meeting_list(f->t.app, NULL, NULL, &list, &count), ODAAT_OK);
    store_meeting_list_free(list, count);
    return count;
}

static void tab(struct tui_fixture *f, int times)
{
    for (int i = 0; i < times; i++)
        assert_int_equal(press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_TAB)), TUI_REDRAW);
}

/* ==== Meetings ============================================================================= */

static void test_a_opens_a_form_with_today_and_the_programmes_fellowship(void **state)
{
    struct tui_fixture *f = *state;
    assert_false(typing(f, TUI_SCREEN_MEETINGS));
    assert_null(mode(f, TUI_SCREEN_MEETINGS));
    assert_int_equal(press(f, TUI_SCREEN_MEETINGS, tui_char('a')), TUI_REDRAW);
    struct meetings_state *s = meetings(f);
    assert_true(typing(f, TUI_SCREEN_MEETINGS));
    assert_mode(f, TUI_SCREEN_MEETINGS, "meeting form");
    assert_string_equal(s->form.text[MEETINGS_FIELD_DATE].text, TODAY);
    assert_string_equal(s->form.text[MEETINGS_FIELD_TIME].text, "");
    assert_string_equal(s->form.text[MEETINGS_FIELD_FELLOWSHIP].text, "CA");
    assert_int_equal(s->form.format, MEETING_FORMAT_NONE);
    assert_int_equal(s->form.role, MEETING_ATTENDED);
}

static void test_saving_the_defaults_logs_a_meeting_today(void **state)
{
    struct tui_fixture *f = *state;
    size_t before = meeting_count(f);
    press(f, TUI_SCREEN_MEETINGS, tui_char('a'));
    tab(f, MEETINGS_FIELD_NAME);
    type(f, TUI_SCREEN_MEETINGS, "Friday Night Serenity");
    unsigned flags = press(f, TUI_SCREEN_MEETINGS, tui_ctrl('s'));
    assert_true(flags & TUI_CHANGED);
    assert_false(typing(f, TUI_SCREEN_MEETINGS));
    assert_int_equal(meeting_count(f), before + 1);
    size_t n = 0;
    struct meeting *list = meetings_on(f, TODAY, &n);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].fellowship, "CA");
    assert_string_equal(list[0].name, "Friday Night Serenity");
    assert_string_equal(list[0].time, "");
    assert_null(list[0].location);
    assert_int_equal(list[0].role, MEETING_ATTENDED);
    assert_int_equal(list[0].format, MEETING_FORMAT_NONE);
    int64_t id = list[0].meta.id;
    store_meeting_list_free(list, n);
    /* After the reload the cursor is on the new meeting, under "This week". */
    struct meetings_state *s = reload(f, TUI_SCREEN_MEETINGS);
    assert_true(s->rows[0].header);
    assert_int_equal(s->list[s->rows[s->cursor].meeting].meta.id, id);
}

static void test_enter_on_the_last_field_saves_the_choices(void **state)
{
    struct tui_fixture *f = *state;
    press(f, TUI_SCREEN_MEETINGS, tui_char('a'));
    tab(f, MEETINGS_FIELD_FORMAT);
    press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_RIGHT)); /* in-person */
    press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_RIGHT)); /* online */
    tab(f, 1);
    press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_LEFT)); /* wraps round to service */
    for (int i = MEETINGS_FIELD_ROLE; i < MEETINGS_FIELD_NOTE; i++)
        assert_int_equal(press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_ENTER)), TUI_REDRAW);
    type(f, TUI_SCREEN_MEETINGS, "Made the tea. 一日一日");
    assert_true(press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_ENTER)) & TUI_CHANGED);
    size_t n = 0;
    struct meeting *list = meetings_on(f, TODAY, &n);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].format, MEETING_ONLINE);
    assert_int_equal(list[0].role, MEETING_SERVICE);
    assert_string_equal(list[0].note, "Made the tea. 一日一日");
    store_meeting_list_free(list, n);
}

static void test_edit_changes_the_meeting_under_the_cursor(void **state)
{
    struct tui_fixture *f = *state;
    struct meetings_state *s = meetings(f);
    int64_t id = current_id(s);
    char name[64];
    snprintf(name, sizeof name, "%s", s->list[s->rows[s->cursor].meeting].name);
    size_t before = meeting_count(f);
    assert_int_equal(press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_ENTER)), TUI_REDRAW);
    assert_true(typing(f, TUI_SCREEN_MEETINGS));
    assert_string_equal(s->form.text[MEETINGS_FIELD_NAME].text, name);
    tab(f, MEETINGS_FIELD_ROLE);
    press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_RIGHT));
    int role = s->form.role;
    tab(f, MEETINGS_FIELD_LOCATION - MEETINGS_FIELD_ROLE);
    press(f, TUI_SCREEN_MEETINGS, tui_ctrl('u'));
    type(f, TUI_SCREEN_MEETINGS, "Café Rouge");
    assert_true(press(f, TUI_SCREEN_MEETINGS, tui_ctrl('s')) & TUI_CHANGED);
    assert_int_equal(meeting_count(f), before);
    struct meeting got;
    assert_int_equal(app_meeting_get(f->t.app, id, &got), ODAAT_OK);
    assert_string_equal(got.name, name);
    assert_string_equal(got.location, "Café Rouge");
    assert_int_equal(got.role, role);
    store_meeting_free(&got);
}

static void test_edit_keeps_a_long_note_it_did_not_touch(void **state)
{
    struct tui_fixture *f = *state;
    struct meeting m = {.name = (char *)(uintptr_t) "Speaker",
                        .note = (char *)(uintptr_t) "First line.\nSecond line."};
    snprintf(m.date, sizeof m.date, "%s", TODAY);
    assert_int_equal(app_meeting_add(f->t.app, &m), ODAAT_OK);
    struct meetings_state *s = reload(f, TUI_SCREEN_MEETINGS);
    assert_int_equal(current_id(s), m.meta.id);
    press(f, TUI_SCREEN_MEETINGS, tui_char('e'));
    assert_string_equal(s->form.text[MEETINGS_FIELD_NOTE].text, "First line. Second line.");
    tab(f, MEETINGS_FIELD_NAME);
    type(f, TUI_SCREEN_MEETINGS, " Meeting");
    assert_true(press(f, TUI_SCREEN_MEETINGS, tui_ctrl('s')) & TUI_CHANGED);
    struct meeting got;
    assert_int_equal(app_meeting_get(f->t.app, m.meta.id, &got), ODAAT_OK);
    assert_string_equal(got.name, "Speaker Meeting");
    assert_string_equal(got.note, "First line.\nSecond line.");
    store_meeting_free(&got);
}

static void test_a_bad_time_is_refused_and_the_form_keeps_what_was_typed(void **state)
{
    struct tui_fixture *f = *state;
    size_t before = meeting_count(f);
    press(f, TUI_SCREEN_MEETINGS, tui_char('a'));
    tab(f, MEETINGS_FIELD_NAME);
    type(f, TUI_SCREEN_MEETINGS, "Friday Group");
    tab(f, MEETINGS_FIELD_COUNT - MEETINGS_FIELD_NAME + MEETINGS_FIELD_TIME); /* round to Time */
    type(f, TUI_SCREEN_MEETINGS, "7:5");
    unsigned flags = press(f, TUI_SCREEN_MEETINGS, tui_ctrl('s'));
    assert_false(flags & TUI_CHANGED);
    assert_true(f->t.message_error);
    assert_non_null(strstr(f->t.message, "HH:MM"));
    assert_int_equal(meeting_count(f), before);
    struct meetings_state *s = meetings(f);
    assert_true(typing(f, TUI_SCREEN_MEETINGS));
    assert_int_equal(s->focus, MEETINGS_FIELD_TIME);
    assert_string_equal(s->form.text[MEETINGS_FIELD_TIME].text, "7:5");
    assert_string_equal(s->form.text[MEETINGS_FIELD_NAME].text, "Friday Group");
    /* Put right, it saves. */
    press(f, TUI_SCREEN_MEETINGS, tui_ctrl('u'));
    type(f, TUI_SCREEN_MEETINGS, "19:05");
    assert_true(press(f, TUI_SCREEN_MEETINGS, tui_ctrl('s')) & TUI_CHANGED);
    size_t n = 0;
    struct meeting *list = meetings_on(f, TODAY, &n);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].time, "19:05");
    store_meeting_list_free(list, n);
}

static void test_a_date_after_today_is_refused_with_the_date_in_focus(void **state)
{
    struct tui_fixture *f = *state;
    size_t before = meeting_count(f);
    press(f, TUI_SCREEN_MEETINGS, tui_char('a'));
    press(f, TUI_SCREEN_MEETINGS, tui_ctrl('u'));
    type(f, TUI_SCREEN_MEETINGS, "2026-12-01");
    tab(f, 3);
    assert_false(press(f, TUI_SCREEN_MEETINGS, tui_ctrl('s')) & TUI_CHANGED);
    assert_true(f->t.message_error);
    assert_non_null(strstr(f->t.message, "after today"));
    assert_int_equal(meetings(f)->focus, MEETINGS_FIELD_DATE);
    press(f, TUI_SCREEN_MEETINGS, tui_ctrl('u'));
    type(f, TUI_SCREEN_MEETINGS, "2026-02-30");
    assert_false(press(f, TUI_SCREEN_MEETINGS, tui_ctrl('s')) & TUI_CHANGED);
    assert_non_null(strstr(f->t.message, "calendar"));
    assert_int_equal(meeting_count(f), before);
    assert_true(typing(f, TUI_SCREEN_MEETINGS));
}

static void test_the_form_keeps_q_and_digits_as_text(void **state)
{
    struct tui_fixture *f = *state;
    press(f, TUI_SCREEN_MEETINGS, tui_char('a'));
    tab(f, MEETINGS_FIELD_NAME);
    for (const char *k = "q1?L"; *k != '\0'; k++)
        assert_int_equal(press(f, TUI_SCREEN_MEETINGS, tui_char((uint32_t)*k)), TUI_REDRAW);
    /* Tab moves between fields rather than screens; on a choice a letter does nothing. */
    assert_string_equal(meetings(f)->form.text[MEETINGS_FIELD_NAME].text, "q1?L");
    tab(f, MEETINGS_FIELD_COUNT - MEETINGS_FIELD_NAME + MEETINGS_FIELD_FORMAT);
    assert_int_equal(press(f, TUI_SCREEN_MEETINGS, tui_char('q')), TUI_NONE);
    assert_int_equal(f->t.current, TUI_SCREEN_TODAY);
}

static void test_esc_leaves_at_once_without_changes_and_asks_with_them(void **state)
{
    struct tui_fixture *f = *state;
    size_t before = meeting_count(f);
    press(f, TUI_SCREEN_MEETINGS, tui_char('a'));
    tab(f, 2);
    assert_int_equal(press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_ESC)), TUI_REDRAW);
    assert_false(typing(f, TUI_SCREEN_MEETINGS));
    assert_null(mode(f, TUI_SCREEN_MEETINGS));

    press(f, TUI_SCREEN_MEETINGS, tui_char('a'));
    tab(f, MEETINGS_FIELD_NAME);
    type(f, TUI_SCREEN_MEETINGS, "Draft");
    press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_ESC));
    assert_question(f, TUI_SCREEN_MEETINGS, "leave without saving");
    assert_false(typing(f, TUI_SCREEN_MEETINGS));
    assert_int_equal(press(f, TUI_SCREEN_MEETINGS, tui_char('x')), TUI_NONE); /* waits */
    press(f, TUI_SCREEN_MEETINGS, tui_char('n'));
    assert_true(typing(f, TUI_SCREEN_MEETINGS));
    assert_string_equal(meetings(f)->form.text[MEETINGS_FIELD_NAME].text, "Draft");
    press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_ESC));
    press(f, TUI_SCREEN_MEETINGS, tui_char('y'));
    assert_false(typing(f, TUI_SCREEN_MEETINGS));
    assert_string_equal(meetings(f)->form.text[MEETINGS_FIELD_NAME].text, "");
    assert_int_equal(meeting_count(f), before);
}

static void test_delete_asks_first_n_keeps_and_y_deletes(void **state)
{
    struct tui_fixture *f = *state;
    size_t before = meeting_count(f);
    struct meetings_state *s = meetings(f);
    press(f, TUI_SCREEN_MEETINGS, tui_char('j'));
    int64_t id = current_id(s);
    assert_int_equal(press(f, TUI_SCREEN_MEETINGS, tui_char('d')), TUI_REDRAW);
    assert_question(f, TUI_SCREEN_MEETINGS, "delete the meeting");
    assert_int_equal(press(f, TUI_SCREEN_MEETINGS, tui_char('q')), TUI_NONE); /* waits */
    assert_int_equal(press(f, TUI_SCREEN_MEETINGS, tui_char('n')), TUI_REDRAW);
    assert_null(mode(f, TUI_SCREEN_MEETINGS));
    assert_int_equal(meeting_count(f), before);

    /* The next older meeting is the one j moves to. */
    press(f, TUI_SCREEN_MEETINGS, tui_char('j'));
    int64_t next = current_id(s);
    press(f, TUI_SCREEN_MEETINGS, tui_char('k'));
    assert_int_equal(current_id(s), id);
    press(f, TUI_SCREEN_MEETINGS, tui_char('d'));
    assert_true(press(f, TUI_SCREEN_MEETINGS, tui_char('y')) & TUI_CHANGED);
    assert_int_equal(meeting_count(f), before - 1);
    struct meeting gone;
    assert_int_equal(app_meeting_get(f->t.app, id, &gone), ODAAT_ERR_NOT_FOUND);
    /* The cursor moves to the next older meeting. */
    s = reload(f, TUI_SCREEN_MEETINGS);
    assert_int_equal(current_id(s), next);
}

static void test_the_cursor_steps_over_week_headers(void **state)
{
    struct tui_fixture *f = *state;
    struct meetings_state *s = meetings(f);
    assert_true(s->row_count > 20);
    assert_true(s->rows[0].header);
    assert_int_equal(s->cursor, 1);
    /* Down through every meeting: never on a header, always one meeting further. */
    size_t seen = 1, crossed = 0;
    for (;;) {
        size_t was = s->cursor;
        press(f, TUI_SCREEN_MEETINGS, tui_char('j'));
        if (s->cursor == was)
            break;
        assert_false(s->rows[s->cursor].header);
        crossed += s->rows[s->cursor - 1].header;
        seen++;
        assert_true(s->cursor >= s->top && s->cursor < s->top + LIST_ROWS);
    }
    assert_int_equal(seen, s->count);
    assert_true(crossed > 10);
    assert_int_equal(s->cursor, s->row_count - 1);
    /* Up from the first meeting of the second week lands on the last of the first. */
    press(f, TUI_SCREEN_MEETINGS, tui_char('g'));
    assert_int_equal(s->cursor, 1);
    assert_int_equal(s->top, 0);
    size_t first_week = (size_t)s->rows[0].count;
    tui_fixture_repeat(&f->t, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_DOWN), (int)first_week);
    assert_true(s->rows[s->cursor - 1].header);
    press(f, TUI_SCREEN_MEETINGS, tui_char('k'));
    assert_int_equal(s->cursor, first_week);
    press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_UP));
    press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_UP));
    press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_UP));
    assert_int_equal(s->cursor, 1); /* k stops at the newest */
    /* Pages and ends never rest on a header. */
    for (int i = 0; i < 10; i++) {
        press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_PGDN));
        assert_false(s->rows[s->cursor].header);
    }
    assert_int_equal(s->cursor, s->row_count - 1);
    for (int i = 0; i < 10; i++) {
        press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_PGUP));
        assert_false(s->rows[s->cursor].header);
    }
    assert_int_equal(s->cursor, 1);
    press(f, TUI_SCREEN_MEETINGS, tui_char('G'));
    assert_int_equal(s->cursor, s->row_count - 1);
    press(f, TUI_SCREEN_MEETINGS, tui_code(TUI_KEY_HOME));
    assert_int_equal(s->cursor, 1);
    /* Other keys belong to the tabs. */
    assert_int_equal(press(f, TUI_SCREEN_MEETINGS, tui_char('q')), TUI_UNHANDLED);
}

static void test_weeks_start_on_monday_and_count_their_meetings(void **state)
{
    struct tui_fixture *f = *state;
    struct meetings_state *s = meetings(f);
    size_t header = 0;
    int counted = 0;
    for (size_t r = 0; r < s->row_count; r++) {
        if (s->rows[r].header) {
            if (r > 0)
                assert_int_equal(counted, s->rows[header].count);
            header = r;
            counted = 0;
            assert_int_equal(date_weekday(s->rows[r].week), 1);
            continue;
        }
        int32_t day = 0;
        assert_int_equal(date_parse(s->list[s->rows[r].meeting].date, &day), ODAAT_OK);
        assert_true(day >= s->rows[header].week && day < s->rows[header].week + 7);
        counted++;
    }
    assert_int_equal(counted, s->rows[header].count);
    /* The counts on top come from the app's status. */
    struct app_status status;
    assert_int_equal(app_status_get(f->t.app, &status), ODAAT_OK);
    assert_int_equal(s->counts.last_7, status.meetings.last_7);
    assert_int_equal(s->counts.last_90, status.meetings.last_90);
    app_status_free(&status);
}

static void test_todays_a_opens_the_meeting_form(void **state)
{
    struct tui_fixture *f = *state;
    void *today = tui_state(&f->t, TUI_SCREEN_TODAY);
    assert_non_null(today);
    unsigned flags = tui_screens[TUI_SCREEN_TODAY]->key(&f->t, today, tui_char('a'));
    assert_true(flags & TUI_REDRAW);
    assert_int_equal(f->t.current, TUI_SCREEN_MEETINGS);
    assert_true(typing(f, TUI_SCREEN_MEETINGS));
    assert_int_equal(meetings(f)->editing, 0);
    /* A second request keeps what was typed. */
    tab(f, MEETINGS_FIELD_NAME);
    type(f, TUI_SCREEN_MEETINGS, "Draft");
    tui_request(&f->t, TUI_SCREEN_MEETINGS, TUI_REQUEST_ADD);
    assert_string_equal(meetings(f)->form.text[MEETINGS_FIELD_NAME].text, "Draft");
}

static void test_a_programme_without_a_fellowship_leaves_the_field_empty(void **state)
{
    struct tui_fixture *f = *state;
    assert_int_equal(app_setting_set(f->t.app, "program", "other"), ODAAT_OK);
    reload(f, TUI_SCREEN_MEETINGS);
    press(f, TUI_SCREEN_MEETINGS, tui_char('a'));
    assert_string_equal(meetings(f)->form.text[MEETINGS_FIELD_FELLOWSHIP].text, "");
    assert_true(press(f, TUI_SCREEN_MEETINGS, tui_ctrl('s')) & TUI_CHANGED);
    size_t n = 0;
    struct meeting *list = meetings_on(f, TODAY, &n);
    assert_int_equal(n, 1);
    assert_null(list[0].fellowship);
    store_meeting_list_free(list, n);
}

static void test_unload_wipes_the_form_and_the_list(void **state)
{
    struct tui_fixture *f = *state;
    press(f, TUI_SCREEN_MEETINGS, tui_char('a'));
    tab(f, MEETINGS_FIELD_NAME);
    type(f, TUI_SCREEN_MEETINGS, "Private");
    struct meetings_state *s = meetings(f);
    tui_screens[TUI_SCREEN_MEETINGS]->unload(s);
    assert_null(s->list);
    assert_null(s->rows);
    assert_int_equal(s->form.text[MEETINGS_FIELD_NAME].len, 0);
    assert_null(memchr(s->form.text[MEETINGS_FIELD_NAME].text, 'P', TUI_FIELD_MAX));
    assert_false(typing(f, TUI_SCREEN_MEETINGS));
}

/* ==== Steps ================================================================================ */

static struct step step_record(struct tui_fixture *f, int number)
{
    struct app_steps all;
    assert_int_equal(app_steps_get(f->t.app, &all), ODAAT_OK);
    struct step copy = all.steps[number - 1];
    copy.note = NULL; /* the strings go with all */
    app_steps_free(&all);
    return copy;
}

static char *step_note(struct tui_fixture *f, int number)
{
    struct app_steps all;
    assert_int_equal(app_steps_get(f->t.app, &all), ODAAT_OK);
    char *note = all.steps[number - 1].note != NULL ? strdup(all.steps[number - 1].note) : NULL;
    app_steps_free(&all);
    return note;
}

static void test_the_steps_are_the_programmes_twelve(void **state)
{
    struct tui_fixture *f = *state;
    struct steps_state *s = steps(f);
    assert_int_equal(s->steps.count, 12);
    assert_false(s->steps.points);
    assert_int_equal(s->steps.steps[0].status, STEP_DONE);
    assert_int_equal(s->steps.steps[3].status, STEP_WORKING);
    assert_string_equal(s->steps.info[3].principle, "Courage");
    assert_int_equal(s->cursor, 0);
    press(f, TUI_SCREEN_STEPS, tui_char('G'));
    assert_int_equal(s->cursor, 11);
    press(f, TUI_SCREEN_STEPS, tui_char('j'));
    assert_int_equal(s->cursor, 11);
    press(f, TUI_SCREEN_STEPS, tui_char('g'));
    press(f, TUI_SCREEN_STEPS, tui_char('k'));
    assert_int_equal(s->cursor, 0);
    assert_int_equal(press(f, TUI_SCREEN_STEPS, tui_char('q')), TUI_UNHANDLED);
}

static void test_s_cycles_the_status_and_the_app_keeps_it(void **state)
{
    struct tui_fixture *f = *state;
    tui_fixture_repeat(&f->t, TUI_SCREEN_STEPS, tui_char('j'), 4);
    assert_int_equal(steps(f)->cursor, 4);
    assert_int_equal(step_record(f, 5).status, STEP_NOT_STARTED);

    assert_true(press(f, TUI_SCREEN_STEPS, tui_char('s')) & TUI_CHANGED);
    struct step st = step_record(f, 5);
    assert_int_equal(st.status, STEP_WORKING);
    assert_string_equal(st.started_on, TODAY);
    reload(f, TUI_SCREEN_STEPS);

    assert_true(press(f, TUI_SCREEN_STEPS, tui_char('s')) & TUI_CHANGED);
    st = step_record(f, 5);
    assert_int_equal(st.status, STEP_DONE);
    assert_string_equal(st.started_on, TODAY);
    assert_string_equal(st.completed_on, TODAY);
    reload(f, TUI_SCREEN_STEPS);

    /* Done back to not started clears dates: it asks first. */
    assert_int_equal(press(f, TUI_SCREEN_STEPS, tui_char('s')), TUI_REDRAW);
    assert_question(f, TUI_SCREEN_STEPS, "yes, back to not started");
    assert_int_equal(press(f, TUI_SCREEN_STEPS, tui_char('j')), TUI_NONE);
    assert_int_equal(press(f, TUI_SCREEN_STEPS, tui_char('n')), TUI_REDRAW);
    assert_int_equal(step_record(f, 5).status, STEP_DONE);
    press(f, TUI_SCREEN_STEPS, tui_char('s'));
    assert_true(press(f, TUI_SCREEN_STEPS, tui_char('y')) & TUI_CHANGED);
    st = step_record(f, 5);
    assert_int_equal(st.status, STEP_NOT_STARTED);
    assert_string_equal(st.started_on, "");
    assert_string_equal(st.completed_on, "");
    assert_non_null(strstr(f->t.message, "kept"));
}

static void test_enter_shows_the_step_work_of_step_4(void **state)
{
    struct tui_fixture *f = *state;
    tui_fixture_repeat(&f->t, TUI_SCREEN_STEPS, tui_code(TUI_KEY_DOWN), 3);
    assert_int_equal(press(f, TUI_SCREEN_STEPS, tui_code(TUI_KEY_ENTER)), TUI_REDRAW);
    struct steps_state *s = steps(f);
    assert_true(s->detail);
    assert_mode(f, TUI_SCREEN_STEPS, "step detail");
    assert_int_equal(s->work_count, 1);
    assert_int_equal(s->work[0].step, 4);
    assert_string_equal(s->work[0].title, "Step 4: starting the inventory");
    bool title = false, body = false, note = false;
    for (size_t i = 0; i < s->line_count; i++) {
        title |= strstr(s->lines[i].text, "Step 4: starting the inventory") != NULL;
        body |= strstr(s->lines[i].text, "Resentments first.") != NULL;
        note |= strstr(s->lines[i].text, "Sam's questions") != NULL;
        assert_true(tui_width(s->lines[i].text) + (size_t)s->lines[i].indent <= 76);
    }
    assert_true(title && body && note);
    /* It scrolls within its lines, and stays put after a reload. */
    press(f, TUI_SCREEN_STEPS, tui_char('G'));
    size_t bottom = s->scroll;
    assert_int_equal(bottom, s->line_count - DETAIL_ROWS);
    assert_true(bottom > 0);
    press(f, TUI_SCREEN_STEPS, tui_char('j'));
    assert_int_equal(s->scroll, bottom);
    reload(f, TUI_SCREEN_STEPS);
    assert_true(s->detail);
    assert_int_equal(s->scroll, bottom);
    assert_int_equal(s->work_count, 1);
    /* Another step has none; Esc goes back to the list. */
    press(f, TUI_SCREEN_STEPS, tui_code(TUI_KEY_LEFT));
    assert_int_equal(s->cursor, 2);
    assert_int_equal(s->work_count, 0);
    assert_int_equal(s->scroll, 0);
    press(f, TUI_SCREEN_STEPS, tui_code(TUI_KEY_ESC));
    assert_false(s->detail);
    assert_null(s->lines);
    assert_null(mode(f, TUI_SCREEN_STEPS));
}

static void test_new_step_work_shows_after_a_reload(void **state)
{
    struct tui_fixture *f = *state;
    tui_fixture_repeat(&f->t, TUI_SCREEN_STEPS, tui_char('j'), 3);
    press(f, TUI_SCREEN_STEPS, tui_code(TUI_KEY_ENTER));
    struct journal_entry e = {.title = (char *)(uintptr_t) "Fears",
                              .body = (char *)(uintptr_t) "Fear of being found out at work.",
                              .has_step = true,
                              .step = 4};
    assert_int_equal(app_journal_add(f->t.app, &e), ODAAT_OK);
    struct steps_state *s = reload(f, TUI_SCREEN_STEPS);
    assert_int_equal(s->work_count, 2);
    assert_string_equal(s->work[0].title, "Fears"); /* newest first */
}

static void test_n_edits_the_note_and_keeps_the_status(void **state)
{
    struct tui_fixture *f = *state;
    struct step before = step_record(f, 4);
    tui_fixture_repeat(&f->t, TUI_SCREEN_STEPS, tui_char('j'), 3);
    press(f, TUI_SCREEN_STEPS, tui_code(TUI_KEY_ENTER));
    assert_int_equal(press(f, TUI_SCREEN_STEPS, tui_char('n')), TUI_REDRAW);
    assert_true(typing(f, TUI_SCREEN_STEPS));
    assert_mode(f, TUI_SCREEN_STEPS, "step note");
    struct steps_state *s = steps(f);
    assert_string_equal(s->note.text, "A few lines each morning, with Sam's questions.");
    press(f, TUI_SCREEN_STEPS, tui_ctrl('u'));
    type(f, TUI_SCREEN_STEPS, "Resentments done; fears next. q 4");
    assert_true(press(f, TUI_SCREEN_STEPS, tui_code(TUI_KEY_ENTER)) & TUI_CHANGED);
    assert_false(typing(f, TUI_SCREEN_STEPS));
    char *note = step_note(f, 4);
    assert_string_equal(note, "Resentments done; fears next. q 4");
    free(note);
    struct step after = step_record(f, 4);
    assert_int_equal(after.status, STEP_WORKING);
    assert_string_equal(after.started_on, before.started_on);
    /* The detail view shows the new note once reloaded. */
    s = reload(f, TUI_SCREEN_STEPS);
    bool shown = false;
    for (size_t i = 0; i < s->line_count; i++)
        shown |= strcmp(s->lines[i].text, "Resentments done; fears next. q 4") == 0;
    assert_true(shown);
}

static void test_esc_on_a_changed_note_asks_before_it_is_lost(void **state)
{
    struct tui_fixture *f = *state;
    press(f, TUI_SCREEN_STEPS, tui_char('n'));
    assert_int_equal(press(f, TUI_SCREEN_STEPS, tui_code(TUI_KEY_ESC)), TUI_REDRAW);
    assert_false(typing(f, TUI_SCREEN_STEPS)); /* unchanged: closed at once */
    assert_null(mode(f, TUI_SCREEN_STEPS));
    press(f, TUI_SCREEN_STEPS, tui_char('n'));
    type(f, TUI_SCREEN_STEPS, " Again.");
    press(f, TUI_SCREEN_STEPS, tui_code(TUI_KEY_ESC));
    assert_question(f, TUI_SCREEN_STEPS, "leave without saving");
    press(f, TUI_SCREEN_STEPS, tui_char('n'));
    assert_true(typing(f, TUI_SCREEN_STEPS));
    press(f, TUI_SCREEN_STEPS, tui_code(TUI_KEY_ESC));
    assert_int_equal(press(f, TUI_SCREEN_STEPS, tui_char('y')), TUI_REDRAW);
    assert_false(typing(f, TUI_SCREEN_STEPS));
    char *note = step_note(f, 1);
    assert_string_equal(note, "Read it through with Sam, slowly.");
    free(note);
    /* Enter on an unchanged note changes nothing. */
    press(f, TUI_SCREEN_STEPS, tui_char('n'));
    assert_int_equal(press(f, TUI_SCREEN_STEPS, tui_code(TUI_KEY_ENTER)), TUI_REDRAW);
}

static void test_smart_shows_the_four_points(void **state)
{
    struct tui_fixture *f = *state;
    assert_int_equal(app_setting_set(f->t.app, "program", "smart"), ODAAT_OK);
    struct steps_state *s = reload(f, TUI_SCREEN_STEPS);
    assert_true(s->steps.points);
    assert_int_equal(s->steps.count, 4);
    assert_null(s->steps.info[0].principle);
    press(f, TUI_SCREEN_STEPS, tui_char('G'));
    assert_int_equal(s->cursor, 3);
    assert_true(press(f, TUI_SCREEN_STEPS, tui_char('s')) & TUI_CHANGED);
    assert_non_null(strstr(f->t.message, "Point 4"));
    s = reload(f, TUI_SCREEN_STEPS);
    assert_int_equal(s->steps.steps[3].status, STEP_WORKING);
    press(f, TUI_SCREEN_STEPS, tui_code(TUI_KEY_ENTER));
    assert_non_null(strstr(s->lines[0].text, "Point 4"));
    /* The meeting form's fellowship follows the programme too. */
    press(f, TUI_SCREEN_MEETINGS, tui_char('a'));
    assert_string_equal(meetings(f)->form.text[MEETINGS_FIELD_FELLOWSHIP].text, "SMART");
}

int main(void)
{
    setlocale(LC_ALL, "");
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, tui_fixture_setup, tui_fixture_teardown)
        T(test_a_opens_a_form_with_today_and_the_programmes_fellowship),
        T(test_saving_the_defaults_logs_a_meeting_today),
        T(test_enter_on_the_last_field_saves_the_choices),
        T(test_edit_changes_the_meeting_under_the_cursor),
        T(test_edit_keeps_a_long_note_it_did_not_touch),
        T(test_a_bad_time_is_refused_and_the_form_keeps_what_was_typed),
        T(test_a_date_after_today_is_refused_with_the_date_in_focus),
        T(test_the_form_keeps_q_and_digits_as_text),
        T(test_esc_leaves_at_once_without_changes_and_asks_with_them),
        T(test_delete_asks_first_n_keeps_and_y_deletes),
        T(test_the_cursor_steps_over_week_headers),
        T(test_weeks_start_on_monday_and_count_their_meetings),
        T(test_todays_a_opens_the_meeting_form),
        T(test_a_programme_without_a_fellowship_leaves_the_field_empty),
        T(test_unload_wipes_the_form_and_the_list),
        T(test_the_steps_are_the_programmes_twelve),
        T(test_s_cycles_the_status_and_the_app_keeps_it),
        T(test_enter_shows_the_step_work_of_step_4),
        T(test_new_step_work_shows_after_a_reload),
        T(test_n_edits_the_note_and_keeps_the_status),
        T(test_esc_on_a_changed_note_asks_before_it_is_lost),
        T(test_smart_shows_the_four_points),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
