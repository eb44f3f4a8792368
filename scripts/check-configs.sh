#!/usr/bin/env bash
# Gate "configs": the series at WT's tip builds in each configs/matrix/NAME.config,
# the configurations the kernel test robot tries and the platforms' own
# configs do not: modules (modpost, symbol namespaces), no PCI, 32-bit ARM
# with LPAE, no iommufd, no IRQ_MSI_IOMMU. NAME starts with its ARCH; a
# "# base: PLATFORM" line starts the fragment from configs/PLATFORM.config
# (the lines of the symbols it sets again dropped), "# targets: ..." names
# what make builds ("@touched": the directories of the C files the series
# touches, compiled, not linked). A compiler warning in a file the series
# touches fails the config too (no CONFIG_WERROR: a warning the base has
# elsewhere must not stop the build before what the series changes). Only
# the tip is built. A config with a base platform is built in that
# platform's output directory of the build gate,
# build/wt/out-check-PLATFORM, which holds the tip
# already: Kbuild's per-symbol dependencies recompile only the objects whose
# config symbols the fragment changes, so such a config costs minutes, not a
# cold build (its .config stays the last config built there). A config
# without one, or whose platform was not built, gets build/wt/out-check-NAME.
# A config that fails is built at base too, from BASEWT in
# build/wtb/out-check-NAME, and only the errors the base does not have fail
# the gate.
# One PASS or FAIL line per config, gate "config-NAME"; a CHECK_CONFIGS name
# with no file, or no config at all, fails gate "configs".
# CHECK_CONFIGS="NAME..." builds only those.
# Usage: check-configs.sh WT BASEWT LOGDIR
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/scripts/check-lib.sh"
wt=$1 basewt=$2 logs=$3
mkdir -p "$logs"
start=$(date +%s) problems=() n=0

# fragment FILE OUT: FILE on top of its base platform's config, into OUT.
fragment() {
	local base syms
	base=$(sed -n 's/^# base: *//p' "$1" | tr -d ' \r')
	[ -z "$base" ] || [ -f "$top/configs/$base.config" ] || return 1
	syms=$(grep -oE '^(# )?CONFIG_[A-Z0-9_]+' "$1" | sed 's/^# //' | paste -sd'|')
	{
		[ -z "$base" ] || grep -vE "^(# )?(${syms:-NONE})[= ]" "$top/configs/$base.config"
		cat "$1"
	} > "$2"
}

# errors LOG: the build's errors, one line each, paths relative to the tree.
errors() {
	grep -E 'error:|ERROR:|Error [0-9]|undefined reference' "$1" | grep -v '^make' |
		sed -e "s|$wt/||g" -e "s|$basewt/||g" -e 's|\.\./[^ :]*/linux/||g' | sort -u
}

# warnings LOG: the compiler's warnings in the files the series touches.
warnings() {
	grep -E ': warning: ' "$1" | sed -e "s|$wt/||g" -e 's|^\.\./[^ :]*/linux/||' |
		grep -F -f <(touched "$wt" | sed 's/$/:/') | sort -u
}

# targets NAME OUT: what make builds for config NAME in OUT: its "# targets:"
# line, where "@touched" stands for the directories of the C files the
# series touches that the platform build in OUT compiled (a built-in.a
# there; Kbuild has no rule for a directory the config does not descend
# into). With none of them, the platform's image (said in the PASS line).
targets() {
	local t dirs
	t=$(sed -n 's/^# targets: *//p' "$top/configs/matrix/$1.config")
	[[ " $t " == *" @touched "* ]] || { echo "$t"; return; }
	dirs=$(touched "$wt" | grep -E '\.c$' | grep -vE '^(tools|samples|scripts|Documentation)/' |
		xargs -r -n1 dirname | sort -u | while IFS= read -r d; do
			[ ! -f "$2/$d/built-in.a" ] || echo "$d/"; done | paste -sd' ')
	t=${t/@touched/"$dirs"}
	echo "${t:-$(unset CROSS_COMPILE; ARCH=${1%%-*}; . "$top/scripts/lib.sh"; echo "$KIMAGE")}"
}

# build NAME TREE OUT LOG: build TREE with NAME's fragment, for NAME's ARCH
# and its toolchain (lib.sh), whatever the caller's CROSS_COMPILE.
build() {
	local f=$1
	env -u CROSS_COMPILE ARCH="${f%%-*}" FRAGMENT="$logs/$f.fragment" \
		TARGETS="$tg" \
		"$top/scripts/build-kernel.sh" "$2" "$3" > "$4" 2>&1
}

