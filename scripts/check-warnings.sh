#!/usr/bin/env bash
# Print the W=1 and sparse (C=2) warnings of every object of OUTDIR whose
# source or dependencies are files that the series (base..TIP in WT) touches,
# recompiling those objects from WT as it is checked out now. Paths are made
# relative to the tree. sparse is build/tools/sparse (scripts/check-deps.sh);
# without it, W=1 only (said on stderr).
# Usage: check-warnings.sh WT OUTDIR TIP
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
wt=$(realpath "$1") out=$(realpath "$2") tip=$3

pat=$(mktemp)
trap 'rm -f "$pat"' EXIT
# Kbuild records a dependency by its absolute path, or relative to OUTDIR when
# ccache wrote the dependency file (CCACHE_BASEDIR): match both.
rel=$(realpath -m --relative-to="$out" "$wt")
git -C "$wt" diff --name-only base.."$tip" | grep -vE '^(tools|Documentation|scripts|samples)/' |
	sed -e "s|^\(.*\)$|$wt/\1\n$rel/\1|" > "$pat"
[ -s "$pat" ] || exit 0
mapfile -t objs < <(cd "$out" && find . -path ./scripts -prune -o -name '.*.o.cmd' -print0 | xargs -0 grep -lF -f "$pat" |
	sed -E 's|^\./||; s|(.*/)?\.([^/]*\.o)\.cmd$|\1\2|' | sort)
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
