#!/bin/sh
# The layering rules of the code base, checked by grep over src/ and include/:
#   curses only in src/tui/; libsodium only in the crypto module; SQLite only in the store
#   and the vault; the core free of I/O, clocks and the environment; the system clock read
#   only by src/clock/. Prints TAP; exits 1 when any rule is broken.
# Usage: layers.sh SOURCE_ROOT
set -u
root=${1:?usage: layers.sh SOURCE_ROOT}
cd "$root" || { echo "Bail out! cannot enter $root"; exit 1; }

failed=0
n=0

# check DESCRIPTION HITS: one TAP line; HITS (file:line: text) are the violations.
check() {
    n=$((n + 1))
    if [ -z "$2" ]; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1"
        printf '%s\n' "$2" | sed 's/^/#   /'
        failed=1
    fi
}

# sources FILTER_REGEX: the C files under src/ and include/ whose path does not match.
sources() {
    find src include -type f \( -name '*.c' -o -name '*.h' \) 2>/dev/null | sort |
        grep -Ev "$1"
}

# hits PATTERN FILTER_REGEX: lines matching PATTERN in the files sources() gives.
hits() {
    files=$(sources "$2")
    [ -n "$files" ] || return 0
    # shellcheck disable=SC2086 # file names are ours and have no spaces
    grep -nE "$1" $files 2>/dev/null || true
}

echo "1..5"
check "curses.h is included only under src/tui/" \
    "$(hits '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/n?curses|term)\.h' '^src/tui/')"
check "sodium.h is included only by the crypto module" \
    "$(hits '#[[:space:]]*include[[:space:]]*[<"]sodium(/[a-z_]+)?\.h' '(^|/)crypto\.[ch]$')"
check "sqlite3.h is included only by the store and the vault" \
    "$(hits '#[[:space:]]*include[[:space:]]*[<"]sqlite3\.h' '^src/(store|vault)/')"

core_files=$(find src/core -type f -name '*.c' 2>/dev/null | sort)
core_hits=""
if [ -n "$core_files" ]; then
    # shellcheck disable=SC2086
    core_hits=$(grep -nE '#[[:space:]]*include[[:space:]]*<(stdio|time|unistd|fcntl|sys/[a-z]+)\.h>|\b(getenv|fopen|open|printf|fprintf|time|localtime(_r)?|gmtime(_r)?|mktime|clock_gettime|gettimeofday)[[:space:]]*\(' $core_files || true)
fi
check "the core does no I/O and reads no clock or environment" "$core_hits"

check "only src/clock/ reads the system clock" \
    "$(hits '\b(time[[:space:]]*\([[:space:]]*(NULL|0|&)|localtime(_r)?[[:space:]]*\(|clock_gettime[[:space:]]*\(|gettimeofday[[:space:]]*\()' '^(src/clock/|include/odaat/clock\.h$)')"

exit $failed
