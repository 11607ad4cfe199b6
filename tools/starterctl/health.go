package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"google.golang.org/grpc"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

func runHealth(ctx context.Context, conn *grpc.ClientConn, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("health", flag.ContinueOnError)
	service := fs.String("service", "", "service name; empty for the whole server")
	if err := parse(fs, args, 0, 0); err != nil {
		return err
	}
	resp, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{Service: *service})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "health(%q) = %s\n", *service, resp.GetStatus())
	return nil
}
