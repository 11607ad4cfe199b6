//go:build ignore

/* C unit tests of the one-shot and batch digests (oneshot.c) with the
 * OpenSSL seam mocked, as in hasher_mock_test.c: an allocation failure, an
 * OpenSSL failure mid-digest or mid-batch, and the context freed exactly
 * once on every path. A failing crypto_evp_final writes garbage through its
 * output, as OpenSSL may, so that a digest written to the caller's out
 * before the call succeeds shows. The batch vectors are in crypto_test.c. */
#include <stdint.h>
#include <string.h>

#include "Mockcrypto_evp.h"
#include "clib/crypto/crypto.h"
#include "tools/ctest/ctest.h"

/* A fake context, compared by address (see hasher_mock_test.c). */
struct crypto_evp {
  int id;
};

static crypto_evp ctx = {1};
static crypto_evp *const ctx_ptr = &ctx;

static const uint8_t kKey[] = "secret key";
static const uint8_t kData[] = "some data";

/* expect_new expects one crypto_evp_new of alg with key[0, key_len) and
 * makes it return st (and, on CRYPTO_OK, ctx). */
static void expect_new(crypto_evp_alg alg, const uint8_t *key, size_t key_len, crypto_status st) {
  crypto_evp_new_ExpectWithArrayAndReturn(alg, key, key_len, key_len, NULL, 0, st);
  crypto_evp_new_IgnoreArg_out();
  if (st == CRYPTO_OK) crypto_evp_new_ReturnThruPtr_out(&ctx_ptr);
}

/* After a failed crypto_evp_new there is no context: freeing NULL (a no-op
 * by the seam's contract) is all that may happen. */
static void only_null_freed(crypto_evp *e, int num_calls) {
  (void)num_calls;
  if (e != NULL) TEST_FAIL_MESSAGE("crypto_evp_free of a context that was never created");
}

/* The output is written only on CRYPTO_OK: a failed call leaves the 0x5a
 * the test filled it with, over all n digests of a batch. */
static void assert_untouched(const uint8_t *out, size_t n) {
  for (size_t i = 0; i < n * CRYPTO_SHA256_SIZE; i++) {
    if (out[i] != 0x5a) {
      ctest_fail(__FILE__, __LINE__, "out[%zu] = 0x%02x: written by a failed call", i, out[i]);
    }
  }
}

/* What crypto_evp_final "writes" in these tests: digest i is all 0xd0 + i;
 * kGarbage is what a failing final leaves in its output. */
static uint8_t kDigests[3][CRYPTO_SHA256_SIZE], kGarbage[CRYPTO_SHA256_SIZE];

void setUp(void) {
  for (size_t i = 0; i < 3; i++) memset(kDigests[i], 0xd0 + (int)i, CRYPTO_SHA256_SIZE);
  memset(kGarbage, 0xee, sizeof kGarbage);
}

/* expect_final expects a crypto_evp_final of ctx, into whatever buffer the
 * code chose, that writes src there and returns st. */
static void expect_final(const uint8_t *src, crypto_status st) {
  crypto_evp_final_ExpectAndReturn(&ctx, NULL, st);
  crypto_evp_final_IgnoreArg_out();
  crypto_evp_final_ReturnArrayThruPtr_out(src, CRYPTO_SHA256_SIZE);
}

void test_sha256_success_writes_the_seams_digest(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  expect_new(CRYPTO_EVP_SHA256, NULL, 0, CRYPTO_OK);
  crypto_evp_update_ExpectWithArrayAndReturn(&ctx, kData, sizeof kData, sizeof kData, CRYPTO_OK);
  expect_final(kDigests[0], CRYPTO_OK);
  crypto_evp_free_Expect(&ctx);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_sha256(kData, sizeof kData, out));
  TEST_ASSERT_EQUAL_MEMORY(kDigests[0], out, sizeof out);
}

void test_sha256_context_alloc_failure_is_enomem(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  memset(out, 0x5a, sizeof out);
  expect_new(CRYPTO_EVP_SHA256, NULL, 0, CRYPTO_ENOMEM);
  crypto_evp_free_Stub(only_null_freed);
  TEST_ASSERT_EQUAL_INT(CRYPTO_ENOMEM, crypto_sha256(kData, sizeof kData, out));
  assert_untouched(out, 1);
}

void test_hmac_backend_failure_creating_context_is_ebackend(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  memset(out, 0x5a, sizeof out);
  expect_new(CRYPTO_EVP_HMAC_SHA256, kKey, sizeof kKey, CRYPTO_EBACKEND);
  crypto_evp_free_Stub(only_null_freed);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EBACKEND,
                        crypto_hmac_sha256(kKey, sizeof kKey, kData, sizeof kData, out));
  assert_untouched(out, 1);
}

