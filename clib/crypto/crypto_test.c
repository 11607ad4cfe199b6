//go:build ignore

/* C unit tests for crypto against the real OpenSSL seam (crypto_evp.c);
 * Bazel builds them as the c_unit_test crypto_c_test. The build constraint
 * above keeps `go build` from compiling this file into the cgo package.
 * Vectors: FIPS 180-4 examples (NIST CSRC) and RFC 4231. Error handling
 * with OpenSSL failing on purpose is in hasher_mock_test.c and
 * oneshot_mock_test.c, on a mock of crypto_evp.h. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clib/crypto/crypto.h"
#include "tools/ctest/ctest.h"

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

/* ASSERT_DIGEST fails unless got starts with the bytes of want_hex (RFC 4231
 * case 5 checks a prefix), naming the vector. */
#define ASSERT_DIGEST(got, want_hex, what, i) assert_digest(__FILE__, __LINE__, got, want_hex, what, i)

static void assert_digest(const char *file, int line, const uint8_t *got, const char *want_hex,
                          const char *what, size_t i) {
  uint8_t want[CRYPTO_SHA256_SIZE];
  size_t n = unhex(want_hex, want);
  char msg[512];
  if (ctest_compare(msg, sizeof msg, "digest", want, got, 1, n, CTEST_BYTES)) {
    ctest_fail(file, line, "%s vector %zu: %s", what, i, msg);
  }
}

/* CHECK_OK fails unless a call returns CRYPTO_OK, naming the vector. */
#define CHECK_OK(call, what, i)                                                           \
  do {                                                                                    \
    crypto_status st_ = (call);                                                           \
    if (st_ != CRYPTO_OK) {                                                               \
      ctest_fail(__FILE__, __LINE__, "%s vector %zu: %s returned %d", what, i, #call,    \
                 (int)st_);                                                               \
    }                                                                                     \
  } while (0)

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

/* The SHA-256 messages (one of a million bytes), built by sha_messages and
 * freed by tearDown, as is a hasher a failed test left behind. */
static const uint8_t *msgs[COUNT(kSHA)];
static size_t lens[COUNT(kSHA)];
static crypto_hasher *h;
/* The current HMAC vector's key and data (see hmac_vector_bytes). */
static uint8_t *vec_key, *vec_data;

void tearDown(void) {
  for (size_t i = 0; i < COUNT(kSHA); i++) {
    free((void *)msgs[i]);
    msgs[i] = NULL;
  }
  free(vec_key);
  free(vec_data);
  vec_key = vec_data = NULL;
  crypto_hasher_free(h);
  h = NULL;
}

/* Each message is malloc'd to its exact length, so that under
 * --config=asan a read past its end is reported. */
static void sha_messages(void) {
  for (size_t i = 0; i < COUNT(kSHA); i++) {
    size_t m = strlen(kSHA[i].msg);
    lens[i] = m * kSHA[i].repeat;
    uint8_t *buf = malloc(lens[i]);
    if (buf == NULL && lens[i] != 0) TEST_FAIL_MESSAGE("out of memory");
    for (size_t r = 0; r < kSHA[i].repeat; r++) memcpy(buf + r * m, kSHA[i].msg, m);
    msgs[i] = buf;
  }
}

void test_sha256_oneshot_vectors(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  sha_messages();
  for (size_t i = 0; i < COUNT(kSHA); i++) {
    CHECK_OK(crypto_sha256(msgs[i], lens[i], out), "sha256", i);
    ASSERT_DIGEST(out, kSHA[i].digest, "sha256", i);
  }
}

/* Streaming in uneven chunks, with a digest mid-way that must not end the
 * stream. */
