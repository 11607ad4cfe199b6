package crypto

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"example.com/starter/clib/internal/cbuf"
)

var aeadBackends = []struct {
	name string
	AEADBackend
}{{"pure", PureAEAD}, {"native", NativeAEAD}}

// forceNativeAEAD makes NativeAEAD run every message in C until the test
// ends, short ones included, which it otherwise hands to the pure-Go twin
// (aeadNativeFrom): the tests below compare C with Go. A no-op without
// cgo, where Native is Pure.
var forceNativeAEAD = func(testing.TB) {}

var aeadAlgs = []AEADAlgorithm{AES256GCM, ChaCha20Poly1305}

// aeadVectors: NIST CAVP gcmEncryptExtIV256 (PTlen=408 AADlen=160
// Count=0) and RFC 8439 2.8.2. The C tests (aead_test.c) have more.
var aeadVectors = []struct {
	alg                          AEADAlgorithm
	key, nonce, aad, pt, ct, tag string
}{
	{AES256GCM, "24501ad384e473963d476edcfe08205237acfd49b5b8f33857f8114e863fec7f",
		"9ff18563b978ec281b3f2794", "adb5ec720ccf9898500028bf34afccbcaca126ef",
		"27f348f9cdc0c5bd5e66b1ccb63ad920ff2219d14e8d631b3872265cf117ee86757accb158bd9abb3868fdc0d0b074b5f01b2c",
		"eb7cb754c824e8d96f7c6d9b76c7d26fb874ffbf1d65c6f64a698d839b0b06145dae82057ad55994cf59ad7f67c0fa5e85fab8",
		"bc95c532fecc594c36d1550286a7a3f0"},
	{ChaCha20Poly1305, "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
		"070000004041424344454647", "50515253c0c1c2c3c4c5c6c7",
		"4c616469657320616e642047656e746c656d656e206f662074686520636c617373206f66202739393a204966204920636f756c64206f6666657220796f75206f6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73637265656e20776f756c642062652069742e",
		"d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116",
		"1ae10b594f09e26a7e902ecbd0600691"},
}

func newAEAD(t testing.TB, be AEADBackend, alg AEADAlgorithm, key []byte) AEAD {
	t.Helper()
	a, err := be.NewAEAD(alg, key)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, a.Close()) })
	return a
}

func TestAEADVectors(t *testing.T) {
	forceNativeAEAD(t)
	for _, be := range aeadBackends {
		for _, v := range aeadVectors {
			t.Run(be.name+"/"+v.alg.String(), func(t *testing.T) {
				a := newAEAD(t, be, v.alg, unhex(t, v.key))
				require.Equal(t, v.alg, a.Algorithm())
				nonce, aad, pt := cbuf.Exact(t, unhex(t, v.nonce)), cbuf.Exact(t, unhex(t, v.aad)), cbuf.Exact(t, unhex(t, v.pt))
				want := append(unhex(t, v.ct), unhex(t, v.tag)...)
				sealed, err := a.Seal(nil, nonce, pt, aad)
				require.NoError(t, err)
				require.Equal(t, want, sealed)
				opened, err := a.Open([]byte("prefix"), nonce, cbuf.Exact(t, want), aad)
				require.NoError(t, err)
				require.Equal(t, append([]byte("prefix"), pt...), opened)
			})
		}
	}
}

// TestAEADTamperingFailsAndReleasesNothing flips one bit at a time in the
// ciphertext, the tag, the nonce and the AAD: every open must fail with
// ErrAuth and leave zeros, not plaintext, in the space it would have used.
func TestAEADTamperingFailsAndReleasesNothing(t *testing.T) {
	forceNativeAEAD(t)
	for _, be := range aeadBackends {
		for _, v := range aeadVectors {
			t.Run(be.name+"/"+v.alg.String(), func(t *testing.T) {
				a := newAEAD(t, be, v.alg, unhex(t, v.key))
				nonce, aad := unhex(t, v.nonce), unhex(t, v.aad)
				sealed := append(unhex(t, v.ct), unhex(t, v.tag)...)
				for part, b := range map[string][]byte{"ciphertext": sealed[:len(sealed)-AEADOverhead], "tag": sealed[len(sealed)-AEADOverhead:], "nonce": nonce, "aad": aad} {
					for i := range b {
						b[i] ^= 0x10
						dst := bytes.Repeat([]byte{0x5a}, len(sealed))
						got, err := a.Open(dst[:0], nonce, sealed, aad)
						b[i] ^= 0x10
						require.ErrorIs(t, err, ErrAuth, "%s byte %d flipped", part, i)
						require.Nil(t, got)
						require.Equal(t, make([]byte, len(sealed)-AEADOverhead), dst[:len(sealed)-AEADOverhead],
							"%s byte %d flipped: plaintext released", part, i)
					}
				}
			})
		}
	}
}

