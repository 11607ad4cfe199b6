/*
 * libFuzzer target for clib/crypto's digests: crypto_sha256 and
 * crypto_hmac_sha256, both batch forms of each, and the incremental hasher.
 * They share OpenSSL underneath but not code paths, so each must give the
 * one-shot digest of the same bytes. Input: one byte choosing the key's
 * length (up to 80, past HMAC's 64-byte block, where the key is hashed
 * first), one choosing where the hasher's updates split the data and how
 * the batch splits it into messages, the key, then the data.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clib/crypto/crypto.h"
#include "clib/internal/fuzzing/fuzzing.h"

enum { max_msgs = 4 };

/* digest is one-shot SHA-256 when key is NULL, else HMAC-SHA256. */
static void digest(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
                   uint8_t out[CRYPTO_SHA256_SIZE]) {
  crypto_status st = key ? crypto_hmac_sha256(key, key_len, data, len, out)
                         : crypto_sha256(data, len, out);
  require(st == CRYPTO_OK);
}

static void check_hasher(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
                         size_t split, const uint8_t want[CRYPTO_SHA256_SIZE]) {
  crypto_hasher *h = NULL;
  crypto_status st = key ? crypto_hasher_new_hmac_sha256(key, key_len, &h)
                         : crypto_hasher_new_sha256(&h);
  require(st == CRYPTO_OK);
  uint8_t got[CRYPTO_SHA256_SIZE];
  require(crypto_hasher_update(h, data, split) == CRYPTO_OK);
  require(crypto_hasher_final(h, got) == CRYPTO_OK); /* final does not end the stream */
  require(crypto_hasher_update(h, data + split, len - split) == CRYPTO_OK);
  require(crypto_hasher_final(h, got) == CRYPTO_OK);
  require(memcmp(got, want, sizeof got) == 0);
  crypto_hasher_free(h);
}

/* check_batches splits data into up to max_msgs messages of exact-size
 * copies and checks that every batch form gives each message's one-shot
 * digest: the pointer batch, and the packed batch with odd messages
 * pointed to and even ones packed. */
static void check_batches(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
                          uint8_t shape) {
  size_t n = shape % (max_msgs + 1);
  uint8_t *msgs[max_msgs];
  size_t lens[max_msgs];
  const uint8_t *ptrs[max_msgs];
  uint8_t packed_buf[max_msgs]; /* placeholder when nothing is packed */
  uint8_t *packed = len ? malloc(len) : packed_buf;
  require(packed != NULL);
  size_t packed_len = 0, at = 0;
  for (size_t i = 0; i < n; i++) {
    lens[i] = i + 1 == n ? len - at : (len - at) / 2;
    msgs[i] = exact_copy(data + at, lens[i]);
    at += lens[i];
    if (i % 2) {
      ptrs[i] = msgs[i];
    } else {
      ptrs[i] = NULL;
      memcpy(packed + packed_len, msgs[i], lens[i]);
      packed_len += lens[i];
    }
  }
  uint8_t want[max_msgs][CRYPTO_SHA256_SIZE], got[max_msgs][CRYPTO_SHA256_SIZE];
  for (size_t i = 0; i < n; i++) digest(key, key_len, msgs[i], lens[i], want[i]);

  const uint8_t *const *ins = (const uint8_t *const *)msgs;
  crypto_status st = key ? crypto_hmac_sha256_batch(key, key_len, ins, lens, n, &got[0][0])
                         : crypto_sha256_batch(ins, lens, n, &got[0][0]);
  require(st == CRYPTO_OK && memcmp(got, want, n * CRYPTO_SHA256_SIZE) == 0);
  memset(got, 0, sizeof got);
  st = key ? crypto_hmac_sha256_batch_packed(key, key_len, packed, packed_len, ptrs, lens, n,
                                             &got[0][0])
           : crypto_sha256_batch_packed(packed, packed_len, ptrs, lens, n, &got[0][0]);
  require(st == CRYPTO_OK && memcmp(got, want, n * CRYPTO_SHA256_SIZE) == 0);
  /* A packed length that does not add up is refused, and writes nothing. */
  if (n > 0) {
    memset(got, 0xa5, sizeof got);
    st = crypto_sha256_batch_packed(packed, packed_len + 1, ptrs, lens, n, &got[0][0]);
    require(st == CRYPTO_EINVAL && got[0][0] == 0xa5);
  }

  for (size_t i = 0; i < n; i++) free(msgs[i]);
  if (packed != packed_buf) free(packed);
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n) {
  if (n < 2) return 0;
  size_t key_len = in[0] % 81;
  if (n - 2 < key_len) return 0;
  uint8_t *key = exact_copy(in + 2, key_len);
  size_t len = n - 2 - key_len;
  uint8_t *data = exact_copy(in + 2 + key_len, len);
  size_t split = len ? in[1] % (len + 1) : 0;

  for (int hmac = 0; hmac <= 1; hmac++) {
    const uint8_t *k = hmac ? key : NULL;
    uint8_t want[CRYPTO_SHA256_SIZE];
    digest(k, key_len, data, len, want);
    check_hasher(k, key_len, data, len, split, want);
    check_batches(k, key_len, data, len, in[1]);
  }
  free(key);
  free(data);
  return 0;
}
