package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/encoding/protojson"

	envelopev1 "example.com/starter/proto/envelope/v1"
)

// runSeal prints the envelope as one line of JSON, which open takes back.
func runSeal(ctx context.Context, conn *grpc.ClientConn, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("seal", flag.ContinueOnError)
	key := fs.String("key", "", "ID of the server's key to seal with")
	aad := fs.String("aad", "", "additional data to bind to the envelope; open needs the same")
	if err := parse(fs, args, 1, 1); err != nil || *key == "" {
		return errUsage
	}
	resp, err := envelopev1.NewEnvelopeServiceClient(conn).Seal(ctx, &envelopev1.SealRequest{
		KeyId: *key, Plaintext: []byte(fs.Arg(0)), Aad: []byte(*aad),
	})
	if err != nil {
		return err
	}
	line, err := protojson.Marshal(resp.GetEnvelope())
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s\n", line)
	return nil
}

func runOpen(ctx context.Context, conn *grpc.ClientConn, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("open", flag.ContinueOnError)
	aad := fs.String("aad", "", "the additional data the envelope was sealed with")
	if err := parse(fs, args, 1, 1); err != nil {
		return err
	}
	env := &envelopev1.Envelope{}
	if err := protojson.Unmarshal([]byte(fs.Arg(0)), env); err != nil {
		return fmt.Errorf("%w: the envelope is not seal's JSON: %v", errUsage, err)
	}
	resp, err := envelopev1.NewEnvelopeServiceClient(conn).Open(ctx, &envelopev1.OpenRequest{Envelope: env, Aad: []byte(*aad)})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "open(key=%s) = %q  [%s]\n", env.GetKeyId(), resp.GetPlaintext(), resp.GetBackend())
	return nil
}
