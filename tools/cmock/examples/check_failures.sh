#!/usr/bin/env bash
# Runs a ctest binary whose tests must fail and checks that it exits non-zero,
# that its report matches the expected one line for line (function, call
# number, parameter, expected and actual values, file:line of the test), and
# that its JUnit XML lists the failures.
#
# Usage: check_failures.sh TEST_BINARY EXPECTED_OUTPUT
set -euo pipefail

binary="$1"
expected="$2"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"

status=0
XML_OUTPUT_FILE="$tmp/junit.xml" "$binary" >"$tmp/stdout" 2>"$tmp/stderr" || status=$?

if [[ "$status" == 0 ]]; then
  echo "FAIL: $binary exited 0, but its tests must fail" >&2
  exit 1
fi
if ! diff -u "$expected" "$tmp/stdout"; then
  echo "FAIL: the report differs from $expected (stderr follows)" >&2
  cat "$tmp/stderr" >&2
  exit 1
fi
failures="$(grep -c '<failure message=' "$tmp/junit.xml" || true)"
want="$(grep -c '^FAIL ' "$expected")"
if [[ "$failures" != "$want" ]]; then
  echo "FAIL: JUnit XML has $failures failures, expected $want:" >&2
  cat "$tmp/junit.xml" >&2
  exit 1
fi
echo "$binary failed as expected (exit $status, $want failures)"
