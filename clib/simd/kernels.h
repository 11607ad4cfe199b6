/*
 * kernels.h: internal interface between simd's public API (api.c), its
 * dispatcher (dispatch.c) and the per-CPU kernel implementations
 * (kernels_*.c). Not part of the public API.
 *
 * Kernels get arguments api.c has already validated: pointers are non-NULL
 * or paired with a zero length, and lengths are at most SIMD_MAX_LEN.
 */
#ifndef CLIB_SIMD_KERNELS_H_
#define CLIB_SIMD_KERNELS_H_

#include <stddef.h>
#include <stdint.h>

#include "simd.h"

/*
 * simd_byteset is a set of bytes as a 16x16 bit matrix split by the high bit
 * of the byte, the layout the nibble-lookup (PSHUFB) kernels need: byte b is
 * in the set iff bit (b >> 4) & 7 of rows_lo[b & 15] (b < 0x80) or of
 * rows_hi[b & 15] (b >= 0x80) is set. bitmap is the same set as a plain
 * 256-bit map, the layout the byte-permute (VPERMB) kernels need: b is in
 * the set iff bit b & 7 of bitmap[b >> 3] is set. bytes/len keep the
 * original set for the SSE4.2 string instructions.
 */
typedef struct {
  uint8_t rows_lo[16];
  uint8_t rows_hi[16];
  uint8_t bitmap[32];
  uint8_t bytes[SIMD_MAX_SET];
  int len;
} simd_byteset;

/* simd_byteset_init fills *s from set[0, len); len must be 1..16. */
void simd_byteset_init(simd_byteset *s, const uint8_t *set, size_t len);

/* simd_byteset_has reports whether b is in s. */
static inline int simd_byteset_has(const simd_byteset *s, uint8_t b) {
  uint8_t row = (b & 0x80) ? s->rows_hi[b & 15] : s->rows_lo[b & 15];
  return (row >> ((b >> 4) & 7)) & 1;
}

/* One implementation of every kernel. */
typedef struct {
  simd_impl impl;
  /* First i in [0, n) with p[i] in s, or n. */
  size_t (*index_any)(const uint8_t *p, size_t n, const simd_byteset *s);
  /* Appends each i in [0, n) with p[i] in s to out[*k, cap), in order.
   * SIMD_ENOSPC when a match does not fit (then *k == cap). */
  simd_status (*index_all_any)(const uint8_t *p, size_t n, const simd_byteset *s, size_t *out,
                               size_t cap, size_t *k);
  /* First i in [0, n) with a[i] != b[i], or n. */
  size_t (*mismatch)(const uint8_t *a, const uint8_t *b, size_t n);
  /* Number of i in [0, n) with p[i] == v. */
  size_t (*count_byte)(const uint8_t *p, size_t n, uint8_t v);
} simd_kernels;

extern const simd_kernels simd_kernels_scalar;
#if defined(__x86_64__)
extern const simd_kernels simd_kernels_sse42;
extern const simd_kernels simd_kernels_avx2;
extern const simd_kernels simd_kernels_avx512bw;
extern const simd_kernels simd_kernels_avx512vbmi;

/* The AVX-512BW kernels that need no byte set, which the AVX-512VBMI
 * implementation shares. */
size_t simd_avx512bw_mismatch(const uint8_t *a, const uint8_t *b, size_t n);
size_t simd_avx512bw_count_byte(const uint8_t *p, size_t n, uint8_t v);

/* simd_tail_mask is the byte mask of an AVX-512 load of the rem < 64 bytes
 * left at the end of a buffer. */
static inline uint64_t simd_tail_mask(size_t rem) { return ((uint64_t)1 << rem) - 1; }
#endif

#if defined(__aarch64__)
extern const simd_kernels simd_kernels_neon;
#endif

/* The kernels calls use now (dispatch.c). Never NULL. */
const simd_kernels *simd_active_kernels(void);

/*
 * simd_emit_bits appends base + j for every set bit j of mask, lowest first,
 * to out[*k, cap): the step every vector kernel of index_all_any shares.
 * Returns SIMD_ENOSPC when a bit does not fit.
 */
static inline simd_status simd_emit_bits(uint64_t mask, size_t base, size_t *out, size_t cap,
                                         size_t *k) {
  while (mask != 0) {
    if (*k == cap) return SIMD_ENOSPC;
    out[(*k)++] = base + (size_t)__builtin_ctzll(mask);
    mask &= mask - 1;
  }
  return SIMD_OK;
}

/*
 * simd_scalar_tail_all_any runs the scalar index_all_any on p[start, n) and
 * rebases the indices it appends to p: the AVX2 and SSE4.2 kernels finish
 * their last partial vector with it.
 */
simd_status simd_scalar_tail_all_any(const uint8_t *p, size_t start, size_t n,
                                     const simd_byteset *s, size_t *out, size_t cap, size_t *k);

#endif /* CLIB_SIMD_KERNELS_H_ */
