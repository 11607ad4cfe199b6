package crypto

import (
	"crypto/aes"
	"crypto/cipher"
	"fmt"
	"sync/atomic"

	"golang.org/x/crypto/chacha20poly1305"
)

// PureAEAD is the AEADBackend on Go's crypto/cipher (AES-256-GCM) and
// golang.org/x/crypto/chacha20poly1305.
var PureAEAD AEADBackend = pureAEADBackend{}

type pureAEADBackend struct{}

func (pureAEADBackend) NewAEAD(alg AEADAlgorithm, key []byte) (AEAD, error) {
	if err := checkAEAD(alg, key); err != nil {
		return nil, err
	}
	var (
		c   cipher.AEAD
		err error
	)
	if alg == AES256GCM {
		var block cipher.Block
		if block, err = aes.NewCipher(key); err == nil {
			c, err = cipher.NewGCM(block)
		}
	} else {
		c, err = chacha20poly1305.New(key)
	}
	if err != nil {
		return nil, fmt.Errorf("crypto: %v: %v: %w", alg, err, ErrBackend)
	}
	return &pureAEAD{alg: alg, c: c}, nil
}

// pureAEAD checks every argument first, as the C library does, because
// crypto/cipher panics on a wrong nonce size or an inexact overlap.
type pureAEAD struct {
	alg    AEADAlgorithm
	c      cipher.AEAD
	closed atomic.Bool
}

func (p *pureAEAD) Algorithm() AEADAlgorithm { return p.alg }

func (p *pureAEAD) Seal(dst, nonce, plaintext, aad []byte) ([]byte, error) {
	if p.closed.Load() {
		return nil, errAEADClosed
	}
	whole, out := grow(dst, len(plaintext)+AEADOverhead)
	if err := checkMessage(nonce, plaintext, aad, out, MaxAEADLen); err != nil {
		return nil, err
	}
	p.c.Seal(out[:0], nonce, plaintext, aad)
	return whole, nil
}

func (p *pureAEAD) Open(dst, nonce, ciphertext, aad []byte) ([]byte, error) {
	if p.closed.Load() {
		return nil, errAEADClosed
	}
	if err := checkOpenLen(ciphertext); err != nil {
		return nil, err
	}
	whole, out := grow(dst, len(ciphertext)-AEADOverhead)
	if err := checkMessage(nonce, ciphertext, aad, out, MaxAEADLen+AEADOverhead); err != nil {
		return nil, err
	}
	if _, err := p.c.Open(out[:0], nonce, ciphertext, aad); err != nil {
		clear(out)
		return nil, authError(p.alg)
	}
	return whole, nil
}

func (p *pureAEAD) SealBatch(nonces, plaintexts [][]byte, aad []byte) ([][]byte, error) {
	if p.closed.Load() {
		return nil, errAEADClosed
	}
	if err := checkAEADBatch(nonces, plaintexts, aad, false); err != nil {
		return nil, err
	}
	out := make([][]byte, len(plaintexts))
	for i := range plaintexts {
		sealed, err := p.Seal(nil, nonces[i], plaintexts[i], aad)
		if err != nil {
			return nil, batchError(i, err)
		}
		out[i] = sealed
	}
	return out, nil
}

func (p *pureAEAD) OpenBatch(nonces, ciphertexts [][]byte, aad []byte) ([][]byte, error) {
	if p.closed.Load() {
		return nil, errAEADClosed
	}
	if err := checkAEADBatch(nonces, ciphertexts, aad, true); err != nil {
		return nil, err
	}
	out := make([][]byte, len(ciphertexts))
	for i := range ciphertexts {
		opened, err := p.Open(nil, nonces[i], ciphertexts[i], aad)
		if err != nil {
			for _, o := range out[:i] {
				clear(o)
			}
			return nil, batchError(i, err)
		}
		out[i] = opened
	}
	return out, nil
}

func (p *pureAEAD) Close() error {
	p.closed.Store(true)
	return nil
}
