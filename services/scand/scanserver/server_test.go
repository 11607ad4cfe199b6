package scanserver

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"example.com/starter/clib/simd"
	commonv1 "example.com/starter/proto/common/v1"
	scanv1 "example.com/starter/proto/scan/v1"
)

// TestBackendsAgree drives the handlers with the C and the pure-Go kernels
// on random inputs: whichever -backend a deployment picks, answers match.
func TestBackendsAgree(t *testing.T) {
	native := New(simd.Native, commonv1.Backend_BACKEND_C)
	pure := New(simd.Pure, commonv1.Backend_BACKEND_GO)
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
	s := New(simd.Pure, commonv1.Backend_BACKEND_GO)
	ctx := context.Background()
	_, err := s.IndexAny(ctx, &scanv1.IndexAnyRequest{Data: []byte("x")})
	assert.Equal(t, codes.InvalidArgument, status.Code(err))
	_, err = s.IndexAny(ctx, &scanv1.IndexAnyRequest{Data: []byte("x"), Set: make([]byte, simd.MaxSet+1)})
	assert.Equal(t, codes.InvalidArgument, status.Code(err))
	_, err = s.CountByte(ctx, &scanv1.CountByteRequest{Value: 256})
	assert.Equal(t, codes.InvalidArgument, status.Code(err))
}
