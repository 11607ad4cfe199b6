package crypto

import (
	"errors"
	"fmt"
	"sync/atomic"
)

// Size is the size of a SHA-256 digest and an HMAC-SHA256 MAC, in bytes.
const Size = 32

// MaxBatch is the most messages one batch call accepts.
const MaxBatch = 4096

var (
	// ErrInvalidArgument reports misuse, such as a Hasher used after Close.
	ErrInvalidArgument = errors.New("crypto: invalid argument")
	// ErrBatchTooLarge reports a batch of more than MaxBatch messages.
	ErrBatchTooLarge = errors.New("crypto: batch too large")
	// ErrNoMemory reports a failed allocation in the C library.
	ErrNoMemory = errors.New("crypto: out of memory")
	// ErrBackend reports a failure inside OpenSSL.
	ErrBackend = errors.New("crypto: backend failure")
	// ErrTooLong reports an input longer than SHA-256 accepts (2^61-1
	// bytes, also the most a Hasher takes in total; the C library's
	// CRYPTO_MAX_LEN). No Go slice is that long, so only a Hasher fed that
	// much could see it; Pure, like crypto/sha256, does not check.
	ErrTooLong = errors.New("crypto: input too long")
)

// Hasher is an incremental SHA-256 or HMAC-SHA256 for large payloads. Sum
// does not end the stream: Write may follow it. Close releases the
// Hasher's resources (C memory for Native); after Close, Write and Sum
// return ErrInvalidArgument and Close returns nil.
//
// A Hasher is not safe for concurrent use, and misuse is not silent: a
// call made while another call on the same Hasher is in progress panics
// with "crypto: Hasher used concurrently" (with Native, two calls at once
// would corrupt the stream or free C memory in use). Close is idempotent;
// Closes racing each other all return nil.
type Hasher interface {
	Write(p []byte) (int, error)
	Sum() ([Size]byte, error)
	Close() error
}

// Backend computes SHA-256 and HMAC-SHA256. Implementations are safe for
// concurrent use.
type Backend interface {
	SHA256(data []byte) ([Size]byte, error)
	HMACSHA256(key, data []byte) ([Size]byte, error)
	// SHA256Batch returns the digest of each message, in order.
	SHA256Batch(msgs [][]byte) ([][Size]byte, error)
	// HMACSHA256Batch returns the MAC of each message under key, in order.
	HMACSHA256Batch(key []byte, msgs [][]byte) ([][Size]byte, error)
	NewSHA256() (Hasher, error)
	NewHMACSHA256(key []byte) (Hasher, error)
}

// checkBatch returns ErrBatchTooLarge when n messages are too many for one
// batch. Both backends check in Go, so their errors are identical.
func checkBatch(n int) error {
	if n > MaxBatch {
		return fmt.Errorf("crypto: %d messages exceed MaxBatch (%d): %w", n, MaxBatch, ErrBatchTooLarge)
	}
	return nil
}

// errClosed is what a closed Hasher's Write and Sum return.
var errClosed = fmt.Errorf("crypto: hasher used after Close: %w", ErrInvalidArgument)

// errConcurrent is the panic value of a Hasher call that overlaps another.
const errConcurrent = "crypto: Hasher used concurrently"

// The states of a hasherGuard.
const (
	hasherIdle int32 = iota
	hasherBusy
	hasherClosed
)

// hasherGuard turns concurrent use of a Hasher into a panic and use after
// Close into errClosed, for both backends. Every call takes the Hasher from
// idle to busy (or, for Close, to closed) with one compare-and-swap, so two
// calls can never run on it at once; losing the swap means the Hasher is
// closed or another call holds it. An atomic, unlike a mutex, fails at once
// instead of serialising the misuse into a digest of interleaved writes.
type hasherGuard struct{ state atomic.Int32 }

// enter starts a call: nil, with the Hasher held until exit; errClosed; or
// a panic if another call holds it.
func (g *hasherGuard) enter() error {
	if g.state.CompareAndSwap(hasherIdle, hasherBusy) {
		return nil
	}
	if g.state.Load() == hasherClosed {
		return errClosed
	}
	panic(errConcurrent)
}

// exit ends a call that enter started.
func (g *hasherGuard) exit() { g.state.Store(hasherIdle) }

// close marks the Hasher closed and reports whether this call did it (and
// must release its resources): false if it was already closed, a panic if
// another call holds it.
func (g *hasherGuard) close() bool {
	if g.state.CompareAndSwap(hasherIdle, hasherClosed) {
		return true
	}
	if g.state.Load() == hasherClosed {
		return false
	}
	panic(errConcurrent)
}
