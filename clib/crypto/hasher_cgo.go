//go:build cgo

package crypto

// #include "crypto.h"
import "C"

import "runtime"

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

// cHasher owns a C crypto_hasher; h is nil once closed. A cleanup frees
// the C memory of a Hasher that is dropped without Close.
type cHasher struct {
	h       *C.crypto_hasher
	cleanup runtime.Cleanup
}

func newCHasher(h *C.crypto_hasher) *cHasher {
	x := &cHasher{h: h}
	x.cleanup = runtime.AddCleanup(x, func(h *C.crypto_hasher) { C.crypto_hasher_free(h) }, h)
	return x
}

func (x *cHasher) Write(p []byte) (int, error) {
	if x.h == nil {
		return 0, errClosed
	}
	err := statusError("crypto_hasher_update", C.crypto_hasher_update(x.h, bytePtr(p), C.size_t(len(p))))
	runtime.KeepAlive(x) // the cleanup must not free x.h during the call
	if err != nil {
		return 0, err
	}
	return len(p), nil
}

func (x *cHasher) Sum() ([Size]byte, error) {
	var out [Size]byte
	if x.h == nil {
		return out, errClosed
	}
	err := statusError("crypto_hasher_final", C.crypto_hasher_final(x.h, digestPtr(&out)))
	runtime.KeepAlive(x)
	return out, err
}

func (x *cHasher) Close() error {
	if x.h == nil {
		return nil
	}
	x.cleanup.Stop()
	C.crypto_hasher_free(x.h)
	x.h = nil
	return nil
}
