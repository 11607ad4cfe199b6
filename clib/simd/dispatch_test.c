//go:build ignore

/* C unit tests of simd's runtime dispatch with the CPU probe mocked: the
 * c_unit_test simd_dispatch_test links :simd_core and the mock of
 * cpu_features.h instead of the real probe, so each test decides which
 * features "the CPU" has and checks the implementation dispatch picks.
 *
 * Dispatch trusts the probe, so a test may make it pick an implementation
 * this machine cannot execute; kernels only run through an implementation
 * when cpu_can_run (the compiler's own probe) says the real CPU has it.
 *
 * The dispatcher keeps its choice in a process-wide global, so every test
 * sets its features and calls simd_reset_impl first, except the first test,
 * which checks the lazy first-use probe and must stay first in this file. */
#include <stdlib.h>
#include <string.h>

#include "Mockcpu_features.h"
#include "clib/simd/simd.h"
#include "tools/ctest/ctest.h"

/* What each implementation needs, exactly (dispatch.c's table). */
static const uint32_t kRequired[SIMD_IMPL_COUNT] = {
    [SIMD_IMPL_SCALAR] = 0,
    [SIMD_IMPL_SSE42] = SIMD_CPU_SSE42 | SIMD_CPU_POPCNT,
    [SIMD_IMPL_AVX2] = SIMD_CPU_AVX2 | SIMD_CPU_POPCNT,
    [SIMD_IMPL_AVX512BW] = SIMD_CPU_AVX512F | SIMD_CPU_AVX512BW | SIMD_CPU_POPCNT,
    [SIMD_IMPL_AVX512VBMI] =
        SIMD_CPU_AVX512F | SIMD_CPU_AVX512BW | SIMD_CPU_AVX512VBMI | SIMD_CPU_POPCNT,
    [SIMD_IMPL_NEON] = SIMD_CPU_ASIMD,
};

/* Every x86 feature the probe knows, as on this development machine. */
static const uint32_t kAll = SIMD_CPU_SSE42 | SIMD_CPU_POPCNT | SIMD_CPU_AVX2 | SIMD_CPU_AVX512F |
                             SIMD_CPU_AVX512BW | SIMD_CPU_AVX512VBMI;
/* The number of feature masks the probe's bits span (ASIMD included). */
enum { kMasks = 128 };

/* Whether this build has vector kernels at all (dispatch.c has only scalar
 * elsewhere, whatever the probe says). */
#if defined(__x86_64__)
enum { kX86 = 1 };
#else
enum { kX86 = 0 };
#endif
#if defined(__aarch64__)
enum { kArm64 = 1 };
#else
enum { kArm64 = 0 };
#endif

/* built reports whether this build has impl's kernels at all: dispatch.c
 * lists only the current architecture's, whatever the probe says. */
static int built(int impl) {
  if (impl == SIMD_IMPL_SCALAR) return 1;
  return impl == SIMD_IMPL_NEON ? kArm64 : kX86;
}

/* require_x86_kernels skips the rest of a test that needs vector kernels
 * when this build has none. */
static void require_x86_kernels(void) {
  if (!kX86) TEST_SKIP("no x86-64 kernels in this build");
}

/* cpu_can_run reports whether the real CPU can execute impl's kernels. */
static int cpu_can_run(simd_impl impl) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  int popcnt = __builtin_cpu_supports("popcnt");
  switch (impl) {
    case SIMD_IMPL_SCALAR:
      return 1;
    case SIMD_IMPL_SSE42:
      return popcnt && __builtin_cpu_supports("sse4.2");
    case SIMD_IMPL_AVX2:
      return popcnt && __builtin_cpu_supports("avx2");
    case SIMD_IMPL_AVX512BW:
      return popcnt && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
    case SIMD_IMPL_AVX512VBMI:
      return popcnt && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("avx512vbmi");
    default:
      return 0;
  }
#elif defined(__aarch64__)
  return impl == SIMD_IMPL_SCALAR || impl == SIMD_IMPL_NEON;
