package hashserver

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"example.com/starter/clib/crypto"
	commonv1 "example.com/starter/proto/common/v1"
	hashv1 "example.com/starter/proto/hash/v1"
)

// The integration tests (services/hashd) cover the paths a real backend and
// a real client reach. These cover the ones they cannot: a backend that
// fails, and a stream that breaks.

// failingBackend fails every call with err; its hashers fail at step.
type failingBackend struct {
	err  error
	step string // "new", "write" or "sum": where a hasher fails
}

func (b failingBackend) SHA256([]byte) ([crypto.Size]byte, error) { return [crypto.Size]byte{}, b.err }
func (b failingBackend) HMACSHA256(_, _ []byte) ([crypto.Size]byte, error) {
	return [crypto.Size]byte{}, b.err
}
func (b failingBackend) SHA256Batch([][]byte) ([][crypto.Size]byte, error) { return nil, b.err }
func (b failingBackend) HMACSHA256Batch([]byte, [][]byte) ([][crypto.Size]byte, error) {
	return nil, b.err
}
func (b failingBackend) NewSHA256() (crypto.Hasher, error)           { return b.hasher() }
func (b failingBackend) NewHMACSHA256([]byte) (crypto.Hasher, error) { return b.hasher() }

func (b failingBackend) hasher() (crypto.Hasher, error) {
	if b.step == "new" {
		return nil, b.err
	}
	return failingHasher(b), nil
}

type failingHasher failingBackend

func (h failingHasher) Write(p []byte) (int, error) {
	if h.step == "write" {
		return 0, h.err
	}
	return len(p), nil
}

func (h failingHasher) Sum() ([crypto.Size]byte, error) { return [crypto.Size]byte{}, h.err }
func (h failingHasher) Close() error                    { return nil }

// fakeStream is a SumStream client that sends msgs, then ends with end.
type fakeStream struct {
	grpc.ServerStream
	msgs []*hashv1.SumStreamRequest
	end  error
}

func (s *fakeStream) Recv() (*hashv1.SumStreamRequest, error) {
	if len(s.msgs) == 0 {
		return nil, s.end
	}
	m := s.msgs[0]
	s.msgs = s.msgs[1:]
	return m, nil
}

func (s *fakeStream) SendAndClose(*hashv1.SumResponse) error { return nil }

var (
	sha  = hashv1.Algorithm_ALGORITHM_SHA256
	hmac = hashv1.Algorithm_ALGORITHM_HMAC_SHA256
)

func TestBackendErrorsMapToStatuses(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		err  error
		code codes.Code
	}{
		{crypto.ErrInvalidArgument, codes.InvalidArgument},
		{crypto.ErrBatchTooLarge, codes.ResourceExhausted},
		{crypto.ErrNoMemory, codes.Internal},
	} {
		t.Run(tc.err.Error(), func(t *testing.T) {
			s := New(failingBackend{err: tc.err, step: "new"}, commonv1.Backend_BACKEND_C, 1<<20)
			_, err := s.Sum(ctx, &hashv1.SumRequest{Algorithm: sha, Data: []byte("x")})
			assert.Equal(t, tc.code, status.Code(err), "Sum")
			_, err = s.Sum(ctx, &hashv1.SumRequest{Algorithm: hmac, Key: []byte("k"), Data: []byte("x")})
			assert.Equal(t, tc.code, status.Code(err), "Sum HMAC")
			_, err = s.SumBatch(ctx, &hashv1.SumBatchRequest{Algorithm: sha, Messages: [][]byte{[]byte("x")}})
			assert.Equal(t, tc.code, status.Code(err), "SumBatch")
			_, err = s.SumBatch(ctx, &hashv1.SumBatchRequest{Algorithm: hmac, Key: []byte("k")})
			assert.Equal(t, tc.code, status.Code(err), "SumBatch HMAC")
			err = s.SumStream(&fakeStream{msgs: []*hashv1.SumStreamRequest{{Algorithm: sha}}, end: io.EOF})
			assert.Equal(t, tc.code, status.Code(err), "SumStream")
		})
	}
}

func TestSumStreamFailures(t *testing.T) {
	broken := errors.New("connection reset")
	for name, tc := range map[string]struct {
		backend failingBackend
		msgs    []*hashv1.SumStreamRequest
		end     error
		want    codes.Code
		wantErr error
	}{
		"empty stream":          {msgs: nil, end: io.EOF, want: codes.InvalidArgument},
		"broken before a chunk": {msgs: nil, end: broken, wantErr: broken},
		"broken after a chunk":  {msgs: []*hashv1.SumStreamRequest{{Algorithm: sha}}, end: broken, wantErr: broken},
		"bad algorithm":         {msgs: []*hashv1.SumStreamRequest{{}}, end: io.EOF, want: codes.InvalidArgument},
		"key on a later chunk": {
			msgs: []*hashv1.SumStreamRequest{{Algorithm: sha}, {Key: []byte("k")}},
			end:  io.EOF, want: codes.InvalidArgument,
		},
		"write fails": {
			backend: failingBackend{err: crypto.ErrNoMemory, step: "write"},
			msgs:    []*hashv1.SumStreamRequest{{Algorithm: hmac, Key: []byte("k"), Chunk: []byte("x")}},
			end:     io.EOF, want: codes.Internal,
		},
		"sum fails": {
			backend: failingBackend{err: crypto.ErrNoMemory, step: "sum"},
			msgs:    []*hashv1.SumStreamRequest{{Algorithm: sha, Chunk: []byte("x")}},
			end:     io.EOF, want: codes.Internal,
		},
	} {
		t.Run(name, func(t *testing.T) {
			s := New(tc.backend, commonv1.Backend_BACKEND_C, 1<<20)
			err := s.SumStream(&fakeStream{msgs: tc.msgs, end: tc.end})
			require.Error(t, err)
			if tc.wantErr != nil {
				assert.ErrorIs(t, err, tc.wantErr)
			} else {
				assert.Equal(t, tc.want, status.Code(err), "%v", err)
			}
		})
	}
}
