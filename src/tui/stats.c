/*
 * stats: how the last months went, at a glance. A calendar of 26 weeks with a cell for each
 * day checked in (its role from the mood), sparklines of mood and craving over 30 or 90
 * days with their averages and which way they lean, meetings per week over 12 weeks, and
 * the check-in streak. The numbers describe; nothing here grades the person. A day without
 * a check-in is a quiet dot, never a mark against them.
 *
 * The 90-day sparklines put two days in each cell (45 cells): 90 cells and their labels do
 * not fit in 80 columns, and a week per cell would flatten the shape.
 */
#include <stdio.h>
#include <string.h>

#include "odaat/date.h"
#include "odaat/output.h"
#include "tui_internal.h"
#include "tui_milestones.h"

enum stats_action {
    STATS_RANGE_NEXT,
    STATS_RANGE_PREV,
};

/* clang-format off */
static const struct tui_binding stats_bindings[] = {
    {TUI_CODE(TUI_KEY_RIGHT), "←/→", "range: 30 or 90 days", STATS_RANGE_NEXT, true, false},
    {TUI_CODE(TUI_KEY_LEFT), "←", "", STATS_RANGE_PREV, false, true},
};
/* clang-format on */

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The heatmap: weeks as columns, two terminal columns each; Monday to Sunday as rows. */
#define STATS_WEEKS      26
#define STATS_HEAT_X     7
#define STATS_SPARK_X    19
#define STATS_MEET_COLS  (APP_STATS_WEEKS * 3 - 1)
#define STATS_LEVEL_DIFF 0.25 /* a change in the mean smaller than this reads as level */

/* ==== The series: pure, so the unit test can check them ================================== */

struct mean {
    double sum;
    int count;
};

static void mean_add(struct mean *m, double value)
{
    m->sum += value;
    m->count++;
}

static double mean_get(const struct mean *m)
{
    return m->count > 0 ? m->sum / m->count : -1;
}

static bool has_mood(const struct app_day *d)
{
    return d->checked_in && d->mood >= 1 && d->mood <= 5;
}

static bool has_craving(const struct app_day *d)
{
    return d->checked_in && d->craving >= 0 && d->craving <= 10;
}

/* Up, down or level: the mean of the range's second half against its first. */
static enum stats_trend trend_of(const struct mean *first, const struct mean *second)
{
    if (first->count == 0 || second->count == 0)
        return STATS_TREND_NONE;
    double diff = mean_get(second) - mean_get(first);
    if (diff >= STATS_LEVEL_DIFF)
        return STATS_TREND_UP;
    if (diff <= -STATS_LEVEL_DIFF)
        return STATS_TREND_DOWN;
    return STATS_TREND_LEVEL;
}

/* Fills the cells of the range from the days: one day per cell for 30 days, two for 90. */
static void make_series(struct stats_state *s)
{
    int range = s->range == 90 ? 90 : 30;
    int per = range == 90 ? 2 : 1;
    s->cells = (size_t)(range / per);
    const struct app_day *days = &s->stats.days[APP_STATS_DAYS - range];
    struct mean mood_half[2] = {{0}}, craving_half[2] = {{0}};
    for (size_t c = 0; c < s->cells; c++) {
        struct mean mood = {0}, craving = {0};
        for (int k = 0; k < per; k++) {
            int i = (int)c * per + k;
            const struct app_day *d = &days[i];
            int half = i < range / 2 ? 0 : 1;
            if (has_mood(d)) {
                mean_add(&mood, d->mood);
                mean_add(&mood_half[half], d->mood);
            }
            if (has_craving(d)) {
                mean_add(&craving, d->craving);
                mean_add(&craving_half[half], d->craving);
            }
        }
        s->mood[c] = mean_get(&mood);
        s->craving[c] = mean_get(&craving);
    }
    s->mood_trend = trend_of(&mood_half[0], &mood_half[1]);
    s->craving_trend = trend_of(&craving_half[0], &craving_half[1]);
}

/* ==== Loading and keys ====================================================================== */

static void stats_unload(void *state)
{
    struct stats_state *s = state;
    if (s->loaded)
        app_stats_free(&s->stats);
    memset(&s->stats, 0, sizeof s->stats);
    memset(s->mood, 0, sizeof s->mood);
    memset(s->craving, 0, sizeof s->craving);
    s->loaded = false;
}

