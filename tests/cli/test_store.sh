#!/bin/sh
# The store-backed commands against a real store in a temporary folder, with --today pinned
# and the passphrase from --passphrase-fd: init, status, days, checkin, tracker, relapse,
# milestones, passwd, recover, backup; every usage error with exit 2, a wrong passphrase
# with exit 3, and nothing changed on disk by a failed command.
# Usage: test_store.sh PATH_TO_ODAAT
ODAAT=${1:?usage: test_store.sh ODAAT}
. "$(dirname "$0")/lib.sh"

export ODAAT_HOME="$work/home"
pw="$work/pw"
printf 'one day at a time\n' > "$pw"
T="--today 2026-11-23"
P="--passphrase-fd 3"
store="$ODAAT_HOME/store"

# same_store: the store file is byte-identical to the copy taken by keep_store.
keep_store() { cp "$store" "$work/kept"; }
same_store() { cmp -s "$store" "$work/kept"; }

# shellcheck disable=SC2086 # $T and $P are two words each on purpose
{
run $T $P init --clean-date 2025-10-07 --tracker cocaine --kdf interactive 3< "$pw"
code=$(grep -Eo '[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]' "$work/out")
[ "$status" = 0 ] && [ -n "$code" ] && [ -f "$store" ] && grep -q 'Write it on paper' "$work/out"
ok $? "init creates the store and shows the recovery code once"
[ "$(stat -c %a "$ODAAT_HOME")" = 700 ] && [ "$(stat -c %a "$store")" = 600 ]
ok $? "the data folder is 0700 and the store 0600"

keep_store
run $T $P init --clean-date 2025-10-07 3< "$pw"
[ "$status" = 1 ] && grep -q 'already exists' "$work/err" && same_store
ok $? "a second init is refused and changes nothing"

expect_usage "init without a clean date and no terminal is a usage error" "--clean-date is required" \
    --data-dir "$work/other" init
[ ! -e "$work/other" ]
ok $? "... and creates no folder"
expect_usage "init refuses an unknown programme" "--program takes ca, aa, na, smart or other" \
    --data-dir "$work/other" init --clean-date 2025-01-01 --program xa
expect_usage "init refuses an unknown KDF profile" "--kdf takes interactive, moderate or sensitive" \
    --data-dir "$work/other" init --clean-date 2025-01-01 --kdf fast
expect_usage "init refuses an impossible date" "2025-02-30: that day does not exist" \
    --data-dir "$work/other" init --clean-date 2025-02-30
run $T $P --data-dir "$work/other" init --clean-date 2026-12-01 3< "$pw"
[ "$status" = 2 ] && [ ! -e "$work/other/store" ]
ok $? "init refuses a clean date after today and writes no store"

run $T $P status 3< "$pw"
[ "$status" = 0 ] && grep -q '^cocaine  *412 days (1 year, 1 month, 16 days)' "$work/out" &&
    grep -q 'next: 18 months on Wednesday 7 April 2027, in 135 days' "$work/out" &&
    grep -q 'not checked in yet' "$work/out"
ok $? "status shows clean time, the next milestone and no check-in yet"

run $T $P days 3< "$pw"
[ "$status" = 0 ] && [ "$(cat "$work/out")" = "412 days" ]
ok $? "days prints one line for a prompt"

keep_store
printf 'wrong\n' > "$work/bad"
run $T $P status 3< "$work/bad"
[ "$status" = 3 ] && grep -qx 'odaat status: wrong passphrase' "$work/err" && [ ! -s "$work/out" ] &&
    same_store
ok $? "a wrong passphrase exits 3 with one line and changes nothing"

run $T status
[ "$status" = 2 ] && grep -q 'no terminal to ask on' "$work/err"
ok $? "without a terminal or --passphrase-fd the passphrase cannot be asked for"
expect_usage "--passphrase-fd must be an open descriptor" "--passphrase-fd 9 is not an open file descriptor" \
    --passphrase-fd 9 status
run $T $P --data-dir "$work/nowhere" status 3< "$pw"
[ "$status" = 1 ] && grep -q 'there is no store here yet' "$work/err"
ok $? "a folder without a store says how to make one"

printf 'called my sponsor\n' > "$work/note"
run $T $P checkin --mood 4 --craving 2 --trigger stress --trigger payday --note-stdin 3< "$pw" < "$work/note"
status_note=$status
"$ODAAT" $T $P checkin --mood 4 --craving 2 --note-stdin 3< "$pw" < "$work/note" > "$work/out" 2> "$work/err"
status=$?
[ "$status_note" = 0 ] || { status=$status_note; false; }
grep -q 'Check-in updated for Monday 23 November 2026' "$work/out"
ok $? "a second check-in the same day updates the first"
run $T $P status --json 3< "$pw"
python3 - "$work/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["checkin"]["mood"] == 4 and d["checkin"]["craving"] == 2, d["checkin"]
assert d["checkin_streak"] == {"current": 1, "longest": 1}, d["checkin_streak"]
assert d["trackers"][0]["tracker"] == "cocaine" and d["trackers"][0]["days"] == 412
assert d["trackers"][0]["next"]["label"] == "18 months"
PY
ok $? "status --json holds today's check-in, the streak and the tracker"

keep_store
expect_usage "a mood of 6 is refused" "--mood takes a whole number from 1 to 5, not '6'" checkin --mood 6
expect_usage "a craving of 11 is refused" "--craving takes a whole number from 0 to 10" checkin --craving 11
expect_usage "a mood that is not a number is refused" "--mood takes a whole number" checkin --mood good
run $T $P checkin --date 2026-11-24 3< "$pw"
[ "$status" = 2 ] && grep -q 'after today' "$work/err" && same_store
ok $? "a check-in after today is refused and changes nothing"
same_store
ok $? "the refused check-ins left the store as it was"

run $T $P tracker add alcohol --clean-date 2023-01-01 --preset aa 3< "$pw"
[ "$status" = 0 ]
ok $? "tracker add"
expect_usage "a tracker name in use is refused" "already a tracker called 'Alcohol'" \
    $T $P tracker add Alcohol --clean-date 2023-01-01 3< "$pw"
expect_usage "tracker add refuses an unknown preset" "--preset takes ca, aa, na, smart or none" \
    $T tracker add gambling --clean-date 2023-01-01 --preset xx
run $T $P tracker list --json 3< "$pw"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if [t["name"] for t in d] == ["alcohol","cocaine"] else 1)' "$work/out"
ok $? "tracker list --json lists both, with ids"
run $T $P tracker rename alcohol drinking 3< "$pw"
[ "$status" = 0 ]
ok $? "tracker rename"
expect_usage "renaming a tracker that does not exist is refused" "no tracker called 'gambling'" \
    $T $P tracker rename gambling betting 3< "$pw"
