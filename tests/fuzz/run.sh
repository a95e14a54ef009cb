#!/bin/sh
# Runs one fuzz target for a bounded time from a corpus seeded by fuzz_seed, and prints TAP.
# Usage: run.sh FUZZ_SEED TARGET SECONDS
# Findings (crash-*, leak-*, timeout-*) are left in the build folder's fuzz-findings/.
set -u
seed=$1
target=$2
seconds=$3
name=$(basename "$target")
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/file" "$work/payload" "$work/out"
findings="$(dirname "$target")/fuzz-findings"
mkdir -p "$findings"

echo "1..2"
if "$seed" "$work/file" "$work/payload"; then echo "ok 1 - seed corpus written"; else
    echo "not ok 1 - seed corpus written"; exit 1; fi
case "$name" in
*payload*) corpus=$work/payload; max_len=1200000 ;;
*) corpus=$work/file; max_len=1200000 ;;
esac
cp "$corpus"/* "$work/out/"
if "$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$findings/" "$work/out" > "$work/log" 2>&1; then
    runs=$(grep -Eo 'Done [0-9]+ runs' "$work/log" | tail -1)
    echo "ok 2 - $name ran ${seconds}s without a finding ($runs)"
else
    echo "not ok 2 - $name found a problem"
    tail -40 "$work/log" | sed 's/^/# /'
    exit 1
fi
