#!/bin/sh
# export and import through the real binary: every record of one store arrives unchanged
# in another (same uuids, times and values), importing it again skips everything, CSV and
# Markdown hold the sections, and a bad document imports nothing and names the record.
# Usage: test_exchange.sh PATH_TO_ODAAT
ODAAT=${1:?usage: test_exchange.sh ODAAT}
. "$(dirname "$0")/lib.sh"

printf 'first store words\n' > "$work/pw"
T="--today 2026-11-23"
A="--data-dir $work/a --passphrase-fd 3"
B="--data-dir $work/b --passphrase-fd 3"

# shellcheck disable=SC2086
{
"$ODAAT" $T $A init --clean-date 2025-10-07 --tracker cocaine --kdf interactive 3< "$work/pw" > /dev/null &&
    printf 'called my sponsor\n' | "$ODAAT" $T $A checkin --mood 4 --trigger stress --note-stdin 3< "$work/pw" > /dev/null &&
    "$ODAAT" $T $A tracker add alcohol --clean-date 2024-02-29 3< "$work/pw" > /dev/null &&
    printf 'a hard night, "quoted"\\ and\ttabbed\n' | "$ODAAT" $T $A relapse cocaine --date 2026-11-01 --note-stdin 3< "$work/pw" > /dev/null
ok $? "a store with check-ins, two trackers and a slip"

run $T $A export --format json 3< "$work/pw"
cp "$work/out" "$work/a.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"]=="odaat-export" and d["version"]==1' "$work/a.json"
ok $? "export --format json writes odaat's document"

"$ODAAT" $T $B init --clean-date 2026-01-01 --kdf interactive 3< "$work/pw" > /dev/null
run $T $B import "$work/a.json" 3< "$work/pw"
[ "$status" = 0 ] && grep -q '^Imported: [1-9][0-9]* added' "$work/out"
ok $? "import into another store reports what it added"
run $T $B export --format json 3< "$work/pw"
python3 - "$work/a.json" "$work/out" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
for section in ("trackers", "streaks", "checkins", "meetings", "steps", "journal", "contacts"):
    theirs = {r["uuid"]: r for r in b[section]}
    for record in a[section]:
        assert theirs.get(record["uuid"]) == record, (section, record)
PY
ok $? "every record arrives with the same uuid, times and values"
run $T $B import "$work/a.json" 3< "$work/pw"
[ "$status" = 0 ] && grep -q '^Imported: 0 added, 0 updated, [1-9][0-9]* skipped' "$work/out"
ok $? "importing the same document again skips everything"

# Into a folder without a store: a new store holding exactly the export.
C="--data-dir $work/c --passphrase-fd 3"
run $T $C import --kdf interactive "$work/a.json" 3< "$work/pw"
[ "$status" = 0 ] && grep -q 'A new store in' "$work/out" && grep -q 'Your recovery code:' "$work/out"
ok $? "import where there is no store creates one from the export"
run $T $C export --format json 3< "$work/pw"
python3 - "$work/a.json" "$work/out" <<'PY'
import re, sys
a, c = (re.sub(r'"exported_at":"[^"]*"', "", open(f).read()) for f in sys.argv[1:3])
sys.exit(0 if a == c else 1)
PY
ok $? "export, import into a fresh store, export again: byte for byte the same document"

run $T $A export --format csv 3< "$work/pw"
[ "$status" = 0 ] && grep -q '^# trackers' "$work/out" && grep -q '^# checkins' "$work/out"
ok $? "export --format csv has a section per record type"
run $T $A export --format md 3< "$work/pw"
[ "$status" = 0 ] && grep -q '^#' "$work/out" && grep -q 'called my sponsor' "$work/out"
ok $? "export --format md is a readable document"

cp "$work/b/store" "$work/kept"
python3 - "$work/a.json" "$work/bad.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["checkins"][0]["date"] = "2025-02-30"
json.dump(d, open(sys.argv[2], "w"))
PY
run $T $B import "$work/bad.json" 3< "$work/pw"
[ "$status" = 2 ] && [ "$(wc -l < "$work/err")" = 1 ] && grep -q 'nothing was imported: checkins\[0\]' "$work/err" &&
    cmp -s "$work/b/store" "$work/kept"
ok $? "an impossible date imports nothing, names the record and leaves the store as it was"
printf '{"format": "odaat-export", "version": 1,' > "$work/broken.json"
run $T $B import "$work/broken.json" 3< "$work/pw"
[ "$status" = 2 ] && grep -q 'nothing was imported' "$work/err" && cmp -s "$work/b/store" "$work/kept"
ok $? "broken JSON imports nothing"
expect_usage "import needs a file that exists" "$work/nope.json: No such file" --data-dir "$work/b" import "$work/nope.json"
expect_usage "export needs a format" "--format is required" --data-dir "$work/a" export
expect_usage "export refuses an unknown format" "--format takes json, csv or md, not 'xml'" --data-dir "$work/a" export --format xml
}
done_testing
