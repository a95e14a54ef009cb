/*
 * demo: a made-up person's records, to try odaat without a store of one's own and to show the
 * full-screen interface with something on every screen. The records live only in memory (the
 * app has no vault, so nothing is ever saved) and come from a fixed seed, dated back from
 * today, so the same day always gives the same demo. The words are calm and kind on purpose:
 * someone trying odaat out may be in a fragile place, and the demo is the first thing they see.
 *
 * It writes through the store's own functions, with the store's time set to the day each
 * record belongs to, so created_at dates (which date the journal) spread over the past.
 */
#include "odaat/app.h"

#include <stdio.h>
#include <string.h>

#include "odaat/date.h"
#include "odaat/store.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Days back from today at which the sample history sits. */
#define DEMO_COCAINE_START  412  /* the current streak's first clean day */
#define DEMO_EARLIER_USE    416  /* the day of use that closed the earlier streak */
#define DEMO_EARLIER_LENGTH 245  /* days in the earlier streak */
#define DEMO_ALCOHOL_START  1206 /* the alcohol tracker's first clean day */
#define DEMO_RECENT_DAYS    200  /* check-ins and meetings cover this many days */
#define DEMO_JOURNAL_DAYS   365
#define DEMO_JOURNAL_COUNT  40
#define DEMO_BODY_MIN       200
#define DEMO_BODY_MAX       1500

/* The journal entry that belongs to step 4 (one of the newest, after the step was started). */
#define DEMO_STEP_ENTRY 30
#define DEMO_STEP_START 120 /* days back: when step 4 was started */

/* A small generator of our own (xorshift32), not rand(): rand() is shared state another part
 * of the program could disturb, and its sequence differs between C libraries. */
struct demo_rng {
    uint32_t state;
};

static uint32_t rng_next(struct demo_rng *r)
{
    r->state ^= r->state << 13;
    r->state ^= r->state >> 17;
    r->state ^= r->state << 5;
    return r->state;
}

/* Returns a number from 0 to n - 1 (n > 0). */
static int rng_below(struct demo_rng *r, int n)
{
    return (int)(rng_next(r) % (uint32_t)n);
}

struct demo {
    struct app *app;
    struct store *store;
    int32_t today;
    struct demo_rng rng;
};

/* The store reads a record's strings and never writes them; its structs just say char *. */
static char *borrow(const char *text)
{
    return (char *)(uintptr_t)text;
}

/* Sets the store's time to hour:minute UTC on the day days_ago before today, so a record is
 * created on its own day. */
static void demo_at(struct demo *d, int32_t days_ago, unsigned hour, unsigned minute)
{
    char date[DATE_ISO_SIZE], stamp[MODEL_TIMESTAMP_SIZE];
    snprintf(stamp, sizeof stamp, "%sT%02u:%02u:00Z", date_format(d->today - days_ago, date),
             hour % 24, minute % 60);
    store_set_now(d->store, stamp);
}

static enum odaat_err demo_settings(struct demo *d)
{
    demo_at(d, DEMO_ALCOHOL_START, 11, 0);
    enum odaat_err err = store_setting_set(d->store, "program", "ca");
    if (err == ODAAT_OK)
        err = store_setting_set(d->store, "day_boundary_hour", "0");
    if (err == ODAAT_OK)
        err = store_setting_set(d->store, "idle_lock_minutes", "5");
    return err;
}

/* Adds a tracker whose first streak starts days_ago before today; its id goes to *id. */
static enum odaat_err demo_tracker(struct demo *d, const char *name, const char *preset,
                                   int32_t days_ago, int64_t *id)
{
    struct tracker t = {
        .name = borrow(name), .kind = TRACKER_SUBSTANCE, .date_is = MILESTONE_FIRST_CLEAN_DAY};
    snprintf(t.preset, sizeof t.preset, "%s", preset);
    demo_at(d, days_ago, 10, 0);
    enum odaat_err err = store_tracker_put(d->store, &t);
    struct streak s = {.tracker_id = t.meta.id};
    date_format(d->today - days_ago, s.start_date);
    if (err == ODAAT_OK)
        err = store_streak_put(d->store, &s);
    *id = t.meta.id;
    return err;
}

