// Integration tests: they start the real envelopd binary, with a key file,
// and call it over TLS.
package main_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	commonv1 "example.com/starter/proto/common/v1"
	envelopev1 "example.com/starter/proto/envelope/v1"
	"example.com/starter/services/internal/rpcerr"
	"example.com/starter/services/internal/servicetest"
)

// testKeys is a key file with one key of each algorithm.
const testKeys = `# envelopd test keys
gcm aes-256-gcm 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
chacha chacha20-poly1305 1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100
`

var keyIDs = []string{"gcm", "chacha"}

// keyFile writes contents to a file in the test's directory.
func keyFile(t *testing.T, contents string) string {
	path := filepath.Join(t.TempDir(), "keys")
	require.NoError(t, os.WriteFile(path, []byte(contents), 0o600))
	return path
}

func start(t *testing.T, args ...string) *servicetest.Service {
	return servicetest.Start(t, append([]string{"-key_file=" + keyFile(t, testKeys)}, args...)...)
}

func client(t *testing.T, svc *servicetest.Service) envelopev1.EnvelopeServiceClient {
	return envelopev1.NewEnvelopeServiceClient(svc.Dial(t))
}

func payload(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*13 + i>>8)
	}
	return b
}

// TestBackendsOpenEachOthersEnvelopes seals on each backend and opens on
// the other, at sizes either side of the C binding's crossover to Go.
func TestBackendsOpenEachOthersEnvelopes(t *testing.T) {
	ctx := context.Background()
	c, g := client(t, start(t, "-backend=c")), client(t, start(t, "-backend=go"))
	for _, id := range keyIDs {
		for _, n := range []int{0, 100, 4096, 256 << 10} {
			for _, pair := range []struct {
				seal, open envelopev1.EnvelopeServiceClient
				backend    commonv1.Backend
			}{{c, g, commonv1.Backend_BACKEND_C}, {g, c, commonv1.Backend_BACKEND_GO}} {
				plaintext, aad := payload(n), []byte("record 7")
				sealed, err := pair.seal.Seal(ctx, &envelopev1.SealRequest{KeyId: id, Plaintext: plaintext, Aad: aad})
				require.NoError(t, err, "%s, %d bytes", id, n)
				assert.Equal(t, pair.backend, sealed.GetBackend())
				env := sealed.GetEnvelope()
				assert.Equal(t, id, env.GetKeyId())
				assert.Len(t, env.GetCiphertext(), n+16)
				opened, err := pair.open.Open(ctx, &envelopev1.OpenRequest{Envelope: env, Aad: aad})
				require.NoError(t, err, "%s, %d bytes", id, n)
				assert.True(t, bytes.Equal(plaintext, opened.GetPlaintext()), "%s, %d bytes", id, n)
			}
		}
	}
}

// TestNoncesAreNeverReused seals the same message many times: every
// envelope must have its own nonce, and so its own ciphertext.
func TestNoncesAreNeverReused(t *testing.T) {
	ctx := context.Background()
	c := client(t, start(t))
	nonces, ciphertexts := map[string]bool{}, map[string]bool{}
	for i := 0; i < 1000; i++ {
		resp, err := c.Seal(ctx, &envelopev1.SealRequest{KeyId: keyIDs[i%2], Plaintext: []byte("same")})
		require.NoError(t, err)
		env := resp.GetEnvelope()
		require.Len(t, env.GetNonce(), 12)
		require.False(t, nonces[string(env.GetNonce())], "nonce %x reused", env.GetNonce())
		nonces[string(env.GetNonce())] = true
		ciphertexts[string(env.GetCiphertext())] = true
	}
	assert.Len(t, ciphertexts, 1000)
}

