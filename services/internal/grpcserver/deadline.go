package grpcserver

import (
	"context"
	"errors"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	reflectionv1alpha "google.golang.org/grpc/reflection/grpc_reflection_v1alpha"
	"google.golang.org/grpc/status"
)

// capDeadline bounds ctx by max, so that a client without a deadline (or
// with a very long one) cannot hold server resources indefinitely.
func capDeadline(ctx context.Context, max time.Duration) (context.Context, context.CancelFunc) {
	if d, ok := ctx.Deadline(); ok && time.Until(d) <= max {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, max)
}

func capDeadlineUnary(max time.Duration) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		ctx, cancel := capDeadline(ctx, max)
		defer cancel()
		return handler(ctx, req)
	}
}

// uncappedStreams are streams that are meant to stay open for as long as
// the client wants: a health Watch that the cap ended every -max_deadline
// would make client-side health checking flap, and a reflection session
// (grpcurl, an IDE) serves many requests over one stream. Both are bounded
// by the connection's lifetime instead, and end when the server drains
// (errDraining), so that they do not hold up a graceful stop.
var uncappedStreams = map[string]bool{
	healthpb.Health_Watch_FullMethodName:                                   true,
	reflectionpb.ServerReflection_ServerReflectionInfo_FullMethodName:      true,
	reflectionv1alpha.ServerReflection_ServerReflectionInfo_FullMethodName: true,
}

// errDraining is the cause with which uncapped streams end when the
// server drains.
var errDraining = errors.New("server is shutting down")

// capDeadlineStream caps streams by max, and ends uncapped ones when
// draining is cancelled, as the drain starts.
func capDeadlineStream(max time.Duration, draining context.Context) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		if uncappedStreams[info.FullMethod] {
			ctx, cancel := context.WithCancelCause(ss.Context())
			defer cancel(nil)
			stop := context.AfterFunc(draining, func() { cancel(errDraining) })
			defer stop()
			return handler(srv, &streamWithContext{ServerStream: ss, ctx: ctx})
		}
		ctx, cancel := capDeadline(ss.Context(), max)
		defer cancel()
		return handler(srv, &streamWithContext{ServerStream: ss, ctx: ctx})
	}
}

// streamWithContext overrides a stream's context, the documented way for an
// interceptor to change it, and makes RecvMsg honour that context: grpc-go's
// RecvMsg waits on the transport alone, so a client that stalls mid-stream
// would otherwise outlive the deadline cap.
type streamWithContext struct {
	grpc.ServerStream
	ctx context.Context
}

func (s *streamWithContext) Context() context.Context { return s.ctx }

func (s *streamWithContext) RecvMsg(m any) error {
	received := make(chan error, 1)
	// When ctx wins, this goroutine ends once the handler returns and gRPC
	// tears the stream down; m belongs to this one call, so nothing else
	// reads what it may still write.
	go func() { received <- s.ServerStream.RecvMsg(m) }()
	select {
	case err := <-received:
		return err
	case <-s.ctx.Done():
		switch {
		case errors.Is(context.Cause(s.ctx), errDraining):
			return status.Error(codes.Unavailable, errDraining.Error())
		case errors.Is(s.ctx.Err(), context.Canceled):
			// Otherwise a cancelled context means the stream itself ended
			// (the client reset it, or grpc-go refused an oversize
			// message): RecvMsg then returns at once, with the status the
			// client actually gets. Only a deadline or the drain can leave
			// it waiting on a stalled client.
			return <-received
		}
		return status.FromContextError(s.ctx.Err()).Err()
	}
}
