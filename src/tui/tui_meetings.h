/*
 * tui_meetings: the states of the Meetings and Steps screens, shared by meetings.c, steps.c and
 * their unit test, which drives the screens' keys and looks at what they hold (the list and
 * its cursor over the week headers, the form, the open step and its lines). Nothing else
 * should reach into them: other screens go through tui_state and tui_request.
 */
#ifndef ODAAT_TUI_MEETINGS_H
#define ODAAT_TUI_MEETINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "odaat/app.h"
#include "tui_form.h"
#include "tui_internal.h"

/* ==== Meetings ============================================================================= */

enum meetings_mode {
    MEETINGS_MODE_LIST,
    MEETINGS_MODE_FORM,
    MEETINGS_MODE_DELETE, /* "delete this meeting?" over the list */
    MEETINGS_MODE_LEAVE,  /* "leave without saving?" over the form */
};

/* The form's fields, top to bottom. */
enum meetings_field {
    MEETINGS_FIELD_DATE,
    MEETINGS_FIELD_TIME,
    MEETINGS_FIELD_FELLOWSHIP,
    MEETINGS_FIELD_FORMAT,
    MEETINGS_FIELD_ROLE,
    MEETINGS_FIELD_NAME,
    MEETINGS_FIELD_LOCATION,
    MEETINGS_FIELD_NOTE,
    MEETINGS_FIELD_COUNT,
};

struct meetings_form {
    struct tui_field text[MEETINGS_FIELD_COUNT]; /* the choices' entries stay empty */
    int format;                                  /* enum meeting_format */
    int role;                                    /* enum meeting_role */
};

/* One line of the list: a week's header or a meeting. */
struct meetings_row {
    bool header;
    int32_t week;   /* the header's Monday */
    int count;      /* the header's meetings */
    size_t meeting; /* a meeting's index in the list */
};

struct meetings_state {
    struct meeting *list; /* oldest first, as the app gives them */
    size_t count;
    struct meetings_row *rows; /* newest week first */
    size_t row_count;
    size_t cursor;     /* always on a meeting's row when there is one */
    size_t top;        /* the first row shown */
    int64_t select_id; /* the meeting the cursor goes to on the next load (0: stay) */
    int32_t today;
    struct stats_meetings counts;
    bool ninety_active;
    struct stats_ninety ninety;
    enum meetings_mode mode;
    struct meetings_form form;
    struct meetings_form original; /* as the form opened, to know whether anything changed */
    enum meetings_field focus;
    int64_t editing;  /* the meeting the form edits; 0 for a new one */
    char *kept_note;  /* the edited meeting's whole note, kept while its field is untouched */
    int64_t deleting; /* the meeting the dialog asks about */
};

/* The meeting under the cursor, or NULL when there is none. */
static inline const struct meeting *meetings_current(const struct meetings_state *s)
{
    if (s->cursor >= s->row_count || s->rows[s->cursor].header)
        return NULL;
    return &s->list[s->rows[s->cursor].meeting];
}

/* ==== Steps ================================================================================ */

/* What shows over the list or the detail view. */
enum steps_overlay {
    STEPS_OVERLAY_NONE,
    STEPS_OVERLAY_NOTE,    /* the note field */
    STEPS_OVERLAY_RESTART, /* "back to not started?" for a step that is done */
    STEPS_OVERLAY_LEAVE,   /* "leave without saving?" over the note field */
};

/* One line of the detail view, already wrapped. */
struct steps_line {
    enum tui_role role;
    int indent;
    char *text;
};

struct steps_state {
    struct app_steps steps;
    bool loaded;
    int32_t today;
    size_t cursor; /* the step (index) under the cursor, and the one the detail shows */
    size_t top;
    bool detail;
    enum steps_overlay overlay;
    /* The detail view: the step's work from the journal, newest first, and its lines. */
    struct journal_entry *work;
    size_t work_count;
    struct steps_line *lines;
    size_t line_count, line_cap;
    size_t scroll;
    int width; /* the terminal's columns the lines were wrapped for */
    struct tui_field note;
    struct tui_field note_original;
};

#endif
