#!/usr/bin/env bash
# Build qemu-system-aarch64 from Debian's qemu source package plus
# patches/qemu/*.patch, and print the binary's path on stdout.
#  - version: base/qemu-source.pin, fetched from this machine's Debian
#    archive (apt-mirror.sh): InRelease checked with gpgv against Debian's
#    keyring, Sources.xz against the Release file, the package's files
#    against Sources and the .dsc;
#  - build/qemu-src: the orig tarball, Debian's patches (debian/patches/series)
#    committed as "base", then ours applied with git am;
#  - build/qemu-VERSION: a minimal configure (aarch64-softmmu, TCG, no
#    default features, only the devices of configs/qemu/aarch64-softmmu.mak,
#    system libfdt, no downloads: meson >= 1.5 comes from apt, nothing from
#    PyPI), and only qemu-system-aarch64 built.
# Cached: nothing is done (not even a download) while the version, the
# patches and the configure options are those of the last build; a change of
# the patches alone rebuilds incrementally.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/base/qemu-source.pin"
# stdout is the binary's path only: everything else goes to stderr.
exec 3>&1 1>&2

CONF=(--target-list=aarch64-softmmu --without-default-features --enable-tcg
      --enable-fdt=system --disable-docs --disable-tools --disable-install-blobs
      --disable-download --disable-debug-info
      --without-default-devices --with-devices-aarch64=rig)
# The devices: configs/qemu/aarch64-softmmu.mak, copied into the source
# tree as configs/devices/aarch64-softmmu/rig.mak before configure.
devices=$top/configs/qemu/aarch64-softmmu.mak
devices_sum=$(sha256sum < "$devices" | cut -d' ' -f1)
mapfile -t ours < <(find "$top/patches/qemu" -maxdepth 1 -name '*.patch' 2>/dev/null | sort)
src=$BUILD/qemu-src dl=$BUILD/dl/qemu
patches_sum=$(cat "${ours[@]}" /dev/null | sha256sum | cut -d' ' -f1)
# key VERSION: what the binary of VERSION is built from.
key() { { echo "$1"; echo "${CONF[*]}"; echo "$patches_sum"; echo "$devices_sum"; } | sha256sum | cut -d' ' -f1; }
bindir() { echo "$BUILD/qemu-${1#*:}"; }

out=$(bindir "$VERSION")
if [ "$(cat "$out/.rig-stamp" 2>/dev/null)" = "$(key "$VERSION")" ] &&
   [ -x "$out/qemu-system-aarch64" ]; then
	echo "$out/qemu-system-aarch64" >&3
	exit 0
fi

# Build dependencies; meson >= 1.5 from <codename>-backports where the
# suite's own is older (bookworm: 1.0).
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
apt_install() {
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" ||
		die "apt-get install failed for: $*"
}
missing=
for p in gcc ninja-build pkg-config libglib2.0-dev zlib1g-dev libfdt-dev libpixman-1-dev \
	 python3 python3-venv patch git curl xz-utils gpgv debian-archive-keyring; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
meson_ok() {
	v=$(dpkg-query -W -f='${Version}' meson 2>/dev/null) && dpkg --compare-versions "$v" ge 1.5
}
if [ -n "$missing" ] || ! meson_ok; then
	if ! apt-cache policy 2>/dev/null | grep -q "n=${codename}-backports,"; then
		echo "deb $("$top/scripts/apt-mirror.sh") ${codename}-backports main" |
			$SUDO tee /etc/apt/sources.list.d/rig-backports.list >/dev/null
	fi
	log "apt-get update"
	$SUDO apt-get update -qq || die "apt-get update failed"
	[ -z "$missing" ] || { log "installing:$missing"; apt_install $missing; }
	if ! meson_ok; then
		log "installing meson from ${codename}-backports"
		apt_install -t "${codename}-backports" meson
		meson_ok || die "meson >= 1.5 is needed to build QEMU"
	fi
fi

