// Package scanserver implements scan.v1.ScanService on clib/simd.
package scanserver

import (
	"context"
	"errors"
	"math"

	"example.com/starter/clib/simd"
	commonv1 "example.com/starter/proto/common/v1"
	scanv1 "example.com/starter/proto/scan/v1"
	"example.com/starter/services/internal/rpcerr"
)

// Server is the ScanService implementation.
type Server struct {
	scanv1.UnimplementedScanServiceServer
	kernels   simd.Kernels
	backendID commonv1.Backend
}

// New returns a Server scanning with kernels, which id names in responses.
func New(kernels simd.Kernels, id commonv1.Backend) *Server {
	return &Server{kernels: kernels, backendID: id}
}

// IndexAny finds the first, or every, byte of data that is in the set.
func (s *Server) IndexAny(_ context.Context, req *scanv1.IndexAnyRequest) (*scanv1.IndexAnyResponse, error) {
	if n := len(req.GetSet()); n == 0 || n > simd.MaxSet {
		return nil, rpcerr.InvalidField("set", "set has %d bytes; want 1 to %d", n, simd.MaxSet)
	}
	resp := &scanv1.IndexAnyResponse{Backend: s.backendID}
	if req.GetAll() {
		indices, err := s.kernels.IndexAllAny(req.GetData(), req.GetSet(), nil)
		if err != nil {
			return nil, statusFromSIMD(err)
		}
		resp.Indices = make([]uint64, len(indices))
		for i, idx := range indices {
			resp.Indices[i] = uint64(idx)
		}
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

// CountByte counts the occurrences of req.Value in req.Data.
func (s *Server) CountByte(_ context.Context, req *scanv1.CountByteRequest) (*scanv1.CountByteResponse, error) {
	if req.GetValue() > math.MaxUint8 {
		return nil, rpcerr.InvalidField("value", "value %d is not a byte (0-255)", req.GetValue())
	}
	n, err := s.kernels.CountByte(req.GetData(), byte(req.GetValue()))
	if err != nil {
		return nil, statusFromSIMD(err)
	}
	return &scanv1.CountByteResponse{Count: uint64(n), Backend: s.backendID}, nil
}

// Compare reports whether a and b are equal and where they first differ.
func (s *Server) Compare(_ context.Context, req *scanv1.CompareRequest) (*scanv1.CompareResponse, error) {
	equal, diff := s.kernels.Compare(req.GetA(), req.GetB())
	return &scanv1.CompareResponse{Equal: equal, FirstDifference: int64(diff), Backend: s.backendID}, nil
}

// statusFromSIMD maps clib/simd's errors to gRPC statuses.
func statusFromSIMD(err error) error {
	if errors.Is(err, simd.ErrInvalidArgument) {
		return rpcerr.InvalidField("set", "%v", err)
	}
	return rpcerr.BackendFailure(err)
}
