#!/usr/bin/env bash
# Fails when proto/<domain>/v<N>/ contracts in the working tree break clients
# of the base revision: the merge base with the default branch, else the
# previous commit, or $PROTOBREAK_AGAINST; under CI=true a missing base fails
# (see main.go). Usage: contracts_test.sh PROTOBREAK PROTOC MARKER
set -euo pipefail
# MARKER is a runfiles symlink into the source tree; the test is tagged
# no-sandbox and external so that it sees the real repository and its git
# history.
workspace="$(dirname "$(readlink -f "$3")")"
exec "$1" -protoc="$(pwd)/$2" -workspace="$workspace"
