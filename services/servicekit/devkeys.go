// Development keys: a key file of random keys for envelopd, so that the
// demo and the load benchmark can start it. Never use them outside a
// development machine.

package servicekit

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// DevKeyIDs are the keys WriteDevKeys writes: one AES-256-GCM key and one
// ChaCha20-Poly1305 key.
var DevKeyIDs = struct{ AESGCM, ChaCha20Poly1305 string }{"dev-aes-256-gcm", "dev-chacha20-poly1305"}

// WriteDevKeys writes keys, envelopd's key file of the DevKeyIDs with fresh
// random secrets, into dir (readable by its owner only) and returns the
// -key_file flag that points envelopd at it.
func WriteDevKeys(dir string) (flag string, err error) {
	var lines strings.Builder
	for _, k := range []struct{ id, alg string }{
		{DevKeyIDs.AESGCM, "aes-256-gcm"},
		{DevKeyIDs.ChaCha20Poly1305, "chacha20-poly1305"},
	} {
		secret := make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return "", err
		}
		fmt.Fprintf(&lines, "%s %s %s\n", k.id, k.alg, hex.EncodeToString(secret))
	}
	path := filepath.Join(dir, "keys")
	if err := os.WriteFile(path, []byte(lines.String()), 0o600); err != nil {
		return "", err
	}
	return "-key_file=" + path, nil
}
