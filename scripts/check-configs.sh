#!/usr/bin/env bash
# Gate "configs": the series at WT's tip builds in each configs/matrix/NAME.config,
# the configurations the kernel test robot tries and the platforms' own
# configs do not: modules (modpost, symbol namespaces), no PCI, 32-bit ARM
# with LPAE, no iommufd, no IRQ_MSI_IOMMU. NAME starts with its ARCH; a
# "# base: PLATFORM" line starts the fragment from configs/PLATFORM.config
# (the lines of the symbols it sets again dropped), "# targets: ..." names
# what make builds. Only the tip is built (in build/wt/out-check-NAME, next to
# WT, so that ccache finds the objects the configs share); a config that
# fails there is built at base too (BASEWT, build/out-check-NAME-base), to
# tell a break the series brings from one already in the base.
# CHECK_CONFIGS="NAME..." builds only those.
# Usage: check-configs.sh WT BASEWT LOGDIR
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/scripts/check-lib.sh"
wt=$1 basewt=$2 logs=$3
mkdir -p "$logs"
start=$(date +%s) problems=() built=()

# fragment FILE OUT: FILE on top of its base platform's config, into OUT.
fragment() {
	local base syms
	base=$(sed -n 's/^# base: *//p' "$1")
	syms=$(grep -oE '^(# )?CONFIG_[A-Z0-9_]+' "$1" | sed 's/^# //' | paste -sd'|')
	{
		[ -z "$base" ] || grep -vE "^(# )?(${syms:-NONE})[= ]" "$top/configs/$base.config"
		cat "$1"
	} > "$2"
}

# errors LOG: the build's errors, indented.
errors() {
	grep -E 'error:|ERROR:|Error [0-9]|undefined reference' "$1" | grep -v '^make' |
		sed -e "s|$wt/||g" -e "s|$basewt/||g" | sort -u | head -n 10 | sed 's/^    /      /; s/^/    /'
}

# build NAME TREE OUT LOG: build TREE with NAME's fragment.
build() {
	local f=$1
	ARCH=${f%%-*} FRAGMENT=$logs/$f.fragment \
		TARGETS=$(sed -n 's/^# targets: *//p' "$top/configs/matrix/$f.config") \
		"$top/scripts/build-kernel.sh" "$2" "$3" > "$4" 2>&1
}

for cfg in "$top"/configs/matrix/*.config; do
	name=$(basename "$cfg" .config)
	[ -z "${CHECK_CONFIGS:-}" ] || [[ " $CHECK_CONFIGS " == *" $name "* ]] || continue
	log "configs: $name"
	fragment "$cfg" "$logs/$name.fragment"
	if ! (ARCH=${name%%-*}; . "$top/scripts/lib.sh"; need "${CROSS_COMPILE}gcc") >/dev/null 2>&1; then
		problems+=("$name: no ${name%%-*} toolchain (run ./rig check, which installs it)")
		continue
	fi
	t0=$(date +%s)
	if build "$name" "$wt" "$(dirname "$wt")/out-check-$name" "$logs/$name.log"; then
		built+=("$name $(( $(date +%s) - t0 ))s")
		continue
	fi
	if build "$name" "$basewt" "$BUILD/out-check-$name-base" "$logs/$name-base.log"; then
		problems+=("$name: the series breaks the build (the base builds); log: ${logs#"$top"/}/$name.log")
	else
		problems+=("$name: fails at the tip and at the base too; logs: ${logs#"$top"/}/$name{,-base}.log")
	fi
	while IFS= read -r l; do problems+=("$l"); done < <(errors "$logs/$name.log")
done

verdict configs "the tip builds in ${#built[@]} configs (${built[*]}) in $(( $(date +%s) - start )) s" \
	"the tip does not build in every config" "${problems[@]}"
