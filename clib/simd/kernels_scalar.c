/* Portable scalar kernels: the fallback on every CPU and the reference the
 * vector kernels are tested against. Byte-at-a-time on purpose, so the
 * "scalar C" benchmark row shows what the vector code buys. */
#include "kernels.h"

static size_t scalar_index_any(const uint8_t *p, size_t n, const simd_byteset *s) {
  for (size_t i = 0; i < n; i++) {
    if (simd_byteset_has(s, p[i])) return i;
  }
  return n;
}

static simd_status scalar_index_all_any(const uint8_t *p, size_t n, const simd_byteset *s,
                                        size_t *out, size_t cap, size_t *k) {
  for (size_t i = 0; i < n; i++) {
    if (!simd_byteset_has(s, p[i])) continue;
    if (*k == cap) return SIMD_ENOSPC;
    out[(*k)++] = i;
  }
  return SIMD_OK;
}

static size_t scalar_mismatch(const uint8_t *a, const uint8_t *b, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (a[i] != b[i]) return i;
  }
  return n;
}

static size_t scalar_count_byte(const uint8_t *p, size_t n, uint8_t v) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++) c += p[i] == v;
  return c;
}

simd_status simd_scalar_tail_all_any(const uint8_t *p, size_t start, size_t n,
                                     const simd_byteset *s, size_t *out, size_t cap, size_t *k) {
  size_t first = *k;
  simd_status st = scalar_index_all_any(p + start, n - start, s, out, cap, k);
  for (size_t j = first; j < *k; j++) out[j] += start;
  return st;
}

const simd_kernels simd_kernels_scalar = {
    .impl = SIMD_IMPL_SCALAR,
    .index_any = scalar_index_any,
    .index_all_any = scalar_index_all_any,
    .mismatch = scalar_mismatch,
    .count_byte = scalar_count_byte,
};
