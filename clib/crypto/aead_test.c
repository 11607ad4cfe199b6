//go:build ignore

/* C unit tests for aead.h against the real OpenSSL seam
 * (crypto_aead_evp.c); Bazel builds them as the c_unit_test
 * crypto_aead_c_test. Vectors: NIST CAVP gcmEncryptExtIV256 and
 * gcmDecrypt256 (96-bit IV, 128-bit tag) for AES-256-GCM, RFC 8439 2.8.2
 * for ChaCha20-Poly1305. Every buffer is a heap copy of exactly its
 * length, so that AddressSanitizer sees a read or write past its end.
 * Error paths with OpenSSL failing on purpose are in aead_mock_test.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clib/crypto/aead.h"
#include "tools/ctest/ctest.h"

/* A buffer of exactly len bytes (at least one byte is allocated, so that an
 * empty buffer is a valid non-NULL pointer), freed by tearDown. */
typedef struct {
  uint8_t *p;
  size_t len;
} buf;

static void *allocs[64];
static size_t nallocs;

static buf alloc_buf(size_t len) {
  if (nallocs == sizeof allocs / sizeof allocs[0]) TEST_FAIL_MESSAGE("too many buffers");
  uint8_t *p = malloc(len ? len : 1);
  if (p == NULL) TEST_FAIL_MESSAGE("out of memory");
  allocs[nallocs++] = p;
  return (buf){p, len};
}

static buf unhex(const char *hex) {
  buf b = alloc_buf(strlen(hex) / 2);
  for (size_t i = 0; i < b.len; i++) {
    unsigned v = 0;
    sscanf(hex + 2 * i, "%2x", &v);
    b.p[i] = (uint8_t)v;
  }
  return b;
}

static buf concat(buf a, buf b) {
  buf c = alloc_buf(a.len + b.len);
  if (a.len) memcpy(c.p, a.p, a.len);
  if (b.len) memcpy(c.p + a.len, b.p, b.len);
  return c;
}

static crypto_aead *aead;

void setUp(void) { aead = NULL; }

void tearDown(void) {
  crypto_aead_free(aead);
  for (size_t i = 0; i < nallocs; i++) free(allocs[i]);
  nallocs = 0;
}

typedef struct {
  crypto_aead_alg alg;
  const char *key, *nonce, *aad, *pt, *ct, *tag;
} vector;

static const vector kVectors[] = {
    /* gcmEncryptExtIV256: PTlen=0 AADlen=0 Count=0. */
    {CRYPTO_AEAD_AES_256_GCM, "b52c505a37d78eda5dd34f20c22540ea1b58963cf8e5bf8ffa85f9f2492505b4",
     "516c33929df5a3284ff463d7", "", "", "", "bdc1ac884d332457a1d2664f168c76f0"},
    /* PTlen=128 AADlen=0 Count=0. */
    {CRYPTO_AEAD_AES_256_GCM, "31bdadd96698c204aa9ce1448ea94ae1fb4a9a0b3c9d773b51bb1822666b8f22",
     "0d18e06c7c725ac9e362e1ce", "", "2db5168e932556f8089a0622981d017d",
     "fa4362189661d163fcd6a56d8bf0405a", "d636ac1bbedd5cc3ee727dc2ab4a9489"},
    /* PTlen=128 AADlen=128 Count=0. */
    {CRYPTO_AEAD_AES_256_GCM, "92e11dcdaa866f5ce790fd24501f92509aacf4cb8b1339d50c9c1240935dd08b",
     "ac93a1a6145299bde902f21a", "1e0889016f67601c8ebea4943bc23ad6",
     "2d71bcfa914e4ac045b2aa60955fad24", "8995ae2e6df3dbf96fac7b7137bae67f",
     "eca5aa77d51d4a0a14d9c51e1da474ab"},
    /* PTlen=408 AADlen=160 Count=0. */
    {CRYPTO_AEAD_AES_256_GCM, "24501ad384e473963d476edcfe08205237acfd49b5b8f33857f8114e863fec7f",
     "9ff18563b978ec281b3f2794", "adb5ec720ccf9898500028bf34afccbcaca126ef",
     "27f348f9cdc0c5bd5e66b1ccb63ad920ff2219d14e8d631b3872265cf117ee86757accb158bd9abb3868fdc0d0b0"
     "74b5f01b2c",
     "eb7cb754c824e8d96f7c6d9b76c7d26fb874ffbf1d65c6f64a698d839b0b06145dae82057ad55994cf59ad7f67c0"
     "fa5e85fab8",
     "bc95c532fecc594c36d1550286a7a3f0"},
    /* gcmDecrypt256: PTlen=256 AADlen=384 Count=0 (a PASS case). */
    {CRYPTO_AEAD_AES_256_GCM, "42f6c25159b8655380f052dd5dad180e76813b60eb813665c5015f26cf32e8f1",
     "7248a5ed48f4f1b4a9db3826",
     "8e3c74f127dbfe29ac4de0a7c3240ee8aa8d38a82f38ad6b480236c8cd4232057a5502e936bfe22225830fa195a8"
     "afce",
     "9a329cb45b0093e9c00615137dd7dbd1f8b525999af3bfc222315f41817717a7",
     "26325c3463813a7d59d184a330ef80959637fa6db4f5db3062d3d2ec7e32d82a",
     "4f39c63d4f215d5b39a58853d3842175"},
    /* RFC 8439 2.8.2. */
    {CRYPTO_AEAD_CHACHA20_POLY1305,
     "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f", "070000004041424344454647",
     "50515253c0c1c2c3c4c5c6c7",
     "4c616469657320616e642047656e746c656d656e206f662074686520636c617373206f66202739393a20496620"
     "4920636f756c64206f6666657220796f75206f6e6c79206f6e652074697020666f7220746865206675747572652c"
     "2073756e73637265656e20776f756c642062652069742e",
     "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92"
     "728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b"
     "4831d7bc3ff4def08e4b7a9de576d26586cec64b6116",
     "1ae10b594f09e26a7e902ecbd0600691"},
};
#define NVECTORS (sizeof kVectors / sizeof kVectors[0])

