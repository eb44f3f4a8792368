#!/usr/bin/env bash
# Boot OUTDIR's kernel with the initramfs of test plan PLAN under QEMU, with
# a wall-clock timeout, writing the serial console to OUTDIR/console-PLAN.log
# (and to stdout with V=1). The plan may name its QEMU machine in a line
# "#@ machine OPTIONS"; the default is the platform's: on arm64 the SMMUv3 +
# GICv3 ITS virt machine, on x86_64 q35 with VT-d (DMA and interrupt
# remapping) under TCG. "#@ qemu built" boots the QEMU that
# scripts/build-qemu.sh builds (cached) with patches/qemu; each
# "#@ global DRIVER.PROP=VALUE" adds a -global (arm-smmuv3.s2fwb=on), each
# "#@ device OPTIONS" a -device after the edu device.
# Usage: boot.sh OUTDIR PLAN
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
out=$(realpath "$1") name=${2:?usage: boot.sh OUTDIR PLAN}
log=$out/console-$name.log
# A boot that stops before the guest runs must not leave the last run's
# log to be judged (summarize.py counts a missing log as a failure).
rm -f "$log"
machine=$(sed -n 's/^#@ machine //p' "$top/guest/plan-$name")
if grep -qx '#@ qemu built' "$top/guest/plan-$name"; then
	[ "$ARCH" = arm64 ] || die "plan $name: the built QEMU is aarch64 only"
	QEMU=$("$top/scripts/build-qemu.sh")
fi
mapfile -t globals < <(sed -n 's/^#@ global /-global\n/p' "$top/guest/plan-$name")
mapfile -t devices < <(sed -n 's/^#@ device /-device\n/p' "$top/guest/plan-$name")
tmo=${BOOT_TIMEOUT:-1500}
boot_tmo=${BOOT_START_TIMEOUT:-120}
need "$QEMU"

case $ARCH in
arm64)
	qargs=(-M "${machine:-virt,gic-version=3,iommu=smmuv3}" -cpu max,pauth-impdef=on -smp 2 -m 2G
	       -device edu,dma_mask=0xffffffffffffffff)
	console=ttyAMA0 ;;
x86_64)
	# intel-iommu before any PCI device; intremap=on needs no split irqchip
	# under TCG.
	qargs=(-M "${machine:-q35}" -accel tcg -cpu max -smp 2 -m 2G
	       -device intel-iommu,intremap=on
	       -device edu,dma_mask=0xffffffffffffffff)
	console=ttyS0 ;;
esac
"$QEMU" "${qargs[@]}" "${devices[@]}" "${globals[@]}" ${QEMU_EXTRA:-} \
	-nographic -nic none -no-reboot -monitor none -serial stdio \
	-kernel "$out/$KIMAGE_PATH" -initrd "$out/initramfs-$name.cpio.gz" \
	-append "console=$console panic=-1 loglevel=1 hugepages=96 ${CMDLINE_EXTRA:-}" \
	< /dev/null > "$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
[ "${V:-0}" = 1 ] && tail -n +1 -f "$log" --pid=$pid &
# Two deadlines: the guest must reach its init within $boot_tmo seconds, and
# finish the whole plan within $tmo.
t=0
while kill -0 $pid 2>/dev/null; do
	sleep 1; t=$((t + 1))
	if [ $t -ge "$boot_tmo" ] && ! grep -q '^RIG: BEGIN' "$log"; then
		echo "RIG: TIMEOUT: no init after ${boot_tmo}s" >> "$log"
		die "the kernel did not boot within ${boot_tmo}s (BOOT_START_TIMEOUT); see $log"
	fi
	if [ $t -ge "$tmo" ]; then
		echo "RIG: TIMEOUT after ${tmo}s" >> "$log"
		die "the guest did not finish within ${tmo}s (BOOT_TIMEOUT); see $log"
	fi
done
wait $pid || die "QEMU failed (exit $?); see $log"
