#!/usr/bin/env bash
# Fetch the pinned Debian linux-source package, verify it, and unpack it once
# into build/linux as a git tree with a single commit tagged "base".
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/base/linux-source.pin"

if [ -f "$KSRC/.git/rig-base" ]; then
	exit 0
fi
[ -e "$KSRC" ] && die "$KSRC exists but is not a finished base tree; remove it and retry"

mirror=$("$top/scripts/apt-mirror.sh")
dl=$BUILD/dl
mkdir -p "$dl"

# Find the pinned version, else the newest $PACKAGE, across $SUITES.
best= ; bestv= ; bestsha=
for s in $SUITES; do
	idx=$dl/Packages-$s
	fetch "$mirror/dists/$s/main/binary-all/Packages.xz" "$idx.xz"
	read -r v fn sha < <(xz -dc "$idx.xz" | pkg_field "$PACKAGE" "Version Filename SHA256") || true
	[ -n "${v:-}" ] || continue
	if [ "$v" = "$VERSION" ]; then
		best=$fn; bestv=$v; bestsha=$sha; break
	fi
	if [ -z "$bestv" ] || dpkg --compare-versions "$v" gt "$bestv"; then
		best=$fn; bestv=$v; bestsha=$sha
	fi
done
[ -n "$best" ] || die "base version cannot be found: no $PACKAGE in suites: $SUITES"
if [ "$bestv" != "$VERSION" ]; then
	cat >&2 <<WARN
rig: ****************************************************************
rig: WARNING: pinned base $PACKAGE $VERSION is no longer in the archive.
rig: WARNING: falling back to $PACKAGE $bestv. Results are NOT for the
rig: WARNING: pinned base; update base/linux-source.pin after review.
rig: ****************************************************************
WARN
	SHA256=$bestsha
fi

deb=$dl/$(basename "$best")
if ! { [ -f "$deb" ] && echo "$SHA256  $deb" | sha256sum -c --quiet 2>/dev/null; }; then
	log "downloading $PACKAGE $bestv"
	fetch "$mirror/$best" "$deb"
fi
echo "$SHA256  $deb" | sha256sum -c --quiet || die "$deb: sha256 mismatch (want $SHA256)"

log "unpacking $PACKAGE $bestv into $KSRC"
tmp=$BUILD/linux.tmp
rm -rf "$tmp"; mkdir -p "$tmp"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" --wildcards './usr/src/linux-source-*.tar.xz'
tar -xJf "$tmp"/usr/src/linux-source-*.tar.xz -C "$tmp"
src=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'linux-source-*')
[ -f "$src/Makefile" ] || die "unexpected layout in $deb"

cd "$src"
git init -q -b base-tree
git config core.autocrlf false
git config gc.auto 0
git config user.name "$GIT_AUTHOR_NAME"
git config user.email "$GIT_AUTHOR_EMAIL"
# Deterministic base commit: same package gives the same commit id.
git add -A -f .
GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" \
	git commit -q -m "Debian $PACKAGE $bestv"
git tag -f base >/dev/null
echo "$PACKAGE $bestv" > .git/rig-base
cd "$top"
mv "$src" "$KSRC"
rm -rf "$tmp"
log "base tree ready: $(git -C "$KSRC" log --oneline -1)"