/* The decoded inputs of one vector, with a fresh crypto_aead of its key. */
typedef struct {
  buf nonce, aad, pt, sealed;
} decoded;

static decoded decode(const vector *v) {
  buf key = unhex(v->key);
  crypto_aead_free(aead);
  aead = NULL;
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_aead_new(v->alg, key.p, key.len, &aead));
  return (decoded){unhex(v->nonce), unhex(v->aad), unhex(v->pt), concat(unhex(v->ct), unhex(v->tag))};
}

/* NULL for an empty buffer: the header allows it, and the tests use it. */
static uint8_t *or_null(buf b) { return b.len ? b.p : NULL; }

void test_seal_matches_the_published_vectors(void) {
  for (size_t i = 0; i < NVECTORS; i++) {
    decoded d = decode(&kVectors[i]);
    buf out = alloc_buf(d.sealed.len);
    TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_aead_seal(aead, d.nonce.p, or_null(d.aad), d.aad.len,
                                                      or_null(d.pt), d.pt.len, out.p));
    TEST_ASSERT_EQUAL_MEMORY(d.sealed.p, out.p, out.len);
  }
}

void test_open_recovers_the_published_plaintexts(void) {
  for (size_t i = 0; i < NVECTORS; i++) {
    decoded d = decode(&kVectors[i]);
    buf out = alloc_buf(d.pt.len);
    TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_aead_open(aead, d.nonce.p, or_null(d.aad), d.aad.len,
                                                      d.sealed.p, d.sealed.len, or_null(out)));
    if (d.pt.len) TEST_ASSERT_EQUAL_MEMORY(d.pt.p, out.p, out.len);
  }
}

/* gcmDecrypt256 PTlen=128 AADlen=128 Count=2: a FAIL case, whose tag does
 * not authenticate. */
void test_open_rejects_the_published_failure(void) {
  buf key = unhex("9a0343f850a6427120f764789ffec6d237447b898fbf51d2182f065d3861497d");
  buf nonce = unhex("3deef6f453dd70d92143adcd");
  buf aad = unhex("dbb8226a624520863db6897017b2a4f8");
  buf sealed = concat(unhex("e93165935ac18e3a2845d15fe31a9286"),
                      unhex("f5fc50d18766bc3d9e16dd136d45816b"));
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK,
                        crypto_aead_new(CRYPTO_AEAD_AES_256_GCM, key.p, key.len, &aead));
  buf out = alloc_buf(sealed.len - CRYPTO_AEAD_TAG_SIZE);
  memset(out.p, 0x5a, out.len);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EAUTH, crypto_aead_open(aead, nonce.p, aad.p, aad.len, sealed.p,
                                                       sealed.len, out.p));
  for (size_t i = 0; i < out.len; i++) TEST_ASSERT_EQUAL_UINT(0, out.p[i]);
}

