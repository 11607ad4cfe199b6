package crypto

import (
	"errors"
	"fmt"
	"unsafe"
)

// AEADAlgorithm names an authenticated cipher (aead.h's crypto_aead_alg).
type AEADAlgorithm int

const (
	// AES256GCM is AES-256 in Galois/Counter Mode (NIST SP 800-38D).
	AES256GCM AEADAlgorithm = iota
	// ChaCha20Poly1305 is the IETF construction of RFC 8439.
	ChaCha20Poly1305
)

func (a AEADAlgorithm) String() string {
	switch a {
	case AES256GCM:
		return "AES-256-GCM"
	case ChaCha20Poly1305:
		return "ChaCha20-Poly1305"
	}
	return fmt.Sprintf("AEADAlgorithm(%d)", int(a))
}

// Sizes shared by both algorithms, in bytes.
const (
	AEADKeySize   = 32
	AEADNonceSize = 12
	// AEADOverhead is how much longer a sealed message is than its
	// plaintext: the tag, appended after the ciphertext.
	AEADOverhead = 16
	// MaxAEADLen is the longest plaintext or additional data a call takes
	// (aead.h's CRYPTO_AEAD_MAX_LEN, 2^31 - 17).
	MaxAEADLen = 1<<31 - 17
)

// ErrAuth reports a sealed message that does not authenticate under the
// key, nonce and additional data given: it was altered, or one of them is
// wrong. Open returns no plaintext with it.
var ErrAuth = errors.New("crypto: message authentication failed")

// AEAD seals and opens messages under one key. It is safe for concurrent
// use. Nonces are the caller's to choose, AEADNonceSize bytes, and must
// never repeat under one key (crypto/rand's random nonces do not, in
// practice, below about 2^32 messages per key).
//
// Seal and Open append to dst, as crypto/cipher.AEAD does: to work in
// place, pass plaintext[:0] (or ciphertext[:0]) as dst, with room for the
// tag when sealing. Any other overlap of dst's new bytes with an input is
// ErrInvalidArgument. The batch forms seal or open many messages in one
// call, each under its own nonce and all with the same aad: for Native,
// one crossing into C and one key setup for the whole batch.
//
// Open and OpenBatch never return plaintext that did not authenticate: on
// any error, the bytes they would have appended are zero.
type AEAD interface {
	Algorithm() AEADAlgorithm
	Seal(dst, nonce, plaintext, aad []byte) ([]byte, error)
	Open(dst, nonce, ciphertext, aad []byte) ([]byte, error)
	// SealBatch returns the sealed form of each plaintext, in order, in
	// new memory; nonces[i] is the nonce of plaintexts[i].
	SealBatch(nonces, plaintexts [][]byte, aad []byte) ([][]byte, error)
	// OpenBatch returns each ciphertext's plaintext, in order, in new
	// memory, or an error wrapping ErrAuth, naming the first message that
	// failed, if any did.
	OpenBatch(nonces, ciphertexts [][]byte, aad []byte) ([][]byte, error)
	// Close releases the key (C memory for Native); afterwards every call
	// returns ErrInvalidArgument. Close is idempotent.
	Close() error
}

// AEADBackend makes AEAD keys: NativeAEAD on OpenSSL, PureAEAD on Go's
// crypto/cipher and golang.org/x/crypto/chacha20poly1305. Both accept and
// produce the same bytes.
type AEADBackend interface {
	// NewAEAD returns an AEAD of alg under key, which must be
	// AEADKeySize bytes. The AEAD keeps its own copy of the key.
	NewAEAD(alg AEADAlgorithm, key []byte) (AEAD, error)
}

// checkAEAD checks what both backends check in Go, so that their errors
// are identical: the algorithm and the key size.
func checkAEAD(alg AEADAlgorithm, key []byte) error {
	if alg != AES256GCM && alg != ChaCha20Poly1305 {
		return fmt.Errorf("crypto: unknown AEAD algorithm %d: %w", int(alg), ErrInvalidArgument)
	}
	if len(key) != AEADKeySize {
		return fmt.Errorf("crypto: %v key of %d bytes, want %d: %w", alg, len(key), AEADKeySize, ErrInvalidArgument)
	}
	return nil
}

