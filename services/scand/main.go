// Command scand serves scan.v1.ScanService: byte-set scans, counts and
// compares computed by clib/simd's SIMD kernels, or by Go's bytes package
// with -backend=go. Every flag can also be set as SCAND_<FLAG> in the
// environment.
package main

import (
	"example.com/starter/clib/simd"
	scanv1 "example.com/starter/proto/scan/v1"
	"example.com/starter/services/internal/servicemain"
	"example.com/starter/services/scand/scanserver"
)

func main() {
	servicemain.Main(servicemain.Spec{
		Name:          "scand",
		Listen:        "127.0.0.1:7002",
		MetricsListen: "127.0.0.1:9102",
		HasNative:     simd.HasNative(),
		// The kernel set chosen for this CPU: neon, avx512vbmi, avx512bw,
		// avx2, sse4.2 or scalar.
		Implementation: simd.Impl,
		Register: func(r servicemain.Registration) error {
			kernels := servicemain.Choose(r, simd.Pure, simd.Native, simd.AlwaysNative)
			scanv1.RegisterScanServiceServer(r.GRPC, scanserver.New(kernels, r.Backend, r.MaxMessageBytes))
			return nil
		},
	})
}
