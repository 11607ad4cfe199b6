package main

import (
	"bytes"
	"context"

	"google.golang.org/grpc"

	hashv1 "example.com/starter/proto/hash/v1"
	scanv1 "example.com/starter/proto/scan/v1"
)

// target is a service under load and the RPC that loads it.
type target struct {
	name      string
	rlocation *string
	// call makes one RPC with payload on conn.
	call func(ctx context.Context, conn *grpc.ClientConn, payload []byte) error
}

var targets = []target{
	{"hashd", &hashdRlocation, func(ctx context.Context, conn *grpc.ClientConn, payload []byte) error {
		_, err := hashv1.NewHashServiceClient(conn).Sum(ctx, &hashv1.SumRequest{
			Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Data: payload,
		})
		return err
	}},
	// A delimiter scan that finds nothing reads the whole payload: the
	// parser's worst case.
	{"scand", &scandRlocation, func(ctx context.Context, conn *grpc.ClientConn, payload []byte) error {
		_, err := scanv1.NewScanServiceClient(conn).IndexAny(ctx, &scanv1.IndexAnyRequest{
			Data: payload, Set: scanSet,
		})
		return err
	}},
}

// scanSet is the delimiter set scand's load scans for.
var scanSet = []byte(",;\n\t\"|")

// payload returns size bytes of text without any of the scanned delimiters.
func payload(size int) []byte {
	return bytes.Repeat([]byte("abcdefghijklmnopqrstuvwxyz012345"), size/32+1)[:size]
}
