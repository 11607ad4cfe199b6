//go:build ignore

/* C unit tests for simd on the real CPU probe; Bazel builds them as the
 * c_unit_test simd_c_test. The build constraint above keeps `go build` from
 * compiling this file into the cgo package. Dispatch itself is tested with a
 * mocked probe in dispatch_test.c.
 *
 * Every kernel test exists once per implementation (test_<name>_<impl>),
 * forced with simd_force_impl; on a CPU without that implementation the test
 * checks that forcing it is refused and is reported as skipped.
 * Every buffer a kernel reads or writes is malloc'd to its exact length
 * (see exact), so under --config=asan any access past its end is reported. */
#include <stdlib.h>
#include <string.h>

#if defined(__aarch64__) && defined(__linux__)
#include <asm/hwcap.h>
#include <sys/auxv.h>
#endif

#include "clib/simd/cpu_features.h"
#include "clib/simd/simd.h"
#include "tools/ctest/ctest.h"

/* The set the planted-match tests scan for: parser delimiters plus the
 * bytes that stress the nibble tables (0x00, 0x80, 0xff and neighbours). */
static const uint8_t kSet[16] = {',', ';', '\t', '\n', '"', '\\', 0x00, 0x7f,
                                 0x80, 0x8f, 0xf0, 0xff, '{', '}', '[', ']'};
/* A byte outside kSet that fills buffers, and one inside it to plant. */
enum { kFill = 'x', kHit = 0x80 };

/* The heap buffers a test allocated with exact, until free_bufs. */
enum { kMaxBufs = 4 };
static void *bufs[kMaxBufs];
static size_t nbufs;

/* exact returns a new heap buffer of exactly size bytes, a copy of src or
 * uninitialised when src is NULL. Nothing follows it (a spare byte or a
 * larger static array would hide a read past the end from ASan). It is NULL
 * only when size is 0 and malloc(0) gives NULL, which the API accepts for
 * an empty buffer. */
static void *exact(const void *src, size_t size) {
  TEST_ASSERT_TRUE(nbufs < kMaxBufs);
  void *p = malloc(size);
  if (p == NULL && size != 0) TEST_FAIL_MESSAGE("out of memory");
  if (src != NULL && size != 0) memcpy(p, src, size);
  bufs[nbufs++] = p;
  return p;
}

static void free_bufs(void) {
  while (nbufs > 0) free(bufs[--nbufs]);
}

/* Frees what a test, failed or not, left. */
void tearDown(void) {
  free_bufs();
  simd_reset_impl();
}

/* CHECK_AT fails the test with the implementation and the loop position. */
#define CHECK_AT(cond, fmt, ...)                                                           \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      ctest_fail(__FILE__, __LINE__, "[%s " fmt "] expected %s",                           \
                 simd_impl_name(simd_current_impl()), __VA_ARGS__, #cond);                 \
    }                                                                                      \
  } while (0)

static uint32_t rng_state;
static uint32_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state;
}

static int in_set(const uint8_t *set, size_t n, uint8_t b) { return memchr(set, b, n) != NULL; }

/* with_impl forces impl and runs body with it, or, when this CPU cannot run
 * impl, checks that forcing it is refused and skips the test. */
static void with_impl(simd_impl impl, void (*body)(void)) {
  if (!simd_impl_supported(impl)) {
    TEST_ASSERT_EQUAL_INT(SIMD_EUNSUPPORTED, simd_force_impl(impl));
    TEST_SKIP("this CPU cannot run the implementation (forcing it was refused)");
  }
  TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_force_impl(impl));
  TEST_ASSERT_EQUAL_INT(impl, simd_current_impl());
  body();
}

/* Runs every kernel on data[0, len), all fill, with matches planted at
 * len / 2 and len - 1, and checks the exact answers. */
