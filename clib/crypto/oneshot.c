/* One-shot and batch digests: a one-shot is a batch of one, and a batch
 * reuses one OpenSSL context for all its messages. */
#include "crypto.h"
#include "crypto_evp.h"

/* Checks every argument before anything is hashed, so that a bad message
 * late in a batch cannot leave half the output written. */
static crypto_status check_batch(const uint8_t *const *msgs, const size_t *lens, size_t n,
                                 const uint8_t *out) {
  if (n > CRYPTO_MAX_BATCH) return CRYPTO_E2BIG;
  if (n == 0) return CRYPTO_OK;
  if (msgs == NULL || lens == NULL || out == NULL) return CRYPTO_EINVAL;
  for (size_t i = 0; i < n; i++) {
    if (msgs[i] == NULL && lens[i] != 0) return CRYPTO_EINVAL;
  }
  return CRYPTO_OK;
}

static crypto_status digest_batch(crypto_evp_alg alg, const uint8_t *key, size_t key_len,
                                  const uint8_t *const *msgs, const size_t *lens, size_t n,
                                  uint8_t *out) {
  crypto_status st = check_batch(msgs, lens, n, out);
  if (st != CRYPTO_OK || n == 0) return st;
  if (key == NULL && key_len != 0) return CRYPTO_EINVAL;
  crypto_evp *e = NULL;
  st = crypto_evp_new(alg, key, key_len, &e);
  for (size_t i = 0; st == CRYPTO_OK && i < n; i++) {
    if (i > 0) st = crypto_evp_reset(e);
    if (st == CRYPTO_OK) st = crypto_evp_update(e, msgs[i], lens[i]);
    if (st == CRYPTO_OK) st = crypto_evp_final(e, out + (size_t)CRYPTO_SHA256_SIZE * i);
  }
  crypto_evp_free(e);
  return st;
}

crypto_status crypto_sha256_batch(const uint8_t *const *msgs, const size_t *lens, size_t n,
                                  uint8_t *out) {
  return digest_batch(CRYPTO_EVP_SHA256, NULL, 0, msgs, lens, n, out);
}

crypto_status crypto_hmac_sha256_batch(const uint8_t *key, size_t key_len,
                                       const uint8_t *const *msgs, const size_t *lens, size_t n,
                                       uint8_t *out) {
  return digest_batch(CRYPTO_EVP_HMAC_SHA256, key, key_len, msgs, lens, n, out);
}

crypto_status crypto_sha256(const uint8_t *data, size_t len, uint8_t out[CRYPTO_SHA256_SIZE]) {
  return crypto_sha256_batch(&data, &len, 1, out);
}

crypto_status crypto_hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *data,
                                 size_t len, uint8_t out[CRYPTO_SHA256_SIZE]) {
  return crypto_hmac_sha256_batch(key, key_len, &data, &len, 1, out);
}
