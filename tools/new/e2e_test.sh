#!/usr/bin/env bash
# End-to-end check of tools/new, which .ci/run runs: in a scratch copy of
# the workspace, generate a C module and a service that serves it, then run
# with Bazel there the module's suite (its C unit tests, the binding's tests
# and the service's integration and fault tests), the contract's build, and
# the gazelle and buildifier checks over the result.
#
# It runs Bazel itself, so it is not a Bazel test. The copy lives at a
# path fixed for this checkout (as tools/internal/scratch's copies do), so
# its output base and offline mode's mount of it are reused from run to
# run; its contents are replaced every time.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
key="$(printf %s "$root" | sha256sum | cut -c1-8)"
scratch="${XDG_CACHE_HOME:-$HOME/.cache}/go-c-starter/new-e2e-$key/ws"
mkdir -p "$scratch"
find "$scratch" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
# Stop the copy's Bazel server when done; it would hold its memory.
trap '(cd "$scratch" && tools/bazel shutdown) >/dev/null 2>&1 || true' EXIT

# What a clone holds, plus uncommitted edits: tracked files and untracked
# ones git does not ignore (so no bazel-* links and no user.bazelrc).
(cd "$root" && git ls-files -z --cached --others --exclude-standard |
  tar --null -T - -cf -) | tar -xf - -C "$scratch"
cd "$scratch"

tools/bazel run //tools/new -- clib e2esum
tools/bazel run //tools/new -- service e2esumd -clib e2esum
tools/bazel test \
  //clib/e2esum:e2esum_module_tests \
  //proto/e2esumd/... \
  //:gazelle_test \
  //tools/lint:buildifier_test \
  //tools/lint/gofmt:gofmt_test
