#!/bin/sh
# Makes a store of YEARS years with gen_store, under the moderate key-derivation profile (what
# `odaat init` gives a person), and runs store_bench on it: unlock with and without the key
# derivation, save after one check-in, image and file sizes. Prints store_bench's table.
# Usage: tests/bench/store_bench.sh BUILD_DIR [YEARS [RUNS]]   (default 10 years, 5 runs)
# The store and store_bench's copies live under $TMPDIR (else /tmp).
set -eu
build=${1:?usage: store_bench.sh BUILD_DIR [YEARS [RUNS]]}
years=${2:-10}
runs=${3:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'bench words\n' > "$work/pw"
"$build/tests/gen_store" "$work/data" "$years" 2026-11-23 moderate < "$work/pw" > "$work/gen"
echo "store: $(cat "$work/gen")"
"$build/tests/store_bench" "$work/data" "$runs" < "$work/pw"
