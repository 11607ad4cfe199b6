// Package envelopeserver implements envelope.v1.EnvelopeService on
// clib/crypto's AEADs.
package envelopeserver

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"

	"example.com/starter/clib/crypto"
	commonv1 "example.com/starter/proto/common/v1"
	envelopev1 "example.com/starter/proto/envelope/v1"
	"example.com/starter/services/envelopd/keyring"
	"example.com/starter/services/internal/rpcerr"
)

// Server is the EnvelopeService implementation. It holds one AEAD per key
// for the life of the process.
type Server struct {
	envelopev1.UnimplementedEnvelopeServiceServer
	keys            map[string]key
	reportedBackend commonv1.Backend
	// nonce fills a new nonce; crypto/rand.Read, which never fails and
	// never repeats in practice (96 random bits: a collision is expected
	// only after about 2^48 envelopes under one key).
	nonce func([]byte) (int, error)
}

type key struct {
	algorithm envelopev1.Algorithm
	aead      crypto.AEAD
}

var algorithms = map[crypto.AEADAlgorithm]envelopev1.Algorithm{
	crypto.AES256GCM:        envelopev1.Algorithm_ALGORITHM_AES_256_GCM,
	crypto.ChaCha20Poly1305: envelopev1.Algorithm_ALGORITHM_CHACHA20_POLY1305,
}

// New returns a Server that seals and opens with keys through aeads, and
// whose responses name reportedBackend.
func New(keys []keyring.Key, aeads crypto.AEADBackend, reportedBackend commonv1.Backend) (*Server, error) {
	s := &Server{keys: map[string]key{}, reportedBackend: reportedBackend, nonce: rand.Read}
	for _, k := range keys {
		a, err := aeads.NewAEAD(k.Algorithm, k.Secret)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", k.ID, err)
		}
		s.keys[k.ID] = key{algorithm: algorithms[k.Algorithm], aead: a}
	}
	return s, nil
}

// lookup returns the key id names; field is where the request named it.
func (s *Server) lookup(id, field string) (key, error) {
	k, ok := s.keys[id]
	if !ok {
		return key{}, rpcerr.InvalidField(field, "no key %q", id)
	}
	return k, nil
}

// Seal encrypts a plaintext under a fresh nonce.
func (s *Server) Seal(_ context.Context, req *envelopev1.SealRequest) (*envelopev1.SealResponse, error) {
	k, err := s.lookup(req.GetKeyId(), "key_id")
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, crypto.AEADNonceSize)
	if _, err := s.nonce(nonce); err != nil {
		return nil, rpcerr.BackendFailure(fmt.Errorf("drawing a nonce: %w", err))
	}
	sealed, err := k.aead.Seal(nil, nonce, req.GetPlaintext(), req.GetAad())
	if err != nil {
		return nil, statusFromCrypto(err, "plaintext")
	}
	return &envelopev1.SealResponse{
		Envelope: &envelopev1.Envelope{KeyId: req.GetKeyId(), Algorithm: k.algorithm, Nonce: nonce, Ciphertext: sealed},
		Backend:  s.reportedBackend,
	}, nil
}

// Open checks and decrypts an envelope.
func (s *Server) Open(_ context.Context, req *envelopev1.OpenRequest) (*envelopev1.OpenResponse, error) {
	env := req.GetEnvelope()
	if env == nil {
		return nil, rpcerr.InvalidField("envelope", "missing")
	}
	k, err := s.lookup(env.GetKeyId(), "envelope.key_id")
	if err != nil {
		return nil, err
	}
	if env.GetAlgorithm() != k.algorithm {
		return nil, rpcerr.InvalidField("envelope.algorithm", "key %q is %v, not %v", env.GetKeyId(), k.algorithm, env.GetAlgorithm())
	}
	if len(env.GetNonce()) != crypto.AEADNonceSize {
		return nil, rpcerr.InvalidField("envelope.nonce", "%d bytes, want %d", len(env.GetNonce()), crypto.AEADNonceSize)
	}
	if len(env.GetCiphertext()) < crypto.AEADOverhead {
		return nil, rpcerr.InvalidField("envelope.ciphertext", "%d bytes, shorter than its %d-byte tag", len(env.GetCiphertext()), crypto.AEADOverhead)
	}
	plaintext, err := k.aead.Open(nil, env.GetNonce(), env.GetCiphertext(), req.GetAad())
	if err != nil {
		return nil, statusFromCrypto(err, "envelope")
	}
	return &envelopev1.OpenResponse{Plaintext: plaintext, Backend: s.reportedBackend}, nil
}

// statusFromCrypto maps a clib/crypto error to a gRPC status: what the
// client sent (field) is INVALID_ARGUMENT, anything else the library's
// failure.
func statusFromCrypto(err error, field string) error {
	switch {
	case errors.Is(err, crypto.ErrAuth):
		return rpcerr.InvalidField(field, "does not authenticate: altered, or opened with other aad")
	case errors.Is(err, crypto.ErrInvalidArgument), errors.Is(err, crypto.ErrTooLong):
		return rpcerr.InvalidField(field, "%v", err)
	default:
		return rpcerr.BackendFailure(err)
	}
}