/* Cocaine: an earlier streak that ended with a kind note, then the current one. Alcohol: one
 * long streak. */
static enum odaat_err demo_trackers(struct demo *d)
{
    int64_t cocaine = 0, alcohol = 0;
    enum odaat_err err = demo_tracker(d, "alcohol", "aa", DEMO_ALCOHOL_START, &alcohol);
    if (err == ODAAT_OK)
        err = demo_tracker(d, "cocaine", "ca", DEMO_EARLIER_USE + DEMO_EARLIER_LENGTH, &cocaine);
    struct streak earlier;
    if (err == ODAAT_OK)
        err = store_streak_get_open(d->store, cocaine, &earlier);
    if (err != ODAAT_OK)
        return err;
    char *own_note = earlier.end_note;
    date_format(d->today - DEMO_EARLIER_USE, earlier.end_date);
    earlier.end_note = borrow("Went to a party I should have skipped.");
    demo_at(d, DEMO_EARLIER_USE, 12, 30);
    err = store_streak_put(d->store, &earlier);
    earlier.end_note = own_note;
    store_streak_free(&earlier);
    struct streak current = {.tracker_id = cocaine};
    date_format(d->today - DEMO_COCAINE_START, current.start_date);
    demo_at(d, DEMO_COCAINE_START, 9, 15);
    return err == ODAAT_OK ? store_streak_put(d->store, &current) : err;
}

/* Marks the milestones reached on tracker as congratulated, each on the day it was reached;
 * with keep_newest, all but the newest, so the demo shows one congratulation. */
static enum odaat_err demo_milestones_seen(struct demo *d, const char *tracker, bool keep_newest)
{
    struct app_tracker_view view;
    enum odaat_err err = app_tracker_view_get(d->app, tracker, &view);
    if (err != ODAAT_OK)
        return err;
    size_t newest = 0;
    for (size_t i = 1; i < view.fresh_count; i++) {
        if (view.fresh[i].date >= view.fresh[newest].date)
            newest = i;
    }
    for (size_t i = 0; err == ODAAT_OK && i < view.fresh_count; i++) {
        if (keep_newest && i == newest)
            continue;
        struct milestone_seen seen = {.tracker_id = view.tracker.meta.id,
                                      .unit = view.fresh[i].unit,
                                      .count = view.fresh[i].count};
        demo_at(d, d->today - view.fresh[i].date, 8, 0);
        err = store_milestone_seen_put(d->store, &seen);
    }
    app_tracker_view_free(&view);
    return err;
}

/* ---- Check-ins ---------------------------------------------------------------------------- */

static const char *const demo_triggers[] = {"stress", "payday", "tired", "people", "lonely"};

static const char *const demo_gratitude[] = {
    "a long walk by the canal",
    "Sam picking up the phone",
    "a good night's sleep",
    "coffee with Élodie",
    "the Tuesday group",
    "a text from my sister",
    "sunshine on the way to work",
    "cooking a proper dinner",
    "laughing after the meeting",
    "clean sheets",
    "a quiet morning",
    "一日一日",
};

static const char *const demo_checkin_notes[] = {
    "Quiet day. Went to bed early.",
    "Busy at work but steady.",
    "Called Sam on the way home.",
    "The craving passed after a walk.",
    "Low this morning, better by the evening.",
    "Good chat after the meeting.",
    "Payday: paid the bills and went straight home.",
    "Tired. Ate something warm and rested.",
    "Saw Élodie at the market.",
    "Ordinary day, and that is fine.",
    "Read for an hour before sleep.",
    "Felt proud of myself today.",
};

