/*
 * aead.h: authenticated encryption (AES-256-GCM and ChaCha20-Poly1305) for
 * Go services, on OpenSSL libcrypto's EVP. Statuses are crypto.h's.
 *
 * A crypto_aead is one key, set up once (the key schedule is computed when
 * it is made) and then used for any number of seals and opens. It copies
 * the key; the caller keeps ownership of every buffer it passes. One
 * crypto_aead must not be used by two threads at once; distinct ones may.
 *
 * Sizes: keys are CRYPTO_AEAD_KEY_SIZE bytes and nonces
 * CRYPTO_AEAD_NONCE_SIZE bytes for both algorithms. A sealed message is its
 * plaintext followed by a CRYPTO_AEAD_TAG_SIZE-byte tag, so it is exactly
 * CRYPTO_AEAD_TAG_SIZE bytes longer. A nonce must never be used twice with
 * one key: the caller chooses nonces, and nothing here can tell.
 *
 * Ownership and lengths: inputs are read only within [ptr, ptr + len) and
 * no pointer to them is kept after a call returns. A pointer may be NULL
 * only when its length is 0. Plaintexts and additional data (AAD) are at
 * most CRYPTO_AEAD_MAX_LEN bytes, else CRYPTO_ERANGE.
 *
 * In place: out may be exactly the input (in == out), which seals or opens
 * in place. Any other overlap of out with an input is CRYPTO_EINVAL.
 *
 * Errors come back as crypto_status codes; nothing aborts. Every argument is
 * checked before anything is encrypted, and a bad one (CRYPTO_EINVAL,
 * CRYPTO_E2BIG, CRYPTO_ERANGE) writes nothing. An open whose tag does not
 * match the key, nonce, AAD and ciphertext is CRYPTO_EAUTH, and no
 * plaintext is released: on CRYPTO_EAUTH, and on any other failure after
 * the arguments were checked (CRYPTO_ENOMEM, CRYPTO_EBACKEND), an open
 * leaves its whole output zeroed (all n outputs of a batch), so a caller
 * that ignores the status still reads no unauthenticated byte. A seal that
 * fails there leaves its output unspecified (it holds no plaintext).
 */
#ifndef CLIB_CRYPTO_AEAD_H_
#define CLIB_CRYPTO_AEAD_H_

#include <stddef.h>
#include <stdint.h>

#include "crypto.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CRYPTO_AEAD_KEY_SIZE 32
#define CRYPTO_AEAD_NONCE_SIZE 12
#define CRYPTO_AEAD_TAG_SIZE 16
/* The longest plaintext or AAD, in bytes: 2^31 - 17, so that one of
 * OpenSSL's int-sized updates takes any message and a sealed length
 * (plaintext and tag) still fits an int. GCM itself allows 2^36 - 32. */
#define CRYPTO_AEAD_MAX_LEN ((size_t)0x7fffffef)

typedef enum {
  CRYPTO_AEAD_AES_256_GCM = 0,
  CRYPTO_AEAD_CHACHA20_POLY1305 = 1,
} crypto_aead_alg;

typedef struct crypto_aead crypto_aead;

/* On CRYPTO_OK, *out is a new crypto_aead of alg under key[0, key_len),
 * which the caller must free. key_len must be CRYPTO_AEAD_KEY_SIZE and alg
 * one of the above, else CRYPTO_EINVAL. */
crypto_status crypto_aead_new(crypto_aead_alg alg, const uint8_t *key, size_t key_len,
                              crypto_aead **out);

/* Frees a; NULL is a no-op. The key is wiped from memory. */
void crypto_aead_free(crypto_aead *a);

/* crypto_aead_seal encrypts in[0, len) under nonce, authenticating it with
 * aad[0, aad_len), and writes the ciphertext and then the tag to
 * out[0, len + CRYPTO_AEAD_TAG_SIZE). */
crypto_status crypto_aead_seal(crypto_aead *a, const uint8_t nonce[CRYPTO_AEAD_NONCE_SIZE],
                               const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                               uint8_t *out);

/* crypto_aead_open checks the tag of in[0, len), a sealed message of
 * len >= CRYPTO_AEAD_TAG_SIZE bytes (else CRYPTO_EINVAL), under nonce and
 * aad, and on CRYPTO_OK has written its plaintext to
 * out[0, len - CRYPTO_AEAD_TAG_SIZE). On a mismatch it returns CRYPTO_EAUTH
 * and that range of out is zeroed. */
crypto_status crypto_aead_open(crypto_aead *a, const uint8_t nonce[CRYPTO_AEAD_NONCE_SIZE],
                               const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                               uint8_t *out);

/*
 * The batch calls seal or open n messages (n <= CRYPTO_MAX_BATCH, else
 * CRYPTO_E2BIG) in one call, with one AAD for all: message i is
 * ins[i][0, lens[i]), under nonces[12 * i, 12 * i + 12), written to outs[i]
 * as the one-message call would write it. ins, lens, outs and nonces may be
 * NULL only when n is 0; each outs[i] may be ins[i] (in place), else must
 * not overlap it (CRYPTO_EINVAL). Overlaps between different messages are
 * not checked (that would cost n^2): they leave the outputs unspecified,
 * but every read and write stays within the ranges given.
 *
 * crypto_aead_open_batch succeeds only if every message authenticates,
 * and it zeroes every output when one does not. If bad is not NULL, *bad is
 * set on every return: the index of the first message that failed to
 * authenticate, or n when none did.
 */
crypto_status crypto_aead_seal_batch(crypto_aead *a, const uint8_t *nonces, const uint8_t *aad,
                                     size_t aad_len, const uint8_t *const *ins, const size_t *lens,
                                     size_t n, uint8_t *const *outs);
crypto_status crypto_aead_open_batch(crypto_aead *a, const uint8_t *nonces, const uint8_t *aad,
                                     size_t aad_len, const uint8_t *const *ins, const size_t *lens,
                                     size_t n, uint8_t *const *outs, size_t *bad);

#ifdef __cplusplus
}
#endif

#endif /* CLIB_CRYPTO_AEAD_H_ */
