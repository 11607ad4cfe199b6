package bazelcmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeWorkspace has a tools/bazel that prints its arguments and exits with
// the status given as its first argument.
func fakeWorkspace(t *testing.T) Workspace {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "tools"), 0o755))
	script := "#!/bin/sh\necho \"out $*\"\necho \"err in $(pwd)\" >&2\nexit \"$1\"\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "tools", "bazel"), []byte(script), 0o755))
	return Workspace{Dir: dir}
}

func TestRun(t *testing.T) {
	w := fakeWorkspace(t)
	var log strings.Builder
	w.Log = &log
	r, err := w.Run([]string{"0", "build"})
	require.NoError(t, err)
	assert.Equal(t, "out 0 build\n", r.Stdout)
	assert.Equal(t, "err in "+w.Dir+"\n", r.Stderr, "runs in the workspace")
	assert.Contains(t, log.String(), "out 0 build")
	assert.Positive(t, r.Wall)
}

func TestRunExitCodes(t *testing.T) {
	w := fakeWorkspace(t)
	_, err := w.Run([]string{"3"}, 3)
	assert.NoError(t, err, "3 is accepted")
	_, err = w.Run([]string{"1"}, 3)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "err in", "the error carries Bazel's last words")
}
