/* Authenticated encryption (aead.h): argument checks, in-place and batch
 * handling, and wiping on failure, written against the crypto_aead_evp.h
 * seam; it never calls OpenSSL directly. */
#include "aead.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto_aead_evp.h"

struct crypto_aead {
  crypto_aead_evp *evp;
};

crypto_status crypto_aead_new(crypto_aead_alg alg, const uint8_t *key, size_t key_len,
                              crypto_aead **out) {
  if (alg != CRYPTO_AEAD_AES_256_GCM && alg != CRYPTO_AEAD_CHACHA20_POLY1305) return CRYPTO_EINVAL;
  if (key == NULL || key_len != CRYPTO_AEAD_KEY_SIZE || out == NULL) return CRYPTO_EINVAL;
  crypto_aead *a = calloc(1, sizeof *a);
  if (a == NULL) return CRYPTO_ENOMEM;
  crypto_status st = crypto_aead_evp_new(alg, key, &a->evp);
  if (st != CRYPTO_OK) {
    free(a);
    return st;
  }
  *out = a;
  return CRYPTO_OK;
}

void crypto_aead_free(crypto_aead *a) {
  if (a == NULL) return;
  crypto_aead_evp_free(a->evp);
  free(a);
}

/* overlaps reports whether [p, p + plen) and [q, q + qlen) share a byte.
 * Compared as integers: the two may point into different objects. */
static int overlaps(const uint8_t *p, size_t plen, const uint8_t *q, size_t qlen) {
  if (plen == 0 || qlen == 0) return 0;
  uintptr_t a = (uintptr_t)p, b = (uintptr_t)q;
  return a < b + qlen && b < a + plen;
}

/* One message as the checks see it: out[0, out_len) receives what
 * in[0, in_len) turns into. */
typedef struct {
  const uint8_t *nonce;
  const uint8_t *in;
  size_t in_len;
  uint8_t *out;
  size_t out_len;
} message;

/* check_message checks one message's pointers, its plaintext length
 * (text_len, already known to fit size_t arithmetic) and how out lies
 * against the inputs: exactly on in (in place) or apart from in, the nonce
 * and the AAD. */
static crypto_status check_message(const message *m, size_t text_len, const uint8_t *aad,
                                   size_t aad_len) {
  if (text_len > CRYPTO_AEAD_MAX_LEN) return CRYPTO_ERANGE;
  if (m->in == NULL && m->in_len != 0) return CRYPTO_EINVAL;
  if (m->out == NULL && m->out_len != 0) return CRYPTO_EINVAL;
  if (m->out != m->in && overlaps(m->out, m->out_len, m->in, m->in_len)) return CRYPTO_EINVAL;
  if (overlaps(m->out, m->out_len, m->nonce, CRYPTO_AEAD_NONCE_SIZE)) return CRYPTO_EINVAL;
  if (overlaps(m->out, m->out_len, aad, aad_len)) return CRYPTO_EINVAL;
  return CRYPTO_OK;
}

/* check_call checks what every call shares: the key, the AAD and the
 * batch size (1 for the one-message calls). */
static crypto_status check_call(const crypto_aead *a, const uint8_t *aad, size_t aad_len,
                                size_t n) {
  if (n > CRYPTO_MAX_BATCH) return CRYPTO_E2BIG;
  if (aad_len > CRYPTO_AEAD_MAX_LEN) return CRYPTO_ERANGE;
  if (a == NULL || (aad == NULL && aad_len != 0)) return CRYPTO_EINVAL;
  return CRYPTO_OK;
}

/* seal_message and open_message describe message i of a batch for
 * check_message; false if a length does not fit. */
static int seal_message(const uint8_t *nonce, const uint8_t *in, size_t len, uint8_t *out,
                        message *m) {
  if (len > CRYPTO_AEAD_MAX_LEN) return 0;
  *m = (message){nonce, in, len, out, len + CRYPTO_AEAD_TAG_SIZE};
  return 1;
}

