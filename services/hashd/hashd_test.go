// Integration tests: they start the real hashd binary and call it over TLS.
package main_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/stats"
	"google.golang.org/grpc/status"

	commonv1 "example.com/starter/proto/common/v1"
	hashv1 "example.com/starter/proto/hash/v1"
	"example.com/starter/services/internal/rpcerr"
	"example.com/starter/services/internal/servicetest"
)

func sha(data []byte) []byte {
	sum := sha256.Sum256(data)
	return sum[:]
}

func hmacSHA(key, data []byte) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write(data)
	return mac.Sum(nil)
}

func payload(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i>>8)
	}
	return b
}

func client(t *testing.T, svc *servicetest.Service) hashv1.HashServiceClient {
	return hashv1.NewHashServiceClient(svc.Dial(t))
}

func TestDigestsMatchGoCryptoOnBothBackends(t *testing.T) {
	for _, tc := range []struct {
		flag    string
		backend commonv1.Backend
	}{{"c", commonv1.Backend_BACKEND_C}, {"go", commonv1.Backend_BACKEND_GO}} {
		t.Run(tc.flag, func(t *testing.T) {
			c := client(t, servicetest.Start(t, "-backend="+tc.flag))
			ctx := context.Background()
			key := []byte("integration-key")
			for _, n := range []int{0, 1, 64, 4096, 1 << 20} {
				data := payload(n)
				resp, err := c.Sum(ctx, &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Data: data})
				require.NoError(t, err)
				assert.Equal(t, sha(data), resp.GetDigest(), "SHA-256 of %d bytes", n)
				assert.Equal(t, tc.backend, resp.GetBackend())

				resp, err = c.Sum(ctx, &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_HMAC_SHA256, Key: key, Data: data})
				require.NoError(t, err)
				assert.Equal(t, hmacSHA(key, data), resp.GetDigest(), "HMAC of %d bytes", n)
			}

			msgs := [][]byte{{}, []byte("a"), payload(64), payload(1000)}
			batch, err := c.SumBatch(ctx, &hashv1.SumBatchRequest{Algorithm: hashv1.Algorithm_ALGORITHM_HMAC_SHA256, Key: key, Messages: msgs})
			require.NoError(t, err)
			require.Len(t, batch.GetDigests(), len(msgs))
			for i, m := range msgs {
				assert.Equal(t, hmacSHA(key, m), batch.GetDigests()[i], "batch item %d", i)
			}
		})
	}
}

// sendChunks streams data in chunk-sized messages after a first message
// that names the algorithm.
func sendChunks(stream hashv1.HashService_SumStreamClient, data []byte, chunk int) error {
	if err := stream.Send(&hashv1.SumStreamRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256}); err != nil {
		return err
	}
	for len(data) > 0 {
		n := min(chunk, len(data))
		if err := stream.Send(&hashv1.SumStreamRequest{Chunk: data[:n]}); err != nil {
			return err
		}
		data = data[n:]
	}
	return nil
}

func TestSumStreamLargePayload(t *testing.T) {
	c := client(t, servicetest.Start(t, "-max_message_bytes=1048576"))
	data := payload(16 << 20) // 16 MiB, 16 times the message limit
	stream, err := c.SumStream(context.Background())
	require.NoError(t, err)
	require.NoError(t, sendChunks(stream, data, 256<<10))
	resp, err := stream.CloseAndRecv()
	require.NoError(t, err)
	assert.Equal(t, sha(data), resp.GetDigest())
}

