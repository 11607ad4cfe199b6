/* The public entry points: validate arguments, then run the dispatched
 * kernel. Kernels never see an invalid argument. */
#include "kernels.h"

/* A buffer is valid when its length fits SIMD_MAX_LEN and its pointer is
 * non-NULL or its length is 0. */
static simd_status check_buf(const void *p, size_t len) {
  if (len > SIMD_MAX_LEN) return SIMD_EOVERFLOW;
  if (p == NULL && len != 0) return SIMD_EINVAL;
  return SIMD_OK;
}

/* Validates data and set and builds the set's lookup tables. */
static simd_status prepare_scan(const uint8_t *data, size_t len, const uint8_t *set,
                                size_t set_len, simd_byteset *s) {
  simd_status st = check_buf(data, len);
  if (st != SIMD_OK) return st;
  if (set_len == 0 || set_len > SIMD_MAX_SET) return SIMD_ESET;
  if (set == NULL) return SIMD_EINVAL;
  simd_byteset_init(s, set, set_len);
  return SIMD_OK;
}

simd_status simd_index_any(const uint8_t *data, size_t len, const uint8_t *set, size_t set_len,
                           size_t *index) {
  simd_byteset s;
  simd_status st = prepare_scan(data, len, set, set_len, &s);
  if (st != SIMD_OK) return st;
  if (index == NULL) return SIMD_EINVAL;
  size_t i = simd_active_kernels()->index_any(data, len, &s);
  *index = i == len ? SIMD_NOT_FOUND : i;
  return SIMD_OK;
}

simd_status simd_index_all_any(const uint8_t *data, size_t len, const uint8_t *set, size_t set_len,
                               size_t *out, size_t out_cap, size_t *count) {
  simd_byteset s;
  simd_status st = prepare_scan(data, len, set, set_len, &s);
  if (st != SIMD_OK) return st;
  if (count == NULL || (out == NULL && out_cap != 0)) return SIMD_EINVAL;
  size_t k = 0;
  st = simd_active_kernels()->index_all_any(data, len, &s, out, out_cap, &k);
  *count = k;
  return st;
}

/* Validates both buffers of a comparison. */
static simd_status check_pair(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len) {
  simd_status st = check_buf(a, a_len);
  return st != SIMD_OK ? st : check_buf(b, b_len);
}

simd_status simd_first_diff(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len,
                            size_t *index) {
  simd_status st = check_pair(a, a_len, b, b_len);
  if (st != SIMD_OK) return st;
  if (index == NULL) return SIMD_EINVAL;
  size_t n = a_len < b_len ? a_len : b_len;
  size_t i = simd_active_kernels()->mismatch(a, b, n);
  *index = (i == n && a_len == b_len) ? SIMD_NOT_FOUND : i;
  return SIMD_OK;
}

simd_status simd_equal(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len, int *equal) {
  simd_status st = check_pair(a, a_len, b, b_len);
  if (st != SIMD_OK) return st;
  if (equal == NULL) return SIMD_EINVAL;
  /* Different lengths are unequal without reading a byte. */
  *equal = a_len == b_len && simd_active_kernels()->mismatch(a, b, a_len) == a_len;
  return SIMD_OK;
}

simd_status simd_count_byte(const uint8_t *data, size_t len, uint8_t value, size_t *count) {
  simd_status st = check_buf(data, len);
  if (st != SIMD_OK) return st;
  if (count == NULL) return SIMD_EINVAL;
  *count = simd_active_kernels()->count_byte(data, len, value);
  return SIMD_OK;
}
