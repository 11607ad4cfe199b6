package zerocopy

import (
	"context"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/experimental"
	"google.golang.org/grpc/mem"
)

// Server is a codec with its pool, installed on one gRPC server.
type Server struct {
	Codec *Codec
	Pool  mem.BufferPool
}

// NewServer returns a codec and pool that count in reg.
func NewServer(reg prometheus.Registerer) (*Server, error) {
	m, err := NewMetrics(reg)
	if err != nil {
		return nil, err
	}
	pool := NewPool(m)
	return &Server{Codec: New(pool, m), Pool: pool}, nil
}

// ServerOptions installs the codec and the pool. The interceptors must run
// outside every other interceptor, so that the buffer is released only when
// nothing can read the request any more: put UnaryInterceptor first in
// grpc.ChainUnaryInterceptor and StreamInterceptor first in
// grpc.ChainStreamInterceptor.
func (s *Server) ServerOptions() []grpc.ServerOption {
	return []grpc.ServerOption{
		grpc.ForceServerCodecV2(s.Codec),
		experimental.BufferPool(s.Pool),
	}
}

// UnaryInterceptor releases the request's buffer when the handler returns.
func (s *Server) UnaryInterceptor() grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		defer s.Codec.Release(req)
		return handler(ctx, req)
	}
}

// StreamInterceptor releases each received message's buffer at the
// stream's next RecvMsg, and the last one when the handler returns.
func (s *Server) StreamInterceptor() grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		rs := &releasingStream{ServerStream: ss, codec: s.Codec}
		defer rs.end()
		return handler(srv, rs)
	}
}

// releasingStream is a ServerStream that keeps one received message's
// buffer at a time.
//
// RecvMsg may still be running when the handler returns: an interceptor
// that bounds a stream by its deadline (grpcserver's) receives in another
// goroutine and gives up on it when the deadline passes. So the held
// message is guarded by mu, and a message that arrives after the handler
// returned, which nothing reads, is released at once.
type releasingStream struct {
	grpc.ServerStream
	codec *Codec

	mu    sync.Mutex
	last  any  // the message whose buffer is held, or nil
	ended bool // the handler has returned
}

func (s *releasingStream) RecvMsg(m any) error {
	s.hold(nil)
	err := s.ServerStream.RecvMsg(m)
	if err == nil {
		s.hold(m)
	}
	return err
}

// hold releases the held message's buffer and holds m's instead (nil holds
// none); once the handler has returned, it releases m's buffer as well.
func (s *releasingStream) hold(m any) {
	s.mu.Lock()
	prev := s.last
	if s.ended {
		s.last = nil
	} else {
		s.last, m = m, nil
	}
	s.mu.Unlock()
	s.codec.Release(prev)
	s.codec.Release(m) // nil, unless m arrived after the handler returned
}

// end releases the held buffer as the handler returns.
func (s *releasingStream) end() {
	s.mu.Lock()
	s.ended = true
	s.mu.Unlock()
	s.hold(nil)
}