func TestBadInputGetsTheRightStatus(t *testing.T) {
	c := client(t, servicetest.Start(t, "-max_message_bytes=1048576", "-max_stream_bytes=2097152"))
	ctx := context.Background()

	_, err := c.Sum(ctx, &hashv1.SumRequest{Data: []byte("x")})
	assert.Equal(t, codes.InvalidArgument, status.Code(err), "no algorithm: %v", err)
	assert.Equal(t, "algorithm", rpcerr.Detail(err).GetField())

	_, err = c.Sum(ctx, &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_HMAC_SHA256, Data: []byte("x")})
	assert.Equal(t, codes.InvalidArgument, status.Code(err), "HMAC without key: %v", err)

	_, err = c.Sum(ctx, &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Data: payload(2 << 20)})
	assert.Equal(t, codes.ResourceExhausted, status.Code(err), "message over the limit: %v", err)

	_, err = c.SumBatch(ctx, &hashv1.SumBatchRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Messages: make([][]byte, 4097)})
	assert.Equal(t, codes.ResourceExhausted, status.Code(err), "batch over the limit: %v", err)
	assert.EqualValues(t, 4096, rpcerr.Detail(err).GetLimit())

	stream, err := c.SumStream(ctx)
	require.NoError(t, err)
	_ = sendChunks(stream, payload(3<<20), 512<<10) // the server may stop reading early
	_, err = stream.CloseAndRecv()
	assert.Equal(t, codes.ResourceExhausted, status.Code(err), "stream over the limit: %v", err)
}

// TestDeadlines checks the server's own deadline cap. The client sets no
// deadline of its own (only a generous safety net), so a DeadlineExceeded
// that arrives well before the net, and that the server counts in its
// metrics, can only have been decided on the server.
func TestDeadlines(t *testing.T) {
	svc := servicetest.Start(t, "-max_deadline=500ms")
	c := client(t, svc)

	safetyNet, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	stream, err := c.SumStream(safetyNet)
	require.NoError(t, err)
	require.NoError(t, stream.Send(&hashv1.SumStreamRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256}))
	start := time.Now()
	err = stream.RecvMsg(new(hashv1.SumResponse)) // the send side stays open: the stream stalls
	assert.Equal(t, codes.DeadlineExceeded, status.Code(err), "stalled stream: %v", err)
	assert.Less(t, time.Since(start), 5*time.Second, "cut by the client's safety net, not by -max_deadline")
	svc.WaitHandled(t, time.Second, map[string]float64{"/hash.v1.HashService/SumStream DeadlineExceeded": 1})
}

