package keyring

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"example.com/starter/clib/crypto"
)

const hexKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

func TestParse(t *testing.T) {
	keys, err := Parse("keys", strings.NewReader("# comment\n\nk1 aes-256-gcm "+hexKey+"\n  k.2  chacha20-poly1305  "+hexKey+"  \n"))
	require.NoError(t, err)
	require.Len(t, keys, 2)
	assert.Equal(t, Key{ID: "k1", Algorithm: crypto.AES256GCM, Secret: keys[0].Secret}, keys[0])
	assert.Equal(t, "k.2", keys[1].ID)
	assert.Equal(t, crypto.ChaCha20Poly1305, keys[1].Algorithm)
	assert.Len(t, keys[1].Secret, crypto.AEADKeySize)
}

func TestParseErrorsNameTheLineNotTheKey(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"k1 aes-256-gcm", "keys:1: want \"ID ALGORITHM HEX\", got 2 fields"},
		{"k/1 aes-256-gcm " + hexKey, "keys:1: key ID \"k/1\" has characters"},
		{"k1 aes-256-gcm " + hexKey + "\nk1 aes-256-gcm " + hexKey, "keys:2: key ID \"k1\" is already defined on line 1"},
		{"k1 aes-128-gcm " + hexKey, "keys:1: unknown algorithm \"aes-128-gcm\""},
		{"# only\n\nk1 aes-256-gcm " + hexKey[:62], "keys:3: key \"k1\" is not 32 bytes of hex"},
		{"k1 aes-256-gcm " + hexKey[:63] + "x", "keys:1: key \"k1\" is not 32 bytes of hex"},
		{"# nothing\n", "keys: no keys"},
	} {
		_, err := Parse("keys", strings.NewReader(tc.file))
		require.Error(t, err, tc.file)
		assert.Contains(t, err.Error(), tc.want)
		assert.NotContains(t, err.Error(), hexKey[:20], "an error shows key material")
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(t.TempDir() + "/absent")
	require.Error(t, err)
	_, err = Parse("keys", bytes.NewReader(nil))
	require.ErrorContains(t, err, "no keys")
}
