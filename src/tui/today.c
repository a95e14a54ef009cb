/*
 * today: the front door. Each tracker's clean time, largest; the next milestone with a bar;
 * a congratulation once for what was reached since the last visit; today's check-in,
 * streaks, meetings, the step being worked, and one short line for the day. One key away:
 * check in, log a meeting, write in the journal, people to call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/clock.h"
#include "odaat/date.h"
#include "odaat/output.h"
#include "tui_internal.h"

enum today_action {
    TODAY_CHECKIN,
    TODAY_MEETING,
    TODAY_JOURNAL,
    TODAY_HELP_NOW,
    TODAY_NEXT_TRACKER,
    TODAY_PREV_TRACKER,
};

/* clang-format off */
static const struct tui_binding today_bindings[] = {
    {TUI_CHAR('c'), "c", "check in", TODAY_CHECKIN, true, false},
    {TUI_CHAR('a'), "a", "add meeting", TODAY_MEETING, true, false},
    {TUI_CHAR('j'), "j", "journal", TODAY_JOURNAL, true, false},
    {TUI_CHAR('h'), "h", "help now", TODAY_HELP_NOW, true, false},
    {TUI_CODE(TUI_KEY_RIGHT), "←/→", "more trackers, when there are more than two",
     TODAY_NEXT_TRACKER, false, false},
    {TUI_CODE(TUI_KEY_LEFT), "←", "", TODAY_PREV_TRACKER, false, true},
};
/* clang-format on */

/* Short lines for the day, one chosen by the date so it changes daily and stays put all day. */
static const char *const daily_lines[] = {
    "Just for today: I will do the next right thing.",
    "Just for today: I will be kind to myself.",
    "Just for today: I will reach out before I need to.",
    "Just for today: I will not carry tomorrow.",
    "Just for today: one thing at a time, and this one well.",
    "Just for today: I will listen more than I speak.",
    "Just for today: I will notice one thing I am grateful for.",
};

#define TODAY_CONGRATS_MAX 160

struct today_state {
    struct app_status status;
    bool loaded;
    size_t first_tracker; /* the left card, when there are more than two */
    char congrats[TODAY_CONGRATS_MAX];
    bool has_hours; /* hours_text is shown for the first tracker in its first days */
    char hours_text[32];
};

static void today_unload(void *state)
{
    struct today_state *s = state;
    if (s->loaded)
        app_status_free(&s->status);
    s->loaded = false;
}

/* "412 days. Every one of them counts" for the newest fresh milestone of any tracker. */
static void make_congrats(struct today_state *s)
{
    s->congrats[0] = '\0';
    for (size_t i = 0; i < s->status.tracker_count; i++) {
        const struct app_tracker_view *v = &s->status.trackers[i];
        if (v->fresh_count == 0)
            continue;
        const struct milestone_item *m = &v->fresh[v->fresh_count - 1];
        char name[64];
        snprintf(name, sizeof name, "%s", v->tracker.name);
        if (name[0] >= 'a' && name[0] <= 'z')
            name[0] = (char)(name[0] - 'a' + 'A');
        snprintf(s->congrats, sizeof s->congrats,
                 "You reached %s (%s). Every one of those days counts.", m->label, name);
        return;
    }
}

/* Hours since a streak began, for its first three days: from its start time when one was
 * given, else from the first clean day's midnight. Real clock only: with --today the time of
 * day is not known. */
static void make_hours(struct tui *t, struct today_state *s)
{
    s->has_hours = false;
    if (s->status.tracker_count == 0 || t->today_override != NULL)
        return;
    const struct streak *st = &s->status.trackers[0].current;
    int32_t start = 0;
    struct clock_moment now;
    if (st->meta.id == 0 || date_parse(st->start_date, &start) != ODAAT_OK ||
        clock_local_now(&now) != ODAAT_OK)
        return;
    int start_min =
        st->start_time[0] != '\0' ? atoi(st->start_time) * 60 + atoi(st->start_time + 3) : 0;
    long minutes = (long)(now.date - start) * 1440 + now.minute - start_min;
    if (minutes < 0 || minutes >= 72 * 60)
        return;
    snprintf(s->hours_text, sizeof s->hours_text, "%ld hour%s", minutes / 60,
             minutes / 60 == 1 ? "" : "s");
    s->has_hours = true;
}

