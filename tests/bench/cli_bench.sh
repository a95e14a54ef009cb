#!/bin/sh
# Times whole commands of the command line on a generated store, and their peak memory against
# the store's image size. Not a test: it prints a table and judges nothing.
#
# Usage: tests/bench/cli_bench.sh BUILD_DIR [YEARS [RUNS]]   (default 10 years, 5 runs)
#
# Method.
#   Store     gen_store with the moderate key-derivation profile (what `odaat init` gives a
#             person), YEARS years of daily use ending the day before the day the commands
#             count as today (--today), so the check-in below is a new one, as on a person's
#             next day. It lives under $TMPDIR (else /tmp). `odaat status` runs once on it,
#             untimed, as a person's first look: that marks the milestones reached as
#             congratulated and saves, which later runs of status do not, so status is
#             timed as the read-only command it is from then on.
#   Commands  status; checkin --mood 3 with a one-word note on stdin (--note-stdin); journal
#             add --title t with a body of about 1,500 characters on stdin; journal search
#             sponsor (a word in nearly every entry); export --format json to /dev/null. Each
#             runs with --data-dir, --passphrase-fd 3, --today, TZ=UTC and LC_ALL=C.UTF-8.
#   Runs      every command RUNS times in turn; before each one the store is copied back from
#             a pristine copy (and flushed with sync), so its size stays fixed. Each figure is
#             the whole command, wall clock, from `date +%s%N` before it to the same after
#             it: the program's start, the key derivation, the unlock, the work, the save.
#   Memory    /usr/bin/time -f %M (Debian's package time) wraps every run and gives its peak
#             resident set size; its own start is inside the wall-clock figure (well under a
#             millisecond here). Without /usr/bin/time memory shows as "-". RSS/image is the
#             largest peak over the runs divided by the store's image size (gen_store prints
#             it). The key derivation alone takes 256 MiB, freed before the records are read,
#             so a peak is the larger of that phase and the records' own: the line after the
#             table gives the peak of `status` on an empty store (`odaat init --kdf
#             moderate`), that floor. store_bench's memory line gives the records' own peak.
set -eu

usage() {
    echo "usage: cli_bench.sh BUILD_DIR [YEARS [RUNS]]" >&2
    exit 2
}

if [ $# -lt 1 ] || [ $# -gt 3 ]; then usage; fi
build=$(cd "$1" && pwd)
years=${2:-10}
runs=${3:-5}
case "$years" in '' | *[!0-9]* | 0) usage ;; esac
case "$runs" in '' | *[!0-9]* | 0) usage ;; esac
odaat=$build/odaat
today=2026-11-23
yesterday=2026-11-22
LC_ALL=C.UTF-8
TZ=UTC
export LC_ALL TZ

