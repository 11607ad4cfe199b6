/*
 * crypto_evp.h: the seam between clib/crypto and OpenSSL. crypto_evp.c is
 * the only file that calls OpenSSL; everything else goes through these
 * functions, so a test can link a mock of them to inject an allocation or
 * OpenSSL failure at any step. Internal; not part of the public API.
 *
 * A crypto_evp is one SHA-256 or HMAC-SHA256 computation. It starts ready
 * for a message; crypto_evp_final ends the message and crypto_evp_reset
 * starts the next one (with the same key for HMAC).
 */
#ifndef CLIB_CRYPTO_CRYPTO_EVP_H_
#define CLIB_CRYPTO_CRYPTO_EVP_H_

#include <stddef.h>
#include <stdint.h>

#include "crypto.h"

typedef enum {
  CRYPTO_EVP_SHA256,
  CRYPTO_EVP_HMAC_SHA256,
} crypto_evp_alg;

typedef struct crypto_evp crypto_evp;

/* On CRYPTO_OK, *out is a new computation of alg the caller must free. For
 * HMAC, key[0, key_len) is copied (key may be NULL when key_len is 0); for
 * SHA-256 the key is ignored. Arguments are not validated here. */
crypto_status crypto_evp_new(crypto_evp_alg alg, const uint8_t *key, size_t key_len,
                             crypto_evp **out);
/* Starts a new message after crypto_evp_final. */
crypto_status crypto_evp_reset(crypto_evp *e);
crypto_status crypto_evp_update(crypto_evp *e, const uint8_t *data, size_t len);
/* Ends the message and writes its digest to out. */
crypto_status crypto_evp_final(crypto_evp *e, uint8_t out[CRYPTO_SHA256_SIZE]);
/* On CRYPTO_OK, *out is an independent copy of e's state. */
crypto_status crypto_evp_dup(const crypto_evp *e, crypto_evp **out);
/* Frees e; NULL is a no-op. */
void crypto_evp_free(crypto_evp *e);

#endif /* CLIB_CRYPTO_CRYPTO_EVP_H_ */
