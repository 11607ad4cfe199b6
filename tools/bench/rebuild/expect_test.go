package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGazelleRepoName(t *testing.T) {
	assert.Equal(t, "in_yaml_go_yaml_v3", gazelleRepoName("go.yaml.in/yaml/v3"))
	assert.Equal(t, "org_golang_google_grpc", gazelleRepoName("google.golang.org/grpc"))
	assert.Equal(t, "com_github_stretchr_testify", gazelleRepoName("github.com/stretchr/testify"))
}

func TestFileLabel(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "clib/simd/sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "clib/simd/BUILD.bazel"), nil, 0o644))
	assert.Equal(t, "//clib/simd:api.c", fileLabel(root, "clib/simd/api.c"))
	assert.Equal(t, "//clib/simd:sub/x.c", fileLabel(root, "clib/simd/sub/x.c"))
	assert.Equal(t, "//:go.mod", fileLabel(root, "go.mod"))
}
