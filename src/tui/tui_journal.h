/*
 * tui_journal: the state of the Journal screen, shared by journal.c and its unit test, which
 * drives the screen's keys and looks at what it holds (the window of entries read, the
 * cursor, the search, the entry being read, the editor). Nothing else should reach into it:
 * other screens go through tui_state and tui_request.
 */
#ifndef ODAAT_TUI_JOURNAL_H
#define ODAAT_TUI_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "odaat/app.h"
#include "tui_editor.h"
#include "tui_form.h"

/* A search holds the best this many hits: ranking every match is quick, but reading them all
 * is not when a word is in most of a long journal, and nobody scrolls past the first hundreds. */
#define JOURNAL_SEARCH_MAX 1000

struct journal_state {
    size_t total;       /* entries in the journal */
    size_t cursor, top; /* the selected row and the first shown, of the entries or the hits */
    /* The entries read: window_count of them from window_offset on, newest first. */
    struct journal_entry *window;
    size_t window_offset, window_count;

    bool query_open;           /* the search field has the keyboard */
    struct tui_field query;    /* what is being typed there */
    bool searching;            /* hits show instead of the entries */
    struct tui_field searched; /* the query whose hits show */
    struct journal_hit *hits;
    size_t hit_count;
    bool hits_capped; /* more matched than the hits held (the best JOURNAL_SEARCH_MAX) */
    size_t list_cursor, list_top; /* the list's place before the search, to go back to */

    bool reading; /* the selected entry shows whole */
    struct journal_entry entry;
    bool has_entry;
    size_t read_scroll; /* its first wrapped row shown */

    struct tui_editor editor; /* open while writing */
    int64_t edit_id;          /* the entry being edited; 0: a new one */
    char edit_heading[96];

    bool confirm_delete; /* "Delete this entry?" shows */
    int64_t delete_id;
};

/* Entry i of the journal (newest first), when it is in the window. */
static inline const struct journal_entry *journal_window_entry(const struct journal_state *s,
                                                               size_t i)
{
    if (s->window == NULL || i < s->window_offset || i >= s->window_offset + s->window_count)
        return NULL;
    return &s->window[i - s->window_offset];
}

/* The id of the selected entry or hit; 0 when there is none. */
static inline int64_t journal_selected_id(const struct journal_state *s)
{
    if (s->searching)
        return s->cursor < s->hit_count ? s->hits[s->cursor].id : 0;
    const struct journal_entry *e = journal_window_entry(s, s->cursor);
    return e != NULL ? e->meta.id : 0;
}

#endif
