/* SSE4.2 kernels: 16 bytes per step. The byte-set scans use the SSE4.2
 * string instructions (PCMPESTRI/PCMPESTRM), which compare against up to 16
 * bytes at once; that is where the API's 16-byte set limit comes from.
 * Compiled per function with target attributes, never with -msse4.2, so the
 * rest of the binary still runs on any x86-64. */
#if defined(__x86_64__)

#include <nmmintrin.h>

#include "kernels.h"

#define SSE42 __attribute__((target("sse4.2,popcnt")))
#define VEC 16

/* Equal-any over unsigned bytes: a bit (or the index) per data byte that
 * equals any of the set's bytes. */
#define SET_MODE (_SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ANY)

SSE42 static size_t sse42_index_any(const uint8_t *p, size_t n, const simd_byteset *s) {
  const __m128i set = _mm_loadu_si128((const __m128i *)s->bytes);
  size_t i = 0;
  for (; i + VEC <= n; i += VEC) {
    __m128i x = _mm_loadu_si128((const __m128i *)(p + i));
    int j = _mm_cmpestri(set, s->len, x, VEC, SET_MODE | _SIDD_LEAST_SIGNIFICANT);
    if (j < VEC) return i + (size_t)j;
  }
  return i + simd_kernels_scalar.index_any(p + i, n - i, s);
}

SSE42 static simd_status sse42_index_all_any(const uint8_t *p, size_t n, const simd_byteset *s,
                                             size_t *out, size_t cap, size_t *k) {
  const __m128i set = _mm_loadu_si128((const __m128i *)s->bytes);
  size_t i = 0;
  for (; i + VEC <= n; i += VEC) {
    __m128i x = _mm_loadu_si128((const __m128i *)(p + i));
    __m128i m = _mm_cmpestrm(set, s->len, x, VEC, SET_MODE | _SIDD_BIT_MASK);
    if (simd_emit_bits((uint32_t)_mm_cvtsi128_si32(m), i, out, cap, k) != SIMD_OK) {
      return SIMD_ENOSPC;
    }
  }
  return simd_scalar_tail_all_any(p, i, n, s, out, cap, k);
}

SSE42 static size_t sse42_mismatch(const uint8_t *a, const uint8_t *b, size_t n) {
  size_t i = 0;
  for (; i + VEC <= n; i += VEC) {
    __m128i x = _mm_loadu_si128((const __m128i *)(a + i));
    __m128i y = _mm_loadu_si128((const __m128i *)(b + i));
    unsigned diff = ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)) & 0xffffu;
    if (diff != 0) return i + (size_t)__builtin_ctz(diff);
  }
  return i + simd_kernels_scalar.mismatch(a + i, b + i, n - i);
}

SSE42 static size_t sse42_count_byte(const uint8_t *p, size_t n, uint8_t v) {
  const __m128i needle = _mm_set1_epi8((char)v);
  size_t c = 0, i = 0;
  for (; i + VEC <= n; i += VEC) {
    __m128i x = _mm_loadu_si128((const __m128i *)(p + i));
    c += (size_t)__builtin_popcount((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, needle)));
  }
  return c + simd_kernels_scalar.count_byte(p + i, n - i, v);
}

const simd_kernels simd_kernels_sse42 = {
    .impl = SIMD_IMPL_SSE42,
    .index_any = sse42_index_any,
    .index_all_any = sse42_index_all_any,
    .mismatch = sse42_mismatch,
    .count_byte = sse42_count_byte,
};

#endif /* __x86_64__ */
