/* Runtime CPU dispatch: picks the kernels once, on first use, from the
 * features cpu_features.h reports. `active` is the library's only mutable
 * global state. */
#include <stdatomic.h>

#include "cpu_features.h"
#include "kernels.h"

/* Every implementation this build has, indexed by simd_impl; NULL where the
 * target architecture cannot compile it. */
static const simd_kernels *const tables[SIMD_IMPL_COUNT] = {
    [SIMD_IMPL_SCALAR] = &simd_kernels_scalar,
#if defined(__x86_64__)
    [SIMD_IMPL_SSE42] = &simd_kernels_sse42,
    [SIMD_IMPL_AVX2] = &simd_kernels_avx2,
    [SIMD_IMPL_AVX512BW] = &simd_kernels_avx512bw,
    [SIMD_IMPL_AVX512VBMI] = &simd_kernels_avx512vbmi,
#endif
#if defined(__aarch64__)
    [SIMD_IMPL_NEON] = &simd_kernels_neon,
#endif
};

/* The CPU features each implementation's target attributes assume. */
static const uint32_t required[SIMD_IMPL_COUNT] = {
    [SIMD_IMPL_SCALAR] = 0,
    [SIMD_IMPL_SSE42] = SIMD_CPU_SSE42 | SIMD_CPU_POPCNT,
    [SIMD_IMPL_AVX2] = SIMD_CPU_AVX2 | SIMD_CPU_POPCNT,
    [SIMD_IMPL_AVX512BW] = SIMD_CPU_AVX512F | SIMD_CPU_AVX512BW | SIMD_CPU_POPCNT,
    [SIMD_IMPL_AVX512VBMI] =
        SIMD_CPU_AVX512F | SIMD_CPU_AVX512BW | SIMD_CPU_AVX512VBMI | SIMD_CPU_POPCNT,
    [SIMD_IMPL_NEON] = SIMD_CPU_ASIMD,
};

static const char *const names[SIMD_IMPL_COUNT] = {
    [SIMD_IMPL_SCALAR] = "scalar",
    [SIMD_IMPL_SSE42] = "sse4.2",
    [SIMD_IMPL_AVX2] = "avx2",
    [SIMD_IMPL_AVX512BW] = "avx512bw",
    [SIMD_IMPL_AVX512VBMI] = "avx512vbmi",
    [SIMD_IMPL_NEON] = "neon",
};

/* The kernels in use; NULL until the first call picks the best ones. */
static _Atomic(const simd_kernels *) active;

int simd_impl_supported(simd_impl impl) {
  if ((unsigned)impl >= SIMD_IMPL_COUNT || tables[impl] == NULL) return 0;
  return (simd_cpu_features() & required[impl]) == required[impl];
}

static const simd_kernels *best_kernels(void) {
  int impl = SIMD_IMPL_COUNT - 1;
  while (impl > SIMD_IMPL_SCALAR && !simd_impl_supported((simd_impl)impl)) impl--;
  return tables[impl];
}

const simd_kernels *simd_active_kernels(void) {
  const simd_kernels *k = atomic_load_explicit(&active, memory_order_acquire);
  if (k != NULL) return k;
  /* Racing first calls compute the same answer; compare-and-swap so that a
   * concurrent simd_force_impl is never overwritten by the default. */
  const simd_kernels *expected = NULL;
  k = best_kernels();
  if (!atomic_compare_exchange_strong(&active, &expected, k)) k = expected;
  return k;
}

simd_status simd_force_impl(simd_impl impl) {
  if ((unsigned)impl >= SIMD_IMPL_COUNT) return SIMD_EINVAL;
  if (!simd_impl_supported(impl)) return SIMD_EUNSUPPORTED;
  atomic_store_explicit(&active, tables[impl], memory_order_release);
  return SIMD_OK;
}

void simd_reset_impl(void) { atomic_store_explicit(&active, best_kernels(), memory_order_release); }

simd_impl simd_current_impl(void) { return simd_active_kernels()->impl; }

const char *simd_impl_name(simd_impl impl) {
  if ((unsigned)impl >= SIMD_IMPL_COUNT) return "unknown";
  return names[impl];
}
