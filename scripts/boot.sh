#!/usr/bin/env bash
# Boot OUTDIR's kernel and initramfs under QEMU with a wall-clock timeout,
# writing the serial console to OUTDIR/console.log (and to stdout with V=1).
# Usage: boot.sh OUTDIR
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
out=$(realpath "$1")
log=$out/console.log
tmo=${BOOT_TIMEOUT:-1500}
command -v "$QEMU" >/dev/null || die "missing dependency: $QEMU (run scripts/deps.sh)"

case $ARCH in
arm64)
	qargs=(-M virt,gic-version=3,iommu=smmuv3 -cpu max,pauth-impdef=on -smp 2 -m 2G
	       -device edu,dma_mask=0xffffffffffffffff)
	console=ttyAMA0 ;;
esac
set +e
timeout --foreground -k 10 "$tmo" "$QEMU" "${qargs[@]}" ${QEMU_EXTRA:-} \
	-nographic -nic none -no-reboot -monitor none -serial stdio \
	-kernel "$out/$KIMAGE_PATH" -initrd "$out/initramfs.cpio.gz" \
	-append "console=$console panic=-1 loglevel=1 hugepages=96 ${CMDLINE_EXTRA:-}" \
	< /dev/null > "$log" 2>&1 &
pid=$!
if [ "${V:-0}" = 1 ]; then tail -n +1 -f "$log" --pid=$pid; fi
wait $pid
rc=$?
set -e
if [ $rc = 124 ] || [ $rc = 137 ]; then
	echo "RIG: TIMEOUT after ${tmo}s" >> "$log"
	die "the guest did not finish within ${tmo}s (BOOT_TIMEOUT); see $log"
fi
