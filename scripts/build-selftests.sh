#!/usr/bin/env bash
# Build the kselftests the rig runs, statically linked for the guest, plus the
# rig's own test programs (tests/*.c), into build/kst-$ARCH. They always come
# from the series tree and its uapi headers, also when the base kernel is
# booted (BASE=1): that is how a new test is shown to fail without the series.
# Incremental (plain make dependencies).
# Usage: build-selftests.sh [SRCDIR OUTDIR]: another tree's kselftests only,
# into OUTDIR (the check's per-patch builds); the rig's tests stay with build/linux.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
need "${CROSS_COMPILE}gcc"
src=${1:-$KSRC} kst=${2:-$KST}
sysroot=$BUILD/$ARCH
hdr=$BUILD/hdr-$ARCH
[ $# = 0 ] || hdr=$kst/hdr
make -C "$src" -s O="$hdr" ARCH="$ARCH" headers >/dev/null || die "make headers failed"

for t in $SELFTESTS; do
	# kselftest makefiles do not track the uAPI headers: rebuild a suite
	# whose binaries are older than a header that changed since
	stamp=$kst/$t/.headers
	if [ ! -e "$stamp" ] ||
	   [ -n "$(find "$hdr/usr/include" -name '*.h' -newer "$stamp" -print -quit)" ]; then
		rm -rf "${kst:?}/$t"
	fi
	mkdir -p "$kst/$t"
	make -C "$src/tools/testing/selftests/$t" -s -j"$JOBS" \
		ARCH="$ARCH" CROSS_COMPILE="$CROSS_COMPILE" OUTPUT="$kst/$t" \
		KHDR_INCLUDES="-isystem $hdr/usr/include" \
		USERCFLAGS="-I$sysroot/usr/include" \
		USERLDFLAGS="-static -L$sysroot/usr/lib/$TRIPLET" ||
		die "selftest build failed: $t"
	touch "$stamp"
done
[ $# = 0 ] || exit 0

mkdir -p "$KST/rig"
for c in "$top"/tests/*.c; do
	[ -f "$c" ] || continue
	bin=$KST/rig/$(basename "$c" .c)
	[ "$bin" -nt "$c" ] && [ "$bin" -nt "$hdr/usr/include/linux/vfio.h" ] &&
		[ -z "$(find "$top/tests" -name '*.h' -newer "$bin")" ] && continue
	"${CROSS_COMPILE}gcc" -static -O2 -Wall -Werror -isystem "$hdr/usr/include" \
		-I"$KSRC/tools/testing/selftests" -o "$bin" "$c" || die "build failed: $c"
done
