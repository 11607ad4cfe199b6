/*
 * crypto.h: SHA-256 and HMAC-SHA256 for Go services, on OpenSSL libcrypto,
 * and the statuses of clib/crypto (authenticated encryption is in aead.h).
 *
 * Ownership and lengths: functions read input buffers only within
 * [ptr, ptr + len) and keep no pointer to them after returning. A buffer
 * pointer may be NULL only when its length is 0. Every length (of data, a
 * key, a batch message, a packed buffer, and the total fed to a hasher) is
 * at most CRYPTO_MAX_LEN, else CRYPTO_ERANGE.
 *
 * Outputs: digests are written to caller-owned arrays of CRYPTO_SHA256_SIZE
 * bytes (n of them, contiguous, for the batch calls) and only on CRYPTO_OK:
 * on any other status the output is untouched, for a batch too, wherever it
 * failed (digests are computed into scratch memory and copied out at the
 * end). The output may overlap any input, including the messages of a
 * batch: every input is read before the output is written.
 *
 * Errors come back as crypto_status codes; nothing aborts. Every argument
 * is checked before anything is hashed, whatever the number of messages;
 * when several are wrong, which of their codes comes back is unspecified.
 *
 * Thread safety: every function may be called concurrently, except that one
 * crypto_hasher must not be used by two threads at once.
 */
#ifndef CLIB_CRYPTO_CRYPTO_H_
#define CLIB_CRYPTO_CRYPTO_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CRYPTO_SHA256_SIZE 32
/* The most messages one batch call hashes. */
#define CRYPTO_MAX_BATCH 4096
/* The longest input, in bytes: SHA-256 is defined for messages shorter than
 * 2^64 bits (2^61 bytes), and no object is larger than PTRDIFF_MAX bytes.
 * A longer length cannot describe a real buffer: passed on, OpenSSL would
 * read until it faults, or wrap its bit count and return a wrong digest. */
#if PTRDIFF_MAX > 0x1fffffffffffffff
#define CRYPTO_MAX_LEN ((size_t)0x1fffffffffffffff) /* 2^61 - 1 */
#else
#define CRYPTO_MAX_LEN ((size_t)PTRDIFF_MAX)
#endif

typedef enum {
  CRYPTO_OK = 0,
  /* A required pointer was NULL (a buffer with length > 0, or an output). */
  CRYPTO_EINVAL = 1,
  /* A batch had more than CRYPTO_MAX_BATCH messages. */
  CRYPTO_E2BIG = 2,
  /* An allocation failed. */
  CRYPTO_ENOMEM = 3,
  /* OpenSSL reported a failure (e.g. SHA-256 unavailable in its config). */
  CRYPTO_EBACKEND = 4,
  /* A length exceeded CRYPTO_MAX_LEN (see above), or CRYPTO_AEAD_MAX_LEN
   * for aead.h. */
  CRYPTO_ERANGE = 5,
  /* aead.h: a sealed message did not authenticate under the key, nonce and
   * AAD given (it was altered, or any of them is wrong). */
  CRYPTO_EAUTH = 6,
} crypto_status;

/* crypto_sha256 writes SHA-256(data[0, len)) to out. */
crypto_status crypto_sha256(const uint8_t *data, size_t len, uint8_t out[CRYPTO_SHA256_SIZE]);

/* crypto_hmac_sha256 writes HMAC-SHA256 of data[0, len) under key[0,
 * key_len) to out. Any key length, including 0, is allowed. */
crypto_status crypto_hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *data,
                                 size_t len, uint8_t out[CRYPTO_SHA256_SIZE]);

/*
 * crypto_sha256_batch writes SHA-256(msgs[i][0, lens[i])) to
 * out[32 * i, 32 * i + 32) for i in [0, n): one call for many (small)
 * messages. msgs, lens and out may be NULL only when n is 0. All arguments
 * are checked before anything is hashed; out is written only on CRYPTO_OK,
 * all n digests at once. A batch of more than one message allocates its
 * scratch digests (CRYPTO_ENOMEM if that fails).
 */
crypto_status crypto_sha256_batch(const uint8_t *const *msgs, const size_t *lens, size_t n,
                                  uint8_t *out);

/* crypto_hmac_sha256_batch is crypto_sha256_batch for HMAC-SHA256, with one
 * key for all messages (its pads are computed once per call). The key is
 * checked like every argument: NULL with key_len > 0 is CRYPTO_EINVAL even
 * when n is 0. */
crypto_status crypto_hmac_sha256_batch(const uint8_t *key, size_t key_len,
                                       const uint8_t *const *msgs, const size_t *lens, size_t n,
                                       uint8_t *out);

/*
 * crypto_sha256_batch_packed is crypto_sha256_batch for a caller that has
 * copied (some of) its messages into one contiguous buffer, so that the call
 * needs no pointer per message: a Go caller would otherwise have to pin
 * every message, which costs more than copying a short one. Message i is
 *   - ptrs[i][0, lens[i]) if ptrs != NULL and ptrs[i] != NULL, or else
 *   - the next lens[i] bytes of packed: the packed messages lie back to
 *     back in packed[0, packed_len), in batch order, with no gaps.
 * The packed messages' lengths must add up to exactly packed_len
 * (CRYPTO_EINVAL otherwise; a sum that would overflow does not add up).
 * packed may be NULL only when packed_len is 0;
 * ptrs may be NULL (every message packed); lens and out may be NULL only
 * when n is 0. All arguments are checked before anything is hashed.
 */
crypto_status crypto_sha256_batch_packed(const uint8_t *packed, size_t packed_len,
                                         const uint8_t *const *ptrs, const size_t *lens, size_t n,
                                         uint8_t *out);

/* crypto_hmac_sha256_batch_packed is crypto_sha256_batch_packed for
 * HMAC-SHA256 under key[0, key_len), as crypto_hmac_sha256_batch. */
crypto_status crypto_hmac_sha256_batch_packed(const uint8_t *key, size_t key_len,
                                              const uint8_t *packed, size_t packed_len,
                                              const uint8_t *const *ptrs, const size_t *lens,
                                              size_t n, uint8_t *out);

/*
 * crypto_hasher: an incremental SHA-256 or HMAC-SHA256 for payloads that do
 * not fit in memory at once. Create it with crypto_hasher_new_*, feed it
 * with crypto_hasher_update, read the digest of everything fed so far with
 * crypto_hasher_final (which does not end the stream: more updates may
 * follow), and release it with crypto_hasher_free. The hasher copies the
 * key; the caller keeps ownership of every buffer. An update that would take
 * the total fed past CRYPTO_MAX_LEN is CRYPTO_ERANGE and feeds nothing; a
 * failed update (CRYPTO_EBACKEND) leaves the stream's state unspecified.
 */
typedef struct crypto_hasher crypto_hasher;

/* On CRYPTO_OK, *h is a new hasher the caller must free. */
crypto_status crypto_hasher_new_sha256(crypto_hasher **h);
crypto_status crypto_hasher_new_hmac_sha256(const uint8_t *key, size_t key_len, crypto_hasher **h);
crypto_status crypto_hasher_update(crypto_hasher *h, const uint8_t *data, size_t len);
crypto_status crypto_hasher_final(const crypto_hasher *h, uint8_t out[CRYPTO_SHA256_SIZE]);
/* Frees h; NULL is a no-op. */
void crypto_hasher_free(crypto_hasher *h);

#ifdef __cplusplus
}
#endif

#endif /* CLIB_CRYPTO_CRYPTO_H_ */
