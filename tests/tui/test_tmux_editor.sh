#!/bin/sh
# The built-in editor of `odaat journal add` and `journal edit` in a real terminal (tmux):
# it opens on the alternate screen, takes wide and accented text, saves with Ctrl-S, refuses
# a blank entry kindly, asks before throwing changes away, and leaves nothing of the entry in
# the pane's history. With stdin not a terminal the text still comes from stdin. The editor
# reads only the keyboard (key scripts drive the full-screen interface), so it is tested here.
# Usage: test_tmux_editor.sh PATH_TO_ODAAT
ODAAT=${1:?usage: test_tmux_editor.sh ODAAT}
. "$(dirname "$0")/tmux_lib.sh"

make_store
ok $? "a store to write in"

# A new entry, typed in the editor.
start "$ODAAT" $T --passphrase-fd 3 journal add --title Tonight "3<'$work/pw'"
wait_for "New journal entry"
ok $? "journal add on a terminal opens the built-in editor" "$(cat "$work/screen")"
grep -q "Title  Tonight" "$work/screen" && grep -q "Ctrl-S save" "$work/screen"
ok $? "with --title's title in place and the keys at the bottom" "$(cat "$work/screen")"
[ "$(alternate)" = 1 ]
ok $? "the editor is on the alternate screen"
keys C-s
wait_for "a few words before it can be saved"
ok $? "a blank entry is refused kindly, and the editor stays" "$(cat "$work/screen")"
keys -l -- "MARKER 一日一日 with Élodie after the meeting."
keys Enter
keys -l -- "Second line."
wait_for "Second line."
grep -q "MARKER 一日一日 with Élodie" "$work/screen" && grep -q "Ln 2, Col 13" "$work/screen"
ok $? "wide and accented text shows as typed, with the line and column" "$(cat "$work/screen")"
keys C-s
wait_for "EXIT=0"
ok $? "Ctrl-S saves and odaat exits 0" "$(cat "$work/screen")"
grep -q "Journal entry 1 saved." "$work/screen"
ok $? "and says the entry was saved" "$(cat "$work/screen")"
[ "$(alternate)" = 0 ]
ok $? "the terminal has left the alternate screen"
history_clean "MARKER\|Second line"
ok $? "the pane's whole history holds none of the typed text" "$(cat "$work/history")"
odaat_json journal list --json > "$work/list"
grep -q '"title": *"Tonight"' "$work/list"
ok $? "journal list --json shows the entry with its title" "$(cat "$work/list")"
odaat_json journal show 1 --json > "$work/show"
grep -q '"body": *"MARKER 一日一日 with Élodie after the meeting.\\nSecond line."' "$work/show"
ok $? "and the store holds the text as typed" "$(cat "$work/show")"

# Editing: the editor starts from the entry; End, more text, Ctrl-S.
start "$ODAAT" $T --passphrase-fd 3 journal edit 1 "3<'$work/pw'"
wait_for "Second line."
ok $? "journal edit opens the editor on the entry's text" "$(cat "$work/screen")"
keys End
keys -l -- " EDITED"
keys C-s
wait_for "EXIT=0"
ok $? "Ctrl-S saves the edit" "$(cat "$work/screen")"
odaat_json journal show 1 --json > "$work/show"
grep -q 'Second line. EDITED"' "$work/show" && grep -q '"title": *"Tonight"' "$work/show"
ok $? "the store holds the new text and keeps the title" "$(cat "$work/show")"
history_clean "MARKER\|EDITED"
ok $? "and the history holds none of it" "$(cat "$work/history")"

# Esc after a change asks first; y leaves and nothing changes.
start "$ODAAT" $T --passphrase-fd 3 journal edit 1 "3<'$work/pw'"
wait_for "Second line."
keys -l -- "THROWN AWAY"
keys Escape
wait_for "Leave without saving?"
ok $? "Esc after a change asks before leaving" "$(cat "$work/screen")"
keys n
wait_for "Ctrl-S save"
keys Escape
wait_for "Leave without saving?"
keys y
wait_for "EXIT=1"
ok $? "y leaves without saving (exit 1)" "$(cat "$work/screen")"
grep -q "left without saving; nothing was changed" "$work/screen"
ok $? "and says nothing was changed" "$(cat "$work/screen")"
odaat_json journal show 1 --json > "$work/show"
! grep -q "THROWN AWAY" "$work/show"
ok $? "the entry is as it was" "$(cat "$work/show")"

# With stdin not a terminal, the text still comes from stdin.
start "printf 'PIPED text' |
       $ODAAT $T --data-dir '$home' --passphrase-fd 3 journal add 3<'$work/pw'"
wait_for "EXIT=0"
ok $? "journal add with stdin from a pipe reads it without the editor" "$(cat "$work/screen")"
odaat_json journal show 2 --json > "$work/show"
grep -q '"body": *"PIPED text"' "$work/show"
ok $? "and stores what came in" "$(cat "$work/show")"

done_testing
