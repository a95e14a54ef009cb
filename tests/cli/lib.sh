# Shared helpers for the command-line tests: run the real binary, compare what it printed,
# report in TAP. Sourced by tests/cli/test_*.sh with ODAAT set to the binary.
# shellcheck shell=sh

tap_n=0
tap_failed=0
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
here=$(cd "$(dirname "$0")" && pwd)
: > "$work/out"
: > "$work/err"
status=0

# run ARGS...: runs odaat; leaves $status, and the output in $work/out and $work/err.
run() {
    "$ODAAT" "$@" > "$work/out" 2> "$work/err" < /dev/null
    status=$?
}

# ok CONDITION_STATUS DESCRIPTION [DIAGNOSTIC]
ok() {
    tap_n=$((tap_n + 1))
    if [ "$1" = 0 ]; then
        echo "ok $tap_n - $2"
    else
        echo "not ok $tap_n - $2"
        [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/# /'
        printf '# exit %s\n' "$status"
        sed 's/^/# stdout: /' "$work/out" | head -20
        sed 's/^/# stderr: /' "$work/err" | head -5
        tap_failed=1
    fi
}

# expect_output DESCRIPTION EXPECTED_FILE ARGS...: exit 0, stdout equal to the file, no stderr.
expect_output() {
    desc=$1
    expected=$2
    shift 2
    run "$@"
    if [ "$status" = 0 ] && [ ! -s "$work/err" ] && cmp -s "$here/expected/$expected" "$work/out"; then
        ok 0 "$desc"
    else
        ok 1 "$desc" "$(diff "$here/expected/$expected" "$work/out" | head -20)"
    fi
}

# expect_usage DESCRIPTION STDERR_PATTERN ARGS...: exit 2, nothing on stdout, exactly one
# line on stderr that starts with "odaat" and matches the pattern.
expect_usage() {
    desc=$1
    pattern=$2
    shift 2
    run "$@"
    lines=$(wc -l < "$work/err")
    if [ "$status" = 2 ] && [ ! -s "$work/out" ] && [ "$lines" = 1 ] &&
        grep -q '^odaat' "$work/err" && grep -qE -- "$pattern" "$work/err"; then
        ok 0 "$desc"
    else
        ok 1 "$desc" "wanted exit 2 and one stderr line matching: $pattern"
    fi
}

# done_testing: prints the plan and exits with the result.
done_testing() {
    echo "1..$tap_n"
    exit $tap_failed
}
