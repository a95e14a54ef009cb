/*
 * records: the use cases of a person's day-to-day records: check-ins read back, meetings, step
 * work, the journal, people to call in a hard moment, and the statistics over all of them. It
 * holds their rules (a meeting not after today, a step's dates in order, no blank journal
 * entry) and the programmes' steps as data, in our own neutral words. Like the rest of the app
 * layer it never prints, never reads a terminal and never saves: the caller saves after a
 * change succeeded, so a refused change never reaches the disk.
 */
#include "odaat/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/clock.h"
#include "odaat/date.h"
#include "odaat/store.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Programmes as data ------------------------------------------------------------------ */

/* Short titles of our own (never the fellowships' wording, which is theirs) with the
 * principles commonly paired with each step. */
static const struct app_step_info twelve_steps[] = {
    {1, "Admitting the problem", "Honesty"},
    {2, "Finding hope", "Hope"},
    {3, "Deciding to accept help", "Faith"},
    {4, "Taking a personal inventory", "Courage"},
    {5, "Sharing the inventory", "Integrity"},
    {6, "Becoming ready to change", "Willingness"},
    {7, "Asking for change, humbly", "Humility"},
    {8, "Listing the harm done", "Love"},
    {9, "Making amends", "Discipline"},
    {10, "Keeping up the inventory", "Perseverance"},
    {11, "Reflection and meditation", "Awareness"},
    {12, "Carrying the message", "Service"},
};

/* SMART Recovery's Four Points: no principles are paired with them. */
static const struct app_step_info smart_points[] = {
    {1, "Building and keeping motivation", NULL},
    {2, "Coping with urges", NULL},
    {3, "Managing thoughts, feelings and behaviours", NULL},
    {4, "Living a balanced life", NULL},
};

static const struct programme {
    const char *program;
    const char *fellowship; /* a meeting's fellowship when none is given; NULL: none */
    const struct app_step_info *steps;
    size_t count;
} programmes[] = {
    {"ca", "CA", twelve_steps, ARRAY_LEN(twelve_steps)},
    {"aa", "AA", twelve_steps, ARRAY_LEN(twelve_steps)},
    {"na", "NA", twelve_steps, ARRAY_LEN(twelve_steps)},
    {"smart", "SMART", smart_points, ARRAY_LEN(smart_points)},
    {"other", NULL, twelve_steps, ARRAY_LEN(twelve_steps)}, /* the last: the fallback */
};

/* The programme called program; "other" for one odaat does not know (an imported setting). */
static const struct programme *programme_find(const char *program)
{
    for (size_t i = 0; i < ARRAY_LEN(programmes); i++) {
        if (strcmp(programmes[i].program, program) == 0)
            return &programmes[i];
    }
    return &programmes[ARRAY_LEN(programmes) - 1];
}

const struct app_step_info *app_program_steps(const char *program, size_t *count)
{
    const struct programme *p = programme_find(program);
    *count = p->count;
    return p->steps;
}

/* Reads the "program" setting into program; "ca", the set-up default, when there is none. */
static enum odaat_err program_get(struct app *app, char program[static MODEL_SLUG_SIZE])
{
    char *value = NULL;
    enum odaat_err err = app_setting_get(app, "program", &value);
    if (err == ODAAT_ERR_NOT_FOUND) {
        snprintf(program, MODEL_SLUG_SIZE, "%s", "ca");
        return ODAAT_OK;
    }
    if (err == ODAAT_OK)
        snprintf(program, MODEL_SLUG_SIZE, "%s", value);
    free(value);
    return err;
}

/* ODAAT_OK when number is a step of the store's programme, else ODAAT_ERR_NOT_FOUND. */
static enum odaat_err step_known(struct app *app, int number)
{
    char program[MODEL_SLUG_SIZE];
    enum odaat_err err = program_get(app, program);
    if (err != ODAAT_OK)
        return err;
    size_t count = programme_find(program)->count;
    return number >= 1 && (size_t)number <= count ? ODAAT_OK : ODAAT_ERR_NOT_FOUND;
}

/* ---- Words, short fields, times ---------------------------------------------------------- */

