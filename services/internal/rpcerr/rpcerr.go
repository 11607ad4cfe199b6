// Package rpcerr builds gRPC error statuses that carry a common.v1.ErrorDetail,
// so every service reports the same machine-readable reasons.
package rpcerr

import (
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	commonv1 "example.com/starter/proto/common/v1"
)

// InvalidField reports a missing or out-of-range request field.
func InvalidField(field, format string, args ...any) error {
	return withDetail(codes.InvalidArgument, &commonv1.ErrorDetail{
		Reason: commonv1.ErrorReason_ERROR_REASON_INVALID_FIELD,
		Field:  field,
	}, format, args...)
}

// LimitExceeded reports a request field larger than the server accepts.
func LimitExceeded(field string, limit uint64, format string, args ...any) error {
	return withDetail(codes.ResourceExhausted, &commonv1.ErrorDetail{
		Reason: commonv1.ErrorReason_ERROR_REASON_LIMIT_EXCEEDED,
		Field:  field,
		Limit:  limit,
	}, format, args...)
}

// BackendFailure reports an error from the library behind the service.
func BackendFailure(err error) error {
	return withDetail(codes.Internal, &commonv1.ErrorDetail{
		Reason: commonv1.ErrorReason_ERROR_REASON_BACKEND_FAILURE,
	}, "backend: %v", err)
}

// Detail returns the ErrorDetail attached to err, or nil.
func Detail(err error) *commonv1.ErrorDetail {
	for _, d := range status.Convert(err).Details() {
		if detail, ok := d.(*commonv1.ErrorDetail); ok {
			return detail
		}
	}
	return nil
}

func withDetail(code codes.Code, detail *commonv1.ErrorDetail, format string, args ...any) error {
	st := status.New(code, fmt.Sprintf(format, args...))
	if withDetails, err := st.WithDetails(detail); err == nil {
		st = withDetails
	}
	return st.Err()
}
