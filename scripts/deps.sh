#!/usr/bin/env bash
# Install everything the rig needs for platform $ARCH from Debian's packages.
# Idempotent: a second run with everything present does nothing but check.
#  - host tools and the platform's toolchain from the machine's own suite;
#  - its QEMU >= 10.0 from <codename>-backports (same archive as apt uses);
#  - its busybox-static and static libs, unpacked into build/$ARCH.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")

PKGS="$TOOL_PKGS
      make gcc flex bison bc libssl-dev libelf-dev cpio kmod rsync xz-utils
      sparse git python3 perl curl ca-certificates dpkg-dev file ccache"

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done

need_qemu=1
if command -v "$QEMU" >/dev/null; then
	v=$("$QEMU" --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p;q')
	[ "${v:-0}" -ge 10 ] && need_qemu=0
fi

if [ -n "$missing" ] || [ $need_qemu = 1 ]; then
	if [ $need_qemu = 1 ]; then
		mirror=$("$top/scripts/apt-mirror.sh")
		echo "deb $mirror ${codename}-backports main" |
			$SUDO tee /etc/apt/sources.list.d/rig-backports.list >/dev/null
	fi
	log "apt-get update"
	$SUDO apt-get update -qq || die "apt-get update failed"
	if [ -n "$missing" ]; then
		log "installing:$missing"
		$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing ||
			die "apt-get install failed for:$missing"
	fi
	if [ $need_qemu = 1 ]; then
		log "installing $QEMU_PKGS from ${codename}-backports"
		$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			-t "${codename}-backports" $QEMU_PKGS ||
			die "could not install $QEMU_PKGS from ${codename}-backports"
	fi
fi

# Guest-side files, taken from the $DEB_ARCH Packages index of this
# machine's suite and unpacked into build/$ARCH only (no multiarch change, no
# install on the host): a static busybox, and the static libraries the
# kselftests link against.
GUEST_DEBS="busybox-static libcap-dev libcap2 uuid-dev libuuid1"
sysroot=$BUILD/$ARCH
stamp=$sysroot/.debs
if [ "$(cat "$stamp" 2>/dev/null)" != "$GUEST_DEBS" ]; then
	mirror=$("$top/scripts/apt-mirror.sh")
	tmp=$BUILD/$ARCH.tmp
	rm -rf "$tmp" "$sysroot"; mkdir -p "$tmp"
	fetch "$mirror/dists/$codename/main/binary-$DEB_ARCH/Packages.xz" "$tmp/Packages.xz"
	xz -d "$tmp/Packages.xz"
	for p in $GUEST_DEBS; do
		read -r fn sha < <(pkg_field "$p" "Filename SHA256" < "$tmp/Packages") || true
		[ -n "${fn:-}" ] || die "$p not found in $codename/main/binary-$DEB_ARCH"
		fetch "$mirror/$fn" "$tmp/$p.deb"
		echo "$sha  $tmp/$p.deb" | sha256sum -c --quiet || die "$p: sha256 mismatch"
		dpkg-deb -x "$tmp/$p.deb" "$sysroot"
	done
	rm -rf "$tmp"
	file -L "$sysroot/bin/busybox" | grep -q "$FILE_ARCH.*statically linked" ||
		die "busybox is not a static $DEB_ARCH binary"
	echo "$GUEST_DEBS" > "$stamp"
fi
log "dependencies ok for $ARCH ($("$QEMU" --version | head -1))"