#define RECORD_WORD(name, word) word,
static const char *const meeting_format_words[] = {MODEL_MEETING_FORMATS(RECORD_WORD)};
static const char *const meeting_role_words[] = {MODEL_MEETING_ROLES(RECORD_WORD)};
static const char *const step_status_words[] = {MODEL_STEP_STATUSES(RECORD_WORD)};
static const char *const contact_role_words[] = {MODEL_CONTACT_ROLES(RECORD_WORD)};
#undef RECORD_WORD

static bool in_range(int value, size_t count)
{
    return value >= 0 && (size_t)value < count;
}

static const char *word_of(const char *const *words, size_t count, int value)
{
    return in_range(value, count) ? words[value] : NULL;
}

/* The index of word in words (whose NULL entries match nothing), or -1. */
static int word_index(const char *const *words, size_t count, const char *word)
{
    for (size_t i = 0; word != NULL && i < count; i++) {
        if (words[i] != NULL && strcmp(words[i], word) == 0)
            return (int)i;
    }
    return -1;
}

/* The _word and _parse pair of one fixed set of words. */
#define WORD_FUNCTIONS(fn, type, words)                                                            \
    const char *app_##fn##_word(enum type value)                                                   \
    {                                                                                              \
        return word_of(words, ARRAY_LEN(words), (int)value);                                       \
    }                                                                                              \
    bool app_##fn##_parse(const char *word, enum type *out)                                        \
    {                                                                                              \
        int i = word_index(words, ARRAY_LEN(words), word);                                         \
        if (i >= 0)                                                                                \
            *out = (enum type)i;                                                                   \
        return i >= 0;                                                                             \
    }

WORD_FUNCTIONS(meeting_format, meeting_format, meeting_format_words)
WORD_FUNCTIONS(meeting_role, meeting_role, meeting_role_words)
WORD_FUNCTIONS(step_status, step_status, step_status_words)
WORD_FUNCTIONS(contact_role, contact_role, contact_role_words)

bool app_short_text_valid(const char *text)
{
    if (text == NULL)
        return true;
    size_t len = strlen(text);
    if (len > APP_SHORT_TEXT_MAX)
        return false;
    /* A newline or an escape sequence in a title would break every listing that shows it. */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x20 || c == 0x7f)
            return false;
    }
    return true;
}

/* Returns the value of two ASCII digits, or -1. */
static int two_digits(const char *text)
{
    if (text[0] < '0' || text[0] > '9' || text[1] < '0' || text[1] > '9')
        return -1;
    return (text[0] - '0') * 10 + (text[1] - '0');
}

bool app_time_valid(const char *text)
{
    if (text == NULL || strlen(text) != 5 || text[2] != ':')
        return false;
    int hour = two_digits(text), minute = two_digits(text + 3);
    return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59;
}

/* True when text is NULL or holds nothing but spaces, tabs and line ends. */
static bool blank(const char *text)
{
    return text == NULL || text[strspn(text, " \t\r\n")] == '\0';
}

/* The store reads a record's strings and never writes them; its structs just say char *. */
static char *borrow(const char *text)
{
    return (char *)(uintptr_t)text;
}

/* text, or NULL for an empty one: optional fields keep "none" as NULL, never as "". */
static char *none_if_empty(const char *text)
{
    return text != NULL && text[0] != '\0' ? borrow(text) : NULL;
}

enum odaat_err app_local_moment(const char *utc, struct clock_moment *out)
{
    int32_t day;
    if (utc == NULL || strlen(utc) != MODEL_TIMESTAMP_SIZE - 1 || utc[10] != 'T' ||
        utc[13] != ':' || utc[16] != ':' || utc[19] != 'Z' ||
        date_parse_n(utc, 10, &day) != ODAAT_OK)
        return ODAAT_ERR_INVALID;
    int hour = two_digits(utc + 11), minute = two_digits(utc + 14), second = two_digits(utc + 17);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
        return ODAAT_ERR_INVALID;
    /* POSIX time gives every UTC day exactly 86,400 seconds, so this is the instant itself; the
     * clock module alone turns it into local time. */
    time_t instant = (time_t)day * 86400 + (time_t)(hour * 3600 + minute * 60 + second);
    return clock_local_at(instant, out);
}