void test_sha256_streaming_vectors(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  sha_messages();
  for (size_t i = 0; i < COUNT(kSHA); i++) {
    CHECK_OK(crypto_hasher_new_sha256(&h), "sha256 stream", i);
    for (size_t off = 0, step = 1; off < lens[i]; off += step, step = step * 3 + 1) {
      size_t n = lens[i] - off < step ? lens[i] - off : step;
      CHECK_OK(crypto_hasher_update(h, msgs[i] + off, n), "sha256 stream", i);
      CHECK_OK(crypto_hasher_final(h, out), "sha256 stream", i);
    }
    CHECK_OK(crypto_hasher_final(h, out), "sha256 stream", i);
    ASSERT_DIGEST(out, kSHA[i].digest, "sha256 stream", i);
    crypto_hasher_free(h);
    h = NULL;
  }
}

void test_sha256_batch_vectors(void) {
  uint8_t batch[COUNT(kSHA)][CRYPTO_SHA256_SIZE];
  sha_messages();
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_sha256_batch(msgs, lens, COUNT(kSHA), &batch[0][0]));
  for (size_t i = 0; i < COUNT(kSHA); i++) ASSERT_DIGEST(batch[i], kSHA[i].digest, "sha256 batch", i);
}

/* The packed form of the NIST vectors: the short messages copied back to
 * back, the million-byte one passed in place, as the Go binding does. */
void test_sha256_batch_packed_vectors(void) {
  uint8_t batch[COUNT(kSHA)][CRYPTO_SHA256_SIZE];
  const uint8_t *ptrs[COUNT(kSHA)] = {0};
  uint8_t packed[1024];
  size_t packed_len = 0;
  sha_messages();
  for (size_t i = 0; i < COUNT(kSHA); i++) {
    if (lens[i] > 256) {
      ptrs[i] = msgs[i];
      continue;
    }
    TEST_ASSERT_TRUE(packed_len + lens[i] <= sizeof packed);
    memcpy(packed + packed_len, msgs[i], lens[i]);
    packed_len += lens[i];
  }
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_sha256_batch_packed(packed, packed_len, ptrs, lens,
                                                              COUNT(kSHA), &batch[0][0]));
  for (size_t i = 0; i < COUNT(kSHA); i++) ASSERT_DIGEST(batch[i], kSHA[i].digest, "packed", i);
}

/* Lengths that do not account for the packed buffer exactly, or that
 * overflow when summed, are rejected before anything is hashed. */
