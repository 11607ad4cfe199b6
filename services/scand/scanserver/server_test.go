package scanserver

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"example.com/starter/clib/simd"
	commonv1 "example.com/starter/proto/common/v1"
	scanv1 "example.com/starter/proto/scan/v1"
	"example.com/starter/services/internal/rpcerr"
)

// TestBackendsAgree drives the handlers with the C and the pure-Go kernels
// on random inputs: whichever -backend a deployment picks, answers match.
func TestBackendsAgree(t *testing.T) {
	native := New(simd.Native, commonv1.Backend_BACKEND_C, 4<<20)
	pure := New(simd.Pure, commonv1.Backend_BACKEND_GO, 4<<20)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 300; i++ {
		data := make([]byte, rng.IntN(5000))
		for j := range data {
			data[j] = byte(rng.IntN(64))
		}
		set := []byte{byte(rng.IntN(64)), byte(rng.IntN(64))}
		req := &scanv1.IndexAnyRequest{Data: data, Set: set, All: i%2 == 0}

		got, err := native.IndexAny(ctx, req)
		require.NoError(t, err)
		want, err := pure.IndexAny(ctx, req)
		require.NoError(t, err)
		assert.Equal(t, want.GetIndices(), got.GetIndices(), "IndexAny len %d set %v all %v", len(data), set, req.All)

		countReq := &scanv1.CountByteRequest{Data: data, Value: uint32(set[0])}
		gotCount, err := native.CountByte(ctx, countReq)
		require.NoError(t, err)
		wantCount, err := pure.CountByte(ctx, countReq)
		require.NoError(t, err)
		assert.Equal(t, wantCount.GetCount(), gotCount.GetCount())
	}
}

func TestInvalidRequests(t *testing.T) {
	s := New(simd.Pure, commonv1.Backend_BACKEND_GO, 4<<20)
	ctx := context.Background()
	_, err := s.IndexAny(ctx, &scanv1.IndexAnyRequest{Data: []byte("x")})
	assert.Equal(t, codes.InvalidArgument, status.Code(err))
	_, err = s.IndexAny(ctx, &scanv1.IndexAnyRequest{Data: []byte("x"), Set: make([]byte, simd.MaxSet+1)})
	assert.Equal(t, codes.InvalidArgument, status.Code(err))
	_, err = s.CountByte(ctx, &scanv1.CountByteRequest{Value: 256})
	assert.Equal(t, codes.InvalidArgument, status.Code(err))
}

// TestIndexAllAcrossWindows: matches on both sides of every window
// boundary, on both backends, come back once each and in order.
func TestIndexAllAcrossWindows(t *testing.T) {
	data := make([]byte, 3*window+100)
	var want []uint64
	for _, i := range []int{0, window - 1, window, 2*window - 1, 2 * window, 3*window + 99} {
		data[i] = '!'
		want = append(want, uint64(i))
	}
	for _, k := range []simd.Kernels{simd.Native, simd.Pure} {
		resp, err := New(k, commonv1.Backend_BACKEND_C, 4<<20).IndexAny(context.Background(),
			&scanv1.IndexAnyRequest{Data: data, Set: []byte("!"), All: true})
		require.NoError(t, err)
		assert.Equal(t, want, resp.GetIndices())
	}
}

// TestIndexAllChecksTheResponseLimitFirst: an answer one byte over what a
// response may hold is refused, naming the limit; one that fits exactly
// is sent, and proto's own size of it agrees with the check.
func TestIndexAllChecksTheResponseLimitFirst(t *testing.T) {
	data := make([]byte, 1000) // indices 0-127 take one byte each, 128-999 two
	for i := range data {
		data[i] = ','
	}
	size := 128 + 2*872
	req := &scanv1.IndexAnyRequest{Data: data, Set: []byte(","), All: true}

	_, err := New(simd.Native, commonv1.Backend_BACKEND_C, size-1+responseOverhead).IndexAny(context.Background(), req)
	require.Equal(t, codes.ResourceExhausted, status.Code(err), "%v", err)
	assert.Equal(t, commonv1.ErrorReason_ERROR_REASON_LIMIT_EXCEEDED, rpcerr.Detail(err).GetReason())
	assert.EqualValues(t, size-1, rpcerr.Detail(err).GetLimit())

	resp, err := New(simd.Native, commonv1.Backend_BACKEND_C, size+responseOverhead).IndexAny(context.Background(), req)
	require.NoError(t, err)
	assert.Len(t, resp.GetIndices(), len(data))
	assert.LessOrEqual(t, proto.Size(resp), size+responseOverhead, "the response fits the limit it was checked against")
}

// failingKernels fails every call with err: the C library rejecting input
// the handler let through, which the integration tests cannot provoke.
type failingKernels struct{ err error }

func (k failingKernels) IndexAny([]byte, []byte) (int, error) { return 0, k.err }
func (k failingKernels) IndexAllAny([]byte, []byte, []int) ([]int, error) {
	return nil, k.err
}
func (k failingKernels) Compare([]byte, []byte) (bool, int)  { return true, -1 }
func (k failingKernels) CountByte([]byte, byte) (int, error) { return 0, k.err }

func TestKernelErrorsMapToStatuses(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		err  error
		code codes.Code
	}{{simd.ErrInvalidArgument, codes.InvalidArgument}, {simd.ErrUnsupported, codes.Internal}} {
		s := New(failingKernels{tc.err}, commonv1.Backend_BACKEND_C, 4<<20)
		_, err := s.IndexAny(ctx, &scanv1.IndexAnyRequest{Data: []byte("x"), Set: []byte("x")})
		assert.Equal(t, tc.code, status.Code(err), "IndexAny %v", tc.err)
		_, err = s.IndexAny(ctx, &scanv1.IndexAnyRequest{Data: []byte("x"), Set: []byte("x"), All: true})
		assert.Equal(t, tc.code, status.Code(err), "IndexAny all %v", tc.err)
		_, err = s.CountByte(ctx, &scanv1.CountByteRequest{Data: []byte("x")})
		assert.Equal(t, tc.code, status.Code(err), "CountByte %v", tc.err)
	}
}