static void check_planted(uint8_t *data, uint8_t *copy, size_t len, size_t off) {
  size_t idx = 0, count = 0, out[2];
  memset(data, kFill, len);
  memset(copy, kFill, len);
  CHECK_AT(simd_index_any(data, len, kSet, sizeof kSet, &idx) == SIMD_OK && idx == SIMD_NOT_FOUND,
           "len=%zu off=%zu", len, off);
  CHECK_AT(simd_count_byte(data, len, kHit, &count) == SIMD_OK && count == 0, "len=%zu off=%zu",
           len, off);
  CHECK_AT(simd_first_diff(data, len, copy, len, &idx) == SIMD_OK && idx == SIMD_NOT_FOUND,
           "len=%zu off=%zu", len, off);
  if (len == 0) return;

  data[len - 1] = kHit;
  CHECK_AT(simd_index_any(data, len, kSet, sizeof kSet, &idx) == SIMD_OK && idx == len - 1,
           "len=%zu off=%zu", len, off);
  CHECK_AT(simd_first_diff(data, len, copy, len, &idx) == SIMD_OK && idx == len - 1,
           "len=%zu off=%zu", len, off);
  data[len / 2] = kHit;
  size_t planted = len > 2 ? 2 : 1; /* len / 2 == len - 1 for len <= 2 */
  CHECK_AT(simd_index_any(data, len, kSet, sizeof kSet, &idx) == SIMD_OK && idx == len / 2,
           "len=%zu off=%zu", len, off);
  CHECK_AT(simd_count_byte(data, len, kHit, &count) == SIMD_OK && count == planted,
           "len=%zu off=%zu", len, off);
  CHECK_AT(simd_index_all_any(data, len, kSet, sizeof kSet, out, 2, &count) == SIMD_OK,
           "len=%zu off=%zu", len, off);
  CHECK_AT(count == planted && out[0] == len / 2 && out[count - 1] == len - 1, "len=%zu off=%zu",
           len, off);
}

/* Lengths 0..4096 at four alignments, and every alignment 0..63 for the
 * lengths where vector loops and tails meet (0..256 and 4032..4096). Each
 * buffer ends exactly at the end of its allocation. */
static void planted(void) {
  for (size_t len = 0; len <= 4096; len++) {
    int all_offsets = len <= 256 || len >= 4032;
    for (size_t off = 0; off < 64; off++) {
      if (!all_offsets && off != 0 && off != 1 && off != 31 && off != 63) continue;
      uint8_t *a = exact(NULL, off + len), *b = exact(NULL, off + len);
      if (a != NULL && b != NULL) check_planted(a + off, b + off, len, off);
      free_bufs();
    }
  }
}

/* Differential test against naive loops on random data from a small
 * alphabet (many matches) with random sets of 1..16 bytes. */
static void random_data(void) {
  static uint8_t gen[1500], gen_set[16];
  rng_state = 12345; /* the same inputs for every implementation */
  for (int iter = 0; iter < 3000; iter++) {
    size_t len = rng() % sizeof gen, set_len = 1 + rng() % 16;
    uint8_t base = (uint8_t)rng();
    for (size_t i = 0; i < len; i++) gen[i] = (uint8_t)(base + rng() % 24);
    for (size_t i = 0; i < set_len; i++) gen_set[i] = (uint8_t)(base + rng() % 48);
    uint8_t *data = exact(gen, len), *other = exact(gen, len);
    const uint8_t *set = exact(gen_set, set_len);
    size_t *out = exact(NULL, len * sizeof *out);
    size_t want_first = SIMD_NOT_FOUND, want_n = 0, want_count = 0;
    for (size_t i = 0; i < len; i++) {
      if (in_set(set, set_len, data[i])) {
        if (want_first == SIMD_NOT_FOUND) want_first = i;
        want_n++;
      }
      want_count += data[i] == set[0];
    }
    size_t idx = 0, n = 0, count = 0;
    CHECK_AT(simd_index_any(data, len, set, set_len, &idx) == SIMD_OK && idx == want_first,
             "iter=%d len=%zu", iter, len);
    CHECK_AT(simd_index_all_any(data, len, set, set_len, out, len, &n) == SIMD_OK && n == want_n,
             "iter=%d len=%zu", iter, len);
    for (size_t j = 0; j < n; j++) {
      CHECK_AT(in_set(set, set_len, data[out[j]]), "iter=%d len=%zu j=%zu", iter, len, j);
    }
    CHECK_AT(simd_count_byte(data, len, set[0], &count) == SIMD_OK && count == want_count,
             "iter=%d len=%zu", iter, len);
    if (len > 0) {
      size_t at = rng() % len;
      other[at] ^= 1;
      CHECK_AT(simd_first_diff(data, len, other, len, &idx) == SIMD_OK && idx == at,
               "iter=%d len=%zu", iter, len);
    }
    free_bufs();
  }
}