func Test64ConcurrentClients(t *testing.T) {
	svc := servicetest.Start(t)
	const clients, calls = 64, 20
	var wg sync.WaitGroup
	errs := make(chan error, clients*calls)
	for i := range clients {
		c := client(t, svc) // one connection per client
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range calls {
				data := payload(64 + i*calls + j)
				resp, err := c.Sum(context.Background(), &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Data: data})
				if err == nil && !assert.ObjectsAreEqual(sha(data), resp.GetDigest()) {
					err = errors.New("wrong digest")
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestBadFlagsStopStartup: a value out of range is refused at start-up with
// a message naming the flag and status 2, instead of a server that fails
// every request later.
func TestBadFlagsStopStartup(t *testing.T) {
	for _, tc := range []struct{ flag, want string }{
		{"-max_stream_bytes=-1", "-max_stream_bytes must be positive"},
		{"-max_stream_bytes=0", "-max_stream_bytes must be positive"},
		{"-max_message_bytes=-5", "-max_message_bytes must be positive"},
		{"-max_inflight_bytes=1000", "-max_inflight_bytes must be at least -max_message_bytes"},
		{"-max_deadline=-1s", "-max_deadline and -drain_timeout must be positive"},
		{"-drain_timeout=0s", "-max_deadline and -drain_timeout must be positive"},
		{"-backend=rust", "want c or go"},
		{"-no_such_flag", "flag provided but not defined"},
	} {
		t.Run(tc.flag, func(t *testing.T) {
			status, stderr := servicetest.StartupFailure(t, tc.flag)
			assert.Equal(t, 2, status, "exit status; stderr:\n%s", stderr)
			assert.Contains(t, stderr, tc.want)
		})
	}
}

// TestLongLivedStreamsOutliveTheDeadlineCap keeps a health Watch and a
// reflection stream open across several -max_deadline periods: clients
// watch health for as long as they are connected, and a cap that cut the
// Watch would make their health checking flap.
func TestLongLivedStreamsOutliveTheDeadlineCap(t *testing.T) {
	const maxDeadline = 200 * time.Millisecond
	conn := servicetest.Start(t, "-max_deadline="+maxDeadline.String()).Dial(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	watch, err := healthpb.NewHealthClient(conn).Watch(ctx, &healthpb.HealthCheckRequest{Service: "hash.v1.HashService"})
	require.NoError(t, err)
	first, err := watch.Recv()
	require.NoError(t, err)
	assert.Equal(t, healthpb.HealthCheckResponse_SERVING, first.GetStatus())

	reflect, err := reflectionpb.NewServerReflectionClient(conn).ServerReflectionInfo(ctx)
	require.NoError(t, err)
	listServices := &reflectionpb.ServerReflectionRequest{MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{}}

	// A Watch sends nothing while the status holds, so a cut shows up as
	// an error from a Recv that is still waiting.
	watchErr := make(chan error, 1)
	go func() {
		_, err := watch.Recv()
		watchErr <- err
	}()
	for range 5 {
		time.Sleep(maxDeadline)
		require.NoError(t, reflect.Send(listServices), "reflection stream after %v", maxDeadline)
		_, err := reflect.Recv()
		require.NoError(t, err, "reflection stream cut by the deadline cap")
	}
	select {
	case err := <-watchErr:
		t.Fatalf("health Watch ended after less than %v: %v", 5*maxDeadline, err)
	default:
	}
}

// rawCodec sends bytes as they are, so that a test can send a request
// that is not valid protobuf.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error)      { return v.([]byte), nil }
func (rawCodec) Unmarshal(data []byte, v any) error { *v.(*[]byte) = data; return nil }
func (rawCodec) Name() string                       { return "proto" }

// TestEveryOutcomeCountedOnce drives each way an RPC can end, including
// those that never reach a handler, and checks that /metrics counts it
// exactly once, under the code the client got.
func TestEveryOutcomeCountedOnce(t *testing.T) {
	svc := servicetest.Start(t, "-max_message_bytes=4096", "-max_stream_bytes=8192")
	conn := svc.Dial(t)
	c := hashv1.NewHashServiceClient(conn)
	ctx := context.Background()
	const sum, sumStream = "/hash.v1.HashService/Sum", "/hash.v1.HashService/SumStream"
	for _, tc := range []struct {
		name   string
		call   func() error
		method string // the method label; "unknown" for methods not served
		code   codes.Code
	}{
		{"ok", func() error {
			_, err := c.Sum(ctx, &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256})
			return err
		}, sum, codes.OK},
		{"invalid argument", func() error {
			_, err := c.Sum(ctx, &hashv1.SumRequest{})
			return err
		}, sum, codes.InvalidArgument},
		{"request over the message limit", func() error {
			_, err := c.Sum(ctx, &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Data: payload(8192)})
			return err
		}, sum, codes.ResourceExhausted},
		{"undecodable request", func() error {
			var resp []byte
			return conn.Invoke(ctx, sum, []byte{0xff, 0xff, 0xff}, &resp, grpc.ForceCodec(rawCodec{}))
		}, sum, codes.Internal},
		{"unknown method", func() error {
			var resp []byte
			return conn.Invoke(ctx, "/hash.v1.HashService/NoSuchMethod", []byte{}, &resp, grpc.ForceCodec(rawCodec{}))
		}, "unknown", codes.Unimplemented},
		{"malformed method name", func() error {
			var resp []byte
			return conn.Invoke(ctx, "no-slash", []byte{}, &resp, grpc.ForceCodec(rawCodec{}))
		}, "unknown", codes.Unimplemented},
		{"stream chunk over the message limit", func() error {
			stream, err := c.SumStream(ctx)
			if err != nil {
				return err
			}
			_ = sendChunks(stream, payload(6000), 6000) // the server may stop reading early
			_, err = stream.CloseAndRecv()
			return err
		}, sumStream, codes.ResourceExhausted},
		{"stream over -max_stream_bytes", func() error {
			stream, err := c.SumStream(ctx)
			if err != nil {
				return err
			}
			_ = sendChunks(stream, payload(12000), 3000)
			_, err = stream.CloseAndRecv()
			return err
		}, sumStream, codes.ResourceExhausted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := svc.HandledCounts(t)
			err := tc.call()
			require.Equal(t, tc.code, status.Code(err), "the client's status: %v", err)
			key := tc.method + " " + tc.code.String()
			if !svc.WaitHandled(t, 5*time.Second, map[string]float64{key: before[key] + 1}) {
				t.FailNow()
			}
			after := svc.HandledCounts(t)
			for k, n := range after {
				want := before[k]
				if k == key {
					want++
				}
				assert.Equal(t, want, n, "%s counted %v times for one RPC", k, n-before[k])
			}
		})
	}
	// However they ended, the RPCs hold no part of the in-flight budget.
	svc.WaitGauge(t, 5*time.Second, "grpc_server_inflight_request_bytes", 0)
}

func TestHealthAndMetrics(t *testing.T) {
	svc := servicetest.Start(t)
	conn := svc.Dial(t)
	health := healthpb.NewHealthClient(conn)
	for _, service := range []string{"", "hash.v1.HashService"} {
		resp, err := health.Check(context.Background(), &healthpb.HealthCheckRequest{Service: service})
		require.NoError(t, err)
		assert.Equal(t, healthpb.HealthCheckResponse_SERVING, resp.GetStatus(), "service %q", service)
	}

	c := hashv1.NewHashServiceClient(conn)
	_, err := c.Sum(context.Background(), &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256})
	require.NoError(t, err)
	_, err = c.Sum(context.Background(), &hashv1.SumRequest{})
	require.Error(t, err)

	svc.WaitHandled(t, time.Second, map[string]float64{
		"/hash.v1.HashService/Sum OK":              1,
		"/hash.v1.HashService/Sum InvalidArgument": 1,
	})
	body := svc.Metrics(t)
	assert.Contains(t, body, "grpc_server_handling_seconds_bucket")
	assert.Contains(t, body, "go_goroutines")
}

