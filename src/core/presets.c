/*
 * presets: the milestone ladders odaat ships, as data. They follow common group customs
 * (chips and keytags vary between groups and are not official literature); people may
 * replace them. Changing a preset changes what existing users see: add, do not rename.
 */
#include "odaat/milestone.h"

#include <string.h>

/* The "24 hours" rung is one calendar day: it is reached on the day after the first clean
 * day, which is what the JSON contract calls {"unit": "days", "count": 1}. */
static const struct milestone_rung ladder_twelve_step[] = {
    {MILESTONE_DAYS, 1, "24 hours", NULL}, {MILESTONE_DAYS, 30, NULL, NULL},
    {MILESTONE_DAYS, 60, NULL, NULL},      {MILESTONE_DAYS, 90, NULL, NULL},
    {MILESTONE_MONTHS, 6, NULL, NULL},     {MILESTONE_MONTHS, 9, NULL, NULL},
    {MILESTONE_YEARS, 1, NULL, NULL},      {MILESTONE_MONTHS, 18, NULL, NULL},
};

/* NA keytags, with their usual colours as optional labels. */
static const struct milestone_rung ladder_na[] = {
    {MILESTONE_DAYS, 0, "welcome", "white"}, {MILESTONE_DAYS, 30, NULL, "orange"},
    {MILESTONE_DAYS, 60, NULL, "green"},     {MILESTONE_DAYS, 90, NULL, "red"},
    {MILESTONE_MONTHS, 6, NULL, "blue"},     {MILESTONE_MONTHS, 9, NULL, "yellow"},
    {MILESTONE_YEARS, 1, NULL, "glow"},      {MILESTONE_MONTHS, 18, NULL, "gray"},
};

/* Opt-in round numbers of days; after 1,000 days, every further 1,000. */
static const struct milestone_rung ladder_extras[] = {
    {MILESTONE_DAYS, 100, NULL, NULL},
    {MILESTONE_DAYS, 200, NULL, NULL},
    {MILESTONE_DAYS, 500, NULL, NULL},
    {MILESTONE_DAYS, 1000, NULL, NULL},
};

#define LADDER(rungs) (rungs), sizeof(rungs) / sizeof((rungs)[0])

static const struct milestone_ladder presets[] = {
    {"ca", "Cocaine Anonymous (a common custom; groups vary)", LADDER(ladder_twelve_step),
     MILESTONE_YEARS, 1, NULL},
    {"aa", "Alcoholics Anonymous (a common custom; groups vary)", LADDER(ladder_twelve_step),
     MILESTONE_YEARS, 1, NULL},
    {"na", "Narcotics Anonymous keytags", LADDER(ladder_na), MILESTONE_YEARS, 1, "black"},
    /* SMART Recovery does not centre on counts: no rungs, the day count alone. */
    {"smart", "SMART Recovery (no milestones; the day count is shown)", NULL, 0, MILESTONE_DAYS, 0,
     NULL},
    {"none", "No milestones", NULL, 0, MILESTONE_DAYS, 0, NULL},
    {"extras", "Round numbers of days (100, 200, 500, 1,000, then every 1,000)",
     LADDER(ladder_extras), MILESTONE_DAYS, 1000, NULL},
};

size_t milestone_preset_count(void)
{
    return sizeof presets / sizeof presets[0];
}

const struct milestone_ladder *milestone_preset_at(size_t i)
{
    return i < milestone_preset_count() ? &presets[i] : NULL;
}

const struct milestone_ladder *milestone_preset(const char *id)
{
    if (id == NULL)
        return NULL;
    for (size_t i = 0; i < milestone_preset_count(); i++) {
        if (strcmp(presets[i].id, id) == 0)
            return &presets[i];
    }
    return NULL;
}
