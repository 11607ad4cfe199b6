package zerocopy_test

import (
	"context"
	"fmt"
	"net"
	"runtime"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"example.com/starter/clib/crypto"
	"example.com/starter/clib/simd"
	commonv1 "example.com/starter/proto/common/v1"
	hashv1 "example.com/starter/proto/hash/v1"
	scanv1 "example.com/starter/proto/scan/v1"
	"example.com/starter/services/hashd/hashserver"
	"example.com/starter/services/internal/zerocopy"
	"example.com/starter/services/scand/scanserver"
)

// BenchmarkServers runs hashd's Sum and scand's IndexAny and CountByte
// in-process over loopback (plaintext), with gRPC's default codec and with
// zerocopy, on both backends. B/op and allocs/op count the client and the
// server together, so they bound the server's; gc/1000rpc is the number of
// GC cycles per 1,000 RPCs. Names are
// BenchmarkServers/<rpc>/<backend>/<codec>/<size>.
func BenchmarkServers(b *testing.B) {
	for _, backend := range []string{"c", "go"} {
		digests, kernels := crypto.Native, simd.Native
		if backend == "go" {
			digests, kernels = crypto.Pure, simd.Pure
		}
		for _, codec := range []string{"default", "zerocopy"} {
			hash, scan := serve(b, codec == "zerocopy", digests, kernels)
			for _, size := range []int{4 << 10, 1 << 20} {
				data := make([]byte, size)
				for i := range data {
					data[i] = 'a' + byte(i%26)
				}
				calls := []struct {
					name string
					call func(ctx context.Context) error
				}{
					{"Sum", func(ctx context.Context) error {
						_, err := hash.Sum(ctx, &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Data: data})
						return err
					}},
					{"IndexAny", func(ctx context.Context) error {
						_, err := scan.IndexAny(ctx, &scanv1.IndexAnyRequest{Data: data, Set: []byte(",;")})
						return err
					}},
					{"CountByte", func(ctx context.Context) error {
						_, err := scan.CountByte(ctx, &scanv1.CountByteRequest{Data: data, Value: ','})
						return err
					}},
				}
				for _, c := range calls {
					b.Run(fmt.Sprintf("%s/%s/%s/%dKiB", c.name, backend, codec, size>>10), func(b *testing.B) {
						b.SetBytes(int64(size))
						b.ReportAllocs()
						var before, after runtime.MemStats
						runtime.ReadMemStats(&before)
						for b.Loop() {
							if err := c.call(b.Context()); err != nil {
								b.Fatal(err)
							}
						}
						runtime.ReadMemStats(&after)
						b.ReportMetric(float64(after.NumGC-before.NumGC)*1000/float64(b.N), "gc/1000rpc")
					})
				}
			}
		}
	}
}

// serve starts hashd's and scand's servers on one loopback listener and
// returns their clients.
func serve(b *testing.B, zeroCopy bool, digests crypto.Backend, kernels simd.Kernels) (hashv1.HashServiceClient, scanv1.ScanServiceClient) {
	b.Helper()
	var opts []grpc.ServerOption
	if zeroCopy {
		zc, err := zerocopy.NewServer(prometheus.NewRegistry())
		if err != nil {
			b.Fatal(err)
		}
		opts = append(zc.ServerOptions(), grpc.ChainUnaryInterceptor(zc.UnaryInterceptor()),
			grpc.ChainStreamInterceptor(zc.StreamInterceptor()))
	}
	const maxMessage = 4 << 20
	opts = append(opts, grpc.MaxRecvMsgSize(maxMessage), grpc.MaxSendMsgSize(maxMessage))
	srv := grpc.NewServer(opts...)
	hashv1.RegisterHashServiceServer(srv, hashserver.New(digests, commonv1.Backend_BACKEND_UNSPECIFIED, maxMessage))
	scanv1.RegisterScanServiceServer(srv, scanserver.New(kernels, commonv1.Backend_BACKEND_UNSPECIFIED, maxMessage))
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go func() { _ = srv.Serve(lis) }()
	b.Cleanup(srv.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(maxMessage), grpc.MaxCallSendMsgSize(maxMessage)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = conn.Close() })
	return hashv1.NewHashServiceClient(conn), scanv1.NewScanServiceClient(conn)
}