// TestSIGTERMCompletesAcceptedRPCs opens streams, sends SIGTERM while they
// are half-sent, and checks that every one still completes correctly, that
// unary load sees only clean refusals, and that the process exits 0.
func TestSIGTERMCompletesAcceptedRPCs(t *testing.T) {
	svc := servicetest.Start(t)
	c := client(t, svc)
	ctx := context.Background()

	const streams = 8
	data := payload(1 << 20)
	open := make([]hashv1.HashService_SumStreamClient, streams)
	for i := range open {
		stream, err := c.SumStream(ctx)
		require.NoError(t, err)
		require.NoError(t, sendChunks(stream, data[:len(data)/2], 64<<10))
		open[i] = stream
	}

	stopLoad := make(chan struct{})
	loadErrs := make(chan error, 1024)
	var load sync.WaitGroup
	for range 4 {
		load.Add(1)
		go func() {
			defer load.Done()
			for {
				select {
				case <-stopLoad:
					return
				default:
				}
				_, err := c.Sum(ctx, &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Data: data[:4096]})
				if err != nil {
					loadErrs <- err
					return
				}
			}
		}()
	}

	require.NoError(t, svc.Terminate())
	for i, stream := range open {
		for rest := data[len(data)/2:]; len(rest) > 0; rest = rest[min(len(rest), 64<<10):] {
			require.NoError(t, stream.Send(&hashv1.SumStreamRequest{Chunk: rest[:min(len(rest), 64<<10)]}), "stream %d", i)
		}
		resp, err := stream.CloseAndRecv()
		require.NoError(t, err, "stream %d was accepted before SIGTERM and must complete", i)
		assert.Equal(t, sha(data), resp.GetDigest(), "stream %d", i)
	}

	select {
	case <-svc.Exited():
		assert.NoError(t, svc.Wait(), "exit status after SIGTERM")
	case <-time.After(15 * time.Second):
		t.Fatal("hashd did not exit after draining")
	}
	close(stopLoad)
	load.Wait()
	close(loadErrs)
	for err := range loadErrs {
		assert.Equal(t, codes.Unavailable, status.Code(err), "load RPCs may only be refused, not dropped: %v", err)
	}
}

