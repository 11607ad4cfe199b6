//go:build ignore

/* C unit tests of aead.c with the OpenSSL seam (crypto_aead_evp.h)
 * mocked: allocation and OpenSSL failures at every step, and above all
 * that an open which fails after OpenSSL decrypted releases nothing. The
 * mocked open writes stand-in plaintext (0xd0) into its output before it
 * fails, as OpenSSL's GCM and ChaCha20-Poly1305 do, since they decrypt
 * before the tag is checked. */
#include <stdint.h>
#include <string.h>

#include "Mockcrypto_aead_evp.h"
#include "clib/crypto/aead.h"
#include "tools/ctest/ctest.h"

/* A fake context, compared by address (see hasher_mock_test.c). */
struct crypto_aead_evp {
  int id;
};

static crypto_aead_evp ctx = {1};
static crypto_aead_evp *const ctx_ptr = &ctx;

static const uint8_t kKey[CRYPTO_AEAD_KEY_SIZE] = {1, 2, 3};
static const uint8_t kNonces[3 * CRYPTO_AEAD_NONCE_SIZE] = {4, 5, 6};
static const uint8_t kAAD[] = "header";

static crypto_aead *aead;

/* The calls to the mocked open and seal that fail (-1: none), and how. */
static int fail_call;
static crypto_status fail_status;

static crypto_status open_stub(crypto_aead_evp *e, const uint8_t *nonce, const uint8_t *aad,
                               size_t aad_len, const uint8_t *in, size_t len, const uint8_t *tag,
                               uint8_t *out, int cmock_num_calls) {
  (void)e, (void)nonce, (void)aad, (void)aad_len, (void)in, (void)tag;
  if (len) memset(out, 0xd0, len);
  return cmock_num_calls == fail_call ? fail_status : CRYPTO_OK;
}

static crypto_status seal_stub(crypto_aead_evp *e, const uint8_t *nonce, const uint8_t *aad,
                               size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                               uint8_t *tag, int cmock_num_calls) {
  (void)e, (void)nonce, (void)aad, (void)aad_len, (void)in;
  if (len) memset(out, 0xc0, len);
  memset(tag, 0x7a, CRYPTO_AEAD_TAG_SIZE);
  return cmock_num_calls == fail_call ? fail_status : CRYPTO_OK;
}

void setUp(void) {
  aead = NULL;
  fail_call = -1;
  crypto_aead_evp_new_ExpectWithArrayAndReturn(CRYPTO_AEAD_AES_256_GCM, kKey, sizeof kKey, NULL,
                                               0, CRYPTO_OK);
  crypto_aead_evp_new_IgnoreArg_out();
  crypto_aead_evp_new_ReturnThruPtr_out(&ctx_ptr);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK,
                        crypto_aead_new(CRYPTO_AEAD_AES_256_GCM, kKey, sizeof kKey, &aead));
  crypto_aead_evp_open_Stub(open_stub);
  crypto_aead_evp_seal_Stub(seal_stub);
}

void tearDown(void) {
  crypto_aead_evp_free_Expect(&ctx);
  crypto_aead_free(aead);
}

static void assert_zero(const uint8_t *p, size_t len) {
  for (size_t i = 0; i < len; i++) {
    if (p[i] != 0) ctest_fail(__FILE__, __LINE__, "out[%zu] = 0x%02x: released", i, p[i]);
  }
}

void test_new_failing_in_openssl_returns_its_status_and_no_object(void) {
  crypto_aead *other = NULL;
  crypto_aead_evp_new_ExpectAnyArgsAndReturn(CRYPTO_ENOMEM);
  TEST_ASSERT_EQUAL_INT(CRYPTO_ENOMEM, crypto_aead_new(CRYPTO_AEAD_CHACHA20_POLY1305, kKey,
                                                       sizeof kKey, &other));
  TEST_ASSERT_NULL(other);
}

