/*
 * simd.h: byte-level kernels for Go services, with runtime CPU dispatch.
 *
 * Every kernel has AVX-512BW, AVX2, SSE4.2 and portable scalar
 * implementations. The first call probes the CPU once and picks the best one
 * the CPU supports; simd_force_impl overrides the choice (tests, benchmarks).
 *
 * Ownership and lengths: all functions are pure. They read only the buffers
 * they are given, within [ptr, ptr + len), write only the outputs they are
 * given, and keep no pointer after returning. A buffer pointer may be NULL
 * only when its length is 0. Lengths above SIMD_MAX_LEN are rejected so that
 * every index fits in a ptrdiff_t and SIMD_NOT_FOUND never collides with one.
 * Errors come back as simd_status codes; nothing aborts. Outputs are written
 * only on SIMD_OK, except where a function says otherwise.
 *
 * Thread safety: every function may be called concurrently. The dispatch
 * choice is a single atomic pointer; forcing it while other threads run
 * kernels is safe (they use either the old or the new implementation).
 */
#ifndef CLIB_SIMD_SIMD_H_
#define CLIB_SIMD_SIMD_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  SIMD_OK = 0,
  /* A required pointer was NULL (a buffer with length > 0, or an output). */
  SIMD_EINVAL = 1,
  /* A byte set was empty or longer than SIMD_MAX_SET bytes. */
  SIMD_ESET = 2,
  /* A length exceeded SIMD_MAX_LEN. */
  SIMD_EOVERFLOW = 3,
  /* The output array filled up before the scan finished (see
   * simd_index_all_any: the indices written so far are valid). */
  SIMD_ENOSPC = 4,
  /* simd_force_impl: this CPU (or build) cannot run that implementation. */
  SIMD_EUNSUPPORTED = 5,
} simd_status;

/* Implementations, in increasing order of preference. */
typedef enum {
  SIMD_IMPL_SCALAR = 0,
  SIMD_IMPL_SSE42 = 1,
  SIMD_IMPL_AVX2 = 2,
  SIMD_IMPL_AVX512BW = 3,
  SIMD_IMPL_AVX512VBMI = 4,
  SIMD_IMPL_NEON = 5, /* AArch64; the x86 ones above are never supported there */
  SIMD_IMPL_COUNT = 6, /* number of implementations, not one itself */
} simd_impl;

/* The largest byte set simd_index_any accepts (one SSE register). */
#define SIMD_MAX_SET 16
/* The largest buffer length any kernel accepts. */
#define SIMD_MAX_LEN ((size_t)PTRDIFF_MAX)
/* The index reported when nothing matches or nothing differs. */
#define SIMD_NOT_FOUND SIZE_MAX

/*
 * simd_index_any stores in *index the first i in [0, len) such that data[i]
 * is one of set[0, set_len), or SIMD_NOT_FOUND. set_len must be 1..16
 * (SIMD_ESET otherwise); duplicate bytes in set are allowed.
 */
simd_status simd_index_any(const uint8_t *data, size_t len, const uint8_t *set, size_t set_len,
                           size_t *index);

/*
 * simd_index_all_any writes, in increasing order, every i in [0, len) such
 * that data[i] is in set[0, set_len) to out[0, out_cap) and stores their
 * number in *count. If there are more than out_cap matches it returns
 * SIMD_ENOSPC with out full and *count == out_cap: resume the scan at
 * out[out_cap - 1] + 1. out may be NULL only when out_cap is 0.
 */
simd_status simd_index_all_any(const uint8_t *data, size_t len, const uint8_t *set, size_t set_len,
                               size_t *out, size_t out_cap, size_t *count);

/*
 * simd_first_diff stores in *index the first i at which a[0, a_len) and
 * b[0, b_len) differ, or SIMD_NOT_FOUND when they are equal. When one is a
 * proper prefix of the other, that index is the shorter length.
 */
simd_status simd_first_diff(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len,
                            size_t *index);

/* simd_equal stores 1 in *equal when a[0, a_len) and b[0, b_len) are equal,
 * else 0. */
simd_status simd_equal(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len, int *equal);

/* simd_count_byte stores in *count the number of bytes in data[0, len) equal
 * to value. */
simd_status simd_count_byte(const uint8_t *data, size_t len, uint8_t value, size_t *count);

/* simd_impl_supported returns 1 if this CPU and build can run impl. */
int simd_impl_supported(simd_impl impl);

/* simd_force_impl makes every later call use impl. SIMD_EUNSUPPORTED if
 * simd_impl_supported(impl) is 0; SIMD_EINVAL if impl is out of range. */
simd_status simd_force_impl(simd_impl impl);

/* simd_reset_impl returns to the best implementation for this CPU. */
void simd_reset_impl(void);

/* simd_current_impl returns the implementation calls currently use. */
simd_impl simd_current_impl(void);

/* simd_impl_name returns a static name: "neon", "avx512vbmi", "avx512bw",
 * "avx2", "sse4.2", "scalar", or "unknown" for an out-of-range value. */
const char *simd_impl_name(simd_impl impl);

#ifdef __cplusplus
}
#endif

#endif /* CLIB_SIMD_SIMD_H_ */