run $T $P days drinking 3< "$pw"
[ "$(cat "$work/out")" = "1,422 days" ]
ok $? "days TRACKER counts that tracker (1,422 days, grouped)"

printf 'a hard night\n' > "$work/slip"
run $T $P relapse cocaine --date 2026-11-22 --note-stdin 3< "$pw" < "$work/slip"
[ "$status" = 0 ] && grep -q "It's good that you're here" "$work/out" &&
    grep -q 'starts on Monday 23 November 2026' "$work/out" && grep -q '411 clean days so far' "$work/out"
ok $? "relapse closes the streak on the day of use and keeps every day"
run $T $P milestones cocaine --json 3< "$pw"
python3 - "$work/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["days"] == 0 and d["clean_date"] == "2026-11-23", d
assert d["streaks"] == {"current_days": 0, "longest_days": 411, "total_clean_days": 411, "count": 2}, d["streaks"]
PY
ok $? "after the slip: day 0, longest 411, total 411, two streaks"
keep_store
expect_usage "a restart before the day of use is refused" "new start must come after the day of use" \
    $T $P relapse cocaine --date 2026-11-23 --restart 2026-11-22 3< "$pw"
expect_usage "a slip before the streak began is refused" "before this streak began" \
    $T $P relapse cocaine --date 2026-11-01 3< "$pw"
expect_usage "a slip for an unknown tracker is refused" "no tracker called 'gambling'" \
    $T $P relapse gambling 3< "$pw"
same_store
ok $? "the refused slips left the store as it was"

run $T $P milestones --json 3< "$pw"
"$ODAAT" $T milestones --clean-date 2026-11-23 --json > "$work/out2"
python3 - "$work/out" "$work/out2" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
for d in (a, b):
    for key in ("tracker", "streaks"):
        d.pop(key)
