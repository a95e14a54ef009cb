/*
 * tui_milestones: the states of the Milestones and Stats screens, shared by milestones.c,
 * stats.c and their unit test, which drives the screens' keys and looks at what they hold
 * (the tracker shown, the scroll, the steps of starting again, the range of the sparklines).
 * Nothing else should reach into them: other screens go through tui_state and tui_goto.
 */
#ifndef ODAAT_TUI_MILESTONES_H
#define ODAAT_TUI_MILESTONES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "odaat/app.h"
#include "odaat/date.h"
#include "tui_form.h"

/* The steps of starting again after a use, in order. */
enum milestones_step {
    MILESTONES_STEP_NONE, /* the ladder and history show */
    MILESTONES_STEP_USE,  /* when did you last use? */
    MILESTONES_STEP_RESTART,
    MILESTONES_STEP_NOTE,
    MILESTONES_STEP_CONFIRM, /* y/n */
};

struct milestones_state {
    struct tracker *trackers; /* every tracker; archived ones are skipped */
    size_t tracker_count;
    int64_t shown_id; /* the tracker shown, kept across reloads; 0: the first active one */
    bool has_view;
    struct app_tracker_view view; /* the tracker shown, when has_view */
    int32_t today;
    int scroll; /* rows of the content above the body */
    enum milestones_step step;
    struct tui_field use, restart, note;
    char restart_default[DATE_ISO_SIZE]; /* what the restart field was filled with */
};

/* The sparklines hold one cell per day for 30 days, one per two days for 90. */
#define STATS_CELLS_MAX 45

enum stats_trend {
    STATS_TREND_NONE, /* too few check-ins in one half to compare */
    STATS_TREND_UP,
    STATS_TREND_DOWN,
    STATS_TREND_LEVEL,
};

struct stats_state {
    bool loaded;
    struct app_stats stats;
    int range; /* 30 or 90 days */
    /* The sparklines of the range, ready to draw: a mean per cell, -1 where no check-in
     * gave a value. */
    size_t cells;
    double mood[STATS_CELLS_MAX];
    double craving[STATS_CELLS_MAX];
    enum stats_trend mood_trend, craving_trend;
};

#endif