// TestShutdownIsObservable: after SIGTERM the service stays up for its
// lame-duck period with health NOT_SERVING, so that a health-checking
// client (already connected or new) learns of the shutdown instead of
// meeting a refused connection; /metrics stays readable with the final
// counts; and an open health Watch does not hold up the exit.
func TestShutdownIsObservable(t *testing.T) {
	const lameDuck = 2 * time.Second
	svc := servicetest.Start(t, "-lame_duck="+lameDuck.String())
	watch, err := healthpb.NewHealthClient(svc.Dial(t)).Watch(context.Background(), &healthpb.HealthCheckRequest{})
	require.NoError(t, err)
	resp, err := watch.Recv()
	require.NoError(t, err)
	require.Equal(t, healthpb.HealthCheckResponse_SERVING, resp.GetStatus())

	start := time.Now()
	require.NoError(t, svc.Terminate())
	resp, err = watch.Recv()
	require.NoError(t, err)
	assert.Equal(t, healthpb.HealthCheckResponse_NOT_SERVING, resp.GetStatus(), "the Watch hears of the shutdown")

	// A client that connects during the lame-duck period is served, and
	// told the service is going away.
	conn := svc.Dial(t)
	check, err := healthpb.NewHealthClient(conn).Check(context.Background(), &healthpb.HealthCheckRequest{})
	require.NoError(t, err, "a new client during the lame-duck period")
	assert.Equal(t, healthpb.HealthCheckResponse_NOT_SERVING, check.GetStatus())
	_, err = hashv1.NewHashServiceClient(conn).Sum(context.Background(), &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256})
	require.NoError(t, err, "RPCs are still served during the lame-duck period")
	// /metrics is still up, and counts the RPC made during the period.
	svc.WaitHandled(t, time.Second, map[string]float64{"/hash.v1.HashService/Sum OK": 1})
	require.Less(t, time.Since(start), lameDuck, "the checks above must run inside the lame-duck period")

	select {
	case <-svc.Exited():
		assert.NoError(t, svc.Wait())
	case <-time.After(lameDuck + 5*time.Second):
		t.Fatal("no exit within 5s of the lame-duck period: did the open Watch hold up the drain?")
	}
	assert.GreaterOrEqual(t, time.Since(start), lameDuck, "exited before the lame-duck period ended")
	_, err = watch.Recv()
	assert.Error(t, err, "the Watch ends with the server")
}

// TestIdleConnectionsAreClosed holds 200 TCP connections that never start
// TLS, as a careless or hostile client might, and checks that the server
// closes each within -handshake_timeout while it goes on serving others.
func TestIdleConnectionsAreClosed(t *testing.T) {
	const handshakeTimeout = 500 * time.Millisecond
	svc := servicetest.Start(t, "-handshake_timeout="+handshakeTimeout.String())
	c := client(t, svc)

	idle := make([]net.Conn, 200)
	for i := range idle {
		conn, err := net.Dial("tcp", svc.Addrs.GRPC)
		require.NoError(t, err)
		t.Cleanup(func() { conn.Close() })
		idle[i] = conn
	}
	opened := time.Now()
	for range 10 {
		_, err := c.Sum(context.Background(), &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Data: []byte("x")})
		require.NoError(t, err, "a well-behaved client beside the idle connections")
	}

	// The server closes a connection by sending nothing and hanging up, so
	// a read ends with EOF (or a reset); one still open times out instead.
	limit := opened.Add(handshakeTimeout + 3*time.Second)
	for i, conn := range idle {
		require.NoError(t, conn.SetReadDeadline(limit))
		_, err := conn.Read(make([]byte, 1))
		var netErr net.Error
		if errors.As(err, &netErr) && netErr.Timeout() {
			t.Fatalf("idle connection %d still open %v after it was made (handshake timeout %v)", i, time.Since(opened), handshakeTimeout)
		}
		require.Error(t, err, "idle connection %d: the server sent data without a handshake", i)
	}
}

// TestStreamsPerConnectionAreCapped: with -max_concurrent_streams=2, a
// third RPC on a connection that holds two open streams waits for one of
// them to end (the server advertises the cap in its HTTP/2 settings).
func TestStreamsPerConnectionAreCapped(t *testing.T) {
	c := client(t, servicetest.Start(t, "-max_concurrent_streams=2"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var open []hashv1.HashService_SumStreamClient
	for range 2 {
		stream, err := c.SumStream(ctx)
		require.NoError(t, err)
		require.NoError(t, stream.Send(&hashv1.SumStreamRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256}))
		open = append(open, stream)
	}
	sum := func(timeout time.Duration) error {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		_, err := c.Sum(ctx, &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256})
		return err
	}
	// Make sure both streams reached the server before counting on the cap.
	for _, stream := range open {
		require.NoError(t, stream.Send(&hashv1.SumStreamRequest{Chunk: []byte("x")}))
	}
	assert.Equal(t, codes.DeadlineExceeded, status.Code(sum(500*time.Millisecond)), "a third RPC while two streams are open")

	_, err := open[0].CloseAndRecv()
	require.NoError(t, err)
	assert.NoError(t, sum(5*time.Second), "the third RPC once a stream has ended")
}

