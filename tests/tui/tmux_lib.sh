# Shared helpers for the tests in a real terminal (tmux): a fresh 80x24 window for each run,
# keys sent to it, its screen and history read back, and a store to open. Sourced by
# tests/tui/test_tmux*.sh with ODAAT set to the binary; brings in tests/cli/lib.sh (ok,
# done_testing, $work). Skips the whole script when tmux is not installed.
# shellcheck shell=sh

. "$(dirname "$0")/../cli/lib.sh"

if ! command -v tmux > /dev/null 2>&1; then
    echo "1..0 # SKIP tmux is not installed"
    exit 0
fi
runs=0
sock_prefix="odaat-$(basename "$0" .sh)-$$"
sock="$sock_prefix-0"
home="$work/home"
pass='correct horse battery staple'
printf '%s\n' "$pass" > "$work/pw"
trap 'tmux -L "$sock" kill-server 2> /dev/null; rm -rf "$work"' EXIT
T="--today 2026-11-23"

# window COMMAND: runs COMMAND as it is in a fresh 80x24 tmux window; a server of its own each
# time, so nothing of an earlier run is left in it.
window() {
    tmux -L "$sock" kill-server 2> /dev/null
    runs=$((runs + 1))
    sock="$sock_prefix-$runs"
    tmux -L "$sock" new-session -d -s t -x 80 -y 24 "$1"
}

# start COMMAND: runs odaat's COMMAND in a fresh window with the store at $home; the window
# stays after it ends and shows EXIT=status.
start() {
    window "env ODAAT_HOME='$home' LC_ALL=C.UTF-8 TERM=xterm-256color TZ=UTC $*; echo EXIT=\$?;
            sleep 60"
}

screen() {
    tmux -L "$sock" capture-pane -p -t t > "$work/screen" 2> /dev/null
}

# wait_for TEXT: waits up to 20 s for TEXT on the screen.
wait_for() {
    i=0
    while [ $i -lt 200 ]; do
        screen
        grep -qF -- "$1" "$work/screen" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

# wait_gone TEXT: waits up to 20 s for TEXT to leave the screen.
wait_gone() {
    i=0
    while [ $i -lt 200 ]; do
        screen
        grep -qF -- "$1" "$work/screen" || return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

keys() {
    tmux -L "$sock" send-keys -t t "$@"
}

# alternate: 1 while the terminal shows the alternate screen, else 0.
alternate() {
    tmux -L "$sock" display -p -t t '#{alternate_on}'
}

# history_clean PATTERN: the pane's whole history (in $work/history) has no line matching
# the grep PATTERN.
history_clean() {
    tmux -L "$sock" capture-pane -p -S - -t t > "$work/history"
    ! grep -q "$1" "$work/history"
}

# odaat_json ARGS: odaat ARGS on the store, opened with --passphrase-fd.
odaat_json() {
    "$ODAAT" $T --data-dir "$home" --passphrase-fd 3 "$@" 3< "$work/pw"
}

# make_store: creates the store at $home (clean since 2025-10-07, tracking cocaine).
make_store() {
    "$ODAAT" $T --data-dir "$home" --passphrase-fd 3 init --clean-date 2025-10-07 \
        --tracker cocaine --kdf interactive 3< "$work/pw" > /dev/null 2>&1
}
