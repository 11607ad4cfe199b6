/* The OpenSSL 3 implementation of crypto_aead_evp.h: EVP_CIPHER
 * AES-256-GCM and ChaCha20-Poly1305. */
#include "crypto_aead_evp.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdlib.h>

/* The context is keyed once, in crypto_aead_evp_new; every seal or open
 * re-initialises it with only a nonce, which keeps the key schedule (and,
 * for GCM, the GHASH key tables). A context that was last used to decrypt
 * is switched back with the enc flag of EVP_CipherInit_ex2. */
struct crypto_aead_evp {
  EVP_CIPHER_CTX *ctx;
};

/* Maps an OpenSSL success flag (1 on success) to a status. */
static crypto_status ossl(int ok) { return ok == 1 ? CRYPTO_OK : CRYPTO_EBACKEND; }

/* The ciphers, fetched once per process, as crypto_evp.c does the digests
 * (and for the same reason): an init-once cache, written under
 * pthread_once, then read-only and held for the life of the process. A
 * failed fetch makes every crypto_aead_evp_new of that cipher
 * CRYPTO_EBACKEND. */
static EVP_CIPHER *ciphers[2];
static pthread_once_t ciphers_once = PTHREAD_ONCE_INIT;

static void fetch_ciphers(void) {
  ciphers[CRYPTO_AEAD_AES_256_GCM] = EVP_CIPHER_fetch(NULL, "AES-256-GCM", NULL);
  ciphers[CRYPTO_AEAD_CHACHA20_POLY1305] = EVP_CIPHER_fetch(NULL, "ChaCha20-Poly1305", NULL);
}

crypto_status crypto_aead_evp_new(crypto_aead_alg alg, const uint8_t *key, crypto_aead_evp **out) {
  if (pthread_once(&ciphers_once, fetch_ciphers) != 0) return CRYPTO_EBACKEND;
  if (ciphers[alg] == NULL) return CRYPTO_EBACKEND;
  crypto_aead_evp *e = calloc(1, sizeof *e);
  if (e == NULL) return CRYPTO_ENOMEM;
  e->ctx = EVP_CIPHER_CTX_new();
  crypto_status st = e->ctx == NULL ? CRYPTO_ENOMEM
                                    : ossl(EVP_CipherInit_ex2(e->ctx, ciphers[alg], key, NULL, 1, NULL));
  if (st != CRYPTO_OK) {
    crypto_aead_evp_free(e);
    return st;
  }
  *out = e;
  return CRYPTO_OK;
}

/* Starts a message: nonce, direction, then the AAD. */
static crypto_status start(crypto_aead_evp *e, int enc, const uint8_t *nonce, const uint8_t *aad,
                           size_t aad_len) {
  int n = 0;
  if (EVP_CipherInit_ex2(e->ctx, NULL, NULL, nonce, enc, NULL) != 1) return CRYPTO_EBACKEND;
  if (aad_len == 0) return CRYPTO_OK;
  return ossl(EVP_CipherUpdate(e->ctx, NULL, &n, aad, (int)aad_len));
}

/* Runs the cipher over in[0, len) into out; GCM and ChaCha20-Poly1305 are
 * stream modes, so every byte comes out of the update. */
static crypto_status run(crypto_aead_evp *e, const uint8_t *in, size_t len, uint8_t *out) {
  if (len == 0) return CRYPTO_OK;
  int n = 0;
  if (EVP_CipherUpdate(e->ctx, out, &n, in, (int)len) != 1) return CRYPTO_EBACKEND;
  return (size_t)n == len ? CRYPTO_OK : CRYPTO_EBACKEND;
}

crypto_status crypto_aead_evp_seal(crypto_aead_evp *e, const uint8_t *nonce, const uint8_t *aad,
                                   size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                                   uint8_t *tag) {
  crypto_status st = start(e, 1, nonce, aad, aad_len);
  if (st == CRYPTO_OK) st = run(e, in, len, out);
  uint8_t rest[EVP_MAX_BLOCK_LENGTH]; /* what the final step writes: nothing */
  int n = 0;
  if (st == CRYPTO_OK) st = ossl(EVP_CipherFinal_ex(e->ctx, rest, &n));
  if (st == CRYPTO_OK && n != 0) st = CRYPTO_EBACKEND;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, tag, CRYPTO_AEAD_TAG_SIZE),
      OSSL_PARAM_construct_end(),
  };
  if (st == CRYPTO_OK) st = ossl(EVP_CIPHER_CTX_get_params(e->ctx, params));
  return st;
}

crypto_status crypto_aead_evp_open(crypto_aead_evp *e, const uint8_t *nonce, const uint8_t *aad,
                                   size_t aad_len, const uint8_t *in, size_t len,
                                   const uint8_t *tag, uint8_t *out) {
  crypto_status st = start(e, 0, nonce, aad, aad_len);
  if (st == CRYPTO_OK) st = run(e, in, len, out);
  if (st != CRYPTO_OK) return st;
  /* OpenSSL takes the expected tag through a non-const parameter that it
   * only reads. */
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, (void *)tag,
                                        CRYPTO_AEAD_TAG_SIZE),
      OSSL_PARAM_construct_end(),
  };
  if (EVP_CIPHER_CTX_set_params(e->ctx, params) != 1) return CRYPTO_EBACKEND;
  /* The final step of a decryption fails exactly when the tag does not
   * match: the only failure left once the tag is set. */
  uint8_t rest[EVP_MAX_BLOCK_LENGTH];
  int n = 0;
  return EVP_CipherFinal_ex(e->ctx, rest, &n) == 1 && n == 0 ? CRYPTO_OK : CRYPTO_EAUTH;
}

void crypto_aead_evp_free(crypto_aead_evp *e) {
  if (e == NULL) return;
  EVP_CIPHER_CTX_free(e->ctx); /* wipes the context, key schedule included */
  free(e);
}
