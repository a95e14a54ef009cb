#!/bin/sh
# The record commands against a real store in a temporary folder, with --today pinned and the
# passphrase from --passphrase-fd: checkins, meeting, step, journal, stats and contact. Every
# happy path with its exact or parsed output, every usage error with exit 2 and one line on
# stderr, a refused command leaving the store byte-identical, non-ASCII journal text found by
# search, and no note or journal text readable in the data folder.
# Usage: test_records.sh PATH_TO_ODAAT
ODAAT=${1:?usage: test_records.sh ODAAT}
. "$(dirname "$0")/lib.sh"

export ODAAT_HOME="$work/home"
pw="$work/pw"
printf 'one day at a time\n' > "$pw"
T="--today 2026-11-23"
P="--passphrase-fd 3"
store="$ODAAT_HOME/store"

keep_store() { cp "$store" "$work/kept"; }
same_store() { cmp -s "$store" "$work/kept"; }

# run_in FILE ARGS...: as run, with standard input from FILE.
run_in() {
    input=$1
    shift
    "$ODAAT" "$@" > "$work/out" 2> "$work/err" < "$input"
    status=$?
}

# text FILE LINE...: writes the lines to FILE.
text() {
    file=$1
    shift
    printf '%s\n' "$@" > "$file"
}

# same_output DESCRIPTION: the last run exited 0, wrote nothing on stderr, and printed exactly
# $work/want.
same_output() {
    [ "$status" = 0 ] && [ ! -s "$work/err" ] && cmp -s "$work/want" "$work/out"
    ok $? "$1" "$(diff "$work/want" "$work/out" | head -20)"
}

# refused DESCRIPTION PATTERN: the last run was a usage error (exit 2, nothing on stdout, one
# line on stderr matching PATTERN) and the store is byte-identical to keep_store's copy.
refused() {
    lines=$(wc -l < "$work/err")
    [ "$status" = 2 ] && [ ! -s "$work/out" ] && [ "$lines" = 1 ] && grep -q '^odaat' "$work/err" &&
        grep -qE -- "$2" "$work/err" && same_store
    ok $? "$1" "wanted exit 2, one stderr line matching '$2', and the store unchanged"
}

# json DESCRIPTION CODE: the last run exited 0 and printed JSON whose keys are all snake_case,
# whose arrays of objects all carry an "id" (or are the listed non-record arrays), and for
# which the Python CODE, with the document as d, raises nothing.
json() {
    [ "$status" = 0 ] && python3 - "$work/out" "$2" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
def walk(x, key=None):
    if isinstance(x, dict):
        for k, v in x.items():
            assert re.fullmatch(r"[a-z][a-z0-9_]*", k), "key " + k
            walk(v, k)
    elif isinstance(x, list):
        for v in x:
            if isinstance(v, dict) and key != "weeks":
                assert "id" in v, "a listing without id: %r" % v
            walk(v)
walk(d)
exec(sys.argv[2])
PY
    ok $? "$1"
}

