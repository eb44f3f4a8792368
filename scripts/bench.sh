#!/usr/bin/env bash
# Benchmark (not a test): cold and incremental kernel build time, touch-to-
# summary time, boot-to-summary time, vmlinux size of series vs base, and
# the cost of enabling MSI vectors with and without guest MSI IOVAs.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
cd "$top"
# Timed builds compile everything they build: no ccache.
export CCACHE_DISABLE=1
out=$BUILD/out-$ARCH base_out=$BUILD/out-$ARCH-base
now() { date +%s.%N; }
secs() { awk "BEGIN { printf \"%.1f\", $2 - $1 }"; }

scripts/series-import.sh
scripts/base-tree.sh

log "cold build (fresh output directory, no ccache, JOBS=$JOBS)"
cold=$BUILD/out-bench-cold
rm -rf "$cold"
t0=$(now); scripts/build-kernel.sh "$KSRC" "$cold"; t1=$(now)
rm -rf "$cold"
cold_s=$(secs "$t0" "$t1")

# Bring the normal output directory up to date first.
make -s --no-print-directory build ARCH="$ARCH" >/dev/null

touched=drivers/iommu/iommufd/driver.c
log "incremental: touch $touched, then build, boot and summarize"
touch "$KSRC/$touched"
t0=$(now)
scripts/build-kernel.sh "$KSRC" "$out"; t1=$(now)
scripts/build-selftests.sh
t2=$(now)
scripts/run-plans.sh "$out" "$ARCH" > "$BUILD/bench-summary.txt" || true
t3=$(now)
incr_s=$(secs "$t0" "$t1"); touch_s=$(secs "$t0" "$t3"); boot_s=$(secs "$t2" "$t3")

log "base kernel for the size comparison"
scripts/build-kernel.sh "$BUILD/linux-base" "$base_out"
# The text budget is for production kernels: the rig's config without the
# mock iommufd driver (CONFIG_IOMMUFD_TEST), whose code only tests run.
log "base and series kernels without CONFIG_IOMMUFD_TEST for the text budget"
prod=$BUILD/size-$ARCH.config
grep -v '^CONFIG_IOMMUFD_TEST=' "configs/$ARCH.config" > "$prod"
FRAGMENT=$prod scripts/build-kernel.sh "$BUILD/linux-base" "$base_out-size"
FRAGMENT=$prod scripts/build-kernel.sh "$KSRC" "$out-size"

echo "== bench ($ARCH, $(nproc) cores, JOBS=$JOBS, $(git -C "$KSRC" rev-list --count base..HEAD) patches) =="
echo "cold kernel build:                   ${cold_s} s"
echo "incremental build after touch:       ${incr_s} s   ($touched)"
echo "touch to summary line:               ${touch_s} s"
echo "boot to summary line:                ${boot_s} s   ($(tail -n 1 "$BUILD/bench-summary.txt"))"
echo "== vmlinux size (${CROSS_COMPILE}size) =="
"${CROSS_COMPILE}size" "$base_out/vmlinux" "$out/vmlinux" | sed "s|$BUILD/||"
echo "== scripts/bloat-o-meter base -> series (rig config, with the mock driver) =="
"$KSRC/scripts/bloat-o-meter" "$base_out/vmlinux" "$out/vmlinux" | tail -n 1
echo "== scripts/bloat-o-meter base -> series, without CONFIG_IOMMUFD_TEST =="
# An export's 8-byte __UNIQUE_ID_addressable_* entries renumber; they count
# in the totals but are not listed.
"$KSRC/scripts/bloat-o-meter" "$base_out-size/vmlinux" "$out-size/vmlinux" |
	grep -v '^__UNIQUE_ID_addressable_'
echo "== the same, text only (bloat-o-meter -t: functions, no data or rodata) =="
"$KSRC/scripts/bloat-o-meter" -t "$base_out-size/vmlinux" "$out-size/vmlinux" |
	sed -n '1p;$p'

# Enabling N MSI vectors of a nested (mock) device with and without guest
# MSI IOVAs, timed inside the guest under -icount shift=0 (instructions).
if [ -f "guest/plan-$ARCH-bench" ]; then
	log "MSI vector enable cost, QEMU -icount shift=0"
	QEMU_EXTRA="-icount shift=0" scripts/run-plans.sh "$out" "$ARCH-bench" \
		> "$BUILD/bench-msi.txt" || true
	echo "== enabling MSI vectors (guest/plan-$ARCH-bench, -icount shift=0) =="
	grep -ho 'msi_vector_bench: .*' "$out/console-$ARCH-bench.log" ||
		echo "msi_vector_bench: no figures, see $BUILD/bench-msi.txt"
fi