// TestAEADDifferential seals random messages with both backends, which
// must agree byte for byte and open each other's output, one by one,
// in place and in batches (message sizes either side of packThreshold).
func TestAEADDifferential(t *testing.T) {
	forceNativeAEAD(t)
	rng := rand.New(rand.NewPCG(1, 2))
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	for _, alg := range aeadAlgs {
		key := random(AEADKeySize)
		native, pure := newAEAD(t, NativeAEAD, alg, key), newAEAD(t, PureAEAD, alg, key)
		var nonces, msgs [][]byte
		for _, n := range []int{0, 1, 15, 16, 17, 63, 64, 1000, 1023, 1024, 1025, 4096, 65536 + 3} {
			nonce, msg, aad := random(AEADNonceSize), random(n), random(n%37)
			nonces, msgs = append(nonces, nonce), append(msgs, msg)
			want, err := pure.Seal(nil, nonce, msg, aad)
			require.NoError(t, err)
			got, err := native.Seal(nil, cbuf.Exact(t, nonce), cbuf.Exact(t, msg), cbuf.Exact(t, aad))
			require.NoError(t, err)
			require.Equal(t, want, got, "%v, %d bytes", alg, n)

			opened, err := pure.Open(nil, nonce, got, aad)
			require.NoError(t, err)
			require.True(t, bytes.Equal(msg, opened), "%v, %d bytes", alg, n)

			// In place: dst is the message's own memory.
			work := make([]byte, n, n+AEADOverhead)
			copy(work, msg)
			sealed, err := native.Seal(work[:0], nonce, work, aad)
			require.NoError(t, err)
			require.Equal(t, want, sealed)
			opened, err = native.Open(sealed[:0], nonce, sealed, aad)
			require.NoError(t, err)
			require.True(t, bytes.Equal(msg, opened), "%v, %d bytes in place", alg, n)
		}
		aad := random(20)
		for _, be := range []AEAD{native, pure} {
			sealed, err := be.SealBatch(nonces, msgs, aad)
			require.NoError(t, err)
			for i := range msgs {
				want, err := pure.Seal(nil, nonces[i], msgs[i], aad)
				require.NoError(t, err)
				require.Equal(t, want, sealed[i], "batch message %d", i)
			}
			opened, err := be.OpenBatch(nonces, sealed, aad)
			require.NoError(t, err)
			require.Equal(t, len(msgs), len(opened))
			for i := range msgs {
				require.True(t, bytes.Equal(msgs[i], opened[i]), "batch message %d", i)
			}
			sealed[7][2] ^= 1
			opened, err = be.OpenBatch(nonces, sealed, aad)
			require.ErrorIs(t, err, ErrAuth)
			require.ErrorContains(t, err, "message 7 of the batch")
			require.Nil(t, opened)
		}
	}
}

