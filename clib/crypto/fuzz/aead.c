/*
 * libFuzzer target for clib/crypto's AEAD (aead.h): for both algorithms,
 * a sealed message opens to its plaintext, in place and not, one at a time
 * and in a batch; and a sealed message with any one byte of its ciphertext,
 * tag, nonce or AAD altered fails with CRYPTO_EAUTH and releases no
 * plaintext (the output is zeroed). Input: one byte choosing the algorithm
 * and which byte to alter, one choosing the AAD's length, the key (32
 * bytes) and nonce (12), the AAD, then the plaintext.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clib/crypto/aead.h"
#include "clib/internal/fuzzing/fuzzing.h"

enum { key_and_nonce = CRYPTO_AEAD_KEY_SIZE + CRYPTO_AEAD_NONCE_SIZE };

static int all_zero(const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (p[i]) return 0;
  }
  return 1;
}

/* check_tamper alters one byte, chosen by pick, of the sealed message, the
 * nonce or the AAD, and checks that the open fails and zeroes its output. */
static void check_tamper(crypto_aead *a, const uint8_t *nonce, const uint8_t *aad,
                         size_t aad_len, const uint8_t *sealed, size_t sealed_len, size_t pick) {
  uint8_t n2[CRYPTO_AEAD_NONCE_SIZE];
  memcpy(n2, nonce, sizeof n2);
  uint8_t *aad2 = exact_copy(aad, aad_len);
  uint8_t *s2 = exact_copy(sealed, sealed_len);
  size_t at = pick % (sealed_len + sizeof n2 + aad_len);
  if (at < sealed_len) {
    s2[at] ^= 0x01;
  } else if (at < sealed_len + sizeof n2) {
    n2[at - sealed_len] ^= 0x80;
  } else {
    aad2[at - sealed_len - sizeof n2] ^= 0x40;
  }
  size_t pt_len = sealed_len - CRYPTO_AEAD_TAG_SIZE;
  uint8_t *out = malloc(pt_len ? pt_len : 1);
  require(out != NULL);
  memset(out, 0xa5, pt_len);
  require(crypto_aead_open(a, n2, aad2, aad_len, s2, sealed_len, out) == CRYPTO_EAUTH);
  require(all_zero(out, pt_len));
  /* In place too: the tampered ciphertext is replaced by zeros. */
  require(crypto_aead_open(a, n2, aad2, aad_len, s2, sealed_len, s2) == CRYPTO_EAUTH);
  require(all_zero(s2, pt_len));
  free(out);
  free(s2);
  free(aad2);
}

/* check_batch seals the plaintext and a copy of it in one batch call, with
 * the second nonce derived from the first, and opens both again. */
static void check_batch(crypto_aead *a, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                        const uint8_t *pt, size_t len, const uint8_t *sealed) {
  uint8_t nonces[2 * CRYPTO_AEAD_NONCE_SIZE];
  memcpy(nonces, nonce, CRYPTO_AEAD_NONCE_SIZE);
  memcpy(nonces + CRYPTO_AEAD_NONCE_SIZE, nonce, CRYPTO_AEAD_NONCE_SIZE);
  nonces[CRYPTO_AEAD_NONCE_SIZE] ^= 0xff;
  size_t sealed_len = len + CRYPTO_AEAD_TAG_SIZE;
  uint8_t *s0 = malloc(sealed_len), *s1 = malloc(sealed_len);
  uint8_t *p1 = exact_copy(pt, len);
  require(s0 && s1);
  const uint8_t *ins[2] = {pt, p1};
  size_t lens[2] = {len, len};
  uint8_t *outs[2] = {s0, s1};
  require(crypto_aead_seal_batch(a, nonces, aad, aad_len, ins, lens, 2, outs) == CRYPTO_OK);
  require(memcmp(s0, sealed, sealed_len) == 0); /* same nonce as the one-shot seal */

  const uint8_t *sins[2] = {s0, s1};
  size_t slens[2] = {sealed_len, sealed_len};
  uint8_t *pouts[2] = {s0, s1}; /* in place */
  size_t bad = 99;
  require(crypto_aead_open_batch(a, nonces, aad, aad_len, sins, slens, 2, pouts, &bad) ==
          CRYPTO_OK);
  require(bad == 2 && memcmp(s0, pt, len) == 0 && memcmp(s1, pt, len) == 0);
  free(s0);
  free(s1);
  free(p1);
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n) {
  if (n < 2 + key_and_nonce) return 0;
  crypto_aead_alg alg = (in[0] & 1) ? CRYPTO_AEAD_CHACHA20_POLY1305 : CRYPTO_AEAD_AES_256_GCM;
  size_t pick = in[0] >> 1;
  size_t rest = n - 2 - key_and_nonce;
  size_t aad_len = rest ? in[1] % (rest + 1) : 0;
  const uint8_t *field = in + 2;
  uint8_t *key = exact_copy(field, CRYPTO_AEAD_KEY_SIZE);
  uint8_t *nonce = exact_copy(field += CRYPTO_AEAD_KEY_SIZE, CRYPTO_AEAD_NONCE_SIZE);
  uint8_t *aad = exact_copy(field += CRYPTO_AEAD_NONCE_SIZE, aad_len);
  size_t len = rest - aad_len;
  uint8_t *pt = exact_copy(field + aad_len, len);

  crypto_aead *a = NULL;
  require(crypto_aead_new(alg, key, CRYPTO_AEAD_KEY_SIZE, &a) == CRYPTO_OK);
  size_t sealed_len = len + CRYPTO_AEAD_TAG_SIZE;
  uint8_t *sealed = malloc(sealed_len);
  uint8_t *opened = malloc(len ? len : 1);
  require(sealed && opened);
  require(crypto_aead_seal(a, nonce, aad, aad_len, pt, len, sealed) == CRYPTO_OK);
  require(crypto_aead_open(a, nonce, aad, aad_len, sealed, sealed_len, opened) == CRYPTO_OK);
  require(memcmp(opened, pt, len) == 0);

  /* In place: a buffer with room for the tag holds the plaintext. */
  uint8_t *inplace = malloc(sealed_len);
  require(inplace != NULL);
  memcpy(inplace, pt, len);
  require(crypto_aead_seal(a, nonce, aad, aad_len, inplace, len, inplace) == CRYPTO_OK);
  require(memcmp(inplace, sealed, sealed_len) == 0);
  require(crypto_aead_open(a, nonce, aad, aad_len, inplace, sealed_len, inplace) == CRYPTO_OK);
  require(memcmp(inplace, pt, len) == 0);

  check_tamper(a, nonce, aad, aad_len, sealed, sealed_len, pick);
  check_batch(a, nonce, aad, aad_len, pt, len, sealed);

  crypto_aead_free(a);
  free(inplace);
  free(opened);
  free(sealed);
  free(pt);
  free(aad);
  free(nonce);
  free(key);
  return 0;
}
