# Shared helpers for the rig's scripts (sourced, not run).
# shellcheck shell=bash
: "${top:?}"
BUILD=${BUILD:-$top/build}
mkdir -p "$BUILD"

log() { printf 'rig: %s\n' "$*" >&2; }
die() { printf 'rig: error: %s\n' "$*" >&2; exit 1; }

# fetch URL FILE: download to FILE atomically.
fetch() {
	curl -fsSL --retry 3 -o "$2.part" "$1" || { rm -f "$2.part"; die "download failed: $1"; }
	mv "$2.part" "$2"
}

# pkg_field PACKAGE "FIELD..." < Packages: print the fields of the newest stanza
# of PACKAGE, space separated, in the order asked.
pkg_field() {
	awk -v pkg="$1" -v fields="$2" '
		function emit(  i, line) {
			for (i = 1; i <= n; i++) line = line (i > 1 ? " " : "") v[want[i]]
			print line
		}
		BEGIN { n = split(fields, want, " ") }
		/^Package: / { p = $2 }
		p == pkg && /^[A-Za-z0-9-]+: / { k = $1; sub(/:$/, "", k); v[k] = $2 }
		/^$/ { if (p == pkg) emit(); p = ""; delete v }
		END { if (p == pkg) emit() }' | tail -1
}

# The project identity: the rig's git trees author, commit and sign with it.
export GIT_AUTHOR_NAME="Nested MSI Series" GIT_COMMITTER_NAME="Nested MSI Series"
export GIT_AUTHOR_EMAIL="nested-msi@example.org" GIT_COMMITTER_EMAIL="nested-msi@example.org"
KSRC=$BUILD/linux
ARCH=${ARCH:-arm64}
# A platform: its toolchain, kernel image and QEMU, the Debian architecture
# of its guest userspace (DEB_ARCH, checked as FILE_ARCH by file(1)), and
# its Debian packages: toolchain (TOOL_PKGS) and QEMU (QEMU_PKGS).
case $ARCH in
arm64)
	CROSS_COMPILE=${CROSS_COMPILE-aarch64-linux-gnu-}
	KIMAGE=Image KIMAGE_PATH=arch/arm64/boot/Image QEMU=qemu-system-aarch64
	DEB_ARCH=arm64 FILE_ARCH="ARM aarch64"
	TOOL_PKGS="gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu"
	QEMU_PKGS="qemu-system-arm ipxe-qemu qemu-efi-aarch64" ;;
x86_64)
	# Native on the amd64 hosts the rig runs on.
	CROSS_COMPILE=${CROSS_COMPILE-}
	KIMAGE=bzImage KIMAGE_PATH=arch/x86/boot/bzImage QEMU=qemu-system-x86_64
	DEB_ARCH=amd64 FILE_ARCH="x86-64"
	TOOL_PKGS="gcc libc6-dev binutils"
	QEMU_PKGS="qemu-system-x86 ipxe-qemu seabios" ;;
arm)
	# 32-bit ARM with LPAE: built by "make check" only (configs/matrix/),
	# never booted, so no QEMU and no guest userspace.
	CROSS_COMPILE=${CROSS_COMPILE-arm-linux-gnueabihf-}
	KIMAGE=zImage KIMAGE_PATH=arch/arm/boot/zImage QEMU=
	DEB_ARCH=armhf FILE_ARCH="ARM,"
	TOOL_PKGS="gcc-arm-linux-gnueabihf binutils-arm-linux-gnueabihf"
	QEMU_PKGS= ;;
*) die "unsupported ARCH=$ARCH" ;;
esac
JOBS=${JOBS:-$(nproc)}

# kcc SRC OUT: make's variables for a kernel build of SRC in OUT, one per
# line, that compile through ccache (build/ccache) when it is installed
# (CCACHE_DISABLE=1: not). ccache hashes the paths under build/ relative to
# OUT, so trees that sit at the same place relative to their output
# (build/linux with build/out-*, build/wt/linux with build/wt/out-*) share
# their objects; __FILE__ stays relative to the tree, as without ccache.
# Depend mode: a miss runs the compiler once, not the preprocessor first.
# (Direct mode with its preprocessor fallback would make most objects of an
# in-place matrix config hits, but measured in a fresh root it made the cold
# platform builds 70-90% slower: 478 s against 254 s on arm64.)
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache} CCACHE_BASEDIR=$BUILD CCACHE_DEPEND=1
kcc() {
	command -v ccache >/dev/null 2>&1 && [ "${CCACHE_DISABLE:-}" != 1 ] || return 0
	echo "CC=ccache ${CROSS_COMPILE}gcc"
	echo "KCFLAGS=-fmacro-prefix-map=$(realpath -m --relative-to="$2" "$1")/="
}
TRIPLET=$(${CROSS_COMPILE}gcc -dumpmachine 2>/dev/null || true)
SELFTESTS=${SELFTESTS:-iommu vfio}
KST=$BUILD/kst-$ARCH

# need CMD...: fail at once, in one line, when a dependency is missing.
need() {
	local c
	for c; do
		command -v "$c" >/dev/null 2>&1 || die "missing dependency: $c (run ./rig deps)"
	done
}

# plan_arch PLAN: the platform that test plan PLAN boots: the one its name
# starts with (arm64-gicv2: arm64), else $ARCH (demo).
plan_arch() {
	case ${1%%-*} in
	arm64|x86_64) echo "${1%%-*}" ;;
	*) echo "$ARCH" ;;
	esac
}
