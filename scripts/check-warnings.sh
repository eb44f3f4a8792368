#!/usr/bin/env bash
# Print the W=1 and sparse (C=2) warnings of the objects of OUTDIR built from
# C files that the series (base..TIP in WT) touches, plus, for each touched
# header that none of those includes, the first object that does,
# recompiling them from WT as it is checked out now: a warning a touched
# header causes shows in any object that includes it. WARN_ALL_DEPS=1 takes
# every object that depends on a touched file (65 instead of 13 on arm64). Paths are made
# relative to the tree. sparse is build/tools/sparse (scripts/check-deps.sh);
# without it, W=1 only (said on stderr).
# Usage: check-warnings.sh WT OUTDIR TIP
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
wt=$(realpath "$1") out=$(realpath "$2") tip=$3

pat=$(mktemp)
# Kbuild records a dependency by its absolute path, or relative to OUTDIR when
# ccache wrote the dependency file (CCACHE_BASEDIR): match both.
rel=$(realpath -m --relative-to="$out" "$wt")
git -C "$wt" diff --name-only base.."$tip" | grep -vE '^(tools|Documentation|scripts|samples)/' |
	sed -e "s|^\(.*\)$|$wt/\1\n$rel/\1|" > "$pat"
[ -s "$pat" ] || exit 0
# cmd2obj: ./dir/.x.o.cmd lines to dir/x.o
cmd2obj() { sed -E 's|^\./||; s|(.*/)?\.([^/]*\.o)\.cmd$|\1\2|'; }
deps=$(mktemp)
trap 'rm -f "$pat" "$deps"' EXIT
(cd "$out" && find . -path ./scripts -prune -o -name '.*.o.cmd' -print0 | xargs -0 grep -lF -f "$pat") > "$deps"
if [ "${WARN_ALL_DEPS:-0}" = 1 ]; then
	mapfile -t objs < <(cmd2obj < "$deps" | sort)
else
	# Objects whose own source is a touched C file...
	mapfile -t objs < <(cd "$out" && xargs -r grep -lE "^source_[^ ]+ := ($(grep -E '\.c$' "$pat" | sed 's/[.]/[.]/g' | paste -sd'|'))\$" < "$deps" | cmd2obj | sort)
	# ...and one that includes each touched header the others do not.
	while IFS= read -r h; do
		covered=
		for o in "${objs[@]}"; do
			c="$out/$(dirname "$o")/.$(basename "$o").cmd"
			grep -qF -e "$wt/$h" -e "$rel/$h" "$c" 2>/dev/null && { covered=1; break; }
		done
		[ -n "$covered" ] && continue
		first=$(cd "$out" && xargs -r grep -lF -e "$wt/$h" -e "$rel/$h" < "$deps" | sort | head -n 1)
		[ -z "$first" ] || objs+=("$(echo "$first" | cmd2obj)")
	done < <(git -C "$wt" diff --name-only base.."$tip" | grep -vE '^(tools|Documentation|scripts|samples)/' | grep -E '\.h$')
	mapfile -t objs < <(printf '%s\n' "${objs[@]}" | sort -u | grep .)
fi
[ ${#objs[@]} -gt 0 ] || exit 0
echo "${#objs[@]} objects: ${objs[*]}" >&2

check=()
if [ -x "$BUILD/tools/sparse" ]; then
	check=(C=2 CHECK="$BUILD/tools/sparse")
else
	echo "no build/tools/sparse: W=1 only" >&2
fi
(cd "$out" && rm -f "${objs[@]}")
mapfile -t cc < <(kcc "$wt" "$out")
make -C "$wt" O="$out" ARCH="$ARCH" CROSS_COMPILE="$CROSS_COMPILE" "${cc[@]}" -j"$JOBS" -k \
	W=1 "${check[@]}" "${objs[@]}" 2>&1 >/dev/null | tee -a /dev/stderr |
	grep -E ': (warning|error):' | sed "s|$wt/||g"
exit "${PIPESTATUS[0]}"
