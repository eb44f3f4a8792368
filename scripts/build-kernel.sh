#!/usr/bin/env bash
# Configure and build the kernel image of $ARCH for one tree. Incremental: the
# config is regenerated only when the fragment changes, and make does the
# rest. Compiles go through ccache when it is installed (kcc in lib.sh).
# Usage: build-kernel.sh SRCDIR OUTDIR
# FRAGMENT=FILE replaces configs/ARCH.config (make bench's size builds,
# make check's config matrix); TARGETS="..." replaces the image target.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
src=$(realpath "$1"); mkdir -p "$2"; out=$(realpath "$2")
need "${CROSS_COMPILE}gcc" flex bison bc perl
frag=${FRAGMENT:-$top/configs/${ARCH}.config}
[ -f "$frag" ] || die "no config fragment $frag"
mkdir -p "$out"
mapfile -t cc < <(kcc "$src" "$out")
kmake() { make -C "$src" O="$out" ARCH="$ARCH" CROSS_COMPILE="$CROSS_COMPILE" "${cc[@]}" -j"$JOBS" -s "$@"; }

# Re-run allnoconfig only when the fragment (or the extra one) changed.
want=$(cat "$frag" ${EXTRA_CONFIG:+"$top/configs/$EXTRA_CONFIG"} | sha256sum)
if [ "$(cat "$out/.rig-config" 2>/dev/null)" != "$want" ] || [ ! -f "$out/.config" ]; then
	cat "$frag" ${EXTRA_CONFIG:+"$top/configs/$EXTRA_CONFIG"} > "$out/rig.fragment"
	kmake KCONFIG_ALLCONFIG="$out/rig.fragment" allnoconfig >/dev/null
	# Every symbol the fragment asks for must have survived Kconfig.
	bad=$(grep -E '^CONFIG_[A-Z0-9_]+=' "$out/rig.fragment" | while IFS= read -r l; do
		grep -qxF -- "$l" "$out/.config" || echo "$l"; done
	      sed -n 's/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1/p' "$out/rig.fragment" | while IFS= read -r c; do
		if grep -qE "^$c=" "$out/.config"; then echo "# $c is not set"; fi; done)
	[ -z "$bad" ] || die "config fragment not honoured (dependency missing?):"$'\n'"$bad"
	echo "$want" > "$out/.rig-config"
fi
# shellcheck disable=SC2086 # TARGETS is a list
kmake ${TARGETS:-$KIMAGE}