# shellcheck disable=SC2086 # $T and $P are two words each on purpose
{
run $T $P init --clean-date 2025-10-07 --tracker cocaine --kdf interactive 3< "$pw"
[ "$status" = 0 ] && [ -f "$store" ]
ok $? "a store to work on"

# ---- checkins -------------------------------------------------------------------------------
run $T $P checkins 3< "$pw"
[ "$status" = 0 ] && grep -qx "No check-ins here yet: odaat checkin records today's." "$work/out"
ok $? "checkins on a new store says there are none"
text "$work/note" 'called my sponsor'
run $T $P checkin --mood 4 --craving 2 --trigger stress --trigger payday 3< "$pw"
run_in "$work/note" $T $P checkin --date 2026-11-22 --mood 3 --craving 5 --note-stdin 3< "$pw"
run $T $P checkin --date 2026-11-20 --mood 2 --craving 7 3< "$pw"
run $T $P checkin --date 2026-09-01 --mood 5 --craving 0 3< "$pw"
[ "$status" = 0 ]
ok $? "four check-ins to list"

run $T $P checkins 3< "$pw"
cat > "$work/want" <<'EOF'
  ID  DATE        MOOD  CRAVING  TRIGGERS
   4  2026-09-01  5     0
   3  2026-11-20  2     7
   2  2026-11-22  3     5
      called my sponsor
   1  2026-11-23  4     2        stress, payday
EOF
same_output "checkins lists every check-in by date, with its id, triggers and note"

run $T $P checkins --json 3< "$pw"
json "checkins --json gives every field, oldest first" '
assert [c["id"] for c in d] == [4, 3, 2, 1], d
assert [c["date"] for c in d] == ["2026-09-01", "2026-11-20", "2026-11-22", "2026-11-23"]
assert d[3] == {"id": 1, "date": "2026-11-23", "mood": 4, "craving": 2,
                "triggers": ["stress", "payday"], "gratitude": [], "note": None}, d[3]
assert d[2]["note"] == "called my sponsor"'

run $T $P checkins --from 2026-11-20 --to 2026-11-22 --json 3< "$pw"
json "checkins --from --to keeps both ends" 'assert [c["date"] for c in d] == ["2026-11-20", "2026-11-22"]'

keep_store
run $T $P checkins --from 2026-11-23 --to 2026-11-01 3< "$pw"
refused "checkins refuses --from after --to" "--from 2026-11-23 is after --to 2026-11-01"
expect_usage "checkins refuses an impossible date" "--from 2026-02-30: that day does not exist" \
    checkins --from 2026-02-30
expect_usage "checkins refuses an option it does not take" "unknown option '--mood'" checkins --mood 3
expect_usage "checkins takes no argument" "unexpected argument 'all'" checkins all

# ---- meeting --------------------------------------------------------------------------------
run $T $P meeting add 3< "$pw"
[ "$status" = 0 ] && grep -qx 'Meeting 1 logged for Monday 23 November 2026.' "$work/out"
ok $? "meeting add with no options logs a meeting today"

text "$work/mnote" 'talked about the fourth step'
run_in "$work/mnote" $T $P meeting add --date 2026-11-17 --time 19:30 --fellowship NA \
    --name 'Tuesday step group' --format in-person --location 'Église Saint-Jean' --role shared \
    --note-stdin 3< "$pw"
[ "$status" = 0 ] && grep -qx 'Meeting 2 logged for Tuesday 17 November 2026.' "$work/out"
ok $? "meeting add with every option"
run $T $P meeting add --date 2026-11-01 --format online --role chaired 3< "$pw"
run $T $P meeting add --date 2026-08-30 --format phone --role service 3< "$pw"
run $T $P meeting add --date 2026-11-02 3< "$pw"
[ "$status" = 0 ]
ok $? "three more meetings"

run $T $P meeting list 3< "$pw"
cat > "$work/want" <<'EOF'
  ID  DATE        TIME   FELLOWSHIP  FORMAT     ROLE      NAME
   4  2026-08-30  -      CA          phone      service
   3  2026-11-01  -      CA          online     chaired
   5  2026-11-02  -      CA          -          attended
   2  2026-11-17  19:30  NA          in-person  shared    Tuesday step group · Église Saint-Jean
   1  2026-11-23  -      CA          -          attended
EOF
same_output "meeting list shows every meeting by date with its id"

run $T $P meeting list --from 2026-11-01 --json 3< "$pw"
json "meeting list --json: every field; the defaults; --from" '
assert [m["id"] for m in d] == [3, 5, 2, 1], d
assert d[2] == {"id": 2, "date": "2026-11-17", "time": "19:30", "fellowship": "NA",
                "name": "Tuesday step group", "format": "in-person",
                "location": "Église Saint-Jean", "role": "shared",
                "note": "talked about the fourth step"}, d[2]
assert d[3] == {"id": 1, "date": "2026-11-23", "time": None, "fellowship": "CA", "name": None,
                "format": None, "location": None, "role": "attended", "note": None}, d[3]'
run $T $P meeting list --to 2026-11-01 --json 3< "$pw"
json "meeting list --to alone leaves the start open" 'assert [m["id"] for m in d] == [4, 3], d'

run $T $P meeting rm 5 3< "$pw"
[ "$status" = 0 ] && grep -qx 'Deleted meeting 5.' "$work/out"
ok $? "meeting rm deletes by id (stats below count without it)"

keep_store
run $T $P meeting add --date 2026-11-24 3< "$pw"
refused "a meeting after today is refused" "the date 2026-11-24 is after today"
run $T $P meeting rm 5 3< "$pw"
refused "removing a meeting that is not there is refused" "there is no meeting 5"
expect_usage "meeting add refuses a time out of range" "--time takes HH:MM from 00:00 to 23:59, not '24:00'" \
    meeting add --time 24:00
expect_usage "meeting add refuses a time without two digits" "--time takes HH:MM.*not '7:30'" \
    meeting add --time 7:30
expect_usage "meeting add refuses an unknown format" "--format takes in-person, online or phone, not 'zoom'" \
    meeting add --format zoom
expect_usage "meeting add refuses an unknown role" "--role takes attended, shared, chaired or service" \
    meeting add --role sleeping
expect_usage "meeting add refuses an impossible date" "--date 2026-02-30: that day does not exist" \
    meeting add --date 2026-02-30
expect_usage "meeting add refuses a name of two lines" "--name takes one line of at most 200 bytes" \
    meeting add --name "$(printf 'one\ntwo')"
expect_usage "meeting add refuses a location too long" "--location takes one line" \
    meeting add --location "$(printf '%0201d' 0)"
expect_usage "meeting add takes no argument" "unexpected argument 'today'" meeting add today
expect_usage "meeting rm needs an ID" "meeting rm takes one ID" meeting rm
expect_usage "meeting rm needs a number" "'abc' is not an ID" meeting rm abc
expect_usage "meeting rm takes one ID" "unexpected argument '2'" meeting rm 1 2
expect_usage "meeting list refuses --note-stdin" "unknown option '--note-stdin'" meeting list --note-stdin
expect_usage "meeting needs a subcommand" "say add, list or rm" meeting
expect_usage "meeting refuses an unknown subcommand" "no 'meeting delete': say add, list or rm" \
    meeting delete 1
same_store
ok $? "the refused meeting commands left the store as it was"

# ---- step -----------------------------------------------------------------------------------
run $T $P step 3< "$pw"
cat > "$work/want" <<'EOF'
The twelve steps (programme: ca)

  1  Admitting the problem        Honesty       not started
  2  Finding hope                 Hope          not started
  3  Deciding to accept help      Faith         not started
  4  Taking a personal inventory  Courage       not started
  5  Sharing the inventory        Integrity     not started
  6  Becoming ready to change     Willingness   not started
  7  Asking for change, humbly    Humility      not started
  8  Listing the harm done        Love          not started
  9  Making amends                Discipline    not started
 10  Keeping up the inventory     Perseverance  not started
 11  Reflection and meditation    Awareness     not started
 12  Carrying the message         Service       not started
EOF
same_output "step lists the twelve steps with their principles"

text "$work/snote" 'fear list first'
run_in "$work/snote" $T $P step set 4 --status working --date 2026-11-10 --note-stdin 3< "$pw"
[ "$status" = 0 ] &&
    grep -qx 'Step 4, Taking a personal inventory: working, since Tuesday 10 November 2026.' "$work/out"
ok $? "step set working with a date"
run $T $P step set 4 --status working --json 3< "$pw"
json "working again without a date keeps the day it was started (and --json prints the step)" '
assert isinstance(d["id"], int) and d["number"] == 4 and d["status"] == "working", d
assert d["started_on"] == "2026-11-10" and d["completed_on"] is None, d
assert d["note"] == "fear list first" and d["title"] == "Taking a personal inventory", d'

run $T $P step set 4 --status 'done' 3< "$pw"
[ "$status" = 0 ] &&
    grep -qx 'Step 4, Taking a personal inventory: done on Monday 23 November 2026. Well done.' "$work/out"
ok $? "step set done finishes it today"
run $T $P step set 5 --status working --json 3< "$pw"
json "step set --json prints the stored step" '
assert d["number"] == 5 and d["status"] == "working" and d["started_on"] == "2026-11-23", d'

run $T $P step show 4 3< "$pw"
cat > "$work/want" <<'EOF'
Step 4 of 12: Taking a personal inventory
  principle  Courage
  status     done
  started    Tuesday 10 November 2026
  done       Monday 23 November 2026

fear list first
EOF
same_output "step show N for people: principle, status, dates and note"
run $T $P step 3< "$pw"
[ "$status" = 0 ] &&
    grep -qx '  4  Taking a personal inventory  Courage       done on 2026-11-23, started 2026-11-10' "$work/out" &&
    grep -qx '  5  Sharing the inventory        Integrity     working, since 2026-11-23' "$work/out"
ok $? "step lists each step's status with its dates"

run $T $P status --json 3< "$pw"
python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["step"]["number"] != 5)' "$work/out"
ok $? "status names the step being worked"

