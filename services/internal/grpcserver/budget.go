package grpcserver

import (
	"context"
	"strings"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/stats"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/tap"
	"google.golang.org/protobuf/proto"

	"example.com/starter/services/internal/metrics"
)

// inflightBudget bounds the request bytes the server holds at once, and
// refuses RPCs past it before their payload is read, so that a burst of
// large requests costs the server almost nothing and its clients get
// UNAVAILABLE at once, rather than a queue without bound: gRPC's code for
// "transient, retry with backoff", which clients' retry policies act on
// (servicekit.Dial). The refusal's message names -max_inflight_bytes and
// its value; it carries no ErrorDetail, because grpc-go sends a status
// refused this early as grpc-status and grpc-message alone.
//
// An RPC reserves perRPC bytes (-max_message_bytes, the most its request
// can be) when its headers arrive, in a tap handle; the payload has not
// been read, so nothing smaller is safe. A unary RPC's reservation shrinks
// to its decoded request's size once the request is read, and every
// reservation is released when the RPC ends. Health Watch and reflection
// streams, whose requests are tiny and which stay open, reserve nothing;
// other streams keep perRPC for their lifetime, each of their messages
// being up to that size.
type inflightBudget struct {
	max, perRPC int64
	used        atomic.Int64
	rpcs        *metrics.RPC // counts refusals, which stats handlers never see
}

// reservation is what one RPC holds; it travels in the RPC's context.
type reservation struct {
	held atomic.Int64
	// tagged says that the stats handlers saw the RPC, so that its End,
	// which releases the reservation, will come.
	tagged atomic.Bool
}

type reservationKey struct{}

// tap reserves perRPC bytes for a new RPC, or refuses it.
func (b *inflightBudget) tap(ctx context.Context, info *tap.Info) (context.Context, error) {
	if malformedMethod(info.FullMethodName) {
		// grpc-go answers Unimplemented without telling stats handlers,
		// so no stats End would release a reservation; count it here.
		b.rpcs.Refused(info.FullMethodName, codes.Unimplemented)
		return ctx, nil
	}
	if uncappedStreams[info.FullMethodName] {
		return ctx, nil
	}
	if b.used.Add(b.perRPC) > b.max {
		b.used.Add(-b.perRPC)
		b.rpcs.Refused(info.FullMethodName, codes.Unavailable)
		return nil, status.Errorf(codes.Unavailable,
			"server overloaded: it holds at most %d request bytes at once (-max_inflight_bytes); retry with backoff", b.max)
	}
	r := &reservation{}
	r.held.Store(b.perRPC)
	// grpc-go can still drop the stream before any stats handler sees it
	// (a deadline already past on arrival); no End then comes, so the end
	// of the stream's context releases what the stats handlers never saw.
	context.AfterFunc(ctx, func() {
		if !r.tagged.Load() {
			b.set(r, 0)
		}
	})
	return context.WithValue(ctx, reservationKey{}, r), nil
}

// set sets r's reservation to n bytes.
func (b *inflightBudget) set(r *reservation, n int64) { b.used.Add(n - r.held.Swap(n)) }

// malformedMethod reports whether grpc-go will refuse method as malformed
// (no "/" between service and method) before any stats handler sees it;
// the test is grpc-go's own, in Server.handleStream.
func malformedMethod(method string) bool {
	return !strings.Contains(strings.TrimPrefix(method, "/"), "/")
}

// resize sets the reservation of the RPC whose context is ctx to n bytes.
func (b *inflightBudget) resize(ctx context.Context, n int64) {
	if r, ok := ctx.Value(reservationKey{}).(*reservation); ok {
		b.set(r, n)
	}
}

// unary shrinks a unary RPC's reservation to its decoded request.
func (b *inflightBudget) unary() grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		if m, ok := req.(proto.Message); ok {
			b.resize(ctx, int64(proto.Size(m)))
		}
		return handler(ctx, req)
	}
}

// release is a stats.Handler that frees an RPC's reservation when it ends,
// however it ends (a request that never arrived or failed to decode
// included).
type release struct{ b *inflightBudget }

func (r release) HandleRPC(ctx context.Context, s stats.RPCStats) {
	if _, ok := s.(*stats.End); ok {
		r.b.resize(ctx, 0)
	}
}

// TagRPC marks the RPC's reservation as seen: its End will release it.
func (release) TagRPC(ctx context.Context, _ *stats.RPCTagInfo) context.Context {
	if r, ok := ctx.Value(reservationKey{}).(*reservation); ok {
		r.tagged.Store(true)
	}
	return ctx
}

func (release) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context { return ctx }

func (release) HandleConn(context.Context, stats.ConnStats) {}

// register exports the bytes reserved, so that a dashboard shows how close
// the server runs to its budget.
func (b *inflightBudget) register(reg prometheus.Registerer) {
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "grpc_server_inflight_request_bytes",
		Help: "Request bytes reserved by the RPCs in flight; RPCs past -max_inflight_bytes are refused.",
	}, func() float64 { return float64(b.used.Load()) }))
}
