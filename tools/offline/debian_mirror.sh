#!/usr/bin/env bash
# Prints the Debian archive the host's apt already uses, for provision.sh's
# default mirror: on a mirror-only network apt is configured for the local
# mirror, so naming any public host here would be wrong.
#
# Usage: debian_mirror.sh [APT_DIR]   (default /etc/apt)
#
# Reads APT_DIR/sources.list and sources.list.d/*.list (one-line format:
# `deb [opts] URI SUITE COMPONENT...`) and sources.list.d/*.sources (deb822:
# Types/URIs/Suites/Components fields). An entry counts as the Debian
# archive when it is a `deb` entry for a Debian release (a codename or
# stable/testing/unstable), with the `main` component, and not the security
# archive: third-party repositories (even ones whose path ends in /debian)
# have their own suites or components, and the security archive serves only
# updates. Among those, a URI whose path ends in /debian wins, else the first.
# Exits 1, printing nothing, when there is none.
set -euo pipefail

apt_dir="${1:-/etc/apt}"
files=()
for f in "$apt_dir/sources.list" "$apt_dir"/sources.list.d/*.list "$apt_dir"/sources.list.d/*.sources; do
  [[ -f "$f" ]] && files+=("$f")
done
((${#files[@]})) || exit 1

awk '
function debian_suite(s) {
  return s ~ /^(stable|testing|unstable|oldstable|oldoldstable|sid|buster|bullseye|bookworm|trixie|forky|duke)$/
}
# consider: one deb entry (space-separated URIs, suites and components).
function consider(uris, suites, comps,   u, s, n, m, i, j, uri) {
  if (!(" " comps " " ~ / main /)) return
  n = split(uris, u, " ")
  m = split(suites, s, " ")
  for (i = 1; i <= n; i++) {
    uri = u[i]
    sub(/\/+$/, "", uri)
    if (uri ~ /security/) continue
    for (j = 1; j <= m; j++) {
      if (!debian_suite(s[j])) continue
      if (first == "") first = uri
      if (preferred == "" && uri ~ /\/debian$/) preferred = uri
    }
  }
}
# flush: the deb822 stanza read so far.
function flush() {
  if (enabled && " " types " " ~ / deb /) consider(uris, suites, comps)
  types = uris = suites = comps = ""
  enabled = 1
}
FNR == 1 { flush(); deb822 = FILENAME ~ /\.sources$/ }
# A comment line does not end a deb822 stanza; a blank line does.
/^[ \t]*#/ { next }
{ sub(/#.*/, "") }
deb822 && /^[ \t]*$/ { flush(); next }
deb822 {
  field = tolower($1)
  value = $0
  sub(/^[^:]*:[ \t]*/, "", value)
  if (field == "types:") types = value
  else if (field == "uris:") uris = value
  else if (field == "suites:") suites = value
  else if (field == "components:") comps = value
  else if (field == "enabled:") enabled = tolower(value) !~ /^no/
  next
}
$1 == "deb" {
  i = 2
  # Options: `[a=b c=d]`, possibly spanning several fields.
  if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
  comps = ""
  for (j = i + 2; j <= NF; j++) comps = comps " " $j
  consider($i, $(i + 1), comps)
}
END {
  flush()
  if (preferred != "") print preferred
  else if (first != "") print first
  else exit 1
}
' "${files[@]}"