run $T $P step set 5 --status not-started --json 3< "$pw"
json "not-started clears the dates" 'assert d["status"] == "not-started" and d["started_on"] is None, d'

run $T $P step show --json 3< "$pw"
json "step show --json: the twelve steps, stored ones with their ids" '
assert [s["number"] for s in d] == list(range(1, 13))
assert [s["principle"] for s in d] == ["Honesty", "Hope", "Faith", "Courage", "Integrity",
    "Willingness", "Humility", "Love", "Discipline", "Perseverance", "Awareness", "Service"]
assert all(s["program"] == "ca" for s in d) and d[0]["status"] == "not-started", d
assert isinstance(d[3]["id"], int) and isinstance(d[4]["id"], int) and d[0]["id"] is None, d
assert d[3]["status"] == "done" and d[3]["completed_on"] == "2026-11-23", d[3]'

keep_store
run $T $P step set 4 --status 'done' --date 2026-11-01 3< "$pw"
refused "a step cannot be done before it was started" "cannot be done before the day it was started"
run $T $P step set 6 --status working --date 2026-11-24 3< "$pw"
refused "a step date after today is refused" "the date 2026-11-24 is after today"
run $T $P step show 13 3< "$pw"
[ "$status" = 2 ] && grep -q 'from 1 to 12' "$work/err"
ok $? "step show N out of range is a usage error"
expect_usage "step set N out of range is a usage error" "step set takes a whole number from 1 to 12, not '13'" \
    step set 13 --status 'done'
