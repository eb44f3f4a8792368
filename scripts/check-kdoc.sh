#!/usr/bin/env bash
# Gate "kernel-doc": scripts/kernel-doc -none -Wall on every C file and header
# the series touches, in the series tree WT and (where the file exists) the
# base tree BASEWT: no warning that the base does not have.
# Usage: check-kdoc.sh BASEWT WT LOGDIR
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/scripts/check-lib.sh"
basewt=$1 wt=$2 logs=$3
mkdir -p "$logs"

mapfile -t files < <(touched "$wt" | grep -E '\.[ch]$')
# kdoc TREE: the warnings of the touched files that exist in TREE.
kdoc() {
	local f
	for f in "${files[@]}"; do
		[ -f "$1/$f" ] || continue
		# (it prints each warning twice)
		(cd "$1" && scripts/kernel-doc -none -Wall "$f" 2>&1) | grep -iE 'warning|error' | awk '!seen[$0]++'
	done
}
kdoc "$basewt" > "$logs/kdoc-base"
kdoc "$wt" > "$logs/kdoc-series"
"$top/scripts/check-compare.sh" kernel-doc "-none -Wall on ${#files[@]} touched C/header files" \
	"$logs/kdoc-base" "$logs/kdoc-series"