void test_batch_packed_errors(void) {
  uint8_t out[16][CRYPTO_SHA256_SIZE];
  const uint8_t packed[4] = {'a', 'b', 'c', 'd'};
  size_t two[2] = {2, 2}, short_sum[2] = {1, 2}, long_sum[2] = {3, 2};
  size_t overflow[2] = {SIZE_MAX, 5};
  /* Lengths within CRYPTO_MAX_LEN whose sum wraps around to exactly 4: a
   * check that summed them would accept the batch. */
  size_t wraps[16], n_wraps = SIZE_MAX / CRYPTO_MAX_LEN + 1;
  TEST_ASSERT_TRUE(n_wraps <= COUNT(wraps));
  for (size_t i = 0; i + 1 < n_wraps; i++) wraps[i] = CRYPTO_MAX_LEN;
  wraps[n_wraps - 1] = 4 - (n_wraps - 1) * CRYPTO_MAX_LEN; /* mod SIZE_MAX + 1 */
  TEST_ASSERT_TRUE(wraps[n_wraps - 1] <= CRYPTO_MAX_LEN);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_sha256_batch_packed(packed, 4, NULL, two, 2, &out[0][0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL,
                        crypto_sha256_batch_packed(packed, 4, NULL, short_sum, 2, &out[0][0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL,
                        crypto_sha256_batch_packed(packed, 4, NULL, long_sum, 2, &out[0][0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL,
                        crypto_sha256_batch_packed(packed, 4, NULL, wraps, n_wraps, &out[0][0]));
  /* SIZE_MAX is past CRYPTO_MAX_LEN: a length no buffer can have. */
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE,
                        crypto_sha256_batch_packed(packed, 4, NULL, overflow, 2, &out[0][0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_sha256_batch_packed(NULL, 4, NULL, two, 2, &out[0][0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_sha256_batch_packed(packed, 4, NULL, NULL, 2, &out[0][0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_sha256_batch_packed(packed, 4, NULL, two, 2, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_sha256_batch_packed(NULL, 0, NULL, NULL, 0, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_E2BIG, crypto_sha256_batch_packed(packed, 4, NULL, two,
                                                                 CRYPTO_MAX_BATCH + 1, &out[0][0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hmac_sha256_batch_packed(NULL, 1, packed, 4, NULL, two,
                                                                       2, &out[0][0]));

  /* A message passed in place does not count against the packed buffer. */
  const uint8_t *ptrs[2] = {NULL, packed};
  size_t mixed[2] = {4, 4};
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_sha256_batch_packed(packed, 4, ptrs, mixed, 2, &out[0][0]));
  TEST_ASSERT_EQUAL_MEMORY(out[0], out[1], CRYPTO_SHA256_SIZE);
}

/* exact_copy returns src[0, len) in a new heap buffer of exactly len bytes
 * (NULL only for len 0), so that ASan sees a read past its end. */
static uint8_t *exact_copy(const uint8_t *src, size_t len) {
  uint8_t *p = malloc(len);
  if (p == NULL && len != 0) TEST_FAIL_MESSAGE("out of memory");
  if (len != 0) memcpy(p, src, len);
  return p;
}

/* hmac_vector_bytes decodes vector i's key and data into vec_key and
 * vec_data, exact-length heap copies that replace the previous vector's. */
static void hmac_vector_bytes(size_t i, size_t *key_len, size_t *len) {
  uint8_t key[256], data[256];
  *key_len = unhex(kHMAC[i].key_hex, key);
  *len = unhex(kHMAC[i].data_hex, data);
  free(vec_key);
  free(vec_data);
  vec_key = vec_data = NULL; /* exact_copy may leave the test: no dangling pointer */
  vec_key = exact_copy(key, *key_len);
  vec_data = exact_copy(data, *len);
}

void test_hmac_oneshot_vectors(void) {
  for (size_t i = 0; i < COUNT(kHMAC); i++) {
    uint8_t out[CRYPTO_SHA256_SIZE];
    size_t key_len, len;
    hmac_vector_bytes(i, &key_len, &len);
    const uint8_t *key = vec_key, *data = vec_data;
    CHECK_OK(crypto_hmac_sha256(key, key_len, data, len, out), "hmac", i);
    ASSERT_DIGEST(out, kHMAC[i].mac, "hmac", i);
  }
}

void test_hmac_batch_vectors(void) {
  for (size_t i = 0; i < COUNT(kHMAC); i++) {
    uint8_t batch[2][CRYPTO_SHA256_SIZE];
    size_t key_len, len;
    hmac_vector_bytes(i, &key_len, &len);
    const uint8_t *key = vec_key, *data = vec_data;
    const uint8_t *two[2] = {data, data};
    size_t two_lens[2] = {len, len};
    CHECK_OK(crypto_hmac_sha256_batch(key, key_len, two, two_lens, 2, &batch[0][0]), "hmac batch", i);
    ASSERT_DIGEST(batch[0], kHMAC[i].mac, "hmac batch", i);
    ASSERT_DIGEST(batch[1], kHMAC[i].mac, "hmac batch", i);
  }
}

void test_hmac_streaming_vectors(void) {
  for (size_t i = 0; i < COUNT(kHMAC); i++) {
    uint8_t out[CRYPTO_SHA256_SIZE];
    size_t key_len, len;
    hmac_vector_bytes(i, &key_len, &len);
    const uint8_t *key = vec_key, *data = vec_data;
    CHECK_OK(crypto_hasher_new_hmac_sha256(key, key_len, &h), "hmac stream", i);
    CHECK_OK(crypto_hasher_update(h, data, len / 2), "hmac stream", i);
    CHECK_OK(crypto_hasher_final(h, out), "hmac stream", i);
    CHECK_OK(crypto_hasher_update(h, data + len / 2, len - len / 2), "hmac stream", i);
    CHECK_OK(crypto_hasher_final(h, out), "hmac stream", i);
    ASSERT_DIGEST(out, kHMAC[i].mac, "hmac stream", i);
    crypto_hasher_free(h);
    h = NULL;
  }
}

/* Go's crypto/hmac accepts an empty key; so must we (OpenSSL treats a NULL
 * key as "no key"). */
void test_empty_hmac_key(void) {
  const char *want = "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad";
  uint8_t out[CRYPTO_SHA256_SIZE];
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hmac_sha256(NULL, 0, NULL, 0, out));
  ASSERT_DIGEST(out, want, "empty key, NULL pointers", (size_t)0);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK,
                        crypto_hmac_sha256((const uint8_t *)"", 0, (const uint8_t *)"", 0, out));
  ASSERT_DIGEST(out, want, "empty key, empty strings", (size_t)0);
}

void test_oneshot_errors(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_sha256(NULL, 1, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_sha256((const uint8_t *)"a", 1, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hmac_sha256(NULL, 1, (const uint8_t *)"a", 1, out));
}

/* Lengths past CRYPTO_MAX_LEN are CRYPTO_ERANGE before OpenSSL sees them
 * (crypto_sha256(buf, SIZE_MAX, out) used to crash inside it), for every
 * length argument, and leave out untouched. */
void test_lengths_past_max_are_erange(void) {
  const uint8_t buf[4] = {'a', 'b', 'c', 'd'};
  const uint8_t *msgs[2] = {buf, buf};
  size_t huge[2] = {1, SIZE_MAX}, over[2] = {CRYPTO_MAX_LEN + 1, 0};
  uint8_t out[2][CRYPTO_SHA256_SIZE], poison[2][CRYPTO_SHA256_SIZE];
  memset(out, 0x5a, sizeof out);
  memset(poison, 0x5a, sizeof poison);
  TEST_ASSERT_TRUE(CRYPTO_MAX_LEN <= (size_t)PTRDIFF_MAX);
  TEST_ASSERT_TRUE(CRYPTO_MAX_LEN < ((uint64_t)1 << 61)); /* SHA-256: < 2^64 bits */
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_sha256(buf, SIZE_MAX, out[0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_sha256(buf, CRYPTO_MAX_LEN + 1, out[0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_hmac_sha256(buf, SIZE_MAX, buf, 4, out[0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_hmac_sha256(buf, 4, buf, SIZE_MAX, out[0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_sha256_batch(msgs, huge, 2, &out[0][0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_hmac_sha256_batch(buf, 4, msgs, over, 2, &out[0][0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE,
                        crypto_hmac_sha256_batch(buf, CRYPTO_MAX_LEN + 1, msgs, over, 0, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE,
                        crypto_sha256_batch_packed(buf, SIZE_MAX, NULL, huge, 2, &out[0][0]));
  /* A message passed in place is capped too, though it is not packed. */
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE,
                        crypto_sha256_batch_packed(NULL, 0, msgs, huge, 2, &out[0][0]));
  TEST_ASSERT_EQUAL_MEMORY(poison, out, sizeof out);

  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_hasher_new_hmac_sha256(buf, SIZE_MAX, &h));
  TEST_ASSERT_NULL(h);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hasher_new_sha256(&h));
  TEST_ASSERT_EQUAL_INT(CRYPTO_ERANGE, crypto_hasher_update(h, buf, SIZE_MAX));
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hasher_final(h, out[0]));
  ASSERT_DIGEST(out[0], kSHA[0].digest, "the refused update fed nothing", (size_t)0);
}

/* The output may overlap the inputs. Four 16-byte messages packed in a
 * buffer that is also the output of their four 32-byte digests: the first
 * digest covers the second message, so writing it before the second
 * message is read would hash the wrong bytes. The same with the key. */
void test_output_may_overlap_inputs(void) {
  uint8_t buf[4][CRYPTO_SHA256_SIZE], want[4][CRYPTO_SHA256_SIZE], copy[64];
  const size_t lens[4] = {16, 16, 16, 16};
  for (size_t i = 0; i < sizeof copy; i++) copy[i] = (uint8_t)(i * 7 + 1);
  for (size_t i = 0; i < 4; i++) {
    TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_sha256(copy + 16 * i, 16, want[i]));
  }
  memcpy(buf, copy, sizeof copy);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_sha256_batch_packed(&buf[0][0], 64, NULL, lens, 4,
                                                              &buf[0][0]));
  TEST_ASSERT_EQUAL_MEMORY(want, buf, sizeof buf);

  /* Pointer form, messages in reverse order over the output. */
  const uint8_t *msgs[4];
  memcpy(buf, copy, sizeof copy);
  for (size_t i = 0; i < 4; i++) msgs[i] = &buf[0][0] + 16 * (3 - i);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_sha256_batch(msgs, lens, 4, &buf[0][0]));
  for (size_t i = 0; i < 4; i++) TEST_ASSERT_EQUAL_MEMORY(want[3 - i], buf[i], CRYPTO_SHA256_SIZE);

  /* One-shot HMAC whose key and data are its output. */
  uint8_t mac[CRYPTO_SHA256_SIZE];
  memcpy(buf, copy, sizeof copy);
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hmac_sha256(copy, 32, copy, 32, mac));
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hmac_sha256(buf[0], 32, buf[0], 32, buf[0]));
  TEST_ASSERT_EQUAL_MEMORY(mac, buf[0], sizeof mac);
}

void test_batch_errors(void) {
  uint8_t out[2][CRYPTO_SHA256_SIZE];
  const uint8_t *bad[2] = {(const uint8_t *)"a", NULL};
  size_t bad_lens[2] = {1, 1};
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_sha256_batch(bad, bad_lens, 2, &out[0][0])); /* bad[1] */
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_sha256_batch(NULL, bad_lens, 1, &out[0][0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_sha256_batch(bad, NULL, 1, &out[0][0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_sha256_batch(bad, bad_lens, 1, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_sha256_batch(NULL, NULL, 0, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_E2BIG,
                        crypto_sha256_batch(bad, bad_lens, CRYPTO_MAX_BATCH + 1, &out[0][0]));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL,
                        crypto_hmac_sha256_batch(NULL, 1, bad, bad_lens, 1, &out[0][0]));
  /* The key is checked even when there is nothing to hash. */
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hmac_sha256_batch(NULL, 1, NULL, NULL, 0, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL,
                        crypto_hmac_sha256_batch_packed(NULL, 1, NULL, 0, NULL, NULL, 0, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hmac_sha256_batch(NULL, 0, NULL, NULL, 0, NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_E2BIG, crypto_hmac_sha256_batch(NULL, 0, bad, bad_lens,
                                                               CRYPTO_MAX_BATCH + 1, &out[0][0]));
}

void test_hasher_errors(void) {
  uint8_t out[CRYPTO_SHA256_SIZE];
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hasher_new_sha256(NULL));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hasher_new_hmac_sha256(NULL, 1, &h));
  TEST_ASSERT_NULL(h);
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hasher_update(NULL, NULL, 0));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hasher_final(NULL, out));
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hasher_new_sha256(&h));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hasher_update(h, NULL, 1));
  TEST_ASSERT_EQUAL_INT(CRYPTO_OK, crypto_hasher_update(h, NULL, 0));
  TEST_ASSERT_EQUAL_INT(CRYPTO_EINVAL, crypto_hasher_final(h, NULL));
  crypto_hasher_free(h);
  h = NULL;
  crypto_hasher_free(NULL);
}
