#!/bin/sh
# The command list is written in four places: the command table (odaat --help), the man
# page, and the bash and zsh completions. This test fails when any of them disagrees, and
# checks every command's --help.
# Usage: test_docs.sh PATH_TO_ODAAT SOURCE_ROOT
ODAAT=${1:?usage: test_docs.sh ODAAT SOURCE_ROOT}
root=${2:?usage: test_docs.sh ODAAT SOURCE_ROOT}
. "$(dirname "$0")/lib.sh"

"$ODAAT" --help | awk '/^Commands:/ {on = 1; next} on && /^$/ {exit} on {print $1}' |
    grep -vx help | sort > "$work/help"
awk '/^# COMMANDS/ {on = 1; next} on && /^# / {exit} on && /^\*[a-z]+\*/ {print}' \
    "$root/docs/odaat.1.scd" | sed 's/^\*\([a-z]*\)\*.*/\1/' | sort > "$work/man"
sed -n '/local commands="/,/"/p' "$root/docs/completions/odaat.bash" |
    sed 's/.*commands="//; s/".*//' | tr ' ' '\n' | grep -v '^$' | grep -vx help | sort > "$work/bash"
sed -n "/^commands=(/,/^)/p" "$root/docs/completions/_odaat" | grep -o "^ *'[a-z]*:" |
    tr -d " ':" | grep -vx help | sort > "$work/zsh"

[ "$(wc -l < "$work/help")" -ge 10 ]
ok $? "odaat --help lists the commands ($(wc -l < "$work/help"))"
for place in man bash zsh; do
    diff "$work/help" "$work/$place" > "$work/diff"
    ok $? "the $place list of commands agrees with odaat --help" "$(cat "$work/diff")"
done

while read -r cmd; do
    run "$cmd" --help
    [ "$status" = 0 ] && head -1 "$work/out" | grep -q "^Usage: odaat $cmd" &&
        [ "$(awk 'length($0) > 80' "$work/out" | wc -l)" = 0 ]
    ok $? "odaat $cmd --help shows its usage within 80 columns" "$(awk 'length($0) > 80' "$work/out")"
done < "$work/help"
run --help
[ "$(awk 'length($0) > 80' "$work/out" | wc -l)" = 0 ]
ok $? "odaat --help fits 80 columns" "$(awk 'length($0) > 80' "$work/out")"
run help --help
[ "$status" = 0 ] && head -1 "$work/out" | grep -q '^Usage: odaat \[GLOBAL OPTIONS\]'
ok $? "odaat help --help is the overview"

# The man page's KEYS section is the key tables, as docs/keys-section.sh writes them.
sh "$root/docs/keys-section.sh" "$ODAAT" > "$work/keys.want"
awk '/^# KEYS/ {on = 1} on && /^# / && !/^# KEYS/ {exit} on {print}' "$root/docs/odaat.1.scd" \
    > "$work/keys.man"
[ "$(wc -l < "$work/keys.want")" -gt 20 ] && diff "$work/keys.want" "$work/keys.man" > "$work/diff"
ok $? "the man page lists the keys of every screen from the key tables" "$(head -20 "$work/diff")"

# The README's captures of the full-screen interface are the screens odaat draws today.
awk '/^=== / {if (n) print "```"; print "```"; n = 1; next} {print} END {print "```"}' \
    "$root/tests/tui/expected/readme.txt" > "$work/captures"
sed -n '/^## The full-screen interface/,/^## A short tour/p' "$root/README.md" |
    sed -n '/^```$/,/^```$/p' > "$work/readme.captures"
diff "$work/captures" "$work/readme.captures" > "$work/diff"
ok $? "the README's captures match the demo's screens (tests/tui/expected/readme.txt)" \
    "$(head -20 "$work/diff")"

if command -v scdoc > /dev/null 2>&1; then
    scdoc < "$root/docs/odaat.1.scd" > "$work/odaat.1" 2> "$work/scdoc.err"
    ok $? "the man page source builds" "$(cat "$work/scdoc.err")"
fi
if command -v bash > /dev/null 2>&1; then
    bash -n "$root/docs/completions/odaat.bash"
    ok $? "the bash completion parses"
fi
done_testing
