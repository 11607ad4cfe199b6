package scratch

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func write(t *testing.T, path, content string, perm os.FileMode) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), perm))
}

func TestSync(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	write(t, filepath.Join(src, "MODULE.bazel"), "module()", 0o644)
	write(t, filepath.Join(src, "tools/bazel"), "#!/bin/sh", 0o755)
	write(t, filepath.Join(src, "user.bazelrc"), "build --x", 0o644)
	write(t, filepath.Join(src, ".git"), "gitdir: elsewhere", 0o644)
	write(t, filepath.Join(src, "docs/bazel-notes.md"), "kept: not top level", 0o644)
	require.NoError(t, os.Symlink("/elsewhere/bin", filepath.Join(src, "bazel-bin")))
	require.NoError(t, os.Symlink("MODULE.bazel", filepath.Join(src, "link")))
	write(t, filepath.Join(dst, "stale"), "from the last run", 0o644)

	require.NoError(t, Sync(src, dst))

	var got []string
	require.NoError(t, filepath.Walk(dst, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			rel, _ := filepath.Rel(dst, p)
			got = append(got, rel)
		}
		return err
	}))
	assert.ElementsMatch(t, []string{"MODULE.bazel", "tools/bazel", "docs/bazel-notes.md", "link"}, got)
	info, err := os.Stat(filepath.Join(dst, "tools/bazel"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o755), info.Mode().Perm())
	target, err := os.Readlink(filepath.Join(dst, "link"))
	require.NoError(t, err)
	assert.Equal(t, "MODULE.bazel", target)
}

// TestPrepareKeepsOneCopyPerCheckout: two checkouts get two copies, and one
// checkout the same copy every time.
func TestPrepareKeepsOneCopyPerCheckout(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	a, b := t.TempDir(), t.TempDir()
	write(t, filepath.Join(a, "MODULE.bazel"), "module(name = \"a\")", 0o644)
	write(t, filepath.Join(b, "MODULE.bazel"), "module(name = \"b\")", 0o644)
	homeA, dirA, err := Prepare(a, "bench")
	require.NoError(t, err)
	homeB, dirB, err := Prepare(b, "bench")
	require.NoError(t, err)
	assert.NotEqual(t, homeA, homeB)
	again, _, err := Prepare(a, "bench")
	require.NoError(t, err)
	assert.Equal(t, homeA, again)
	for dir, want := range map[string]string{dirA: "a", dirB: "b"} {
		got, err := os.ReadFile(filepath.Join(dir, "MODULE.bazel"))
		require.NoError(t, err)
		assert.Contains(t, string(got), want)
	}
}
