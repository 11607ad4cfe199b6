//go:build cgo

package crypto

// #include "crypto.h"
import "C"

import (
	"runtime"
	"sync/atomic"
)

func (cBackend) NewSHA256() (Hasher, error) {
	var h *C.crypto_hasher
	if err := statusError("crypto_hasher_new_sha256", C.crypto_hasher_new_sha256(&h)); err != nil {
		return nil, err
	}
	return newCHasher(h), nil
}

func (cBackend) NewHMACSHA256(key []byte) (Hasher, error) {
	var h *C.crypto_hasher
	st := C.crypto_hasher_new_hmac_sha256(bytePtr(key), C.size_t(len(key)), &h)
	if err := statusError("crypto_hasher_new_hmac_sha256", st); err != nil {
		return nil, err
	}
	return newCHasher(h), nil
}

// cHasher owns a C crypto_hasher, which hasherGuard keeps from being used
// by two calls at once or after Close freed it. A cleanup frees the C
// memory of a Hasher that is dropped without Close.
type cHasher struct {
	hasherGuard
	h       *C.crypto_hasher // read only by the call holding the guard
	cleanup runtime.Cleanup
}

// liveCHashers counts the C hashers not yet freed, by Close or by the
// cleanup of a dropped Hasher; tests check it returns to where it was.
var liveCHashers atomic.Int64

func newCHasher(h *C.crypto_hasher) *cHasher {
	liveCHashers.Add(1)
	x := &cHasher{h: h}
	x.cleanup = runtime.AddCleanup(x, freeCHasher, h)
	return x
}

func freeCHasher(h *C.crypto_hasher) {
	C.crypto_hasher_free(h)
	liveCHashers.Add(-1)
}

func (x *cHasher) Write(p []byte) (int, error) {
	if err := x.enter(); err != nil {
		return 0, err
	}
	defer x.exit()
	err := statusError("crypto_hasher_update", C.crypto_hasher_update(x.h, bytePtr(p), C.size_t(len(p))))
	runtime.KeepAlive(x) // the cleanup must not free x.h during the call
	if err != nil {
		return 0, err
	}
	return len(p), nil
}

func (x *cHasher) Sum() ([Size]byte, error) {
	var out [Size]byte
	if err := x.enter(); err != nil {
		return out, err
	}
	defer x.exit()
	err := statusError("crypto_hasher_final", C.crypto_hasher_final(x.h, digestPtr(&out)))
	runtime.KeepAlive(x)
	return out, err
}

// Close frees the C hasher once: the guard lets exactly one Close through,
// and only while no Write or Sum is using it.
func (x *cHasher) Close() error {
	if !x.close() {
		return nil
	}
	x.cleanup.Stop()
	freeCHasher(x.h)
	x.h = nil
	return nil
}
