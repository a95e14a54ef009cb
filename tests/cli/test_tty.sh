#!/bin/sh
# The prompts in a real terminal (tmux): init asks for a missing clean date, then the
# passphrase twice with echo off, and the passphrase never appears on the screen; two
# different passphrases are refused with nothing created; a later command asks once.
# Usage: test_tty.sh PATH_TO_ODAAT
ODAAT=${1:?usage: test_tty.sh ODAAT}
. "$(dirname "$0")/lib.sh"

if ! command -v tmux > /dev/null 2>&1; then
    echo "1..0 # SKIP tmux is not installed"
    exit 0
fi
runs=0
sock="odaat-test-$$-0"
home="$work/home"
trap 'tmux -L "$sock" kill-server 2> /dev/null; rm -rf "$work"' EXIT

# start COMMAND: runs COMMAND in a fresh 80x24 tmux window, then prints its exit status.
# Each run gets a server of its own, so a server still shutting down cannot take it along.
start() {
    tmux -L "$sock" kill-server 2> /dev/null
    runs=$((runs + 1))
    sock="odaat-test-$$-$runs"
    tmux -L "$sock" new-session -d -s t -x 80 -y 24 \
        "env ODAAT_HOME='$home' LC_ALL=C.UTF-8 TERM=xterm $*; echo EXIT=\$?; sleep 30"
}

# wait_for TEXT: waits up to 20 s for TEXT on the screen.
wait_for() {
    i=0
    while [ $i -lt 200 ]; do
        tmux -L "$sock" capture-pane -p -t t > "$work/screen" 2> /dev/null
        grep -qF -- "$1" "$work/screen" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

type_line() {
    tmux -L "$sock" send-keys -t t -l -- "$1"
    tmux -L "$sock" send-keys -t t Enter
}

start "$ODAAT" --today 2026-11-23 init --tracker cocaine --kdf interactive
wait_for "Your clean date (YYYY-MM-DD):"
ok $? "init asks for the clean date on a terminal"
type_line 2025-10-07
wait_for "New passphrase:"
ok $? "then for a passphrase"
type_line "secret words here"
wait_for "The same again:"
ok $? "then for the same passphrase again"
type_line "secret words here"
wait_for "EXIT=0"
ok $? "init succeeds"
grep -q "Your recovery code:" "$work/screen"
ok $? "and shows the recovery code"
! grep -q "secret words" "$work/screen"
ok $? "the passphrase never appears on the screen"
[ -f "$home/store" ]
ok $? "the store exists"

start "$ODAAT" --today 2026-11-23 days
wait_for "Passphrase:"
type_line "secret words here"
wait_for "EXIT=0"
grep -q "^412 days" "$work/screen" && ! grep -q "secret words" "$work/screen"
ok $? "a later command asks once, without echo, and opens the store" "$(cat "$work/screen")"

# A journal entry typed at the terminal is taken in the built-in editor on the alternate
# screen: afterwards the pane's whole history holds none of it, and the store does.
printf 'secret words here\n' > "$work/pw"
start "$ODAAT" --today 2026-11-23 --passphrase-fd 3 journal add --title Tonight "3<'$work/pw'"
wait_for "Ctrl-S save"
ok $? "journal add on a terminal opens the editor, which says how to save"
type_line "MARKER typed at the terminal"
tmux -L "$sock" send-keys -t t C-s
wait_for "EXIT=0"
ok $? "the entry is saved"
tmux -L "$sock" capture-pane -p -S - -t t > "$work/history"
! grep -q "MARKER" "$work/history"
ok $? "the pane's scrollback holds none of the entry" "$(cat "$work/history")"
ODAAT_HOME="$home" "$ODAAT" --passphrase-fd 3 journal search MARKER 3< "$work/pw" > "$work/found"
grep -q "MARKER" "$work/found"
ok $? "and the store holds it"

rm -rf "$home"
start "$ODAAT" --today 2026-11-23 init --clean-date 2025-10-07 --kdf interactive
wait_for "New passphrase:"
type_line "first"
wait_for "The same again:"
type_line "second"
wait_for "EXIT=2"
grep -q "the two passphrases differ" "$work/screen" && [ ! -e "$home/store" ]
ok $? "two different passphrases are refused and nothing is created"
done_testing
