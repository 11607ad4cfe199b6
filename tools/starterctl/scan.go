package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"google.golang.org/grpc"

	scanv1 "example.com/starter/proto/scan/v1"
)

func runIndex(ctx context.Context, conn *grpc.ClientConn, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	set := fs.String("set", "", "bytes to look for (1 to 16)")
	all := fs.Bool("all", false, "report every match, not just the first")
	if err := parse(fs, args, 1, 1); err != nil {
		return err
	}
	resp, err := scanv1.NewScanServiceClient(conn).IndexAny(ctx, &scanv1.IndexAnyRequest{
		Data: []byte(fs.Arg(0)), Set: []byte(*set), All: *all,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "index-any(%q, set=%q) = %v  [%s]\n", fs.Arg(0), *set, resp.GetIndices(), resp.GetBackend())
	return nil
}

func runCount(ctx context.Context, conn *grpc.ClientConn, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("count", flag.ContinueOnError)
	value := fs.String("byte", "", "the byte to count (one character)")
	if err := parse(fs, args, 1, 1); err != nil || len(*value) != 1 {
		return errUsage
	}
	resp, err := scanv1.NewScanServiceClient(conn).CountByte(ctx, &scanv1.CountByteRequest{
		Data: []byte(fs.Arg(0)), Value: uint32((*value)[0]),
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "count(%q, %q) = %d  [%s]\n", fs.Arg(0), *value, resp.GetCount(), resp.GetBackend())
	return nil
}

func runCompare(ctx context.Context, conn *grpc.ClientConn, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	if err := parse(fs, args, 2, 2); err != nil {
		return err
	}
	resp, err := scanv1.NewScanServiceClient(conn).Compare(ctx, &scanv1.CompareRequest{
		A: []byte(fs.Arg(0)), B: []byte(fs.Arg(1)),
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "compare(%q, %q): equal=%t first difference at %d  [%s]\n",
		fs.Arg(0), fs.Arg(1), resp.GetEqual(), resp.GetFirstDifference(), resp.GetBackend())
	return nil
}
