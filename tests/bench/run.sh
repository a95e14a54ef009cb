#!/bin/sh
# Builds the benchmarks and runs every one, each printing its table. Use a normal build (the
# default debugoptimized, or release): figures from a sanitizer build are not odaat's.
# Usage: tests/bench/run.sh [BUILD_DIR]   (default: build, set up first if missing)
# The stores are made under $TMPDIR (else /tmp): point it at the disk you want to measure.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
build=${1:-build}
benchmarks="vault_bench"

[ -d "$build" ] || meson setup "$build"
# shellcheck disable=SC2086 # the names are ours, without spaces
meson compile -C "$build" $benchmarks
for bench in $benchmarks; do
    echo "== $bench"
    "$build/tests/$bench"
    echo
done
meson compile -C "$build" odaat:executable gen_store store_bench
for years in 10 50; do
    echo "== tui_keys, $years years"
    sh tests/bench/tui_keys.sh "$build" "$years" 5
    echo
done
for years in 10 50; do
    echo "== store_bench, $years years"
    sh tests/bench/store_bench.sh "$build" "$years" 5
    echo
done
for years in 10 50; do
    echo "== cli_bench, $years years"
    sh tests/bench/cli_bench.sh "$build" "$years" 5
    echo
done
