package zerocopy

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/proto"

	scanv1 "example.com/starter/proto/scan/v1"
)

// FuzzUnmarshal decodes arbitrary wire bytes, in one buffer and split in
// two, and checks that the codec accepts exactly what proto.Unmarshal
// accepts and decodes the same message.
func FuzzUnmarshal(f *testing.F) {
	for _, m := range []*scanv1.IndexAnyRequest{
		{Data: make([]byte, 2000), Set: []byte(",;"), All: true},
		{Data: []byte("short")},
	} {
		b, err := proto.Marshal(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, 7)
	}
	f.Add([]byte{0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f}, 1) // a length past the end
	f.Add([]byte{0x08, 0x01}, 0)                         // data (bytes) sent as a varint
	m, err := NewMetrics(prometheus.NewRegistry())
	if err != nil {
		f.Fatal(err)
	}
	c := New(NewPool(m), m)
	f.Fuzz(func(t *testing.T, wire []byte, split int) {
		want := new(scanv1.IndexAnyRequest)
		wantErr := proto.Unmarshal(wire, want)
		inputs := []mem.BufferSlice{{mem.SliceBuffer(wire)}}
		if split > 0 && split < len(wire) {
			inputs = append(inputs, mem.BufferSlice{mem.SliceBuffer(wire[:split]), mem.SliceBuffer(wire[split:])})
		}
		for _, data := range inputs {
			got := new(scanv1.IndexAnyRequest)
			err := c.Unmarshal(data, got)
			if (err == nil) != (wantErr == nil) {
				t.Fatalf("codec error %v, proto.Unmarshal error %v", err, wantErr)
			}
			if err == nil && !proto.Equal(want, got) {
				t.Fatalf("codec decoded %v, proto.Unmarshal %v", got, want)
			}
			c.Release(got)
		}
	})
}
