/* NEON (AArch64 Advanced SIMD) kernels: 16 bytes per step. The byte-set
 * scans use the same nibble lookup as the x86 kernels (see simd_byteset),
 * with TBL, which like PSHUFB gives 0 for an out-of-range index. NEON has
 * no movemask; narrowing each 16-bit lane by 4 bits (SHRN) turns a vector
 * of 0x00/0xff bytes into a 64-bit mask with 4 bits per byte. AArch64 has
 * Advanced SIMD on every CPU, so this file needs no target attributes. */
#if defined(__aarch64__)

#include <arm_neon.h>

#include "kernels.h"

#define VEC 16

/* The set's lookup tables. */
typedef struct {
  uint8x16_t rows_lo, rows_hi, bit;
} neon_set;

static inline neon_set neon_set_load(const simd_byteset *s) {
  /* bit[h] = 1 << (h & 7): selects high nibble h's bit of a row. */
  static const uint8_t bit[16] = {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
  neon_set t = {vld1q_u8(s->rows_lo), vld1q_u8(s->rows_hi), vld1q_u8(bit)};
  return t;
}

/* 0xff in each byte of x that is in the set, 0x00 elsewhere. */
static inline uint8x16_t neon_members(uint8x16_t x, const neon_set *t) {
  /* Keeping bit 7 in the index makes TBL return 0 for bytes >= 0x80 in the
   * low lookup; flipping it does the same for bytes < 0x80 in the high one,
   * so OR-ing both gives each byte its row. */
  uint8x16_t idx = vandq_u8(x, vdupq_n_u8(0x8f));
  uint8x16_t rows = vorrq_u8(vqtbl1q_u8(t->rows_lo, idx),
                             vqtbl1q_u8(t->rows_hi, veorq_u8(idx, vdupq_n_u8(0x80))));
  uint8x16_t bit = vqtbl1q_u8(t->bit, vshrq_n_u8(x, 4));
  return vtstq_u8(rows, bit);
}

/* The 4-bits-per-byte mask of v, whose bytes are 0x00 or 0xff. */
static inline uint64_t neon_mask(uint8x16_t v) {
  return vget_lane_u64(vreinterpret_u64_u8(vshrn_n_u16(vreinterpretq_u16_u8(v), 4)), 0);
}

static size_t neon_index_any(const uint8_t *p, size_t n, const simd_byteset *s) {
  const neon_set t = neon_set_load(s);
  size_t i = 0;
  for (; i + VEC <= n; i += VEC) {
    uint64_t m = neon_mask(neon_members(vld1q_u8(p + i), &t));
    if (m != 0) return i + (size_t)__builtin_ctzll(m) / 4;
  }
  return i + simd_kernels_scalar.index_any(p + i, n - i, s);
}

static simd_status neon_index_all_any(const uint8_t *p, size_t n, const simd_byteset *s,
                                      size_t *out, size_t cap, size_t *k) {
  const neon_set t = neon_set_load(s);
  size_t i = 0;
  for (; i + VEC <= n; i += VEC) {
    /* One bit per byte: keep the lowest of each nibble, then emit bit j/4
     * of the nibble mask as index i + j/4. */
    uint64_t m = neon_mask(neon_members(vld1q_u8(p + i), &t)) & 0x1111111111111111ull;
    while (m != 0) {
      if (*k == cap) return SIMD_ENOSPC;
      out[(*k)++] = i + (size_t)__builtin_ctzll(m) / 4;
      m &= m - 1;
    }
  }
  return simd_scalar_tail_all_any(p, i, n, s, out, cap, k);
}

static size_t neon_mismatch(const uint8_t *a, const uint8_t *b, size_t n) {
  size_t i = 0;
  for (; i + VEC <= n; i += VEC) {
    uint64_t diff = ~neon_mask(vceqq_u8(vld1q_u8(a + i), vld1q_u8(b + i)));
    if (diff != 0) return i + (size_t)__builtin_ctzll(diff) / 4;
  }
  return i + simd_kernels_scalar.mismatch(a + i, b + i, n - i);
}

static size_t neon_count_byte(const uint8_t *p, size_t n, uint8_t v) {
  const uint8x16_t needle = vdupq_n_u8(v);
  size_t c = 0, i = 0;
  for (; i + VEC <= n; i += VEC) {
    /* 0xff per match; shifting to 1 and summing the 16 lanes counts them. */
    c += vaddvq_u8(vshrq_n_u8(vceqq_u8(vld1q_u8(p + i), needle), 7));
  }
  return c + simd_kernels_scalar.count_byte(p + i, n - i, v);
}

const simd_kernels simd_kernels_neon = {
    .impl = SIMD_IMPL_NEON,
    .index_any = neon_index_any,
    .index_all_any = neon_index_all_any,
    .mismatch = neon_mismatch,
    .count_byte = neon_count_byte,
};

#endif /* __aarch64__ */
