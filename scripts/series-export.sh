#!/usr/bin/env bash
# Export build/linux's commits since "base" to patches/ with a cover letter.
# Deterministic: an unchanged tree exports to identical bytes. The cover
# letter's subject and text come from the existing patches/0000-cover-letter.patch;
# its shortlog and diffstat are regenerated.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
cd "$KSRC"
[ -f .git/rig-base ] || die "no base tree in $KSRC: run 'make series' first"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted edits: commit them first"
n=$(git rev-list --count base..HEAD)
[ "$n" -gt 0 ] || die "no commits on top of base to export"

cover=$top/patches/0000-cover-letter.patch
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Cover text = subject + body of the current cover letter, up to its shortlog.
if [ -f "$cover" ]; then
	awk 'hdr == 0 && subj != "" && /^[ \t]/ { sub(/^[ \t]+/, ""); subj = subj " " $0; next }
	     hdr == 0 && /^Subject: / { sub(/^Subject: \[[^]]*\] */, ""); subj = $0; next }
	     hdr == 0 && /^$/ { hdr = 1; print subj; print ""; next }
	     hdr == 0 { next }
	     hdr == 1 { print }' "$cover" |
		awk -v who="$GIT_AUTHOR_NAME" 'index($0, who " (") == 1 { exit } { print }' > "$tmp/desc"
else
	printf '*** SUBJECT HERE ***\n\n*** BLURB HERE ***\n\n' > "$tmp/desc"
fi
git config branch.series.description "$(cat "$tmp/desc")"
git checkout -q -B series HEAD

git -c core.abbrev=12 format-patch -q --zero-commit --no-signature --cover-letter \
	--cover-from-description=subject --no-renames \
	-o "$tmp/out" base..HEAD
# The cover letter takes the date of the newest patch, not the wall clock.
date=$(git log -1 --format=%aD HEAD)
sed -i "s/^Date: .*/Date: $date/" "$tmp/out/0000-cover-letter.patch"
# Message-IDs depend on the time of export; drop threading headers.
sed -i '/^Message-ID: /Id; /^In-Reply-To: /Id; /^References: /Id' "$tmp/out"/*.patch

mkdir -p "$top/patches"
rm -f "$top"/patches/[0-9][0-9][0-9][0-9]-*.patch
cp "$tmp"/out/*.patch "$top/patches/"
stamp=$(find "$top/patches" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' \
	! -name '0000-cover-letter.patch' | sort | xargs cat | sha256sum | cut -d' ' -f1)
echo "$stamp $(git rev-parse HEAD)" > .git/rig-series
log "exported $n patch(es) and a cover letter to patches/"
