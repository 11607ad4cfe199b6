#!/usr/bin/env bash
# Lints GitHub Actions workflows with actionlint (github.com/rhysd/actionlint,
# pinned in go.mod); //tools/lint:actionlint_test runs it on
# //.github/workflows.
#
# Usage: actionlint.sh ACTIONLINT WORKFLOW...
set -euo pipefail

actionlint="$1"
shift
# shellcheck and pyflakes would lint run: scripts if they happened to be on
# PATH; turn them off so the result does not depend on the machine.
if ! "$actionlint" -no-color -shellcheck= -pyflakes= "$@"; then
  echo "GitHub Actions workflows have problems (above); see https://github.com/rhysd/actionlint/blob/main/docs/checks.md" >&2
  exit 1
fi