static void compare_lengths(void) {
  const uint8_t *a = exact("abcdef", 6), *b = exact("abcxef", 6);
  size_t idx = 0;
  int eq = -1;
  TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_first_diff(a, 6, b, 6, &idx));
  TEST_ASSERT_EQUAL_UINT(3, idx);
  TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_first_diff(a, 3, b, 6, &idx)); /* prefix */
  TEST_ASSERT_EQUAL_UINT(3, idx);
  TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_first_diff(a, 6, a, 2, &idx));
  TEST_ASSERT_EQUAL_UINT(2, idx);
  TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_first_diff(NULL, 0, NULL, 0, &idx));
  TEST_ASSERT_EQUAL_UINT(SIMD_NOT_FOUND, idx);
  TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_equal(a, 6, a, 6, &eq));
  TEST_ASSERT_EQUAL_INT(1, eq);
  TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_equal(a, 6, b, 6, &eq));
  TEST_ASSERT_EQUAL_INT(0, eq);
  TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_equal(a, 5, a, 6, &eq));
  TEST_ASSERT_EQUAL_INT(0, eq);
}

/* ENOSPC fills the output, and resuming after the last index finds the rest. */
static void index_all_resume(void) {
  static const char kData[] =
      "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z,0,1,2,3,4,5,6,7";
  size_t len = sizeof kData - 1, got = 0, n = 0, total = 0;
  const uint8_t *data = exact(kData, len), *comma = exact(",", 1);
  size_t *out = exact(NULL, 4 * sizeof *out);
  size_t start = 0;
  for (;;) {
    simd_status st = simd_index_all_any(data + start, len - start, comma, 1, out, 4, &n);
    CHECK_AT(st == SIMD_OK || st == SIMD_ENOSPC, "start=%zu", start);
    for (size_t j = 0; j < n; j++, got++) {
      CHECK_AT(start + out[j] == 2 * got + 1, "start=%zu j=%zu", start, j);
    }
    total += n;
    if (st != SIMD_ENOSPC) break;
    start += out[n - 1] + 1;
  }
  TEST_ASSERT_EQUAL_UINT(len / 2, total);
  TEST_ASSERT_EQUAL_INT(SIMD_ENOSPC, simd_index_all_any(data, len, comma, 1, NULL, 0, &n));
  TEST_ASSERT_EQUAL_UINT(0, n);
  TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_index_all_any(data, 1, comma, 1, NULL, 0, &n));
  TEST_ASSERT_EQUAL_UINT(0, n);
}

static void errors(void) {
  const uint8_t d[] = "abc", set[17] = {0};
  size_t idx = 0, out[1];
  TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_index_any(NULL, 0, set, 1, &idx));
  TEST_ASSERT_EQUAL_UINT(SIMD_NOT_FOUND, idx);
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_index_any(NULL, 1, set, 1, &idx));
  TEST_ASSERT_EQUAL_INT(SIMD_ESET, simd_index_any(d, 3, set, 0, &idx));
  TEST_ASSERT_EQUAL_INT(SIMD_ESET, simd_index_any(d, 3, set, 17, &idx));
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_index_any(d, 3, NULL, 1, &idx));
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_index_any(d, 3, set, 1, NULL));
  TEST_ASSERT_EQUAL_INT(SIMD_EOVERFLOW, simd_index_any(d, SIMD_MAX_LEN + 1, set, 1, &idx));
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_index_all_any(d, 3, set, 1, NULL, 1, &idx));
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_index_all_any(d, 3, set, 1, out, 1, NULL));
  TEST_ASSERT_EQUAL_INT(SIMD_EOVERFLOW,
                        simd_index_all_any(d, SIMD_MAX_LEN + 1, set, 1, out, 1, &idx));
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_first_diff(d, 3, NULL, 1, &idx));
  TEST_ASSERT_EQUAL_INT(SIMD_EOVERFLOW, simd_first_diff(d, 3, d, SIMD_MAX_LEN + 1, &idx));
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_first_diff(d, 3, d, 3, NULL));
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_equal(d, 3, d, 3, NULL));
  TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_count_byte(NULL, 0, 'a', &idx));
  TEST_ASSERT_EQUAL_UINT(0, idx);
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_count_byte(NULL, 1, 'a', &idx));
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_count_byte(d, 3, 'a', NULL));
  TEST_ASSERT_EQUAL_INT(SIMD_EOVERFLOW, simd_count_byte(d, SIMD_MAX_LEN + 1, 'a', &idx));
}