/* ---- Shared steps ------------------------------------------------------------------------ */

/* Stamps the store with the current UTC time before a write. */
static enum odaat_err records_touch(struct app *app)
{
    char now[CLOCK_STAMP_SIZE];
    enum odaat_err err = clock_utc_stamp(now);
    if (err == ODAAT_OK)
        store_set_now(app_store(app), now);
    return err;
}

/* Checks the bounds of a listing: each a real date, and from not after to. */
static enum odaat_err range_check(const char *from, const char *to)
{
    int32_t first = 0, last = 0;
    enum odaat_err err = ODAAT_OK;
    if (from != NULL)
        err = date_parse(from, &first);
    if (err == ODAAT_OK && to != NULL)
        err = date_parse(to, &last);
    if (err == ODAAT_OK && from != NULL && to != NULL && first > last)
        err = ODAAT_ERR_INVALID;
    return err;
}

/* The day number of a date the store gave (it has checked the shape). */
static int32_t stored_day(const char *iso)
{
    int32_t day = INT32_MIN;
    date_parse(iso, &day);
    return day;
}

/* ---- Check-ins --------------------------------------------------------------------------- */

enum odaat_err app_checkin_list(struct app *app, const char *from, const char *to,
                                struct checkin **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    enum odaat_err err = range_check(from, to);
    return err == ODAAT_OK ? store_checkin_list(app_store(app), from, to, out, count) : err;
}

enum odaat_err app_checkin_get(struct app *app, const char *date, struct checkin *out, bool *found)
{
    memset(out, 0, sizeof *out);
    *found = false;
    int32_t day = app_today(app);
    enum odaat_err err = date != NULL ? date_parse(date, &day) : ODAAT_OK;
    if (err != ODAAT_OK)
        return err;
    char iso[DATE_ISO_SIZE];
    err = store_checkin_get_by_date(app_store(app), date_format(day, iso), out);
    if (err == ODAAT_ERR_NOT_FOUND)
        return ODAAT_OK; /* a day without a check-in is not a fault: the form starts empty */
    *found = err == ODAAT_OK;
    return err;
}

/* ---- Meetings ---------------------------------------------------------------------------- */

/* Checks what a meeting holds apart from its date; returns the error for the first fault. */
static enum odaat_err meeting_check(const struct meeting *in)
{
    if (in->time[0] != '\0' && !app_time_valid(in->time))
        return ODAAT_ERR_TIME_SYNTAX;
    if (!app_short_text_valid(in->fellowship) || !app_short_text_valid(in->name) ||
        !app_short_text_valid(in->location) || !in_range((int)in->format, MEETING_FORMAT_COUNT) ||
        !in_range((int)in->role, MEETING_ROLE_COUNT))
        return ODAAT_ERR_INVALID;
    return ODAAT_OK;
}

enum odaat_err app_meeting_fellowship_default(struct app *app, const char **out)
{
    char program[MODEL_SLUG_SIZE];
    *out = NULL;
    enum odaat_err err = program_get(app, program);
    if (err == ODAAT_OK)
        *out = programme_find(program)->fellowship;
    return err;
}

/* Checks the meeting a person gave and makes from it in *m the record to store (borrowing
 * in's strings): the date written out (empty: today), the programme's fellowship for a NULL
 * one, and empty fields as none. An add and an update share it, so both obey one rule. */
static enum odaat_err meeting_prepare(struct app *app, const struct meeting *in, struct meeting *m)
{
    int32_t day = app_today(app);
    enum odaat_err err = in->date[0] != '\0' ? date_parse(in->date, &day) : ODAAT_OK;
    if (err == ODAAT_OK)
        err = meeting_check(in);
    if (err == ODAAT_OK && day > app_today(app))
        err = ODAAT_ERR_INVALID; /* a meeting is logged once it happened */
    if (err != ODAAT_OK)
        return err;
    *m = *in;
    date_format(day, m->date);
    if (in->fellowship == NULL) {
        const char *fellowship = NULL;
        if ((err = app_meeting_fellowship_default(app, &fellowship)) != ODAAT_OK)
            return err;
        m->fellowship = borrow(fellowship);
    }
    m->fellowship = none_if_empty(m->fellowship);
    m->name = none_if_empty(in->name);
    m->location = none_if_empty(in->location);
    m->note = none_if_empty(in->note);
    return ODAAT_OK;
}