/* Picks count different words from words into items, starting at a random one. */
static void pick_distinct(struct demo_rng *r, const char *const *words, size_t word_count,
                          char **items, size_t count)
{
    size_t first = (size_t)rng_below(r, (int)word_count);
    for (size_t i = 0; i < count; i++)
        items[i] = borrow(words[(first + i) % word_count]);
}

static int clamp(int value, int lo, int hi)
{
    return value < lo ? lo : value > hi ? hi : value;
}

/* Check-ins on most of the recent days, the mood rising and the cravings easing over time.
 * Today is left open, so the demo invites a check-in. */
static enum odaat_err demo_checkins(struct demo *d)
{
    enum odaat_err err = ODAAT_OK;
    for (int ago = DEMO_RECENT_DAYS - 1; err == ODAAT_OK && ago >= 1; ago--) {
        if (rng_below(&d->rng, 8) == 0)
            continue;                              /* people miss a day now and then */
        int progress = DEMO_RECENT_DAYS - 1 - ago; /* 0 .. 198 */
        struct checkin c = {.has_mood = true, .has_craving = true};
        c.mood = clamp(2 + progress * 2 / (DEMO_RECENT_DAYS - 1) + rng_below(&d->rng, 3) - 1, 1, 5);
        c.craving =
            clamp(6 - progress * 5 / (DEMO_RECENT_DAYS - 1) + rng_below(&d->rng, 5) - 2, 0, 10);
        date_format(d->today - ago, c.date);
        char *triggers[2], *gratitude[2];
        c.triggers.items = triggers;
        c.triggers.count = (size_t)rng_below(&d->rng, c.craving >= 4 ? 3 : 2);
        pick_distinct(&d->rng, demo_triggers, ARRAY_LEN(demo_triggers), triggers, c.triggers.count);
        c.gratitude.items = gratitude;
        c.gratitude.count = 1 + (size_t)rng_below(&d->rng, 2);
        pick_distinct(&d->rng, demo_gratitude, ARRAY_LEN(demo_gratitude), gratitude,
                      c.gratitude.count);
        if (rng_below(&d->rng, 2) == 0)
            c.note = borrow(demo_checkin_notes[rng_below(&d->rng, ARRAY_LEN(demo_checkin_notes))]);
        demo_at(d, ago, 18 + (unsigned)rng_below(&d->rng, 3), (unsigned)rng_below(&d->rng, 60));
        err = store_checkin_put(d->store, &c);
    }
    return err;
}

/* ---- Meetings ----------------------------------------------------------------------------- */

/* The person's week of meetings; the Sunday one is an occasional extra. */
static const struct demo_meeting {
    int weekday; /* 1 Monday .. 7 Sunday */
    const char *time;
    const char *name;
    enum meeting_format format;
    const char *location;
    int one_in; /* attended on about one week in this many */
} demo_meetings[] = {
    {2, "19:30", "Tuesday Step Group", MEETING_IN_PERSON, "St Mark's church hall", 1},
    {4, "19:00", "Thursday Speaker Meeting", MEETING_ONLINE, "video call", 1},
    {6, "10:30", "Saturday Morning Hope", MEETING_IN_PERSON, "Community centre, room 2", 1},
    {7, "18:00", "Sunday Newcomers", MEETING_PHONE, "phone bridge", 4},
};

static const char *const demo_meeting_notes[] = {
    "Shared about the first weeks.",         "Made the tea and set out the chairs.",
    "A newcomer came; gave them my number.", "Good topic: patience.",
    "Went for coffee afterwards.",
};

static enum meeting_role demo_role(struct demo_rng *r, int progress)
{
    int roll = rng_below(r, 20);
    if (roll < 5)
        return MEETING_SHARED;
    if (roll == 5)
        return MEETING_SERVICE;
    if (roll == 6 && progress > DEMO_RECENT_DAYS / 2)
        return MEETING_CHAIRED; /* trusted with the chair later on */
    return MEETING_ATTENDED;
}

