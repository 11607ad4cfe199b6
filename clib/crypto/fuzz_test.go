package crypto

import "testing"

// FuzzSHA256 checks Native against Pure on arbitrary input for every call
// (see checkAgree): data is split into a batch of messages at every 'x'
// byte, and the stream is fed in chunks of a fuzzed size.
func FuzzSHA256(f *testing.F) {
	f.Add([]byte("key"), []byte("abc"), uint16(1))
	f.Add([]byte{}, []byte{}, uint16(0))
	f.Add(make([]byte, 131), []byte("axxbxcx"), uint16(64))
	f.Fuzz(func(t *testing.T, key, data []byte, chunk uint16) {
		var msgs [][]byte
		for start, i := 0, 0; i <= len(data); i++ {
			if i == len(data) || data[i] == 'x' {
				msgs = append(msgs, data[start:i])
				start = i + 1
			}
		}
		checkAgree(t, key, msgs, 1+int(chunk))
	})
}