/* Writes m (an insert when its id is 0) and, on success, gives in its meta and date. */
static enum odaat_err meeting_store(struct app *app, struct meeting *m, struct meeting *in)
{
    enum odaat_err err = records_touch(app);
    if (err == ODAAT_OK)
        err = store_meeting_put(app_store(app), m);
    if (err == ODAAT_OK) {
        in->meta = m->meta;
        memcpy(in->date, m->date, sizeof in->date);
    }
    return err;
}

enum odaat_err app_meeting_add(struct app *app, struct meeting *in)
{
    struct meeting m;
    enum odaat_err err = meeting_prepare(app, in, &m);
    if (err != ODAAT_OK)
        return err;
    memset(&m.meta, 0, sizeof m.meta);
    return meeting_store(app, &m, in);
}

enum odaat_err app_meeting_update(struct app *app, struct meeting *in)
{
    /* An id of 0 would make the put an insert: there is no meeting 0 to update. */
    if (in->meta.id <= 0)
        return ODAAT_ERR_NOT_FOUND;
    struct meeting m;
    enum odaat_err err = meeting_prepare(app, in, &m);
    if (err != ODAAT_OK)
        return err;
    return meeting_store(app, &m, in);
}

enum odaat_err app_meeting_get(struct app *app, int64_t id, struct meeting *out)
{
    return store_meeting_get(app_store(app), id, out);
}

enum odaat_err app_meeting_list(struct app *app, const char *from, const char *to,
                                struct meeting **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    enum odaat_err err = range_check(from, to);
    return err == ODAAT_OK ? store_meeting_list(app_store(app), from, to, out, count) : err;
}

enum odaat_err app_meeting_remove(struct app *app, int64_t id)
{
    return store_meeting_delete(app_store(app), id);
}

/* ---- Steps ------------------------------------------------------------------------------- */

void app_steps_free(struct app_steps *steps)
{
    if (steps == NULL)
        return;
    for (size_t i = 0; steps->steps != NULL && i < steps->count; i++)
        store_step_free(&steps->steps[i]);
    free(steps->steps);
    memset(steps, 0, sizeof *steps);
}

/* Moves the stored records of out's programme into their places in out->steps. */
static enum odaat_err steps_fill(struct app *app, struct app_steps *out)
{
    struct step *list = NULL;
    size_t count = 0;
    enum odaat_err err = store_step_list(app_store(app), out->program, &list, &count);
    for (size_t i = 0; err == ODAAT_OK && i < count; i++) {
        /* A number beyond the programme's (the programme changed since) stays in the store. */
        if (list[i].number < 1 || (size_t)list[i].number > out->count)
            continue;
        out->steps[list[i].number - 1] = list[i];
        memset(&list[i], 0, sizeof list[i]); /* its strings belong to out now */
    }
    store_step_list_free(list, count);
    return err;
}

enum odaat_err app_steps_get(struct app *app, struct app_steps *out)
{
    memset(out, 0, sizeof *out);
    enum odaat_err err = program_get(app, out->program);
    if (err != ODAAT_OK)
        return err;
    const struct programme *p = programme_find(out->program);
    out->points = p->steps == smart_points;
    out->info = p->steps;
    out->steps = calloc(p->count, sizeof *out->steps);
    if (out->steps == NULL)
        return ODAAT_ERR_NOMEM;
    out->count = p->count;
    for (size_t i = 0; i < out->count; i++) {
        memcpy(out->steps[i].program, out->program, sizeof out->program);
        out->steps[i].number = (int)i + 1;
        out->steps[i].status = STEP_NOT_STARTED;
    }
    err = steps_fill(app, out);
    if (err != ODAAT_OK)
        app_steps_free(out);
    return err;
}

