#!/bin/sh
# A ten-year store made by gen_store (3,653 days of check-ins and journal entries, about
# 1,500 meetings, three trackers, two slips): the commands read it right and can still save.
# Usage: test_tenyears.sh PATH_TO_ODAAT PATH_TO_GEN_STORE
ODAAT=${1:?usage: test_tenyears.sh ODAAT GEN_STORE}
GEN=${2:?usage: test_tenyears.sh ODAAT GEN_STORE}
. "$(dirname "$0")/lib.sh"

export ODAAT_HOME="$work/home"
printf 'ten years of days\n' > "$work/pw"
T="--today 2026-11-23"
P="--passphrase-fd 3"
"$GEN" "$ODAAT_HOME" 10 2026-11-23 < "$work/pw" > "$work/gen"
ok $? "gen_store makes a ten-year store: $(cat "$work/gen")"

# shellcheck disable=SC2086
{
# From 2016-11-23: slips on day 1,217 and day 2,434 of 3,652; the current streak began the
# day after the second and is 1,217 days old today.
run $T $P days cocaine 3< "$work/pw"
[ "$(cat "$work/out")" = "1,217 days" ]
ok $? "days after two slips counts the current streak"
run $T $P milestones cocaine --json 3< "$work/pw"
python3 - "$work/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["streaks"] == {"current_days": 1217, "longest_days": 1217,
                        "total_clean_days": 3650, "count": 3}, d["streaks"]
assert d["clean_date"] == "2023-07-25", d["clean_date"]
PY
ok $? "the streak history: 1,217 current, 3,650 clean days over three streaks"
run $T $P days alcohol 3< "$work/pw"
[ "$(cat "$work/out")" = "3,652 days" ]
ok $? "a ten-year tracker without a slip counts 3,652 days"
run $T $P status --json 3< "$work/pw"
python3 - "$work/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert [t["tracker"] for t in d["trackers"]] == ["alcohol", "cocaine", "gambling"]
assert d["checkin"] is not None and d["checkin_streak"]["current"] == 3653, d["checkin_streak"]
assert 20 <= d["meetings"]["last_90"] <= 60, d["meetings"]
PY
ok $? "status over ten years: three trackers, 3,653 days of check-ins in a row"
before=$(stat -c %s "$ODAAT_HOME/store")
run $T $P checkin --mood 5 3< "$work/pw"
[ "$status" = 0 ] && grep -q 'Check-in updated' "$work/out" &&
    [ "$(stat -c %s "$ODAAT_HOME/store")" = "$before" ]
ok $? "a check-in saves the ten-year store (same size class)"
}
done_testing
