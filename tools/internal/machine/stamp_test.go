package machine

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMarkdownNamesEveryField(t *testing.T) {
	s := Stamp{Commit: "`abc`", Bazel: "7.7.1", Go: "go1.25.1", GCC: "gcc (Debian 16.2.0-4) 16.2.0", OpenSSL: "3.6.5 29 Sep 2026 (headers)", CPU: "Some CPU; 2 logical CPUs; flags: avx2"}
	assert.Equal(t, "Measured on commit `abc` with Bazel 7.7.1, Go 1.25.1, gcc (Debian 16.2.0-4) 16.2.0, OpenSSL 3.6.5 29 Sep 2026 (headers); CPU: Some CPU; 2 logical CPUs; flags: avx2.", s.Markdown())
}

func TestBuildLabel(t *testing.T) {
	assert.Equal(t, "7.7.1", buildLabel("Bazelisk version: v1.25.0\nBuild label: 7.7.1\nBuild target: @@//src/main/java/com/google/devtools/build/lib/bazel:BazelServer\n"))
	assert.Empty(t, buildLabel("ERROR: Version information not available\n"))
}

func TestVersionText(t *testing.T) {
	defines := "#define OPENSSL_VERSION_STR \"3.6.5\"\n#define OPENSSL_VERSION_TEXT \"OpenSSL 3.6.5 29 Sep 2026\"\n"
	assert.Equal(t, "3.6.5 29 Sep 2026 (headers)", versionText(defines))
	assert.Contains(t, versionText("#define X 1\n"), "unknown")
}

func TestCommit(t *testing.T) {
	dir := t.TempDir()
	git := func(args ...string) string {
		out, err := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...).CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "f"), []byte("a"), 0o644))
	git("add", "f")
	git("commit", "-qm", "one")
	head := git("rev-parse", "--short=12", "HEAD")
	assert.Equal(t, "`"+head+"`", commit(dir))

	require.NoError(t, os.WriteFile(filepath.Join(dir, "f"), []byte("b"), 0o644))
	assert.Equal(t, "`"+head+"` plus uncommitted changes", commit(dir))

	assert.Contains(t, commit(t.TempDir()), "unknown", "not a repository")
}
