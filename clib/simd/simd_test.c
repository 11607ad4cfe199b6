//go:build ignore

/* C unit tests for simd; Bazel builds them as a cc_test. The build constraint
 * above keeps `go build` from compiling this file into the cgo package. */
#include <stdio.h>
#include <string.h>

#include "simd.h"

static int failures;

#define CHECK(cond)                                              \
  do {                                                           \
    if (!(cond)) {                                               \
      fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
      failures++;                                                \
    }                                                            \
  } while (0)

static void test_count_byte(void) {
  const uint8_t data[] = "a,b,,c,";
  size_t n = 99;
  CHECK(simd_count_byte(data, sizeof data - 1, ',', &n) == SIMD_OK);
  CHECK(n == 4);
  CHECK(simd_count_byte(data, sizeof data - 1, 'z', &n) == SIMD_OK);
  CHECK(n == 0);
}

static void test_empty_and_null(void) {
  size_t n = 99;
  CHECK(simd_count_byte(NULL, 0, 'a', &n) == SIMD_OK);
  CHECK(n == 0);
  CHECK(simd_count_byte(NULL, 1, 'a', &n) == SIMD_EINVAL);
  CHECK(simd_count_byte((const uint8_t *)"a", 1, 'a', NULL) == SIMD_EINVAL);
}

int main(void) {
  test_count_byte();
  test_empty_and_null();
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  puts("all checks passed");
  return 0;
}