sys.exit(0 if a == b else 1)
PY
ok $? "milestones from the store match milestones from the same clean date"

run $T $P backup list 3< "$pw"
[ "$status" = 0 ] && grep -q '^  1  .*save-1$' "$work/out"
ok $? "backup list numbers the generations, newest first"
run $T $P backup restore 1 3< "$pw"
[ "$status" = 0 ]
run $T $P days cocaine 3< "$pw"
[ "$(cat "$work/out")" = "412 days" ]
ok $? "restoring backup 1 brings back the state before the last save (before the slip)"
expect_usage "backup restore needs a number" "restore takes a whole number" backup restore x
run $T $P backup restore 16 3< "$pw"
[ "$status" = 1 ] && grep -q 'no such backup' "$work/err"
ok $? "restoring a backup that does not exist says so"

printf 'one day at a time\nnew words\n' > "$work/pw2"
run $T $P passwd 3< "$work/pw2"
[ "$status" = 0 ]
ok $? "passwd changes the passphrase"
run $T $P days cocaine 3< "$pw"
[ "$status" = 3 ]
ok $? "the old passphrase no longer opens the store"
printf '%s\nthird words\n' "$code" > "$work/rc"
run $T $P recover 3< "$work/rc"
[ "$status" = 0 ]
ok $? "recover sets a new passphrase with the recovery code"
printf 'third words\n' > "$work/pw3"
run $T $P days cocaine 3< "$work/pw3"
[ "$status" = 0 ]
ok $? "the recovered passphrase opens the store"
printf 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-0\nx\n' > "$work/badrc"
run $T $P recover 3< "$work/badrc"
[ "$status" = 3 ] && grep -q 'wrong recovery code' "$work/err"
ok $? "a wrong recovery code exits 3"

# Congratulations come once: a milestone reached since the last look is shown by status
# (JSON reports it without marking it), then not again; a new start counts them afresh.
C="--data-dir $work/cheer --passphrase-fd 3"
"$ODAAT" --today 2026-11-23 $C init --clean-date 2026-10-20 --kdf interactive 3< "$pw" > /dev/null
run --today 2026-11-23 $C status 3< "$pw"
! grep -q Congratulations "$work/out"
ok $? "what was reached before set-up is not news"
run --today 2026-12-19 $C status --json 3< "$pw"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if [m["label"] for m in d["new_milestones"]] == ["60 days"] else 1)' "$work/out"
ok $? "status --json lists the milestone reached since the last look"
run --today 2026-12-19 $C status 3< "$pw"
grep -q '60 days, reached on Saturday 19 December 2026. Congratulations.' "$work/out"
ok $? "status congratulates on it"
run --today 2026-12-19 $C status 3< "$pw"
[ "$status" = 0 ] && ! grep -q Congratulations "$work/out"
ok $? "and only once"
"$ODAAT" --today 2026-12-20 $C relapse --date 2026-12-20 --restart 2026-12-20 3< "$pw" > /dev/null 2>&1
"$ODAAT" --today 2026-12-20 $C relapse --date 2026-12-19 3< "$pw" > /dev/null
run --today 2026-12-21 $C status 3< "$pw"
grep -q '24 hours, reached on Monday 21 December 2026. Congratulations.' "$work/out"
ok $? "after a new start, its milestones are celebrated again"

run $T $P settings --json 3< "$work/pw3"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d == {"program": "ca", "day_boundary_hour": "0", "idle_lock_minutes": "5"} else 1)' "$work/out"
ok $? "settings --json shows the three settings with their defaults"
run $T $P settings day_boundary_hour 4 3< "$work/pw3"
[ "$status" = 0 ] && grep -qx 'day_boundary_hour is now 4.' "$work/out"
ok $? "settings KEY VALUE changes a setting"
run --today 2026-11-24T02:30 $P days cocaine 3< "$work/pw3"
[ "$(cat "$work/out")" = "412 days" ]
ok $? "with a 04:00 boundary, 02:30 on the 24th still counts as the 23rd"
keep_store
expect_usage "a boundary of 13 is refused" "day_boundary_hour takes a whole hour from 0 to 12, not '13'" \
    $T $P settings day_boundary_hour 13 3< "$work/pw3"
