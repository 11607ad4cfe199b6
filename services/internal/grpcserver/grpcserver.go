// Package grpcserver runs a gRPC service the way every service in this
// repository should: TLS 1.2+ with ALPN "h2" (plaintext only by flag),
// message-size and deadline limits, connection limits (handshake timeout,
// streams per connection, keepalive enforcement, connection age), the
// health and reflection services, Prometheus metrics on a separate port,
// and an observable, graceful shutdown.
package grpcserver

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"math"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/reflection"
	"google.golang.org/grpc/status"

	"example.com/starter/services/internal/metrics"
	"example.com/starter/services/internal/zerocopy"
	"example.com/starter/services/servicekit"
)

// Server is a gRPC server with its metrics endpoint. Register services on
// GRPC() before calling Run.
type Server struct {
	cfg      Config
	logger   *slog.Logger
	grpc     *grpc.Server
	health   *health.Server
	registry *prometheus.Registry
	// startDraining, called when the lame-duck period ends, ends the
	// long-lived streams the deadline cap exempts.
	startDraining context.CancelFunc
}

// New validates cfg and builds the server.
func New(cfg Config, logger *slog.Logger) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	creds, err := transportCredentials(cfg)
	if err != nil {
		return nil, err
	}
	registry := metrics.NewRegistry()
	draining, startDraining := context.WithCancel(context.Background())
	s := &Server{
		cfg:           cfg,
		logger:        logger,
		health:        health.NewServer(),
		registry:      registry,
		startDraining: startDraining,
	}
	rpcs := metrics.NewRPC(registry, s.methods)
	budget := &inflightBudget{max: cfg.MaxInflightBytes, perRPC: int64(cfg.MaxMessageBytes), rpcs: rpcs}
	budget.register(registry)
	unary := []grpc.UnaryServerInterceptor{budget.unary(), capDeadlineUnary(cfg.MaxDeadline)}
	stream := []grpc.StreamServerInterceptor{capDeadlineStream(cfg.MaxDeadline, draining)}
	var codecOptions []grpc.ServerOption
	if cfg.ZeroCopy {
		zc, err := zerocopy.NewServer(registry)
		if err != nil {
			return nil, err
		}
		codecOptions = zc.ServerOptions()
		// Outermost, so that no interceptor reads a request after its
		// buffer is released.
		unary = append([]grpc.UnaryServerInterceptor{zc.UnaryInterceptor()}, unary...)
		stream = append([]grpc.StreamServerInterceptor{zc.StreamInterceptor()}, stream...)
	}
	s.grpc = grpc.NewServer(append(codecOptions,
		grpc.Creds(creds),
		grpc.MaxRecvMsgSize(cfg.MaxMessageBytes),
		grpc.MaxSendMsgSize(cfg.MaxMessageBytes),
		grpc.ConnectionTimeout(cfg.HandshakeTimeout),
		grpc.MaxConcurrentStreams(uint32(min(cfg.MaxConcurrentStreams, math.MaxUint32))),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{
			MinTime:             cfg.KeepaliveMinTime,
			PermitWithoutStream: true, // idle clients may keep their connection warm, within MinTime
		}),
		grpc.KeepaliveParams(keepalive.ServerParameters{
			MaxConnectionAge:      cfg.MaxConnectionAge,
			MaxConnectionAgeGrace: cfg.MaxConnectionAgeGrace,
		}),
		grpc.StatsHandler(rpcs),
		grpc.InTapHandle(budget.tap),
		grpc.StatsHandler(release{budget}),
		// Without it grpc-go answers unknown methods before any stats
		// handler sees the RPC's end, so they would go uncounted.
		grpc.UnknownServiceHandler(unknownMethod),
		grpc.ChainUnaryInterceptor(unary...),
		grpc.ChainStreamInterceptor(stream...),
	)...)
	healthpb.RegisterHealthServer(s.grpc, s.health)
	reflection.Register(s.grpc)
	return s, nil
}

// methods lists the full names of every registered method.
func (s *Server) methods() []string {
	var names []string
	for service, info := range s.grpc.GetServiceInfo() {
		for _, m := range info.Methods {
			names = append(names, "/"+service+"/"+m.Name)
		}
	}
	return names
}

