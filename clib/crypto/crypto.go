package crypto

import (
	"errors"
	"fmt"
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
)

// Hasher is an incremental SHA-256 or HMAC-SHA256 for large payloads. Sum
// does not end the stream: Write may follow it. Close releases the
// Hasher's resources (C memory for Native); after Close, Write and Sum
// return ErrInvalidArgument and Close returns nil. A Hasher is not safe for
// concurrent use.
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
