package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// workspace makes a minimal workspace: the existing services' main.go
// files, whose ports new reads.
func workspace(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for name, port := range map[string]string{"hashd": "7001\", MetricsListen: \"127.0.0.1:9101", "envelopd": "7003\", MetricsListen: \"127.0.0.1:9103"} {
		dir := filepath.Join(root, "services", name)
		require.NoError(t, os.MkdirAll(dir, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte(`Listen: "127.0.0.1:`+port+`"`), 0o644))
	}
	return root
}

func TestClibThenService(t *testing.T) {
	root := workspace(t)
	var out bytes.Buffer
	require.NoError(t, run(root, []string{"clib", "bytesum"}, &out))
	assert.Contains(t, out.String(), "wrote clib/bytesum/bytesum.h")
	header, err := os.ReadFile(filepath.Join(root, "clib/bytesum/bytesum.h"))
	require.NoError(t, err)
	assert.Contains(t, string(header), "int bytesum_sum(const uint8_t *data, size_t len, size_t stride, uint64_t *out);")

	require.NoError(t, run(root, []string{"service", "sumd", "-clib", "bytesum"}, &out))
	main, err := os.ReadFile(filepath.Join(root, "services/sumd/main.go"))
	require.NoError(t, err)
	assert.Contains(t, string(main), `Listen:        "127.0.0.1:7004"`, "the port after the highest in use")
	assert.Contains(t, string(main), `MetricsListen: "127.0.0.1:9104"`)
	build, err := os.ReadFile(filepath.Join(root, "clib/bytesum/BUILD.bazel"))
	require.NoError(t, err)
	assert.Contains(t, string(build), cmockSuiteLoad)
	assert.Contains(t, string(build), `"//services/sumd:sumd_test",`)

	// A second service for the same module would need a second suite.
	err = run(root, []string{"service", "othersumd", "-clib", "bytesum"}, &out)
	assert.ErrorContains(t, err, "already has c_module_tests")
}

// TestFormatting: BUILD files come out sorted as buildifier sorts them, and
// Go imports as gofmt does, whatever the name sorts next to.
func TestFormatting(t *testing.T) {
	root := workspace(t)
	var out bytes.Buffer
	require.NoError(t, run(root, []string{"clib", "aaa"}, &out))
	require.NoError(t, run(root, []string{"service", "aaad", "-clib", "aaa"}, &out))
	build, err := os.ReadFile(filepath.Join(root, "services/aaad/BUILD.bazel"))
	require.NoError(t, err)
	assert.Less(t, strings.Index(string(build), `"//proto/aaad/v1:aaad"`), strings.Index(string(build), `"//proto/common/v1:common"`))
	main, err := os.ReadFile(filepath.Join(root, "services/aaad/main.go"))
	require.NoError(t, err)
	assert.Less(t, strings.Index(string(main), `"example.com/starter/proto/aaad/v1"`), strings.Index(string(main), `"example.com/starter/proto/common/v1"`))
}

func TestRefusals(t *testing.T) {
	root := workspace(t)
	var out bytes.Buffer
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"clib"}, "usage"},
		{[]string{"lib", "x1"}, "usage"},
		{[]string{"clib", "Bad"}, "lower-case letters and digits"},
		{[]string{"clib", "9lives"}, "lower-case letters and digits"},
		{[]string{"clib", "a"}, "lower-case letters and digits"},
		{[]string{"clib", "func"}, "Go keyword"},
		{[]string{"clib", "two", "extra"}, "usage"},
		{[]string{"service", "sumd", "-clib", "nosuch"}, "create it first with: tools/bazel run //tools/new -- clib nosuch"},
		{[]string{"service", "hashd", "-clib", "nosuch"}, "no module written by new"},
		{[]string{"service", "sumd", "-clib", "../etc"}, "lower-case letters and digits"},
	} {
		err := run(root, tc.args, &out)
		assert.ErrorContains(t, err, tc.want, "%v", tc.args)
	}

	// Nothing is overwritten, and a refusal writes nothing.
	require.NoError(t, run(root, []string{"clib", "bytesum"}, &out))
	header := filepath.Join(root, "clib/bytesum/bytesum.h")
	require.NoError(t, os.WriteFile(header, []byte("mine"), 0o644))
	require.NoError(t, os.Remove(filepath.Join(root, "clib/bytesum/pure.go")))
	assert.ErrorIs(t, run(root, []string{"clib", "bytesum"}, &out), errExists)
	mine, err := os.ReadFile(header)
	require.NoError(t, err)
	assert.Equal(t, "mine", string(mine))
	assert.NoFileExists(t, filepath.Join(root, "clib/bytesum/pure.go"), "a refusal writes nothing")
	// A service whose files exist is refused too, before its module's BUILD
	// file gains a suite.
	require.NoError(t, os.MkdirAll(filepath.Join(root, "proto/sumd/v1"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "proto/sumd/v1/sumd.proto"), nil, 0o644))
	assert.ErrorIs(t, run(root, []string{"service", "sumd", "-clib", "bytesum"}, &out), errExists)
	build, err := os.ReadFile(filepath.Join(root, "clib/bytesum/BUILD.bazel"))
	require.NoError(t, err)
	assert.NotContains(t, string(build), "c_module_tests")
}

// TestCamel: names are spelt as protoc-gen-go spells the Go identifiers it
// generates from them, or the generated server would not compile.
func TestCamel(t *testing.T) {
	for name, want := range map[string]string{"sumd": "Sumd", "e2esumd": "E2Esumd", "a1b2c": "A1B2C", "x99y": "X99Y"} {
		assert.Equal(t, want, params{Name: name}.Camel(), name)
	}
}
