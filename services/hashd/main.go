// Command hashd serves hash.v1.HashService: SHA-256 and HMAC-SHA256 digests
// computed by clib/crypto (OpenSSL where it measured faster than Go, Go's
// crypto packages elsewhere; OpenSSL throughout with -size_dispatch=false),
// or by Go's crypto packages with -backend=go. Every flag can also be set as HASHD_<FLAG> in the environment.
package main

import (
	"errors"
	"flag"

	"example.com/starter/clib/crypto"
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
			impl := servicemain.Choose(r, crypto.Pure, crypto.Native, crypto.AlwaysNative)
			hashv1.RegisterHashServiceServer(r.GRPC, hashserver.New(impl, r.Backend, maxStreamBytes))
			return nil
		},
	})
}
