package zerocopy

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/proto"

	"example.com/starter/clib/crypto"
	hashv1 "example.com/starter/proto/hash/v1"
)

// value reads a counter's or gauge's value.
func value(t *testing.T, m prometheus.Metric) float64 {
	t.Helper()
	var d dto.Metric
	require.NoError(t, m.Write(&d))
	if d.Counter != nil {
		return d.Counter.GetValue()
	}
	return d.GetGauge().GetValue()
}

// poisoningPool overwrites every buffer given back to it, as a reused
// buffer would be overwritten by the next message: whoever still reads a
// released request sees 0xAA.
type poisoningPool struct{ mem.BufferPool }

func (p poisoningPool) Put(b *[]byte) {
	for i := range *b {
		(*b)[i] = 0xAA
	}
	p.BufferPool.Put(b)
}

// hasher answers Sum and SumStream with the SHA-256 of the request's
// bytes, computed in C (crypto.Native), as hashd does.
type hasher struct {
	hashv1.UnimplementedHashServiceServer
}

func (hasher) Sum(_ context.Context, req *hashv1.SumRequest) (*hashv1.SumResponse, error) {
	d, err := crypto.Native.SHA256(req.GetData())
	return &hashv1.SumResponse{Digest: d[:]}, err
}

func (hasher) SumStream(stream grpc.ClientStreamingServer[hashv1.SumStreamRequest, hashv1.SumResponse]) error {
	h := sha256.New()
	for {
		req, err := stream.Recv()
		if err == io.EOF {
			return stream.SendAndClose(&hashv1.SumResponse{Digest: h.Sum(nil)})
		}
		if err != nil {
			return err
		}
		h.Write(req.GetChunk())
	}
}

// startServer serves hasher over loopback with a zerocopy Server whose
// pool poisons what is put back, and returns a client and the metrics.
func startServer(t *testing.T) (hashv1.HashServiceClient, *Metrics) {
	t.Helper()
	reg := prometheus.NewRegistry()
	m, err := NewMetrics(reg)
	require.NoError(t, err)
	pool := poisoningPool{NewPool(m)}
	zc := &Server{Codec: New(pool, m), Pool: pool}
	srv := grpc.NewServer(append(zc.ServerOptions(),
		grpc.ChainUnaryInterceptor(zc.UnaryInterceptor()),
		grpc.ChainStreamInterceptor(zc.StreamInterceptor()))...)
	hashv1.RegisterHashServiceServer(srv, hasher{})
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return hashv1.NewHashServiceClient(conn), m
}

