//go:build ignore

/* C unit tests of the streaming hasher (hasher.c) with the OpenSSL seam
 * mocked: the c_unit_test crypto_hasher_mock_test links :crypto_core and a
 * strict-order mock of crypto_evp.h instead of :crypto_evp, so each test
 * makes "OpenSSL" fail at one step and checks the status the hasher returns
 * and that every context it got is freed exactly once (the mock's
 * crypto_evp_free expectations; an extra or missing free fails the test).
 * A failing crypto_evp_final writes garbage through its output, as OpenSSL
 * may, so that a digest written to the caller's out on failure shows.
 * Under --config=asan, the leak checker covers the hasher's own malloc. */
#include <stdint.h>
#include <string.h>

#include "Mockcrypto_evp.h"
#include "clib/crypto/crypto.h"
#include "tools/ctest/ctest.h"

/* The seam's type is opaque to hasher.c; the test gives it a body so that
 * it can hand out distinct fake contexts, compared by address. */
struct crypto_evp {
  int id;
};

static crypto_evp stream_ctx = {1}, copy_ctx = {2};
static crypto_evp *const stream_ptr = &stream_ctx, *const copy_ptr = &copy_ctx;

static const uint8_t kKey[] = "secret key";
static const uint8_t kData[] = "some data";

/* A hasher a test created; it must free it (with free_hasher) and clear it. */
static crypto_hasher *h;

/* expect_new expects one crypto_evp_new of alg with key[0, key_len) and
 * makes it return st (and, on CRYPTO_OK, stream_ctx). */
static void expect_new(crypto_evp_alg alg, const uint8_t *key, size_t key_len, crypto_status st) {
  crypto_evp_new_ExpectWithArrayAndReturn(alg, key, key_len, key_len, NULL, 0, st);
  crypto_evp_new_IgnoreArg_out();
  if (st == CRYPTO_OK) crypto_evp_new_ReturnThruPtr_out(&stream_ptr);
}

/* new_sha256 creates h on stream_ctx. */
static void new_sha256(void) {
  expect_new(CRYPTO_EVP_SHA256, NULL, 0, CRYPTO_OK);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hasher_new_sha256(&h));
  TEST_ASSERT_NOT_NULL(h);
}

/* free_hasher frees h, expecting its context to be freed exactly once. */
static void free_hasher(void) {
  crypto_evp_free_Expect(&stream_ctx);
  crypto_hasher_free(h);
  h = NULL;
}

static void ignore_free(crypto_evp *e, int num_calls) { (void)e, (void)num_calls; }

/* What a failing crypto_evp_final leaves in its output. */
static const uint8_t kGarbage[CRYPTO_SHA256_SIZE] = {0xee, 0xee, 0xee, 0xee};

/* expect_final_of_copy expects a crypto_evp_final of copy_ctx, into
 * whatever buffer hasher.c chose, that writes src there and returns st. */
static void expect_final_of_copy(const uint8_t *src, crypto_status st) {
  crypto_evp_final_ExpectAndReturn(&copy_ctx, NULL, st);
  crypto_evp_final_IgnoreArg_out();
  crypto_evp_final_ReturnArrayThruPtr_out(src, CRYPTO_SHA256_SIZE);
}

/* assert_untouched checks that out still holds the 0x5a a test put there. */
static void assert_untouched(const uint8_t out[CRYPTO_SHA256_SIZE]) {
  uint8_t poison[CRYPTO_SHA256_SIZE];
  memset(poison, 0x5a, sizeof poison);
  TEST_ASSERT_EQUAL_MEMORY(poison, out, CRYPTO_SHA256_SIZE);
}

/* A test that ended early (failed) leaves h: free it without checking the
 * seam. A test that passed must have freed it itself. */
void tearDown(void) {
  if (h == NULL) return;
  crypto_evp_free_Stub(ignore_free);
  crypto_hasher_free(h);
  h = NULL;
  TEST_FAIL_MESSAGE("the test did not free its hasher");
}