/* simd.h: outputs are written only on SIMD_OK (simd_index_all_any's
 * SIMD_ENOSPC, documented, aside): every failing call leaves them as the
 * test set them. Arguments are checked before dispatch, so once, not per
 * implementation. */
void test_outputs_untouched_on_error(void) {
  const uint8_t *d = exact("abc", 3), *set = exact(",", 1);
  const size_t kSentinel = 0x5a5a;
  size_t idx = kSentinel, count = kSentinel, out[1] = {kSentinel};
  int eq = 7;
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_index_any(NULL, 1, set, 1, &idx));
  TEST_ASSERT_EQUAL_INT(SIMD_ESET, simd_index_any(d, 3, set, 0, &idx));
  TEST_ASSERT_EQUAL_INT(SIMD_EOVERFLOW, simd_index_any(d, SIMD_MAX_LEN + 1, set, 1, &idx));
  TEST_ASSERT_EQUAL_UINT(kSentinel, idx);
  TEST_ASSERT_EQUAL_INT(SIMD_ESET, simd_index_all_any(d, 3, set, 17, out, 1, &count));
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_index_all_any(NULL, 3, set, 1, out, 1, &count));
  TEST_ASSERT_EQUAL_INT(SIMD_EOVERFLOW,
                        simd_index_all_any(d, SIMD_MAX_LEN + 1, set, 1, out, 1, &count));
  TEST_ASSERT_EQUAL_UINT(kSentinel, count);
  TEST_ASSERT_EQUAL_UINT(kSentinel, out[0]);
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_first_diff(d, 3, NULL, 1, &idx));
  TEST_ASSERT_EQUAL_INT(SIMD_EOVERFLOW, simd_first_diff(d, SIMD_MAX_LEN + 1, d, 3, &idx));
  TEST_ASSERT_EQUAL_UINT(kSentinel, idx);
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_equal(NULL, 1, d, 3, &eq));
  TEST_ASSERT_EQUAL_INT(SIMD_EOVERFLOW, simd_equal(d, 3, d, SIMD_MAX_LEN + 1, &eq));
  TEST_ASSERT_EQUAL_INT(7, eq);
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_count_byte(NULL, 1, 'a', &count));
  TEST_ASSERT_EQUAL_INT(SIMD_EOVERFLOW, simd_count_byte(d, SIMD_MAX_LEN + 1, 'a', &count));
  TEST_ASSERT_EQUAL_UINT(kSentinel, count);
}

/* Each kernel test, once per implementation. */

void test_planted_scalar(void) { with_impl(SIMD_IMPL_SCALAR, planted); }
void test_planted_sse42(void) { with_impl(SIMD_IMPL_SSE42, planted); }
void test_planted_avx2(void) { with_impl(SIMD_IMPL_AVX2, planted); }
void test_planted_avx512bw(void) { with_impl(SIMD_IMPL_AVX512BW, planted); }
void test_planted_avx512vbmi(void) { with_impl(SIMD_IMPL_AVX512VBMI, planted); }
void test_planted_neon(void) { with_impl(SIMD_IMPL_NEON, planted); }

void test_random_scalar(void) { with_impl(SIMD_IMPL_SCALAR, random_data); }
void test_random_sse42(void) { with_impl(SIMD_IMPL_SSE42, random_data); }
void test_random_avx2(void) { with_impl(SIMD_IMPL_AVX2, random_data); }
void test_random_avx512bw(void) { with_impl(SIMD_IMPL_AVX512BW, random_data); }
void test_random_avx512vbmi(void) { with_impl(SIMD_IMPL_AVX512VBMI, random_data); }
void test_random_neon(void) { with_impl(SIMD_IMPL_NEON, random_data); }

void test_compare_lengths_scalar(void) { with_impl(SIMD_IMPL_SCALAR, compare_lengths); }
void test_compare_lengths_sse42(void) { with_impl(SIMD_IMPL_SSE42, compare_lengths); }
void test_compare_lengths_avx2(void) { with_impl(SIMD_IMPL_AVX2, compare_lengths); }
void test_compare_lengths_avx512bw(void) { with_impl(SIMD_IMPL_AVX512BW, compare_lengths); }
void test_compare_lengths_avx512vbmi(void) { with_impl(SIMD_IMPL_AVX512VBMI, compare_lengths); }
void test_compare_lengths_neon(void) { with_impl(SIMD_IMPL_NEON, compare_lengths); }

