// Package scanserver implements scan.v1.ScanService on top of clib/simd.
package scanserver

import (
	"context"
	"math"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"example.com/starter/clib/simd"
	scanv1 "example.com/starter/proto/scan/v1"
)

// Server is the ScanService implementation. The zero value is ready to use.
type Server struct {
	scanv1.UnimplementedScanServiceServer
}

// CountByte counts the occurrences of req.Value in req.Data.
func (Server) CountByte(_ context.Context, req *scanv1.CountByteRequest) (*scanv1.CountByteResponse, error) {
	if req.GetValue() > math.MaxUint8 {
		return nil, status.Errorf(codes.InvalidArgument, "value %d is not a byte (0-255)", req.GetValue())
	}
	n, err := simd.CountByte(req.GetData(), byte(req.GetValue()))
	if err != nil {
		return nil, status.Errorf(codes.Internal, "count: %v", err)
	}
	return &scanv1.CountByteResponse{Count: uint64(n)}, nil
}
