#!/usr/bin/env bash
# Lints GitHub Actions workflows with actionlint (github.com/rhysd/actionlint,
# pinned in go.mod); //tools/lint:actionlint_test runs it on
# //.github/workflows.
#
# Usage: actionlint.sh ACTIONLINT WORKFLOW...
set -euo pipefail

actionlint="$1"
shift
# actionlint runs shellcheck on every `run:` script. It would silently skip
# that if shellcheck were missing, so require it: it is a host dependency, as
# for //tools/lint:shellcheck_test. pyflakes lints Python steps; there are none.
if ! shellcheck="$(command -v shellcheck)"; then
  echo "shellcheck not found on PATH; install it (Debian/Ubuntu: apt-get install shellcheck)" >&2
  exit 1
fi
if ! "$actionlint" -no-color -shellcheck="$shellcheck" -pyflakes= "$@"; then
  echo "GitHub Actions workflows have problems (above); see https://github.com/rhysd/actionlint/blob/main/docs/checks.md" >&2
  exit 1
fi
