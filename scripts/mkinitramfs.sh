#!/usr/bin/env bash
# Build the guest initramfs: busybox, the init and test plan from guest/, and
# the test binaries from build/kst-$ARCH. Uses the kernel's gen_init_cpio,
# so no root and no device nodes on the host are needed.
# Usage: mkinitramfs.sh OUTDIR PLAN   (writes OUTDIR/initramfs-PLAN.cpio.gz
# from guest/plan-PLAN)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
out=$(realpath "$1") name=${2:?usage: mkinitramfs.sh OUTDIR PLAN}
need gzip
gen=$out/usr/gen_init_cpio
[ -x "$gen" ] || die "$gen missing (build the kernel first)"
bb=$BUILD/$ARCH/bin/busybox
[ -x "$bb" ] || die "busybox missing: run scripts/deps.sh"
plan=$top/guest/plan-$name
[ -f "$plan" ] || die "no test plan $plan"

list=$out/initramfs-$name.list
{
	for d in /dev /proc /sys /tmp /bin /sbin /usr /usr/bin /usr/sbin /rig /kst /root; do echo "dir $d 0755 0 0"; done
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "nod /dev/null 0666 0 0 c 1 3"
	echo "file /bin/busybox $bb 0755 0 0"
	echo "slink /bin/sh /bin/busybox 0777 0 0"
	echo "file /init $top/guest/init 0755 0 0"
	echo "file /rig/plan $plan 0644 0 0"
	for f in "$top"/guest/*; do
		if [ -x "$f" ] && [ "${f##*/}" != init ]; then
			echo "file /rig/${f##*/} $f 0755 0 0"
		fi
	done
	(cd "$KST" && find . -mindepth 1 -type d | sort | sed 's|^\.|dir /kst|; s|$| 0755 0 0|')
	(cd "$KST" && find . -type f -perm -u+x | sort) | while read -r f; do
		echo "file /kst/${f#./} $KST/${f#./} 0755 0 0"
	done
} > "$list.new"
mv "$list.new" "$list"
"$gen" "$list" | gzip -n -1 > "$out/initramfs-$name.cpio.gz.new"
mv "$out/initramfs-$name.cpio.gz.new" "$out/initramfs-$name.cpio.gz"
