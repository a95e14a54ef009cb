#!/bin/sh
# The long crash soak: kill_loop for 1,000 rounds of kill -9 at random moments during saves
# (the test suite runs 200). Not part of the suite. Prints the seed, any failing round and
# the totals; exits non-zero when a round failed.
# Usage: tests/bench/soak.sh [BUILD_DIR [ROUNDS [SEED]]]   (default: build 1000)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
build=${1:-build}
rounds=${2:-1000}

[ -d "$build" ] || meson setup "$build"
meson compile -C "$build" kill_loop
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
# shellcheck disable=SC2086 # an empty seed must vanish from the arguments
"$build/tests/kill_loop" "$rounds" ${3:-} > "$out" || status=$?
grep -v '^ok ' "$out" || true
exit $status
