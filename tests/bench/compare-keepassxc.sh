#!/bin/sh
# Side by side: odaat's journal against KeePassXC's command line (keepassxc-cli), two encrypted
# stores that both unlock with a passphrase, derive a key and hold a file of notes. Not a test:
# it prints a table and judges nothing.
#
# Usage: tests/bench/compare-keepassxc.sh [--install] BUILD_DIR [RUNS]   (default 5 runs)
#        tests/bench/compare-keepassxc.sh --smoke BUILD_DIR
#   --install  install keepassxc from the distribution first (apt-get, through sudo when not
#              root); keepassxc-cli needs no display
#   --smoke    one run at a tiny size (one year of entries), for CI: without keepassxc-cli
#              only odaat's side is timed, and the script still succeeds
# Environment: KEEPASSXC_CLI names the program (default keepassxc-cli); KDF_MS skips the
# measurement below and gives both tools that many milliseconds of key derivation.
# Needs jq to write the KeePass side (odaat's side alone does not).
#
# Method.
#   Stores   odaat: tests/gen_store --journal-only with the moderate profile, 10 and 100
#            years of a daily journal: 3,653 and 36,526 entries of 200-3,000 characters,
#            some non-ASCII, and nothing else (no trackers, check-ins or meetings), so both
#            tools hold the same notes, like for like. The entries are the very ones of a full
#            gen_store store of the same years. An empty store from `odaat init --kdf
#            moderate` is the baseline.
#            KeePassXC: the same journal, exported from the odaat store (`odaat export`),
#            written as KeePass 2 XML (one entry per journal entry: its title, its body as the
#            notes), imported with `keepassxc-cli import` and merged into a copy of the
#            baseline, an empty database from `keepassxc-cli db-create`, so all share its KDF
#            setting. Entry counts are checked to match.
#   KDF      odaat's moderate profile is Argon2id, 3 passes over 256 MiB. Its time here is
#            the median of the runs tests/vault_bench --quick prints for it; keepassxc-cli gets
#            that many milliseconds as its target decryption time (-t, 100 to 5,000 ms) for
#            one empty database whose KDF setting every KeePass database here shares. The
#            command line cannot choose KeePassXC's KDF: it tunes its default (AES-KDF rounds)
#            to the time, from its own short estimate, which missed by a third either way
#            from run to run here. So the script checks: `keepassxc-cli ls` of the empty
#            database less keepassxc-cli's start (`--version`), median of 5, is the
#            derivation it really does; -t is scaled once by the miss and the database made
#            again. Both attempts are printed. The empty stores' rows show what one unlock
#            really costs each tool.
#   Runs     the two tools alternate (odaat, keepassxc-cli, odaat, ...), RUNS times each:
#            open + list (`odaat journal list` / `keepassxc-cli ls`), then open + add one
#            entry + save (`odaat journal add --title` with the body on stdin /
#            `keepassxc-cli add --notes`). Before each add, the stores are copied back from
#            a pristine copy so their sizes stay fixed. Each figure is the whole command,
#            wall clock, from starting the program to its exit. The stores live under
#            $TMPDIR (else /tmp).
#   Table    per operation and size: the median and the spread (fastest-slowest) of each
#            tool in seconds; odaat / keepassxc-cli on whole commands; and the ratio of the
#            work beyond the empty store, (odaat - odaat empty) / (kpxc - kpxc empty).
set -eu

usage() {
    echo "usage: compare-keepassxc.sh [--install] BUILD_DIR [RUNS] | --smoke BUILD_DIR" >&2
    exit 2
}

install=0
smoke=0
case "${1:-}" in
--install) install=1 && shift ;;
--smoke) smoke=1 && shift ;;
-h | --help) usage ;;
esac
if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
runs=${2:-5}
case "$runs" in '' | *[!0-9]* | 0) usage ;; esac
[ "$smoke" = 0 ] || runs=1
kpxc=${KEEPASSXC_CLI:-keepassxc-cli}
today=2026-11-23
# Both programs see the same UTF-8 locale, so the non-ASCII notes reach keepassxc-cli intact.
LC_ALL=C.UTF-8
TZ=UTC
export LC_ALL TZ

if [ "$install" = 1 ]; then
    if command -v "$kpxc" > /dev/null 2>&1; then
        echo "keepassxc-cli is already installed"
    else
        sudo=""
        [ "$(id -u)" = 0 ] || sudo=sudo
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q keepassxc
    fi
fi

