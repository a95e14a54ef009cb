#!/bin/sh
# `odaat milestones` from options alone: the printed ladder and its JSON against reviewed
# copies in tests/cli/expected/, the two date conventions, and every usage error.
# Usage: test_milestones.sh PATH_TO_ODAAT
ODAAT=${1:?usage: test_milestones.sh ODAAT}
. "$(dirname "$0")/lib.sh"

T="--today 2026-11-23"

# shellcheck disable=SC2086 # $T is two words on purpose
{
expect_output "the CA ladder at 661 days, as text" ca-661-days.txt \
    $T milestones --clean-date 2025-01-31
expect_output "the CA ladder at 661 days, as the JSON of the contract" ca-661-days.json \
    $T milestones --clean-date 2025-01-31 --json
expect_output "NA keytags at 412 days: welcome on day 0, 18 months next" na-412-days.txt \
    $T milestones --clean-date 2025-10-07 --preset na
expect_output "NA with the extras, in date order, with keytag colours" na-extras.json \
    $T milestones --clean-date 2023-08-01 --extras --preset na --json
expect_output "SMART shows the count with no milestones and next null" smart.json \
    $T milestones --clean-date 2024-02-29 --preset smart --json
expect_output "day zero welcomes and points at 24 hours tomorrow" day-zero.txt \
    $T milestones --clean-date 2026-11-23

run milestones --clean-date 2025-01-31 --today 2026-11-23
cmp -s "$here/expected/ca-661-days.txt" "$work/out"
ok $? "--today is accepted after the command too"

run $T milestones --clean-date 2026-11-22 --date-is last-use-day --json
[ "$status" = 0 ] && grep -q '"clean_date": "2026-11-23"' "$work/out" &&
    grep -q '"days": 0,' "$work/out" && grep -q '"date_is": "last-use-day"' "$work/out"
ok $? "last-use-day: the first clean day is the day after the date given"

run $T milestones --clean-date 2026-11-22 --date-is first-clean-day --json
[ "$status" = 0 ] && grep -q '"clean_date": "2026-11-22"' "$work/out" && grep -q '"days": 1,' "$work/out"
ok $? "first-clean-day: the date given is day 0"

run $T milestones --clean-date 2026-02-28 --date-is last-use-day --json
[ "$status" = 0 ] && grep -q '"clean_date": "2026-03-01"' "$work/out"
ok $? "last-use-day on the last day of February starts on 1 March"

run --today 2027-02-28 milestones --clean-date 2024-02-29 --json
[ "$status" = 0 ] && grep -q '"days": 1095,' "$work/out" &&
    tr -d ' \n' < "$work/out" | grep -q '"duration":{"years":3,"months":0,"days":0}'
ok $? "29 February: three years are complete on 28 February"

run --today 2025-07-30 milestones --clean-date 2025-01-31 --json
tr -d ' \n' < "$work/out" | grep -q '"next":{"label":"6months","unit":"months","count":6,"date":"2025-07-31","days_left":1'
ok $? "6 months is not awarded after 180 days"

run $T milestones --clean-date 2025-01-31
! grep -q "$(printf '\033')" "$work/out"
ok $? "no colour codes when stdout is not a terminal"

run $T milestones --clean-date 2025-01-31 --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["next"]["days_left"] == 69 else 1)' "$work/out"
ok $? "the JSON parses and says 69 days to 2 years"

LC_ALL=C run $T milestones --clean-date 2025-01-31
grep -q '^  +  24 hours' "$work/out" && grep -q '^  -  2 years' "$work/out"
ok $? "marks fall back to ASCII outside a UTF-8 locale"

# Colour only on a terminal, and never with NO_COLOR: run inside a pseudo-terminal.
if command -v script > /dev/null 2>&1; then
    TERM=xterm script -qec "$ODAAT $T milestones --clean-date 2025-01-31" /dev/null > "$work/tty" 2>&1
    grep -q "$(printf '\033')\[32m" "$work/tty"
    ok $? "on a terminal the reached marks are coloured"
    NO_COLOR=1 TERM=xterm script -qec "$ODAAT $T milestones --clean-date 2025-01-31" /dev/null > "$work/tty" 2>&1
    ! grep -q "$(printf '\033')\[" "$work/tty" && grep -q '2 years' "$work/tty"
    ok $? "NO_COLOR turns colour off on a terminal"
fi

ODAAT_HOME="$work/empty" run $T milestones
[ "$status" = 1 ] && [ ! -s "$work/out" ] && grep -qx "odaat milestones: there is no store here yet: create one with 'odaat init'" "$work/err"
ok $? "without --clean-date the store is read, and a missing store says how to make one"
expect_usage "an impossible date is refused" "2025-02-30: that day does not exist" \
    $T milestones --clean-date 2025-02-30
expect_usage "month 13 is refused" "2025-13-01: that day does not exist" \
    $T milestones --clean-date 2025-13-01
expect_usage "a short date is refused" "25-1-1: a date must be written YYYY-MM-DD" \
    $T milestones --clean-date 25-1-1
expect_usage "trailing garbage is refused" "2025-01-01x: a date must be written" \
    $T milestones --clean-date 2025-01-01x
expect_usage "a year before 1900 is refused" "1899-12-31: dates must lie between" \
    $T milestones --clean-date 1899-12-31
expect_usage "a clean date after today is refused" "first clean day 2026-11-24 is after today \(2026-11-23\)" \
    $T milestones --clean-date 2026-11-24
expect_usage "last-use-day today means a first clean day tomorrow" "first clean day 2026-11-24 is after today" \
    $T milestones --clean-date 2026-11-23 --date-is last-use-day
expect_usage "an unknown preset is refused" "--preset takes ca, aa, na, smart or none, not 'xa'" \
    $T milestones --clean-date 2025-01-31 --preset xa
expect_usage "extras is an option, not a preset" "not 'extras'" \
    $T milestones --clean-date 2025-01-31 --preset extras
expect_usage "an unknown --date-is is refused" "--date-is takes first-clean-day or last-use-day, not 'yesterday'" \
    $T milestones --clean-date 2025-01-31 --date-is yesterday
expect_usage "a stray argument is refused" "unexpected argument 'cocaine'" \
    $T milestones cocaine --clean-date 2025-01-31
expect_usage "an unknown option is refused" "unknown option '--cleandate'" \
    $T milestones --cleandate 2025-01-31
expect_usage "an option without its value is refused" "--clean-date needs a value" \
    $T milestones --clean-date
}
done_testing
