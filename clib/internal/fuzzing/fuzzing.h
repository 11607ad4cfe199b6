/*
 * fuzzing.h: what clib's libFuzzer targets share (see
 * tools/fuzz/c_fuzz_target.bzl). A target checks the library's answers
 * itself, so a finding is either a sanitizer report or a failed require.
 */
#ifndef CLIB_INTERNAL_FUZZING_FUZZING_H_
#define CLIB_INTERNAL_FUZZING_FUZZING_H_

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* require stops the run, as a finding, when cond is false. */
static inline void require(int cond) {
  if (!cond) abort();
}

/* exact_copy returns a heap copy of p[0, n) in a block of exactly n bytes
 * (one byte for n == 0), so that AddressSanitizer reports a read past its
 * end: a fuzzer's input holds several fields back to back, where an
 * overread of one would land in the next unnoticed. The caller frees it. */
static inline uint8_t *exact_copy(const uint8_t *p, size_t n) {
  uint8_t *c = malloc(n ? n : 1);
  require(c != NULL);
  if (n) memcpy(c, p, n);
  return c;
}

#endif /* CLIB_INTERNAL_FUZZING_FUZZING_H_ */
