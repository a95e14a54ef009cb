#!/bin/sh
# Writes the man page's KEYS section (scdoc) from `odaat keys`, the same tables the footer
# and the `?` screen use. docs/odaat.1.scd holds its output between the KEYS heading and the
# next one; tests/cli/test_docs.sh fails when they differ. After changing a key table:
#   sh docs/keys-section.sh build/odaat > keys.scd   and paste it into the man page.
# Usage: keys-section.sh PATH_TO_ODAAT
ODAAT=${1:?usage: keys-section.sh ODAAT}
echo "# KEYS"
echo
echo "The full-screen interface (odaat without a command, on a terminal). The same list comes"
echo "from *odaat keys* and from *?* on each screen."
"$ODAAT" keys | awk -F '\t' '
    function esc(s) { gsub(/\\/, "\\\\", s); gsub(/\*/, "\\*", s); gsub(/_/, "\\_", s); return s }
    $1 != screen {
        if (line != "") print line
        line = ""
        screen = $1
        printf "\n*%s*\n", esc(screen)
    }
    {
        if (line != "") print line " ++"
        line = sprintf("%s*%s* %s", line == "" ? "\t" : "", esc($2), esc($3))
    }
    END { if (line != "") print line }
'
echo
