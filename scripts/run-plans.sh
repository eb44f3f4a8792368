#!/usr/bin/env bash
# Boot a kernel once per test plan (each on the platform its name starts
# with, see plan_arch, and on the QEMU machine it names) and judge all the
# console logs together: one summary line. A "%" in OUTDIR stands for the
# plan's platform (build/out-%: build/out-arm64, build/out-x86_64).
# Usage: run-plans.sh OUTDIR PLAN...
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
out=$1; shift
logs=()
for plan; do
	arch=$(plan_arch "$plan"); o=${out//\%/$arch}
	ARCH=$arch "$top/scripts/mkinitramfs.sh" "$o" "$plan" || exit 1
	ARCH=$arch "$top/scripts/boot.sh" "$o" "$plan"
	logs+=("$o/console-$plan.log")
done
exec "$top/scripts/summarize.py" "${logs[@]}"
