// Dialling the services with the transport settings they expect: TLS 1.2+
// with ALPN "h2" verified against a CA file, or plaintext when the server
// runs with -insecure; and with the retry policy their load shedding
// expects (retryPolicy).

package servicekit

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
)

// ClientOptions configures Dial.
type ClientOptions struct {
	// CAFile is a PEM bundle of roots that sign the server's certificate.
	// Required unless Insecure.
	CAFile string
	// Insecure dials without TLS.
	Insecure bool
	// MaxMessageBytes bounds received and sent messages; 0 keeps gRPC's defaults.
	MaxMessageBytes int
	// GRPCOptions are added after Dial's own (a stats handler, say).
	GRPCOptions []grpc.DialOption
}

// Dial returns a client connection to addr. Like grpc.NewClient it does not
// connect until the first RPC.
func Dial(addr string, opts ClientOptions) (*grpc.ClientConn, error) {
	creds, err := clientCredentials(opts)
	if err != nil {
		return nil, err
	}
	dialOpts := []grpc.DialOption{
		grpc.WithTransportCredentials(creds),
		grpc.WithDefaultServiceConfig(retryPolicy),
	}
	if opts.MaxMessageBytes > 0 {
		dialOpts = append(dialOpts, grpc.WithDefaultCallOptions(
			grpc.MaxCallRecvMsgSize(opts.MaxMessageBytes),
			grpc.MaxCallSendMsgSize(opts.MaxMessageBytes),
		))
	}
	return grpc.NewClient(addr, append(dialOpts, opts.GRPCOptions...)...)
}

// retryPolicy retries UNAVAILABLE, which a server past its in-flight budget
// (-max_inflight_bytes) answers before reading the request, a few times
// with jittered backoff. Every method of this repository's services is
// idempotent. gRPC keeps at most 256 KiB of a call's requests for retries,
// so larger requests are not retried.
const retryPolicy = `{"methodConfig": [{
  "name": [{}],
  "retryPolicy": {
    "maxAttempts": 4,
    "initialBackoff": "0.05s",
    "maxBackoff": "1s",
    "backoffMultiplier": 2,
    "retryableStatusCodes": ["UNAVAILABLE"]
  }
}]}`

func clientCredentials(opts ClientOptions) (credentials.TransportCredentials, error) {
	if opts.Insecure {
		return insecure.NewCredentials(), nil
	}
	if opts.CAFile == "" {
		return nil, errors.New("servicekit: a CA file is required for TLS (or use insecure mode)")
	}
	pemData, err := os.ReadFile(opts.CAFile)
	if err != nil {
		return nil, fmt.Errorf("servicekit: %w", err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pemData) {
		return nil, fmt.Errorf("servicekit: no certificates in %s", opts.CAFile)
	}
	return credentials.NewTLS(&tls.Config{
		RootCAs:    roots,
		MinVersion: tls.VersionTLS12,
		NextProtos: []string{"h2"},
	}), nil
}
