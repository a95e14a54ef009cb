#!/bin/sh
# Times every key of a scripted session of the full-screen interface on a generated store:
# switch to every screen, scroll the journal to its end and back, search it, open a reading,
# page through the meetings, open the stats. Each key is timed from reading it to the frame
# after it (saving and reloading included), by the interface itself (the key script's
# `timing` line). Prints, per key, the median and the worst of the runs, then the worst key.
# Usage: tests/bench/tui_keys.sh BUILD_DIR [YEARS [RUNS]]   (default 10 years, 5 runs)
set -eu
build=${1:?usage: tui_keys.sh BUILD_DIR [YEARS [RUNS]]}
years=${2:-10}
runs=${3:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'bench words\n' > "$work/pw"
"$build/tests/gen_store" "$work/data" "$years" 2026-11-23 < "$work/pw" > "$work/gen"
echo "store: $(cat "$work/gen")"

cat > "$work/keys" <<'KEYS'
timing
key 1
key 2
key Esc
key 3
key End
key Home
key PgDn
key Enter
key Esc
key /
type sponsor
key Enter
key n
key Esc
key 4
key End
key 5
key Enter
key Esc
key 6
key Right
key 7
key Right
key 8
key 9
key 1
KEYS
names="1 2 Esc 3 End Home PgDn Enter Esc / s p o n s o r Enter n Esc 4 End 5 Enter Esc 6 Right 7 Right 8 9 1"

i=0
while [ "$i" -lt "$runs" ]; do
    LINES=24 COLUMNS=80 TERM=xterm LC_ALL=C.UTF-8 TZ=UTC ODAAT_TUI_SCRIPT="$work/keys" \
        "$build/odaat" --today 2026-11-23 --data-dir "$work/data" --passphrase-fd 3 \
        3< "$work/pw" | sed -n 's/^time \([0-9.]*\) ms$/\1/p' > "$work/run.$i"
    i=$((i + 1))
done
# One column per run, one row per key.
paste "$work"/run.* > "$work/all"
echo "$names" | tr ' ' '\n' > "$work/names"
[ "$(wc -l < "$work/names")" = "$(wc -l < "$work/all")" ] || {
    echo "tui_keys: the session timed $(wc -l < "$work/all") keys, expected $(wc -l < "$work/names")" >&2
    exit 1
}
printf '%-8s %10s %10s\n' key "median ms" "worst ms"
paste "$work/names" "$work/all" | awk '{
    n = NF - 1
    for (i = 2; i <= NF; i++) v[i - 1] = $i
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    median = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    printf "%-8s %10.2f %10.2f\n", $1, median, v[n]
    if (v[n] > worst) { worst = v[n]; worst_key = $1 }
} END { printf "worst key: %s, %.2f ms\n", worst_key, worst }'