void test_index_all_resume_scalar(void) { with_impl(SIMD_IMPL_SCALAR, index_all_resume); }
void test_index_all_resume_sse42(void) { with_impl(SIMD_IMPL_SSE42, index_all_resume); }
void test_index_all_resume_avx2(void) { with_impl(SIMD_IMPL_AVX2, index_all_resume); }
void test_index_all_resume_avx512bw(void) { with_impl(SIMD_IMPL_AVX512BW, index_all_resume); }
void test_index_all_resume_avx512vbmi(void) { with_impl(SIMD_IMPL_AVX512VBMI, index_all_resume); }
void test_index_all_resume_neon(void) { with_impl(SIMD_IMPL_NEON, index_all_resume); }

void test_errors_scalar(void) { with_impl(SIMD_IMPL_SCALAR, errors); }
void test_errors_sse42(void) { with_impl(SIMD_IMPL_SSE42, errors); }
void test_errors_avx2(void) { with_impl(SIMD_IMPL_AVX2, errors); }
void test_errors_avx512bw(void) { with_impl(SIMD_IMPL_AVX512BW, errors); }
void test_errors_avx512vbmi(void) { with_impl(SIMD_IMPL_AVX512VBMI, errors); }
void test_errors_neon(void) { with_impl(SIMD_IMPL_NEON, errors); }

/* The dispatch API on the real CPU: the default is the best supported
 * implementation, and nothing better is supported. */
void test_dispatch_api(void) {
  TEST_ASSERT_TRUE(simd_impl_supported(SIMD_IMPL_SCALAR));
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_force_impl(SIMD_IMPL_COUNT));
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_force_impl((simd_impl)-1));
  TEST_ASSERT_EQUAL_STRING("unknown", simd_impl_name(SIMD_IMPL_COUNT));
  TEST_ASSERT_EQUAL_STRING("unknown", simd_impl_name((simd_impl)-1));
  TEST_ASSERT_EQUAL_STRING("scalar", simd_impl_name(SIMD_IMPL_SCALAR));
  TEST_ASSERT_EQUAL_STRING("sse4.2", simd_impl_name(SIMD_IMPL_SSE42));
  TEST_ASSERT_EQUAL_STRING("avx2", simd_impl_name(SIMD_IMPL_AVX2));
  TEST_ASSERT_EQUAL_STRING("avx512bw", simd_impl_name(SIMD_IMPL_AVX512BW));
  TEST_ASSERT_EQUAL_STRING("avx512vbmi", simd_impl_name(SIMD_IMPL_AVX512VBMI));
  TEST_ASSERT_EQUAL_STRING("neon", simd_impl_name(SIMD_IMPL_NEON));
  simd_reset_impl();
  simd_impl best = simd_current_impl();
  TEST_ASSERT_TRUE(simd_impl_supported(best));
  for (int i = best + 1; i < SIMD_IMPL_COUNT; i++) {
    CHECK_AT(!simd_impl_supported((simd_impl)i), "impl=%d", i);
  }
}

/* The real probe reports exactly what the compiler's probe sees. */
void test_probe_matches_cpu(void) {
  uint32_t want = 0;
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("sse4.2")) want |= SIMD_CPU_SSE42;
  if (__builtin_cpu_supports("popcnt")) want |= SIMD_CPU_POPCNT;
  if (__builtin_cpu_supports("avx2")) want |= SIMD_CPU_AVX2;
  if (__builtin_cpu_supports("avx512f")) want |= SIMD_CPU_AVX512F;
  if (__builtin_cpu_supports("avx512bw")) want |= SIMD_CPU_AVX512BW;
  if (__builtin_cpu_supports("avx512vbmi")) want |= SIMD_CPU_AVX512VBMI;
#elif defined(__aarch64__) && defined(__linux__)
  if (getauxval(AT_HWCAP) & HWCAP_ASIMD) want |= SIMD_CPU_ASIMD;
#endif
  TEST_ASSERT_EQUAL_UINT(want, simd_cpu_features());
}
