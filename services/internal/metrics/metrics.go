// Package metrics exports a service's Prometheus metrics: per-RPC counters
// and latency histograms recorded by a gRPC stats handler, plus the Go
// runtime and process collectors, served over HTTP on their own port.
package metrics

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/pprof"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/stats"
	"google.golang.org/grpc/status"
)

// RPC records one counter per method and status code and one latency
// histogram per method. It is a grpc stats.Handler, not an interceptor, so
// that it sees every RPC's end with the status the client got: also those
// that never reach a handler (an oversize or undecodable request, an
// unknown method) and those whose response fails to send after the
// handler returned.
type RPC struct {
	handled *prometheus.CounterVec
	latency *prometheus.HistogramVec
	// methods lists the served method names. It is read once, at the
	// first RPC, when every service is registered (grpc-go forbids
	// registering after Serve). Any other name a client sends is counted
	// as unknownMethod, so that a client cannot grow the label set.
	methods   func() []string
	knownOnce sync.Once
	known     map[string]bool
}

// unknownMethod is the method label of RPCs to methods the server does not
// serve.
const unknownMethod = "unknown"

// NewRegistry returns a registry holding the Go runtime and process collectors.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// RegisterBackend exports service_backend_info{backend, implementation} = 1:
// the backend a service runs ("c" or "go") and, for the C backend, the
// implementation the C library chose at run time (a SIMD kernel set, say;
// "" if it has no choice). Dashboards can then tell a slow machine from one
// that fell back to scalar code.
func RegisterBackend(reg prometheus.Registerer, backend, implementation string) error {
	info := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "service_backend_info",
		Help:        "The backend the service runs and its implementation; always 1.",
		ConstLabels: prometheus.Labels{"backend": backend, "implementation": implementation},
	})
	info.Set(1)
	return reg.Register(info)
}

// NewRPC registers the RPC metrics with reg. methods returns the full
// method names ("/pkg.Service/Method") the server serves; see RPC.methods.
func NewRPC(reg prometheus.Registerer, methods func() []string) *RPC {
	m := &RPC{
		handled: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "grpc_server_handled_total",
			Help: "RPCs completed on the server, by method and the status code the client got.",
		}, []string{"grpc_method", "grpc_code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "grpc_server_handling_seconds",
			Help:    "Time from the start of an RPC to its completion on the server.",
			Buckets: prometheus.ExponentialBuckets(50e-6, 4, 10), // 50µs to ~13s
		}, []string{"grpc_method"}),
		methods: methods,
	}
	reg.MustRegister(m.handled, m.latency)
	return m
}

// methodKey carries an RPC's method label from TagRPC to HandleRPC.
type methodKey struct{}

// TagRPC implements stats.Handler.
func (m *RPC) TagRPC(ctx context.Context, info *stats.RPCTagInfo) context.Context {
	return context.WithValue(ctx, methodKey{}, m.label(info.FullMethodName))
}

// label is the method label of an RPC to method.
func (m *RPC) label(method string) string {
	m.knownOnce.Do(func() {
		m.known = make(map[string]bool)
		for _, name := range m.methods() {
			m.known[name] = true
		}
	})
	if !m.known[method] {
		return unknownMethod
	}
	return method
}

// Refused records an RPC that the server refused before it began (in a
// tap handle, which grpc-go does not report to stats handlers), with the
// code the client got.
func (m *RPC) Refused(method string, code codes.Code) {
	label := m.label(method)
	m.handled.WithLabelValues(label, code.String()).Inc()
	m.latency.WithLabelValues(label).Observe(0)
}

// HandleRPC implements stats.Handler: it records each RPC at its end.
func (m *RPC) HandleRPC(ctx context.Context, s stats.RPCStats) {
	end, ok := s.(*stats.End)
	if !ok {
		return
	}
	method, _ := ctx.Value(methodKey{}).(string)
	m.handled.WithLabelValues(method, status.Code(end.Error).String()).Inc()
	m.latency.WithLabelValues(method).Observe(end.EndTime.Sub(end.BeginTime).Seconds())
}

// TagConn implements stats.Handler.
func (m *RPC) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context { return ctx }

// HandleConn implements stats.Handler.
func (m *RPC) HandleConn(context.Context, stats.ConnStats) {}

// Serve serves /metrics from reg on lis until ctx is done, and with
// profiles Go's runtime profiles under /debug/pprof/ (net/http/pprof's
// handlers, mounted on this server's own mux rather than
// http.DefaultServeMux).
func Serve(ctx context.Context, lis net.Listener, reg *prometheus.Registry, profiles bool) error {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
	if profiles {
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdownCtx)
	}()
	if err := srv.Serve(lis); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
