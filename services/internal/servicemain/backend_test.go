package servicemain

import (
	"flag"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	commonv1 "example.com/starter/proto/common/v1"
	"example.com/starter/services/internal/grpcserver"
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

func TestChoose(t *testing.T) {
	c := Registration{Backend: commonv1.Backend_BACKEND_C, SizeDispatch: true}
	assert.Equal(t, "native", Choose(c, "pure", "native", "always"))
	c.SizeDispatch = false
	assert.Equal(t, "always", Choose(c, "pure", "native", "always"))
	goBackend := Registration{Backend: commonv1.Backend_BACKEND_GO, SizeDispatch: true}
	assert.Equal(t, "pure", Choose(goBackend, "pure", "native", "always"))
}

func TestSizeDispatchNeedsBackendC(t *testing.T) {
	spec := Spec{HasNative: true}
	var cfg grpcserver.Config
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	cfg.RegisterFlags(fs, "127.0.0.1:0", "127.0.0.1:0")
	require.NoError(t, fs.Parse([]string{"-insecure"})) // valid but for the flags under test
	_, err := validate(spec, cfg, "go", false)
	assert.ErrorContains(t, err, "-size_dispatch=false applies to -backend=c only")
	b, err := validate(spec, cfg, "c", false)
	require.NoError(t, err)
	assert.Equal(t, commonv1.Backend_BACKEND_C, b)
}
