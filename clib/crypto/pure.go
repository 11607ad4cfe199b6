package crypto

import (
	"crypto/hmac"
	"crypto/sha256"
	"hash"
)

// Pure is the Backend on crypto/sha256 and crypto/hmac, always available.
var Pure Backend = pureBackend{}

type pureBackend struct{}

func (pureBackend) SHA256(data []byte) ([Size]byte, error) { return sha256.Sum256(data), nil }

func (pureBackend) HMACSHA256(key, data []byte) ([Size]byte, error) {
	var out [Size]byte
	mac := hmac.New(sha256.New, key)
	mac.Write(data)
	mac.Sum(out[:0])
	return out, nil
}

func (pureBackend) SHA256Batch(msgs [][]byte) ([][Size]byte, error) {
	if err := checkBatch(len(msgs)); err != nil {
		return nil, err
	}
	out := make([][Size]byte, len(msgs))
	for i, m := range msgs {
		out[i] = sha256.Sum256(m)
	}
	return out, nil
}

func (pureBackend) HMACSHA256Batch(key []byte, msgs [][]byte) ([][Size]byte, error) {
	if err := checkBatch(len(msgs)); err != nil {
		return nil, err
	}
	out := make([][Size]byte, len(msgs))
	mac := hmac.New(sha256.New, key) // keyed once; Reset keeps the key
	for i, m := range msgs {
		mac.Reset()
		mac.Write(m)
		mac.Sum(out[i][:0])
	}
	return out, nil
}

func (pureBackend) NewSHA256() (Hasher, error) { return &pureHasher{h: sha256.New()}, nil }

func (pureBackend) NewHMACSHA256(key []byte) (Hasher, error) {
	return &pureHasher{h: hmac.New(sha256.New, key)}, nil
}

// pureHasher adapts a hash.Hash to Hasher, with the same guard against
// concurrent use and use after Close as Native's; h is nil once closed.
type pureHasher struct {
	hasherGuard
	h hash.Hash // read only by the call holding the guard
}

func (p *pureHasher) Write(b []byte) (int, error) {
	if err := p.enter(); err != nil {
		return 0, err
	}
	defer p.exit()
	return p.h.Write(b)
}

func (p *pureHasher) Sum() ([Size]byte, error) {
	var out [Size]byte
	if err := p.enter(); err != nil {
		return out, err
	}
	defer p.exit()
	p.h.Sum(out[:0])
	return out, nil
}

func (p *pureHasher) Close() error {
	if p.close() {
		p.h = nil
	}
	return nil
}
