#!/usr/bin/env bash
# "make check": the gates a maintainer runs before reading a line, on the
# series in patches/ (CHECK_PATCHES=DIR: another copy of it). Each gate
# prints one PASS or FAIL line; the last line is "N passed, N failed" and the
# exit status is 1 when any gate failed. The series is applied with git am in
# its own worktree (build/wt/linux, base tree build/wtb/linux) and built
# in build/wt/out-check-ARCH, for every ARCH that has configs/ARCH.config and a
# case in lib.sh (CHECK_ARCHES="..." to choose; CHECK_ONLY="GATE..." runs
# only the gates named, git-am included when wanted), then in the configurations of
# configs/matrix/ (build/wt/out-check-NAME). The worktree sits where
# build/linux does relative to its output directories, so ccache shares the
# objects of both (lib.sh, kcc). Logs go to build/check/.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/scripts/check-lib.sh"
patchdir=$(realpath "${CHECK_PATCHES:-$top/patches}")
wt=$BUILD/wt/linux basewt=$BUILD/wtb/linux logs=$BUILD/check
mkdir -p "$logs"
results=$logs/results
: > "$results"
start=$(date +%s)

if [ -z "${CHECK_ARCHES:-}" ]; then
	for c in "$top"/configs/*.config; do
		a=$(basename "$c" .config)
		(ARCH=$a; . "$top/scripts/lib.sh") >/dev/null 2>&1 && CHECK_ARCHES="${CHECK_ARCHES:-} $a"
	done
fi

# gate NAME CMD...: run one gate script and keep its PASS/FAIL lines; a
# script that ends without saying PASS or FAIL fails its gate.
gate() {
	local name=$1 out rc; shift
	if [ -n "${CHECK_ONLY:-}" ] && [[ " $CHECK_ONLY " != *" $name "* ]]; then
		log "gate $name: not run (CHECK_ONLY=$CHECK_ONLY)"
		return 0
	fi
	log "gate $name"
	out=$("$@"); rc=$?
	grep -qE '^(PASS|FAIL) ' <<<"$out" ||
		out="${out:+$out$'\n'}FAIL $name: $(basename "$1") exited $rc without a result"
	# A script that prints a line per item (configs) and then dies must
	# not pass on the lines it printed before.
	[ "$rc" = 0 ] || grep -qE '^FAIL ' <<<"$out" ||
		out="$out"$'\n'"FAIL $name: $(basename "$1") exited $rc after the lines above"
	echo "$out" | tee -a "$results"
}
passed() { grep -q "^PASS $1:" "$results"; }
notrun() {
	[ -z "${CHECK_ONLY:-}" ] || [[ " $CHECK_ONLY " == *" $1 "* ]] || return 0
	fail "$1" "not run: $2" | tee -a "$results"
}

gate git-am "$top/scripts/check-tree.sh" "$patchdir" "$wt" "$basewt"
gate mail "$top/scripts/check-mail.sh" "$patchdir" "$(passed git-am && echo "$wt")"
gate checkpatch "$top/scripts/check-checkpatch.sh" "$patchdir" "$wt"
if passed git-am; then
	gate kernel-doc "$top/scripts/check-kdoc.sh" "$basewt" "$wt" "$logs"
	for a in $CHECK_ARCHES; do
		out=$BUILD/wt/out-check-$a
		# Userspace is the same on every platform: the kselftests are built
		# at every patch on the first, at the tip on the others. So are
		# the kernel prefixes (CHECK_PREFIXES=every: on every platform);
		# the other platforms build the tip (CHECK_PREFIXES=tip: all do).
		kst=tip; [ "$a" != "$(echo $CHECK_ARCHES | cut -d' ' -f1)" ] || kst=every
		pfx=${CHECK_PREFIXES:-$kst}
		SWEEP_PREFIXES=$pfx SWEEP_KSELFTESTS=$kst ARCH=$a gate "build-$a" "$top/scripts/check-sweep.sh" "$wt" "$out" "$logs/$a"
		if passed "build-$a"; then
			objs=$(head -n 1 "$logs/$a/warn-series.log" 2>/dev/null | sed -n 's/^\([0-9]*\) objects:.*/\1/p')
			gate "warnings-$a" "$top/scripts/check-compare.sh" "warnings-$a" \
				"W=1 + sparse ($(cat "$BUILD/tools/sparse.version" 2>/dev/null || echo none)) on ${objs:-0} objects built from touched files" \
				"$logs/$a/warn-base" "$logs/$a/warn-series"
			# The uAPI headers are the same on every platform: tested on
			# the first (2 minutes each on CI's machine).
			[ "$kst" != every ] ||
				ARCH=$a gate "uapi-$a" "$top/scripts/check-uapi.sh" "$wt" "$out"
		else
			notrun "warnings-$a" "the series does not build for $a"
			[ "$kst" != every ] || notrun "uapi-$a" "the series does not build for $a"
		fi
	done
	gate configs "$top/scripts/check-configs.sh" "$wt" "$basewt" "$logs/configs"
	gate docs "$top/scripts/check-docs.sh" "$basewt" "$wt" "$logs"
	gate coccinelle "$top/scripts/check-cocci.sh" "$basewt" "$wt" "$logs"
else
	for g in kernel-doc $(for a in $CHECK_ARCHES; do echo "build-$a warnings-$a"; done) uapi-$(echo $CHECK_ARCHES | cut -d" " -f1) configs docs coccinelle; do
		notrun "$g" "the series does not apply"
	done
fi

log "check: $(( $(date +%s) - start )) s; results in ${results#"$top"/}"
echo "$(grep -c '^PASS ' "$results") passed, $(grep -c '^FAIL ' "$results") failed"
! grep -q '^FAIL ' "$results"
