//go:build ignore

/* C unit tests of the one-shot digests (oneshot.c) with the OpenSSL seam
 * mocked, as in hasher_mock_test.c: an allocation failure, an OpenSSL
 * failure mid-digest, and the context freed exactly once on every path.
 * Only one-shot calls here; the batch path's vectors and argument checks are
 * in crypto_test.c. */
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

/* The output is written only on CRYPTO_OK. */
static void assert_untouched(const uint8_t out[CRYPTO_SHA256_SIZE]) {
  uint8_t poison[CRYPTO_SHA256_SIZE];
  memset(poison, 0x5a, sizeof poison);
  TEST_ASSERT_EQUAL_MEMORY(poison, out, CRYPTO_SHA256_SIZE);
}

void test_sha256_success_writes_the_seams_digest(void) {
  uint8_t digest[CRYPTO_SHA256_SIZE], out[CRYPTO_SHA256_SIZE];
  for (size_t i = 0; i < sizeof digest; i++) digest[i] = (uint8_t)i;
  expect_new(CRYPTO_EVP_SHA256, NULL, 0, CRYPTO_OK);
  crypto_evp_update_ExpectWithArrayAndReturn(&ctx, kData, sizeof kData, sizeof kData, CRYPTO_OK);
  crypto_evp_final_ExpectWithArrayAndReturn(&ctx, out, 0, CRYPTO_OK);
  crypto_evp_final_ReturnArrayThruPtr_out(digest, sizeof digest);
  crypto_evp_free_Expect(&ctx);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_sha256(kData, sizeof kData, out));
  TEST_ASSERT_EQUAL_MEMORY(digest, out, sizeof out);
}

void test_sha256_context_alloc_failure_is_enomem(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  memset(out, 0x5a, sizeof out);
  expect_new(CRYPTO_EVP_SHA256, NULL, 0, CRYPTO_ENOMEM);
  crypto_evp_free_Stub(only_null_freed);
  TEST_ASSERT_EQUAL_INT(CRYPTO_ENOMEM, crypto_sha256(kData, sizeof kData, out));
  assert_untouched(out);
}

void test_hmac_backend_failure_creating_context_is_ebackend(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  memset(out, 0x5a, sizeof out);
  expect_new(CRYPTO_EVP_HMAC_SHA256, kKey, sizeof kKey, CRYPTO_EBACKEND);
  crypto_evp_free_Stub(only_null_freed);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EBACKEND,
                        crypto_hmac_sha256(kKey, sizeof kKey, kData, sizeof kData, out));
  assert_untouched(out);
}

/* update fails: EBACKEND, no final, the context freed exactly once. */
void test_sha256_update_failure_is_ebackend_and_context_freed_once(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  memset(out, 0x5a, sizeof out);
  expect_new(CRYPTO_EVP_SHA256, NULL, 0, CRYPTO_OK);
  crypto_evp_update_ExpectAndReturn(&ctx, kData, sizeof kData, CRYPTO_EBACKEND);
  crypto_evp_free_Expect(&ctx);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EBACKEND, crypto_sha256(kData, sizeof kData, out));
  assert_untouched(out);
}

/* final fails: EBACKEND, the context freed exactly once. */
void test_hmac_final_failure_is_ebackend_and_context_freed_once(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  memset(out, 0x5a, sizeof out);
  expect_new(CRYPTO_EVP_HMAC_SHA256, kKey, sizeof kKey, CRYPTO_OK);
  crypto_evp_update_ExpectAndReturn(&ctx, kData, sizeof kData, CRYPTO_OK);
  crypto_evp_final_ExpectWithArrayAndReturn(&ctx, out, 0, CRYPTO_EBACKEND);
  crypto_evp_free_Expect(&ctx);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EBACKEND,
                        crypto_hmac_sha256(kKey, sizeof kKey, kData, sizeof kData, out));
  assert_untouched(out);
}

void test_invalid_arguments_never_reach_the_seam(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  /* No expectations: any seam call fails the test. */
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_sha256(NULL, 1, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_sha256(kData, 1, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hmac_sha256(NULL, 1, kData, 1, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hmac_sha256(kKey, 1, NULL, 1, out));
}