/* Moves step s to status on day (dated: the person gave the day; else day is today). */
static enum odaat_err step_apply(struct step *s, enum step_status status, bool dated, int32_t day)
{
    s->status = status;
    if (status == STEP_NOT_STARTED) {
        s->started_on[0] = '\0';
        s->completed_on[0] = '\0';
        return ODAAT_OK;
    }
    if (status == STEP_WORKING) {
        if (dated || s->started_on[0] == '\0')
            date_format(day, s->started_on);
        s->completed_on[0] = '\0'; /* back at work on a step: it is not done any more */
        return ODAAT_OK;
    }
    if (dated || s->completed_on[0] == '\0')
        date_format(day, s->completed_on);
    /* Both are YYYY-MM-DD, which sort as the dates they name. */
    if (s->started_on[0] != '\0' && strcmp(s->completed_on, s->started_on) < 0)
        return ODAAT_ERR_END_BEFORE_START;
    return ODAAT_OK;
}

/* Writes s with note (NULL: keep its own) and, when out is not NULL, reads it back. */
static enum odaat_err step_store(struct app *app, struct step *s, const char *note,
                                 struct step *out)
{
    char *own = s->note;
    if (note != NULL)
        s->note = none_if_empty(note);
    enum odaat_err err = records_touch(app);
    if (err == ODAAT_OK)
        err = store_step_put(app_store(app), s);
    s->note = own;
    if (err == ODAAT_OK && out != NULL)
        err = store_step_get(app_store(app), s->meta.id, out);
    return err;
}

enum odaat_err app_step_set(struct app *app, int number, enum step_status status, const char *date,
                            const char *note, struct step *out)
{
    if (out != NULL)
        memset(out, 0, sizeof *out);
    int32_t day = app_today(app);
    enum odaat_err err = date != NULL ? date_parse(date, &day) : ODAAT_OK;
    if (err != ODAAT_OK)
        return err;
    if (day > app_today(app) || !in_range((int)status, STEP_STATUS_COUNT) ||
        (status == STEP_NOT_STARTED && date != NULL))
        return ODAAT_ERR_INVALID;
    struct app_steps all;
    if ((err = app_steps_get(app, &all)) != ODAAT_OK)
        return err;
    if (number < 1 || (size_t)number > all.count) {
        app_steps_free(&all);
        return ODAAT_ERR_NOT_FOUND;
    }
    struct step *s = &all.steps[number - 1];
    err = step_apply(s, status, date != NULL, day);
    if (err == ODAAT_OK)
        err = step_store(app, s, note, out);
    app_steps_free(&all);
    return err;
}

/* ---- Journal ----------------------------------------------------------------------------- */

enum odaat_err app_journal_add(struct app *app, struct journal_entry *in)
{
    if (!app_short_text_valid(in->title) || blank(in->body) ||
        (in->has_mood && (in->mood < 1 || in->mood > 5)))
        return ODAAT_ERR_INVALID;
    enum odaat_err err = in->has_step ? step_known(app, in->step) : ODAAT_OK;
    if (err != ODAAT_OK)
        return err;
    struct journal_entry e = *in;
    memset(&e.meta, 0, sizeof e.meta);
    e.title = none_if_empty(in->title);
    err = records_touch(app);
    if (err == ODAAT_OK)
        err = store_journal_put(app_store(app), &e);
    if (err == ODAAT_OK)
        in->meta = e.meta;
    return err;
}

enum odaat_err app_journal_list(struct app *app, struct journal_entry **out, size_t *count)
{
    return store_journal_heads(app_store(app), STORE_PREVIEW_UNTITLED, 0, 0, out, count);
}

enum odaat_err app_journal_of_step(struct app *app, int number, struct journal_entry **out,
                                   size_t *count)
{
    *out = NULL;
    *count = 0;
    return store_journal_list_step(app_store(app), number, out, count);
}

enum odaat_err app_journal_count(struct app *app, size_t *count)
{
    return store_journal_count(app_store(app), count);
}

enum odaat_err app_journal_page(struct app *app, size_t offset, size_t limit,
                                struct journal_entry **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    /* The store reads a limit of 0 as "all": an empty window must not read the whole journal. */
    if (limit == 0)
        return ODAAT_OK;
    return store_journal_heads(app_store(app), STORE_PREVIEW_ALL, limit, offset, out, count);
}

