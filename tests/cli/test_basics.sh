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

# The full-screen interface's doors, and what they refuse.
run keys
[ "$status" = 0 ] && grep -q "^Today	c	check in$" "$work/out" &&
    grep -q "^every screen	q	quit$" "$work/out" && [ ! -s "$work/err" ]
ok $? "keys prints every screen's keys, one SCREEN<TAB>KEY<TAB>WHAT line each"
expect_usage "keys takes no arguments" "keys: unexpected argument 'x'" keys x
expect_usage "demo takes no arguments" "demo: unexpected argument 'x'" demo x
expect_usage "demo refuses an unknown option" "demo" demo --bogus
expect_usage "demo needs a terminal when no key script is given" "needs a terminal" demo
run
[ "$status" = 0 ] && grep -q "^Usage: odaat" "$work/out"
ok $? "with no command and no terminal, odaat prints the overview instead of a screen"
ODAAT_TUI_SCRIPT="$work/none.keys" run --today 2026-11-23 demo
[ "$status" = 2 ] && [ "$(wc -l < "$work/err")" = 1 ] && grep -q "cannot read the key script" "$work/err"
ok $? "a key script that cannot be read is a usage error"
printf 'key Nope\n' > "$work/bad.keys"
ODAAT_TUI_SCRIPT="$work/bad.keys" run --today 2026-11-23 demo
[ "$status" = 2 ] && [ "$(wc -l < "$work/err")" = 1 ] && grep -q "does not understand: key" "$work/err"
ok $? "a key script line odaat does not understand is a usage error"
printf 'dump\nkey c\nkey 4\nkey C-s\n' > "$work/dump.keys"
ODAAT_HOME="$work/home" ODAAT_TUI_SCRIPT="$work/dump.keys" LINES=24 COLUMNS=80 TERM=xterm \
    run --today 2026-11-23 demo
[ "$status" = 0 ] && grep -q "412 days" "$work/out" && [ ! -e "$work/home" ]
ok $? "demo draws from sample data and, after a check-in, has written no data folder"

done_testing
