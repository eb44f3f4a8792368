#!/usr/bin/env bash
# Build the kselftests the rig runs, statically linked for the guest, plus the
# rig's own test programs. Incremental (plain make dependencies).
# Usage: build-selftests.sh SRCDIR OUTDIR   (OUTDIR = the kernel's O=, with headers)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
src=$(realpath "$1") out=$(realpath "$2")
sysroot=$BUILD/$ARCH
kst=$out/kselftest
[ -f "$out/usr/include/linux/iommufd.h" ] || die "no exported headers in $out (build the kernel first)"

for t in $SELFTESTS; do
	mkdir -p "$kst/$t"
	make -C "$src/tools/testing/selftests/$t" -s -j"$JOBS" \
		ARCH="$ARCH" CROSS_COMPILE="$CROSS_COMPILE" OUTPUT="$kst/$t" \
		KHDR_INCLUDES="-isystem $out/usr/include" \
		USERCFLAGS="-I$sysroot/usr/include" \
		USERLDFLAGS="-static -L$sysroot/usr/lib/$TRIPLET" \
		||
		die "selftest build failed: $t"
done

# The rig's own test programs (rig/*.c), built against the same headers.
mkdir -p "$kst/rig"
for c in "$top"/rig/*.c; do
	[ -f "$c" ] || continue
	bin=$kst/rig/$(basename "$c" .c)
	[ "$bin" -nt "$c" ] && [ "$bin" -nt "$out/usr/include/linux/vfio.h" ] && continue
	"${CROSS_COMPILE}gcc" -static -O2 -Wall -Werror -isystem "$out/usr/include" \
		-I"$src/tools/testing/selftests" -o "$bin" "$c" || die "build failed: $c"
done