enum odaat_err app_journal_get(struct app *app, int64_t id, struct journal_entry *out)
{
    return store_journal_get(app_store(app), id, out);
}

enum odaat_err app_journal_edit(struct app *app, int64_t id, const char *title, const char *body)
{
    if (!app_short_text_valid(title) || blank(body))
        return ODAAT_ERR_INVALID;
    struct journal_entry e;
    enum odaat_err err = store_journal_get(app_store(app), id, &e);
    if (err != ODAAT_OK)
        return err;
    char *own_title = e.title, *own_body = e.body;
    if (title != NULL)
        e.title = none_if_empty(title);
    e.body = borrow(body);
    err = records_touch(app);
    if (err == ODAAT_OK)
        err = store_journal_put(app_store(app), &e);
    e.title = own_title;
    e.body = own_body;
    store_journal_free(&e);
    return err;
}

enum odaat_err app_journal_remove(struct app *app, int64_t id)
{
    return store_journal_delete(app_store(app), id);
}

enum odaat_err app_journal_search(struct app *app, const char *query, struct journal_hit **out,
                                  size_t *count)
{
    *out = NULL;
    *count = 0;
    if (blank(query))
        return ODAAT_ERR_INVALID;
    return store_journal_search(app_store(app), query, 0, out, count);
}

enum odaat_err app_journal_find(struct app *app, const char *query, size_t limit,
                                struct journal_hit **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    if (blank(query))
        return ODAAT_ERR_INVALID;
    return store_journal_find(app_store(app), query, limit, out, count);
}

enum odaat_err app_journal_snippets(struct app *app, const char *query, struct journal_hit *hits,
                                    size_t count)
{
    if (blank(query))
        return ODAAT_ERR_INVALID;
    return store_journal_snippets(app_store(app), query, hits, count);
}

/* ---- Contacts ---------------------------------------------------------------------------- */

/* Checks a contact a person gave, then writes it: an insert when id is 0, else an update of
 * record id. An add and an update share it, so both obey one rule. */
static enum odaat_err contact_store(struct app *app, struct contact *in, int64_t id)
{
    if (blank(in->name) || !app_short_text_valid(in->name) || !app_short_text_valid(in->phone) ||
        !in_range((int)in->role, CONTACT_ROLE_COUNT))
        return ODAAT_ERR_INVALID;
    struct contact c = *in;
    c.meta = (struct model_meta){.id = id};
    c.phone = none_if_empty(in->phone);
    c.note = none_if_empty(in->note);
    enum odaat_err err = records_touch(app);
    if (err == ODAAT_OK)
        err = store_contact_put(app_store(app), &c);
    if (err == ODAAT_OK)
        in->meta = c.meta;
    return err;
}

enum odaat_err app_contact_add(struct app *app, struct contact *in)
{
    return contact_store(app, in, 0);
}

enum odaat_err app_contact_update(struct app *app, struct contact *in)
{
    /* An id of 0 would make the put an insert: there is no contact 0 to update. */
    if (in->meta.id <= 0)
        return ODAAT_ERR_NOT_FOUND;
    return contact_store(app, in, in->meta.id);
}

enum odaat_err app_contact_list(struct app *app, struct contact **out, size_t *count)
{
    return store_contact_list(app_store(app), out, count);
}

enum odaat_err app_contact_remove(struct app *app, int64_t id)
{
    return store_contact_delete(app_store(app), id);
}

/* ---- Statistics -------------------------------------------------------------------------- */

/* Counts the meetings of the last APP_STATS_WEEKS weeks, seven days each, the last ending
 * today: whole weeks, so the newest never looks thin because it has just begun. */
