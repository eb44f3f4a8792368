#!/usr/bin/env bash
# Make build/linux the base commit plus one commit per patches/NNNN-*.patch
# (git am). Does nothing when the tree already matches patches/. Refuses to
# throw away commits or edits in the tree that were not exported.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
"$top/scripts/fetch-base.sh"
cd "$KSRC"

mapfile -t series < <(find "$top/patches" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' \
	! -name '0000-cover-letter.patch' 2>/dev/null | sort)
stamp=$(cat "${series[@]}" /dev/null | sha256sum | cut -d' ' -f1)
head=$(git rev-parse HEAD)
if [ "$(cat .git/rig-series 2>/dev/null)" = "$stamp $head" ]; then
	exit 0
fi
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	die "build/linux has uncommitted edits: commit them and run 'make export', or discard them"
fi
last=$(cut -d' ' -f2 .git/rig-series 2>/dev/null || git rev-parse base)
if [ "$head" != "$last" ] && [ "${FORCE:-0}" != 1 ]; then
	die "build/linux has commits not exported to patches/: run 'make export' (or FORCE=1 to drop them)"
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
