# Helpers of the check-*.sh scripts (sourced after lib.sh, not run).
# shellcheck shell=bash

# Debian's python3 (with python3-ply and python3-git) for the kernel's
# python tools, whatever else is first on PATH.
export PATH=/usr/bin:$PATH

# series_files DIR: the patch files of the series in DIR, in order, no cover.
series_files() {
	find "$1" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' ! -name '0000-*' | sort
}

# subject FILE: the mail's Subject, unfolded, with "[PATCH n/m] " dropped.
subject() {
	awk '/^$/ { exit }
	     s != "" && /^[ \t]/ { sub(/^[ \t]+/, " "); s = s $0; next }
	     s != "" { exit }
	     /^Subject: / { s = substr($0, 10) }
	     END { sub(/^\[[^]]*\] */, "", s); print s }' "$1"
}

# touched WT: the files the series in worktree WT changes (base..HEAD),
# those it deletes left out.
touched() {
	git -C "$1" diff --name-only --diff-filter=d base..HEAD
}

# pass|fail GATE TEXT: the gate's result line.
pass() { echo "PASS $1: ${*:2}"; }
fail() { echo "FAIL $1: ${*:2}"; }

# verdict GATE PASSTEXT FAILTEXT [PROBLEM...]: PASS with PASSTEXT when no
# problem is given, else FAIL with FAILTEXT and the problems under it.
verdict() {
	local gate=$1 ok=$2 ko=$3
	shift 3
	if [ $# = 0 ]; then
		pass "$gate" "$ok"
	else
		fail "$gate" "$ko"
		printf '    %s\n' "$@"
	fi
}