#else
  return impl == SIMD_IMPL_SCALAR;
#endif
}

/* dispatch_with makes the mocked probe report features and returns the
 * implementation dispatch then picks by default. */
static simd_impl dispatch_with(uint32_t features) {
  simd_cpu_features_IgnoreAndReturn(features);
  simd_reset_impl();
  return simd_current_impl();
}

/* The kernels' input buffers, malloc'd to their exact length so that under
 * --config=asan a read past the end is reported; tearDown frees what a
 * failed test left. */
static uint8_t *data, *copy;

static void free_buffers(void) {
  free(data);
  free(copy);
  data = copy = NULL;
}

void tearDown(void) { free_buffers(); }

/* run_kernels runs every kernel through the dispatched implementation, over
 * lengths that cover each vector width's loop and tail, and checks the
 * answers. Only for implementations the real CPU can execute. */
static void run_kernels(simd_impl impl) {
  static const uint8_t set[] = {',', 0x80, 0xff};
  TEST_ASSERT_TRUE(cpu_can_run(impl));
  TEST_ASSERT_EQUAL_INT(impl, simd_current_impl());
  for (size_t len = 1; len <= 300; len++) {
    size_t idx = 0, count = 0, out[2];
    int eq = 0;
    data = malloc(len);
    copy = malloc(len);
    TEST_ASSERT_NOT_NULL(data);
    TEST_ASSERT_NOT_NULL(copy);
    memset(data, 'x', len);
    memset(copy, 'x', len);
    data[len - 1] = 0xff;
    data[len / 2] = ','; /* the same byte as len - 1 when len <= 2 */
    size_t first = len / 2, n = len > 2 ? 2 : 1;
    TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_index_any(data, len, set, sizeof set, &idx));
    TEST_ASSERT_EQUAL_UINT(first, idx);
    TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_index_all_any(data, len, set, sizeof set, out, 2, &count));
    TEST_ASSERT_EQUAL_UINT(n, count);
    TEST_ASSERT_EQUAL_UINT(len - 1, out[n - 1]);
    TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_count_byte(data, len, 'x', &count));
    TEST_ASSERT_EQUAL_UINT(len - n, count);
    TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_first_diff(data, len, copy, len, &idx));
    TEST_ASSERT_EQUAL_UINT(first, idx);
    TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_equal(copy, len, copy, len, &eq));
    TEST_ASSERT_EQUAL_INT(1, eq);
    free_buffers();
  }
}

/* Must stay the first test: the first kernel call of the process probes the
 * CPU, and later calls use the cached choice without probing again. */
void test_first_use_probes_once_then_caches(void) {
  simd_cpu_features_IgnoreAndReturn(0);
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_SCALAR, simd_current_impl());
  int probes = simd_cpu_features_CallCount();
  if (probes == 0) TEST_FAIL_MESSAGE("no probe on first use: is this still the first test?");
  size_t count = 0;
  data = malloc(3);
  TEST_ASSERT_NOT_NULL(data);
  memcpy(data, "abc", 3);
  TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_count_byte(data, 3, 'b', &count));
  TEST_ASSERT_EQUAL_UINT(1, count);
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_SCALAR, simd_current_impl());
  TEST_ASSERT_EQUAL_INT(probes, simd_cpu_features_CallCount());
}

void test_no_features_dispatches_to_scalar(void) {
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_SCALAR, dispatch_with(0));
  run_kernels(SIMD_IMPL_SCALAR);
}

/* AArch64: Advanced SIMD dispatches to NEON, which runs; the x86 bits mean
 * nothing there. Elsewhere the ASIMD bit alone leaves scalar. */
void test_asimd_dispatches_to_neon_on_arm64(void) {
  if (!kArm64) {
    TEST_ASSERT_EQUAL_INT(SIMD_IMPL_SCALAR, dispatch_with(SIMD_CPU_ASIMD));
    return;
  }
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_NEON, dispatch_with(SIMD_CPU_ASIMD));
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_NEON, dispatch_with(SIMD_CPU_ASIMD | kAll));
  run_kernels(SIMD_IMPL_NEON);
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_SCALAR, dispatch_with(kAll));
}

