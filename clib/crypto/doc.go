// Package crypto exposes clib/crypto's SHA-256 and HMAC-SHA256, and its
// AES-256-GCM and ChaCha20-Poly1305 authenticated encryption (OpenSSL
// libcrypto), to Go.
//
// Two implementations satisfy [Backend]: [Pure], on crypto/sha256 and
// crypto/hmac, and [Native], the C library. With cgo disabled Native is
// Pure. Both give identical digests and errors.
//
// Native runs a call in C only where C, cgo crossing included, measured
// faster than Pure (digestFrom); elsewhere it runs Pure. On a CPU with SHA
// extensions, which OpenSSL and Go both use, that is every digest call:
// docs/benchmarks.md has the figures. [AlwaysNative] runs every call in C,
// for tests that must reach the C library and for measuring the crossover
// on another machine.
//
// One-shot and streaming Native calls copy nothing: slices are passed to C
// as pointers, digests are written straight into Go arrays, and C keeps no
// reference after returning. The batch calls hash up to [MaxBatch] messages
// per cgo call, which amortises the call's fixed cost over many small
// messages. A batch passes messages of 1 KiB and more in place (pinned) and
// copies shorter ones into one packed buffer, because pinning a message
// costs more than copying a short one (the measurement is at packThreshold).
//
// [AEADBackend] has the same forms, [PureAEAD], [NativeAEAD] (which hands
// messages under a measured length to PureAEAD) and [AlwaysNativeAEAD]. An
// [AEAD] seals and opens under one key, in place or appending to dst as
// crypto/cipher.AEAD does, and never returns plaintext that did not
// authenticate ([ErrAuth]).
package crypto
