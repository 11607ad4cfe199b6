// Package crypto exposes clib/crypto's SHA-256 and HMAC-SHA256 (OpenSSL
// libcrypto) to Go.
//
// Two implementations satisfy [Backend]: [Pure], on crypto/sha256 and
// crypto/hmac, and [Native], the C library. With cgo disabled Native is
// Pure. Both give identical digests and errors.
//
// Native calls are zero-copy: slices are passed to C as pointers, digests
// are written straight into Go arrays, and C keeps no reference after
// returning. The batch calls hash up to [MaxBatch] messages per cgo call,
// which amortises the call's fixed cost over many small messages.
package crypto