static enum odaat_err today_load(struct tui *t, void *state)
{
    struct today_state *s = state;
    today_unload(s);
    enum odaat_err err = app_status_get(t->app, &s->status);
    if (err != ODAAT_OK)
        return err;
    s->loaded = true;
    if (s->first_tracker >= s->status.tracker_count)
        s->first_tracker = 0;
    make_congrats(s);
    make_hours(t, s);
    /* Each milestone is celebrated once: what shows now is marked as seen, and the loop
     * saves that after this frame. */
    bool marked = false;
    for (size_t i = 0; i < s->status.tracker_count; i++) {
        if (s->status.trackers[i].fresh_count == 0)
            continue;
        if (app_milestones_mark_seen(t->app, s->status.trackers[i].tracker.name) == ODAAT_OK)
            marked = true;
    }
    if (marked)
        t->save_soon = true;
    return ODAAT_OK;
}

static unsigned today_key(struct tui *t, void *state, struct tui_key key)
{
    struct today_state *s = state;
    switch (
        tui_binding_find(today_bindings, sizeof today_bindings / sizeof today_bindings[0], key)) {
    case TODAY_CHECKIN:
        return tui_goto(t, TUI_SCREEN_CHECKIN);
    case TODAY_MEETING:
        return tui_request(t, TUI_SCREEN_MEETINGS, TUI_REQUEST_ADD);
    case TODAY_JOURNAL:
        return tui_request(t, TUI_SCREEN_JOURNAL, TUI_REQUEST_ADD);
    case TODAY_HELP_NOW:
        return tui_goto(t, TUI_SCREEN_HELPNOW);
    case TODAY_NEXT_TRACKER:
        if (s->first_tracker + 2 < s->status.tracker_count)
            s->first_tracker += 2;
        return TUI_REDRAW;
    case TODAY_PREV_TRACKER:
        s->first_tracker = s->first_tracker >= 2 ? s->first_tracker - 2 : 0;
        return TUI_REDRAW;
    default:
        return TUI_UNHANDLED;
    }
}

/* One tracker's card: name above, then days, the duration, the next rung and a bar. */
static void draw_card(struct tui *t, const struct today_state *s, size_t i, int y, int x, int w)
{
    const struct app_tracker_view *v = &s->status.trackers[i];
    const struct milestone_report *r = &v->report;
    char name[64], line[96], count[32], when[32];
    snprintf(name, sizeof name, "%s", v->tracker.name);
    if (name[0] >= 'a' && name[0] <= 'z')
        name[0] = (char)(name[0] - 'a' + 'A');
    draw_text(y, x, w, TUI_ROLE_TITLE, name);
    draw_box(t, y + 1, x, 6, w, TUI_ROLE_MUTED);
    int inner = w - 4;
    if (v->current.meta.id == 0) {
        draw_text(y + 3, x + 2, inner, TUI_ROLE_MUTED, "no open streak");
        return;
    }
    snprintf(line, sizeof line, "%s day%s", output_count(r->days, count, sizeof count),
             r->days == 1 ? "" : "s");
    int pad = (inner - (int)tui_width(line)) / 2;
    draw_text(y + 2, x + 2 + (pad > 0 ? pad : 0), inner, TUI_ROLE_ACCENT, line);
    if (i == 0 && s->has_hours)
        snprintf(line, sizeof line, "%s", s->hours_text);
    else if (r->days == 0)
        snprintf(line, sizeof line, "day one: welcome");
    else
        output_duration(&r->duration, line, sizeof line);
    pad = (inner - (int)tui_width(line)) / 2;
    draw_text(y + 3, x + 2 + (pad > 0 ? pad : 0), inner, TUI_ROLE_NORMAL, line);
    if (r->next == NULL) {
        draw_text(y + 4, x + 2, inner, TUI_ROLE_MUTED, "every day counts");
        return;
    }
    struct date_ymd ymd = date_to_ymd(r->next->date);
    snprintf(when, sizeof when, "%d %s", ymd.day, date_month_abbr(ymd.month));
    snprintf(line, sizeof line, "next: %s %s %s", r->next->label, tui_glyphs(t)->dot, when);
    draw_text(y + 4, x + 2, inner, TUI_ROLE_NORMAL, line);
    /* The bar runs from the last rung reached (or the start) to the next. */
    int32_t from = r->start;
    for (size_t k = 0; k < r->item_count; k++) {
        if (r->items[k].reached && r->items[k].date > from)
            from = r->items[k].date;
    }
    double span = r->next->date - from;
    double fraction = span > 0 ? (r->today - from) / span : 1;
    draw_bar(t, y + 5, x + 2, inner - 6, fraction, TUI_ROLE_GOOD);
    draw_printf(y + 5, x + 2 + inner - 5, 5, TUI_ROLE_NORMAL, "%4d%%", (int)(fraction * 100));
}

