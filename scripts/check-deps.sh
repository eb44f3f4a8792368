#!/usr/bin/env bash
# Install what "make check" needs on top of scripts/deps.sh. Idempotent.
#  - checkpatch's SPDX check (python3-ply, python3-git), Sphinx for the docs,
#    coccinelle (with OCaml for the SmPL files that script in OCaml, and
#    libpython3-dev, whose unversioned libpython3.X.so its Python scripting
#    loads), the 32-bit ARM toolchain of the config matrix: Debian's packages
#    of the machine's own suite;
#  - sparse: the kernel needs one that knows __typeof_unqual__ (0.6.5), which
#    bookworm does not have and whose newer binary packages need a newer libc,
#    so it is built from Debian's newest source package (sha256 checked) into
#    build/tools/sparse.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
PKGS="python3-ply python3-git python3-yaml python3-sphinx coccinelle ocaml-nox libpython3-dev
      gcc-arm-linux-gnueabihf binutils-arm-linux-gnueabihf"
SPARSE_SUITES=${SPARSE_SUITES:-"sid forky"}

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	log "installing:$missing"
	$SUDO apt-get update -qq || die "apt-get update failed"
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing ||
		die "apt-get install failed for:$missing"
fi

# spatch must run the kernel's SmPL files that script in Python.
printf '@script:python@\n@@\nprint("ok")\n' > "$BUILD/spatch-probe.cocci"
printf 'int f(void);\n' > "$BUILD/spatch-probe.c"
spatch --sp-file "$BUILD/spatch-probe.cocci" "$BUILD/spatch-probe.c" 2>&1 | grep -qx ok ||
	die "spatch cannot run Python SmPL: $(spatch --sp-file "$BUILD/spatch-probe.cocci" "$BUILD/spatch-probe.c" 2>&1 | tail -n 1)"
rm -f "$BUILD"/spatch-probe.*

# sparse_ok BINARY: it parses what the kernel's scripts/checker-valid.sh tries.
sparse_ok() {
	printf 'static inline int u(const int *q) { __typeof_unqual__(*q) v = *q; return v; }\n' |
		"$1" - 2>&1 | grep -q error && return 1
	return 0
}

tools=$BUILD/tools
[ -x "$tools/sparse" ] && sparse_ok "$tools/sparse" && exit 0

# The newest sparse source of $SPARSE_SUITES: version, directory, orig
# tarball and its sha256, from the Sources index.
mirror=$("$top/scripts/apt-mirror.sh")
tmp=$BUILD/sparse.tmp
rm -rf "$tmp"; mkdir -p "$tmp"
best=
for s in $SPARSE_SUITES; do
	fetch "$mirror/dists/$s/main/source/Sources.xz" "$tmp/Sources-$s.xz"
	line=$(xz -dc "$tmp/Sources-$s.xz" | awk '
		/^Package: / { p = $2; v = d = f = s = ""; sums = 0 }
		p != "sparse" { next }
		/^Version: / { v = $2 }
		/^Directory: / { d = $2 }
		/^[^ ]/ && !/^Checksums-Sha256:/ { sums = 0 }
		/^Checksums-Sha256:/ { sums = 1; next }
		sums && $3 ~ /\.orig\.tar\./ { s = $1; f = $3 }
		/^$/ && v != "" && f != "" { print v, d, f, s; v = "" }
		END { if (v != "" && f != "") print v, d, f, s }' | sort -V | tail -n 1)
	[ -n "$line" ] || continue
	if [ -z "$best" ] || dpkg --compare-versions "${line%% *}" gt "${best%% *}"; then
		best=$line
	fi
done
[ -n "$best" ] || die "no sparse source package in suites: $SPARSE_SUITES"
read -r ver dir file sha <<<"$best"
log "building sparse $ver from Debian's source package"
fetch "$mirror/$dir/$file" "$tmp/$file"
echo "$sha  $tmp/$file" | sha256sum -c --quiet || die "$file: sha256 mismatch"
mkdir -p "$tmp/src"
tar -xf "$tmp/$file" -C "$tmp/src" --strip-components=1
make -C "$tmp/src" -s -j"$JOBS" sparse >/dev/null 2>"$tmp/build.log" ||
	die "sparse build failed: $(tail -n 5 "$tmp/build.log")"
sparse_ok "$tmp/src/sparse" || die "sparse $ver does not parse __typeof_unqual__"
mkdir -p "$tools"
cp "$tmp/src/sparse" "$tools/sparse"
echo "$ver" > "$tools/sparse.version"
rm -rf "$tmp"
log "sparse $ver in $tools/sparse"
