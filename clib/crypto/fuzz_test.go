package crypto

import (
	"bytes"
	"testing"
)

// FuzzSHA256 checks Native against Pure on arbitrary input for every call
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
