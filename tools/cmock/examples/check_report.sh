#!/usr/bin/env bash
# Runs a ctest binary and checks its exit status, that its report matches the
# expected one line for line (for a failure: function, call number,
# parameter, expected and actual values, file:line of the test; for a skip:
# its reason), and that its JUnit XML has the same failures and skips.
#
# Usage: check_report.sh TEST_BINARY EXPECTED_OUTPUT STATUS [TEST_FILTER]
#   STATUS is 0 or "nonzero"; TEST_FILTER is passed as Bazel's
#   --test_filter would pass it (comma-separated test names).
set -euo pipefail

binary="$1"
expected="$2"
want_status="$3"
filter="${4:-}"
tmp="$(mktemp -d "${TEST_TMPDIR:-/tmp}/check_report.XXXXXX")"

status=0
TESTBRIDGE_TEST_ONLY="$filter" XML_OUTPUT_FILE="$tmp/junit.xml" "$binary" \
  >"$tmp/stdout" 2>"$tmp/stderr" || status=$?

if [[ "$want_status" == nonzero && "$status" == 0 ]] ||
  [[ "$want_status" != nonzero && "$status" != "$want_status" ]]; then
  echo "FAIL: $binary exited $status, want $want_status (stdout, stderr follow)" >&2
  cat "$tmp/stdout" "$tmp/stderr" >&2
  exit 1
fi
if ! diff -u "$expected" "$tmp/stdout"; then
  echo "FAIL: the report differs from $expected (stderr follows)" >&2
  cat "$tmp/stderr" >&2
  exit 1
fi

# xml_fail prints why the XML is wrong, and the XML, and fails.
xml_fail() {
  echo "FAIL: JUnit XML: $1:" >&2
  cat "$tmp/junit.xml" >&2
  exit 1
}
failures="$(grep -c '<failure message=' "$tmp/junit.xml" || true)"
want_failures="$(grep -c '^FAIL ' "$expected" || true)"
[[ "$failures" == "$want_failures" ]] || xml_fail "$failures failures, expected $want_failures"
skips="$(grep -c '<skipped message=' "$tmp/junit.xml" || true)"
want_skips="$(grep -c '^SKIP ' "$expected" || true)"
[[ "$skips" == "$want_skips" ]] || xml_fail "$skips skipped cases, expected $want_skips"
grep -q "<testsuite .* failures=\"$want_failures\" errors=\"0\" skipped=\"$want_skips\">" \
  "$tmp/junit.xml" || xml_fail "no testsuite with failures=\"$want_failures\" skipped=\"$want_skips\""
# Each skip's reason, on its own test case (reasons here need no escaping).
while IFS= read -r line; do
  name="${line#SKIP }"
  name="${name%%:*}"
  reason="${line#SKIP "$name": }"
  grep -A1 -F "<testcase name=\"$name\"" "$tmp/junit.xml" |
    grep -q -F "<skipped message=\"$reason\"/>" ||
    xml_fail "$name has no <skipped message=\"$reason\"/>"
done < <(grep '^SKIP ' "$expected" || true)
echo "$binary: report as expected (exit $status, $want_failures failed, $want_skips skipped)"
