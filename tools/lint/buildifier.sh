#!/usr/bin/env bash
# Runs buildifier (built from github.com/bazelbuild/buildtools, pinned in
# go.mod) over every Starlark file in the workspace.
#
#   tools/bazel run //tools/lint:buildifier        reformat and apply lint fixes
#   tools/bazel test //tools/lint:buildifier_test  fail on any diff or warning
#
# Usage: buildifier.sh BUILDIFIER fix|check [WORKSPACE_MARKER]
set -euo pipefail

buildifier="$(pwd)/$1"
mode="$2"
# Both `bazel run` and `bazel test` start it in its runfiles tree, where
# workspace.sh is (next to the script only under `bazel test`).
# shellcheck source=tools/lint/workspace.sh
source tools/lint/workspace.sh "${3:-}"

case "$mode" in
fix) exec "$buildifier" -mode=fix -lint=fix -r . ;;
check)
  if ! "$buildifier" -mode=check -lint=warn -r .; then
    echo "Starlark files need formatting or have lint warnings;" \
      "run: tools/bazel run //tools/lint:buildifier" >&2
    exit 1
  fi
  ;;
*)
  echo "usage: $0 BUILDIFIER fix|check [WORKSPACE_MARKER]" >&2
  exit 2
  ;;
esac
