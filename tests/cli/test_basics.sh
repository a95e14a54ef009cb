#!/bin/sh
# The program's frame: version, help from the command table, unknown commands and options,
# the --today override. Usage: test_basics.sh PATH_TO_ODAAT
ODAAT=${1:?usage: test_basics.sh ODAAT}
. "$(dirname "$0")/lib.sh"

run --version
grep -qxE 'odaat [0-9]+\.[0-9]+\.[0-9]+' "$work/out"
ok $? "--version prints the name and a version number"

run -V
grep -qxE 'odaat [0-9]+\.[0-9]+\.[0-9]+' "$work/out"
ok $? "-V is --version"

run --help
[ "$status" = 0 ] && grep -q '^  milestones ' "$work/out" && grep -q -- '--today D' "$work/out"
ok $? "--help lists the commands and the global options"

cp "$work/out" "$work/help"
run
[ "$status" = 0 ] && cmp -s "$work/help" "$work/out"
ok $? "no command prints the same overview as --help"

run help milestones
cp "$work/out" "$work/help_cmd"
run milestones --help
[ "$status" = 0 ] && cmp -s "$work/help_cmd" "$work/out" && grep -q '^Usage: odaat milestones ' "$work/out"
ok $? "'help milestones' and 'milestones --help' print the same text"

run milestones -h
[ "$status" = 0 ] && cmp -s "$work/help_cmd" "$work/out"
ok $? "-h is --help for a command"

expect_usage "an unknown command is a usage error" "no command 'chekin'" chekin
expect_usage "help for an unknown command is a usage error" "no command 'nosuch'" help nosuch
expect_usage "help takes one name" "takes one command name" help milestones extra
expect_usage "an unknown global option is a usage error" "unknown option '--frobnicate'" --frobnicate
expect_usage "--today needs a value" "--today needs a value" --today
expect_usage "--today rejects an impossible date" "--today 2025-02-30: that day does not exist" \
    --today 2025-02-30 milestones --clean-date 2025-01-01
expect_usage "--today rejects a bad time" "--today 2026-11-23T25:00: a time must be written HH:MM" \
    --today 2026-11-23T25:00 milestones --clean-date 2025-01-01
expect_usage "--today rejects a short year" "--today 26-11-23: a date must be written YYYY-MM-DD" \
    --today 26-11-23 milestones --clean-date 2025-01-01

# Without --today the clock decides: the clean date today must give day 0.
today=$(date +%Y-%m-%d)
run milestones --clean-date "$today" --json
[ "$status" = 0 ] && grep -q '"days": 0,' "$work/out"
ok $? "without --today the local date from the clock is today"

# The day boundary is not yet a setting: a time of day counts for its own date.
run --today 2026-11-23T02:30 milestones --clean-date 2026-11-20 --json
[ "$status" = 0 ] && grep -q '"today": "2026-11-23"' "$work/out" && grep -q '"days": 3,' "$work/out"
ok $? "--today with a time of day counts that date"

done_testing
