package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bazelbuild/rules_go/go/runfiles"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const baseline = `syntax = "proto3";
package shop.v1;
option go_package = "example.com/shop/v1;shopv1";

service Orders {
  rpc Get(GetRequest) returns (Order);
}
message GetRequest { string id = 1; }
message Order {
  string id = 1;
  uint64 total = 2;
  Status status = 3;
}
enum Status {
  STATUS_UNSPECIFIED = 0;
  STATUS_OPEN = 1;
}
`

func protoc(t *testing.T) string {
	t.Helper()
	if r := os.Getenv("PROTOC_RLOCATION"); r != "" {
		path, err := runfiles.Rlocation(r)
		require.NoError(t, err)
		return path
	}
	path, err := exec.LookPath("protoc")
	if err != nil {
		t.Skip("protoc not found; run through Bazel")
	}
	return path
}

// repoWith commits baseline as proto/shop/v1/shop.proto, then leaves
// working in the working tree.
func repoWith(t *testing.T, working string) string {
	t.Helper()
	root := t.TempDir()
	file := filepath.Join(root, "proto/shop/v1/shop.proto")
	require.NoError(t, os.MkdirAll(filepath.Dir(file), 0o755))
	require.NoError(t, os.WriteFile(file, []byte(baseline), 0o644))
	gitIn(t, root, "init", "-q", "-b", "main")
	commitAll(t, root, "baseline")
	require.NoError(t, os.WriteFile(file, []byte(working), 0o644))
	return root
}

// gitIn runs git in root and returns its trimmed output.
func gitIn(t *testing.T, root string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", root}, args...)...).CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
	return strings.TrimSpace(string(out))
}

func commitAll(t *testing.T, root, msg string) string {
	t.Helper()
	gitIn(t, root, "add", ".")
	gitIn(t, root, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", msg)
	return gitIn(t, root, "rev-parse", "HEAD")
}

func TestCompatibleChangesPass(t *testing.T) {
	working := baseline + `
// A new message and a new field are additions, not breaks.
message Refund { string order_id = 1; }
`
	working = replace(t, working, "Status status = 3;", "Status status = 3;\n  string note = 4;")
	findings, err := check(protoc(t), repoWith(t, working), "HEAD")
	require.NoError(t, err)
	assert.Empty(t, findings)
}

func TestBreakingChangesAreFound(t *testing.T) {
	tests := []struct {
		name, old, new, finding string
	}{
		{"field removed", "uint64 total = 2;", "", "field 2 (total) removed without reserving its number"},
		{"field type", "uint64 total = 2;", "string total = 2;", "field 2 (total) type changed from TYPE_UINT64 to TYPE_STRING"},
		{"field renamed", "uint64 total = 2;", "uint64 sum = 2;", "field 2 renamed from total to sum"},
		{"cardinality", "uint64 total = 2;", "repeated uint64 total = 2;", "cardinality changed"},
		{"method removed", "rpc Get(GetRequest) returns (Order);", "", "method Get removed"},
		{"method signature", "rpc Get(GetRequest) returns (Order);", "rpc Get(Order) returns (Order);", "method Get signature changed"},
		{"streaming", "rpc Get(GetRequest) returns (Order);", "rpc Get(stream GetRequest) returns (Order);", "method Get streaming changed"},
		{"enum value removed", "STATUS_OPEN = 1;", "", "enum Status value 1 (STATUS_OPEN) removed"},
		{"package", "package shop.v1;", "package store.v1;", `package changed from "shop.v1" to "store.v1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			findings, err := check(protoc(t), repoWith(t, replace(t, baseline, tt.old, tt.new)), "HEAD")
			require.NoError(t, err)
			require.NotEmpty(t, findings)
			assert.Contains(t, strings.Join(findings, "\n"), tt.finding)
		})
	}
}

func TestReservedRemovalPasses(t *testing.T) {
	working := replace(t, baseline, "uint64 total = 2;", "reserved 2;\n  reserved \"total\";")
	findings, err := check(protoc(t), repoWith(t, working), "HEAD")
	require.NoError(t, err)
	assert.Empty(t, findings)
}

func TestFileRemovedIsBreaking(t *testing.T) {
	root := repoWith(t, baseline)
	require.NoError(t, os.Remove(filepath.Join(root, "proto/shop/v1/shop.proto")))
	findings, err := check(protoc(t), root, "HEAD")
	require.NoError(t, err)
	assert.Equal(t, []string{"proto/shop/v1/shop.proto: file removed"}, findings)
}

func TestDefaultBaseIsTheForkPointOfABranch(t *testing.T) {
	root := repoWith(t, baseline)
	forked := gitIn(t, root, "rev-parse", "HEAD")
	gitIn(t, root, "update-ref", "refs/remotes/origin/main", forked)
	gitIn(t, root, "checkout", "-q", "-b", "feature")
	commitAll(t, root, "one")
	commitAll(t, root, "two")
	assert.Equal(t, forked, defaultBase(root), "every commit of the branch is checked, not only the last")
}

func TestDefaultBaseOnTheDefaultBranchIsThePreviousCommit(t *testing.T) {
	root := repoWith(t, baseline)
	commitAll(t, root, "two")
	gitIn(t, root, "update-ref", "refs/remotes/origin/main", "HEAD")
	assert.Equal(t, "HEAD~1", defaultBase(root), "the merge base is HEAD itself there")
}

func TestDefaultBaseWithoutARemoteIsThePreviousCommit(t *testing.T) {
	assert.Equal(t, "HEAD~1", defaultBase(repoWith(t, baseline)))
}

func TestMissingBase(t *testing.T) {
	root := repoWith(t, baseline)
	commitAll(t, root, "two")
	shallow := filepath.Join(t.TempDir(), "shallow")
	gitIn(t, root, "clone", "-q", "--depth=1", "file://"+root, shallow)

	found, err := haveBase(root, "HEAD~1", true)
	require.NoError(t, err)
	assert.True(t, found)

	found, err = haveBase(shallow, "HEAD~1", false)
	require.NoError(t, err)
	assert.False(t, found, "locally, a missing base means nothing to check")

	_, err = haveBase(shallow, "HEAD~1", true)
	assert.ErrorContains(t, err, "fetch-depth: 0", "under CI a shallow clone fails")

	_, err = haveBase(root, "no-such-branch", true)
	assert.ErrorContains(t, err, "revision no-such-branch to compare with is missing", "under CI a missing override fails")

	first := repoWith(t, baseline)
	found, err = haveBase(first, "HEAD~1", true)
	require.NoError(t, err, "a complete history whose HEAD is the first commit has nothing earlier")
	assert.False(t, found)
}

func replace(t *testing.T, s, old, new string) string {
	t.Helper()
	require.Contains(t, s, old)
	return strings.Replace(s, old, new, 1)
}
