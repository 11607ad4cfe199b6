#include "simd.h"

simd_status simd_count_byte(const uint8_t *data, size_t len, uint8_t value, size_t *count) {
  if (count == NULL || (data == NULL && len != 0)) {
    return SIMD_EINVAL;
  }
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    n += data[i] == value;
  }
  *count = n;
  return SIMD_OK;
}
