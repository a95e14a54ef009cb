#!/bin/sh
# Shows that the layering check can fail: a clean tree passes, and a tree that breaks each
# rule in turn is refused with the rule named. Prints TAP.
# Usage: layers_selftest.sh PATH_TO_layers.sh
set -u
lint=${1:?usage: layers_selftest.sh LINT}
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

n=0
failed=0
result() {
    n=$((n + 1))
    if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

# fresh: a small tree that obeys every rule.
fresh() {
    rm -rf "$work/tree"
    mkdir -p "$work/tree/src/core" "$work/tree/src/tui" "$work/tree/src/vault" \
        "$work/tree/src/store" "$work/tree/src/clock" "$work/tree/src/cli" "$work/tree/include/odaat"
    printf '#include <string.h>\nint f(void) { return 1; }\n' > "$work/tree/src/core/date.c"
    printf '#include <ncursesw/curses.h>\n' > "$work/tree/src/tui/tui.c"
    printf '#include <sodium.h>\n' > "$work/tree/src/vault/crypto.c"
    printf '#include <sqlite3.h>\n' > "$work/tree/src/store/store.c"
    printf '#include <time.h>\nlong t(void) { return time(NULL); }\n' > "$work/tree/src/clock/clock.c"
    printf '#include <stdio.h>\n' > "$work/tree/src/cli/cli.c"
}

# breaks FILE LINE DESCRIPTION: the lint must refuse the tree once LINE is added to FILE.
breaks() {
    fresh
    printf '%s\n' "$2" >> "$work/tree/$1"
    if "$lint" "$work/tree" > "$work/out" 2>&1; then
        result 1 "refused: $3"
    else
        grep -q '^not ok' "$work/out"
        result $? "refused: $3"
    fi
}

echo "1..8"
fresh
"$lint" "$work/tree" > "$work/out" 2>&1
result $? "a tree that keeps every rule passes"
breaks src/cli/cli.c '#include <curses.h>' "curses.h outside src/tui/"
breaks src/store/store.c '#include <sodium.h>' "sodium.h outside the crypto module"
breaks src/cli/cli.c '#include <sqlite3.h>' "sqlite3.h outside the store and vault"
breaks include/odaat/app.h '#include "sqlite3.h"' "sqlite3.h in a public header"
breaks src/core/date.c '#include <stdio.h>' "stdio.h in the core"
breaks src/core/date.c 'int g(void) { return getenv("TZ") != 0; }' "getenv in the core"
breaks src/cli/cli.c 'long now(void) { return time(NULL); }' "the clock read outside src/clock/"
exit $failed
