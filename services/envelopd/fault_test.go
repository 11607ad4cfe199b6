// Fault tests: they start envelopd's fault build, make a function of
// clib/crypto's cipher seam (crypto_aead_evp.h) fail inside the running
// binary, and check the gRPC status and ErrorDetail, the count in /metrics,
// and that the next request succeeds.
package main_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	commonv1 "example.com/starter/proto/common/v1"
	envelopev1 "example.com/starter/proto/envelope/v1"
	"example.com/starter/services/internal/rpcerr"
	"example.com/starter/services/internal/servicetest"
)

// crypto_status CRYPTO_EBACKEND, from clib/crypto/crypto.h.
const cryptoEBACKEND = "4"

// The messages are over the C binding's crossover (4 KiB > 3 KiB for
// ChaCha20-Poly1305), so that they reach C. crypto_aead_evp_new runs at
// start-up, once per key, and crypto_aead_evp_free cannot fail.
func TestSeamFailuresReachTheClient(t *testing.T) {
	ctx := context.Background()
	for _, seamFunc := range []string{"crypto_aead_evp_seal", "crypto_aead_evp_open"} {
		t.Run(seamFunc, func(t *testing.T) {
			// Each function fails on its first call: for open, the seal
			// before it goes through crypto_aead_evp_seal and works.
			svc := servicetest.StartFault(t, seamFunc+"="+cryptoEBACKEND+"@1",
				"-backend=c", "-key_file="+keyFile(t, testKeys))
			c := client(t, svc)
			req := &envelopev1.SealRequest{KeyId: "chacha", Plaintext: payload(4096)}
			sealed, err := c.Seal(ctx, req)
			method := "Seal"
			if seamFunc == "crypto_aead_evp_open" {
				require.NoError(t, err)
				method = "Open"
				var opened *envelopev1.OpenResponse
				opened, err = c.Open(ctx, &envelopev1.OpenRequest{Envelope: sealed.GetEnvelope()})
				assert.Nil(t, opened, "plaintext released by a failed open")
			}
			require.Error(t, err, "%s failed inside the server, yet the RPC succeeded", seamFunc)
			assert.Equal(t, codes.Internal, status.Code(err), "status: %v", err)
			assert.Equal(t, commonv1.ErrorReason_ERROR_REASON_BACKEND_FAILURE, rpcerr.Detail(err).GetReason())
			assert.Contains(t, status.Convert(err).Message(), "backend failure")

			sealed, err = c.Seal(ctx, req)
			require.NoError(t, err, "the seal after the fault")
			opened, err := c.Open(ctx, &envelopev1.OpenRequest{Envelope: sealed.GetEnvelope()})
			require.NoError(t, err, "the open after the fault")
			assert.Equal(t, req.GetPlaintext(), opened.GetPlaintext())

			want := map[string]float64{"/envelope.v1.EnvelopeService/" + method + " Internal": 1}
			if method == "Seal" {
				want["/envelope.v1.EnvelopeService/Seal OK"] = 1
			} else {
				want["/envelope.v1.EnvelopeService/Seal OK"] = 2
				want["/envelope.v1.EnvelopeService/Open OK"] = 1
			}
			svc.WaitHandled(t, time.Second, want)
		})
	}
}

func TestFaultSeamOnlyInFaultBuild(t *testing.T) {
	servicetest.RequireFaultSeamOnlyInFaultBuild(t)
}
