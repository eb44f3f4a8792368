#!/usr/bin/env bash
# Print the Debian archive URI this machine's apt configuration uses for its
# main suite. Handles both the one-line sources.list format and deb822 .sources.
set -euo pipefail
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")

candidates() {
	# one-line format: deb [opts] URI suite comp...
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" |
			awk '$1 == "deb" { print $2, $3 }'
	done
	# deb822 format: URIs: a b / Suites: x y
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk '
			function flush() { if (types ~ /(^| )deb( |$)/ && enabled != "no")
				for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print u[i], s[j]
				types = ""; nu = 0; ns = 0; enabled = "" }
			/^[ \t]*#/ { next }
			/^[ \t]*$/ { flush(); next }
			tolower($1) == "types:" { $1 = ""; types = $0 }
			tolower($1) == "uris:" { nu = 0; for (i = 2; i <= NF; i++) u[++nu] = $i }
			tolower($1) == "suites:" { ns = 0; for (i = 2; i <= NF; i++) s[++ns] = $i }
			tolower($1) == "enabled:" { enabled = tolower($2) }
			END { flush() }' "$f"
	done
}

uri=$(candidates | awk -v c="$codename" '$2 == c { print $1; exit }')
if [ -z "$uri" ]; then
	echo "apt-mirror: no 'deb' source for suite $codename in /etc/apt" >&2
	exit 1
fi
echo "${uri%/}"
