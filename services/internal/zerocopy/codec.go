// Package zerocopy is a server-side gRPC codec (encoding.CodecV2) that
// lets a handler read its request's bytes fields where gRPC received them,
// instead of in a copy.
//
// gRPC reads each message into one pooled buffer. The default codec then
// unmarshals it with proto.Unmarshal, which copies every bytes field into a
// new slice, one allocation the size of the payload per RPC, and returns
// the buffer to the pool. This codec unmarshals messages generated with
// vtprotobuf's unmarshal_unsafe feature (UnmarshalVTUnsafe), whose bytes
// fields alias the buffer, and keeps the buffer until the handler is done
// with the message:
//
//   - a unary request until its handler (and every interceptor) returns;
//   - a message a stream receives until the stream's next RecvMsg, or until
//     the handler returns.
//
// A handler must therefore not keep a request's bytes, or anything that
// aliases them, past that point, and a response must not alias them: a
// response is marshalled after the handler returns. Everything else is
// decoded as the default codec decodes it, and counted (see Metrics).
//
// Install it with ServerOptions; it is for servers only, since a client has
// no handler whose end would release the buffer.
package zerocopy

import (
	"fmt"
	"sync"

	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/proto"
)

// aliasingMessage is a message generated with vtprotobuf's
// unmarshal_unsafe feature: UnmarshalVTUnsafe leaves its bytes (and
// string) fields pointing into the input.
type aliasingMessage interface {
	proto.Message
	UnmarshalVTUnsafe(data []byte) error
}

// vtMarshaler is a message generated with vtprotobuf's marshal and size
// features, which marshal without reflection.
type vtMarshaler interface {
	SizeVT() int
	MarshalToSizedBufferVT(data []byte) (int, error)
}

// Codec is the codec; see the package documentation. Its zero value is not
// usable: call New.
type Codec struct {
	pool    mem.BufferPool
	metrics *Metrics
	// held maps each decoded message that aliases a buffer to that buffer,
	// until Release.
	held sync.Map
}

// New returns a codec that takes buffers from pool (the pool the server
// receives into, see ServerOptions) and counts what it does in metrics.
func New(pool mem.BufferPool, metrics *Metrics) *Codec {
	return &Codec{pool: pool, metrics: metrics}
}

// Name is "proto": the codec replaces the default protobuf codec.
func (c *Codec) Name() string { return "proto" }

// Marshal marshals v into one buffer from the pool, as the default codec
// does, but without reflection for vtprotobuf messages.
func (c *Codec) Marshal(v any) (mem.BufferSlice, error) {
	m, ok := v.(vtMarshaler)
	if !ok {
		return defaultCodec().Marshal(v)
	}
	size := m.SizeVT()
	if mem.IsBelowBufferPoolingThreshold(size) {
		buf := make([]byte, size)
		if _, err := m.MarshalToSizedBufferVT(buf); err != nil {
			return nil, err
		}
		return mem.BufferSlice{mem.SliceBuffer(buf)}, nil
	}
	buf := c.pool.Get(size)
	if _, err := m.MarshalToSizedBufferVT((*buf)[:size]); err != nil {
		c.pool.Put(buf)
		return nil, err
	}
	return mem.BufferSlice{mem.NewBuffer(buf, c.pool)}, nil
}

// Unmarshal decodes data into v. For a vtprotobuf message of at least
// gRPC's pooling threshold it aliases data's buffer (or, when data is in
// several buffers, one pooled copy of it) and keeps that buffer until
// Release(v).
func (c *Codec) Unmarshal(data mem.BufferSlice, v any) error {
	m, ok := v.(aliasingMessage)
	switch {
	case !ok:
		c.metrics.unmarshals.WithLabelValues(pathNotVT).Inc()
		return defaultCodec().Unmarshal(data, v)
	case mem.IsBelowBufferPoolingThreshold(data.Len()):
		// gRPC does not pool buffers this small, so there is no pooled
		// buffer to save.
		c.metrics.unmarshals.WithLabelValues(pathSmall).Inc()
		return defaultCodec().Unmarshal(data, v)
	}
	var buf mem.Buffer
	path := pathAliased
	if len(data) == 1 {
		buf = data[0]
		buf.Ref() // gRPC frees data when Unmarshal returns
	} else {
		buf = data.MaterializeToBuffer(c.pool)
		path = pathFragmented
	}
	if err := m.UnmarshalVTUnsafe(buf.ReadOnlyData()); err != nil || len(m.ProtoReflect().GetUnknown()) != 0 {
		// vtprotobuf's decoder and proto.Unmarshal differ at the edges: a
		// known field with another wire type is an error to the first and
		// an unknown field to the second, and a field number out of range
		// an unknown field to the first and an error to the second. Decode
		// such a message exactly as the default codec would.
		buf.Free()
		proto.Reset(m)
		c.metrics.unmarshals.WithLabelValues(pathUnusual).Inc()
		return defaultCodec().Unmarshal(data, v)
	}
	c.metrics.unmarshals.WithLabelValues(path).Inc()
	if _, loaded := c.held.LoadOrStore(v, buf); loaded {
		// Unreachable with grpc-go, which decodes into a new message
		// every time; refuse rather than free a buffer still in use.
		buf.Free()
		return fmt.Errorf("zerocopy: %T decoded twice without Release", v)
	}
	c.metrics.held.Inc()
	return nil
}

// Release frees the buffer v aliases, if any: v's bytes fields are invalid
// afterwards. Releasing v twice, or a message this codec did not decode,
// does nothing.
func (c *Codec) Release(v any) {
	if buf, ok := c.held.LoadAndDelete(v); ok {
		buf.(mem.Buffer).Free()
		c.metrics.held.Dec()
	}
}

// defaultCodec is gRPC's own protobuf codec, for what this one does not
// decode itself.
func defaultCodec() encoding.CodecV2 { return encoding.GetCodecV2("proto") }
