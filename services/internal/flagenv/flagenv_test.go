package flagenv

import (
	"flag"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newFlags() (*flag.FlagSet, *string, *int) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	listen := fs.String("listen", "default", "")
	batch := fs.Int("max-batch", 1, "")
	return fs, listen, batch
}

func TestEnvironmentFillsUnsetFlags(t *testing.T) {
	t.Setenv("SVC_LISTEN", "from-env")
	t.Setenv("SVC_MAX_BATCH", "7")
	fs, listen, batch := newFlags()
	require.NoError(t, Parse(fs, "SVC", nil))
	assert.Equal(t, "from-env", *listen)
	assert.Equal(t, 7, *batch)
}

func TestFlagsWinOverEnvironment(t *testing.T) {
	t.Setenv("SVC_LISTEN", "from-env")
	fs, listen, _ := newFlags()
	require.NoError(t, Parse(fs, "SVC", []string{"-listen=from-flag"}))
	assert.Equal(t, "from-flag", *listen)
}

func TestBadEnvironmentValueNamesTheVariable(t *testing.T) {
	t.Setenv("SVC_MAX_BATCH", "many")
	fs, _, _ := newFlags()
	err := Parse(fs, "SVC", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "SVC_MAX_BATCH")
}