// checkAEADBatch checks a whole batch before either backend seals or opens
// any of it, as aead.h does: one nonce per message, at most MaxBatch
// messages, and each message as checkMessage (and, to open, checkOpenLen)
// has it. The outputs are new memory, so they overlap nothing.
func checkAEADBatch(nonces, msgs [][]byte, aad []byte, open bool) error {
	if len(nonces) != len(msgs) {
		return fmt.Errorf("crypto: %d nonces for %d messages: %w", len(nonces), len(msgs), ErrInvalidArgument)
	}
	if err := checkBatch(len(msgs)); err != nil {
		return err
	}
	limit := MaxAEADLen
	if open {
		limit += AEADOverhead
	}
	for i, m := range msgs {
		if open {
			if err := checkOpenLen(m); err != nil {
				return batchError(i, err)
			}
		}
		if err := checkMessage(nonces[i], m, aad, nil, limit); err != nil {
			return batchError(i, err)
		}
	}
	return nil
}

// authError is the error of an open that did not authenticate.
func authError(alg AEADAlgorithm) error { return fmt.Errorf("crypto: %v open: %w", alg, ErrAuth) }

// batchError is the error of a batch whose message i failed with err.
func batchError(i int, err error) error {
	return fmt.Errorf("crypto: message %d of the batch: %w", i, err)
}

// errAEADClosed is what a closed AEAD's calls return.
var errAEADClosed = fmt.Errorf("crypto: AEAD used after Close: %w", ErrInvalidArgument)

// grow returns dst extended by n bytes, reusing its capacity when it can,
// and the n new bytes.
func grow(dst []byte, n int) (whole, tail []byte) {
	total := len(dst) + n
	if cap(dst) >= total {
		whole = dst[:total]
	} else {
		whole = make([]byte, total)
		copy(whole, dst)
	}
	return whole, whole[len(dst):]
}

// checkMessage checks one message of a Seal or Open before either backend
// runs it: the nonce's size, the lengths, and how out (the bytes the call
// appends) lies against the inputs. out may start exactly where in does
// (in place); any other overlap, with in, the nonce or aad, is refused, as
// aead.h refuses it.
func checkMessage(nonce, in, aad, out []byte, inLimit int) error {
	if len(nonce) != AEADNonceSize {
		return fmt.Errorf("crypto: nonce of %d bytes, want %d: %w", len(nonce), AEADNonceSize, ErrInvalidArgument)
	}
	if len(in) > inLimit || len(aad) > MaxAEADLen {
		return fmt.Errorf("crypto: message or additional data over %d bytes: %w", MaxAEADLen, ErrTooLong)
	}
	if inexactOverlap(out, in) || overlap(out, nonce) || overlap(out, aad) {
		return fmt.Errorf("crypto: output overlaps an input other than in place: %w", ErrInvalidArgument)
	}
	return nil
}

// checkOpenLen checks that a sealed message holds at least its tag.
func checkOpenLen(ciphertext []byte) error {
	if len(ciphertext) < AEADOverhead {
		return fmt.Errorf("crypto: sealed message of %d bytes is shorter than its %d-byte tag: %w",
			len(ciphertext), AEADOverhead, ErrInvalidArgument)
	}
	return nil
}

// overlap reports whether x and y share memory.
func overlap(x, y []byte) bool {
	if len(x) == 0 || len(y) == 0 {
		return false
	}
	xs, ys := uintptr(unsafe.Pointer(&x[0])), uintptr(unsafe.Pointer(&y[0]))
	return xs < ys+uintptr(len(y)) && ys < xs+uintptr(len(x))
}

// inexactOverlap reports whether x and y share memory other than by
// starting at the same byte.
func inexactOverlap(x, y []byte) bool {
	if len(x) == 0 || len(y) == 0 || &x[0] == &y[0] {
		return false
	}
	return overlap(x, y)
}
