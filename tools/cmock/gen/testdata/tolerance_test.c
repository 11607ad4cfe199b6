//go:build ignore

/* The float tolerance of c_mock(float_tolerance = "1e-6"): values within a
 * relative 1e-6 of the expectation match; the last case, beyond it, must
 * fail, which tolerance_test_check asserts. */
#include "Mocktypes.h"
#include "tools/ctest/ctest.h"

void test_within_the_tolerance_matches(void) {
  types_mix_ExpectAndReturn(1.0f, 1000.0, 3.0L, 0.0f);
  types_mix(1.0f, 1000.0 * (1 + 5e-7), 3.0L * (1 - 5e-7L));
}

void test_exactly_equal_and_nan_match(void) {
  types_mix_ExpectAndReturn(2.5f, __builtin_nan(""), 0.0L, 0.0f);
  types_mix(2.5f, __builtin_nan(""), 0.0L);
}

void test_beyond_the_tolerance_fails(void) {
  types_mix_ExpectAndReturn(1.0f, 1000.0, 3.0L, 0.0f);
  types_mix(1.0f, 1000.0 * (1 + 2e-6), 3.0L);
}
