/* The streaming hasher: a crypto_evp behind the public crypto_hasher. */
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "crypto_evp.h"

struct crypto_hasher {
  crypto_evp *evp;
  size_t total; /* bytes fed so far; at most CRYPTO_MAX_LEN */
};

static crypto_status hasher_new(crypto_evp_alg alg, const uint8_t *key, size_t key_len,
                                crypto_hasher **h) {
  if (key_len > CRYPTO_MAX_LEN) return CRYPTO_ERANGE;
  if (h == NULL || (key == NULL && key_len != 0)) return CRYPTO_EINVAL;
  crypto_hasher *n = malloc(sizeof *n);
  if (n == NULL) return CRYPTO_ENOMEM;
  n->total = 0;
  crypto_status st = crypto_evp_new(alg, key, key_len, &n->evp);
  if (st != CRYPTO_OK) {
    free(n);
    return st;
  }
  *h = n;
  return CRYPTO_OK;
}

crypto_status crypto_hasher_new_sha256(crypto_hasher **h) {
  return hasher_new(CRYPTO_EVP_SHA256, NULL, 0, h);
}

crypto_status crypto_hasher_new_hmac_sha256(const uint8_t *key, size_t key_len, crypto_hasher **h) {
  return hasher_new(CRYPTO_EVP_HMAC_SHA256, key, key_len, h);
}

/* Past CRYPTO_MAX_LEN in total, OpenSSL's bit count would wrap and the
 * digest be wrong, so such an update is refused before it feeds anything. */
crypto_status crypto_hasher_update(crypto_hasher *h, const uint8_t *data, size_t len) {
  if (h == NULL || (data == NULL && len != 0)) return CRYPTO_EINVAL;
  if (len > CRYPTO_MAX_LEN - h->total) return CRYPTO_ERANGE;
  crypto_status st = crypto_evp_update(h->evp, data, len);
  if (st == CRYPTO_OK) h->total += len;
  return st;
}

crypto_status crypto_hasher_final(const crypto_hasher *h, uint8_t out[CRYPTO_SHA256_SIZE]) {
  if (h == NULL || out == NULL) return CRYPTO_EINVAL;
  /* Finish a copy, so the stream can go on after this digest, into a local
   * digest, so that out is written only on success. */
  uint8_t digest[CRYPTO_SHA256_SIZE];
  crypto_evp *copy = NULL;
  crypto_status st = crypto_evp_dup(h->evp, &copy);
  if (st == CRYPTO_OK) st = crypto_evp_final(copy, digest);
  crypto_evp_free(copy);
  if (st == CRYPTO_OK) memcpy(out, digest, sizeof digest);
  return st;
}

void crypto_hasher_free(crypto_hasher *h) {
  if (h == NULL) return;
  crypto_evp_free(h->evp);
  free(h);
}
