#include "cpu_features.h"

uint32_t simd_cpu_features(void) {
  uint32_t f = 0;
#if defined(__x86_64__)
  /* GCC and Clang's probe also checks XGETBV, so AVX bits imply OS support.
   * __builtin_cpu_init makes the probe safe even before constructors ran. */
  __builtin_cpu_init();
  if (__builtin_cpu_supports("sse4.2")) f |= SIMD_CPU_SSE42;
  if (__builtin_cpu_supports("popcnt")) f |= SIMD_CPU_POPCNT;
  if (__builtin_cpu_supports("avx2")) f |= SIMD_CPU_AVX2;
  if (__builtin_cpu_supports("avx512f")) f |= SIMD_CPU_AVX512F;
  if (__builtin_cpu_supports("avx512bw")) f |= SIMD_CPU_AVX512BW;
  if (__builtin_cpu_supports("avx512vbmi")) f |= SIMD_CPU_AVX512VBMI;
#endif
  return f;
}
