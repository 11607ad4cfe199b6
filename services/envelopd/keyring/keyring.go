// Package keyring reads envelopd's key file: the named keys it seals and
// opens with.
//
// The file has one key a line, "ID ALGORITHM HEX": an ID of letters,
// digits, '.', '_' or '-'; an algorithm, aes-256-gcm or
// chacha20-poly1305; and the 32-byte key as 64 hex digits. Blank lines and
// lines that start with '#' are ignored. IDs must be unique. Keep the file
// readable by the service alone: it holds every key in the clear.
package keyring

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"example.com/starter/clib/crypto"
)

// Key is one line of the file.
type Key struct {
	ID        string
	Algorithm crypto.AEADAlgorithm
	Secret    []byte
}

// algorithms maps the file's algorithm names to clib/crypto's.
var algorithms = map[string]crypto.AEADAlgorithm{
	"aes-256-gcm":       crypto.AES256GCM,
	"chacha20-poly1305": crypto.ChaCha20Poly1305,
}

var validID = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// Load reads the key file at path.
func Load(path string) ([]Key, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(path, f)
}

// Parse reads a key file from r; name prefixes its errors, which give the
// line but never a key's bytes. A file with no key is an error.
func Parse(name string, r io.Reader) ([]Key, error) {
	var keys []Key
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) != 3 {
			return nil, fmt.Errorf("%s:%d: want \"ID ALGORITHM HEX\", got %d fields", name, line, len(fields))
		}
		id, algName, secretHex := fields[0], fields[1], fields[2]
		if !validID.MatchString(id) {
			return nil, fmt.Errorf("%s:%d: key ID %q has characters other than letters, digits, '.', '_' and '-'", name, line, id)
		}
		if first, ok := seen[id]; ok {
			return nil, fmt.Errorf("%s:%d: key ID %q is already defined on line %d", name, line, id, first)
		}
		alg, ok := algorithms[algName]
		if !ok {
			return nil, fmt.Errorf("%s:%d: unknown algorithm %q (want aes-256-gcm or chacha20-poly1305)", name, line, algName)
		}
		secret, err := hex.DecodeString(secretHex)
		if err != nil || len(secret) != crypto.AEADKeySize {
			return nil, fmt.Errorf("%s:%d: key %q is not %d bytes of hex", name, line, id, crypto.AEADKeySize)
		}
		seen[id] = line
		keys = append(keys, Key{ID: id, Algorithm: alg, Secret: secret})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("%s: no keys", name)
	}
	return keys, nil
}
