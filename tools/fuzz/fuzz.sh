#!/usr/bin/env bash
# Coverage-guided fuzzing of the repository's Go fuzz targets (func FuzzXxx
# in *_test.go), with `go test -fuzz` from the Go SDK Bazel uses.
#
#   tools/bazel run //tools/fuzz                        every target, 30s each
#   tools/bazel run //tools/fuzz -- 5m                  every target, 5m each
#   tools/bazel run //tools/fuzz -- 2m ./clib/simd FuzzIndexAny
#
# Why not `bazel run` of a go_test with -test.fuzz: rules_go builds tests
# without the compiler's fuzzing instrumentation, so the mutator would work
# blind. `go test -fuzz` instruments the package under test; cgo packages
# build outside Bazel because their C sources sit next to the binding. The
# C code itself is not instrumented: the targets reach every C path (each
# kernel, both batch forms) through Go-side branches the fuzzer does see.
# Inputs that fail are saved under the package's testdata/fuzz/ and rerun by
# every later `bazel test` as regression cases.
#
# Usage: fuzz.sh GO [DURATION [PACKAGE TARGET]]
set -euo pipefail

go="$(pwd)/$1"
duration="${2:-30s}"
# The go wrapper finds the SDK through runfiles; `bazel run` starts this
# script in its runfiles tree, which the wrapper cannot find on its own once
# the script leaves it.
export RUNFILES_DIR="${RUNFILES_DIR:-$(dirname "$PWD")}"
cd "$BUILD_WORKSPACE_DIRECTORY"

# fuzz PACKAGE TARGET: one run; go test prints execs and new coverage
# ("new interesting") as it goes and a PASS or the failing input at the end.
fuzz() {
  echo "=== $1 $2 for $duration"
  "$go" test -run='^$' -fuzz="^$2\$" -fuzztime="$duration" "$1"
}

if (($# == 4)); then
  fuzz "$3" "$4"
  exit
fi
if (($# > 2)); then
  echo "usage: tools/bazel run //tools/fuzz -- [DURATION [PACKAGE TARGET]]" >&2
  exit 2
fi

found=0
while IFS=: read -r file target; do
  found=1
  fuzz "./$(dirname "$file")" "$target"
done < <(grep -rHoE --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' clib services tools |
  sed 's/func //' | sort)
if ((found == 0)); then
  echo "no func FuzzXxx found under clib, services or tools" >&2
  exit 1
fi