// unknownMethod answers RPCs to methods no registered service has, as
// grpc-go itself would.
func unknownMethod(_ any, stream grpc.ServerStream) error {
	method, _ := grpc.MethodFromServerStream(stream)
	return status.Errorf(codes.Unimplemented, "unknown method %s", method)
}

// GRPC returns the server to register services on.
func (s *Server) GRPC() *grpc.Server { return s.grpc }

// Registry returns the Prometheus registry, for service-specific metrics.
func (s *Server) Registry() *prometheus.Registry { return s.registry }

// transportCredentials returns TLS credentials that negotiate HTTP/2 by ALPN
// explicitly, as gRPC requires, or plaintext when cfg.Insecure.
func transportCredentials(cfg Config) (credentials.TransportCredentials, error) {
	if cfg.Insecure {
		return insecure.NewCredentials(), nil
	}
	cert, err := tls.LoadX509KeyPair(cfg.TLSCert, cfg.TLSKey)
	if err != nil {
		return nil, fmt.Errorf("loading TLS key pair: %w", err)
	}
	return credentials.NewTLS(&tls.Config{
		Certificates: []tls.Certificate{cert},
		MinVersion:   tls.VersionTLS12,
		NextProtos:   []string{"h2"},
	}), nil
}

// Run serves until ctx is done, then shuts down in three steps:
//  1. lame duck: health turns NOT_SERVING while the server goes on
//     accepting connections and serving RPCs, for LameDuck;
//  2. drain: new RPCs are refused, long-lived streams (health Watch,
//     reflection) end, and in-flight RPCs get DrainTimeout to finish;
//  3. /metrics, which stayed up throughout so that the final counts can
//     be scraped, stops.
func (s *Server) Run(ctx context.Context) error {
	grpcLis, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return err
	}
	metricsLis, err := net.Listen("tcp", s.cfg.MetricsListen)
	if err != nil {
		grpcLis.Close()
		return err
	}
	addrs := servicekit.Addrs{GRPC: grpcLis.Addr().String(), Metrics: metricsLis.Addr().String()}
	// Both listeners are bound, so connections queue from here on: the
	// address file may be read before Serve starts accepting.
	if s.cfg.AddrFile != "" {
		if err := servicekit.WriteAddrs(s.cfg.AddrFile, addrs); err != nil {
			grpcLis.Close()
			metricsLis.Close()
			return err
		}
	}

	metricsCtx, stopMetrics := context.WithCancel(context.Background())
	defer stopMetrics()
	metricsErr := make(chan error, 1)
	go func() { metricsErr <- metrics.Serve(metricsCtx, metricsLis, s.registry, s.cfg.Profiles) }()

	for name := range s.grpc.GetServiceInfo() {
		s.health.SetServingStatus(name, healthpb.HealthCheckResponse_SERVING)
	}
	s.health.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)

	drained := make(chan struct{})
	go func() {
		defer close(drained)
		<-ctx.Done()
		s.drain()
	}()

	s.logger.Info("serving", "grpc", addrs.GRPC, "metrics", addrs.Metrics, "tls", !s.cfg.Insecure)
	serveErr := s.grpc.Serve(grpcLis)
	if serveErr != nil {
		return serveErr
	}
	<-drained
	stopMetrics()
	return <-metricsErr
}

func (s *Server) drain() {
	s.logger.Info("lame duck: health NOT_SERVING, still serving", "period", s.cfg.LameDuck)
	s.health.Shutdown()
	time.Sleep(s.cfg.LameDuck)
	s.logger.Info("draining in-flight RPCs", "timeout", s.cfg.DrainTimeout)
	s.startDraining()
	stopped := make(chan struct{})
	go func() {
		s.grpc.GracefulStop()
		close(stopped)
	}()
	select {
	case <-stopped:
		s.logger.Info("drained")
	case <-time.After(s.cfg.DrainTimeout):
		s.logger.Warn("drain timed out; cancelling remaining RPCs")
		s.grpc.Stop()
	}
}

// RunUntilSignal is Run with a context that SIGTERM or SIGINT cancels.
func (s *Server) RunUntilSignal() error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	return s.Run(ctx)
}
