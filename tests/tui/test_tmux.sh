#!/bin/sh
# The full-screen interface in a real terminal (tmux): unlock on the lock screen, a check-in
# typed with send-keys, a resize below 80x24 and back, the quick lock, quit, Ctrl-Z under a
# shell with job control, and a
# SIGTERM. Afterwards the pane's whole history holds none of the check-in's text, the
# terminal has left the alternate screen, and the store holds the check-in.
# Usage: test_tmux.sh PATH_TO_ODAAT
ODAAT=${1:?usage: test_tmux.sh ODAAT}
. "$(dirname "$0")/tmux_lib.sh"

# The pid of odaat: the pane runs sh, whose child is odaat (env execs it).
odaat_pid() {
    pane=$(tmux -L "$sock" list-panes -t t -F '#{pane_pid}')
    # From /proc rather than ps, which a minimal system does not have: the process whose
    # parent (the fourth field of its stat, after the name in parentheses) is the pane's.
    for stat in /proc/[0-9]*/stat; do
        sed 's/.*) //' "$stat" 2> /dev/null | awk -v pid="${stat#/proc/}" -v parent="$pane" \
            '$2 == parent {sub("/stat", "", pid); print pid}'
    done | head -1
}

make_store
ok $? "a store to open"

start "$ODAAT" $T
wait_for "Locked. Passphrase:"
ok $? "odaat on a terminal starts at the unlock screen" "$(cat "$work/screen")"
! grep -q "412\|ocaine" "$work/screen"
ok $? "the unlock screen shows nothing of the store"
keys -l -- "wrong words"
keys Enter
wait_for "did not open the store"
ok $? "a wrong passphrase gets a kind message, and the prompt stays" "$(cat "$work/screen")"
keys -l -- "$pass"
keys Enter
wait_for "412 days"
ok $? "the right passphrase opens Today with the clean time" "$(cat "$work/screen")"
grep -q "not checked in yet" "$work/screen"
ok $? "Today says there is no check-in yet"
[ "$(alternate)" = 1 ]
ok $? "odaat draws on the alternate screen"

# A check-in typed at the keyboard.
keys c
wait_for "Check-in for"
ok $? "c opens the check-in form" "$(cat "$work/screen")"
keys 4
keys Tab Tab Tab
keys -l -- "MARKERGRATITUDE my sponsor"
keys C-s
wait_for "checked in"
ok $? "Ctrl-S saves the check-in and Today shows it" "$(cat "$work/screen")"

# Resize below 80x24 and back.
tmux -L "$sock" resize-window -t t -x 60 -y 20
wait_for "needs at least 80"
ok $? "below 80x24 a 'too small' screen shows" "$(cat "$work/screen")"
tmux -L "$sock" resize-window -t t -x 100 -y 30
wait_for "412 days"
ok $? "larger again, Today is redrawn" "$(cat "$work/screen")"
tmux -L "$sock" resize-window -t t -x 80 -y 24

# The quick lock.
keys L
wait_for "Locked. Passphrase:"
ok $? "L locks at once"
! grep -q "412\|ocaine\|MARKER" "$work/screen"
ok $? "the lock screen shows nothing of the store" "$(cat "$work/screen")"
keys -l -- "$pass"
keys Enter
wait_for "412 days"
ok $? "and the passphrase opens it again"
keys q
wait_for "EXIT=0"
ok $? "q quits with exit 0" "$(cat "$work/screen")"
[ "$(alternate)" = 0 ]
ok $? "the terminal has left the alternate screen"
history_clean "MARKER\|412 days"
ok $? "the pane's whole history holds nothing odaat drew or was typed" "$(cat "$work/history")"

odaat_json checkins --json > "$work/checkins"
grep -q "MARKERGRATITUDE my sponsor" "$work/checkins" && grep -q '"mood": *4' "$work/checkins"
ok $? "the store holds the check-in typed in the terminal" "$(cat "$work/checkins")"

# Ctrl-Z in an interactive shell with job control: odaat clears the screen before it
# stops, and `fg` draws it again.
window "env -i PATH='$PATH' PS1='$ ' HOME='$work' bash --norc --noprofile -i"
sleep 0.5
keys -l -- "env ODAAT_HOME='$home' LC_ALL=C.UTF-8 TERM=xterm-256color TZ=UTC $ODAAT $T --passphrase-fd 3 3<'$work/pw'"
keys Enter
wait_for "412 days"
ok $? "odaat runs under an interactive shell" "$(cat "$work/screen")"
keys C-z
wait_for "Stopped"
ok $? "Ctrl-Z stops odaat and the shell takes over" "$(cat "$work/screen")"
! grep -q "412 days" "$work/screen"
ok $? "nothing of odaat is left on the screen while it is stopped" "$(cat "$work/screen")"
keys -l fg
keys Enter
wait_for "412 days"
ok $? "fg draws the screen again" "$(cat "$work/screen")"
keys q
wait_gone "412 days"
history_clean "412 days"
ok $? "and after quitting, nothing of it is in the history" "$(cat "$work/history")"

# SIGTERM: odaat saves, wipes and restores the terminal.
start "$ODAAT" $T --passphrase-fd 3 "3<'$work/pw'"
wait_for "412 days"
ok $? "with --passphrase-fd odaat opens straight to Today"
kill -TERM "$(odaat_pid)"
wait_for "EXIT=0"
ok $? "SIGTERM ends odaat cleanly" "$(cat "$work/screen")"
[ "$(alternate)" = 0 ]
ok $? "and restores the terminal"
history_clean "412 days"
ok $? "nothing of the screen stays in the history"

done_testing