static enum odaat_err stats_load(struct tui *t, void *state)
{
    struct stats_state *s = state;
    stats_unload(s);
    enum odaat_err err = app_stats_get(t->app, &s->stats);
    if (err != ODAAT_OK)
        return err;
    s->loaded = true;
    if (s->range != 90)
        s->range = 30;
    make_series(s);
    return ODAAT_OK;
}

static unsigned stats_key(struct tui *t, void *state, struct tui_key key)
{
    struct stats_state *s = state;
    (void)t;
    switch (tui_binding_find(stats_bindings, COUNT_OF(stats_bindings), key)) {
    case STATS_RANGE_NEXT:
    case STATS_RANGE_PREV:
        /* Two ranges: either arrow goes to the other. */
        s->range = s->range == 90 ? 30 : 90;
        make_series(s);
        return TUI_REDRAW;
    default:
        return TUI_UNHANDLED;
    }
}

/* ==== Drawing ================================================================================ */

/* A check-in's role by its mood: a hard day stands out, a good one is green. */
static enum tui_role mood_role(const struct app_day *d)
{
    if (!has_mood(d))
        return TUI_ROLE_NORMAL;
    return d->mood <= 2 ? TUI_ROLE_WARN : d->mood == 3 ? TUI_ROLE_NORMAL : TUI_ROLE_GOOD;
}

static void draw_month_labels(const struct tui *t, int y, int32_t first_monday)
{
    int last_end = 0;
    int first_label_week = STATS_WEEKS;
    for (int w = 0; w < STATS_WEEKS; w++) {
        struct date_ymd sunday = date_to_ymd(first_monday + 7 * w + 6);
        if (sunday.day <= 7) {
            first_label_week = w;
            break;
        }
    }
    /* The first column names its month too, when the next label leaves room. */
    if (first_label_week >= 2) {
        struct date_ymd monday = date_to_ymd(first_monday);
        last_end = STATS_HEAT_X +
                   draw_text(y, STATS_HEAT_X, -1, TUI_ROLE_MUTED, date_month_abbr(monday.month));
    }
    for (int w = 0; w < STATS_WEEKS; w++) {
        struct date_ymd sunday = date_to_ymd(first_monday + 7 * w + 6);
        int x = STATS_HEAT_X + 2 * w;
        if (sunday.day > 7 || x <= last_end)
            continue;
        last_end = x + draw_text(y, x, t->cols - x, TUI_ROLE_MUTED, date_month_abbr(sunday.month));
    }
}

static void draw_heatmap(struct tui *t, const struct stats_state *s, int y)
{
    const struct tui_glyphs *g = tui_glyphs(t);
    const struct app_day *days = s->stats.days;
    int32_t today = days[APP_STATS_DAYS - 1].date;
    int32_t first_monday = today - (date_weekday(today) - 1) - 7 * (STATS_WEEKS - 1);
    draw_text(y, 2, t->cols - 4, TUI_ROLE_TITLE, "Check-ins, last 26 weeks (colour = mood)");
    draw_month_labels(t, y + 1, first_monday);
    for (int wd = 0; wd < 7; wd++) {
        int row = y + 2 + wd;
        if (wd % 2 == 0)
            draw_text(row, 2, 3, TUI_ROLE_MUTED, date_weekday_abbr(wd + 1));
        for (int w = 0; w < STATS_WEEKS; w++) {
            int32_t date = first_monday + 7 * w + wd;
            int32_t back = today - date;
            if (back < 0 || back >= APP_STATS_DAYS)
                continue; /* days to come, or before the history the app gives */
            const struct app_day *d = &days[APP_STATS_DAYS - 1 - back];
            int x = STATS_HEAT_X + 2 * w;
            if (d->checked_in)
                draw_text(row, x, 1, mood_role(d), g->cell);
            else
                draw_text(row, x, 1, TUI_ROLE_MUTED, g->dot);
        }
    }
    /* The key to the roles, beside the calendar where there is room. */
    int kx = STATS_HEAT_X + 2 * STATS_WEEKS + 2;
    static const struct {
        int mood;
        const char *text;
    } key[] = {{5, "mood 4-5"}, {3, "mood 3"}, {1, "mood 1-2"}};
    for (size_t i = 0; i < COUNT_OF(key) && kx + 10 <= t->cols; i++) {
        struct app_day d = {.checked_in = true, .mood = key[i].mood};
        draw_text(y + 3 + (int)i, kx, 1, mood_role(&d), g->cell);
        draw_text(y + 3 + (int)i, kx + 2, -1, TUI_ROLE_MUTED, key[i].text);
    }
    draw_printf(y + 9, STATS_HEAT_X, t->cols - STATS_HEAT_X - 1, TUI_ROLE_MUTED,
                "%s checked in (colour = mood)  %s no check-in", g->cell, g->dot);
}