/* About three meetings a week over the recent days. */
static enum odaat_err demo_meeting_log(struct demo *d)
{
    enum odaat_err err = ODAAT_OK;
    for (int ago = DEMO_RECENT_DAYS; err == ODAAT_OK && ago >= 1; ago--) {
        int weekday = date_weekday(d->today - ago);
        for (size_t i = 0; err == ODAAT_OK && i < ARRAY_LEN(demo_meetings); i++) {
            const struct demo_meeting *dm = &demo_meetings[i];
            if (dm->weekday != weekday || rng_below(&d->rng, dm->one_in) != 0 ||
                rng_below(&d->rng, 9) == 0)
                continue;
            struct meeting m = {.fellowship = borrow("CA"),
                                .name = borrow(dm->name),
                                .format = dm->format,
                                .location = borrow(dm->location),
                                .role = demo_role(&d->rng, DEMO_RECENT_DAYS - ago)};
            date_format(d->today - ago, m.date);
            snprintf(m.time, sizeof m.time, "%s", dm->time);
            if (rng_below(&d->rng, 5) == 0)
                m.note =
                    borrow(demo_meeting_notes[rng_below(&d->rng, ARRAY_LEN(demo_meeting_notes))]);
            demo_at(d, ago, 21, (unsigned)rng_below(&d->rng, 60));
            err = store_meeting_put(d->store, &m);
        }
    }
    return err;
}

/* ---- Steps -------------------------------------------------------------------------------- */

static enum odaat_err demo_steps(struct demo *d)
{
    static const struct {
        int number;
        enum step_status status;
        int started; /* days ago */
        int completed;
        const char *note;
    } steps[] = {
        {1, STEP_DONE, 400, 371, "Read it through with Sam, slowly."},
        {2, STEP_DONE, 370, 330, "Hope came back a little at a time."},
        {3, STEP_DONE, 329, 301, NULL},
        {4, STEP_WORKING, DEMO_STEP_START, 0, "A few lines each morning, with Sam's questions."},
    };
    enum odaat_err err = ODAAT_OK;
    for (size_t i = 0; err == ODAAT_OK && i < ARRAY_LEN(steps); i++) {
        struct step s = {
            .number = steps[i].number, .status = steps[i].status, .note = borrow(steps[i].note)};
        snprintf(s.program, sizeof s.program, "%s", "ca");
        date_format(d->today - steps[i].started, s.started_on);
        if (steps[i].status == STEP_DONE)
            date_format(d->today - steps[i].completed, s.completed_on);
        demo_at(d, steps[i].status == STEP_DONE ? steps[i].completed : steps[i].started, 20, 0);
        err = store_step_put(d->store, &s);
    }
    return err;
}

/* ---- Journal ------------------------------------------------------------------------------ */

static const char *const demo_titles[DEMO_JOURNAL_COUNT] = {
    "This morning",
    "First week back at meetings",
    "What Sam said about fear",
    "Payday, and home by six",
    "一日一日",
    "Walking after work",
    "Coffee with Élodie",
    "Tired but steady",
    "The Tuesday group",
    "Writing it down helps",
    "Small wins",
    "A hard evening, and then a call",
    "Sleep is coming back",
    "Cooking again",
    "Mum's birthday",
    "Six months",
    "The craving that passed",
    "Rain, and a long bath",
    "Service: making the tea",
    "Learning to say no",
    "Honesty",
    "Letting people in",
    "A good share",
    "Back to swimming",
    "Lonely evening, kind voices",
    "Gratitude list",
    "Reading in the park",
    "Élodie's story",
    "Patience",
    "Work is busy",
    "Step 4: starting the inventory",
    "A letter I won't send",
    "Weekend plans",
    "Sitting with feelings",
    "日々是好日",
    "An ordinary Tuesday",
    "The newcomer",
    "Hope",
    "Looking back, looking forward",
    "Tonight",
};

