/*
 * libFuzzer target for simd_first_diff, simd_equal and simd_count_byte,
 * under every implementation. Input: one byte splitting the rest into a and
 * b (b shares a prefix of a's, so that long equal runs are common), one
 * byte to count, then the data.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clib/simd/fuzz/each_impl.h"
#include "clib/simd/simd.h"

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n) {
  if (n < 2) return 0;
  const uint8_t *rest = in + 2;
  size_t len = n - 2;
  /* a is the rest; b is a's first `keep` bytes followed, unless in[0]'s
   * top bit makes b a prefix of a, by a's tail reversed. */
  size_t keep = in[0] % (len + 1);
  size_t tail = (in[0] & 0x80) ? 0 : len - keep;
  size_t b_len = keep + tail;
  uint8_t *a = exact_copy(rest, len);
  uint8_t *b = malloc(b_len ? b_len : 1);
  require(b != NULL);
  memcpy(b, a, keep);
  for (size_t j = 0; j < tail; j++) b[keep + j] = a[len - 1 - j];

  size_t shorter = len < b_len ? len : b_len;
  size_t want_diff = SIMD_NOT_FOUND;
  for (size_t i = 0; i < shorter && want_diff == SIMD_NOT_FOUND; i++) {
    if (a[i] != b[i]) want_diff = i;
  }
  if (want_diff == SIMD_NOT_FOUND && len != b_len) want_diff = shorter;
  size_t want_count = 0;
  for (size_t i = 0; i < len; i++) want_count += a[i] == in[1];

  FOR_EACH_IMPL(impl) {
    checks_current_impl(impl);
    size_t diff = 0, count = 0;
    int equal = -1;
    require(simd_first_diff(a, len, b, b_len, &diff) == SIMD_OK && diff == want_diff);
    require(simd_equal(a, len, b, b_len, &equal) == SIMD_OK);
    require(equal == (want_diff == SIMD_NOT_FOUND));
    require(simd_equal(a, len, a, len, &equal) == SIMD_OK && equal == 1);
    require(simd_count_byte(a, len, in[1], &count) == SIMD_OK && count == want_count);
  }
  simd_reset_impl();
  free(a);
  free(b);
  return 0;
}
