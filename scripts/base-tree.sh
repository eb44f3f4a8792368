#!/usr/bin/env bash
# Keep build/linux-base, a git worktree of build/linux at the "base" tag, so
# that BASE=1 builds the unpatched kernel in its own output directory.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
wt=$BUILD/linux-base
[ -d "$wt/.git" ] || [ -f "$wt/.git" ] && exit 0
git -C "$KSRC" worktree prune
git -C "$KSRC" worktree add -q --detach "$wt" base
log "base worktree ready at $wt"
