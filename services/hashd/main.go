// Command hashd serves hash.v1.HashService: SHA-256 and HMAC-SHA256 digests
// computed by clib/crypto (OpenSSL), or by Go's crypto packages with
// -backend=go. Every flag can also be set as HASHD_<FLAG> in the environment.
package main

import (
	"errors"
	"flag"

	"example.com/starter/clib/crypto"
	commonv1 "example.com/starter/proto/common/v1"
	hashv1 "example.com/starter/proto/hash/v1"
	"example.com/starter/services/hashd/hashserver"
	"example.com/starter/services/internal/servicemain"
)

func main() {
	var maxStreamBytes int64
	servicemain.Main(servicemain.Spec{
		Name:          "hashd",
		Listen:        "127.0.0.1:7001",
		MetricsListen: "127.0.0.1:9101",
		HasNative:     crypto.HasNative(),
		Flags: func(fs *flag.FlagSet) {
			fs.Int64Var(&maxStreamBytes, "max_stream_bytes", 1<<30, "largest payload SumStream accepts, in bytes")
		},
		Validate: func() error {
			if maxStreamBytes <= 0 {
				return errors.New("-max_stream_bytes must be positive")
			}
			return nil
		},
		Register: func(r servicemain.Registration) error {
			impl := crypto.Pure
			if r.Backend == commonv1.Backend_BACKEND_C {
				impl = crypto.Native
			}
			hashv1.RegisterHashServiceServer(r.GRPC, hashserver.New(impl, r.Backend, maxStreamBytes))
			return nil
		},
	})
}
