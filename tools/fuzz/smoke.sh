#!/usr/bin/env bash
# smoke.sh FUZZER RUNS: runs a libFuzzer binary on RUNS generated inputs
# from a fixed seed and fails on any finding (libFuzzer exits non-zero and
# prints the input and the report). The test that c_fuzz_target makes.
set -euo pipefail
# A failing input is kept with the test's outputs (bazel-testlogs/.../
# test.outputs/), for `FUZZER crash-...` to reproduce it.
exec "$1" -runs="$2" -seed=1 -max_len=4096 -print_final_stats=1 \
  -artifact_prefix="${TEST_UNDECLARED_OUTPUTS_DIR:-.}/"