expect_usage "step set 0 is a usage error" "not '0'" step set 0 --status 'done'
expect_usage "step set needs a number" "step set takes a step number N" step set --status 'done'
expect_usage "step set without --status and no terminal is a usage error" "--status is required" step set 4
expect_usage "step set refuses an unknown status" "--status takes not-started, working or done, not 'finished'" \
    step set 4 --status finished
expect_usage "--date does not go with not-started" "--date goes with --status working or done" \
    step set 4 --status not-started --date 2026-11-01
expect_usage "step set refuses an impossible date" "--date 2026-02-30: that day does not exist" \
    step set 4 --status 'done' --date 2026-02-30
expect_usage "step refuses an unknown subcommand" "no 'step start': say show \[N\] or set N --status S" \
    step start 4
expect_usage "step show refuses --status" "unknown option '--status'" step show --status 'done'
same_store
ok $? "the refused step commands left the store as it was"

# ---- journal --------------------------------------------------------------------------------
run $T $P journal list 3< "$pw"
[ "$status" = 0 ] && grep -qx 'No journal entries yet: odaat journal add writes one.' "$work/out"
ok $? "journal list on a new store says there are none"

day_before=$(date -u +%Y-%m-%d)
text "$work/j1" 'Wrote my fear list.' 'Then I called Élodie, my sponsor.'
run_in "$work/j1" $T $P journal add --title Inventory --step 4 3< "$pw"
[ "$status" = 0 ] && grep -qx 'Journal entry 1 saved.' "$work/out"
ok $? "journal add with a title and a step"
text "$work/j2" '一日一日 — one day at a time.'
run_in "$work/j2" $T $P journal add 3< "$pw"
text "$work/j3" 'A quiet evening; grateful for the meeting.'
run_in "$work/j3" $T $P journal add --title 'Tuesday' 3< "$pw"
[ "$status" = 0 ] && grep -qx 'Journal entry 3 saved.' "$work/out"
ok $? "two more entries"
day_after=$(date -u +%Y-%m-%d)

