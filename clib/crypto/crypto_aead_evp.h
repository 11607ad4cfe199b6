/*
 * crypto_aead_evp.h: the seam between clib/crypto's AEAD (aead.c) and
 * OpenSSL, as crypto_evp.h is for the digests: crypto_aead_evp.c is the
 * only AEAD file that calls OpenSSL, so a test can link a mock of these
 * functions, and a fault build a fault seam, to make any step fail.
 * Internal; not part of the public API.
 *
 * A crypto_aead_evp is one cipher context keyed once. Arguments are not
 * validated here: aead.c has checked them (sizes, NULLs, lengths up to
 * CRYPTO_AEAD_MAX_LEN, in == out or no overlap).
 */
#ifndef CLIB_CRYPTO_CRYPTO_AEAD_EVP_H_
#define CLIB_CRYPTO_CRYPTO_AEAD_EVP_H_

#include <stddef.h>
#include <stdint.h>

#include "aead.h"
#include "crypto.h"

typedef struct crypto_aead_evp crypto_aead_evp;

/* On CRYPTO_OK, *out is a new context of alg keyed with
 * key[0, CRYPTO_AEAD_KEY_SIZE), which the caller must free. */
crypto_status crypto_aead_evp_new(crypto_aead_alg alg, const uint8_t *key, crypto_aead_evp **out);

/* Encrypts in[0, len) to out[0, len) and writes the tag to
 * tag[0, CRYPTO_AEAD_TAG_SIZE). */
crypto_status crypto_aead_evp_seal(crypto_aead_evp *e, const uint8_t *nonce, const uint8_t *aad,
                                   size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                                   uint8_t *tag);

/* Decrypts in[0, len) to out[0, len) and checks tag: CRYPTO_EAUTH on a
 * mismatch. out holds unauthenticated bytes on any failure: the caller
 * must wipe it. */
crypto_status crypto_aead_evp_open(crypto_aead_evp *e, const uint8_t *nonce, const uint8_t *aad,
                                   size_t aad_len, const uint8_t *in, size_t len,
                                   const uint8_t *tag, uint8_t *out);

/* Frees e and wipes its key schedule; NULL is a no-op. */
void crypto_aead_evp_free(crypto_aead_evp *e);

#endif /* CLIB_CRYPTO_CRYPTO_AEAD_EVP_H_ */
