// Integration tests: they start the real scand binary and call it over TLS.
package main_test

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	commonv1 "example.com/starter/proto/common/v1"
	scanv1 "example.com/starter/proto/scan/v1"
	"example.com/starter/services/internal/rpcerr"
	"example.com/starter/services/internal/servicetest"
)

var csv = []byte("id,name,team\n1,scand,platform\n2,hashd,platform\n")

func TestScansMatchBytesPackageOnBothBackends(t *testing.T) {
	for _, tc := range []struct {
		flag    string
		backend commonv1.Backend
	}{{"c", commonv1.Backend_BACKEND_C}, {"go", commonv1.Backend_BACKEND_GO}} {
		t.Run(tc.flag, func(t *testing.T) {
			c := scanv1.NewScanServiceClient(servicetest.Start(t, "-backend="+tc.flag).Dial(t))
			ctx := context.Background()

			first, err := c.IndexAny(ctx, &scanv1.IndexAnyRequest{Data: csv, Set: []byte(",\n")})
			require.NoError(t, err)
			assert.Equal(t, []uint64{uint64(bytes.IndexAny(csv, ",\n"))}, first.GetIndices())
			assert.Equal(t, tc.backend, first.GetBackend())

			all, err := c.IndexAny(ctx, &scanv1.IndexAnyRequest{Data: csv, Set: []byte(",\n"), All: true})
			require.NoError(t, err)
			var want []uint64
			for i, b := range csv {
				if b == ',' || b == '\n' {
					want = append(want, uint64(i))
				}
			}
			assert.Equal(t, want, all.GetIndices())

			none, err := c.IndexAny(ctx, &scanv1.IndexAnyRequest{Data: csv, Set: []byte("|")})
			require.NoError(t, err)
			assert.Empty(t, none.GetIndices())

			count, err := c.CountByte(ctx, &scanv1.CountByteRequest{Data: csv, Value: ','})
			require.NoError(t, err)
			assert.EqualValues(t, bytes.Count(csv, []byte(",")), count.GetCount())

			same, err := c.Compare(ctx, &scanv1.CompareRequest{A: csv, B: bytes.Clone(csv)})
			require.NoError(t, err)
			assert.True(t, same.GetEqual())
			assert.EqualValues(t, -1, same.GetFirstDifference())

			changed := bytes.Clone(csv)
			changed[30] ^= 1
			diff, err := c.Compare(ctx, &scanv1.CompareRequest{A: csv, B: changed})
			require.NoError(t, err)
			assert.False(t, diff.GetEqual())
			assert.EqualValues(t, 30, diff.GetFirstDifference())
		})
	}
}

func TestBadInputGetsTheRightStatus(t *testing.T) {
	c := scanv1.NewScanServiceClient(servicetest.Start(t, "-max_message_bytes=65536").Dial(t))
	ctx := context.Background()

	for _, set := range [][]byte{nil, bytes.Repeat([]byte("x"), 17)} {
		_, err := c.IndexAny(ctx, &scanv1.IndexAnyRequest{Data: csv, Set: set})
		assert.Equal(t, codes.InvalidArgument, status.Code(err), "set of %d bytes: %v", len(set), err)
	}
	_, err := c.CountByte(ctx, &scanv1.CountByteRequest{Data: csv, Value: 256})
	assert.Equal(t, codes.InvalidArgument, status.Code(err), "value 256: %v", err)

	_, err = c.CountByte(ctx, &scanv1.CountByteRequest{Data: make([]byte, 1<<17), Value: 0})
	assert.Equal(t, codes.ResourceExhausted, status.Code(err), "message over the limit: %v", err)
}

func TestHealthAndMetrics(t *testing.T) {
	svc := servicetest.Start(t)
	conn := svc.Dial(t)
	resp, err := healthpb.NewHealthClient(conn).Check(context.Background(), &healthpb.HealthCheckRequest{Service: "scan.v1.ScanService"})
	require.NoError(t, err)
	assert.Equal(t, healthpb.HealthCheckResponse_SERVING, resp.GetStatus())

	_, err = scanv1.NewScanServiceClient(conn).CountByte(context.Background(), &scanv1.CountByteRequest{Data: csv, Value: ','})
	require.NoError(t, err)
	svc.WaitHandled(t, time.Second, map[string]float64{"/scan.v1.ScanService/CountByte OK": 1})
}

