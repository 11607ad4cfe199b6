package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"google.golang.org/grpc"

	hashv1 "example.com/starter/proto/hash/v1"
)

func runSHA256(ctx context.Context, conn *grpc.ClientConn, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("sha256", flag.ContinueOnError)
	if err := parse(fs, args, 1, 1); err != nil {
		return err
	}
	resp, err := hashv1.NewHashServiceClient(conn).Sum(ctx, &hashv1.SumRequest{
		Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Data: []byte(fs.Arg(0)),
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "sha256(%q) = %x  [%s]\n", fs.Arg(0), resp.GetDigest(), resp.GetBackend())
	return nil
}

func runHMAC(ctx context.Context, conn *grpc.ClientConn, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("hmac", flag.ContinueOnError)
	key := fs.String("key", "", "HMAC key")
	if err := parse(fs, args, 1, 1); err != nil {
		return err
	}
	resp, err := hashv1.NewHashServiceClient(conn).Sum(ctx, &hashv1.SumRequest{
		Algorithm: hashv1.Algorithm_ALGORITHM_HMAC_SHA256, Key: []byte(*key), Data: []byte(fs.Arg(0)),
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "hmac-sha256(key=%q, %q) = %x  [%s]\n", *key, fs.Arg(0), resp.GetDigest(), resp.GetBackend())
	return nil
}

func runStream(ctx context.Context, conn *grpc.ClientConn, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("stream", flag.ContinueOnError)
	chunk := fs.Int("chunk", 256<<10, "bytes per message")
	key := fs.String("key", "", "HMAC key; plain SHA-256 if empty")
	if err := parse(fs, args, 1, 1); err != nil || *chunk <= 0 {
		return errUsage
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()

	stream, err := hashv1.NewHashServiceClient(conn).SumStream(ctx)
	if err != nil {
		return err
	}
	first := &hashv1.SumStreamRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256}
	if *key != "" {
		first = &hashv1.SumStreamRequest{Algorithm: hashv1.Algorithm_ALGORITHM_HMAC_SHA256, Key: []byte(*key)}
	}
	if err := stream.Send(first); err != nil {
		return err
	}
	buf := make([]byte, *chunk)
	var total int64
	for {
		n, readErr := io.ReadFull(f, buf)
		if n > 0 {
			if err := stream.Send(&hashv1.SumStreamRequest{Chunk: buf[:n]}); err != nil {
				break // the server ended the stream; CloseAndRecv reports why
			}
			total += int64(n)
		}
		if readErr == io.EOF || readErr == io.ErrUnexpectedEOF {
			break
		}
		if readErr != nil {
			return readErr
		}
	}
	resp, err := stream.CloseAndRecv()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %d bytes in %d-byte chunks = %x  [%s]\n", fs.Arg(0), total, *chunk, resp.GetDigest(), resp.GetBackend())
	return nil
}

func runBatch(ctx context.Context, conn *grpc.ClientConn, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("batch", flag.ContinueOnError)
	if err := parse(fs, args, 1, -1); err != nil {
		return err
	}
	msgs := make([][]byte, fs.NArg())
	for i, arg := range fs.Args() {
		msgs[i] = []byte(arg)
	}
	resp, err := hashv1.NewHashServiceClient(conn).SumBatch(ctx, &hashv1.SumBatchRequest{
		Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Messages: msgs,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "batch of %d  [%s]\n", len(msgs), resp.GetBackend())
	for i, d := range resp.GetDigests() {
		fmt.Fprintf(out, "  sha256(%q) = %x\n", fs.Arg(i), d)
	}
	return nil
}
