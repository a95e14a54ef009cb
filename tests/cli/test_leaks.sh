#!/bin/sh
# Secrets and entries stay out of places others can see: a running odaat's
# /proc/PID/cmdline and /proc/PID/environ hold neither the passphrase nor the note it is
# reading, and (with strace) a check-in writes no file outside the data folder.
# Usage: test_leaks.sh PATH_TO_ODAAT
ODAAT=${1:?usage: test_leaks.sh ODAAT}
. "$(dirname "$0")/lib.sh"

export ODAAT_HOME="$work/home"
printf 'leak test passphrase\n' > "$work/pw"
marker="MARKER-$$-called-my-sponsor"
"$ODAAT" --today 2026-11-23 --passphrase-fd 3 init --clean-date 2025-10-07 --kdf interactive \
    3< "$work/pw" > /dev/null
ok $? "a store to test with"

# A check-in that has read part of its note and waits for the rest.
mkfifo "$work/note"
"$ODAAT" --today 2026-11-23 --passphrase-fd 3 checkin --note-stdin 3< "$work/pw" \
    < "$work/note" > "$work/out" 2>&1 &
pid=$!
exec 4> "$work/note"
printf '%s ' "$marker" >&4
sleep 1
found=0
for f in cmdline environ; do
    if tr '\0' '\n' < "/proc/$pid/$f" | grep -q -e "$marker" -e "leak test passphrase"; then
        found=1
    fi
done
[ -r "/proc/$pid/cmdline" ] && [ $found = 0 ]
ok $? "/proc/PID/cmdline and environ hold neither the passphrase nor the note"
printf 'and the rest\n' >&4
exec 4>&-
wait $pid
ok $? "the check-in finishes once the note is complete"
! grep -rqa -e "$marker" "$ODAAT_HOME"
ok $? "the note is nowhere in the data folder"

if command -v strace > /dev/null 2>&1; then
    printf '%s\n' "$marker" > "$work/note2"
    # LeakSanitizer cannot run under ptrace: a sanitizer build checks leaks everywhere else.
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -e trace=open,openat,creat,rename,renameat,renameat2,link,linkat,mkdir,mkdirat \
        -o "$work/trace" "$ODAAT" --today 2026-11-23 --passphrase-fd 3 checkin --mood 4 \
        --note-stdin 3< "$work/pw" < "$work/note2" > /dev/null 2>&1
    ok $? "a check-in under strace"
    # Every path opened for writing or created lies in the data folder (or is a terminal).
    grep -E 'O_WRONLY|O_RDWR|O_CREAT|creat\(|rename|link|mkdir' "$work/trace" |
        grep -o '"[^"]*"' | tr -d '"' | grep -v "^$ODAAT_HOME" |
        grep -vE '^(/dev/(tty|null|pts/[0-9]+)|\.tmp-.*|\.pending|store|lock|backups|save-[0-9]|day-[0-9]|week-[0-9]|conflict-[0-9]+)$' \
        > "$work/outside"
    [ ! -s "$work/outside" ]
    ok $? "no file outside the data folder is opened for writing" "$(cat "$work/outside")"
else
    echo "ok 5 - # SKIP strace is not installed"
    echo "ok 6 - # SKIP strace is not installed"
    tap_n=$((tap_n + 2))
fi
done_testing
