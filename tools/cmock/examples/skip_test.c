/*
 * skip_test.c: the runtime's skip status. check_report.sh runs this binary
 * twice: all cases (one passes, two skip: exit 0, skips reported as SKIP
 * with their reasons, in the summary and in the JUnit XML), and only the
 * two that skip, where nothing is tested and the binary must fail.
 */
#include "tools/ctest/ctest.h"

static int set_up;

void setUp(void) { set_up = 1; }

void test_runs(void) { TEST_ASSERT_EQUAL_INT(1, set_up); }

void test_needs_a_gpu(void) { TEST_SKIP("no GPU on this machine"); }

/* A skip leaves the test at once: the failure below never happens. */
void test_needs_a_tpm(void) {
  TEST_SKIP("no TPM on this machine");
  TEST_FAIL_MESSAGE("ran past TEST_SKIP");
}
