#!/usr/bin/env bash
# Gate "checkpatch": scripts/checkpatch.pl --strict (from the kernel tree
# KTREE) on every patch file; each error, warning or check must be listed in
# checks/checkpatch.exceptions (see its header), matched by patch subject or
# file name, never by number.
# Usage: check-checkpatch.sh PATCHDIR KTREE
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/scripts/check-lib.sh"
patchdir=$(realpath "$1") ktree=$2
exceptions=${CHECKPATCH_EXCEPTIONS:-$top/checks/checkpatch.exceptions}

# The exceptions as "PATCH<TAB>WHAT" lines (reasons are for people).
excepts=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$exceptions" 2>/dev/null |
	awk -F' *[|] *' 'NF >= 3 && $3 != "" { sub(/^ +/, "", $1); print $1 "\t" $2 }')
bad=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$exceptions" 2>/dev/null |
	awk -F' *[|] *' 'NF < 3 || $3 == ""')
[ -z "$bad" ] || { fail checkpatch "malformed lines in $exceptions (PATCH | TYPE | reason):"; echo "$bad" | sed 's/^/    /'; exit 1; }

unlisted=() excepted=0 n=0 used=
while IFS= read -r p; do
	n=$((n + 1))
	subj=$(subject "$p") stem=$(basename "$p" .patch); stem=${stem#[0-9][0-9][0-9][0-9]-}
	out=$(cd "$ktree" && scripts/checkpatch.pl --strict --terse --show-types "$p" 2>&1); rc=$?
	findings=$(grep -E '(ERROR|WARNING|CHECK):[A-Z0-9_]+:' <<<"$out")
	if [ $rc != 0 ] && [ -z "$findings" ]; then
		unlisted+=("$(basename "$p"): checkpatch.pl exited $rc: $(tail -n 3 <<<"$out" | tr '\n' ' ')")
		continue
	fi
	while IFS= read -r f; do
		[ -n "$f" ] || continue
		type=$(sed -E 's/.*(ERROR|WARNING|CHECK):([A-Z0-9_]+):.*/\2/' <<<"$f")
		msg=${f#*"$type": }
		hit=$(awk -F'\t' -v s="$subj" -v st="$stem" -v t="$type" -v m="$msg" '
			($1 == s || $1 == st) && ($2 == t || index(m, $2)) { print NR; exit }' <<<"$excepts")
		if [ -n "$hit" ]; then
			excepted=$((excepted + 1)); used="$used $hit "
		else
			unlisted+=("$(basename "$p"): ${f#"$p":}")
		fi
	done <<<"$findings"
done < <(series_files "$patchdir")

i=0
while IFS= read -r e; do
	i=$((i + 1))
	[ -n "$e" ] || continue
	case $used in *" $i "*) ;; *) echo "    note: exception matches nothing now: ${e/$'\t'/ | }" ;; esac
done <<<"$excepts"
verdict checkpatch "$n patches --strict clean ($excepted finding(s) listed in ${exceptions#"$top"/})" \
	"${#unlisted[@]} finding(s) not in ${exceptions#"$top"/}:" "${unlisted[@]}"