run $T $P journal list --json 3< "$pw"
json "journal list --json: newest first, dated by when they were written" "
assert [e['id'] for e in d] == [3, 2, 1], d
assert all(e['date'] in ('$day_before', '$day_after') for e in d), d
assert d[2]['title'] == 'Inventory' and d[2]['step'] == 4 and d[1]['title'] is None, d
assert all(e['created_at'].endswith('Z') and len(e['time']) == 5 for e in d), d
assert 'body' not in d[0], d"
today=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["date"])' "$work/out")

run $T $P journal list 3< "$pw"
printf '   3  %s  Tuesday\n   2  %s  一日一日 — one day at a time.\n   1  %s  Inventory  (step 4)\n' \
    "$today" "$today" "$today" > "$work/want"
same_output "journal list: id, date, the title or the first line"

run $T $P journal show 1 --json 3< "$pw"
json "journal show --json gives the body as written" '
assert d["id"] == 1 and d["title"] == "Inventory" and d["step"] == 4 and d["mood"] is None, d
assert d["body"] == "Wrote my fear list.\nThen I called Élodie, my sponsor.", d["body"]'
run $T $P journal show 1 3< "$pw"
[ "$status" = 0 ] && [ "$(sed -n 1p "$work/out")" = Inventory ] &&
    sed -n 2p "$work/out" | grep -qE '^[A-Z][a-z]+day [0-9]+ [A-Z][a-z]+ [0-9]{4} at [0-9]{2}:[0-9]{2} · step 4 · entry 1$' &&
    [ "$(sed -n '4,$p' "$work/out")" = "$(cat "$work/j1")" ]
ok $? "journal show: title, when and step, then the body"

# The date shown is the local one: far east of UTC it is often tomorrow already.
for zone in Pacific/Kiritimati Pacific/Chatham; do
    TZ=$zone "$ODAAT" $T $P journal list --json 3< "$pw" > "$work/out" 2> "$work/err"
    status=$?
    json "journal dates are local dates ($zone)" "
