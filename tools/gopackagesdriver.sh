#!/usr/bin/env bash
# gopls's package driver for this repository (docs/editors.md): point
# GOPACKAGESDRIVER at this file and gopls asks Bazel for packages through
# rules_go's gopackagesdriver, which also knows the .pb.go files that exist
# only in Bazel's output.
#
# gopls runs this file directly; it then re-enters itself as
# //tools:gopackagesdriver under `bazel run`, where it starts the driver
# (passed as $1) with GOPACKAGESDRIVER_BAZEL set to tools/bazel: set here,
# not earlier, because offline mode starts Bazel with a clean environment.
set -euo pipefail

if [[ -z "${BUILD_WORKSPACE_DIRECTORY:-}" ]]; then
  workspace="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
  cd "$workspace"
  exec "$workspace/tools/bazel" run --tool_tag=gopackagesdriver --noshow_progress \
    --ui_event_filters=-info,-stderr -- //tools:gopackagesdriver "$@"
fi

driver="$(pwd)/$1"
shift
export GOPACKAGESDRIVER_BAZEL="$BUILD_WORKSPACE_DIRECTORY/tools/bazel"
exec "$driver" "$@"
