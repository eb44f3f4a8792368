#!/usr/bin/env bash
# Gate "docs": the documentation the series touches builds with Debian's
# Sphinx without new warnings. The documents built are the touched .rst files
# and the .rst files that pull a touched source file in with a kernel-doc
# directive, each in its book (SPHINXDIRS) with the book's index and nothing
# else (Sphinx include_patterns), from the base tree BASEWT and the series
# tree WT; the warnings are compared. References into documents that are not
# built do not resolve on either side; when a new warning is such a reference,
# the whole books are built to confirm it.
# Usage: check-docs.sh BASEWT WT LOGDIR
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/scripts/check-lib.sh"
basewt=$(realpath "$1") wt=$(realpath "$2") logs=$3
mkdir -p "$logs"

# The documents: Documentation/BOOK/PATH.rst (BOOK "." for top-level ones).
docs=$(touched "$wt" | while IFS= read -r f; do
		case $f in
		Documentation/*.rst) echo "$f" ;;
		Documentation/*) ;;
		*) git -C "$wt" grep -l -E "kernel-doc:: *$f *\$" -- 'Documentation/*.rst' ;;
		esac
	done | sort -u)
[ -n "$docs" ] || { pass docs "the series touches no documentation"; exit 0; }
books=$(sed -E 's|^Documentation/([^/]*)/.*|\1|; s|^Documentation/[^/]*$|.|' <<<"$docs" | sort -u | tr '\n' ' ')
books=${books% }
case " $books " in *" . "*) books=. ;; esac
only=$(sed -E 's|^Documentation/||' <<<"$docs" | while IFS= read -r d; do
		case $books in .) echo "$d" ;; *) echo "${d#*/}" ;; esac
	done | sort -u | tr '\n' ',')index.rst

# build TREE NAME [full]: build from TREE into build/out-check-docs-NAME, list
# the warnings in LOGDIR/docs-NAME.
build() {
	local out=$BUILD/out-check-docs-$2 rc opts=()
	[ "${3:-}" = full ] || opts=(SPHINXOPTS="-D include_patterns=$only")
	rm -rf "$out"; mkdir -p "$out"
	make -C "$1" O="$out" SPHINXDIRS="$books" "${opts[@]}" htmldocs > "$logs/docs-$2.log" 2>&1
	rc=$?
	grep -E 'WARNING|ERROR|CRITICAL|SEVERE' "$logs/docs-$2.log" | sed "s|$1/||g" > "$logs/docs-$2"
	return $rc
}
sphinx=$(sphinx-build --version 2>&1)
what="htmldocs ($sphinx) of $(wc -l <<<"$docs") document(s) in SPHINXDIRS=$books"
if ! build "$wt" series; then
	fail docs "$what failed; log: ${logs#"$top"/}/docs-series.log"
	tail -n 10 "$logs/docs-series.log" | sed 's/^/    /'
	exit 1
fi
build "$basewt" base || echo "    note: htmldocs of the base failed too, see ${logs#"$top"/}/docs-base.log"
result=$("$top/scripts/check-compare.sh" docs "$what" "$logs/docs-base" "$logs/docs-series")
if grep -qE '^    .*(undefined label|unknown document|nonexisting document)' <<<"$result"; then
	echo "    note: new unresolved references; building the whole books to confirm"
	what="htmldocs ($sphinx) of SPHINXDIRS=$books"
	build "$wt" series full && build "$basewt" base full
	result=$("$top/scripts/check-compare.sh" docs "$what" "$logs/docs-base" "$logs/docs-series")
fi
echo "$result"
grep -q '^PASS' <<<"$result"
