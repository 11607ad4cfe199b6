package servicemain

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	commonv1 "example.com/starter/proto/common/v1"
)

func TestParseBackend(t *testing.T) {
	b, err := parseBackend("c", true)
	require.NoError(t, err)
	assert.Equal(t, commonv1.Backend_BACKEND_C, b)

	b, err = parseBackend("go", false)
	require.NoError(t, err)
	assert.Equal(t, commonv1.Backend_BACKEND_GO, b)

	_, err = parseBackend("c", false)
	assert.ErrorContains(t, err, "without cgo")
	_, err = parseBackend("rust", true)
	assert.ErrorContains(t, err, "want c or go")
}
