#!/usr/bin/env bash
# Runs debian_mirror.sh on apt configurations written below, one directory
# per case. Usage: debian_mirror_test.sh DEBIAN_MIRROR_SH
set -euo pipefail
readonly SCRIPT="$1"
failures=0

# expect CASE WANT: debian_mirror.sh on $TEST_TMPDIR/CASE prints WANT, or
# exits 1 printing nothing when WANT is empty.
expect() {
  local got rc=0
  got="$("$SCRIPT" "$TEST_TMPDIR/$1")" || rc=$?
  if [[ -z "$2" && ($rc != 1 || -n "$got") ]] || [[ -n "$2" && ($rc != 0 || "$got" != "$2") ]]; then
    printf 'FAIL %s: got %q (exit %d), want %q\n' "$1" "$got" "$rc" "${2:-exit 1}"
    failures=$((failures + 1))
  fi
}

# write CASE FILE: stdin becomes $TEST_TMPDIR/CASE/FILE.
write() {
  mkdir -p "$(dirname "$TEST_TMPDIR/$1/$2")"
  cat >"$TEST_TMPDIR/$1/$2"
}

write oneline sources.list <<'X'
# deb http://commented.example/debian bookworm main
deb http://mirror.example/debian-security bookworm-security main
deb-src http://src.example/debian bookworm main
deb [arch=amd64 signed-by=/usr/share/keyrings/vendor.gpg] https://vendor.example/linux/debian bookworm stable
deb [ arch=amd64 ] http://mirror.example/pool/debian/ bookworm bookworm-updates main contrib # trailing comment
X
expect oneline http://mirror.example/pool/debian

write deb822 sources.list.d/debian.sources <<'X'
Types: deb
URIs: http://mirror.example/debian-security
Suites: trixie-security
Components: main

Types: deb
URIs: http://disabled.example/debian
Suites: trixie
Components: main
Enabled: no

Types: deb deb-src
# A comment inside a stanza does not end it.
URIs: http://mirror.example/deb/
Suites: trixie trixie-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
X
write deb822 sources.list.d/node.sources <<'X'
Types: deb
URIs: https://vendor.example/node_20.x
Suites: nodistro
Components: main
X
expect deb822 http://mirror.example/deb

# A path ending in /debian wins over an earlier entry without one.
write prefer sources.list <<'X'
deb http://proxy.example/apt-remote sid main
X
write prefer sources.list.d/debian.list <<'X'
deb http://proxy.example/debian sid main
X
expect prefer http://proxy.example/debian

write fallback sources.list <<'X'
deb http://proxy.example/apt-remote unstable main
X
expect fallback http://proxy.example/apt-remote

# Not Debian: Ubuntu's suites, a vendor repository.
write none sources.list <<'X'
deb http://archive.example/ubuntu noble main universe
X
write none sources.list.d/vendor.list <<'X'
deb https://vendor.example/apt cloud-sdk-bookworm main
X
expect none ""

mkdir -p "$TEST_TMPDIR/empty"
expect empty ""

((failures == 0)) || exit 1
echo PASS
