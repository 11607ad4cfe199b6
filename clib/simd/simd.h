/*
 * simd.h: byte-level kernels for Go services.
 *
 * All functions are pure: they read only the buffers they are given and keep
 * no pointer after returning. A buffer pointer may be NULL only when its
 * length is 0. Errors come back as simd_status codes; nothing aborts.
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
} simd_status;

/*
 * simd_count_byte stores in *count the number of bytes in data[0, len) equal
 * to value. data may be NULL when len is 0. count must not be NULL.
 */
simd_status simd_count_byte(const uint8_t *data, size_t len, uint8_t value, size_t *count);

#ifdef __cplusplus
}
#endif

#endif /* CLIB_SIMD_SIMD_H_ */
