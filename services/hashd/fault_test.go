// Fault tests: they start hashd's fault build (fault_binary in BUILD.bazel),
// make one function of clib/crypto's OpenSSL seam fail inside the running
// binary, and check what comes out of the other end: the gRPC status and
// ErrorDetail, the count in /metrics, and that the next request succeeds.
package main_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	commonv1 "example.com/starter/proto/common/v1"
	hashv1 "example.com/starter/proto/hash/v1"
	"example.com/starter/services/internal/rpcerr"
	"example.com/starter/services/internal/servicetest"
)

// crypto_status codes from clib/crypto/crypto.h that a seam function can
// return.
const (
	cryptoENOMEM   = 3
	cryptoEBACKEND = 4
)

// faultCase is an RPC that calls a seam function, and how it must fail when
// that function fails.
type faultCase struct {
	seamFunc string // the crypto_evp.h function that fails
	code     int    // what it returns
	method   string // the RPC that reaches it
	call     func(context.Context, hashv1.HashServiceClient) ([][]byte, error)
	want     string // in the status message: the binding's error for code
}

// faultMessages are what each RPC below hashes, by method.
var faultMessages = map[string][][]byte{
	"Sum":       {payload(100)},
	"SumBatch":  {payload(10), payload(100)},
	"SumStream": {payload(100)},
}

func sum(ctx context.Context, c hashv1.HashServiceClient) ([][]byte, error) {
	resp, err := c.Sum(ctx, &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Data: faultMessages["Sum"][0]})
	return [][]byte{resp.GetDigest()}, err
}

func sumBatch(ctx context.Context, c hashv1.HashServiceClient) ([][]byte, error) {
	resp, err := c.SumBatch(ctx, &hashv1.SumBatchRequest{
		Algorithm: hashv1.Algorithm_ALGORITHM_SHA256,
		Messages:  faultMessages["SumBatch"],
	})
	return resp.GetDigests(), err
}

func sumStream(ctx context.Context, c hashv1.HashServiceClient) ([][]byte, error) {
	stream, err := c.SumStream(ctx)
	if err != nil {
		return nil, err
	}
	if err := stream.Send(&hashv1.SumStreamRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Chunk: faultMessages["SumStream"][0]}); err != nil {
		return nil, err
	}
	resp, err := stream.CloseAndRecv()
	return [][]byte{resp.GetDigest()}, err
}

// Every crypto_evp.h function that can fail does so once, on the first
// call: crypto_evp_free returns nothing and cannot.
var faultCases = []faultCase{
	{"crypto_evp_new", cryptoENOMEM, "Sum", sum, "out of memory"},
	{"crypto_evp_update", cryptoEBACKEND, "Sum", sum, "backend failure"},
	{"crypto_evp_final", cryptoEBACKEND, "Sum", sum, "backend failure"},
	// A batch resets its context before every message after the first.
	{"crypto_evp_reset", cryptoEBACKEND, "SumBatch", sumBatch, "backend failure"},
	// A stream's digest is taken from a copy of its context.
	{"crypto_evp_dup", cryptoENOMEM, "SumStream", sumStream, "out of memory"},
}

func TestSeamFailuresReachTheClient(t *testing.T) {
	for _, tc := range faultCases {
		t.Run(tc.seamFunc, func(t *testing.T) {
			// Every call in C: with size dispatch, these short messages
			// would be hashed in Go and never reach the seam.
			svc := servicetest.StartFault(t, tc.seamFunc+"="+strconv.Itoa(tc.code)+"@1", "-backend=c", "-size_dispatch=false")
			c := client(t, svc)
			ctx := context.Background()

			_, err := tc.call(ctx, c)
			require.Error(t, err, "%s failed inside the server, yet the RPC succeeded", tc.seamFunc)
			assert.Equal(t, codes.Internal, status.Code(err), "status: %v", err)
			assert.Equal(t, commonv1.ErrorReason_ERROR_REASON_BACKEND_FAILURE, rpcerr.Detail(err).GetReason())
			assert.Contains(t, status.Convert(err).Message(), tc.want)

			digests, err := tc.call(ctx, c)
			require.NoError(t, err, "the request after the fault")
			var want [][]byte
			for _, m := range faultMessages[tc.method] {
				want = append(want, sha(m))
			}
			assert.Equal(t, want, digests, "digests after the fault")

			key := "/hash.v1.HashService/" + tc.method
			svc.WaitHandled(t, time.Second, map[string]float64{key + " Internal": 1, key + " OK": 1})
		})
	}
}

// TestSizeDispatchInTheBinary checks clib/crypto's size dispatch in the
// built service, through a seam armed to fail every call: with the default
// -size_dispatch, digestFrom keeps every digest call in Go (OpenSSL was
// never reliably faster where it was measured), so all three RPCs succeed,
// a batch of many short messages (the case nearest a C win) included. A
// digestFrom that sends some call to C must change this test too.
// TestSeamFailuresReachTheClient checks the other side: with
// -size_dispatch=false, every RPC reaches C.
func TestSizeDispatchInTheBinary(t *testing.T) {
	svc := servicetest.StartFault(t, "crypto_evp_new="+strconv.Itoa(cryptoENOMEM), "-backend=c")
	c := client(t, svc)
	ctx := context.Background()

	for method, call := range map[string]func(context.Context, hashv1.HashServiceClient) ([][]byte, error){
		"Sum": sum, "SumBatch": sumBatch, "SumStream": sumStream,
	} {
		_, err := call(ctx, c)
		require.NoError(t, err, "%s reached C", method)
	}
	msgs := make([][]byte, 1024)
	for i := range msgs {
		msgs[i] = payload(64)
	}
	resp, err := c.SumBatch(ctx, &hashv1.SumBatchRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Messages: msgs})
	require.NoError(t, err, "a batch of 1024 messages of 64 bytes reached C")
	assert.Len(t, resp.GetDigests(), len(msgs))
}

func TestFaultSeamOnlyInFaultBuild(t *testing.T) {
	servicetest.RequireFaultSeamOnlyInFaultBuild(t)
}