void test_sse42_with_popcnt_dispatches_to_sse42(void) {
  require_x86_kernels();
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_SSE42, dispatch_with(SIMD_CPU_SSE42 | SIMD_CPU_POPCNT));
  if (cpu_can_run(SIMD_IMPL_SSE42)) run_kernels(SIMD_IMPL_SSE42);
}

/* Every vector kernel counts with POPCNT: without it, only scalar is left. */
void test_sse42_without_popcnt_dispatches_to_scalar(void) {
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_SCALAR, dispatch_with(SIMD_CPU_SSE42));
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_SCALAR,
                        dispatch_with(kAll & ~(uint32_t)SIMD_CPU_POPCNT));
}

void test_avx2_only_dispatches_to_avx2(void) {
  require_x86_kernels();
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_AVX2, dispatch_with(SIMD_CPU_AVX2 | SIMD_CPU_POPCNT));
  if (cpu_can_run(SIMD_IMPL_AVX2)) run_kernels(SIMD_IMPL_AVX2);
}

void test_avx2_and_sse42_dispatches_to_avx2(void) {
  require_x86_kernels();
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_AVX2,
                        dispatch_with(SIMD_CPU_SSE42 | SIMD_CPU_POPCNT | SIMD_CPU_AVX2));
}

void test_avx512bw_dispatches_to_avx512bw(void) {
  require_x86_kernels();
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_AVX512BW, dispatch_with(kRequired[SIMD_IMPL_AVX512BW]));
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_AVX512BW, dispatch_with(kAll & ~(uint32_t)SIMD_CPU_AVX512VBMI));
  if (cpu_can_run(SIMD_IMPL_AVX512BW)) run_kernels(SIMD_IMPL_AVX512BW);
}

void test_avx512vbmi_dispatches_to_avx512vbmi(void) {
  require_x86_kernels();
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_AVX512VBMI, dispatch_with(kRequired[SIMD_IMPL_AVX512VBMI]));
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_AVX512VBMI, dispatch_with(kAll));
  if (cpu_can_run(SIMD_IMPL_AVX512VBMI)) run_kernels(SIMD_IMPL_AVX512VBMI);
}

/* VBMI extends BW's byte instructions; without BW it cannot be used. */
void test_avx512vbmi_without_bw_dispatches_to_avx2(void) {
  require_x86_kernels();
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_AVX2, dispatch_with(kAll & ~(uint32_t)SIMD_CPU_AVX512BW));
}

/* AVX-512F without BW (e.g. Knights Landing) has no byte instructions. */
void test_avx512f_without_bw_dispatches_to_avx2(void) {
  require_x86_kernels();
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_AVX2, dispatch_with(kAll & ~(uint32_t)SIMD_CPU_AVX512BW));
}

void test_avx512bw_without_f_dispatches_to_avx2(void) {
  require_x86_kernels();
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_AVX2, dispatch_with(kAll & ~(uint32_t)SIMD_CPU_AVX512F));
}

/* simd_impl_supported follows the mocked probe for every implementation and
 * every combination of the feature bits. */
void test_impl_supported_follows_probe(void) {
  for (uint32_t features = 0; features < kMasks; features++) {
    simd_cpu_features_IgnoreAndReturn(features);
    for (int i = 0; i < SIMD_IMPL_COUNT; i++) {
      int want = (features & kRequired[i]) == kRequired[i] && built(i);
      if (simd_impl_supported((simd_impl)i) != want) {
        ctest_fail(__FILE__, __LINE__, "features 0x%02x: simd_impl_supported(%s) = %d, want %d",
                   (unsigned)features, simd_impl_name((simd_impl)i), !want, want);
      }
    }
  }
}

