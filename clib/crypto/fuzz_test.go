package crypto

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzSHA256 checks the C library against Pure on arbitrary input for every call
// (see checkAgree): data is split into a batch of messages at every 'x'
// byte, each message is repeated 1+repeat times, and the stream is fed in
// chunks of a fuzzed size. The repeat lets a short input make messages of
// packThreshold bytes and more, so that the fuzzer reaches both batch
// forms: short messages packed, long ones passed in place. It stops at
// maxRepeated bytes a message: past the threshold, longer only means
// slower, and instrumented Go hashing is slow enough already.
func FuzzSHA256(f *testing.F) {
	const maxRepeated = 4096 // 4 × packThreshold, which only cgo builds define
	f.Add([]byte("key"), []byte("abc"), uint8(0), uint16(1))
	f.Add([]byte{}, []byte{}, uint8(0), uint16(0))
	f.Add(make([]byte, 131), []byte("axxbxcx"), uint8(0), uint16(64))
	f.Add([]byte("k"), []byte("0123456789abcdefxshort"), uint8(80), uint16(4096))
	f.Fuzz(func(t *testing.T, key, data []byte, repeat uint8, chunk uint16) {
		var msgs [][]byte
		for start, i := 0, 0; i <= len(data); i++ {
			if i == len(data) || data[i] == 'x' {
				m := data[start:i]
				msgs = append(msgs, bytes.Repeat(m, min(1+int(repeat), max(1, maxRepeated/max(1, len(m))))))
				start = i + 1
			}
		}
		checkAgree(t, key, msgs, 1+int(chunk))
	})
}

// FuzzAEAD checks NativeAEAD against PureAEAD on arbitrary input: both
// must seal to the same bytes, open each other's output, and refuse the
// same tampered message (flip picks the byte, if any, of the sealed
// message to alter) without releasing plaintext. The message is repeated
// as in FuzzSHA256, so that batches reach both sides of packThreshold.
func FuzzAEAD(f *testing.F) {
	f.Add(false, make([]byte, AEADKeySize), make([]byte, AEADNonceSize), []byte("aad"), []byte("msg"), uint8(0), uint16(0))
	f.Add(true, bytes.Repeat([]byte{7}, AEADKeySize), bytes.Repeat([]byte{1}, AEADNonceSize), []byte{}, []byte{}, uint8(0), uint16(5))
	f.Add(false, bytes.Repeat([]byte{9}, AEADKeySize), bytes.Repeat([]byte{2}, AEADNonceSize), []byte{}, []byte("0123456789abcdef"), uint8(90), uint16(1000))
	forceNativeAEAD(f)
	f.Fuzz(func(t *testing.T, chacha bool, key, nonce, aad, data []byte, repeat uint8, flip uint16) {
		alg := AES256GCM
		if chacha {
			alg = ChaCha20Poly1305
		}
		msg := bytes.Repeat(data, min(1+int(repeat), max(1, 4096/max(1, len(data)))))
		native, nerr := NativeAEAD.NewAEAD(alg, key)
		pure, perr := PureAEAD.NewAEAD(alg, key)
		if (nerr == nil) != (perr == nil) {
			t.Fatalf("NewAEAD: native %v, pure %v", nerr, perr)
		}
		if nerr != nil {
			return
		}
		defer native.Close()
		defer pure.Close()
		want, perr := pure.Seal(nil, nonce, msg, aad)
		got, nerr := native.Seal(nil, nonce, msg, aad)
		if (nerr == nil) != (perr == nil) || !bytes.Equal(got, want) {
			t.Fatalf("Seal: native %x, %v; pure %x, %v", got, nerr, want, perr)
		}
		if nerr != nil {
			return
		}
		batch, err := native.SealBatch([][]byte{nonce, nonce}, [][]byte{msg, data}, aad)
		if err != nil || !bytes.Equal(batch[0], want) {
			t.Fatalf("SealBatch: %x, %v; want %x", batch, err, want)
		}
		tampered := bytes.Clone(want)
		if i := int(flip); i < len(tampered) {
			tampered[i] ^= 0x80
		}
		for _, a := range []AEAD{native, pure} {
			dst := bytes.Repeat([]byte{0x5a}, len(msg))
			opened, err := a.Open(dst[:0], nonce, tampered, aad)
			if int(flip) >= len(tampered) {
				if err != nil || !bytes.Equal(opened, msg) {
					t.Fatalf("Open: %x, %v; want %x", opened, err, msg)
				}
				continue
			}
			if !errors.Is(err, ErrAuth) || opened != nil || !bytes.Equal(dst, make([]byte, len(msg))) {
				t.Fatalf("Open of a tampered message: %x, %v; dst %x", opened, err, dst)
			}
		}
	})
}
