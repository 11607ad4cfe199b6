package scanserver

import (
	"context"
	"net"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	scanv1 "example.com/starter/proto/scan/v1"
)

// newClient serves a Server on a loopback port and returns a client for it.
func newClient(t *testing.T) scanv1.ScanServiceClient {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := grpc.NewServer()
	scanv1.RegisterScanServiceServer(srv, Server{})
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)

	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return scanv1.NewScanServiceClient(conn)
}

func TestCountByteOverGRPC(t *testing.T) {
	client := newClient(t)
	resp, err := client.CountByte(context.Background(), &scanv1.CountByteRequest{Data: []byte("a,b,,c,"), Value: ','})
	require.NoError(t, err)
	assert.EqualValues(t, 4, resp.GetCount())
}

func TestCountByteRejectsNonByteValue(t *testing.T) {
	client := newClient(t)
	_, err := client.CountByte(context.Background(), &scanv1.CountByteRequest{Data: []byte("x"), Value: 256})
	assert.Equal(t, codes.InvalidArgument, status.Code(err), "err = %v", err)
}
