//go:build ignore

/* C unit tests for crypto; Bazel builds them as a cc_test. The build
 * constraint above keeps `go build` from compiling this file into the cgo
 * package. Vectors: FIPS 180-4 examples (NIST CSRC) and RFC 4231. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"

static int failures;

#define CHECK(cond)                                                                \
  do {                                                                             \
    if (!(cond)) {                                                                 \
      fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);     \
      failures++;                                                                  \
    }                                                                              \
  } while (0)

/* Decodes a hex string into out (which must be large enough); returns the
 * byte count. */
static size_t unhex(const char *hex, uint8_t *out) {
  size_t n = strlen(hex) / 2;
  for (size_t i = 0; i < n; i++) {
    unsigned v = 0;
    sscanf(hex + 2 * i, "%2x", &v);
    out[i] = (uint8_t)v;
  }
  return n;
}

static int digest_is(const uint8_t *got, const char *want_hex) {
  uint8_t want[CRYPTO_SHA256_SIZE];
  size_t n = unhex(want_hex, want); /* RFC 4231 case 5 checks a prefix */
  return memcmp(got, want, n) == 0;
}

typedef struct {
  const char *msg;
  size_t repeat; /* msg repeated this many times */
  const char *digest;
} sha_vector;

static const sha_vector kSHA[] = {
    {"", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmno"
     "pqrsmnopqrstnopqrstu",
     1, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
    {"a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
};

typedef struct {
  const char *key_hex, *data_hex, *mac;
} hmac_vector;

/* RFC 4231 test cases 1-7 (case 5's MAC is truncated to 128 bits). */
static const hmac_vector kHMAC[] = {
    {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
    {"4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
     "dddddddddd",
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
    {"0102030405060708090a0b0c0d0e0f10111213141516171819",
     "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
     "cdcdcdcdcd",
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
    {"0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", "546573742057697468205472756e636174696f6e",
     "a3b6167473100ee06e0c796c2955552b"},
    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368"
     "204b6579204669727374",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a"
     "65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865"
     "206b6579206e6565647320746f20626520686173686564206265666f7265206265696e672075736564206279"
     "2074686520484d414320616c676f726974686d2e",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Builds vector v's message in a malloc'd buffer the caller frees. */
static uint8_t *sha_message(const sha_vector *v, size_t *len) {
  size_t m = strlen(v->msg);
  *len = m * v->repeat;
  uint8_t *buf = malloc(*len + 1);
  for (size_t i = 0; i < v->repeat; i++) memcpy(buf + i * m, v->msg, m);
  return buf;
}

static void test_sha256_vectors(void) {
  const uint8_t *msgs[COUNT(kSHA)];
  size_t lens[COUNT(kSHA)];
  uint8_t batch[COUNT(kSHA)][CRYPTO_SHA256_SIZE], out[CRYPTO_SHA256_SIZE];
  for (size_t i = 0; i < COUNT(kSHA); i++) {
    msgs[i] = sha_message(&kSHA[i], &lens[i]);
    CHECK(crypto_sha256(msgs[i], lens[i], out) == CRYPTO_OK && digest_is(out, kSHA[i].digest));

    /* Streaming in uneven chunks, with a digest mid-way that must not end
     * the stream. */
    crypto_hasher *h = NULL;
    CHECK(crypto_hasher_new_sha256(&h) == CRYPTO_OK);
    for (size_t off = 0, step = 1; off < lens[i]; off += step, step = step * 3 + 1) {
      size_t n = lens[i] - off < step ? lens[i] - off : step;
      CHECK(crypto_hasher_update(h, msgs[i] + off, n) == CRYPTO_OK);
      CHECK(crypto_hasher_final(h, out) == CRYPTO_OK);
    }
    CHECK(crypto_hasher_final(h, out) == CRYPTO_OK && digest_is(out, kSHA[i].digest));
    crypto_hasher_free(h);
  }
  CHECK(crypto_sha256_batch(msgs, lens, COUNT(kSHA), &batch[0][0]) == CRYPTO_OK);
  for (size_t i = 0; i < COUNT(kSHA); i++) {
    CHECK(digest_is(batch[i], kSHA[i].digest));
    free((void *)msgs[i]);
  }
}

static void test_hmac_vectors(void) {
  for (size_t i = 0; i < COUNT(kHMAC); i++) {
    uint8_t key[256], data[256], out[CRYPTO_SHA256_SIZE], batch[2][CRYPTO_SHA256_SIZE];
    size_t key_len = unhex(kHMAC[i].key_hex, key), len = unhex(kHMAC[i].data_hex, data);
    CHECK(crypto_hmac_sha256(key, key_len, data, len, out) == CRYPTO_OK);
    CHECK(digest_is(out, kHMAC[i].mac));

    const uint8_t *msgs[2] = {data, data};
    size_t lens[2] = {len, len};
    CHECK(crypto_hmac_sha256_batch(key, key_len, msgs, lens, 2, &batch[0][0]) == CRYPTO_OK);
    CHECK(digest_is(batch[0], kHMAC[i].mac) && digest_is(batch[1], kHMAC[i].mac));

    crypto_hasher *h = NULL;
    CHECK(crypto_hasher_new_hmac_sha256(key, key_len, &h) == CRYPTO_OK);
    CHECK(crypto_hasher_update(h, data, len / 2) == CRYPTO_OK);
    CHECK(crypto_hasher_final(h, out) == CRYPTO_OK);
    CHECK(crypto_hasher_update(h, data + len / 2, len - len / 2) == CRYPTO_OK);
    CHECK(crypto_hasher_final(h, out) == CRYPTO_OK && digest_is(out, kHMAC[i].mac));
    crypto_hasher_free(h);
  }
}

/* Go's crypto/hmac accepts an empty key; so must we (OpenSSL treats a NULL
 * key as "no key"). */
static void test_empty_hmac_key(void) {
  const char *want = "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad";
  uint8_t out[CRYPTO_SHA256_SIZE];
  CHECK(crypto_hmac_sha256(NULL, 0, NULL, 0, out) == CRYPTO_OK && digest_is(out, want));
  CHECK(crypto_hmac_sha256((const uint8_t *)"", 0, (const uint8_t *)"", 0, out) == CRYPTO_OK &&
        digest_is(out, want));
}

static void test_errors(void) {
  uint8_t out[2][CRYPTO_SHA256_SIZE];
  const uint8_t *msgs[2] = {(const uint8_t *)"a", NULL};
  size_t lens[2] = {1, 1};
  crypto_hasher *h = NULL;
  CHECK(crypto_sha256(NULL, 1, out[0]) == CRYPTO_EINVAL);
  CHECK(crypto_sha256((const uint8_t *)"a", 1, NULL) == CRYPTO_EINVAL);
  CHECK(crypto_hmac_sha256(NULL, 1, (const uint8_t *)"a", 1, out[0]) == CRYPTO_EINVAL);
  CHECK(crypto_sha256_batch(msgs, lens, 2, &out[0][0]) == CRYPTO_EINVAL); /* msgs[1] */
  CHECK(crypto_sha256_batch(NULL, lens, 1, &out[0][0]) == CRYPTO_EINVAL);
  CHECK(crypto_sha256_batch(msgs, NULL, 1, &out[0][0]) == CRYPTO_EINVAL);
  CHECK(crypto_sha256_batch(msgs, lens, 1, NULL) == CRYPTO_EINVAL);
  CHECK(crypto_sha256_batch(NULL, NULL, 0, NULL) == CRYPTO_OK);
  CHECK(crypto_sha256_batch(msgs, lens, CRYPTO_MAX_BATCH + 1, &out[0][0]) == CRYPTO_E2BIG);
  CHECK(crypto_hmac_sha256_batch(NULL, 1, msgs, lens, 1, &out[0][0]) == CRYPTO_EINVAL);
  CHECK(crypto_hmac_sha256_batch(NULL, 0, msgs, lens, CRYPTO_MAX_BATCH + 1, &out[0][0]) ==
        CRYPTO_E2BIG);
  CHECK(crypto_hasher_new_sha256(NULL) == CRYPTO_EINVAL);
  CHECK(crypto_hasher_new_hmac_sha256(NULL, 1, &h) == CRYPTO_EINVAL);
  CHECK(crypto_hasher_update(NULL, NULL, 0) == CRYPTO_EINVAL);
  CHECK(crypto_hasher_final(NULL, out[0]) == CRYPTO_EINVAL);
  CHECK(crypto_hasher_new_sha256(&h) == CRYPTO_OK);
  CHECK(crypto_hasher_update(h, NULL, 1) == CRYPTO_EINVAL);
  CHECK(crypto_hasher_update(h, NULL, 0) == CRYPTO_OK);
  CHECK(crypto_hasher_final(h, NULL) == CRYPTO_EINVAL);
  crypto_hasher_free(h);
  crypto_hasher_free(NULL);
}

int main(void) {
  test_sha256_vectors();
  test_hmac_vectors();
  test_empty_hmac_key();
  test_errors();
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  puts("all checks passed");
  return 0;
}
