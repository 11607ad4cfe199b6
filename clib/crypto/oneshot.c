/* One-shot and batch digests: a one-shot is a batch of one, and a batch
 * reuses one OpenSSL context for all its messages (created, and for HMAC
 * keyed, once per call; crypto_evp_reset starts each further message
 * without re-fetching the algorithm or re-keying). */
#include "crypto.h"
#include "crypto_evp.h"

/* A batch as the two entry points describe it: message i is ptrs[i] if
 * ptrs and ptrs[i] are non-NULL, else the next lens[i] bytes of packed. The
 * pointer-array API is the case packed == NULL, packed_len == 0. */
typedef struct {
  const uint8_t *packed;
  size_t packed_len;
  const uint8_t *const *ptrs;
  const size_t *lens;
  size_t n;
} batch_view;

/* Checks every argument before anything is hashed, so that a bad message
 * late in a batch cannot leave half the output written. */
static crypto_status check_batch(const batch_view *b, const uint8_t *out) {
  if (b->n > CRYPTO_MAX_BATCH) return CRYPTO_E2BIG;
  if (b->packed == NULL && b->packed_len != 0) return CRYPTO_EINVAL;
  if (b->n == 0) return b->packed_len == 0 ? CRYPTO_OK : CRYPTO_EINVAL;
  if (b->lens == NULL || out == NULL) return CRYPTO_EINVAL;
  size_t used = 0; /* packed bytes claimed so far; never above packed_len */
  for (size_t i = 0; i < b->n; i++) {
    if (b->ptrs != NULL && b->ptrs[i] != NULL) continue;
    if (b->lens[i] > b->packed_len - used) return CRYPTO_EINVAL; /* no overflow */
    used += b->lens[i];
  }
  return used == b->packed_len ? CRYPTO_OK : CRYPTO_EINVAL;
}

static crypto_status digest_batch(crypto_evp_alg alg, const uint8_t *key, size_t key_len,
                                  const batch_view *b, uint8_t *out) {
  crypto_status st = check_batch(b, out);
  if (st != CRYPTO_OK || b->n == 0) return st;
  if (key == NULL && key_len != 0) return CRYPTO_EINVAL;
  crypto_evp *e = NULL;
  st = crypto_evp_new(alg, key, key_len, &e);
  const uint8_t *next = b->packed; /* the next packed message */
  for (size_t i = 0; st == CRYPTO_OK && i < b->n; i++) {
    const uint8_t *msg;
    if (b->ptrs != NULL && b->ptrs[i] != NULL) {
      msg = b->ptrs[i];
    } else {
      msg = next; /* NULL only when packed_len, hence lens[i], is 0 */
      if (b->lens[i] != 0) next += b->lens[i];
    }
    if (i > 0) st = crypto_evp_reset(e);
    if (st == CRYPTO_OK) st = crypto_evp_update(e, msg, b->lens[i]);
    if (st == CRYPTO_OK) st = crypto_evp_final(e, out + (size_t)CRYPTO_SHA256_SIZE * i);
  }
  crypto_evp_free(e);
  return st;
}

/* The pointer-array API: a NULL message must have length 0, so no message
 * is taken from the (absent) packed buffer. */
static crypto_status pointer_batch(crypto_evp_alg alg, const uint8_t *key, size_t key_len,
                                   const uint8_t *const *msgs, const size_t *lens, size_t n,
                                   uint8_t *out) {
  batch_view b = {NULL, 0, msgs, lens, n};
  if (n > CRYPTO_MAX_BATCH) return CRYPTO_E2BIG;
  if (n != 0 && msgs == NULL) return CRYPTO_EINVAL;
  return digest_batch(alg, key, key_len, &b, out);
}

crypto_status crypto_sha256_batch(const uint8_t *const *msgs, const size_t *lens, size_t n,
                                  uint8_t *out) {
  return pointer_batch(CRYPTO_EVP_SHA256, NULL, 0, msgs, lens, n, out);
}

crypto_status crypto_hmac_sha256_batch(const uint8_t *key, size_t key_len,
                                       const uint8_t *const *msgs, const size_t *lens, size_t n,
                                       uint8_t *out) {
  return pointer_batch(CRYPTO_EVP_HMAC_SHA256, key, key_len, msgs, lens, n, out);
}

crypto_status crypto_sha256_batch_packed(const uint8_t *packed, size_t packed_len,
                                         const uint8_t *const *ptrs, const size_t *lens, size_t n,
                                         uint8_t *out) {
  batch_view b = {packed, packed_len, ptrs, lens, n};
  return digest_batch(CRYPTO_EVP_SHA256, NULL, 0, &b, out);
}

crypto_status crypto_hmac_sha256_batch_packed(const uint8_t *key, size_t key_len,
                                              const uint8_t *packed, size_t packed_len,
                                              const uint8_t *const *ptrs, const size_t *lens,
                                              size_t n, uint8_t *out) {
  batch_view b = {packed, packed_len, ptrs, lens, n};
  return digest_batch(CRYPTO_EVP_HMAC_SHA256, key, key_len, &b, out);
}

crypto_status crypto_sha256(const uint8_t *data, size_t len, uint8_t out[CRYPTO_SHA256_SIZE]) {
  return crypto_sha256_batch(&data, &len, 1, out);
}

crypto_status crypto_hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *data,
                                 size_t len, uint8_t out[CRYPTO_SHA256_SIZE]) {
  return crypto_hmac_sha256_batch(key, key_len, &data, &len, 1, out);
}