have_kpxc=0
if command -v "$kpxc" > /dev/null 2>&1; then
    have_kpxc=1
elif [ "$smoke" = 1 ]; then
    echo "keepassxc-cli not found: timing odaat's side only"
else
    echo "compare-keepassxc.sh: keepassxc-cli not found (--install installs it)" >&2
    exit 1
fi
if [ "$have_kpxc" = 1 ] && ! command -v jq > /dev/null 2>&1; then
    echo "compare-keepassxc.sh: jq is needed to write the KeePass side" >&2
    exit 1
fi

if command -v meson > /dev/null 2>&1; then
    (cd "$root" && meson compile -C "$build" odaat:executable gen_store vault_bench > /dev/null)
fi
odaat=$build/odaat

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'bench words\n' > "$work/pw"
printf 'bench words\nbench words\n' > "$work/pw2"
log=$work/log

# Runs a store-making command quietly; on failure shows what it said and stops.
quiet() {
    if ! "$@" > "$log" 2>&1; then
        echo "compare-keepassxc.sh: failed: $*" >&2
        cat "$log" >&2
        exit 1
    fi
}

# The body added in the add runs: one journal entry of middling length, some of it non-ASCII.
body=""
while [ ${#body} -lt 1500 ]; do
    body="${body}Went to the Tuesday step group, called my sponsor after. Élodie shared about "
    body="${body}her first year; one day at a time, 一日一日. Slept well, walked in the evening. "
done
printf '%s' "$body" > "$work/body"

# The KeePass 2 XML for a journal exported by odaat: one entry per journal entry, in the root
# group. UUIDs are 16 bytes made from the entry's position, so they never collide.
cat > "$work/xml.jq" << 'JQ'
def uuid($i): ("odaat-" + ("0000000000" + ($i | tostring))[-10:]) | @base64;
"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
"<KeePassFile><Meta><Generator>odaat bench</Generator><DatabaseName>journal</DatabaseName>",
"</Meta><Root><Group><UUID>\(uuid(0))</UUID><Name>Root</Name>",
(.journal | to_entries[]
 | "<Entry><UUID>\(uuid(.key + 1))</UUID>"
   + "<String><Key>Title</Key><Value>\(.value.title | @html)</Value></String>"
   + "<String><Key>Notes</Key><Value>\(.value.body | @html)</Value></String></Entry>"),
"</Group></Root></KeePassFile>"
JQ

kdf_ms=${KDF_MS:-}
if [ "$have_kpxc" = 1 ] && [ -z "$kdf_ms" ]; then
    echo "measuring odaat's moderate key derivation (vault_bench --quick) ..."
    kdf_ms=$("$build/tests/vault_bench" --quick |
        awk '/^Argon2id moderate/ { printf "%d", $(NF - 2) + 0.5 }')
    [ -n "$kdf_ms" ] || {
        echo "compare-keepassxc.sh: vault_bench printed no moderate row" >&2
        exit 1
    }
fi
if [ -n "$kdf_ms" ]; then
    [ "$kdf_ms" -ge 100 ] || kdf_ms=100
    [ "$kdf_ms" -le 5000 ] || kdf_ms=5000
fi
mkdir -p "$work/pristine" "$work/run"

# Prints the median wall time, in ms, of RUNS runs of a command (its output discarded).
median_ms() {
    n=$1
    shift
    : > "$work/times"
    j=0
    while [ "$j" -lt "$n" ]; do
        t0=$(date +%s%N)
        "$@" > "$log" 2>&1 || {
            echo "compare-keepassxc.sh: failed: $*" >&2
            cat "$log" >&2
            exit 1
        }
        t1=$(date +%s%N)
        echo $(((t1 - t0) / 1000000)) >> "$work/times"
        j=$((j + 1))
    done
    sort -n "$work/times" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# keepassxc-cli's -t is its own estimate: it times a few rounds of its key derivation and
# scales them. Here that estimate missed by a third either way from one run to the next, so
# the empty database is timed: `keepassxc-cli ls` on it less keepassxc-cli's own start
# (`--version`) is the derivation it really does, and -t is scaled once to bring that to
# kdf_ms. Both figures are printed.
kpxc_ls_empty() {
    "$kpxc" ls -q "$work/pristine/kpxc-0.kdbx" < "$work/pw"
}
kpxc_derivation_ms() {
    opened=$(median_ms "$1" kpxc_ls_empty)
    started=$(median_ms "$1" "$kpxc" --version)
    echo $((opened - started))
}
if [ "$have_kpxc" = 1 ]; then
    quiet "$kpxc" db-create -q -p -t "$kdf_ms" "$work/pristine/kpxc-0.kdbx" < "$work/pw2"
    calibration_runs=5
    [ "$smoke" = 0 ] || calibration_runs=1
    took=$(kpxc_derivation_ms "$calibration_runs")
    asked=$kdf_ms
    if [ "$took" -gt 0 ]; then
        asked=$((kdf_ms * kdf_ms / took))
        [ "$asked" -ge 100 ] || asked=100
        [ "$asked" -le 5000 ] || asked=5000
        rm -f "$work/pristine/kpxc-0.kdbx"
        quiet "$kpxc" db-create -q -p -t "$asked" "$work/pristine/kpxc-0.kdbx" < "$work/pw2"
    fi
    took_again=$(kpxc_derivation_ms "$calibration_runs")
    kpxc_calibration="keepassxc-cli -t $kdf_ms derived in $took ms; -t $asked in $took_again ms"
fi

# The stores: "0" is the empty baseline, then one per size, named by its entry count.
if [ "$smoke" = 1 ]; then years_list="1"; else years_list="10 100"; fi
quiet "$odaat" -d "$work/pristine/odaat-0" --passphrase-fd 3 init --kdf moderate \
    --clean-date "$today" 3< "$work/pw"
labels="0"
for years in $years_list; do
    dir=$work/pristine/odaat-y$years
    echo "generating odaat's store ($years years of journal entries) ..."
    quiet "$build/tests/gen_store" --journal-only "$dir" "$years" "$today" moderate \
        < "$work/pw"
    n=$("$odaat" -d "$dir" --passphrase-fd 3 journal list 3< "$work/pw" | wc -l | tr -d ' ')
    mv "$dir" "$work/pristine/odaat-$n"
    labels="$labels $n"
done

kdf_rounds() {
    "$kpxc" db-info -q "$1" < "$work/pw" 2> /dev/null | sed -n 's/^KDF: //p'
}
entries_in() {
    "$kpxc" db-info -q "$1" < "$work/pw" 2> /dev/null | sed -n 's/^Number of entries: //p'
}

if [ "$have_kpxc" = 1 ]; then
    for n in $labels; do
        [ "$n" != 0 ] || continue
        echo "writing the KeePass database: $n entries ..."
        "$odaat" -d "$work/pristine/odaat-$n" --passphrase-fd 3 export --format json \
            3< "$work/pw" > "$work/export.json"
        jq -r -f "$work/xml.jq" "$work/export.json" > "$work/journal.xml"
        rm -f "$work/export.json"
        # Imported with the quickest KDF, then merged into a copy of the empty database, so
        # every database keeps the one KDF setting measured for the baseline: keepassxc-cli
        # tunes its rounds afresh, and differently, each time it is given a time.
        quiet "$kpxc" import -q -p -t 100 "$work/journal.xml" "$work/imported.kdbx" \
            < "$work/pw2"
        rm -f "$work/journal.xml"
        cp "$work/pristine/kpxc-0.kdbx" "$work/pristine/kpxc-$n.kdbx"
        quiet "$kpxc" merge -q -s "$work/pristine/kpxc-$n.kdbx" "$work/imported.kdbx" \
            < "$work/pw"
        rm -f "$work/imported.kdbx"
        got=$(entries_in "$work/pristine/kpxc-$n.kdbx")
        [ "$got" = "$n" ] || {
            echo "compare-keepassxc.sh: the KeePass database holds $got entries, not $n" >&2
            exit 1
        }
    done
fi

echo
"$odaat" --version | head -n 1
[ "$have_kpxc" = 0 ] || echo "keepassxc-cli $("$kpxc" --version)"
if [ -n "$kdf_ms" ]; then
    echo "key derivation: ${kdf_ms} ms (odaat moderate, Argon2id 3 passes 256 MiB, as timed here);"
    echo "keepassxc-cli given that as its target decryption time, checked:"
    [ "$have_kpxc" = 0 ] || echo "$kpxc_calibration"
fi
for n in $labels; do
    line="store $n entries: odaat $(wc -c < "$work/pristine/odaat-$n/store") bytes"
    if [ "$have_kpxc" = 1 ]; then
        k=$work/pristine/kpxc-$n.kdbx
        line="$line; kdbx $(wc -c < "$k") bytes, KDF $(kdf_rounds "$k")"
    fi
    echo "$line"
done
echo

restore() {
    rm -rf "$work/run/odaat-$1" "$work/run/kpxc-$1.kdbx"
    cp -a "$work/pristine/odaat-$1" "$work/run/odaat-$1"
    [ "$have_kpxc" = 0 ] || cp -a "$work/pristine/kpxc-$1.kdbx" "$work/run/kpxc-$1.kdbx"
    # The copies are flushed now, not during the next timed command.
    sync
}

# Times one whole command; appends "TOOL OP ENTRIES NANOSECONDS" to the results.
timed() {
    tool=$1 op=$2 n=$3
    shift 3
    start=$(date +%s%N)
    if ! "$@" > "$log" 2>&1; then
        echo "compare-keepassxc.sh: $tool $op on $n entries failed" >&2
        cat "$log" >&2
        exit 1
    fi
    end=$(date +%s%N)
    echo "$tool $op $n $((end - start))" >> "$work/results"
}

odaat_list() {
    "$odaat" -d "$work/run/odaat-$1" --passphrase-fd 3 journal list 3< "$work/pw"
}
kpxc_list() {
    "$kpxc" ls -q "$work/run/kpxc-$1.kdbx" < "$work/pw"
}
odaat_add() {
    "$odaat" -d "$work/run/odaat-$1" --passphrase-fd 3 journal add --title "Tuesday evening" \
        3< "$work/pw" < "$work/body"
}
kpxc_add() {
    "$kpxc" add -q "$work/run/kpxc-$1.kdbx" "Tuesday evening" --notes "$body" < "$work/pw"
}

: > "$work/results"
for n in $labels; do
    echo "timing $n entries: list, add ($runs runs each) ..."
    restore "$n"
    i=0
    while [ "$i" -lt "$runs" ]; do
        timed odaat list "$n" odaat_list "$n"
        [ "$have_kpxc" = 0 ] || timed kpxc list "$n" kpxc_list "$n"
        i=$((i + 1))
    done
    i=0
    while [ "$i" -lt "$runs" ]; do
        restore "$n"
        timed odaat add "$n" odaat_add "$n"
        restore "$n"
        [ "$have_kpxc" = 0 ] || timed kpxc add "$n" kpxc_add "$n"
        i=$((i + 1))
    done
done
echo

# One row per operation and size; "-" where keepassxc-cli was not timed.
sort -k2,2 -k3,3n -k1,1 -k4,4n "$work/results" | awk -v order="$labels" '
function flush() {
    if (cnt == 0) return
    m = cnt % 2 ? v[(cnt + 1) / 2] : (v[cnt / 2] + v[cnt / 2 + 1]) / 2
    med[key] = m / 1e9; lo[key] = v[1] / 1e9; hi[key] = v[cnt] / 1e9
    cnt = 0
}
{
    k = $1 SUBSEP $2 SUBSEP $3
    if (k != key) { flush(); key = k }
    v[++cnt] = $4
}
END {
    flush()
    nsizes = split(order, sizes, " ")
    printf "%-5s %7s  %-27s %-27s %6s %10s\n", "op", "entries", "odaat s: median (min-max)",
        "kpxc s: median (min-max)", "o/k", "beyond-0"
    split("list add", ops, " ")
    for (o = 1; o <= 2; o++) {
        op = ops[o]
        for (s = 1; s <= nsizes; s++) {
            n = sizes[s]
            a = "odaat" SUBSEP op SUBSEP n; b = "kpxc" SUBSEP op SUBSEP n
            a0 = "odaat" SUBSEP op SUBSEP 0; b0 = "kpxc" SUBSEP op SUBSEP 0
            od = sprintf("%.3f (%.3f-%.3f)", med[a], lo[a], hi[a])
            kp = "-"; ratio = "-"; beyond = "-"
            if (b in med) {
                kp = sprintf("%.3f (%.3f-%.3f)", med[b], lo[b], hi[b])
                ratio = sprintf("%.2f", med[a] / med[b])
                if (n != 0) {
                    d = med[b] - med[b0]
                    beyond = d > 0 ? sprintf("%.2f", (med[a] - med[a0]) / d) : "n/a"
                }
            }
            printf "%-5s %7s  %-27s %-27s %6s %10s\n", op, n == 0 ? "empty" : n, od, kp, ratio,
                beyond
        }
    }
}'
echo
echo "seconds per whole command; o/k: odaat / keepassxc-cli (medians); beyond-0: the same"
echo "ratio of the time beyond each tool's empty store; n/a when keepassxc-cli took no longer."