static const char *const demo_sentences[] = {
    "Woke up before the alarm and sat with a cup of tea by the window for a while.",
    "The craving came in the afternoon, around four, and I let it pass like weather.",
    "Called Sam on the way home. We talked for ten minutes and I felt lighter afterwards.",
    "Work was busy, but I took my lunch break outside and that helped more than I expected.",
    "At the meeting someone shared about their first year, and I recognised so much of it.",
    "I am learning that tired and hungry feel a lot like wanting to use. I ate something and "
    "slept early.",
    "Élodie texted to ask how I was doing. It is good to have people who ask and mean it.",
    "一日一日. One day at a time. I wrote it on a card and keep it in my wallet.",
    "Payday used to be the hardest day of the month. This time I paid the bills, bought "
    "groceries and went home.",
    "Felt lonely this evening. Instead of sitting with it alone I joined the online meeting and "
    "listened.",
    "Slept eight hours for the first time in weeks. Everything looks a little softer today.",
    "I noticed I was hard on myself about a small mistake at work. Sam says progress, not "
    "perfection.",
    "Went for a long walk by the canal. The herons were out, and the light on the water was "
    "lovely.",
    "Cooked a proper dinner and ate it at the table instead of in front of a screen.",
    "Some days are just ordinary, and I am grateful for ordinary.",
    "I wrote a gratitude list: my sister, the Tuesday group, clean sheets, the bus driver who "
    "waited for me.",
    "There was a party on Friday. I said no, and went to the cinema with a friend instead.",
    "Stress at work today. I stepped outside, breathed slowly for a minute, and went back in.",
    "Made the tea and set out the chairs before the meeting. Small service, but it keeps me "
    "close.",
    "My mum called. We talked about nothing in particular, which is its own kind of healing.",
    "Read a few pages before bed. I used to love reading, and it turns out I still do.",
    "I shared at the meeting tonight. My voice shook a little, and people nodded. That was "
    "enough.",
    "Feeling steadier than a month ago. Not every day, but more days than not.",
    "Élodie and I went to the market on Saturday morning and bought far too many oranges.",
    "Rain all day. I stayed in, tidied the flat and phoned two people from the group.",
    "Some memories came up today. I let myself feel them, and then I wrote them down here.",
    "I am allowed to rest. Rest is part of this too.",
    "A friend from the old days got in touch. I was kind, I kept my distance, and that feels "
    "right.",
    "Sam asked what I am grateful for today. The list was longer than I expected.",
    "Tonight I noticed the craving was a four, not an eight. Something is changing, slowly.",
    "日々是好日: every day is a good day, or at least every day can hold something good.",
    "Planning the weekend ahead helps: a meeting, a walk, a film, an early night.",
    "I used to think I had to fix everything at once. Today I only had to stay clean and be "
    "kind.",
};

static const char demo_step_body[] =
    "Started my fourth step today with Sam. We are going slowly: a few lines each morning, with "
    "the questions Sam gave me. Resentments first.\n\n"
    "It is uncomfortable in places, but it is honest, and I can see patterns I never noticed "
    "before. Sam reminded me to write down my strengths as well, not only the hard parts.\n\n"
    "I am not doing this to punish myself. I am doing it to understand myself. One page at a "
    "time, 一日一日.";

/* Writes into body (DEMO_BODY_MAX + 1 bytes) whole sentences, a paragraph every three, until
 * it holds at least target bytes, never more than DEMO_BODY_MAX. */
static void demo_body(struct demo_rng *r, size_t target, char *body)
{
    size_t len = 0, sentences = 0, last = ARRAY_LEN(demo_sentences);
    body[0] = '\0';
    while (len < target) {
        size_t pick = (size_t)rng_below(r, (int)ARRAY_LEN(demo_sentences));
        if (pick == last)
            continue;
        const char *gap = sentences == 0 ? "" : sentences % 3 == 0 ? "\n\n" : " ";
        size_t need = strlen(gap) + strlen(demo_sentences[pick]);
        if (len + need > DEMO_BODY_MAX)
            break;
        len += (size_t)snprintf(body + len, DEMO_BODY_MAX + 1 - len, "%s%s", gap,
                                demo_sentences[pick]);
        last = pick;
        sentences++;
    }
}