void test_new_sha256_context_alloc_failure_is_enomem(void) {
  crypto_hasher *sentinel = (crypto_hasher *)&stream_ctx, *got = sentinel;
  expect_new(CRYPTO_EVP_SHA256, NULL, 0, CRYPTO_ENOMEM);
  /* No crypto_evp_free is expected: there is no context to free. */
  TEST_ASSERT_EQUAL_INT(CRYPTO_ENOMEM, crypto_hasher_new_sha256(&got));
  TEST_ASSERT_EQUAL_PTR(sentinel, got); /* not written on failure */
}

void test_new_hmac_backend_failure_is_ebackend(void) {
  crypto_hasher *got = NULL;
  /* The key reaches the seam as given (pointer and bytes). */
  expect_new(CRYPTO_EVP_HMAC_SHA256, kKey, sizeof kKey, CRYPTO_EBACKEND);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EBACKEND, crypto_hasher_new_hmac_sha256(kKey, sizeof kKey, &got));
  TEST_ASSERT_NULL(got);
}

void test_new_hmac_passes_empty_key_through(void) {
  expect_new(CRYPTO_EVP_HMAC_SHA256, NULL, 0, CRYPTO_OK);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hasher_new_hmac_sha256(NULL, 0, &h));
  free_hasher();
}

/* The stream's total is capped at CRYPTO_MAX_LEN (OpenSSL's bit count would
 * wrap past it): the update that would cross it is refused without reaching
 * the seam, and the stream goes on. The mock reads no data, so the lengths
 * need no buffer behind them. */
void test_update_past_max_total_is_erange(void) {
  new_sha256();
  crypto_evp_update_ExpectAndReturn(&stream_ctx, kData, CRYPTO_MAX_LEN - 1, CRYPTO_OK);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hasher_update(h, kData, CRYPTO_MAX_LEN - 1));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_hasher_update(h, kData, 2));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_hasher_update(h, kData, SIZE_MAX));
  crypto_evp_update_ExpectAndReturn(&stream_ctx, kData, 1, CRYPTO_OK);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hasher_update(h, kData, 1));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_hasher_update(h, kData, 1));
  free_hasher();
}

void test_invalid_arguments_never_reach_the_seam(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  crypto_hasher *got = NULL;
  /* No expectations: any seam call fails the test. */
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_hasher_new_hmac_sha256(kKey, SIZE_MAX, &got));
  TEST_ASSERT_NULL(got);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hasher_new_sha256(NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hasher_new_hmac_sha256(NULL, 1, &got));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hasher_new_hmac_sha256(kKey, 1, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hasher_update(NULL, kData, 1));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hasher_final(NULL, out));
  crypto_hasher_free(NULL);

  new_sha256();
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hasher_update(h, NULL, 1));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hasher_final(h, NULL));
  free_hasher();
}

/* Updates go to the stream's context with the caller's buffer (no copy). */
void test_update_passes_data_through(void) {
  new_sha256();
  crypto_evp_update_ExpectWithArrayAndReturn(&stream_ctx, kData, 0, sizeof kData, CRYPTO_OK);
  crypto_evp_update_ExpectWithArrayAndReturn(&stream_ctx, NULL, 0, 0, CRYPTO_OK);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hasher_update(h, kData, sizeof kData));
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hasher_update(h, NULL, 0));
  free_hasher();
}

void test_update_backend_failure_is_ebackend_and_stream_still_freed_once(void) {
  new_sha256();
  crypto_evp_update_ExpectAndReturn(&stream_ctx, kData, sizeof kData, CRYPTO_EBACKEND);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EBACKEND, crypto_hasher_update(h, kData, sizeof kData));
  free_hasher();
}

/* final digests a copy, so that the stream goes on: dup, final of the copy,
 * free of the copy; the stream's context is untouched. */
