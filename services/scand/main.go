// Command scand serves scan.v1.ScanService: byte-level scans of payloads,
// computed by the C kernels of clib/simd.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"google.golang.org/grpc"

	scanv1 "example.com/starter/proto/scan/v1"
	"example.com/starter/services/scand/scanserver"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:7002", "gRPC listen address (host:port; port 0 picks a free one)")
	addrFile := flag.String("addr_file", "", "if set, write the bound address to this file once serving")
	flag.Parse()

	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(logger, *listen, *addrFile); err != nil {
		logger.Error("scand failed", "err", err)
		os.Exit(1)
	}
}

// run serves until SIGINT or SIGTERM, then drains in-flight RPCs.
func run(logger *slog.Logger, listen, addrFile string) error {
	lis, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	srv := grpc.NewServer()
	scanv1.RegisterScanServiceServer(srv, scanserver.Server{})

	if addrFile != "" {
		if err := writeFileAtomic(addrFile, []byte(lis.Addr().String())); err != nil {
			return fmt.Errorf("writing -addr_file: %w", err)
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		logger.Info("shutting down, draining in-flight RPCs")
		srv.GracefulStop()
	}()

	logger.Info("serving", "addr", lis.Addr().String())
	if err := srv.Serve(lis); err != nil && !errors.Is(err, grpc.ErrServerStopped) {
		return err
	}
	return nil
}

// writeFileAtomic writes data to path so that readers never see a partial file.
func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
