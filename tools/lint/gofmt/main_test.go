package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/bazelbuild/rules_go/go/runfiles"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
}

func TestUnformattedFindsAndFixes(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "ok.go"), "package p\n\nfunc f() {}\n")
	writeFile(t, filepath.Join(root, "sub", "bad.go"), "package p\nfunc  g( ) {  }\n")
	// Bazel's output symlinks hold generated code that is not ours to format.
	writeFile(t, filepath.Join(root, "bazel-out", "gen.go"), "package p\nfunc  h( ) {  }\n")

	bad, err := unformatted(root, false)
	require.NoError(t, err)
	assert.Equal(t, []string{filepath.Join("sub", "bad.go")}, bad)

	_, err = unformatted(root, true)
	require.NoError(t, err)
	bad, err = unformatted(root, false)
	require.NoError(t, err)
	assert.Empty(t, bad, "-w must leave nothing to fix")
}

func TestUnformattedRejectsWhatItCannotCheck(t *testing.T) {
	_, err := unformatted(t.TempDir(), false)
	assert.ErrorContains(t, err, "no Go files", "an empty tree means a wrong directory, not a clean one")

	root := t.TempDir()
	writeFile(t, filepath.Join(root, "broken.go"), "package p\nfunc {\n")
	_, err = unformatted(root, false)
	assert.Error(t, err)
}

// TestWorkspaceIsFormatted is the check itself: every Go file of the
// repository must be gofmt-formatted. Under Bazel, WORKSPACE_MARKER is a
// runfiles path to a file at the workspace root; the target runs locally and
// unsandboxed, so the link leads to the real tree.
func TestWorkspaceIsFormatted(t *testing.T) {
	root := workspaceRoot(t)
	bad, err := unformatted(root, false)
	require.NoError(t, err)
	assert.Empty(t, bad, "not gofmt-formatted; run: tools/bazel run //tools/lint/gofmt -- -w")
}

func workspaceRoot(t *testing.T) string {
	t.Helper()
	marker := os.Getenv("WORKSPACE_MARKER")
	if marker == "" { // plain `go test`: the package directory is in the tree
		dir, err := os.Getwd()
		require.NoError(t, err)
		for ; ; dir = filepath.Dir(dir) {
			if _, err := os.Stat(filepath.Join(dir, "MODULE.bazel")); err == nil {
				return dir
			}
			require.NotEqual(t, dir, filepath.Dir(dir), "no MODULE.bazel above the test's directory")
		}
	}
	path, err := runfiles.Rlocation(marker)
	require.NoError(t, err)
	real, err := filepath.EvalSymlinks(path)
	require.NoError(t, err)
	return filepath.Dir(real)
}
