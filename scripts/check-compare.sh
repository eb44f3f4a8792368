#!/usr/bin/env bash
# Compare two warning lists, one a line, of the base and of the series: a
# warning is new when the series has it more often than the base, line and
# column numbers aside. Prints the gate's PASS or FAIL line (with the new
# warnings under it); exits 1 on new warnings.
# Usage: check-compare.sh GATE WHAT BASELIST SERIESLIST
set -uo pipefail
gate=$1 what=$2 base=$3 series=$4

norm() { sed -E 's/:[0-9]+(:[0-9]+)?(-[0-9]+)?/:/g; s/(line|lines) [0-9]+/\1 N/g' "$1"; }
new=$(paste -d $'\001' <(norm "$series") "$series" |
	awk -F'\001' -v base=<(norm "$base") 'BEGIN { while ((getline l < base) > 0) n[l]++ }
		n[$1]-- > 0 { next } { print "    " $2 }')
nb=$(grep -c . "$base") ns=$(grep -c . "$series")
if [ -z "$new" ]; then
	echo "PASS $gate: $what: $nb on base, $ns with the series, none new"
else
	echo "FAIL $gate: $what: $(grep -c . <<<"$new") new ($nb on base, $ns with the series):"
	echo "$new"
	exit 1
fi