have_time=0
[ ! -x /usr/bin/time ] || have_time=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'bench words\n' > "$work/pw"
printf 'x\n' > "$work/note"
body=""
while [ ${#body} -lt 1500 ]; do
    body="${body}Went to the Tuesday step group, called my sponsor after. Élodie shared about "
    body="${body}her first year; one day at a time, 一日一日. Slept well, walked in the evening. "
done
printf '%s\n' "$body" > "$work/body"

"$build/tests/gen_store" "$work/pristine" "$years" "$yesterday" moderate < "$work/pw" \
    > "$work/gen"
image=$(sed -n 's/.* image \([0-9]*\) bytes.*/\1/p' "$work/gen")
[ -n "$image" ] || {
    echo "cli_bench: gen_store printed no image size: $(cat "$work/gen")" >&2
    exit 1
}
echo "store: $(cat "$work/gen")"

# Puts the pristine store back in the run folder, its copy flushed before the timed command.
restore() {
    rm -rf "$work/run"
    cp -a "$work/pristine" "$work/run"
    sync
}

# Runs one odaat command on dir with stdin from input, wrapped by /usr/bin/time when there is
# one; prints the wall-clock nanoseconds and the peak RSS in KiB ("-" without /usr/bin/time).
measure() {
    dir=$1 input=$2
    shift 2
    set -- "$odaat" --data-dir "$dir" --passphrase-fd 3 --today "$today" "$@"
    [ "$have_time" = 0 ] || set -- /usr/bin/time -f %M -o "$work/rss" "$@"
    start=$(date +%s%N)
    if ! "$@" 3< "$work/pw" < "$input" > /dev/null 2> "$work/err"; then
        echo "cli_bench: failed: $*" >&2
        cat "$work/err" >&2
        [ "$have_time" = 0 ] || cat "$work/rss" >&2
        exit 1
    fi
    end=$(date +%s%N)
    rss=-
    [ "$have_time" = 0 ] || rss=$(tail -n 1 "$work/rss")
    echo "$((end - start)) $rss"
}

# Times command NAME (the rest: its arguments) once on a fresh copy; appends to the results.
timed() {
    name=$1 input=$2
    shift 2
    restore
    echo "$name $(measure "$work/run" "$input" "$@")" >> "$work/results"
}

# A person's first look: the milestones reached are congratulated and saved once.
measure "$work/pristine" /dev/null status > /dev/null

: > "$work/results"
echo "timing status, checkin, journal add, journal search, export ($runs runs each) ..."
i=0
while [ "$i" -lt "$runs" ]; do
    timed status /dev/null status
    timed checkin "$work/note" checkin --mood 3 --note-stdin
    timed journal-add "$work/body" journal add --title t
    timed journal-search /dev/null journal search sponsor
    timed export-json /dev/null export --format json
    i=$((i + 1))
done

# Context: the key derivation alone, and the peak memory of a command on an empty store.
kdf=$("$build/tests/store_bench" "$work/pristine" 1 < "$work/pw" |
    awk '/^kdf / { print $(NF - 2) }')
"$odaat" --data-dir "$work/empty" --passphrase-fd 3 --today "$today" init --kdf moderate \
    --clean-date "$today" 3< "$work/pw" > /dev/null 2> "$work/err" < /dev/null || {
    echo "cli_bench: init of the empty store failed" >&2
    cat "$work/err" >&2
    exit 1
}
empty=$(measure "$work/empty" /dev/null status)

echo
"$odaat" --version | head -n 1
awk -v image="$image" '
BEGIN {
    split("status checkin journal-add journal-search export-json", order, " ")
    label["status"] = "status"
    label["checkin"] = "checkin --mood 3"
    label["journal-add"] = "journal add"
    label["journal-search"] = "journal search sponsor"
    label["export-json"] = "export --format json"
    printf "%-24s %9s %9s %9s %12s %10s\n", "command", "median s", "min s", "max s",
        "peak RSS MB", "RSS/image"
}
{
    n = ++cnt[$1]
    ns[$1, n] = $2
    if ($3 != "-" && (!($1 in peak) || $3 + 0 > peak[$1])) peak[$1] = $3 + 0
}
END {
    for (o = 1; o <= 5; o++) {
        name = order[o]
        c = cnt[name]
        for (i = 1; i <= c; i++) v[i] = ns[name, i]
        for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (v[j] < v[i]) {
            t = v[i]; v[i] = v[j]; v[j] = t
        }
        m = c % 2 ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2
        mem = "-"; ratio = "-"
        if (name in peak) {
            mem = sprintf("%.1f", peak[name] * 1024 / 1e6)
            ratio = sprintf("%.2f", peak[name] * 1024 / image)
        }
        printf "%-24s %9.3f %9.3f %9.3f %12s %10s\n", label[name], m / 1e9, v[1] / 1e9,
            v[c] / 1e9, mem, ratio
    }
}' "$work/results"
echo
printf 'image %s bytes (%s MB); key derivation alone (Argon2id moderate, store_bench): %s ms\n' \
    "$image" "$(awk -v b="$image" 'BEGIN { printf "%.1f", b / 1e6 }')" "${kdf:--}"
echo "$empty" | awk '{
    mem = $2 == "-" ? "-" : sprintf("%.1f MB", $2 * 1024 / 1e6)
    printf "status on an empty store: %.3f s, peak RSS %s (the floor of the key derivation)\n",
        $1 / 1e9, mem
}'
echo "seconds per whole command, median of the runs (fastest, slowest); peak RSS: the largest"
echo "over the runs; RSS/image: that peak over the image size"