/* One bit flipped anywhere (ciphertext, tag, nonce or AAD) fails the open,
 * and the output holds zeros, not the plaintext OpenSSL decrypted. */
void test_any_flipped_bit_fails_to_open_and_releases_nothing(void) {
  for (size_t i = 0; i < NVECTORS; i++) {
    decoded d = decode(&kVectors[i]);
    buf out = alloc_buf(d.pt.len);
    buf *parts[] = {&d.sealed, &d.nonce, &d.aad};
    for (size_t p = 0; p < 3; p++) {
      for (size_t at = 0; at < parts[p]->len; at += 7) {
        parts[p]->p[at] ^= 0x04;
        memset(out.p, 0x5a, out.len);
        crypto_status st = crypto_aead_open(aead, d.nonce.p, or_null(d.aad), d.aad.len,
                                            d.sealed.p, d.sealed.len, or_null(out));
        parts[p]->p[at] ^= 0x04;
        if (st != CRYPTO_EAUTH) {
          ctest_fail(__FILE__, __LINE__, "vector %zu, part %zu, byte %zu flipped: status %d", i,
                     p, at, (int)st);
        }
        for (size_t k = 0; k < out.len; k++) TEST_ASSERT_EQUAL_UINT(0, out.p[k]);
      }
    }
  }
}

/* Sealing and opening in place (out == in) give what the separate buffers
 * give. */
void test_in_place_matches_separate_buffers(void) {
  for (size_t i = 0; i < NVECTORS; i++) {
    decoded d = decode(&kVectors[i]);
    buf work = alloc_buf(d.sealed.len);
    if (d.pt.len) memcpy(work.p, d.pt.p, d.pt.len);
    TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_aead_seal(aead, d.nonce.p, or_null(d.aad), d.aad.len,
                                                      work.p, d.pt.len, work.p));
    TEST_ASSERT_EQUAL_MEMORY(d.sealed.p, work.p, work.len);
    TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_aead_open(aead, d.nonce.p, or_null(d.aad), d.aad.len,
                                                      work.p, work.len, work.p));
    if (d.pt.len) TEST_ASSERT_EQUAL_MEMORY(d.pt.p, work.p, d.pt.len);
  }
}

/* A batch seals each message as the one-message call does, and one bad
 * message fails the whole open batch, names its index and zeroes every
 * output, the good messages' too. */
void test_batch_matches_one_message_calls_and_fails_as_a_whole(void) {
  const vector *v = &kVectors[5];
  decoded d = decode(v);
  enum { N = 3 };
  buf nonces = alloc_buf(N * CRYPTO_AEAD_NONCE_SIZE);
  const uint8_t *ins[N];
  uint8_t *outs[N], *opened[N];
  size_t lens[N], sealed_lens[N];
  for (size_t i = 0; i < N; i++) {
    memcpy(nonces.p + i * CRYPTO_AEAD_NONCE_SIZE, d.nonce.p, CRYPTO_AEAD_NONCE_SIZE);
    nonces.p[i * CRYPTO_AEAD_NONCE_SIZE] ^= (uint8_t)i; /* a nonce per message */
    lens[i] = d.pt.len - 10 * i;
    sealed_lens[i] = lens[i] + CRYPTO_AEAD_TAG_SIZE;
    ins[i] = d.pt.p;
    outs[i] = alloc_buf(sealed_lens[i]).p;
    opened[i] = alloc_buf(lens[i]).p;
  }
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_aead_seal_batch(aead, nonces.p, d.aad.p, d.aad.len, ins,
                                                          lens, N, outs));
  buf one = alloc_buf(sealed_lens[N - 1]);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK,
                        crypto_aead_seal(aead, nonces.p + (N - 1) * CRYPTO_AEAD_NONCE_SIZE,
                                         d.aad.p, d.aad.len, d.pt.p, lens[N - 1], one.p));
  TEST_ASSERT_EQUAL_MEMORY(one.p, outs[N - 1], one.len);

  size_t bad = 99;
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK,
                        crypto_aead_open_batch(aead, nonces.p, d.aad.p, d.aad.len,
                                               (const uint8_t *const *)outs, sealed_lens, N,
                                               opened, &bad));
  TEST_ASSERT_EQUAL_UINT(N, bad);
  for (size_t i = 0; i < N; i++) TEST_ASSERT_EQUAL_MEMORY(d.pt.p, opened[i], lens[i]);

  outs[1][3] ^= 1;
  TEST_ASSERT_EQUAL_INT(CRYPTO_EAUTH,
                        crypto_aead_open_batch(aead, nonces.p, d.aad.p, d.aad.len,
                                               (const uint8_t *const *)outs, sealed_lens, N,
                                               opened, &bad));
  TEST_ASSERT_EQUAL_UINT(1, bad);
  for (size_t i = 0; i < N; i++) {
    for (size_t k = 0; k < lens[i]; k++) TEST_ASSERT_EQUAL_UINT(0, opened[i][k]);
  }
}

