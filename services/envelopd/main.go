// Command envelopd serves envelope.v1.EnvelopeService: it seals and opens
// envelopes under the keys of a key file (see package keyring), with
// clib/crypto's AES-256-GCM and ChaCha20-Poly1305 on OpenSSL, or Go's with
// -backend=go. Every flag can also be set as ENVELOPD_<FLAG> in the
// environment.
package main

import (
	"errors"
	"flag"

	"example.com/starter/clib/crypto"
	envelopev1 "example.com/starter/proto/envelope/v1"
	"example.com/starter/services/envelopd/envelopeserver"
	"example.com/starter/services/envelopd/keyring"
	"example.com/starter/services/internal/servicemain"
)

func main() {
	var (
		keyFile string
		keys    []keyring.Key
	)
	servicemain.Main(servicemain.Spec{
		Name:          "envelopd",
		Listen:        "127.0.0.1:7003",
		MetricsListen: "127.0.0.1:9103",
		HasNative:     crypto.HasNative(),
		Flags: func(fs *flag.FlagSet) {
			fs.StringVar(&keyFile, "key_file", "", "file of the keys to seal and open with, one \"ID ALGORITHM HEX\" a line (required)")
		},
		Validate: func() error {
			if keyFile == "" {
				return errors.New("-key_file is required")
			}
			var err error
			keys, err = keyring.Load(keyFile)
			return err
		},
		Register: func(r servicemain.Registration) error {
			aeads := servicemain.Choose(r, crypto.PureAEAD, crypto.NativeAEAD, crypto.AlwaysNativeAEAD)
			srv, err := envelopeserver.New(keys, aeads, r.Backend)
			if err != nil {
				return err
			}
			envelopev1.RegisterEnvelopeServiceServer(r.GRPC, srv)
			return nil
		},
	})
}
