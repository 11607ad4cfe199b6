// Package scanserver implements scan.v1.ScanService on clib/simd.
package scanserver

import (
	"context"
	"errors"
	"math"
	"sync"

	"google.golang.org/protobuf/encoding/protowire"

	"example.com/starter/clib/simd"
	commonv1 "example.com/starter/proto/common/v1"
	scanv1 "example.com/starter/proto/scan/v1"
	"example.com/starter/services/internal/rpcerr"
)

// Server is the ScanService implementation.
type Server struct {
	scanv1.UnimplementedScanServiceServer
	kernels simd.Kernels
	// reportedBackend is the backend each response names, which describes
	// kernels.
	reportedBackend commonv1.Backend
	// maxIndexBytes is how many bytes of packed indices an IndexAny
	// response may hold and still fit the response limit.
	maxIndexBytes int
}

// responseOverhead bounds what an IndexAnyResponse holds besides its
// packed indices: the field's tag and length, and the backend.
const responseOverhead = 16

// New returns a Server scanning with kernels, whose responses name
// reportedBackend and hold at most maxResponseBytes.
func New(kernels simd.Kernels, reportedBackend commonv1.Backend, maxResponseBytes int) *Server {
	return &Server{kernels: kernels, reportedBackend: reportedBackend, maxIndexBytes: maxResponseBytes - responseOverhead}
}

// IndexAny finds the first, or every, byte of data that is in the set.
func (s *Server) IndexAny(_ context.Context, req *scanv1.IndexAnyRequest) (*scanv1.IndexAnyResponse, error) {
	if n := len(req.GetSet()); n == 0 || n > simd.MaxSet {
		return nil, rpcerr.InvalidField("set", "set has %d bytes; want 1 to %d", n, simd.MaxSet)
	}
	resp := &scanv1.IndexAnyResponse{Backend: s.reportedBackend}
	if req.GetAll() {
		indices, err := s.indexAll(req.GetData(), req.GetSet())
		if err != nil {
			return nil, err
		}
		resp.Indices = indices
		return resp, nil
	}
	idx, err := s.kernels.IndexAny(req.GetData(), req.GetSet())
	if err != nil {
		return nil, statusFromSIMD(err)
	}
	if idx >= 0 {
		resp.Indices = []uint64{uint64(idx)}
	}
	return resp, nil
}

// window is how many bytes of data one kernel call scans for indexAll, so
// that the indices of one window fit a small pooled scratch slice.
const window = 64 << 10

var scratchPool = sync.Pool{New: func() any { return new([]int) }}

// indexAll returns the index of every byte of data in set. It first counts
// the matches and the size of their encoding, window by window, without
// keeping them: an answer too large to send fails fast with
// RESOURCE_EXHAUSTED, having cost one scan and no memory. Only an answer
// that fits is scanned again and kept, in a slice of its exact size.
func (s *Server) indexAll(data, set []byte) ([]uint64, error) {
	scratch := scratchPool.Get().(*[]int)
	defer scratchPool.Put(scratch)
	count, size := 0, 0
	err := s.forEachWindow(data, set, scratch, func(start int, found []int) {
		count += len(found)
		for _, i := range found {
			size += protowire.SizeVarint(uint64(start + i))
		}
	})
	if err != nil {
		return nil, err
	}
	if size > s.maxIndexBytes {
		return nil, rpcerr.LimitExceeded("all", uint64(s.maxIndexBytes),
			"the %d matching indices take %d bytes, over the %d a response may hold (-max_message_bytes); ask for the first match only, or send less data",
			count, size, s.maxIndexBytes)
	}
	indices := make([]uint64, 0, count)
	err = s.forEachWindow(data, set, scratch, func(start int, found []int) {
		for _, i := range found {
			indices = append(indices, uint64(start+i))
		}
	})
	return indices, err
}

// forEachWindow scans data for set one window at a time and passes each
// window's start and the matches in it (relative to start) to fn.
func (s *Server) forEachWindow(data, set []byte, scratch *[]int, fn func(start int, found []int)) error {
	for start := 0; start < len(data); start += window {
		found, err := s.kernels.IndexAllAny(data[start:min(start+window, len(data))], set, (*scratch)[:0])
		if err != nil {
			return statusFromSIMD(err)
		}
		*scratch = found
		fn(start, found)
	}
	return nil
}

// CountByte counts the occurrences of req.Value in req.Data.
func (s *Server) CountByte(_ context.Context, req *scanv1.CountByteRequest) (*scanv1.CountByteResponse, error) {
	if req.GetValue() > math.MaxUint8 {
		return nil, rpcerr.InvalidField("value", "value %d is not a byte (0-255)", req.GetValue())
	}
	n, err := s.kernels.CountByte(req.GetData(), byte(req.GetValue()))
	if err != nil {
		return nil, statusFromSIMD(err)
	}
	return &scanv1.CountByteResponse{Count: uint64(n), Backend: s.reportedBackend}, nil
}

// Compare reports whether a and b are equal and where they first differ.
func (s *Server) Compare(_ context.Context, req *scanv1.CompareRequest) (*scanv1.CompareResponse, error) {
	equal, diff := s.kernels.Compare(req.GetA(), req.GetB())
	return &scanv1.CompareResponse{Equal: equal, FirstDifference: int64(diff), Backend: s.reportedBackend}, nil
}

// statusFromSIMD maps clib/simd's errors to gRPC statuses.
func statusFromSIMD(err error) error {
	if errors.Is(err, simd.ErrInvalidArgument) {
		return rpcerr.InvalidField("set", "%v", err)
	}
	return rpcerr.BackendFailure(err)
}
