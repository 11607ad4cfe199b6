/*
 * libFuzzer target for simd_index_any and simd_index_all_any, under every
 * implementation. Input: one byte choosing the set's length (0 and
 * SIMD_MAX_SET + 1 included, which must fail with SIMD_ESET), one byte
 * choosing the output capacity of simd_index_all_any (which is also run
 * with none), the set, then the data.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "clib/simd/fuzz/each_impl.h"
#include "clib/simd/simd.h"

static int in_set(uint8_t b, const uint8_t *set, size_t set_len) {
  for (size_t i = 0; i < set_len; i++) {
    if (set[i] == b) return 1;
  }
  return 0;
}

static void check_index_any(const uint8_t *data, size_t len, const uint8_t *set, size_t set_len) {
  size_t want = SIMD_NOT_FOUND;
  for (size_t i = 0; i < len && want == SIMD_NOT_FOUND; i++) {
    if (in_set(data[i], set, set_len)) want = i;
  }
  size_t got = 0;
  require(simd_index_any(data, len, set, set_len, &got) == SIMD_OK);
  require(got == want);
}

/* check_index_all_any scans with room for cap indices, resuming after each
 * SIMD_ENOSPC as the header says, and checks every index found. */
static void check_index_all_any(const uint8_t *data, size_t len, const uint8_t *set,
                                size_t set_len, size_t cap) {
  size_t *out = malloc((cap ? cap : 1) * sizeof *out);
  require(out != NULL);
  size_t next = 0; /* the first index not yet checked */
  for (size_t start = 0;;) {
    size_t count = 0;
    simd_status st = simd_index_all_any(data + start, len - start, set, set_len, out, cap, &count);
    require(st == SIMD_OK || st == SIMD_ENOSPC);
    for (size_t k = 0; k < count; k++) {
      size_t i = start + out[k];
      require(i >= next && i < len && in_set(data[i], set, set_len));
      for (; next < i; next++) require(!in_set(data[next], set, set_len));
      next = i + 1;
    }
    if (st == SIMD_OK) break;
    require(count == cap && cap > 0);
    start += out[cap - 1] + 1;
  }
  for (; next < len; next++) require(!in_set(data[next], set, set_len));
  free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n) {
  if (n < 2) return 0;
  size_t set_len = in[0] % (SIMD_MAX_SET + 2);
  size_t cap = 1 + in[1] % 32; /* small enough that long inputs fill it */
  if (n - 2 < set_len) return 0;
  uint8_t *set = exact_copy(in + 2, set_len);
  size_t len = n - 2 - set_len;
  uint8_t *data = exact_copy(in + 2 + set_len, len);

  FOR_EACH_IMPL(impl) {
    checks_current_impl(impl);
    if (set_len == 0 || set_len > SIMD_MAX_SET) {
      size_t index = 0, count = 0;
      require(simd_index_any(data, len, set, set_len, &index) == SIMD_ESET);
      require(simd_index_all_any(data, len, set, set_len, NULL, 0, &count) == SIMD_ESET);
      continue;
    }
    check_index_any(data, len, set, set_len);
    check_index_all_any(data, len, set, set_len, cap);
    /* No room at all: SIMD_ENOSPC if anything matches, and nothing written. */
    size_t first = SIMD_NOT_FOUND, count = 1;
    require(simd_index_any(data, len, set, set_len, &first) == SIMD_OK);
    simd_status st = simd_index_all_any(data, len, set, set_len, NULL, 0, &count);
    require(st == (first == SIMD_NOT_FOUND ? SIMD_OK : SIMD_ENOSPC) && count == 0);
  }
  simd_reset_impl();
  free(set);
  free(data);
  return 0;
}