/* About forty entries over the past year, one of them step work. */
static enum odaat_err demo_journal(struct demo *d)
{
    char body[DEMO_BODY_MAX + 1];
    enum odaat_err err = ODAAT_OK;
    for (int k = 0; err == ODAAT_OK && k < DEMO_JOURNAL_COUNT; k++) {
        int ago = DEMO_JOURNAL_DAYS - 1 - k * DEMO_JOURNAL_DAYS / DEMO_JOURNAL_COUNT -
                  rng_below(&d->rng, 5);
        struct journal_entry e = {.title = borrow(demo_titles[k]), .body = body};
        if (k == DEMO_STEP_ENTRY) {
            ago = DEMO_STEP_START;
            e.body = borrow(demo_step_body);
            e.has_step = true;
            e.step = 4;
        } else {
            size_t target =
                DEMO_BODY_MIN + (size_t)rng_below(&d->rng, DEMO_BODY_MAX - DEMO_BODY_MIN + 1);
            demo_body(&d->rng, target, body);
        }
        if (rng_below(&d->rng, 2) == 0) {
            e.has_mood = true;
            e.mood = clamp(2 + k * 3 / DEMO_JOURNAL_COUNT + rng_below(&d->rng, 2), 1, 5);
        }
        demo_at(d, ago, 10 + (unsigned)rng_below(&d->rng, 4), (unsigned)rng_below(&d->rng, 60));
        err = store_journal_put(d->store, &e);
    }
    return err;
}

/* ---- Contacts ----------------------------------------------------------------------------- */

/* Phone numbers from the ranges set aside for drama, so none belongs to anyone. */
static enum odaat_err demo_contacts(struct demo *d)
{
    static const struct {
        const char *name;
        enum contact_role role;
        const char *phone;
        const char *note;
    } contacts[] = {
        {"Sam", CONTACT_SPONSOR, "+44 7700 900123",
         "My sponsor. Happy to take a call any time before ten at night."},
        {"Élodie", CONTACT_FRIEND, "+44 7700 900456",
         "From the Saturday group. Good for a walk and a talk."},
        {"CA helpline", CONTACT_HELPLINE, "0808 157 0192",
         "A member of the fellowship answers. Free to call."},
    };
    enum odaat_err err = ODAAT_OK;
    for (size_t i = 0; err == ODAAT_OK && i < ARRAY_LEN(contacts); i++) {
        struct contact c = {.name = borrow(contacts[i].name),
                            .role = contacts[i].role,
                            .phone = borrow(contacts[i].phone),
                            .note = borrow(contacts[i].note)};
        demo_at(d, DEMO_COCAINE_START - 3 * (int32_t)i, 19, 0);
        err = store_contact_put(d->store, &c);
    }
    return err;
}

enum odaat_err app_demo_open(const char *today_override, struct app **out)
{
    *out = NULL;
    struct demo d = {.rng = {0x0daa7u}};
    enum odaat_err err = app_open_memory(today_override, &d.app);
    if (err != ODAAT_OK)
        return err;
    d.store = app_store(d.app);
    d.today = app_today(d.app);
    err = demo_settings(&d);
    if (err == ODAAT_OK)
        err = demo_trackers(&d);
    if (err == ODAAT_OK)
        err = demo_milestones_seen(&d, "alcohol", false);
    if (err == ODAAT_OK)
        err = demo_milestones_seen(&d, "cocaine", true);
    if (err == ODAAT_OK)
        err = demo_checkins(&d);
    if (err == ODAAT_OK)
        err = demo_meeting_log(&d);
    if (err == ODAAT_OK)
        err = demo_steps(&d);
    if (err == ODAAT_OK)
        err = demo_journal(&d);
    if (err == ODAAT_OK)
        err = demo_contacts(&d);
    if (err != ODAAT_OK) {
        app_close(d.app);
        return err;
    }
    *out = d.app;
    return ODAAT_OK;
}
