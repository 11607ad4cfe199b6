#!/usr/bin/env bash
# Runs shellcheck over every shell script in the workspace: files named
# *.sh and files without an extension whose first line starts a shell
# (tools/bazel, .ci/run).
#
#   tools/bazel test //tools/lint:shellcheck_test
#
# The shellcheck binary is a host dependency: Debian's `shellcheck` package
# (offline mode installs it in the build root; CI installs it with apt).
#
# Usage: shellcheck.sh WORKSPACE_MARKER
set -euo pipefail

if ! command -v shellcheck >/dev/null; then
  echo "shellcheck not found on PATH; install it (Debian/Ubuntu: apt-get install shellcheck," \
    "macOS: brew install shellcheck)" >&2
  exit 1
fi
# shellcheck source=tools/lint/workspace.sh
source "$(dirname "${BASH_SOURCE[0]}")/workspace.sh" "${1:-}"

scripts=()
while IFS= read -r -d '' f; do
  if [[ "$f" == *.sh ]] || head -n1 "$f" | grep -qE '^#!.*[/ ](ba)?sh( |$)'; then
    scripts+=("$f")
  fi
done < <(find . \( -name '.git' -o -name 'bazel-*' -o -path ./tools/offline/modules \) -prune \
  -o -type f \( -name '*.sh' -o ! -name '*.*' \) -print0 | sort -z)

if ((${#scripts[@]} == 0)); then
  echo "no shell scripts found under $PWD: is the marker argument wrong?" >&2
  exit 1
fi
echo "shellcheck $(shellcheck --version | sed -n 's/^version: //p') on ${#scripts[@]} scripts"
if ! shellcheck --external-sources "${scripts[@]}"; then
  echo "shellcheck found problems (above); see https://www.shellcheck.net/wiki/" >&2
  exit 1
fi