func TestClientsRecoverAfterCrashAndRestart(t *testing.T) {
	svc := servicetest.Start(t)
	c := client(t, svc)
	req := &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Data: []byte("before")}
	_, err := c.Sum(context.Background(), req)
	require.NoError(t, err)

	svc.Kill()
	_, err = c.Sum(context.Background(), req)
	assert.Equal(t, codes.Unavailable, status.Code(err), "while down: %v", err)

	svc.Restart(t)
	require.Eventually(t, func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		resp, err := c.Sum(ctx, req)
		return err == nil && assert.ObjectsAreEqual(sha(req.Data), resp.GetDigest())
	}, 15*time.Second, 100*time.Millisecond, "the same client connection must recover")
}

func TestTLSPolicy(t *testing.T) {
	svc := servicetest.Start(t)
	dial := func(cfg *tls.Config) (*tls.Conn, error) {
		cfg.InsecureSkipVerify = true // this test is about the protocol, not the chain
		return tls.Dial("tcp", svc.Addrs.GRPC, cfg)
	}

	conn, err := dial(&tls.Config{NextProtos: []string{"h2"}})
	require.NoError(t, err)
	assert.Equal(t, "h2", conn.ConnectionState().NegotiatedProtocol)
	conn.Close()

	// Go's client refuses TLS 1.1 by default, so the client must offer it
	// explicitly; only then is a refusal the server's. The server says so
	// with a protocol_version alert, which the client reports as a remote
	// error.
	_, err = dial(&tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11})
	var opErr *net.OpError
	require.ErrorAs(t, err, &opErr, "TLS 1.1 must be refused")
	assert.Equal(t, "remote error", opErr.Op, "the server, not the client, must refuse TLS 1.1: %v", err)
	assert.ErrorContains(t, err, "protocol version not supported")
}

// TestReflectionListsServices is what grpcurl relies on.
func TestReflectionListsServices(t *testing.T) {
	stream, err := reflectionpb.NewServerReflectionClient(servicetest.Start(t).Dial(t)).ServerReflectionInfo(context.Background())
	require.NoError(t, err)
	require.NoError(t, stream.Send(&reflectionpb.ServerReflectionRequest{
		MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{},
	}))
	resp, err := stream.Recv()
	require.NoError(t, err)
	var names []string
	for _, svc := range resp.GetListServicesResponse().GetService() {
		names = append(names, svc.GetName())
	}
	assert.Contains(t, names, "hash.v1.HashService")
	assert.Contains(t, names, "grpc.health.v1.Health")
	require.NoError(t, stream.CloseSend())
}

// TestFastPingersAreDisconnected: a client that pings more often than
// -keepalive_min_time gets GOAWAY ENHANCE_YOUR_CALM "too_many_pings" and
// loses its connection. grpc-go's client will not ping faster than every
// 10 s, so this speaks HTTP/2 itself.
// rawHTTP2 opens a TLS connection to svc and starts HTTP/2 on it by hand,
// for what grpc-go's client will not send.
func rawHTTP2(t *testing.T, svc *servicetest.Service) *http2.Framer {
	t.Helper()
	pem, err := os.ReadFile(svc.CAFile())
	require.NoError(t, err)
	roots := x509.NewCertPool()
	require.True(t, roots.AppendCertsFromPEM(pem))
	conn, err := tls.Dial("tcp", svc.Addrs.GRPC, &tls.Config{RootCAs: roots, NextProtos: []string{"h2"}, MinVersion: tls.VersionTLS12})
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	require.NoError(t, conn.SetDeadline(time.Now().Add(10*time.Second)))
	_, err = io.WriteString(conn, http2.ClientPreface)
	require.NoError(t, err)
	framer := http2.NewFramer(conn, conn)
	require.NoError(t, framer.WriteSettings())
	return framer
}

