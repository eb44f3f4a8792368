#!/usr/bin/env bash
# Gate "git-am": the series' patch files apply with git am on a fresh base
# tree. Uses two worktrees of build/linux's repository (its own working tree
# and commits are never touched): WT gets base + one commit per patch, BASEWT
# stays at base for the gates that compare against it.
# Usage: check-tree.sh PATCHDIR WT BASEWT
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
patchdir=$(realpath "$1") wt=$(realpath -m "$2") basewt=$(realpath -m "$3")

# fresh DIR: a clean detached worktree at "base".
fresh() {
	if [ ! -f "$1/.git" ]; then
		rm -rf "$1"
		mkdir -p "$(dirname "$1")"
		git -C "$KSRC" worktree prune
		git -C "$KSRC" worktree add -q --detach "$1" base
	fi
	git -C "$1" am --abort >/dev/null 2>&1 || true
	git -C "$1" checkout -q -f --detach base
	git -C "$1" clean -q -ffdx
}
fresh "$basewt"
fresh "$wt"

mapfile -t series < <(find "$patchdir" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' \
	! -name '0000-*' | sort)
[ ${#series[@]} -gt 0 ] || { echo "FAIL git-am: no patch files in $patchdir"; exit 1; }
for p in "${series[@]}"; do
	if ! git -C "$wt" am -q --committer-date-is-author-date "$p" >"$wt.am.log" 2>&1; then
		echo "FAIL git-am: $(basename "$p") does not apply on base + the patches before it:"
		sed 's/^/    /' "$wt.am.log" | head -n 20
		git -C "$wt" am --abort >/dev/null 2>&1 || true
		exit 1
	fi
done
rm -f "$wt.am.log"
echo "PASS git-am: ${#series[@]} patches apply with git am on a fresh base ($(cat "$KSRC/.git/rig-base"))"
