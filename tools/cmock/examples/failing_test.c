/*
 * failing_test.c: tests that must fail, one per kind of broken expectation.
 * check_report.sh runs this binary and compares its output with
 * failing_test.expected: each failure must name the function, the call, the
 * parameter, expected and actual values, and the line of this file. One test
 * skips, which must not count as a failure.
 */
#include <stddef.h>
#include <stdlib.h>

#include "Mockheater.h"
#include "Mocksensor.h"
#include "tools/cmock/examples/thermostat.h"
#include "tools/ctest/ctest.h"

static int reading;

void setUp(void) { reading = 18000; }

void test_wrong_argument(void) {
  sensor_read_ExpectAndReturn(7, NULL, SENSOR_OK); /* the thermostat reads channel 2 */
  sensor_read_IgnoreArg_millidegrees();
  sensor_read_ReturnThruPtr_millidegrees(&reading);
  heater_apply_Ignore();
  thermostat_step(2, 21000);
}

void test_missing_call(void) {
  sensor_read_ExpectAnyArgsAndReturn(SENSOR_ERROR);
  heater_off_Expect();
  heater_off_Expect(); /* the thermostat turns it off once */
  thermostat_step(0, 21000);
}

void test_extra_call(void) {
  sensor_read_ExpectAnyArgsAndReturn(SENSOR_ERROR);
  thermostat_step(0, 21000); /* also calls heater_off, which nobody expects */
}

void test_wrong_order(void) {
  /* heater.h is mocked with strict_order: heater_name must come first. */
  heater_name_ExpectAndReturn("main");
  heater_off_Expect();
  heater_off();
  heater_name();
}

void test_wrong_struct_through_pointer(void) {
  const heater_setting off = {.level = 0, .fan = false};
  sensor_read_ExpectAnyArgsAndReturn(SENSOR_OK);
  sensor_read_ReturnThruPtr_millidegrees(&reading);
  heater_apply_Expect(&off);
  thermostat_step(0, 21000);
}

/* As in CMock, an Expect after an Ignore ends the Ignore: the expected
 * call is checked, and must be made. */
void test_expect_after_ignore_is_checked(void) {
  sensor_read_IgnoreAndReturn(SENSOR_OK);
  sensor_read_ExpectAndReturn(7, NULL, SENSOR_OK);
  sensor_read_IgnoreArg_millidegrees();
  sensor_read(2, &reading);
}

void test_expect_after_ignore_must_be_called(void) {
  heater_off_Ignore();
  heater_off_Expect();
}

void test_broken_assertion(void) {
  TEST_ASSERT_EQUAL_STRING("heater", "cooler");
}

/* Unsigned values of 32 bits and more also print in hex. */
void test_register_value(void) {
  TEST_ASSERT_EQUAL_UINT(0x40020014u, 0x40020010u);
}

/* A skip ends the test like a failure but is reported as SKIP, and the
 * mocks are not verified: the heater_off this test expected never came. */
void test_skipped(void) {
  heater_off_Expect();
  TEST_SKIP("no heater on this board");
}

/* A crash fails its own test, with the signal; the tests after it still
 * run. (abort(), because the sanitizers leave SIGABRT alone.) */
void test_crashes(void) {
  abort();
}

void test_passes(void) {
  heater_name_ExpectAndReturn("main");
  TEST_ASSERT_EQUAL_STRING("main", heater_name());
}

/* A failure in tearDown after a skip still fails the test: the skip only
 * says the body could not run, not that everything after it is fine. */
static int fail_in_tear_down;

void tearDown(void) {
  if (!fail_in_tear_down) return;
  fail_in_tear_down = 0;
  TEST_FAIL_MESSAGE("tearDown failed after the skip");
}

void test_skipped_then_tear_down_fails(void) {
  fail_in_tear_down = 1;
  TEST_SKIP("skipped before tearDown fails");
}
