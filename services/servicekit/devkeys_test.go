package servicekit

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteDevKeys(t *testing.T) {
	dir := t.TempDir()
	flag, err := WriteDevKeys(dir)
	require.NoError(t, err)
	path, ok := strings.CutPrefix(flag, "-key_file=")
	require.True(t, ok, flag)
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	require.Len(t, lines, 2)
	assert.Regexp(t, `^dev-aes-256-gcm aes-256-gcm [0-9a-f]{64}$`, lines[0])
	assert.Regexp(t, `^dev-chacha20-poly1305 chacha20-poly1305 [0-9a-f]{64}$`, lines[1])
	again, err := WriteDevKeys(t.TempDir())
	require.NoError(t, err)
	other, err := os.ReadFile(strings.TrimPrefix(again, "-key_file="))
	require.NoError(t, err)
	assert.NotEqual(t, data, other, "two key files with the same keys")

	_, err = WriteDevKeys(dir + "/missing/dir")
	require.Error(t, err)
}