// TestBadRequestsGetInvalidArgument sends what a careless or hostile
// client might: each must fail with INVALID_ARGUMENT naming the field,
// release no plaintext, and be counted with that code; a good request
// still works after them.
func TestBadRequestsGetInvalidArgument(t *testing.T) {
	ctx := context.Background()
	for _, backend := range []string{"-backend=c", "-backend=go"} {
		t.Run(backend, func(t *testing.T) {
			svc := start(t, backend)
			c := client(t, svc)
			sealed, err := c.Seal(ctx, &envelopev1.SealRequest{KeyId: "chacha", Plaintext: payload(5000), Aad: []byte("aad")})
			require.NoError(t, err)
			good := sealed.GetEnvelope()
			altered := func(change func(*envelopev1.Envelope)) *envelopev1.Envelope {
				env := proto.Clone(good).(*envelopev1.Envelope)
				change(env)
				return env
			}
			_, err = c.Seal(ctx, &envelopev1.SealRequest{KeyId: "nope", Plaintext: []byte("x")})
			assertInvalid(t, err, "key_id")
			opens := []struct {
				name  string
				req   *envelopev1.OpenRequest
				field string
			}{
				{"no envelope", &envelopev1.OpenRequest{}, "envelope"},
				{"unknown key", &envelopev1.OpenRequest{Envelope: altered(func(e *envelopev1.Envelope) { e.KeyId = "nope" }), Aad: []byte("aad")}, "envelope.key_id"},
				{"other algorithm", &envelopev1.OpenRequest{Envelope: altered(func(e *envelopev1.Envelope) { e.Algorithm = envelopev1.Algorithm_ALGORITHM_AES_256_GCM }), Aad: []byte("aad")}, "envelope.algorithm"},
				{"short nonce", &envelopev1.OpenRequest{Envelope: altered(func(e *envelopev1.Envelope) { e.Nonce = e.Nonce[:8] }), Aad: []byte("aad")}, "envelope.nonce"},
				{"shorter than a tag", &envelopev1.OpenRequest{Envelope: altered(func(e *envelopev1.Envelope) { e.Ciphertext = e.Ciphertext[:15] }), Aad: []byte("aad")}, "envelope.ciphertext"},
				{"altered ciphertext", &envelopev1.OpenRequest{Envelope: altered(func(e *envelopev1.Envelope) { e.Ciphertext[100] ^= 1 }), Aad: []byte("aad")}, "envelope"},
				{"altered tag", &envelopev1.OpenRequest{Envelope: altered(func(e *envelopev1.Envelope) { e.Ciphertext[len(e.Ciphertext)-1] ^= 1 }), Aad: []byte("aad")}, "envelope"},
				{"altered nonce", &envelopev1.OpenRequest{Envelope: altered(func(e *envelopev1.Envelope) { e.Nonce[0] ^= 1 }), Aad: []byte("aad")}, "envelope"},
				{"other aad", &envelopev1.OpenRequest{Envelope: good, Aad: []byte("AAD")}, "envelope"},
			}
			for _, tc := range opens {
				resp, err := c.Open(ctx, tc.req)
				assertInvalid(t, err, tc.field, tc.name)
				assert.Nil(t, resp, tc.name)
			}
			opened, err := c.Open(ctx, &envelopev1.OpenRequest{Envelope: good, Aad: []byte("aad")})
			require.NoError(t, err)
			assert.Equal(t, payload(5000), opened.GetPlaintext())
			svc.WaitHandled(t, time.Second, map[string]float64{
				"/envelope.v1.EnvelopeService/Seal InvalidArgument": 1,
				"/envelope.v1.EnvelopeService/Seal OK":              1,
				"/envelope.v1.EnvelopeService/Open InvalidArgument": float64(len(opens)),
				"/envelope.v1.EnvelopeService/Open OK":              1,
			})
		})
	}
}

func assertInvalid(t *testing.T, err error, field string, msgAndArgs ...any) {
	t.Helper()
	require.Error(t, err, msgAndArgs...)
	assert.Equal(t, codes.InvalidArgument, status.Code(err), msgAndArgs...)
	assert.Equal(t, commonv1.ErrorReason_ERROR_REASON_INVALID_FIELD, rpcerr.Detail(err).GetReason(), msgAndArgs...)
	assert.Equal(t, field, rpcerr.Detail(err).GetField(), msgAndArgs...)
}

// TestBadKeyFilesStopStartup checks that a missing or malformed key file
// stops envelopd before it serves, with status 2 and the file's line.
func TestBadKeyFilesStopStartup(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "-key_file is required"},
		{[]string{"-key_file=" + filepath.Join(t.TempDir(), "absent")}, "no such file"},
		{[]string{"-key_file=" + keyFile(t, "k1 aes-256-gcm 00\n")}, "keys:1: key \"k1\" is not 32 bytes of hex"},
		{[]string{"-key_file=" + keyFile(t, strings.Repeat("# none\n", 3))}, "keys: no keys"},
	} {
		status, stderr := servicetest.StartupFailure(t, tc.args...)
		assert.Equal(t, 2, status, "exit status; stderr:\n%s", stderr)
		assert.Contains(t, stderr, tc.want)
	}
}
