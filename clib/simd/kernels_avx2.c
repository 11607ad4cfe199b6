/* AVX2 kernels: 32 bytes per step; the byte-set scans use a nibble lookup
 * (two PSHUFB table lookups per vector) whose cost does not depend on the
 * set size. The last partial vector goes to the scalar kernels: AVX2 has no
 * byte-masked load, and reading past the buffer is not allowed. Compiled per
 * function with target attributes, never with -mavx2. */
#if defined(__x86_64__)

#include <immintrin.h>

#include "kernels.h"

#define AVX2 __attribute__((target("avx2,popcnt")))
#define VEC 32

/* The set's lookup tables, each broadcast to both 128-bit lanes because
 * VPSHUFB looks up within a lane. */
typedef struct {
  __m256i rows_lo, rows_hi, bit;
} avx2_set;

AVX2 static inline avx2_set avx2_set_load(const simd_byteset *s) {
  /* bit[h] = 1 << (h & 7): selects high nibble h's bit of a row. */
  const __m128i bit = _mm_setr_epi8(1, 2, 4, 8, 16, 32, 64, (char)128, 1, 2, 4, 8, 16, 32, 64,
                                    (char)128);
  avx2_set t = {
      _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)s->rows_lo)),
      _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)s->rows_hi)),
      _mm256_broadcastsi128_si256(bit),
  };
  return t;
}

/* A bit per byte of x that is in the set (see simd_byteset). */
AVX2 static inline uint32_t avx2_members(__m256i x, const avx2_set *t) {
  /* Keeping bit 7 in the index makes PSHUFB return 0 for bytes >= 0x80 in
   * the low lookup; flipping it does the same for bytes < 0x80 in the high
   * one, so OR-ing both gives each byte its row. */
  __m256i idx = _mm256_and_si256(x, _mm256_set1_epi8((char)0x8f));
  __m256i rows = _mm256_or_si256(
      _mm256_shuffle_epi8(t->rows_lo, idx),
      _mm256_shuffle_epi8(t->rows_hi, _mm256_xor_si256(idx, _mm256_set1_epi8((char)0x80))));
  __m256i hi = _mm256_and_si256(_mm256_srli_epi16(x, 4), _mm256_set1_epi8(0x0f));
  __m256i bit = _mm256_shuffle_epi8(t->bit, hi);
  return (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(rows, bit), bit));
}

AVX2 static size_t avx2_index_any(const uint8_t *p, size_t n, const simd_byteset *s) {
  const avx2_set t = avx2_set_load(s);
  size_t i = 0;
  for (; i + VEC <= n; i += VEC) {
    uint32_t m = avx2_members(_mm256_loadu_si256((const __m256i *)(p + i)), &t);
    if (m != 0) return i + (size_t)__builtin_ctz(m);
  }
  return i + simd_kernels_scalar.index_any(p + i, n - i, s);
}

AVX2 static simd_status avx2_index_all_any(const uint8_t *p, size_t n, const simd_byteset *s,
                                           size_t *out, size_t cap, size_t *k) {
  const avx2_set t = avx2_set_load(s);
  size_t i = 0;
  for (; i + VEC <= n; i += VEC) {
    uint32_t m = avx2_members(_mm256_loadu_si256((const __m256i *)(p + i)), &t);
    if (simd_emit_bits(m, i, out, cap, k) != SIMD_OK) return SIMD_ENOSPC;
  }
  return simd_scalar_tail_all_any(p, i, n, s, out, cap, k);
}

AVX2 static size_t avx2_mismatch(const uint8_t *a, const uint8_t *b, size_t n) {
  size_t i = 0;
  for (; i + VEC <= n; i += VEC) {
    __m256i x = _mm256_loadu_si256((const __m256i *)(a + i));
    __m256i y = _mm256_loadu_si256((const __m256i *)(b + i));
    uint32_t diff = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, y));
    if (diff != 0) return i + (size_t)__builtin_ctz(diff);
  }
  return i + simd_kernels_scalar.mismatch(a + i, b + i, n - i);
}

AVX2 static size_t avx2_count_byte(const uint8_t *p, size_t n, uint8_t v) {
  const __m256i needle = _mm256_set1_epi8((char)v);
  size_t c = 0, i = 0;
  for (; i + VEC <= n; i += VEC) {
    __m256i x = _mm256_loadu_si256((const __m256i *)(p + i));
    c += (size_t)__builtin_popcount((uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, needle)));
  }
  return c + simd_kernels_scalar.count_byte(p + i, n - i, v);
}

const simd_kernels simd_kernels_avx2 = {
    .impl = SIMD_IMPL_AVX2,
    .index_any = avx2_index_any,
    .index_all_any = avx2_index_all_any,
    .mismatch = avx2_mismatch,
    .count_byte = avx2_count_byte,
};

#endif /* __x86_64__ */
