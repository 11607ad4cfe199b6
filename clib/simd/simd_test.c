//go:build ignore

/* C unit tests for simd; Bazel builds them as a cc_test. The build constraint
 * above keeps `go build` from compiling this file into the cgo package.
 *
 * Every test runs once per implementation the CPU supports (forced with
 * simd_force_impl). Buffers are malloc'd to their exact length, so under
 * --config=asan any read past the end is reported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simd.h"

static int failures;
static const char *impl_name = "none";

#define CHECK(cond)                                                                           \
  do {                                                                                        \
    if (!(cond)) {                                                                            \
      if (failures++ < 20)                                                                    \
        fprintf(stderr, "%s:%d [%s] CHECK(%s) failed\n", __FILE__, __LINE__, impl_name, #cond); \
    }                                                                                         \
  } while (0)

/* The set the planted-match tests scan for: parser delimiters plus the
 * bytes that stress the nibble tables (0x00, 0x80, 0xff and neighbours). */
static const uint8_t kSet[16] = {',', ';', '\t', '\n', '"', '\\', 0x00, 0x7f,
                                 0x80, 0x8f, 0xf0, 0xff, '{', '}', '[', ']'};
/* A byte outside kSet that fills buffers, and one inside it to plant. */
enum { kFill = 'x', kHit = 0x80 };

static uint32_t rng_state = 12345;
static uint32_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state;
}

static int in_set(const uint8_t *set, size_t n, uint8_t b) {
  return memchr(set, b, n) != NULL;
}

/* Runs every kernel on data[0, len), all fill, with matches planted at
 * len / 2 and len - 1, and checks the exact answers. */
static void check_planted(uint8_t *data, uint8_t *copy, size_t len) {
  size_t idx = 0, count = 0, out[2];
  memset(data, kFill, len);
  memset(copy, kFill, len);
  CHECK(simd_index_any(data, len, kSet, sizeof kSet, &idx) == SIMD_OK && idx == SIMD_NOT_FOUND);
  CHECK(simd_count_byte(data, len, kHit, &count) == SIMD_OK && count == 0);
  CHECK(simd_first_diff(data, len, copy, len, &idx) == SIMD_OK && idx == SIMD_NOT_FOUND);
  if (len == 0) return;

  data[len - 1] = kHit;
  CHECK(simd_index_any(data, len, kSet, sizeof kSet, &idx) == SIMD_OK && idx == len - 1);
  CHECK(simd_first_diff(data, len, copy, len, &idx) == SIMD_OK && idx == len - 1);
  data[len / 2] = kHit;
  size_t planted = len > 2 ? 2 : 1; /* len / 2 == len - 1 for len <= 2 */
  CHECK(simd_index_any(data, len, kSet, sizeof kSet, &idx) == SIMD_OK && idx == len / 2);
  CHECK(simd_count_byte(data, len, kHit, &count) == SIMD_OK && count == planted);
  CHECK(simd_index_all_any(data, len, kSet, sizeof kSet, out, 2, &count) == SIMD_OK);
  CHECK(count == planted && out[0] == len / 2 && out[count - 1] == len - 1);
}

/* Lengths 0..4096 at four alignments, and every alignment 0..63 for the
 * lengths where vector loops and tails meet (0..256 and 4032..4096). Each
 * buffer ends exactly at the end of its allocation. */
static void test_planted(void) {
  for (size_t len = 0; len <= 4096; len++) {
    int all_offsets = len <= 256 || len >= 4032;
    for (size_t off = 0; off < 64; off++) {
      if (!all_offsets && off != 0 && off != 1 && off != 31 && off != 63) continue;
      uint8_t *a = malloc(off + len + 1), *b = malloc(off + len + 1);
      CHECK(a != NULL && b != NULL);
      if (a == NULL || b == NULL) return;
      check_planted(a + off, b + off, len);
      free(a);
      free(b);
    }
  }
}

/* Differential test against naive loops on random data from a small
 * alphabet (many matches) with random sets of 1..16 bytes. */
static void test_random(void) {
  static uint8_t data[1500], other[1500], set[16];
  static size_t out[1500];
  for (int iter = 0; iter < 3000; iter++) {
    size_t len = rng() % sizeof data, set_len = 1 + rng() % 16;
    uint8_t base = (uint8_t)rng();
    for (size_t i = 0; i < len; i++) data[i] = other[i] = (uint8_t)(base + rng() % 24);
    for (size_t i = 0; i < set_len; i++) set[i] = (uint8_t)(base + rng() % 48);
    size_t want_first = SIMD_NOT_FOUND, want_n = 0, want_count = 0;
    for (size_t i = 0; i < len; i++) {
      if (in_set(set, set_len, data[i])) {
        if (want_first == SIMD_NOT_FOUND) want_first = i;
        want_n++;
      }
      want_count += data[i] == set[0];
    }
    size_t idx = 0, n = 0, count = 0;
    CHECK(simd_index_any(data, len, set, set_len, &idx) == SIMD_OK && idx == want_first);
    CHECK(simd_index_all_any(data, len, set, set_len, out, len, &n) == SIMD_OK && n == want_n);
    for (size_t j = 0; j < n; j++) CHECK(in_set(set, set_len, data[out[j]]));
    CHECK(simd_count_byte(data, len, set[0], &count) == SIMD_OK && count == want_count);
    if (len > 0) {
      size_t at = rng() % len;
      other[at] ^= 1;
      CHECK(simd_first_diff(data, len, other, len, &idx) == SIMD_OK && idx == at);
    }
  }
}