void test_final_finishes_a_copy_and_frees_it(void) {
  uint8_t digest[CRYPTO_SHA256_SIZE], out[CRYPTO_SHA256_SIZE];
  for (size_t i = 0; i < sizeof digest; i++) digest[i] = (uint8_t)(0xa0 + i);
  memset(out, 0, sizeof out);
  new_sha256();
  crypto_evp_dup_ExpectAndReturn(&stream_ctx, NULL, CRYPTO_OK);
  crypto_evp_dup_IgnoreArg_out();
  crypto_evp_dup_ReturnThruPtr_out(&copy_ptr);
  expect_final_of_copy(digest, CRYPTO_OK);
  crypto_evp_free_Expect(&copy_ctx);
  crypto_evp_update_ExpectAndReturn(&stream_ctx, kData, sizeof kData, CRYPTO_OK);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hasher_final(h, out));
  TEST_ASSERT_EQUAL_MEMORY(digest, out, sizeof out);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hasher_update(h, kData, sizeof kData));
  free_hasher();
}

/* An allocation failure copying the state: ENOMEM, no final, and nothing
 * freed but NULL (hasher.c frees its copy unconditionally; freeing NULL is a
 * no-op by the seam's contract). The stream's context is not freed. */
void test_final_dup_alloc_failure_is_enomem(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  new_sha256();
  crypto_evp_dup_ExpectAndReturn(&stream_ctx, NULL, CRYPTO_ENOMEM);
  crypto_evp_dup_IgnoreArg_out();
  crypto_evp_free_Expect(NULL);
  TEST_ASSERT_EQUAL_INT(CRYPTO_ENOMEM, crypto_hasher_final(h, out));
  free_hasher();
}

/* An OpenSSL failure finishing the copy: EBACKEND, and the copy is freed
 * exactly once; the stream stays usable. */
void test_final_backend_failure_is_ebackend_and_copy_freed_once(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  memset(out, 0x5a, sizeof out);
  new_sha256();
  crypto_evp_dup_ExpectAndReturn(&stream_ctx, NULL, CRYPTO_OK);
  crypto_evp_dup_IgnoreArg_out();
  crypto_evp_dup_ReturnThruPtr_out(&copy_ptr);
  expect_final_of_copy(kGarbage, CRYPTO_EBACKEND);
  crypto_evp_free_Expect(&copy_ctx);
  crypto_evp_update_ExpectAndReturn(&stream_ctx, kData, sizeof kData, CRYPTO_OK);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EBACKEND, crypto_hasher_final(h, out));
  assert_untouched(out);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hasher_update(h, kData, sizeof kData));
  free_hasher();
}

/* Every failure in one stream's life, in turn: each context is freed once,
 * the stream's own only when the hasher is. */
void test_every_error_path_frees_each_context_once(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  memset(out, 0x5a, sizeof out);
  expect_new(CRYPTO_EVP_HMAC_SHA256, kKey, sizeof kKey, CRYPTO_OK);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hasher_new_hmac_sha256(kKey, sizeof kKey, &h));
  crypto_evp_update_ExpectAnyArgsAndReturn(CRYPTO_EBACKEND);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EBACKEND, crypto_hasher_update(h, kData, sizeof kData));
  crypto_evp_dup_ExpectAnyArgsAndReturn(CRYPTO_ENOMEM);
  crypto_evp_free_Expect(NULL);
  TEST_ASSERT_EQUAL_INT(CRYPTO_ENOMEM, crypto_hasher_final(h, out));
  crypto_evp_dup_ExpectAnyArgsAndReturn(CRYPTO_OK);
  crypto_evp_dup_ReturnThruPtr_out(&copy_ptr);
  expect_final_of_copy(kGarbage, CRYPTO_EBACKEND);
  crypto_evp_free_Expect(&copy_ctx);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EBACKEND, crypto_hasher_final(h, out));
  assert_untouched(out);
  free_hasher();
  TEST_ASSERT_EQUAL_INT(3, crypto_evp_free_CallCount());
}
