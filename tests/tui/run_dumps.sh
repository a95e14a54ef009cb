#!/bin/sh
# Screen tests in tig's style: the real odaat reads keys from a script (ODAAT_TUI_SCRIPT) and
# writes the screen as text at each `dump` line; the text must equal tests/tui/expected/NAME.txt
# exactly. The terminal is pinned: 80x24 unless the script says otherwise, TERM=xterm, UTF-8,
# UTC, --today 2026-11-23, no colours.
#
# A script's header lines choose how odaat starts:
#   # mode: demo      odaat demo (the default)
#   # mode: store     a store made with `init` (cocaine, clean since 2025-10-07), opened
#                     with --passphrase-fd
#   # mode: locked    the same store, opened by typing the passphrase on the unlock screen
#   # mode: wizard    no store yet: first-run set-up
#   # size: COLSxROWS another terminal size
#   # check: ARGS     after the run, `odaat ARGS` on the store; its output joins the dump
#   # status: N       the exit code odaat must give (default 0)
#   # filesize: N     odaat runs under `ulimit -f N` (blocks of 512 bytes): a full disk,
#                     so every save fails
#
# Usage: run_dumps.sh ODAAT SOURCE_DIR [NAME...]. With UPDATE=1 the expected files are
# rewritten from what odaat drew (look at the diff before committing them).
ODAAT=$1
SRC=$2
shift 2
here=$SRC/tests/tui
pass='correct horse battery staple'
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

if [ $# -eq 0 ]; then
    set -- $(cd "$here/scripts" && ls *.keys | sed 's/\.keys$//')
fi

export LC_ALL=C.UTF-8 TZ=UTC TERM=xterm NO_COLOR=1
unset ODAAT_HOME XDG_DATA_HOME
n=0
failed=0
echo "1..$#"
for name in "$@"; do
    n=$((n + 1))
    script=$here/scripts/$name.keys
    expected=$here/expected/$name.txt
    header() { sed -n "s/^# $1: //p" "$script" | head -1; }
    mode=$(header mode)
    size=$(header size)
    want=$(header status)
    filesize=$(header filesize)
    [ -n "$filesize" ] || filesize=unlimited
    [ -n "$mode" ] || mode=demo
    [ -n "$size" ] || size=80x24
    [ -n "$want" ] || want=0
    cols=${size%x*}
    rows=${size#*x}
    dir=$work/$name
    rm -rf "$dir"
    mkdir -p "$dir"
    printf '%s\n' "$pass" > "$work/pw"
    T="--today 2026-11-23 --data-dir $dir/data"
    if [ "$mode" = store ] || [ "$mode" = locked ]; then
        "$ODAAT" $T --passphrase-fd 3 init --clean-date 2025-10-07 --tracker cocaine \
            --kdf interactive 3< "$work/pw" > /dev/null 2>&1
    fi
    case $mode in
    demo) set -- "$ODAAT" --today 2026-11-23 demo ;;
    store) set -- "$ODAAT" $T --passphrase-fd 3 ;;
    *) set -- "$ODAAT" $T ;;
    esac
    # The screens go through a pipe, which the file size limit does not touch.
    (
        ulimit -f "$filesize"
        LINES=$rows COLUMNS=$cols ODAAT_TUI_SCRIPT=$script "$@" 3< "$work/pw" < /dev/null
        echo $? > "$dir/status"
    ) 2> "$dir/err" | cat > "$dir/out"
    status=$(cat "$dir/status")
    sed -n 's/^# check: //p' "$script" | while read -r args; do
        echo "=== odaat $args"
        "$ODAAT" $T --passphrase-fd 3 $args 3< "$work/pw" 2>&1
    done >> "$dir/out"
    if [ "${UPDATE:-}" = 1 ]; then
        cp "$dir/out" "$expected"
    fi
    if [ "$status" = "$want" ] && [ ! -s "$dir/err" ] && cmp -s "$expected" "$dir/out"; then
        echo "ok $n - $name"
    else
        echo "not ok $n - $name"
        echo "# exit $status (wanted $want)"
        sed 's/^/# stderr: /' "$dir/err" | head -5
        diff "$expected" "$dir/out" 2>&1 | head -40 | sed 's/^/# /'
        failed=1
    fi
done
exit $failed
