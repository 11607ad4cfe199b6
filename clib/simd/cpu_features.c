#include "cpu_features.h"

#if defined(__aarch64__) && defined(__linux__)
#include <asm/hwcap.h>
#include <sys/auxv.h>
#endif

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
#elif defined(__aarch64__) && defined(__linux__)
  /* The kernel's hardware capabilities: Advanced SIMD is in every
   * AArch64 core Linux runs on, but the ABI lets a CPU leave it out. */
  if (getauxval(AT_HWCAP) & HWCAP_ASIMD) f |= SIMD_CPU_ASIMD;
#elif defined(__aarch64__)
  f |= SIMD_CPU_ASIMD; /* macOS: every Apple AArch64 CPU has it */
#endif
  return f;
}
