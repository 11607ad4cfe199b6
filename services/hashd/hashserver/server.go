// Package hashserver implements hash.v1.HashService on clib/crypto.
package hashserver

import (
	"context"
	"errors"
	"io"

	"example.com/starter/clib/crypto"
	commonv1 "example.com/starter/proto/common/v1"
	hashv1 "example.com/starter/proto/hash/v1"
	"example.com/starter/services/internal/rpcerr"
)

// Server is the HashService implementation.
type Server struct {
	hashv1.UnimplementedHashServiceServer
	// digests computes every digest and MAC.
	digests crypto.Backend
	// reportedBackend is the backend each response names: the value
	// clients see, which describes digests.
	reportedBackend commonv1.Backend
	maxStreamBytes  int64
}

// New returns a Server computing digests with digests, whose responses name
// reportedBackend. SumStream rejects payloads over maxStreamBytes.
func New(digests crypto.Backend, reportedBackend commonv1.Backend, maxStreamBytes int64) *Server {
	return &Server{digests: digests, reportedBackend: reportedBackend, maxStreamBytes: maxStreamBytes}
}

// Sum digests one payload.
func (s *Server) Sum(_ context.Context, req *hashv1.SumRequest) (*hashv1.SumResponse, error) {
	if err := checkAlgorithm(req.GetAlgorithm(), req.GetKey()); err != nil {
		return nil, err
	}
	var (
		digest [crypto.Size]byte
		err    error
	)
	if req.GetAlgorithm() == hashv1.Algorithm_ALGORITHM_HMAC_SHA256 {
		digest, err = s.digests.HMACSHA256(req.GetKey(), req.GetData())
	} else {
		digest, err = s.digests.SHA256(req.GetData())
	}
	if err != nil {
		return nil, statusFromCrypto(err, "data")
	}
	return &hashv1.SumResponse{Digest: digest[:], Backend: s.reportedBackend}, nil
}

// SumStream digests a payload sent in chunks.
func (s *Server) SumStream(stream hashv1.HashService_SumStreamServer) error {
	first, err := stream.Recv()
	if errors.Is(err, io.EOF) {
		return rpcerr.InvalidField("algorithm", "empty stream: the first message must set the algorithm")
	}
	if err != nil {
		return err
	}
	if err := checkAlgorithm(first.GetAlgorithm(), first.GetKey()); err != nil {
		return err
	}
	var h crypto.Hasher
	if first.GetAlgorithm() == hashv1.Algorithm_ALGORITHM_HMAC_SHA256 {
		h, err = s.digests.NewHMACSHA256(first.GetKey())
	} else {
		h, err = s.digests.NewSHA256()
	}
	if err != nil {
		return statusFromCrypto(err, "key")
	}
	defer h.Close()

	var total int64
	for msg := first; ; {
		total += int64(len(msg.GetChunk()))
		if total > s.maxStreamBytes {
			return rpcerr.LimitExceeded("chunk", uint64(s.maxStreamBytes), "stream exceeds %d bytes", s.maxStreamBytes)
		}
		if _, err := h.Write(msg.GetChunk()); err != nil {
			return statusFromCrypto(err, "chunk")
		}
		msg, err = stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err // the client cancelled or the deadline passed
		}
		if msg.GetAlgorithm() != hashv1.Algorithm_ALGORITHM_UNSPECIFIED || len(msg.GetKey()) != 0 {
			return rpcerr.InvalidField("algorithm", "only the first message may set algorithm and key")
		}
	}
	digest, err := h.Sum()
	if err != nil {
		return statusFromCrypto(err, "chunk")
	}
	return stream.SendAndClose(&hashv1.SumResponse{Digest: digest[:], Backend: s.reportedBackend})
}

// SumBatch digests many payloads in one backend call.
func (s *Server) SumBatch(_ context.Context, req *hashv1.SumBatchRequest) (*hashv1.SumBatchResponse, error) {
	if err := checkAlgorithm(req.GetAlgorithm(), req.GetKey()); err != nil {
		return nil, err
	}
	if n := len(req.GetMessages()); n > crypto.MaxBatch {
		return nil, rpcerr.LimitExceeded("messages", crypto.MaxBatch, "batch of %d messages exceeds %d", n, crypto.MaxBatch)
	}
	var (
		digests [][crypto.Size]byte
		err     error
	)
	if req.GetAlgorithm() == hashv1.Algorithm_ALGORITHM_HMAC_SHA256 {
		digests, err = s.digests.HMACSHA256Batch(req.GetKey(), req.GetMessages())
	} else {
		digests, err = s.digests.SHA256Batch(req.GetMessages())
	}
	if err != nil {
		return nil, statusFromCrypto(err, "messages")
	}
	resp := &hashv1.SumBatchResponse{Digests: make([][]byte, len(digests)), Backend: s.reportedBackend}
	for i := range digests {
		resp.Digests[i] = digests[i][:]
	}
	return resp, nil
}

// checkAlgorithm enforces that HMAC has a key and plain SHA-256 has none, so
// a client that forgot one never gets a digest it did not mean.
func checkAlgorithm(alg hashv1.Algorithm, key []byte) error {
	switch alg {
	case hashv1.Algorithm_ALGORITHM_SHA256:
		if len(key) != 0 {
			return rpcerr.InvalidField("key", "SHA-256 takes no key; use ALGORITHM_HMAC_SHA256")
		}
	case hashv1.Algorithm_ALGORITHM_HMAC_SHA256:
		if len(key) == 0 {
			return rpcerr.InvalidField("key", "HMAC-SHA256 needs a non-empty key")
		}
	default:
		return rpcerr.InvalidField("algorithm", "unknown algorithm %v", alg)
	}
	return nil
}

// statusFromCrypto maps clib/crypto's errors to gRPC statuses.
func statusFromCrypto(err error, field string) error {
	switch {
	case errors.Is(err, crypto.ErrInvalidArgument):
		return rpcerr.InvalidField(field, "%v", err)
	case errors.Is(err, crypto.ErrBatchTooLarge):
		return rpcerr.LimitExceeded(field, crypto.MaxBatch, "%v", err)
	default:
		return rpcerr.BackendFailure(err)
	}
}
