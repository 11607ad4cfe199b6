package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"example.com/starter/tools/internal/buildreport"
)

const countC = `#include "simd.h"

simd_status simd_count_byte(const uint8_t *data, size_t len) {
  return SIMD_OK;
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
	got := editFile(t, countC, edits["C body"].apply, 2)
	assert.Contains(t, got, "size_t len) {\n  volatile int rebuild_bench_edit = 2;\n  (void)rebuild_bench_edit;\n  return SIMD_OK;")

	got = editFile(t, "message A {\n  bytes data = 1;\n}\n", edits["proto field"].apply, 3)
	assert.Equal(t, "message A {\n  string rebuild_bench_note = 1003;\n  bytes data = 1;\n}\n", got)

	got = editFile(t, "#ifdef __cplusplus\n}\n#endif\n", edits["C public header"].apply, 1)
	assert.Equal(t, "simd_status simd_rebuild_bench_1(void);\n\n#ifdef __cplusplus\n}\n#endif\n", got)

	assert.NotEqual(t,
		editFile(t, "package x\n", edits["Go service file"].apply, 1),
		editFile(t, "package x\n", edits["Go service file"].apply, 2),
		"every rep changes the content")
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
	check := onlyCompiles("count")
	assert.Empty(t, check(run{spawns: []buildreport.Spawn{compile("obj/count.pic.o"), compile("obj/count.o")}}))
	assert.Len(t, check(run{spawns: []buildreport.Spawn{compile("obj/count.o"), compile("obj/other.o")}}), 1)
}

func TestNoCCompile(t *testing.T) {
	assert.Empty(t, noCCompile(run{spawns: []buildreport.Spawn{{Mnemonic: "GoCompilePkg"}}}))
	assert.Len(t, noCCompile(run{spawns: []buildreport.Spawn{{Mnemonic: "CppCompile"}}}), 1)
}