for c in ${CHECK_CONFIGS:-}; do
	[ -f "$top/configs/matrix/$c.config" ] || problems+=("$c: no configs/matrix/$c.config")
done

# result NAME T0 OKTEXT [PROBLEM...]: config NAME's line, with its time.
result() {
	local name=$1 t=$(( $(date +%s) - $2 )) ok=$3
	shift 3
	verdict "config-$name" "$ok in ${t} s" "the tip does not build (${t} s)" "$@"
}
# The order: configs built in place follow each other in one output
# directory, and each recompiles the objects that read a symbol it changes
# from the one before (cache misses: the config header differs). Most
# arm64 objects read CONFIG_IOMMUFD (sched/user.h) and about 500 read
# CONFIG_PCI; PCI=n straight after the tip, then the two that flip iommufd,
# recompiles the fewest. Files not named here follow in name order.
ORDER="arm-lpae arm64-nopci arm64-modules arm64-noiommufd x86_64-modules"
mapfile -t cfgs < <({ for o in $ORDER; do [ ! -f "$top/configs/matrix/$o.config" ] ||
	echo "$top/configs/matrix/$o.config"; done; ls "$top"/configs/matrix/*.config; } | awk '!seen[$0]++')
for cfg in "${cfgs[@]}"; do
	name=$(basename "$cfg" .config)
	[ -z "${CHECK_CONFIGS:-}" ] || [[ " $CHECK_CONFIGS " == *" $name "* ]] || continue
	log "configs: $name"
	n=$((n + 1)) t0=$(date +%s)

	if ! fragment "$cfg" "$logs/$name.fragment"; then
		result "$name" "$t0" "" "its '# base:' names no configs/*.config"
		continue
	fi
	if ! (unset CROSS_COMPILE; ARCH=${name%%-*}; . "$top/scripts/lib.sh"; need "${CROSS_COMPILE}gcc") >/dev/null 2>&1; then
		result "$name" "$t0" "" "no ${name%%-*} toolchain (run ./rig check, which installs it)"
		continue
	fi
	out=$(dirname "$wt")/out-check-$name
	base=$(sed -n 's/^# base: *//p' "$cfg" | tr -d ' \r')
	[ -z "$base" ] || [ ! -f "$(dirname "$wt")/out-check-$base/.config" ] || out=$(dirname "$wt")/out-check-$base
	# The same targets for the tip and, should it fail, the base.
	tg=$(targets "$name" "$out") targets=$tg
	! grep -q '^# targets: .*@touched' "$cfg" || targets="the touched C files' directories: $tg"
	if build "$name" "$wt" "$out" "$logs/$name.log"; then
		w=$(warnings "$logs/$name.log")
		if [ -z "$w" ]; then
			result "$name" "$t0" "the tip builds ($targets, ${out#"$top"/})"
		else
			mapfile -t l < <(head -n 10 <<<"$w")
			result "$name" "$t0" "" "warnings in files the series touches; log: ${logs#"$top"/}/$name.log" "${l[@]/#/  }"
		fi
		continue
	fi
	if grep -q 'config fragment not honoured' "$logs/$name.log"; then
		mapfile -t l < <(sed -n '/config fragment not honoured/,$p' "$logs/$name.log" | sed 1d | head -n 10)
		result "$name" "$t0" "" "Kconfig drops symbols the config sets; log: ${logs#"$top"/}/$name.log" "${l[@]/#/  }"
		continue
	fi
	# What the base does not fail on is the series' doing.
	build "$name" "$basewt" "$(dirname "$basewt")/out-check-$name" "$logs/$name-base.log"
	new=$(comm -23 <(errors "$logs/$name.log") <(errors "$logs/$name-base.log"))
	if [ -z "$new" ] && [ -s "$logs/$name-base.log" ] && [ -n "$(errors "$logs/$name-base.log")" ]; then
		result "$name" "$t0" "fails as the base does; logs: ${logs#"$top"/}/$name{,-base}.log"
		continue
	fi
	[ -n "$new" ] || new=$(tail -n 5 "$logs/$name.log")
	mapfile -t l < <(head -n 10 <<<"${new:-(the build printed nothing)}")
	result "$name" "$t0" "" "the series breaks the build; log: ${logs#"$top"/}/$name.log" "${l[@]/#/  }"
done
[ "$n" -gt 0 ] || [ ${#problems[@]} -gt 0 ] || problems+=("no configs/matrix/*.config")
[ ${#problems[@]} = 0 ] || verdict configs "" "configs asked for that cannot be built" "${problems[@]}"
log "configs: $n built in $(( $(date +%s) - start )) s"