expect_usage "an unknown setting is refused" "there is no setting 'colour'" settings colour red
same_store
ok $? "the refused settings left the store as it was"

# What a tracker's date means can change after it was added; the current streak moves a day.
DI="--data-dir $work/dateis --passphrase-fd 3 --today 2026-11-23"
"$ODAAT" $DI init --clean-date 2025-10-07 --tracker cocaine --kdf interactive 3< "$pw" > /dev/null
run $DI tracker date-is cocaine last-use-day 3< "$pw"
[ "$status" = 0 ] && grep -q 'now means the last day of use' "$work/out"
ok $? "tracker date-is changes the convention"
run $DI milestones --json 3< "$pw"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if (d["clean_date"], d["date_is"], d["days"]) == ("2025-10-08", "last-use-day", 411) else 1)' "$work/out"
ok $? "with last-use-day the first clean day is the day after the date given"
run $DI tracker date-is cocaine first-clean-day 3< "$pw"
run $DI days 3< "$pw"
[ "$(cat "$work/out")" = "412 days" ]
ok $? "and back again"
"$ODAAT" $DI tracker date-is cocaine last-use-day 3< "$pw" > /dev/null &&
    "$ODAAT" $DI relapse cocaine --date 2026-11-22 3< "$pw" > /dev/null &&
    "$ODAAT" $DI tracker add fresh --clean-date 2026-11-23 3< "$pw" > /dev/null
cp "$work/dateis/store" "$work/kept-dateis"
expect_usage "the new start cannot move onto the day of use" "would move after today or onto the day of use" \
    $DI tracker date-is cocaine first-clean-day 3< "$pw"
run $DI tracker date-is fresh last-use-day 3< "$pw"
[ "$status" = 2 ] && cmp -s "$work/dateis/store" "$work/kept-dateis"
ok $? "nor after today, and a refused change leaves the store as it was"
expect_usage "date-is takes one of two words" "date-is takes first-clean-day or last-use-day, not 'yesterday'" \
    $DI tracker date-is cocaine yesterday 3< "$pw"

# A ladder of one's own: edits copy the preset, keep its "then every year", and can go back.
L="--data-dir $work/ladder --passphrase-fd 3 --today 2026-11-23"
"$ODAAT" $L init --clean-date 2025-10-07 --tracker cocaine --kdf interactive 3< "$pw" > /dev/null
run $L ladder --json 3< "$pw"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if not d["custom"] and len(d["rungs"]) == 8 else 1)' "$work/out"
ok $? "ladder shows the preset's eight rungs until edited"
run $L ladder add days 100 3< "$pw" && run $L ladder add months 6 --label "half a year" 3< "$pw" &&
    run $L ladder rm months 18 3< "$pw"
run $L milestones --json 3< "$pw"
python3 - "$work/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
labels = [m["label"] for m in d["milestones"]]
assert labels == ["24 hours", "30 days", "60 days", "90 days", "100 days", "half a year",
                  "9 months", "1 year", "2 years"], labels
PY
ok $? "milestones follow the edited ladder: 100 days added, 6 months renamed, 18 months gone"
run $L status 3< "$pw"
! grep -q Congratulations "$work/out"
ok $? "a rung added after its date is not news"
keep_store() { cp "$work/ladder/store" "$work/kept"; }
same_store() { cmp -s "$work/ladder/store" "$work/kept"; }
keep_store
expect_usage "a unit that is not one is refused" "UNIT is hours, days, months or years, not 'weeks'" \
    --data-dir "$work/ladder" ladder add weeks 3
expect_usage "a rung that is not there cannot be removed" "no such tracker or rung" \
    $L ladder rm days 7 3< "$pw"
expect_usage "a count out of range is refused" "a rung needs a count in range" \
    $L ladder add hours 100 3< "$pw"
same_store
ok $? "the refused ladder edits left the store as it was"
run $L ladder reset 3< "$pw"
run $L ladder --json 3< "$pw"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if not d["custom"] else 1)' "$work/out"
ok $? "ladder reset goes back to the preset"
keep_store() { cp "$store" "$work/kept"; }
same_store() { cmp -s "$store" "$work/kept"; }

! grep -rqa -e 'called my sponsor' -e 'a hard night' -e 'payday' "$ODAAT_HOME"
ok $? "no check-in or slip text is found anywhere in the data folder"
}
done_testing
