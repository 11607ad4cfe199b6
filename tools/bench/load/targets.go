package main

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"google.golang.org/grpc"

	envelopev1 "example.com/starter/proto/envelope/v1"
	hashv1 "example.com/starter/proto/hash/v1"
	scanv1 "example.com/starter/proto/scan/v1"
	"example.com/starter/services/servicekit"
)

// target is a service under load and the RPC that loads it.
type target struct {
	name      string
	rlocation *string
	// method is the full name of the RPC call makes.
	method string
	// call makes one RPC with payload on conn.
	call func(ctx context.Context, conn *grpc.ClientConn, payload []byte) error
	// worst makes the service's costliest request, for the hostile mix.
	worst func(ctx context.Context, conn *grpc.ClientConn) error
	// flags, if set, writes what the service needs into dir and returns
	// the flags that point it there.
	flags func(dir string) ([]string, error)
}

var targets = []target{
	{"hashd", &hashdRlocation, hashv1.HashService_Sum_FullMethodName, func(ctx context.Context, conn *grpc.ClientConn, payload []byte) error {
		_, err := hashv1.NewHashServiceClient(conn).Sum(ctx, &hashv1.SumRequest{
			Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Data: payload,
		})
		return err
	}, worstHash, nil},
	// A delimiter scan that finds nothing reads the whole payload: the
	// parser's worst case.
	{"scand", &scandRlocation, scanv1.ScanService_IndexAny_FullMethodName, func(ctx context.Context, conn *grpc.ClientConn, payload []byte) error {
		_, err := scanv1.NewScanServiceClient(conn).IndexAny(ctx, &scanv1.IndexAnyRequest{
			Data: payload, Set: scanSet,
		})
		return err
	}, worstScan, nil},
	{"envelopd", &envelopdRlocation, envelopev1.EnvelopeService_Seal_FullMethodName, func(ctx context.Context, conn *grpc.ClientConn, payload []byte) error {
		_, err := envelopev1.NewEnvelopeServiceClient(conn).Seal(ctx, &envelopev1.SealRequest{
			KeyId: servicekit.DevKeyIDs.AESGCM, Plaintext: payload,
		})
		return err
	}, worstSeal, func(dir string) ([]string, error) {
		flag, err := servicekit.WriteDevKeys(dir)
		return []string{flag}, err
	}},
}

// selectTargets returns the targets named in list, comma-separated, in
// targets' order; all of them for an empty list.
func selectTargets(list string) ([]target, error) {
	if list == "" {
		return targets, nil
	}
	names := strings.Split(list, ",")
	for _, name := range names {
		if !slices.ContainsFunc(targets, func(t target) bool { return t.name == name }) {
			return nil, fmt.Errorf("-services: no service %q", name)
		}
	}
	var selected []target
	for _, t := range targets {
		if slices.Contains(names, t.name) {
			selected = append(selected, t)
		}
	}
	return selected, nil
}

// scanSet is the delimiter set scand's load scans for.
var scanSet = []byte(",;\n\t\"|")

// payload returns size bytes of text without any of the scanned delimiters.
func payload(size int) []byte {
	return bytes.Repeat([]byte("abcdefghijklmnopqrstuvwxyz012345"), size/32+1)[:size]
}