static void test_compare_lengths(void) {
  const uint8_t a[] = "abcdef", b[] = "abcxef";
  size_t idx = 0;
  int eq = -1;
  CHECK(simd_first_diff(a, 6, b, 6, &idx) == SIMD_OK && idx == 3);
  CHECK(simd_first_diff(a, 3, b, 6, &idx) == SIMD_OK && idx == 3); /* prefix */
  CHECK(simd_first_diff(a, 6, a, 2, &idx) == SIMD_OK && idx == 2);
  CHECK(simd_first_diff(NULL, 0, NULL, 0, &idx) == SIMD_OK && idx == SIMD_NOT_FOUND);
  CHECK(simd_equal(a, 6, a, 6, &eq) == SIMD_OK && eq == 1);
  CHECK(simd_equal(a, 6, b, 6, &eq) == SIMD_OK && eq == 0);
  CHECK(simd_equal(a, 5, a, 6, &eq) == SIMD_OK && eq == 0);
}

/* ENOSPC fills the output, and resuming after the last index finds the rest. */
static void test_index_all_resume(void) {
  const uint8_t data[] = "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z,0,1,2,3,4,5,6,7";
  size_t len = sizeof data - 1, out[4], got = 0, n = 0, total = 0;
  size_t start = 0;
  for (;;) {
    simd_status st = simd_index_all_any(data + start, len - start, (const uint8_t *)",", 1, out, 4, &n);
    CHECK(st == SIMD_OK || st == SIMD_ENOSPC);
    for (size_t j = 0; j < n; j++, got++) CHECK(start + out[j] == 2 * got + 1);
    total += n;
    if (st != SIMD_ENOSPC) break;
    start += out[n - 1] + 1;
  }
  CHECK(total == len / 2);
  CHECK(simd_index_all_any(data, len, (const uint8_t *)",", 1, NULL, 0, &n) == SIMD_ENOSPC && n == 0);
  CHECK(simd_index_all_any(data, 1, (const uint8_t *)",", 1, NULL, 0, &n) == SIMD_OK && n == 0);
}

static void test_errors(void) {
  const uint8_t d[] = "abc", set[17] = {0};
  size_t idx = 0, out[1];
  CHECK(simd_index_any(NULL, 0, set, 1, &idx) == SIMD_OK && idx == SIMD_NOT_FOUND);
  CHECK(simd_index_any(NULL, 1, set, 1, &idx) == SIMD_EINVAL);
  CHECK(simd_index_any(d, 3, set, 0, &idx) == SIMD_ESET);
  CHECK(simd_index_any(d, 3, set, 17, &idx) == SIMD_ESET);
  CHECK(simd_index_any(d, 3, NULL, 1, &idx) == SIMD_EINVAL);
  CHECK(simd_index_any(d, 3, set, 1, NULL) == SIMD_EINVAL);
  CHECK(simd_index_any(d, SIMD_MAX_LEN + 1, set, 1, &idx) == SIMD_EOVERFLOW);
  CHECK(simd_index_all_any(d, 3, set, 1, NULL, 1, &idx) == SIMD_EINVAL);
  CHECK(simd_index_all_any(d, 3, set, 1, out, 1, NULL) == SIMD_EINVAL);
  CHECK(simd_index_all_any(d, SIMD_MAX_LEN + 1, set, 1, out, 1, &idx) == SIMD_EOVERFLOW);
  CHECK(simd_first_diff(d, 3, NULL, 1, &idx) == SIMD_EINVAL);
  CHECK(simd_first_diff(d, 3, d, SIMD_MAX_LEN + 1, &idx) == SIMD_EOVERFLOW);
  CHECK(simd_first_diff(d, 3, d, 3, NULL) == SIMD_EINVAL);
  CHECK(simd_equal(d, 3, d, 3, NULL) == SIMD_EINVAL);
  CHECK(simd_count_byte(NULL, 0, 'a', &idx) == SIMD_OK && idx == 0);
  CHECK(simd_count_byte(NULL, 1, 'a', &idx) == SIMD_EINVAL);
  CHECK(simd_count_byte(d, 3, 'a', NULL) == SIMD_EINVAL);
  CHECK(simd_count_byte(d, SIMD_MAX_LEN + 1, 'a', &idx) == SIMD_EOVERFLOW);
}

static void test_dispatch_api(void) {
  CHECK(simd_impl_supported(SIMD_IMPL_SCALAR));
  CHECK(simd_force_impl(SIMD_IMPL_COUNT) == SIMD_EINVAL);
  CHECK(simd_force_impl((simd_impl)-1) == SIMD_EINVAL);
  CHECK(strcmp(simd_impl_name(SIMD_IMPL_COUNT), "unknown") == 0);
  simd_reset_impl();
  simd_impl best = simd_current_impl();
  CHECK(simd_impl_supported(best));
  for (int i = best + 1; i < SIMD_IMPL_COUNT; i++) CHECK(!simd_impl_supported((simd_impl)i));
}

int main(void) {
  test_dispatch_api();
  int ran = 0;
  for (int i = 0; i < SIMD_IMPL_COUNT; i++) {
    simd_impl impl = (simd_impl)i;
    impl_name = simd_impl_name(impl);
    if (!simd_impl_supported(impl)) {
      CHECK(simd_force_impl(impl) == SIMD_EUNSUPPORTED);
      printf("skipped %s: not supported by this CPU\n", impl_name);
      continue;
    }
    CHECK(simd_force_impl(impl) == SIMD_OK && simd_current_impl() == impl);
    test_planted();
    test_random();
    test_compare_lengths();
    test_index_all_resume();
    test_errors();
    printf("tested %s\n", impl_name);
    ran++;
  }
  simd_reset_impl();
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("all checks passed on %d implementation(s)\n", ran);
  return 0;
}