# The package: a Sources stanza per line, "VERSION DIRECTORY SHA256:SIZE:NAME...".
sources_stanzas() {
	awk -v pkg="$PACKAGE" '
		function emit() { if (p == pkg && v != "") print v, d f; p = v = d = f = ""; c = 0 }
		/^$/ { emit(); next }
		/^[^ ]/ { c = 0 }
		/^Package: / { p = $2 }
		/^Version: / { v = $2 }
		/^Directory: / { d = $2 }
		/^Checksums-Sha256:/ { c = 1; next }
		c && /^ / { f = f " " $1 ":" $2 ":" $3 }
		END { emit() }'
}
mirror=$("$top/scripts/apt-mirror.sh")
mkdir -p "$dl"
pinned=() newest=()
for s in $SUITES; do
	(fetch "$mirror/dists/$s/InRelease" "$dl/InRelease-$s") 2>/dev/null ||
		{ log "suite $s not served, skipped"; continue; }
	gpgv --quiet --keyring /usr/share/keyrings/debian-archive-keyring.gpg \
		--output "$dl/Release-$s" "$dl/InRelease-$s" 2>/dev/null ||
		die "$s: InRelease signature does not verify"
	sum=$(awk '/^SHA256:/ { c = 1; next } /^[^ ]/ { c = 0 }
		c && $3 == "main/source/Sources.xz" { print $1 }' "$dl/Release-$s")
	[ -n "$sum" ] || continue
	fetch "$mirror/dists/$s/main/source/Sources.xz" "$dl/Sources-$s.xz"
	echo "$sum  $dl/Sources-$s.xz" | sha256sum -c --quiet || die "$s: Sources.xz sha256 mismatch"
	best=
	while read -r line; do
		v=${line%% *}
		[ "$v" = "$VERSION" ] && pinned+=("$line")
		if dpkg --compare-versions "$v" ge "$MIN_VERSION" &&
		   { [ -z "$best" ] || dpkg --compare-versions "$v" gt "${best%% *}"; }; then
			best=$line
		fi
	done < <(xz -dc "$dl/Sources-$s.xz" | sources_stanzas)
	[ -z "$best" ] || newest+=("$best")
done

# The first candidate whose .dsc this archive serves: the pinned version,
# else the newest of each suite in SUITES order.
got=
for c in ${pinned[@]+"${pinned[@]}"} ${newest[@]+"${newest[@]}"}; do
	read -r v dir files <<<"$c"
	for f in $files; do
		IFS=: read -r sha _ name <<<"$f"
		if ! { [ -f "$dl/$name" ] && echo "$sha  $dl/$name" | sha256sum -c --quiet 2>/dev/null; }; then
			log "downloading $name"
			(fetch "$mirror/$dir/$name" "$dl/$name") 2>/dev/null || continue 2
		fi
		echo "$sha  $dl/$name" | sha256sum -c --quiet || die "$name: sha256 mismatch (Sources)"
		case $name in *.dsc) dsc=$dl/$name ;; esac
	done
	got=$v; break
done
[ -n "$got" ] || die "no $PACKAGE >= $MIN_VERSION source package can be downloaded from: $SUITES"
if [ "$got" != "$VERSION" ]; then
	cat >&2 <<WARN
rig: ****************************************************************
rig: WARNING: pinned $PACKAGE $VERSION cannot be downloaded;
rig: WARNING: building $PACKAGE $got instead. Update
rig: WARNING: base/qemu-source.pin after review.
rig: ****************************************************************
WARN
	out=$(bindir "$got")
fi
# The tarballs again, against the .dsc's own list.
awk '/^Checksums-Sha256:/ { c = 1; next } /^[^ ]/ { c = 0 } c && NF == 3 { print $1 "  " $3 }' "$dsc" |
	(cd "$dl" && sha256sum -c --quiet) || die "$dsc: checksum mismatch"

