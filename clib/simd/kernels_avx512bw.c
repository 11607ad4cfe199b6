/* AVX-512BW kernels: 64 bytes per step, the same nibble lookup as the AVX2
 * kernels, and byte-masked loads for the last partial vector: masked-off
 * bytes are neither read nor able to fault, so tails need no scalar loop.
 * Compiled per function with target attributes, never with -mavx512bw. */
#if defined(__x86_64__)

#include <immintrin.h>

#include "kernels.h"

#define AVX512 __attribute__((target("avx512f,avx512bw,popcnt")))
#define VEC 64

/* The set's lookup tables, broadcast to all four 128-bit lanes because
 * VPSHUFB looks up within a lane. */
typedef struct {
  __m512i rows_lo, rows_hi, bit;
} avx512_set;

AVX512 static inline avx512_set avx512_set_load(const simd_byteset *s) {
  /* bit[h] = 1 << (h & 7): selects high nibble h's bit of a row. */
  const __m128i bit = _mm_setr_epi8(1, 2, 4, 8, 16, 32, 64, (char)128, 1, 2, 4, 8, 16, 32, 64,
                                    (char)128);
  avx512_set t = {
      _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)s->rows_lo)),
      _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)s->rows_hi)),
      _mm512_broadcast_i32x4(bit),
  };
  return t;
}

/* A bit per byte of x that is in the set; see avx2_members for the trick. */
AVX512 static inline __mmask64 avx512_members(__m512i x, const avx512_set *t) {
  __m512i idx = _mm512_and_si512(x, _mm512_set1_epi8((char)0x8f));
  __m512i rows = _mm512_or_si512(
      _mm512_shuffle_epi8(t->rows_lo, idx),
      _mm512_shuffle_epi8(t->rows_hi, _mm512_xor_si512(idx, _mm512_set1_epi8((char)0x80))));
  __m512i hi = _mm512_and_si512(_mm512_srli_epi16(x, 4), _mm512_set1_epi8(0x0f));
  return _mm512_test_epi8_mask(rows, _mm512_shuffle_epi8(t->bit, hi));
}


AVX512 static size_t avx512_index_any(const uint8_t *p, size_t n, const simd_byteset *s) {
  const avx512_set t = avx512_set_load(s);
  size_t i = 0;
  for (; i + VEC <= n; i += VEC) {
    __mmask64 m = avx512_members(_mm512_loadu_si512(p + i), &t);
    if (m != 0) return i + (size_t)__builtin_ctzll(m);
  }
  if (i < n) {
    /* Masked-off lanes load as 0, which may be in the set: mask the result. */
    __mmask64 live = simd_tail_mask(n - i);
    __mmask64 m = avx512_members(_mm512_maskz_loadu_epi8(live, p + i), &t) & live;
    if (m != 0) return i + (size_t)__builtin_ctzll(m);
  }
  return n;
}

AVX512 static simd_status avx512_index_all_any(const uint8_t *p, size_t n, const simd_byteset *s,
                                               size_t *out, size_t cap, size_t *k) {
  const avx512_set t = avx512_set_load(s);
  size_t i = 0;
  for (; i + VEC <= n; i += VEC) {
    __mmask64 m = avx512_members(_mm512_loadu_si512(p + i), &t);
    if (simd_emit_bits(m, i, out, cap, k) != SIMD_OK) return SIMD_ENOSPC;
  }
  if (i < n) {
    __mmask64 live = simd_tail_mask(n - i);
    __mmask64 m = avx512_members(_mm512_maskz_loadu_epi8(live, p + i), &t) & live;
    return simd_emit_bits(m, i, out, cap, k);
  }
  return SIMD_OK;
}

AVX512 size_t simd_avx512bw_mismatch(const uint8_t *a, const uint8_t *b, size_t n) {
  size_t i = 0;
  for (; i + VEC <= n; i += VEC) {
    __mmask64 d = _mm512_cmpneq_epi8_mask(_mm512_loadu_si512(a + i), _mm512_loadu_si512(b + i));
    if (d != 0) return i + (size_t)__builtin_ctzll(d);
  }
  if (i < n) {
    /* Both sides load masked-off lanes as 0, so those lanes compare equal. */
    __mmask64 live = simd_tail_mask(n - i);
    __mmask64 d = _mm512_cmpneq_epi8_mask(_mm512_maskz_loadu_epi8(live, a + i),
                                          _mm512_maskz_loadu_epi8(live, b + i));
    if (d != 0) return i + (size_t)__builtin_ctzll(d);
  }
  return n;
}

AVX512 size_t simd_avx512bw_count_byte(const uint8_t *p, size_t n, uint8_t v) {
  const __m512i needle = _mm512_set1_epi8((char)v);
  size_t c = 0, i = 0;
  for (; i + VEC <= n; i += VEC) {
    c += (size_t)__builtin_popcountll(_mm512_cmpeq_epi8_mask(_mm512_loadu_si512(p + i), needle));
  }
  if (i < n) {
    __mmask64 live = simd_tail_mask(n - i);
    c += (size_t)__builtin_popcountll(
        _mm512_mask_cmpeq_epi8_mask(live, _mm512_maskz_loadu_epi8(live, p + i), needle));
  }
  return c;
}

const simd_kernels simd_kernels_avx512bw = {
    .impl = SIMD_IMPL_AVX512BW,
    .index_any = avx512_index_any,
    .index_all_any = avx512_index_all_any,
    .mismatch = simd_avx512bw_mismatch,
    .count_byte = simd_avx512bw_count_byte,
};

#endif /* __x86_64__ */