from datetime import datetime
from zoneinfo import ZoneInfo
for e in d:
    t = datetime.strptime(e['created_at'], '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=ZoneInfo('UTC'))
    local = t.astimezone(ZoneInfo('$zone'))
    assert e['date'] == local.strftime('%Y-%m-%d') and e['time'] == local.strftime('%H:%M'), e"
done

run $T $P journal search 一日一日 3< "$pw"
[ "$status" = 0 ] && grep -q '^   2  ' "$work/out" && grep -qF '[一日一日] — one day at a time.' "$work/out"
ok $? "journal search finds CJK text, the match in brackets"
run $T $P journal search 一日 --json 3< "$pw"
json "journal search finds a two-character CJK word" '
assert [h["id"] for h in d] == [2] and "[一日]" in d[0]["snippet"], d'
run $T $P journal search élodie --json 3< "$pw"
json "journal search finds Élodie, ignoring case" '
assert [h["id"] for h in d] == [1] and "[Élodie]" in d[0]["snippet"], d
assert d[0]["title"] == "Inventory" and "date" in d[0] and "\x02" not in d[0]["snippet"], d'
run $T $P journal search called Élodie 3< "$pw"
[ "$status" = 0 ] && [ "$(wc -l < "$work/out")" = 2 ] &&
    sed -n 2p "$work/out" | grep -qx '      .*I \[called Élodie\], my sponsor\.'
ok $? "journal search joins unquoted words into one query, the snippet on one line"
run $T $P journal search 'fear" OR "quiet' 3< "$pw"
[ "$status" = 0 ] && grep -qx "Nothing found for 'fear\" OR \"quiet'." "$work/out"
ok $? "journal search takes quotes and OR as plain text"

text "$work/j1b" 'Fear list done; read it to my sponsor.'
run_in "$work/j1b" $T $P journal edit 1 3< "$pw"
[ "$status" = 0 ] && grep -qx 'Journal entry 1 updated.' "$work/out"
ok $? "journal edit replaces the body"
run $T $P journal show 1 --json 3< "$pw"
json "journal edit keeps the title and the step" '
assert d["title"] == "Inventory" and d["step"] == 4, d
assert d["body"] == "Fear list done; read it to my sponsor.", d'
run $T $P journal search Élodie --json 3< "$pw"
json "the old text is no longer found" 'assert d == [], d'
text "$work/j2b" '一日一日, still.'
run_in "$work/j2b" $T $P journal edit 2 --title 'One day' 3< "$pw"
[ "$status" = 0 ]
ok $? "journal edit --title"

run $T $P journal rm 3 3< "$pw"
[ "$status" = 0 ] && grep -qx 'Deleted journal entry 3.' "$work/out"
ok $? "journal rm deletes an entry"
run $T $P journal list --json 3< "$pw"
json "the deleted entry is gone and the edited one has its new title" '
assert [(e["id"], e["title"]) for e in d] == [(2, "One day"), (1, "Inventory")], d'

keep_store
run_in /dev/null $T $P journal add --title Empty 3< "$pw"
refused "an empty journal entry is refused" "the entry is empty; nothing was saved"
text "$work/blank" '   ' ''
run_in "$work/blank" $T $P journal add 3< "$pw"
refused "a journal entry of spaces is refused" "the entry is empty"
run_in "$work/j1" $T $P journal add --step 13 3< "$pw"
refused "journal add refuses step 13" "--step takes a whole number from 1 to 12, not '13'"
run_in "$work/j1" $T $P journal add --title "$(printf 'a\tb')" 3< "$pw"
refused "journal add refuses a title with a control character" "--title takes one line"
run_in /dev/null $T $P journal edit 1 3< "$pw"
refused "journal edit refuses an empty body" "the new text is empty; the entry was left as it was"
run_in "$work/j1" $T $P journal edit 3 3< "$pw"
refused "journal edit refuses an entry that is not there" "there is no journal entry 3"
run $T $P journal show 3 3< "$pw"
refused "journal show refuses an entry that is not there" "there is no journal entry 3"
expect_usage "journal add takes no argument (the text comes from stdin)" "unexpected argument 'today'" \
    journal add today
printf 'wrong\n' > "$work/bad"
run_in "$work/j1" $T $P journal add 3< "$work/bad"
[ "$status" = 3 ] && [ "$(wc -l < "$work/err")" = 1 ] && same_store
ok $? "journal add with a wrong passphrase exits 3 and changes nothing"
expect_usage "journal show needs an ID" "journal show takes one ID" journal show
expect_usage "journal show needs a number" "'one' is not an ID" journal show one
expect_usage "journal search needs words" "journal search takes the words to look for" journal search
expect_usage "journal edit refuses --step" "unknown option '--step'" journal edit 1 --step 4
expect_usage "journal needs a subcommand" "say add, list, show, edit, rm or search" journal
expect_usage "journal refuses an unknown subcommand" "no 'journal write'" journal write
same_store
ok $? "the refused journal commands left the store as it was"

# ---- contact --------------------------------------------------------------------------------
run $T $P contact list 3< "$pw"
[ "$status" = 0 ] && grep -q '^No contacts yet' "$work/out"
ok $? "contact list on a new store says there are none"
run $T $P contact add Sam --role sponsor --phone '+44 7700 900123' 3< "$pw"
[ "$status" = 0 ] && grep -qx 'Contact 1 added: Sam (sponsor).' "$work/out"
ok $? "contact add with a role and a phone"
text "$work/cnote" 'evenings only'
run_in "$work/cnote" $T $P contact add Élodie --role friend --note-stdin 3< "$pw"
run $T $P contact add 'Night line' 3< "$pw"
[ "$status" = 0 ] && grep -qx 'Contact 3 added: Night line (other).' "$work/out"
ok $? "a contact's role is other unless given"
run $T $P contact list 3< "$pw"
cat > "$work/want" <<'EOF'
   3  other     Night line
   1  sponsor   Sam · +44 7700 900123
   2  friend    Élodie
EOF
same_output "contact list: id, role, name and phone, by name"
run $T $P contact list --json 3< "$pw"
json "contact list --json" '
assert [c["id"] for c in d] == [3, 1, 2], d
assert d[2] == {"id": 2, "name": "Élodie", "role": "friend", "phone": None,
                "note": "evenings only"}, d[2]'
run $T $P contact rm 3 3< "$pw"
[ "$status" = 0 ] && grep -qx 'Deleted contact 3.' "$work/out"
ok $? "contact rm deletes a contact"

keep_store
run $T $P contact add '   ' 3< "$pw"
refused "a blank contact name is refused" "a contact needs a name"
expect_usage "contact add without a name and no terminal is a usage error" "NAME is required" contact add
expect_usage "contact add refuses an unknown role" "--role takes sponsor, friend, helpline or other, not 'boss'" \
    contact add Kim --role boss
expect_usage "contact add takes one name" "unexpected argument 'Lee'" contact add Kim Lee
expect_usage "contact add refuses a phone of two lines" "--phone takes one line" \
    contact add Kim --phone "$(printf '1\n2')"
expect_usage "contact needs a subcommand" "say add, list or rm" contact
same_store
ok $? "the refused contact commands left the store as it was"

# ---- stats ----------------------------------------------------------------------------------
run $T $P stats --json 3< "$pw"
json "stats --json: clean time, check-ins, meetings per week, averages" '
assert d["today"] == "2026-11-23"
assert d["trackers"][0]["tracker"] == "cocaine", d["trackers"]
assert d["trackers"][0]["streaks"] == {"current_days": 412, "longest_days": 412,
    "total_clean_days": 412, "span_days": 412, "count": 1}, d["trackers"]
assert d["checkin_streak"] == {"current": 2, "longest": 2, "total": 4}, d["checkin_streak"]
m = d["meetings"]
assert (m["last_7"], m["last_30"], m["last_90"]) == (2, 3, 4), m
assert len(m["weeks"]) == 12 and m["weeks"][0]["from"] == "2026-09-01", m["weeks"][0]
assert m["weeks"][-1] == {"from": "2026-11-17", "to": "2026-11-23", "meetings": 2}, m["weeks"]
assert [w["meetings"] for w in m["weeks"]] == [0] * 8 + [1, 0, 0, 2], m["weeks"]
assert d["mood"] == {"last_30": {"average": 3.0, "count": 3},
                     "last_90": {"average": 3.5, "count": 4}}, d["mood"]
assert d["craving"] == {"last_30": {"average": 4.67, "count": 3},
                        "last_90": {"average": 3.5, "count": 4}}, d["craving"]
assert [x["date"] for x in d["days"]] == sorted(x["date"] for x in d["days"]), d["days"]
assert len(d["days"]) == 4 and all(set(x) == {"id", "date", "mood", "craving"} for x in d["days"])'

run $T $P stats 3< "$pw"
cat > "$work/want" <<'EOF'
Clean time
  cocaine      412 days now · longest 412 · 412 of 412 days clean · 1 streak
Check-ins      2 days in a row · longest 2 · 4 in all
Meetings       2 in the last 7 days · 3 in 30 · 4 in 90
  per week, the last ending today:
  2026-09-01 to 2026-09-07    0
  2026-09-08 to 2026-09-14    0
  2026-09-15 to 2026-09-21    0
  2026-09-22 to 2026-09-28    0
  2026-09-29 to 2026-10-05    0
  2026-10-06 to 2026-10-12    0
  2026-10-13 to 2026-10-19    0
  2026-10-20 to 2026-10-26    0
  2026-10-27 to 2026-11-02    1  #
  2026-11-03 to 2026-11-09    0
  2026-11-10 to 2026-11-16    0
  2026-11-17 to 2026-11-23    2  ##
Mood           3.0 of 5 over 30 days (3 check-ins) · 3.5 of 5 over 90 days (4 check-ins)
  30 days      ··························▂·▄▆
Craving        4.7 of 10 over 30 days (3 check-ins) · 3.5 of 10 over 90 days (4 check-ins)
  30 days      ··························▅·▄▂
EOF
same_output "stats for people"
expect_usage "stats takes no argument" "unexpected argument 'all'" stats all

# ---- other programmes -----------------------------------------------------------------------
smart="$work/smart"
run $T $P --data-dir "$smart" init --clean-date 2026-01-01 --program smart --kdf interactive 3< "$pw"
run $T $P --data-dir "$smart" step --json 3< "$pw"
json "a SMART store has the four points, without principles" '
assert [s["title"] for s in d] == ["Building and keeping motivation", "Coping with urges",
    "Managing thoughts, feelings and behaviours", "Living a balanced life"], d
assert all(s["principle"] is None and s["program"] == "smart" for s in d), d'
run $T $P --data-dir "$smart" step set 2 --status working 3< "$pw"
[ "$status" = 0 ] && grep -qx 'Point 2, Coping with urges: working, since Monday 23 November 2026.' "$work/out"
ok $? "step set on a SMART store works a point"
cp "$smart/store" "$work/smart-kept"
run $T $P --data-dir "$smart" step set 5 --status 'done' 3< "$pw"
[ "$status" = 2 ] && grep -q 'there is no point 5 in this programme (1 to 4)' "$work/err" &&
    cmp -s "$smart/store" "$work/smart-kept"
ok $? "SMART has no point 5"
run_in "$work/j1" $T $P --data-dir "$smart" journal add --step 5 3< "$pw"
[ "$status" = 2 ] && grep -q 'there is no step 5 in this programme' "$work/err" &&
    cmp -s "$smart/store" "$work/smart-kept"
ok $? "a SMART journal entry cannot belong to point 5"
run $T $P --data-dir "$smart" meeting add 3< "$pw"
run $T $P --data-dir "$smart" meeting list --json 3< "$pw"
json "a SMART meeting's fellowship is SMART" 'assert d[0]["fellowship"] == "SMART", d'

other="$work/other"
run $T $P --data-dir "$other" init --clean-date 2026-01-01 --program other --kdf interactive 3< "$pw"
run $T $P --data-dir "$other" meeting add 3< "$pw"
run $T $P --data-dir "$other" meeting list --json 3< "$pw"
json "the programme 'other' names no fellowship" 'assert d[0]["fellowship"] is None, d'

# ---- help, and what is on disk --------------------------------------------------------------
for cmd in checkins meeting step journal stats contact; do
    run help $cmd
    cp "$work/out" "$work/help_cmd"
    run $cmd --help
    [ "$status" = 0 ] && cmp -s "$work/help_cmd" "$work/out" && grep -q "^Usage: odaat $cmd " "$work/out"
    ok $? "'help $cmd' and '$cmd --help' print the same usage"
done
run --help
[ "$status" = 0 ] && grep -q '^  journal ' "$work/out" && grep -q '^  contact ' "$work/out"
ok $? "--help lists the new commands"

! grep -rqa -e 'called my sponsor' -e 'fourth step' -e 'fear list' -e 'Élodie' -e '一日一日' \
    -e 'evenings only' -e 'Tuesday step group' -e 'Saint-Jean' -e 'Inventory' \
    "$ODAAT_HOME" "$smart" "$other"
ok $? "no note, journal or contact text is found anywhere in the data folders"
}
done_testing
