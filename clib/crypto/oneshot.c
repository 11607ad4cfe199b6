/* One-shot and batch digests: a one-shot is a batch of one, and a batch
 * reuses one OpenSSL context for all its messages (created, and for HMAC
 * keyed, once per call; crypto_evp_reset starts each further message
 * without re-fetching the algorithm or re-keying). */
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "crypto_evp.h"

/* A batch as the entry points describe it: message i is ptrs[i] if ptrs
 * and ptrs[i] are non-NULL, else the next lens[i] bytes of packed. The
 * pointer-array API is the case packed == NULL, packed_len == 0. */
typedef struct {
  const uint8_t *key; /* HMAC only; NULL and 0 for SHA-256 */
  size_t key_len;
  const uint8_t *packed;
  size_t packed_len;
  const uint8_t *const *ptrs;
  const size_t *lens;
  size_t n;
} batch_view;

/* Checks every argument before anything is hashed, whatever n is, so that
 * a bad message late in a batch fails the call before any work. */
static crypto_status check_batch(const batch_view *b, const uint8_t *out) {
  if (b->n > CRYPTO_MAX_BATCH) return CRYPTO_E2BIG;
  if (b->key_len > CRYPTO_MAX_LEN || b->packed_len > CRYPTO_MAX_LEN) return CRYPTO_ERANGE;
  if (b->key == NULL && b->key_len != 0) return CRYPTO_EINVAL;
  if (b->packed == NULL && b->packed_len != 0) return CRYPTO_EINVAL;
  if (b->n == 0) return b->packed_len == 0 ? CRYPTO_OK : CRYPTO_EINVAL;
  if (b->lens == NULL || out == NULL) return CRYPTO_EINVAL;
  size_t used = 0; /* packed bytes claimed so far; never above packed_len */
  for (size_t i = 0; i < b->n; i++) {
    if (b->lens[i] > CRYPTO_MAX_LEN) return CRYPTO_ERANGE;
    if (b->ptrs != NULL && b->ptrs[i] != NULL) continue;
    if (b->lens[i] > b->packed_len - used) return CRYPTO_EINVAL; /* no overflow */
    used += b->lens[i];
  }
  return used == b->packed_len ? CRYPTO_OK : CRYPTO_EINVAL;
}

/* Hashes every message of a checked batch into digests (n of them). */
static crypto_status hash_batch(crypto_evp_alg alg, const batch_view *b, uint8_t *digests) {
  crypto_evp *e = NULL;
  crypto_status st = crypto_evp_new(alg, b->key, b->key_len, &e);
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
    if (st == CRYPTO_OK) st = crypto_evp_final(e, digests + (size_t)CRYPTO_SHA256_SIZE * i);
  }
  crypto_evp_free(e);
  return st;
}

/* Hashes a batch into scratch and copies the digests to out only when all
 * succeeded: out is untouched on failure, and out may overlap the inputs,
 * all of which are read before it is written. A one-shot's scratch is on
 * the stack, so it never allocates. */
static crypto_status digest_batch(crypto_evp_alg alg, const batch_view *b, uint8_t *out) {
  crypto_status st = check_batch(b, out);
  if (st != CRYPTO_OK || b->n == 0) return st;
  uint8_t one[CRYPTO_SHA256_SIZE];
  size_t size = (size_t)CRYPTO_SHA256_SIZE * b->n; /* n <= CRYPTO_MAX_BATCH: no overflow */
  uint8_t *scratch = b->n == 1 ? one : malloc(size);
  if (scratch == NULL) return CRYPTO_ENOMEM;
  st = hash_batch(alg, b, scratch);
  if (st == CRYPTO_OK) memcpy(out, scratch, size);
  if (scratch != one) free(scratch);
  return st;
}

/* The pointer-array API: a NULL message must have length 0, so no message
 * is taken from the (absent) packed buffer. */
static crypto_status pointer_batch(crypto_evp_alg alg, const uint8_t *key, size_t key_len,
                                   const uint8_t *const *msgs, const size_t *lens, size_t n,
                                   uint8_t *out) {
  batch_view b = {key, key_len, NULL, 0, msgs, lens, n};
  if (n > CRYPTO_MAX_BATCH) return CRYPTO_E2BIG;
  if (n != 0 && msgs == NULL) return CRYPTO_EINVAL;
  return digest_batch(alg, &b, out);
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
  batch_view b = {NULL, 0, packed, packed_len, ptrs, lens, n};
  return digest_batch(CRYPTO_EVP_SHA256, &b, out);
}

crypto_status crypto_hmac_sha256_batch_packed(const uint8_t *key, size_t key_len,
                                              const uint8_t *packed, size_t packed_len,
                                              const uint8_t *const *ptrs, const size_t *lens,
                                              size_t n, uint8_t *out) {
  batch_view b = {key, key_len, packed, packed_len, ptrs, lens, n};
  return digest_batch(CRYPTO_EVP_HMAC_SHA256, &b, out);
}

crypto_status crypto_sha256(const uint8_t *data, size_t len, uint8_t out[CRYPTO_SHA256_SIZE]) {
  return crypto_sha256_batch(&data, &len, 1, out);
}

crypto_status crypto_hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *data,
                                 size_t len, uint8_t out[CRYPTO_SHA256_SIZE]) {
  return crypto_hmac_sha256_batch(key, key_len, &data, &len, 1, out);
}