void test_bad_arguments_are_refused_and_write_nothing(void) {
  uint8_t key[CRYPTO_AEAD_KEY_SIZE] = {0}, nonce[CRYPTO_AEAD_NONCE_SIZE] = {0};
  uint8_t data[64], out[64 + CRYPTO_AEAD_TAG_SIZE];
  memset(data, 7, sizeof data);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_new(CRYPTO_AEAD_AES_256_GCM, key, 16, &aead));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_new((crypto_aead_alg)2, key, sizeof key, &aead));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_new(CRYPTO_AEAD_AES_256_GCM, NULL, 32, &aead));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_new(CRYPTO_AEAD_AES_256_GCM, key, 32, NULL));
  TEST_ASSERT_NULL(aead);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_aead_new(CRYPTO_AEAD_AES_256_GCM, key, 32, &aead));

  memset(out, 0x5a, sizeof out);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_seal(NULL, nonce, NULL, 0, data, 8, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_seal(aead, NULL, NULL, 0, data, 8, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_seal(aead, nonce, NULL, 1, data, 8, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_seal(aead, nonce, NULL, 0, NULL, 8, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_seal(aead, nonce, NULL, 0, data, 8, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_aead_seal(aead, nonce, NULL, 0, data,
                                                        CRYPTO_AEAD_MAX_LEN + 1, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_aead_seal(aead, nonce, data,
                                                        CRYPTO_AEAD_MAX_LEN + 1, data, 8, out));
  /* Partial overlaps of out with an input; out == in is in place. */
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_seal(aead, nonce, NULL, 0, out + 1, 8, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_seal(aead, out + 4, NULL, 0, data, 8, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_seal(aead, nonce, out + 20, 4, data, 8, out));
  for (size_t i = 0; i < sizeof out; i++) TEST_ASSERT_EQUAL_UINT(0x5a, out[i]);

  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_open(aead, nonce, NULL, 0, data,
                                                        CRYPTO_AEAD_TAG_SIZE - 1, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_open(aead, nonce, NULL, 0, data, 32, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE,
                        crypto_aead_open(aead, nonce, NULL, 0, data,
                                         CRYPTO_AEAD_MAX_LEN + CRYPTO_AEAD_TAG_SIZE + 1, out));
  for (size_t i = 0; i < sizeof out; i++) TEST_ASSERT_EQUAL_UINT(0x5a, out[i]);

  const uint8_t *ins[1] = {data};
  uint8_t *outs[1] = {out};
  size_t lens[1] = {8}, bad = 99;
  TEST_ASSERT_EQUAL_INT(CRYPTO_E2BIG, crypto_aead_seal_batch(aead, nonce, NULL, 0, ins, lens,
                                                             CRYPTO_MAX_BATCH + 1, outs));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_seal_batch(aead, NULL, NULL, 0, ins, lens, 1,
                                                              outs));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_aead_open_batch(aead, nonce, NULL, 0, ins, lens, 1,
                                                              outs, &bad));
  TEST_ASSERT_EQUAL_UINT(1, bad);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_aead_open_batch(aead, NULL, NULL, 0, NULL, NULL, 0,
                                                          NULL, &bad));
  TEST_ASSERT_EQUAL_UINT(0, bad);
  for (size_t i = 0; i < sizeof out; i++) TEST_ASSERT_EQUAL_UINT(0x5a, out[i]);
}