/* The default is the best supported implementation for every combination. */
void test_default_is_best_supported(void) {
  for (uint32_t features = 0; features < kMasks; features++) {
    simd_impl got = dispatch_with(features);
    int best = SIMD_IMPL_SCALAR;
    for (int i = SIMD_IMPL_COUNT - 1; i > SIMD_IMPL_SCALAR; i--) {
      if (built(i) && (features & kRequired[i]) == kRequired[i]) {
        best = i;
        break;
      }
    }
    if ((int)got != best) {
      ctest_fail(__FILE__, __LINE__, "features 0x%02x: dispatched to %s, want %s",
                 (unsigned)features, simd_impl_name(got), simd_impl_name((simd_impl)best));
    }
  }
}

/* Forcing an implementation the (mocked) CPU lacks is refused and keeps the
 * current choice. */
void test_force_missing_impl_is_unsupported(void) {
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_SCALAR, dispatch_with(0));
  TEST_ASSERT_EQUAL_INT(SIMD_EUNSUPPORTED, simd_force_impl(SIMD_IMPL_SSE42));
  TEST_ASSERT_EQUAL_INT(SIMD_EUNSUPPORTED, simd_force_impl(SIMD_IMPL_AVX2));
  TEST_ASSERT_EQUAL_INT(SIMD_EUNSUPPORTED, simd_force_impl(SIMD_IMPL_AVX512BW));
  TEST_ASSERT_EQUAL_INT(SIMD_EUNSUPPORTED, simd_force_impl(SIMD_IMPL_AVX512VBMI));
  TEST_ASSERT_EQUAL_INT(SIMD_EUNSUPPORTED, simd_force_impl(SIMD_IMPL_NEON));
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_SCALAR, simd_current_impl());
  TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_force_impl(SIMD_IMPL_SCALAR));

  require_x86_kernels();
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_AVX2, dispatch_with(SIMD_CPU_AVX2 | SIMD_CPU_POPCNT));
  TEST_ASSERT_EQUAL_INT(SIMD_EUNSUPPORTED, simd_force_impl(SIMD_IMPL_AVX512BW));
  TEST_ASSERT_EQUAL_INT(SIMD_EUNSUPPORTED, simd_force_impl(SIMD_IMPL_SSE42));
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_AVX2, simd_current_impl());
}

/* Forcing a lower implementation the CPU has works, and runs it; reset
 * returns to the best one. */
void test_force_lower_impl_then_reset(void) {
  require_x86_kernels();
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_AVX512VBMI, dispatch_with(kAll));
  for (int i = SIMD_IMPL_AVX512VBMI; i >= SIMD_IMPL_SCALAR; i--) { /* the x86 ones */
    simd_impl impl = (simd_impl)i;
    TEST_ASSERT_EQUAL_INT(SIMD_OK, simd_force_impl(impl));
    TEST_ASSERT_EQUAL_INT(impl, simd_current_impl());
    if (cpu_can_run(impl)) run_kernels(impl);
  }
  simd_reset_impl();
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_AVX512VBMI, simd_current_impl());
}

/* An out-of-range implementation is rejected before the probe is asked:
 * the mock has no expectations, so any probe call would fail the test. */
void test_force_out_of_range_is_einval_without_probing(void) {
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_force_impl(SIMD_IMPL_COUNT));
  TEST_ASSERT_EQUAL_INT(SIMD_EINVAL, simd_force_impl((simd_impl)-1));
  TEST_ASSERT_FALSE(simd_impl_supported(SIMD_IMPL_COUNT));
  TEST_ASSERT_EQUAL_INT(0, simd_cpu_features_CallCount());
}

/* Kernel calls use the chosen implementation without probing again. */
void test_kernels_do_not_probe_per_call(void) {
  TEST_ASSERT_EQUAL_INT(SIMD_IMPL_SCALAR, dispatch_with(0));
  simd_cpu_features_StopIgnore(); /* from here on, a probe call fails */
  run_kernels(SIMD_IMPL_SCALAR);
}