static const char *trend_glyph(const struct tui *t, enum stats_trend trend)
{
    switch (trend) {
    case STATS_TREND_UP:
        return t->utf8 ? "↑" : "^";
    case STATS_TREND_DOWN:
        return t->utf8 ? "↓" : "v";
    case STATS_TREND_LEVEL:
        return t->utf8 ? "→" : "-";
    default:
        return "";
    }
}

/* One sparkline row: label, cells, the range's average and its trend. */
static void draw_spark_row(struct tui *t, const struct stats_state *s, int y, const char *what,
                           const double *values, double lo, double hi,
                           const struct app_average *avg, enum stats_trend trend, int avg_x)
{
    draw_printf(y, 2, STATS_SPARK_X - 3, TUI_ROLE_NORMAL, "%s %d days", what, s->range);
    if (avg->count == 0) {
        draw_printf(y, STATS_SPARK_X, -1, TUI_ROLE_MUTED, "no check-ins with a %s yet",
                    strcmp(what, "Mood") == 0 ? "mood" : "craving");
        return;
    }
    draw_spark(t, y, STATS_SPARK_X, values, s->cells, lo, hi, TUI_ROLE_ACCENT);
    int used = draw_printf(y, avg_x, -1, TUI_ROLE_NORMAL, "avg %.1f", avg->mean);
    draw_text(y, avg_x + used + 2, -1, TUI_ROLE_NORMAL, trend_glyph(t, trend));
}

/* Meetings per week: a bar two columns wide per week, oldest first. */
static void draw_meetings(struct tui *t, const struct stats_state *s, int y, int avg_x)
{
    double values[2];
    int max = 1, total = 0;
    for (size_t i = 0; i < APP_STATS_WEEKS; i++) {
        if (s->stats.weeks[i].meetings > max)
            max = s->stats.weeks[i].meetings;
        total += s->stats.weeks[i].meetings;
    }
    draw_text(y, 2, STATS_SPARK_X - 3, TUI_ROLE_NORMAL, "Meetings/week");
    for (size_t i = 0; i < APP_STATS_WEEKS; i++) {
        values[0] = values[1] = s->stats.weeks[i].meetings;
        draw_spark(t, y, STATS_SPARK_X + 3 * (int)i, values, 2, 0, max, TUI_ROLE_NORMAL);
    }
    draw_printf(y, avg_x, -1, TUI_ROLE_NORMAL, "avg %.1f", (double)total / APP_STATS_WEEKS);
    draw_printf(y + 1, STATS_SPARK_X, -1, TUI_ROLE_MUTED,
                "the last %d weeks, this week on the right", APP_STATS_WEEKS);
}

static void stats_draw(struct tui *t, void *state)
{
    struct stats_state *s = state;
    const struct app_stats *st = &s->stats;
    int y = t->body_top;
    draw_heatmap(t, s, y);
    y += 11;
    int widest = (int)s->cells > STATS_MEET_COLS ? (int)s->cells : STATS_MEET_COLS;
    int avg_x = STATS_SPARK_X + widest + 3;
    const struct app_average *mood = s->range == 90 ? &st->mood_90 : &st->mood_30;
    const struct app_average *craving = s->range == 90 ? &st->craving_90 : &st->craving_30;
    draw_spark_row(t, s, y, "Mood", s->mood, 1, 5, mood, s->mood_trend, avg_x);
    draw_spark_row(t, s, y + 1, "Craving", s->craving, 0, 10, craving, s->craving_trend, avg_x);
    draw_meetings(t, s, y + 2, avg_x);
    char n1[32], n2[32];
    const struct stats_checkins *c = &st->status.checkins;
    draw_text(y + 5, 2, STATS_SPARK_X - 3, TUI_ROLE_NORMAL, "Check-in streak");
    draw_printf(y + 5, STATS_SPARK_X, -1, TUI_ROLE_NORMAL, "%s day%s (longest %s)",
                output_count(c->current, n1, sizeof n1), c->current == 1 ? "" : "s",
                output_count(c->longest, n2, sizeof n2));
}

const struct tui_screen tui_screen_stats = {
    .title = "Stats",
    .bindings = stats_bindings,
    .binding_count = COUNT_OF(stats_bindings),
    .state_size = sizeof(struct stats_state),
    .load = stats_load,
    .unload = stats_unload,
    .key = stats_key,
    .draw = stats_draw,
};
