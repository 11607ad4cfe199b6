/* AVX-512VBMI kernels: the byte-set scans look each byte up in the set's
 * 256-bit bitmap with two byte permutes (VPERMB) instead of the three
 * nibble shuffles of the AVX2 and AVX-512BW kernels, which is what limits
 * those kernels' throughput. The kernels without a byte set are the
 * AVX-512BW ones. Compiled per function with target attributes, never with
 * -mavx512vbmi. */
#if defined(__x86_64__)

#include <immintrin.h>

#include "kernels.h"

#define VBMI __attribute__((target("avx512f,avx512bw,avx512vbmi,popcnt")))
#define VEC 64

/* The set's bitmap in both 256-bit halves, and bit[j] = 1 << (j & 7). */
typedef struct {
  __m512i bitmap, bit;
} vbmi_set;

VBMI static inline vbmi_set vbmi_set_load(const simd_byteset *s) {
  __m256i map = _mm256_loadu_si256((const __m256i *)s->bitmap);
  vbmi_set t = {
      _mm512_inserti64x4(_mm512_castsi256_si512(map), map, 1),
      _mm512_set1_epi64((long long)0x8040201008040201ULL),
  };
  return t;
}

/* A bit per byte of x that is in the set. VPERMB indexes with the low six
 * bits of each byte. The row is bitmap[x >> 3]: a 16-bit shift moves the
 * next byte's low bits into bit 5 of even bytes, which the duplicated half
 * of the table ignores. The bit is bit[x & 63] = 1 << (x & 7). */
VBMI static inline __mmask64 vbmi_members(__m512i x, const vbmi_set *t) {
  __m512i row = _mm512_permutexvar_epi8(_mm512_srli_epi16(x, 3), t->bitmap);
  return _mm512_test_epi8_mask(row, _mm512_permutexvar_epi8(x, t->bit));
}

VBMI static size_t vbmi_index_any(const uint8_t *p, size_t n, const simd_byteset *s) {
  const vbmi_set t = vbmi_set_load(s);
  size_t i = 0;
  /* Two vectors per step, so that one branch covers 128 bytes. */
  for (; i + 2 * VEC <= n; i += 2 * VEC) {
    __mmask64 a = vbmi_members(_mm512_loadu_si512(p + i), &t);
    __mmask64 b = vbmi_members(_mm512_loadu_si512(p + i + VEC), &t);
    if ((a | b) != 0) {
      return a != 0 ? i + (size_t)__builtin_ctzll(a) : i + VEC + (size_t)__builtin_ctzll(b);
    }
  }
  for (; i < n; i += VEC) {
    /* Masked-off lanes load as 0, which may be in the set: mask the result. */
    __mmask64 live = n - i >= VEC ? ~(__mmask64)0 : simd_tail_mask(n - i);
    __mmask64 m = vbmi_members(_mm512_maskz_loadu_epi8(live, p + i), &t) & live;
    if (m != 0) return i + (size_t)__builtin_ctzll(m);
  }
  return n;
}

VBMI static simd_status vbmi_index_all_any(const uint8_t *p, size_t n, const simd_byteset *s,
                                           size_t *out, size_t cap, size_t *k) {
  const vbmi_set t = vbmi_set_load(s);
  size_t i = 0;
  for (; i + VEC <= n; i += VEC) {
    __mmask64 m = vbmi_members(_mm512_loadu_si512(p + i), &t);
    if (simd_emit_bits(m, i, out, cap, k) != SIMD_OK) return SIMD_ENOSPC;
  }
  if (i < n) {
    __mmask64 live = simd_tail_mask(n - i);
    __mmask64 m = vbmi_members(_mm512_maskz_loadu_epi8(live, p + i), &t) & live;
    return simd_emit_bits(m, i, out, cap, k);
  }
  return SIMD_OK;
}

const simd_kernels simd_kernels_avx512vbmi = {
    .impl = SIMD_IMPL_AVX512VBMI,
    .index_any = vbmi_index_any,
    .index_all_any = vbmi_index_all_any,
    .mismatch = simd_avx512bw_mismatch,
    .count_byte = simd_avx512bw_count_byte,
};

#endif /* __x86_64__ */
