#!/usr/bin/env bash
# Gate "uapi-$ARCH": the exported uAPI headers of WT (checked out at the tip)
# compile standalone: "make headers", then the kernel's own header test
# (usr/include, what CONFIG_UAPI_HEADER_TEST builds: each header compiled
# alone, twice, as C90 and C++ where the compiler can, plus headers_check.pl)
# in OUTDIR. Every uAPI header the series touches must have been tested.
# Usage: check-uapi.sh WT OUTDIR
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/scripts/check-lib.sh"
wt=$(realpath "$1") out=$(realpath "$2")
gate=uapi-$ARCH
log=$out/check-uapi.log
mapfile -t cc < <(kcc "$wt" "$out")
kmake() { make -C "$wt" O="$out" ARCH="$ARCH" CROSS_COMPILE="$CROSS_COMPILE" "${cc[@]}" -j"$JOBS" "$@"; }

if ! { kmake headers && kmake -k CONFIG_UAPI_HEADER_TEST=y usr/include/; } > "$log" 2>&1; then
	fail "$gate" "header test failed; log: ${log#"$top"/}"
	grep -E 'error:|warning:|Error [0-9]' "$log" | grep -v '^make' | sed "s|$wt/||g" | head -n 20 | sed 's/^/    /'
	exit 1
fi
case $ARCH in x86_64|i386) srcarch=x86 ;; *) srcarch=$ARCH ;; esac
missing=() tested=()
while IFS= read -r f; do
	case $f in
	include/uapi/*.h) h=${f#include/uapi/} ;;
	arch/"$srcarch"/include/uapi/*.h) h=${f#arch/*/include/uapi/} ;;
	*) continue ;;
	esac
	if [ -f "$out/usr/include/${h%.h}.hdrtest" ] &&
	   ! grep -qx "no-header-test += $h" "$wt/usr/include/Makefile"; then
		tested+=("$h")
	else
		missing+=("$h")
	fi
done < <(touched "$wt")
all=$(find "$out/usr/include" -name '*.hdrtest' | wc -l)
if [ ${#missing[@]} = 0 ]; then
	pass "$gate" "$all uAPI headers compile standalone; touched: ${tested[*]:-none}"
else
	fail "$gate" "touched uAPI header(s) not compile-tested (in usr/include/Makefile's no-header-test?): ${missing[*]}"
fi
