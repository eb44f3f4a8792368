#!/usr/bin/env bash
# Gates "mail-cover" and "mail-signoff": the series mails cleanly.
#  - the cover letter is [PATCH 00/N] for the N patch files, each patch is
#    [PATCH i/N]; the cover has no template text, names the base (a
#    base-commit: line or the pinned base version) and carries the diffstat
#    of the series as applied in WT (WT "": the series does not apply, the
#    diffstat is not compared);
#  - every patch is signed off by the project identity.
# Usage: check-mail.sh PATCHDIR WT
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/scripts/check-lib.sh"
. "$top/base/linux-source.pin"
patchdir=$1 wt=$2

mapfile -t series < <(series_files "$patchdir")
n=${#series[@]}
cover=$patchdir/0000-cover-letter.patch
printf -v nn '%02d' "$n"

problems=() base= want=
if [ ! -f "$cover" ]; then
	problems+=("no cover letter (0000-cover-letter.patch)")
else
	grep -q "^Subject: \[PATCH 0*0/0*$n\]" "$cover" ||
		problems+=("cover subject is not [PATCH 00/$nn]: $(grep -m1 '^Subject:' "$cover")")
	grep -q '\*\*\* \(SUBJECT\|BLURB\) HERE \*\*\*' "$cover" &&
		problems+=("cover still has format-patch's template text")
	if grep -q '^base-commit: ' "$cover"; then
		base="base-commit: line"
	elif grep -qF "$VERSION" "$cover"; then
		base="base $PACKAGE $VERSION named"
	else
		problems+=("cover names no base (no base-commit: line, no '$VERSION')")
	fi
	have=$(grep -E '^ [0-9]+ files? changed' "$cover" | tail -n 1 | sed 's/^ *//')
	[ -z "$wt" ] || want=$(git -C "$wt" diff --stat base..HEAD | tail -n 1 | sed 's/^ *//')
	if [ -z "$have" ]; then
		problems+=("cover has no diffstat")
	elif [ -z "$want" ]; then
		want="not compared: the series does not apply"
	elif [ "$have" != "$want" ]; then
		problems+=("cover diffstat '$have' is not the series' '$want'")
	fi
fi
i=0
for p in "${series[@]}"; do
	i=$((i + 1))
	grep -q "^Subject: \[PATCH 0*$i/0*$n\]" "$p" ||
		problems+=("$(basename "$p"): subject is not numbered $i/$n")
done
verdict mail-cover "cover letter [PATCH 00/$nn] with the series' diffstat ($want), $base" \
	"${#problems[@]} problem(s):" "${problems[@]}"

sob="Signed-off-by: $GIT_AUTHOR_NAME <$GIT_AUTHOR_EMAIL>"
unsigned=()
for p in "${series[@]}"; do
	# The commit message ends at the first "---" line.
	awk '/^---$/ { exit } { print }' "$p" | grep -qxF "$sob" || unsigned+=("$(basename "$p")")
done
verdict mail-signoff "$n/$n patches carry '$sob'" \
	"${#unsigned[@]} patch(es) lack '$sob':" "${unsigned[@]}"