func payload(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// decodedInPlace returns how many messages the codec decoded in place, in
// gRPC's receive buffer or in one pooled copy of a fragmented message.
func decodedInPlace(t *testing.T, m *Metrics) float64 {
	return value(t, m.unmarshals.WithLabelValues(pathAliased)) + value(t, m.unmarshals.WithLabelValues(pathFragmented))
}

// TestRequestsOutliveNoHandler sends concurrent Sum RPCs whose requests
// are decoded in place, and checks every digest: the buffers are poisoned
// when released, so a buffer released before its handler (or C) finished
// reading it would give a wrong digest. Small requests arrive in one HTTP/2
// frame and are decoded in gRPC's receive buffer; large ones arrive in many
// frames and are copied once into a pooled buffer. Afterwards no buffer is
// held.
func TestRequestsOutliveNoHandler(t *testing.T) {
	client, m := startServer(t)
	const rpcs = 64
	var wg sync.WaitGroup
	for i := range rpcs {
		size := 4 << 10
		if i%2 == 1 {
			size = 256 << 10
		}
		wg.Go(func() {
			data := payload(rand.New(rand.NewPCG(uint64(i), 1)), size)
			resp, err := client.Sum(t.Context(), &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Data: data})
			if assert.NoError(t, err) {
				want := sha256.Sum256(data)
				assert.Equal(t, want[:], resp.GetDigest(), "rpc %d (%d bytes)", i, size)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, float64(rpcs), decodedInPlace(t, m), "every request was decoded in place")
	assert.Positive(t, value(t, m.unmarshals.WithLabelValues(pathFragmented)), "256 KiB requests span frames")
	assert.Zero(t, value(t, m.held), "every buffer was released")
}

// TestStreamReleasesEachMessage streams chunks that are decoded in place:
// the digest is right, so no chunk was released before the handler read
// it, and after the stream no buffer is held.
func TestStreamReleasesEachMessage(t *testing.T) {
	client, m := startServer(t)
	stream, err := client.SumStream(t.Context())
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(7, 7))
	want := sha256.New()
	const chunks = 20
	for range chunks {
		chunk := payload(rng, 8<<10)
		want.Write(chunk)
		require.NoError(t, stream.Send(&hashv1.SumStreamRequest{Chunk: chunk}))
	}
	resp, err := stream.CloseAndRecv()
	require.NoError(t, err)
	assert.Equal(t, want.Sum(nil), resp.GetDigest())
	assert.Equal(t, float64(chunks), decodedInPlace(t, m))
	assert.Zero(t, value(t, m.held))
}

// lateStream is a ServerStream whose RecvMsg decodes wire with codec once
// arrive is closed.
type lateStream struct {
	grpc.ServerStream
	codec  *Codec
	wire   []byte
	arrive chan struct{}
}

func (s *lateStream) RecvMsg(m any) error {
	<-s.arrive
	return s.codec.Unmarshal(mem.BufferSlice{mem.SliceBuffer(s.wire)}, m)
}

// TestStreamReleasesWhatArrivesAfterTheHandler: grpcserver's deadline cap
// receives in a goroutine of its own and gives up on it when the deadline
// passes, so a RecvMsg can still be running, and can still succeed, after
// the handler has returned. The message it decodes is read by nobody and
// must be released, not held for ever.
func TestStreamReleasesWhatArrivesAfterTheHandler(t *testing.T) {
	m, err := NewMetrics(prometheus.NewRegistry())
	require.NoError(t, err)
	c := New(NewPool(m), m)
	wire, err := proto.Marshal(&hashv1.SumStreamRequest{Chunk: bytes.Repeat([]byte("x"), 8<<10)})
	require.NoError(t, err)
	ss := &lateStream{codec: c, wire: wire, arrive: make(chan struct{})}
	received := make(chan error, 1)
	zc := &Server{Codec: c}
	_ = zc.StreamInterceptor()(nil, ss, &grpc.StreamServerInfo{}, func(_ any, stream grpc.ServerStream) error {
		go func() { received <- stream.RecvMsg(new(hashv1.SumStreamRequest)) }()
		return context.DeadlineExceeded // the handler gives up before the message arrives
	})
	close(ss.arrive)
	require.NoError(t, <-received)
	assert.Equal(t, 1.0, value(t, m.unmarshals.WithLabelValues(pathAliased)), "decoded in place")
	assert.Zero(t, value(t, m.held), "the late message's buffer is still held")
}

// TestUnmarshalPaths checks which messages are decoded in place and that
// every path decodes what proto.Unmarshal decodes.
func TestUnmarshalPaths(t *testing.T) {
	m, err := NewMetrics(prometheus.NewRegistry())
	require.NoError(t, err)
	c := New(NewPool(m), m)
	big := &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Data: bytes.Repeat([]byte("x"), 8<<10)}
	wire, err := proto.Marshal(big)
	require.NoError(t, err)
	small, err := proto.Marshal(&hashv1.SumRequest{Data: []byte("abc")})
	require.NoError(t, err)

	for _, tc := range []struct {
		name, path string
		data       mem.BufferSlice
	}{
		{"one buffer", pathAliased, mem.BufferSlice{mem.SliceBuffer(bytes.Clone(wire))}},
		{"two buffers", pathFragmented, mem.BufferSlice{mem.SliceBuffer(bytes.Clone(wire[:100])), mem.SliceBuffer(bytes.Clone(wire[100:]))}},
		{"small", pathSmall, mem.BufferSlice{mem.SliceBuffer(small)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := value(t, m.unmarshals.WithLabelValues(tc.path))
			got := new(hashv1.SumRequest)
			require.NoError(t, c.Unmarshal(tc.data, got))
			want := new(hashv1.SumRequest)
			require.NoError(t, proto.Unmarshal(tc.data.Materialize(), want))
			assert.True(t, proto.Equal(want, got))
			assert.Equal(t, before+1, value(t, m.unmarshals.WithLabelValues(tc.path)))
			c.Release(got)
			c.Release(got) // a second release does nothing
		})
	}
	assert.Zero(t, value(t, m.held))

	// A message without vtprotobuf's methods goes to the default codec.
	health, err := proto.Marshal(&healthpb.HealthCheckRequest{Service: string(bytes.Repeat([]byte("s"), 2<<10))})
	require.NoError(t, err)
	var got healthpb.HealthCheckRequest
	require.NoError(t, c.Unmarshal(mem.BufferSlice{mem.SliceBuffer(health)}, &got))
	assert.Len(t, got.GetService(), 2<<10)
	assert.Equal(t, 1.0, value(t, m.unmarshals.WithLabelValues(pathNotVT)))
}

// TestPoolReuses checks the pool's size classes and its counts.
func TestPoolReuses(t *testing.T) {
	m, err := NewMetrics(prometheus.NewRegistry())
	require.NoError(t, err)
	p := NewPool(m)
	b := p.Get(3000)
	assert.Len(t, *b, 3000)
	assert.Equal(t, 4096, cap(*b), "a small class is a power of two")
	p.Put(b)
	b2 := p.Get(4000)
	assert.Len(t, *b2, 4000)
	odd := make([]byte, 10, 12)
	p.Put(&odd) // not one of the pool's: dropped
	assert.Equal(t, 2.0, value(t, m.poolGets))
	assert.Equal(t, 2.0, value(t, m.poolPuts))
	assert.LessOrEqual(t, value(t, m.poolAllocs), 2.0)
	for n, want := range map[int]int{
		1: 1, 2: 2, 1024: 1024, 1025: 2048, 64 << 10: 64 << 10,
		64<<10 + 1: 72 << 10, // eighths above 64 KiB
		1<<20 + 5:  1<<20 + 128<<10,
		2 << 20:    2 << 20,
	} {
		assert.Equal(t, want, classCap(n), fmt.Sprint(n))
		assert.Equal(t, want, classCap(want), "a class's capacity is its own class: %d", want)
	}
	big := p.Get(1<<20 + 5)
	assert.Equal(t, 1<<20+128<<10, cap(*big), "a 1 MiB message and its framing waste an eighth, not half")
}
