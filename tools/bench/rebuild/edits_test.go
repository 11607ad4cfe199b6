package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bazelbuild/rules_go/go/runfiles"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"example.com/starter/tools/internal/buildreport"
)

const kernelC = `#include "kernels.h"

static size_t scalar_count_byte(const uint8_t *p, size_t n, uint8_t v) {
  return 0;
}
`

func editFile(t *testing.T, content string, apply func(string, int) error, rep int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "f")
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	require.NoError(t, apply(path, rep))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(got)
}

func TestCanonicalTextEdits(t *testing.T) {
	edits := map[string]edit{}
	for _, e := range canonicalEdits("example.com/m", "v1.0.1") {
		edits[e.name] = e
	}
	got := editFile(t, kernelC, edits["C body"].apply, 2)
	assert.Contains(t, got, "uint8_t v) {\n  volatile int rebuild_bench_edit = 2;\n  (void)rebuild_bench_edit;\n  return 0;")

	got = editFile(t, "message A {\n  bytes data = 1;\n}\n", edits["proto field"].apply, 3)
	assert.Equal(t, "message A {\n  string rebuild_bench_note = 1003;\n  bytes data = 1;\n}\n", got)

	got = editFile(t, "#ifdef __cplusplus\n}\n#endif\n", edits["C public header"].apply, 1)
	assert.Equal(t, "simd_status simd_rebuild_bench_1(void);\n\n#ifdef __cplusplus\n}\n#endif\n", got)

	assert.NotEqual(t,
		editFile(t, "package x\n", edits["Go service file"].apply, 1),
		editFile(t, "package x\n", edits["Go service file"].apply, 2),
		"every rep changes the content")
}

// TestEditsMatchRealTree applies every edit to a copy of the real file it
// targets, which the go_test gets as data: a file that was renamed or
// deleted, or an anchor that no longer matches, fails here instead of
// halfway through a benchmark run.
func TestEditsMatchRealTree(t *testing.T) {
	module, version, _ := strings.Cut(defaultBump, "@")
	for _, e := range canonicalEdits(module, version) {
		t.Run(e.name, func(t *testing.T) {
			src, err := os.ReadFile(realFile(t, e.file))
			require.NoError(t, err, "%s is missing from the tree, or from the go_test's data", e.file)
			if e.file == "go.mod" {
				// go get needs the network; what the edit relies on is
				// that go.mod requires the module it bumps.
				assert.Regexp(t, regexp.MustCompile(`(?m)^\s*(require\s+)?`+regexp.QuoteMeta(module)+` v`), string(src))
				return
			}
			editFile(t, string(src), e.apply, 1)
		})
	}
}

// realFile returns the path of a workspace file: under Bazel through the
// runfiles (the go_test's data), under plain go test relative to this
// package's directory, where go runs the test.
func realFile(t *testing.T, file string) string {
	t.Helper()
	if os.Getenv("TEST_SRCDIR") == "" {
		return filepath.Join("..", "..", "..", file)
	}
	path, err := runfiles.Rlocation("_main/" + file)
	require.NoError(t, err)
	return path
}

func TestEditWithoutAnchorFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	require.NoError(t, os.WriteFile(path, []byte("no function here\n"), 0o644))
	assert.Error(t, canonicalEdits("m", "v")[0].apply(path, 1))
}

func TestOnlyCompiles(t *testing.T) {
	compile := func(out string) buildreport.Spawn {
		return buildreport.Spawn{Mnemonic: "CppCompile", Outputs: []string{out, out + ".d"}}
	}
	check := onlyCompiles("kernels_scalar")
	assert.Empty(t, check(run{spawns: []buildreport.Spawn{compile("obj/kernels_scalar.pic.o"), compile("obj/kernels_scalar.o")}}))
	assert.Len(t, check(run{spawns: []buildreport.Spawn{compile("obj/kernels_scalar.o"), compile("obj/kernels_avx2.o")}}), 1)
}

func TestNoCCompile(t *testing.T) {
	assert.Empty(t, noCCompile(run{spawns: []buildreport.Spawn{{Mnemonic: "GoCompilePkg"}}}))
	assert.Len(t, noCCompile(run{spawns: []buildreport.Spawn{{Mnemonic: "CppCompile"}}}), 1)
}
