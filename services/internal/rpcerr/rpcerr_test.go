package rpcerr

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	commonv1 "example.com/starter/proto/common/v1"
)

func TestStatusesCarryCodesAndDetails(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		code   codes.Code
		reason commonv1.ErrorReason
	}{
		{"invalid", InvalidField("set", "set has %d bytes", 17), codes.InvalidArgument, commonv1.ErrorReason_ERROR_REASON_INVALID_FIELD},
		{"limit", LimitExceeded("messages", 4096, "too many"), codes.ResourceExhausted, commonv1.ErrorReason_ERROR_REASON_LIMIT_EXCEEDED},
		{"backend", BackendFailure(errors.New("EVP failed")), codes.Internal, commonv1.ErrorReason_ERROR_REASON_BACKEND_FAILURE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.code, status.Code(tt.err))
			detail := Detail(tt.err)
			require.NotNil(t, detail)
			assert.Equal(t, tt.reason, detail.GetReason())
		})
	}
	assert.EqualValues(t, 4096, Detail(tests[1].err).GetLimit())
	assert.Equal(t, "set", Detail(tests[0].err).GetField())
}

func TestDetailOfPlainErrorIsNil(t *testing.T) {
	assert.Nil(t, Detail(errors.New("plain")))
}
