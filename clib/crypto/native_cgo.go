//go:build cgo

package crypto

// #include "crypto.h"
import "C"

import (
	"fmt"
	"runtime"
	"unsafe"
)

// Native is the Backend on OpenSSL libcrypto (clib/crypto).
var Native Backend = cBackend{}

// HasNative reports whether Native is the C library; true with cgo.
func HasNative() bool { return true }

type cBackend struct{}

func (cBackend) SHA256(data []byte) ([Size]byte, error) {
	var out [Size]byte
	st := C.crypto_sha256(bytePtr(data), C.size_t(len(data)), digestPtr(&out))
	return out, statusError("crypto_sha256", st)
}

func (cBackend) HMACSHA256(key, data []byte) ([Size]byte, error) {
	var out [Size]byte
	st := C.crypto_hmac_sha256(bytePtr(key), C.size_t(len(key)), bytePtr(data), C.size_t(len(data)), digestPtr(&out))
	return out, statusError("crypto_hmac_sha256", st)
}

func (cBackend) SHA256Batch(msgs [][]byte) ([][Size]byte, error) {
	return batch("crypto_sha256_batch", msgs, func(b *cBatch) C.crypto_status {
		return C.crypto_sha256_batch(b.ptrs, b.lens, b.n, b.out)
	})
}

func (cBackend) HMACSHA256Batch(key []byte, msgs [][]byte) ([][Size]byte, error) {
	return batch("crypto_hmac_sha256_batch", msgs, func(b *cBatch) C.crypto_status {
		return C.crypto_hmac_sha256_batch(bytePtr(key), C.size_t(len(key)), b.ptrs, b.lens, b.n, b.out)
	})
}

// cBatch is the C view of a batch: message pointers and lengths, and the
// output array.
type cBatch struct {
	ptrs **C.uint8_t
	lens *C.size_t
	n    C.size_t
	out  *C.uint8_t
}

// batch runs call on the C view of msgs and returns the digests it wrote.
// The pointer and length arrays live in Go memory; because C reads each
// message through a pointer stored in that memory, the cgo rules require
// the messages to be pinned for the call (the arrays themselves, passed as
// arguments, are pinned by cgo). Nothing is copied.
func batch(fn string, msgs [][]byte, call func(*cBatch) C.crypto_status) ([][Size]byte, error) {
	if err := checkBatch(len(msgs)); err != nil {
		return nil, err
	}
	out := make([][Size]byte, len(msgs))
	if len(msgs) == 0 {
		return out, nil
	}
	ptrs := make([]*C.uint8_t, len(msgs))
	lens := make([]C.size_t, len(msgs))
	var pinner runtime.Pinner
	defer pinner.Unpin()
	for i, m := range msgs {
		if len(m) > 0 { // empty messages stay NULL, as the C API allows
			p := unsafe.SliceData(m)
			pinner.Pin(p)
			ptrs[i] = (*C.uint8_t)(unsafe.Pointer(p))
			lens[i] = C.size_t(len(m))
		}
	}
	b := cBatch{&ptrs[0], &lens[0], C.size_t(len(msgs)), digestPtr(&out[0])}
	if err := statusError(fn, call(&b)); err != nil {
		return nil, err
	}
	return out, nil
}

// statusError maps a crypto_status to nil or an error wrapping one of this
// package's sentinel errors.
func statusError(fn string, st C.crypto_status) error {
	switch st {
	case C.CRYPTO_OK:
		return nil
	case C.CRYPTO_EINVAL:
		return fmt.Errorf("%s: %w", fn, ErrInvalidArgument)
	case C.CRYPTO_E2BIG:
		return fmt.Errorf("%s: %w", fn, ErrBatchTooLarge)
	case C.CRYPTO_ENOMEM:
		return fmt.Errorf("%s: %w", fn, ErrNoMemory)
	case C.CRYPTO_EBACKEND:
		return fmt.Errorf("%s: %w", fn, ErrBackend)
	default:
		return fmt.Errorf("%s: unexpected status %d", fn, st)
	}
}

// bytePtr returns a C view of b's backing array without copying. C reads
// only len(b) bytes from it and keeps no reference after the call.
func bytePtr(b []byte) *C.uint8_t {
	return (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(b)))
}

// digestPtr returns a C view of a Go digest array for C to write into.
func digestPtr(d *[Size]byte) *C.uint8_t { return (*C.uint8_t)(unsafe.Pointer(d)) }