static enum odaat_err stats_weeks(struct app *app, struct app_stats *out)
{
    int32_t today = app_today(app);
    int32_t first = today - 7 * APP_STATS_WEEKS + 1;
    char from[DATE_ISO_SIZE], to[DATE_ISO_SIZE];
    int32_t *days = NULL;
    size_t count = 0;
    enum odaat_err err = store_meeting_days(app_store(app), date_format(first, from),
                                            date_format(today, to), &days, &count);
    for (int w = 0; w < APP_STATS_WEEKS; w++) {
        out->weeks[w].first = first + 7 * w;
        out->weeks[w].last = first + 7 * w + 6;
    }
    for (size_t i = 0; err == ODAAT_OK && i < count; i++) {
        if (days[i] >= first && days[i] <= today)
            out->weeks[(days[i] - first) / 7].meetings++;
    }
    free(days);
    return err;
}

/* A running sum for one average. */
struct sum {
    long total;
    size_t count;
};

static void sum_add(struct sum *s, bool has, int value)
{
    if (has) {
        s->total += value;
        s->count++;
    }
}

static struct app_average sum_average(const struct sum *s)
{
    struct app_average a = {s->count, 0.0};
    if (s->count > 0)
        a.mean = (double)s->total / (double)s->count;
    return a;
}

/* Mood and craving averages over the check-ins of the 30 and 90 days ending today, from the
 * check-ins of the last APP_STATS_DAYS days (list, by date). */
static void stats_averages(int32_t today, const struct checkin *list, size_t count,
                           struct app_stats *out)
{
    struct sum mood_30 = {0}, mood_90 = {0}, craving_30 = {0}, craving_90 = {0};
    for (size_t i = 0; i < count; i++) {
        const struct checkin *c = &list[i];
        int32_t day = stored_day(c->date);
        if (day <= today - 90 || day > today)
            continue;
        bool recent = day > today - 30;
        sum_add(&mood_90, c->has_mood, c->mood);
        sum_add(&mood_30, recent && c->has_mood, c->mood);
        sum_add(&craving_90, c->has_craving, c->craving);
        sum_add(&craving_30, recent && c->has_craving, c->craving);
    }
    out->mood_30 = sum_average(&mood_30);
    out->mood_90 = sum_average(&mood_90);
    out->craving_30 = sum_average(&craving_30);
    out->craving_90 = sum_average(&craving_90);
}

/* The check-ins of the last APP_STATS_DAYS days, one slot per day, for heatmaps and series,
 * and the averages: one reading of the check-ins serves both (APP_STATS_DAYS covers 90). */
static enum odaat_err stats_days(struct app *app, struct app_stats *out)
{
    int32_t today = app_today(app);
    int32_t first = today - (APP_STATS_DAYS - 1);
    for (int i = 0; i < APP_STATS_DAYS; i++)
        out->days[i] = (struct app_day){first + i, false, 0, 0, -1};
    char from[DATE_ISO_SIZE], to[DATE_ISO_SIZE];
    struct checkin *list = NULL;
    size_t count = 0;
    enum odaat_err err = store_checkin_list(app_store(app), date_format(first, from),
                                            date_format(today, to), &list, &count);
    for (size_t i = 0; err == ODAAT_OK && i < count; i++) {
        int32_t at = stored_day(list[i].date) - first;
        if (at < 0 || at >= APP_STATS_DAYS)
            continue;
        out->days[at].checked_in = true;
        out->days[at].checkin_id = list[i].meta.id;
        out->days[at].mood = list[i].has_mood ? list[i].mood : 0;
        out->days[at].craving = list[i].has_craving ? list[i].craving : -1;
    }
    if (err == ODAAT_OK)
        stats_averages(today, list, count, out);
    store_checkin_list_free(list, count);
    return err;
}

_Static_assert(APP_STATS_DAYS >= 90, "the averages are taken from the days' check-ins");

enum odaat_err app_stats_get(struct app *app, struct app_stats *out)
{
    memset(out, 0, sizeof *out);
    enum odaat_err err = app_status_get(app, &out->status);
    if (err == ODAAT_OK)
        err = stats_weeks(app, out);
    if (err == ODAAT_OK)
        err = stats_days(app, out);
    if (err != ODAAT_OK)
        app_stats_free(out);
    return err;
}

void app_stats_free(struct app_stats *stats)
{
    if (stats == NULL)
        return;
    app_status_free(&stats->status);
    memset(stats, 0, sizeof *stats);
}
