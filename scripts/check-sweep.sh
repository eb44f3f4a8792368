#!/usr/bin/env bash
# Gate "build-$ARCH": every prefix of the series in WT builds, base first,
# then one patch at a time in one output directory (incremental). A patch
# that touches only tools/testing/ and Documentation/ (not its Kconfig)
# leaves the kernel as it was and is not built again. A patch that touches tools/ or a uAPI header also builds
# the kselftests: at every such patch with SWEEP_KSELFTESTS=every (the
# default), at the tip only with SWEEP_KSELFTESTS=tip. SWEEP_PREFIXES=tip
# builds the tip only (check.sh: on the platforms after the first, or on
# every one with CHECK_PREFIXES=tip, as CI does); the base's W=1/sparse list is then made by
# checking the base out and recompiling only the objects that list covers.
# On the way it lists the W=1 and sparse warnings of the objects the series
# touches at base and at the tip (check-warnings.sh) into LOGDIR/warn-base
# and LOGDIR/warn-series. Leaves WT at the tip.
# Usage: check-sweep.sh WT OUTDIR LOGDIR
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/scripts/check-lib.sh"
wt=$1 out=$2 logs=$3
gate=build-$ARCH
mkdir -p "$logs"
rm -f "$logs"/warn-*

tip=$(git -C "$wt" rev-parse HEAD)
mapfile -t commits < <(git -C "$wt" rev-list --reverse base..HEAD)
commits=("$(git -C "$wt" rev-parse base)" "${commits[@]}")
n=$((${#commits[@]} - 1))
every=${SWEEP_PREFIXES:-every}
start=$(date +%s) warn_s=0 skipped=0

# errors LOG: the compiler's errors in LOG, indented, paths made relative.
errors() { grep -E 'error:|Error [0-9]' "$1" | grep -v '^make' | sed "s|$wt/||g" | head -n 15 | sed 's/^/    /'; }

# warnings NAME: list the warnings of the touched objects into warn-NAME.
warnings() {
	local t0; t0=$(date +%s)
	"$top/scripts/check-warnings.sh" "$wt" "$out" "$tip" > "$logs/warn-$1" 2> "$logs/warn-$1.log" ||
		echo "    note: W=1/sparse pass at $1 failed, see $logs/warn-$1.log"
	warn_s=$((warn_s + $(date +%s) - t0))
}

for i in $(seq 0 "$n"); do
	[ "$every" = every ] || [ "$i" = "$n" ] || continue
	c=${commits[$i]}
	git -C "$wt" checkout -q --detach "$c"
	what=$(git -C "$wt" log -1 --format='%s' "$c")
	[ "$i" = 0 ] && what="base"
	log "$gate: $i/$n $what"
	printf -v lf '%s/build-%02d.log' "$logs" "$i"
	files=$([ "$i" = 0 ] || git -C "$wt" diff --name-only "$([ "$every" = every ] && echo "$c~1" || echo "${commits[0]}")" "$c")
	if [ "$i" -gt 0 ] && ! grep -qvE '^(tools/testing|Documentation)/' <<<"$files" &&
	   ! grep -qE '^Documentation/Kconfig' <<<"$files"; then
		skipped=$((skipped + 1))
		: > "$lf"
	elif ! "$top/scripts/build-kernel.sh" "$wt" "$out" > "$lf" 2>&1; then
		fail "$gate" "$( [ "$i" = 0 ] && echo "the base" || echo "patch $i/$n '$what'") does not build (kernel); log: ${lf#"$top"/}"
		errors "$lf"
		git -C "$wt" checkout -q --detach "$tip"
		exit 1
	fi
	kst=$(grep -E '^(tools/|include/uapi/|arch/[^/]+/include/uapi/)' <<<"$files")
	[ "${SWEEP_KSELFTESTS:-every}" = every ] || kst=$([ "$i" = "$n" ] && echo tip)
	if [ "$i" -gt 0 ] && [ -n "$kst" ]; then
		if ! "$top/scripts/build-selftests.sh" "$wt" "$BUILD/kst-check-$ARCH" >> "$lf" 2>&1; then
			fail "$gate" "patch $i/$n '$what' does not build (kselftests: $SELFTESTS); log: ${lf#"$top"/}"
			errors "$lf"
			git -C "$wt" checkout -q --detach "$tip"
			exit 1
		fi
	fi
	[ "$i" = 0 ] && warnings base
done
warnings series
if [ "$every" != every ]; then
	git -C "$wt" checkout -q --detach "${commits[0]}"
	warnings base
	git -C "$wt" checkout -q --detach "$tip"
fi
total=$(($(date +%s) - start))
if [ "$every" = every ]; then
	what="base and all $n prefixes build (kernel: $((n - skipped)) rebuilt, $skipped touch only tools/testing/ or Documentation/"
else
	what="the tip builds (SWEEP_PREFIXES=tip: not the base nor the $((n - 1)) prefixes between"
fi
pass "$gate" "$what; kselftests $([ "${SWEEP_KSELFTESTS:-every}" = every ] && echo 'where touched' || echo 'at the tip')) in $((total - warn_s)) s, incremental in ${out#"$top"/}"
