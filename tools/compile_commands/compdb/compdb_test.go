package compdb

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const execroot = "/out/execroot/_main"

// testdata/aquery.json is real output of
// `bazel aquery 'mnemonic("CppCompile", //clib/...)' --output=jsonproto`.
func TestFromAqueryFixture(t *testing.T) {
	f, err := os.Open("testdata/aquery.json")
	require.NoError(t, err)
	defer f.Close()

	entries, err := FromAquery(f, execroot)
	require.NoError(t, err)

	files := map[string]Entry{}
	for _, e := range entries {
		files[e.File] = e
	}
	require.Contains(t, files, "clib/simd/count.c", "the library source has an entry")
	assert.NotContains(t, files["clib/simd/count.c"].Arguments, "-fno-canonical-system-headers", "gcc-only flags are dropped")
	require.Contains(t, files, "clib/simd/simd_test.c", "the C test source has an entry")

	e := files["clib/simd/count.c"]
	assert.Equal(t, execroot, e.Directory, "paths resolve against the execution root")
	assert.Equal(t, "bazel-out/k8-fastbuild/bin/clib/simd/_objs/simd_c/count.pic.o", e.Output)
	assert.Contains(t, e.Arguments, "-std=c11", "the repository's copts are kept")
	assert.Equal(t, []string{"-iquote", "."}, e.Arguments[12:14])
}

func TestFromAqueryKeepsFirstCommandPerFile(t *testing.T) {
	in := `{"actions": [
		{"mnemonic": "CppCompile", "arguments": ["gcc", "-c", "a.c", "-o", "a.pic.o", "-fPIC"]},
		{"mnemonic": "CppCompile", "arguments": ["gcc", "-c", "a.c", "-o", "a.o"]},
		{"mnemonic": "CppLink", "arguments": ["gcc", "-o", "a"]},
		{"mnemonic": "CppCompile", "arguments": ["gcc", "-c", "b.c"]}
	]}`
	entries, err := FromAquery(strings.NewReader(in), "/x")
	require.NoError(t, err)
	assert.Equal(t, []Entry{
		{Directory: "/x", File: "a.c", Arguments: []string{"gcc", "-c", "a.c", "-o", "a.pic.o", "-fPIC"}, Output: "a.pic.o"},
		{Directory: "/x", File: "b.c", Arguments: []string{"gcc", "-c", "b.c"}},
	}, entries)
}

// TestForClang lists every flag that clangd rejects as an unknown argument
// and that Bazel's gcc toolchain emits; compile_commands_test checks the result with
// the real clangd.
func TestForClang(t *testing.T) {
	assert.Equal(t, []string{"-fno-canonical-system-headers"}, GCCOnlyFlags)
	in := []string{"/usr/bin/gcc", "-fPIC", "-c", "a.c", "-fno-canonical-system-headers", "-Wall"}
	assert.Equal(t, []string{"/usr/bin/gcc", "-fPIC", "-c", "a.c", "-Wall"}, ForClang(in))
	assert.Contains(t, in, "-fno-canonical-system-headers", "the input is not modified")
}

func TestFromAqueryErrors(t *testing.T) {
	_, err := FromAquery(strings.NewReader(`{"actions": [`), "/x")
	assert.Error(t, err, "truncated JSON")
	_, err = FromAquery(strings.NewReader(`{"actions": [{"mnemonic": "CppCompile", "arguments": ["gcc", "-c"]}]}`), "/x")
	assert.Error(t, err, "compile without a source")
}

func TestFromAqueryNoActions(t *testing.T) {
	entries, err := FromAquery(strings.NewReader(`{}`), "/x")
	require.NoError(t, err)
	assert.Empty(t, entries)
}
