#!/usr/bin/env bash
# Gate "coccinelle": make coccicheck MODE=report over the C files and headers
# the series touches reports nothing new against the base. coccicheck's M=
# takes directories and recurses, so the touched files of each tree are
# copied, at their paths, into a scratch directory that M= names: every
# semantic patch then runs once over just those files. The base is only
# scanned when the series side reports anything, and then only the files
# that the series side reports on (a file without a report has nothing new).
# Usage: check-cocci.sh BASEWT WT LOGDIR
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/scripts/check-lib.sh"
basewt=$(realpath "$1") wt=$(realpath "$2") logs=$(realpath -m "$3")
mkdir -p "$logs"

mapfile -t files < <(touched "$wt" | grep -E '\.[ch]$')
[ ${#files[@]} -gt 0 ] || { pass coccinelle "the series touches no C file or header"; exit 0; }

# cocci TREE NAME [FILE...]: the report lines for the touched files of TREE
# (or the FILEs given) in LOGDIR/cocci-NAME.
cocci() {
	local scratch=$logs/cocci-$2.files f tree=$1 name=$2
	shift 2
	[ $# -gt 0 ] || set -- "${files[@]}"
	rm -rf "$scratch"; mkdir -p "$scratch"
	for f; do
		[ -f "$tree/$f" ] || continue
		mkdir -p "$scratch/$(dirname "$f")"
		cp "$tree/$f" "$scratch/$f"
	done
	make -C "$wt" coccicheck MODE=report M="$scratch" J="$JOBS" ARCH="$ARCH" \
		DEBUG_FILE=/dev/null > "$logs/cocci-$name.log" 2>&1
	local rc=$?
	grep -E '^[^ ]+:[0-9]+:[0-9]+(-[0-9]+)?: |^EXN|coccicheck failed' "$logs/cocci-$name.log" > "$logs/cocci-$name"
	return $rc
}
spatch=$(spatch --version 2>/dev/null | head -n 1 | awk '{ print "spatch " $3 }')
what="coccicheck MODE=report ($spatch) on ${#files[@]} touched C/header files"
if ! cocci "$wt" series; then
	fail coccinelle "$what failed; log: ${logs#"$top"/}/cocci-series.log"
	grep -vE '^/usr/bin/spatch' "$logs/cocci-series.log" | tail -n 10 | sed 's/^/    /'
	exit 1
fi
if [ -s "$logs/cocci-series" ]; then
	mapfile -t reported < <(sed -nE 's|^(\./)?([^ :]+):[0-9]+:.*|\2|p' "$logs/cocci-series" | sort -u)
	cocci "$basewt" base "${reported[@]}" || echo "    note: coccicheck of the base failed, see ${logs#"$top"/}/cocci-base.log"
else
	: > "$logs/cocci-base"
fi
"$top/scripts/check-compare.sh" coccinelle "$what" "$logs/cocci-base" "$logs/cocci-series"
