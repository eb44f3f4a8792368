#!/usr/bin/env bash
# Boot OUTDIR's kernel once per test plan (each on the QEMU machine its plan
# names) and judge all the console logs together: one summary line.
# Usage: run-plans.sh OUTDIR PLAN...
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=$1; shift
logs=()
for plan; do
	"$top/scripts/mkinitramfs.sh" "$out" "$plan" || exit 1
	"$top/scripts/boot.sh" "$out" "$plan"
	logs+=("$out/console-$plan.log")
done
exec "$top/scripts/summarize.py" "${logs[@]}"