// TestDeadlinePastOnArrivalHoldsNoBudget: grpc-go drops a stream whose
// deadline has passed when its headers arrive without telling any stats
// handler, after the budget's tap handle reserved room for it; the
// reservation must still be released. grpc-go's client never sends such a
// deadline, so this speaks HTTP/2 itself (grpc-timeout: 1n).
func TestDeadlinePastOnArrivalHoldsNoBudget(t *testing.T) {
	svc := servicetest.Start(t)
	framer := rawHTTP2(t, svc)
	var block bytes.Buffer
	enc := hpack.NewEncoder(&block)
	for _, f := range [][2]string{
		{":method", "POST"}, {":scheme", "https"}, {":authority", "localhost"},
		{":path", "/hash.v1.HashService/Sum"}, {"content-type", "application/grpc"},
		{"te", "trailers"}, {"grpc-timeout", "1n"},
	} {
		require.NoError(t, enc.WriteField(hpack.HeaderField{Name: f[0], Value: f[1]}))
	}
	require.NoError(t, framer.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: block.Bytes(), EndHeaders: true}))
	for {
		f, err := framer.ReadFrame()
		require.NoError(t, err, "waiting for the stream's end")
		if h, ok := f.(*http2.HeadersFrame); ok && h.StreamID == 1 && h.StreamEnded() {
			break
		}
	}
	// The dropped stream's reservation must be released.
	svc.WaitGauge(t, 5*time.Second, "grpc_server_inflight_request_bytes", 0)
}

func TestFastPingersAreDisconnected(t *testing.T) {
	svc := servicetest.Start(t, "-keepalive_min_time=1h")
	framer := rawHTTP2(t, svc)

	goAway := make(chan *http2.GoAwayFrame, 1)
	go func() {
		defer close(goAway)
		for {
			f, err := framer.ReadFrame()
			if err != nil {
				return
			}
			if g, ok := f.(*http2.GoAwayFrame); ok {
				goAway <- g
				return
			}
		}
	}()
	for i := 0; ; i++ {
		select {
		case g := <-goAway:
			require.NotNil(t, g, "the connection ended without GOAWAY")
			assert.Equal(t, http2.ErrCodeEnhanceYourCalm, g.ErrCode)
			assert.Equal(t, "too_many_pings", string(g.DebugData()))
			t.Logf("GOAWAY after %d pings", i)
			return
		case <-time.After(20 * time.Millisecond):
			require.Less(t, i, 50, "50 pings 20 ms apart and no GOAWAY")
			require.NoError(t, framer.WritePing(false, [8]byte{byte(i)}))
		}
	}
}

// TestConnectionsAreClosedAtMaxAge: with -max_connection_age, a client's
// connection is replaced while it keeps calling, and no call fails.
func TestConnectionsAreClosedAtMaxAge(t *testing.T) {
	svc := servicetest.Start(t, "-max_connection_age=300ms", "-max_connection_age_grace=2s")
	conns := &connCounter{}
	c := hashv1.NewHashServiceClient(svc.Dial(t, grpc.WithStatsHandler(conns)))
	for deadline := time.Now().Add(1500 * time.Millisecond); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		_, err := c.Sum(context.Background(), &hashv1.SumRequest{Algorithm: hashv1.Algorithm_ALGORITHM_SHA256, Data: []byte("x")})
		require.NoError(t, err)
	}
	assert.GreaterOrEqual(t, conns.began.Load(), int32(3), "connections opened in 1.5 s with a 300 ms maximum age")
}

// connCounter is a client stats.Handler that counts connections opened.
type connCounter struct{ began atomic.Int32 }

func (c *connCounter) HandleConn(_ context.Context, s stats.ConnStats) {
	if _, ok := s.(*stats.ConnBegin); ok {
		c.began.Add(1)
	}
}

func (*connCounter) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context { return ctx }

func (*connCounter) TagRPC(ctx context.Context, _ *stats.RPCTagInfo) context.Context { return ctx }

func (*connCounter) HandleRPC(context.Context, stats.RPCStats) {}
