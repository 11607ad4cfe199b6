# Sourced by the lint scripts: cd to the source tree they check.
#
# Under `bazel run` that is $BUILD_WORKSPACE_DIRECTORY. Under `bazel test`
# the first argument is a runfiles symlink into the source tree (a marker
# file such as //:MODULE.bazel); the tests are tagged to run locally and
# unsandboxed, so following it reaches the real tree rather than a copy.
# shellcheck shell=bash
if [[ -n "${BUILD_WORKSPACE_DIRECTORY:-}" ]]; then
  cd "$BUILD_WORKSPACE_DIRECTORY" || exit 1
else
  cd "$(dirname "$(readlink -f "$1")")" || exit 1
fi
