#!/usr/bin/env bash
# Make build/linux the base commit plus one commit per patches/NNNN-*.patch
# (git am). Does nothing unless patches/ changed since the last import or
# export; refuses to throw away tree work that was not exported.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
"$top/scripts/fetch-base.sh"
cd "$KSRC"

mapfile -t series < <(find "$top/patches" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' \
	! -name '0000-cover-letter.patch' 2>/dev/null | sort)
stamp=$(cat "${series[@]}" /dev/null | sha256sum | cut -d' ' -f1)
{ read -r synced last < .git/rig-series; } 2>/dev/null || { synced=; last=$(git rev-parse base); }
# patches/ unchanged since the last import or export: the tree (with any
# local commits or edits on top) is the working copy, leave it alone.
[ "$stamp" = "$synced" ] && exit 0
if [ "$(git rev-parse HEAD)" != "$last" ] ||
   [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	[ "${FORCE:-0}" = 1 ] ||
		die "both patches/ and build/linux changed since the last sync: export or drop the tree's work (FORCE=1 drops it)"
	git reset -q --hard
fi

git checkout -q -B series base
for p in "${series[@]}"; do
	if ! git am -q --committer-date-is-author-date "$p" >/dev/null 2>&1; then
		git am --abort >/dev/null 2>&1 || true
		git checkout -q -B series base
		echo "$stamp-failed $(git rev-parse HEAD)" > .git/rig-series
		die "patch does not apply: patches/$(basename "$p") (tree reset to base)"
	fi
done
echo "$stamp $(git rev-parse HEAD)" > .git/rig-series
log "build/linux: base + ${#series[@]} patch(es)"