void test_open_failing_after_decrypting_zeroes_the_output(void) {
  const crypto_status failures[] = {CRYPTO_EAUTH, CRYPTO_EBACKEND};
  for (size_t i = 0; i < 2; i++) {
    uint8_t sealed[40] = {0}, out[40 - CRYPTO_AEAD_TAG_SIZE];
    fail_call = crypto_aead_evp_open_CallCount();
    fail_status = failures[i];
    TEST_ASSERT_EQUAL_INT(failures[i], crypto_aead_open(aead, kNonces, kAAD, sizeof kAAD, sealed,
                                                        sizeof sealed, out));
    assert_zero(out, sizeof out);
  }
}

void test_open_in_place_failing_zeroes_the_plaintext_but_not_the_tag(void) {
  uint8_t sealed[40];
  memset(sealed, 0x33, sizeof sealed);
  fail_call = 0;
  fail_status = CRYPTO_EAUTH;
  TEST_ASSERT_EQUAL_INT(CRYPTO_EAUTH, crypto_aead_open(aead, kNonces, NULL, 0, sealed,
                                                       sizeof sealed, sealed));
  assert_zero(sealed, sizeof sealed - CRYPTO_AEAD_TAG_SIZE);
  for (size_t i = sizeof sealed - CRYPTO_AEAD_TAG_SIZE; i < sizeof sealed; i++) {
    TEST_ASSERT_EQUAL_UINT(0x33, sealed[i]);
  }
}

void test_open_batch_failing_midway_zeroes_every_output_and_stops(void) {
  uint8_t m0[20] = {0}, m1[30] = {0}, m2[16] = {0};
  uint8_t o0[4], o1[14];
  const uint8_t *ins[3] = {m0, m1, m2};
  size_t lens[3] = {sizeof m0, sizeof m1, sizeof m2}, bad = 99;
  uint8_t *outs[3] = {o0, o1, NULL}; /* m2 holds only a tag: no output */
  fail_call = 1;
  fail_status = CRYPTO_EAUTH;
  TEST_ASSERT_EQUAL_INT(CRYPTO_EAUTH, crypto_aead_open_batch(aead, kNonces, kAAD, sizeof kAAD,
                                                             ins, lens, 3, outs, &bad));
  TEST_ASSERT_EQUAL_UINT(1, bad);
  TEST_ASSERT_EQUAL_INT(2, crypto_aead_evp_open_CallCount());
  assert_zero(o0, sizeof o0);
  assert_zero(o1, sizeof o1);

  /* An OpenSSL failure names no message. */
  fail_call = 2;
  fail_status = CRYPTO_EBACKEND;
  TEST_ASSERT_EQUAL_INT(CRYPTO_EBACKEND, crypto_aead_open_batch(aead, kNonces, kAAD, sizeof kAAD,
                                                                ins, lens, 3, outs, &bad));
  TEST_ASSERT_EQUAL_UINT(3, bad);
  assert_zero(o0, sizeof o0);
  assert_zero(o1, sizeof o1);
}

void test_seal_batch_failing_midway_returns_the_status_and_stops(void) {
  uint8_t m[8] = {0}, o[3][8 + CRYPTO_AEAD_TAG_SIZE];
  const uint8_t *ins[3] = {m, m, m};
  size_t lens[3] = {8, 8, 8};
  uint8_t *outs[3] = {o[0], o[1], o[2]};
  fail_call = 1;
  fail_status = CRYPTO_ENOMEM;
  TEST_ASSERT_EQUAL_INT(CRYPTO_ENOMEM, crypto_aead_seal_batch(aead, kNonces, NULL, 0, ins, lens,
                                                              3, outs));
  TEST_ASSERT_EQUAL_INT(2, crypto_aead_evp_seal_CallCount());
}

/* A seal passes its output's tail as the tag, after the ciphertext. */
void test_seal_writes_the_tag_after_the_ciphertext(void) {
  uint8_t in[5] = {0}, out[5 + CRYPTO_AEAD_TAG_SIZE];
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_aead_seal(aead, kNonces, NULL, 0, in, 5, out));
  for (size_t i = 0; i < 5; i++) TEST_ASSERT_EQUAL_UINT(0xc0, out[i]);
  for (size_t i = 5; i < sizeof out; i++) TEST_ASSERT_EQUAL_UINT(0x7a, out[i]);
}