static int open_message(const uint8_t *nonce, const uint8_t *in, size_t len, uint8_t *out,
                        message *m) {
  if (len < CRYPTO_AEAD_TAG_SIZE) return 0;
  *m = (message){nonce, in, len, out, len - CRYPTO_AEAD_TAG_SIZE};
  return 1;
}

/* check_batch checks a batch's arrays and every message in it, before
 * anything is sealed or opened. */
static crypto_status check_batch(const crypto_aead *a, const uint8_t *nonces, const uint8_t *aad,
                                 size_t aad_len, const uint8_t *const *ins, const size_t *lens,
                                 size_t n, uint8_t *const *outs, int seal) {
  crypto_status st = check_call(a, aad, aad_len, n);
  if (st != CRYPTO_OK || n == 0) return st;
  if (nonces == NULL || ins == NULL || lens == NULL || outs == NULL) return CRYPTO_EINVAL;
  for (size_t i = 0; i < n; i++) {
    const uint8_t *nonce = nonces + (size_t)CRYPTO_AEAD_NONCE_SIZE * i;
    message m;
    if (seal ? !seal_message(nonce, ins[i], lens[i], outs[i], &m)
             : !open_message(nonce, ins[i], lens[i], outs[i], &m)) {
      return seal ? CRYPTO_ERANGE : CRYPTO_EINVAL;
    }
    st = check_message(&m, seal ? m.in_len : m.out_len, aad, aad_len);
    if (st != CRYPTO_OK) return st;
  }
  return CRYPTO_OK;
}

crypto_status crypto_aead_seal_batch(crypto_aead *a, const uint8_t *nonces, const uint8_t *aad,
                                     size_t aad_len, const uint8_t *const *ins, const size_t *lens,
                                     size_t n, uint8_t *const *outs) {
  crypto_status st = check_batch(a, nonces, aad, aad_len, ins, lens, n, outs, 1);
  for (size_t i = 0; st == CRYPTO_OK && i < n; i++) {
    st = crypto_aead_evp_seal(a->evp, nonces + (size_t)CRYPTO_AEAD_NONCE_SIZE * i, aad, aad_len,
                              ins[i], lens[i], outs[i], outs[i] + lens[i]);
  }
  return st;
}

crypto_status crypto_aead_open_batch(crypto_aead *a, const uint8_t *nonces, const uint8_t *aad,
                                     size_t aad_len, const uint8_t *const *ins, const size_t *lens,
                                     size_t n, uint8_t *const *outs, size_t *bad) {
  if (bad != NULL) *bad = n;
  crypto_status st = check_batch(a, nonces, aad, aad_len, ins, lens, n, outs, 0);
  if (st != CRYPTO_OK) return st;
  size_t i = 0;
  for (; st == CRYPTO_OK && i < n; i++) {
    size_t text_len = lens[i] - CRYPTO_AEAD_TAG_SIZE;
    st = crypto_aead_evp_open(a->evp, nonces + (size_t)CRYPTO_AEAD_NONCE_SIZE * i, aad, aad_len,
                              ins[i], text_len, ins[i] + text_len, outs[i]);
  }
  if (st == CRYPTO_OK) return st;
  if (st == CRYPTO_EAUTH && bad != NULL) *bad = i - 1;
  for (size_t j = 0; j < n; j++) {
    size_t text_len = lens[j] - CRYPTO_AEAD_TAG_SIZE;
    if (text_len != 0) memset(outs[j], 0, text_len);
  }
  return st;
}

/* A one-message call is a batch of one: the same checks, in the same
 * order, and the same wiping of a failed open's output. */
crypto_status crypto_aead_seal(crypto_aead *a, const uint8_t nonce[CRYPTO_AEAD_NONCE_SIZE],
                               const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                               uint8_t *out) {
  return crypto_aead_seal_batch(a, nonce, aad, aad_len, &in, &len, 1, &out);
}

crypto_status crypto_aead_open(crypto_aead *a, const uint8_t nonce[CRYPTO_AEAD_NONCE_SIZE],
                               const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                               uint8_t *out) {
  return crypto_aead_open_batch(a, nonce, aad, aad_len, &in, &len, 1, &out, NULL);
}