/* update fails: EBACKEND, no final, the context freed exactly once. */
void test_sha256_update_failure_is_ebackend_and_context_freed_once(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  memset(out, 0x5a, sizeof out);
  expect_new(CRYPTO_EVP_SHA256, NULL, 0, CRYPTO_OK);
  crypto_evp_update_ExpectAndReturn(&ctx, kData, sizeof kData, CRYPTO_EBACKEND);
  crypto_evp_free_Expect(&ctx);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EBACKEND, crypto_sha256(kData, sizeof kData, out));
  assert_untouched(out, 1);
}

/* final fails: EBACKEND, the context freed exactly once. */
void test_hmac_final_failure_is_ebackend_and_context_freed_once(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  memset(out, 0x5a, sizeof out);
  expect_new(CRYPTO_EVP_HMAC_SHA256, kKey, sizeof kKey, CRYPTO_OK);
  crypto_evp_update_ExpectAndReturn(&ctx, kData, sizeof kData, CRYPTO_OK);
  expect_final(kGarbage, CRYPTO_EBACKEND);
  crypto_evp_free_Expect(&ctx);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EBACKEND,
                        crypto_hmac_sha256(kKey, sizeof kKey, kData, sizeof kData, out));
  assert_untouched(out, 1);
}

/* A batch of three whose last final fails: the two digests made before it
 * must not reach out, nor the garbage of the failed one. */
void test_batch_failing_at_last_message_leaves_out_untouched(void) {
  const uint8_t *msgs[3] = {kData, kData, kData};
  size_t lens[3] = {sizeof kData, sizeof kData, sizeof kData};
  uint8_t out[3][CRYPTO_SHA256_SIZE];
  memset(out, 0x5a, sizeof out);
  expect_new(CRYPTO_EVP_HMAC_SHA256, kKey, sizeof kKey, CRYPTO_OK);
  for (size_t i = 0; i < 3; i++) {
    if (i > 0) crypto_evp_reset_ExpectAndReturn(&ctx, CRYPTO_OK);
    crypto_evp_update_ExpectAndReturn(&ctx, kData, sizeof kData, CRYPTO_OK);
    expect_final(i < 2 ? kDigests[i] : kGarbage, i < 2 ? CRYPTO_OK : CRYPTO_EBACKEND);
  }
  crypto_evp_free_Expect(&ctx);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EBACKEND,
                        crypto_hmac_sha256_batch(kKey, sizeof kKey, msgs, lens, 3, &out[0][0]));
  assert_untouched(&out[0][0], 3);
}

/* A reset failing mid-batch (packed form): out untouched as well. */
void test_packed_batch_failing_at_reset_leaves_out_untouched(void) {
  size_t lens[3] = {3, 3, 3};
  uint8_t out[3][CRYPTO_SHA256_SIZE];
  memset(out, 0x5a, sizeof out);
  expect_new(CRYPTO_EVP_SHA256, NULL, 0, CRYPTO_OK);
  crypto_evp_update_ExpectAndReturn(&ctx, kData, 3, CRYPTO_OK);
  expect_final(kDigests[0], CRYPTO_OK);
  crypto_evp_reset_ExpectAndReturn(&ctx, CRYPTO_EBACKEND);
  crypto_evp_free_Expect(&ctx);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EBACKEND,
                        crypto_sha256_batch_packed(kData, 9, NULL, lens, 3, &out[0][0]));
  assert_untouched(&out[0][0], 3);
}

/* On success every digest lands in its slot, in order. */
void test_batch_success_writes_every_digest(void) {
  const uint8_t *msgs[3] = {kData, kData, kData};
  size_t lens[3] = {1, 2, 3};
  uint8_t out[3][CRYPTO_SHA256_SIZE];
  expect_new(CRYPTO_EVP_SHA256, NULL, 0, CRYPTO_OK);
  for (size_t i = 0; i < 3; i++) {
    if (i > 0) crypto_evp_reset_ExpectAndReturn(&ctx, CRYPTO_OK);
    crypto_evp_update_ExpectAndReturn(&ctx, kData, i + 1, CRYPTO_OK);
    expect_final(kDigests[i], CRYPTO_OK);
  }
  crypto_evp_free_Expect(&ctx);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_sha256_batch(msgs, lens, 3, &out[0][0]));
  TEST_ASSERT_EQUAL_MEMORY(kDigests, out, sizeof out);
}

void test_invalid_arguments_never_reach_the_seam(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  const uint8_t *msgs[2] = {kData, kData};
  size_t lens[2] = {1, SIZE_MAX};
  /* No expectations: any seam call fails the test. */
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_sha256(NULL, 1, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_sha256(kData, 1, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hmac_sha256(NULL, 1, kData, 1, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hmac_sha256(kKey, 1, NULL, 1, out));
  /* A NULL key with a length is wrong whatever the batch holds. */
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hmac_sha256_batch(NULL, 1, NULL, NULL, 0, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL,
                        crypto_hmac_sha256_batch_packed(NULL, 1, NULL, 0, NULL, NULL, 0, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_sha256(kData, SIZE_MAX, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_hmac_sha256(kKey, CRYPTO_MAX_LEN + 1, kData, 1, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_sha256_batch(msgs, lens, 2, out));
}
