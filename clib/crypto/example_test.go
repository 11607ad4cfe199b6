package crypto_test

import (
	"encoding/hex"
	"fmt"
	"log"

	"example.com/starter/clib/crypto"
)

// Native computes on OpenSSL when cgo is on, and is Pure otherwise; both
// give the same digests.
func Example() {
	digest, err := crypto.Native.SHA256([]byte("abc"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(hex.EncodeToString(digest[:]))
	// Output: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
}

// A batch digests many messages in one call, which amortises the cost of
// crossing into C over the whole batch.
func ExampleBackend_SHA256Batch() {
	digests, err := crypto.Native.SHA256Batch([][]byte{[]byte("a"), []byte("b")})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range digests {
		fmt.Println(hex.EncodeToString(d[:4]))
	}
	// Output:
	// ca978112
	// 3e23e816
}

// A Hasher takes a payload in pieces; Close releases its C memory.
func ExampleHasher() {
	h, err := crypto.Native.NewHMACSHA256([]byte("key"))
	if err != nil {
		log.Fatal(err)
	}
	defer h.Close()
	for _, chunk := range []string{"The quick brown fox ", "jumps over the lazy dog"} {
		if _, err := h.Write([]byte(chunk)); err != nil {
			log.Fatal(err)
		}
	}
	mac, err := h.Sum()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(hex.EncodeToString(mac[:]))
	// Output: f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8
}