// TestAEADErrorsMatch checks that both backends refuse the same bad
// arguments with the same error, and write nothing when they do.
func TestAEADErrorsMatch(t *testing.T) {
	forceNativeAEAD(t)
	key := make([]byte, AEADKeySize)
	nonce := make([]byte, AEADNonceSize)
	for _, be := range aeadBackends {
		_, err := be.NewAEAD(AES256GCM, key[:16])
		require.ErrorIs(t, err, ErrInvalidArgument)
		_, err = be.NewAEAD(AEADAlgorithm(7), key)
		require.ErrorIs(t, err, ErrInvalidArgument)
	}
	buf := make([]byte, 64)
	cases := []struct {
		name string
		call func(AEAD) ([]byte, error)
		want error
	}{
		{"short nonce", func(a AEAD) ([]byte, error) { return a.Seal(nil, nonce[:8], buf[:4], nil) }, ErrInvalidArgument},
		{"long nonce", func(a AEAD) ([]byte, error) { return a.Open(nil, buf[:13], buf[:20], nil) }, ErrInvalidArgument},
		{"shorter than a tag", func(a AEAD) ([]byte, error) { return a.Open(nil, nonce, buf[:15], nil) }, ErrInvalidArgument},
		{"inexact overlap", func(a AEAD) ([]byte, error) { return a.Seal(buf[:1], nonce, buf[:8], nil) }, ErrInvalidArgument},
		{"output over the nonce", func(a AEAD) ([]byte, error) { return a.Seal(buf[:0], buf[4:16], buf[32:40], nil) }, ErrInvalidArgument},
		{"output over the aad", func(a AEAD) ([]byte, error) { return a.Seal(buf[:0], nonce, buf[40:48], buf[10:12]) }, ErrInvalidArgument},
		{"nonces and messages differ", func(a AEAD) ([]byte, error) {
			_, err := a.SealBatch([][]byte{nonce}, [][]byte{buf, buf}, nil)
			return nil, err
		}, ErrInvalidArgument},
		{"batch too large", func(a AEAD) ([]byte, error) {
			_, err := a.SealBatch(make([][]byte, MaxBatch+1), make([][]byte, MaxBatch+1), nil)
			return nil, err
		}, ErrBatchTooLarge},
		{"bad message in a batch", func(a AEAD) ([]byte, error) {
			_, err := a.OpenBatch([][]byte{nonce, nonce}, [][]byte{buf[:20], buf[:3]}, nil)
			return nil, err
		}, ErrInvalidArgument},
	}
	for _, alg := range aeadAlgs {
		for _, tc := range cases {
			var msgs []string
			for _, be := range aeadBackends {
				a := newAEAD(t, be, alg, key)
				for i := range buf {
					buf[i] = 0x5a
				}
				got, err := tc.call(a)
				require.ErrorIs(t, err, tc.want, "%s, %s, %v", tc.name, be.name, alg)
				require.Nil(t, got)
				require.Equal(t, bytes.Repeat([]byte{0x5a}, len(buf)), buf, "%s, %s: written", tc.name, be.name)
				msgs = append(msgs, err.Error())
			}
			require.Equal(t, msgs[0], msgs[1], "%s: the backends' errors differ", tc.name)
		}
	}
}

func TestAEADAfterClose(t *testing.T) {
	for _, be := range aeadBackends {
		a, err := be.NewAEAD(ChaCha20Poly1305, make([]byte, AEADKeySize))
		require.NoError(t, err)
		require.NoError(t, a.Close())
		require.NoError(t, a.Close())
		_, err = a.Seal(nil, make([]byte, AEADNonceSize), nil, nil)
		require.ErrorIs(t, err, ErrInvalidArgument, be.name)
		_, err = a.OpenBatch(nil, nil, nil)
		require.ErrorIs(t, err, ErrInvalidArgument, be.name)
	}
}

// TestAEADConcurrentUse seals and opens on one AEAD from many goroutines
// (run it with -race): each call must see its own context.
func TestAEADConcurrentUse(t *testing.T) {
	forceNativeAEAD(t)
	for _, be := range aeadBackends {
		a := newAEAD(t, be, AES256GCM, bytes.Repeat([]byte{3}, AEADKeySize))
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for g := range 16 {
			wg.Go(func() {
				nonce := make([]byte, AEADNonceSize)
				nonce[0] = byte(g)
				msg := bytes.Repeat([]byte{byte(g)}, 100+g)
				for range 200 {
					sealed, err := a.Seal(nil, nonce, msg, nil)
					if err == nil {
						var opened []byte
						opened, err = a.Open(nil, nonce, sealed, nil)
						if err == nil && !bytes.Equal(opened, msg) {
							err = fmt.Errorf("goroutine %d: wrong plaintext", g)
						}
					}
					if err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err, be.name)
		}
	}
}