// TestResponseOverTheLimitIsCountedAsTheClientSawIt: every index of a
// buffer of matches makes a response larger than the request. Sending it
// fails after the handler returned; the client gets RESOURCE_EXHAUSTED and
// /metrics must say so, not OK.
func TestResponseOverTheLimitIsCountedAsTheClientSawIt(t *testing.T) {
	svc := servicetest.Start(t, "-max_message_bytes=4096")
	c := scanv1.NewScanServiceClient(svc.Dial(t))
	_, err := c.IndexAny(context.Background(), &scanv1.IndexAnyRequest{Data: bytes.Repeat([]byte{','}, 3000), Set: []byte(","), All: true})
	require.Equal(t, codes.ResourceExhausted, status.Code(err), "3000 indices do not fit in 4 KiB: %v", err)

	const method = "/scan.v1.ScanService/IndexAny"
	if !svc.WaitHandled(t, 5*time.Second, map[string]float64{method + " ResourceExhausted": 1}) {
		t.FailNow()
	}
	assert.Zero(t, svc.HandledCounts(t)[method+" OK"])
}

// TestWorstCaseRequestsStayWithinTheMemoryBudget: a 4 MiB buffer in which
// every byte matches, asking for every index, is the costliest request
// scand takes: its answer cannot fit the response limit. 64 of them at
// once must each be refused with a status that names the limit, and the
// process must stay within its memory budget while they are.
func TestWorstCaseRequestsStayWithinTheMemoryBudget(t *testing.T) {
	const (
		clients = 64
		budget  = 256 << 20 // bytes of peak RSS; README's flag table
	)
	for _, backend := range []string{"c", "go"} {
		t.Run(backend, func(t *testing.T) {
			svc := servicetest.Start(t, "-backend="+backend)
			c := scanv1.NewScanServiceClient(svc.Dial(t))
			data := bytes.Repeat([]byte{','}, 4<<20-64) // just under -max_message_bytes
			errs := make([]error, clients)
			var wg sync.WaitGroup
			for i := range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = c.IndexAny(context.Background(), &scanv1.IndexAnyRequest{Data: data, Set: []byte(","), All: true})
				}()
			}
			wg.Wait()
			// Each is refused for one of two reasons: its answer cannot fit
			// the response limit (RESOURCE_EXHAUSTED; an ErrorDetail names
			// the limit), or the server already held all the requests it
			// may and refused this one before reading it (UNAVAILABLE; the
			// message names the flag, as grpc-go sends no details that
			// early). Requests this large are not retried by the client.
			tooLarge, overloaded := 0, 0
			for i, err := range errs {
				switch status.Code(err) {
				case codes.ResourceExhausted:
					assert.Equal(t, commonv1.ErrorReason_ERROR_REASON_LIMIT_EXCEEDED, rpcerr.Detail(err).GetReason(), "request %d: %v", i, err)
					assert.NotZero(t, rpcerr.Detail(err).GetLimit(), "request %d names no limit: %v", i, err)
					tooLarge++
				case codes.Unavailable:
					assert.Contains(t, status.Convert(err).Message(), "-max_inflight_bytes", "request %d: %v", i, err)
					overloaded++
				default:
					t.Errorf("request %d: %v", i, err)
				}
			}
			t.Logf("%d refused as too large, %d as overloaded", tooLarge, overloaded)
			assert.NotZero(t, tooLarge, "no request got as far as the response limit")
			const method = "/scan.v1.ScanService/IndexAny"
			svc.WaitHandled(t, 5*time.Second, map[string]float64{
				method + " ResourceExhausted": float64(tooLarge),
				method + " Unavailable":       float64(overloaded),
			})
			// Every reservation was released: the server takes work again.
			resp, err := c.IndexAny(context.Background(), &scanv1.IndexAnyRequest{Data: csv, Set: []byte(","), All: true})
			require.NoError(t, err, "a small request after the burst")
			assert.Len(t, resp.GetIndices(), bytes.Count(csv, []byte(",")))
			svc.WaitGauge(t, 5*time.Second, "grpc_server_inflight_request_bytes", 0)

			t.Run("peak RSS", func(t *testing.T) {
				if servicetest.RaceEnabled {
					t.Skip("the race detector's shadow memory is most of the RSS here; the budget is for the production build")
				}
				peak := svc.PeakRSS(t)
				t.Logf("peak RSS %d MiB", peak>>20)
				assert.Less(t, peak, int64(budget), "peak RSS over the budget")
			})
		})
	}
}
