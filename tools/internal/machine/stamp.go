package machine

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
)

// A Stamp records what a generated report was measured with, so that every
// figure in it can be traced to a commit and a toolchain. A probe that fails
// says so in its field instead of failing the run.
type Stamp struct {
	Commit  string // git commit of the workspace, marked when the tree has uncommitted changes
	Bazel   string
	Go      string // the Go that built the tool, and the measured Go code
	GCC     string // the C compiler Bazel's auto-configured toolchain finds on PATH
	OpenSSL string // the headers clib/crypto compiles against
	CPU     string // Describe
}

// Measure probes the stamp for the workspace at dir. Run it where Bazel
// runs the tool (in offline mode, inside the build root), so gcc and the
// OpenSSL headers are the ones the build used.
func Measure(dir string) Stamp {
	return Stamp{
		Commit:  commit(dir),
		Bazel:   bazelVersion(dir),
		Go:      runtime.Version(),
		GCC:     ToolVersion("gcc"),
		OpenSSL: openSSLHeaders(),
		CPU:     Describe(),
	}
}

// Markdown renders the stamp as one line for a generated section.
func (s Stamp) Markdown() string {
	return fmt.Sprintf("Measured on commit %s with Bazel %s, Go %s, %s, OpenSSL %s; CPU: %s.",
		s.Commit, s.Bazel, strings.TrimPrefix(s.Go, "go"), s.GCC, s.OpenSSL, s.CPU)
}

// ToolVersion returns the first line of `name --version` (a compiler's
// name and release), or why it could not run.
func ToolVersion(name string) string { return probe(firstLine, name, "--version") }

// probe runs a command and returns parse of its output, or why it failed.
func probe(parse func(string) string, name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return fmt.Sprintf("unknown (%s: %v)", name, err)
	}
	return parse(string(out))
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

func commit(dir string) string {
	out, err := exec.Command("git", "-C", dir, "rev-parse", "--short=12", "HEAD").Output()
	if err != nil {
		return fmt.Sprintf("unknown (git: %v)", err)
	}
	c := "`" + strings.TrimSpace(string(out)) + "`"
	status, err := exec.Command("git", "-C", dir, "status", "--porcelain", "--untracked-files=no").Output()
	if err != nil || len(status) > 0 {
		c += " plus uncommitted changes"
	}
	return c
}

// bazelVersion asks the workspace's Bazel through tools/bazel. Debian's
// build (offline mode) carries no build label, so the package version is
// the next best record of which Bazel ran.
func bazelVersion(dir string) string {
	cmd := exec.Command(filepath.Join(dir, "tools", "bazel"), "version")
	cmd.Dir = dir
	out, _ := cmd.Output()
	if v := buildLabel(string(out)); v != "" {
		return v
	}
	return probe(func(s string) string {
		return strings.TrimSpace(s) + " (Debian bazel-bootstrap, which has no build label)"
	},
		"dpkg-query", "-W", "-f=${Version}", "bazel-bootstrap")
}

var buildLabelLine = regexp.MustCompile(`(?m)^Build label: (\S+)`)

func buildLabel(versionOutput string) string {
	if m := buildLabelLine.FindStringSubmatch(versionOutput); m != nil {
		return m[1]
	}
	return ""
}

// openSSLHeaders asks the C compiler for OPENSSL_VERSION_TEXT from the
// OpenSSL headers on its include path: the ones clib/crypto compiles
// against, which come with the libcrypto it links (the system library, see
// clib/third_party/openssl). The binding does not expose the library's own
// OpenSSL_version().
func openSSLHeaders() string {
	cmd := exec.Command("gcc", "-E", "-dM", "-x", "c", "-")
	cmd.Stdin = strings.NewReader("#include <openssl/opensslv.h>\n")
	out, err := cmd.Output()
	if err != nil {
		return fmt.Sprintf("unknown (no OpenSSL headers for gcc: %v)", err)
	}
	return versionText(string(out))
}

var versionTextDefine = regexp.MustCompile(`(?m)^#define OPENSSL_VERSION_TEXT "OpenSSL ([^"]*)"`)

func versionText(defines string) string {
	if m := versionTextDefine.FindStringSubmatch(defines); m != nil {
		return m[1] + " (headers)"
	}
	return "unknown (no OPENSSL_VERSION_TEXT in opensslv.h)"
}