# The source tree: base = orig + Debian's patches, then ours on top.
if [ "$(cat "$src/.git/rig-version" 2>/dev/null)" != "$got" ]; then
	log "unpacking $PACKAGE $got into $src"
	rm -rf "$src" "$src.tmp"; mkdir -p "$src.tmp"
	for t in $(awk '/^Checksums-Sha256:/ { c = 1; next } /^[^ ]/ { c = 0 }
			c && $3 ~ /\.orig\.tar\./ { print $3 }' "$dsc"); do
		tar --no-same-owner -xf "$dl/$t" -C "$src.tmp"
	done
	d=$(find "$src.tmp" -mindepth 1 -maxdepth 1 -type d)
	[ "$(echo "$d" | wc -l)" = 1 ] && [ -f "$d/configure" ] || die "unexpected layout of the orig tarball"
	t=$(awk '/^Checksums-Sha256:/ { c = 1; next } /^[^ ]/ { c = 0 }
		c && $3 ~ /\.debian\.tar\./ { print $3 }' "$dsc")
	tar --no-same-owner -xf "$dl/$t" -C "$d"
	while read -r p opts; do
		case $p in ''|\#*) continue ;; esac
		patch -d "$d" -s -f --no-backup-if-mismatch ${opts:--p1} < "$d/debian/patches/$p" ||
			die "Debian patch does not apply: $p"
	done < "$d/debian/patches/series"
	git -C "$d" init -q -b qemu
	git -C "$d" config gc.auto 0
	git -C "$d" add -A -f .
	GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" \
		git -C "$d" commit -q -m "Debian $PACKAGE $got"
	git -C "$d" tag base
	echo "$got" > "$d/.git/rig-version"
	mv "$d" "$src"; rm -rf "$src.tmp"
fi
if [ "$(cat "$src/.git/rig-patches" 2>/dev/null)" != "$patches_sum" ]; then
	# Only the files the old and new patches touch change: ninja rebuilds
	# just what depends on them.
	git -C "$src" checkout -q -f -B qemu base
	for p in ${ours[@]+"${ours[@]}"}; do
		git -C "$src" am -q "$p" >/dev/null 2>&1 || {
			git -C "$src" am --abort >/dev/null 2>&1 || true
			git -C "$src" checkout -q -f -B qemu base
			rm -f "$src/.git/rig-patches"
			die "patch does not apply to $PACKAGE $got: patches/qemu/$(basename "$p")"
		}
	done
	echo "$patches_sum" > "$src/.git/rig-patches"
fi

# Configure once per version and options; build the one binary.
conf=$({ echo "$got"; echo "${CONF[*]}"; echo "$devices_sum"; } | sha256sum | cut -d' ' -f1)
cp "$devices" "$src/configs/devices/aarch64-softmmu/rig.mak"
if [ "$(cat "$out/.rig-config" 2>/dev/null)" != "$conf" ]; then
	rm -rf "$out"; mkdir -p "$out"
	log "configuring $PACKAGE $got in $out"
	# The system python (another python3 may come first in PATH), whose
	# meson the configure script's venv uses.
	(cd "$out" && "$src/configure" --python=/usr/bin/python3 "${CONF[@]}" > configure.log 2>&1) ||
		die "configure failed; see $out/configure.log"
	echo "$conf" > "$out/.rig-config"
fi
rm -f "$out/.rig-stamp"
log "building qemu-system-aarch64 ($PACKAGE $got + ${#ours[@]} patch(es), -j$JOBS)"
ninja -C "$out" -j "$JOBS" qemu-system-aarch64 > "$out/build.log" 2>&1 ||
	die "QEMU build failed; see $out/build.log"
key "$got" > "$out/.rig-stamp"
# Older versions' build trees.
for d in "$BUILD"/qemu-[0-9]*; do
	[ "$d" = "$out" ] || rm -rf "$d"
done
log "built $("$out/qemu-system-aarch64" --version | head -1)"
echo "$out/qemu-system-aarch64" >&3