static void draw_line(int y, const char *label, enum tui_role role, const char *text)
{
    draw_text(y, 2, 12, TUI_ROLE_MUTED, label);
    draw_text(y, 15, -1, role, text);
}

static void today_draw(struct tui *t, void *state)
{
    struct today_state *s = state;
    const struct app_status *st = &s->status;
    int y = t->body_top;
    int w = (t->cols - 8) / 2 < 34 ? (t->cols - 8) / 2 : 34;
    for (size_t i = s->first_tracker; i < st->tracker_count && i < s->first_tracker + 2; i++)
        draw_card(t, s, i, y, 2 + (int)(i - s->first_tracker) * (w + 4), w);
    if (st->tracker_count > 2)
        draw_printf(y, t->cols - 16, 15, TUI_ROLE_MUTED, "%zu of %zu  ←/→",
                    s->first_tracker / 2 + 1, (st->tracker_count + 1) / 2);
    if (st->tracker_count == 0)
        draw_text(y + 3, 4, -1, TUI_ROLE_MUTED, "No tracker yet: add one on 9 Settings.");
    y += 8;
    if (s->congrats[0] != '\0') {
        draw_printf(y, 2, -1, TUI_ROLE_GOOD, "%s %s", tui_glyphs(t)->star, s->congrats);
    }
    y += 2;
    char text[160], n1[32], n2[32];
    if (st->checked_in) {
        snprintf(text, sizeof text, "checked in%s%s", st->checkin.has_mood ? ", mood " : "",
                 st->checkin.has_mood ? (const char *[]){"", "1 awful", "2 low", "3 okay", "4 good",
                                                         "5 great"}[st->checkin.mood]
                                      : "");
        draw_line(y, "Today", TUI_ROLE_GOOD, text);
        draw_text(y, 48, -1, TUI_ROLE_MUTED, "c  edit it");
    } else {
        draw_line(y, "Today", TUI_ROLE_WARN, "not checked in yet");
        draw_text(y, 48, -1, TUI_ROLE_ACCENT, "c  check in now");
    }
    snprintf(text, sizeof text, "%s day%s of check-ins (longest %s)",
             output_count(st->checkins.current, n1, sizeof n1),
             st->checkins.current == 1 ? "" : "s",
             output_count(st->checkins.longest, n2, sizeof n2));
    draw_line(y + 1, "Streak", TUI_ROLE_NORMAL, text);
    int len = snprintf(text, sizeof text, "%d in the last 7 days", st->meetings.last_7);
    if (st->ninety_active && len > 0)
        snprintf(text + len, sizeof text - (size_t)len, " %s 90 in 90: %d of 90, day %d",
                 tui_glyphs(t)->dot, st->ninety.count, st->ninety.day);
    draw_line(y + 2, "Meetings", TUI_ROLE_NORMAL, text);
    if (st->has_step) {
        char since[32];
        int32_t started = 0;
        size_t count = 0;
        const struct app_step_info *info = app_program_steps(st->step.program, &count);
        const char *principle = NULL;
        for (size_t k = 0; k < count; k++) {
            if (info[k].number == st->step.number)
                principle = info[k].principle != NULL ? info[k].principle : info[k].title;
        }
        if (date_parse(st->step.started_on, &started) == ODAAT_OK)
            tui_date(since, sizeof since, started, TUI_DATE_MEDIUM);
        else
            snprintf(since, sizeof since, "a while");
        snprintf(text, sizeof text, "%d %s %s %s working since %s", st->step.number,
                 tui_glyphs(t)->dot, principle != NULL ? principle : "", tui_glyphs(t)->dot, since);
        draw_line(y + 3, "Step", TUI_ROLE_NORMAL, text);
    }
    size_t n = sizeof daily_lines / sizeof daily_lines[0];
    draw_text(y + 5, 2, -1, TUI_ROLE_MUTED, daily_lines[(size_t)(st->today % (int32_t)n)]);
}

const struct tui_screen tui_screen_today = {
    .title = "Today",
    .bindings = today_bindings,
    .binding_count = sizeof today_bindings / sizeof today_bindings[0],
    .state_size = sizeof(struct today_state),
    .load = today_load,
    .unload = today_unload,
    .key = today_key,
    .draw = today_draw,
};
