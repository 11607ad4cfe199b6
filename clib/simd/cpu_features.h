/*
 * cpu_features.h: the CPU-feature probe behind simd's runtime dispatch.
 *
 * It is its own header (and cpu_features.c its own translation unit) so
 * that a test can link a mock simd_cpu_features() returning any bitmask and
 * drive every dispatch path, whatever CPU the test runs on.
 */
#ifndef CLIB_SIMD_CPU_FEATURES_H_
#define CLIB_SIMD_CPU_FEATURES_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bits of the mask simd_cpu_features returns. A bit is set only when both
 * the CPU and the operating system (saved register state) support it. */
enum {
  SIMD_CPU_SSE42 = 1u << 0,
  SIMD_CPU_POPCNT = 1u << 1,
  SIMD_CPU_AVX2 = 1u << 2,
  SIMD_CPU_AVX512F = 1u << 3,
  SIMD_CPU_AVX512BW = 1u << 4,
  SIMD_CPU_AVX512VBMI = 1u << 5,
  SIMD_CPU_ASIMD = 1u << 6, /* AArch64 Advanced SIMD (NEON) */
};

/* simd_cpu_features returns the SIMD_CPU_* bits of the running CPU; 0 on
 * architectures other than x86-64 and AArch64. It has no side effects and
 * may be called any time. */
uint32_t simd_cpu_features(void);

#ifdef __cplusplus
}
#endif

#endif /* CLIB_SIMD_CPU_FEATURES_H_ */
