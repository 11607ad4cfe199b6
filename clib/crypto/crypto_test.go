package crypto

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"example.com/starter/clib/internal/cbuf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var backends = []struct {
	name string
	Backend
}{{"pure", Pure}, {"native", Native}, {"always-native", AlwaysNative}}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

// FIPS 180-4 example messages (NIST CSRC "Examples with intermediate
// values") and the one-million-'a' message.
var shaVectors = []struct{ msg, digest string }{
	{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	{"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
	{strings.Repeat("a", 1000000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
}

// RFC 4231 test cases 1-7; case 5's MAC is truncated to 128 bits.
var hmacVectors = []struct{ key, data, mac string }{
	{strings.Repeat("0b", 20), "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
	{"4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
	{strings.Repeat("aa", 20), strings.Repeat("dd", 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
	{"0102030405060708090a0b0c0d0e0f10111213141516171819", strings.Repeat("cd", 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
	{strings.Repeat("0c", 20), "546573742057697468205472756e636174696f6e", "a3b6167473100ee06e0c796c2955552b"},
	{strings.Repeat("aa", 131), hex.EncodeToString([]byte("Test Using Larger Than Block-Size Key - Hash Key First")), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
	{strings.Repeat("aa", 131), hex.EncodeToString([]byte("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.")), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
}

func TestSHA256Vectors(t *testing.T) {
	for _, b := range backends {
		var msgs [][]byte
		for _, v := range shaVectors {
			msgs = append(msgs, []byte(v.msg))
			got, err := b.SHA256([]byte(v.msg))
			require.NoError(t, err)
			assert.Equal(t, v.digest, hex.EncodeToString(got[:]), "%s len %d", b.name, len(v.msg))
			assert.Equal(t, sha256.Sum256([]byte(v.msg)), got)
		}
		got, err := b.SHA256Batch(msgs)
		require.NoError(t, err)
		for i, v := range shaVectors {
			assert.Equal(t, v.digest, hex.EncodeToString(got[i][:]), "%s batch %d", b.name, i)
		}
	}
}

func TestHMACVectors(t *testing.T) {
	for _, b := range backends {
		for i, v := range hmacVectors {
			key, data := unhex(t, v.key), unhex(t, v.data)
			got, err := b.HMACSHA256(key, data)
			require.NoError(t, err)
			assert.Equal(t, v.mac, hex.EncodeToString(got[:len(v.mac)/2]), "%s case %d", b.name, i+1)
			batch, err := b.HMACSHA256Batch(key, [][]byte{data, data})
			require.NoError(t, err)
			assert.Equal(t, [][Size]byte{got, got}, batch)
		}
	}
}

// TestEmptyInputs covers nil and empty keys, messages and batches, which
// reach C as NULL pointers.
func TestEmptyInputs(t *testing.T) {
	mac := hmac.New(sha256.New, nil)
	wantMAC := [Size]byte(mac.Sum(nil))
	for _, b := range backends {
		for _, key := range [][]byte{nil, {}} {
			got, err := b.HMACSHA256(key, nil)
			require.NoError(t, err)
			assert.Equal(t, wantMAC, got, b.name)
		}
		out, err := b.SHA256Batch(nil)
		require.NoError(t, err)
		assert.Equal(t, [][Size]byte{}, out)
		out, err = b.SHA256Batch([][]byte{nil, {}, []byte("x")})
		require.NoError(t, err)
		assert.Equal(t, [][Size]byte{sha256.Sum256(nil), sha256.Sum256(nil), sha256.Sum256([]byte("x"))}, out)
	}
}

func TestBatchLimit(t *testing.T) {
	msgs := make([][]byte, MaxBatch+1)
	for _, b := range backends {
		_, err := b.SHA256Batch(msgs)
		assert.ErrorIs(t, err, ErrBatchTooLarge, b.name)
		_, err = b.HMACSHA256Batch([]byte("k"), msgs)
		assert.ErrorIs(t, err, ErrBatchTooLarge, b.name)
		out, err := b.SHA256Batch(msgs[:MaxBatch])
		require.NoError(t, err)
		assert.Len(t, out, MaxBatch)
	}
}

func TestHasherAfterClose(t *testing.T) {
	for _, b := range backends {
		for _, newHasher := range []func() (Hasher, error){b.NewSHA256, func() (Hasher, error) { return b.NewHMACSHA256([]byte("k")) }} {
			h, err := newHasher()
			require.NoError(t, err)
			require.NoError(t, h.Close())
			_, err = h.Write([]byte("x"))
			assert.ErrorIs(t, err, ErrInvalidArgument, b.name)
			_, err = h.Sum()
			assert.ErrorIs(t, err, ErrInvalidArgument, b.name)
			assert.NoError(t, h.Close(), "a second Close is a no-op")
		}
	}
}

// newHashers lists a way to make each kind of Hasher of each backend.
func newHashers() map[string]func() (Hasher, error) {
	m := map[string]func() (Hasher, error){}
	for _, b := range backends {
		m[b.name+"/sha256"] = b.NewSHA256
		m[b.name+"/hmac"] = func() (Hasher, error) { return b.NewHMACSHA256([]byte("k")) }
	}
	return m
}

// TestHasherGuard holds a Hasher's guard as an in-progress call would, and
// checks that every call made meanwhile panics, deterministically; after
// the call ends the Hasher works again.
func TestHasherGuard(t *testing.T) {
	for name, newHasher := range newHashers() {
		t.Run(name, func(t *testing.T) {
			h, err := newHasher()
			require.NoError(t, err)
			g := h.(interface {
				enter() error
				exit()
			})
			require.NoError(t, g.enter())
			assert.PanicsWithValue(t, errConcurrent, func() { _, _ = h.Write([]byte("x")) })
			assert.PanicsWithValue(t, errConcurrent, func() { _, _ = h.Sum() })
			assert.PanicsWithValue(t, errConcurrent, func() { _ = h.Close() })
			g.exit()
			_, err = h.Write([]byte("abc"))
			require.NoError(t, err)
			got, err := h.Sum()
			require.NoError(t, err)
			if strings.HasSuffix(name, "/sha256") {
				assert.Equal(t, sha256.Sum256([]byte("abc")), got, "the refused calls fed nothing")
			}
			require.NoError(t, h.Close())
		})
	}
}

// TestHasherConcurrentWritesPanic shares one Hasher between 64 goroutines
// writing to it, the misuse that used to give wrong digests silently: some
// Write must panic with errConcurrent. Writes go on until one does, within
// a bound, so the test does not depend on the scheduler's luck.
func TestHasherConcurrentWritesPanic(t *testing.T) {
	data := bytes.Repeat([]byte("x"), 1<<16)
	for name, newHasher := range newHashers() {
		t.Run(name, func(t *testing.T) {
			h, err := newHasher()
			require.NoError(t, err)
			var panics atomic.Int64
			var other atomic.Value
			deadline := time.Now().Add(20 * time.Second)
			var wg sync.WaitGroup
			for range 64 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for panics.Load() == 0 && time.Now().Before(deadline) {
						func() {
							defer func() {
								switch r := recover(); r {
								case nil:
								case errConcurrent:
									panics.Add(1)
								default:
									other.Store(r)
								}
							}()
							_, _ = h.Write(data)
						}()
					}
				}()
			}
			wg.Wait()
			assert.Nil(t, other.Load(), "an unexpected panic")
			assert.NotZero(t, panics.Load(), "64 goroutines wrote to one Hasher and none was stopped")
			require.NoError(t, h.Close())
		})
	}
}

// TestHasherCloseRaces closes a Hasher from goroutines that retry their
// Close until it does not panic, while others write 64 KiB at a time until
// they see it closed. A Close that overlaps a Write must panic rather than
// free the C hasher under it (a use after free, which the asan config
// reports); a Write after the Close must return errClosed; every Close that
// returns returns nil.
func TestHasherCloseRaces(t *testing.T) {
	data := bytes.Repeat([]byte("x"), 1<<16)
	for name, newHasher := range newHashers() {
		t.Run(name, func(t *testing.T) {
			// A bound against a hang, far above the time this takes.
			deadline := time.Now().Add(time.Minute)
			for iter := 0; iter < 10; iter++ {
				h, err := newHasher()
				require.NoError(t, err)
				var unexpected atomic.Value
				// try calls f and reports whether it panicked with
				// errConcurrent, and its error; any other panic is unexpected.
				try := func(f func() error) (concurrent bool, err error) {
					defer func() {
						if r := recover(); r == errConcurrent {
							concurrent = true
						} else if r != nil {
							unexpected.Store(r)
						}
					}()
					return false, f()
				}
				write := func() error { _, err := h.Write(data); return err }
				var wg sync.WaitGroup
				for i := range 8 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for time.Now().Before(deadline) {
							if i%2 == 0 { // a closer
								if concurrent, err := try(h.Close); !concurrent {
									if err != nil {
										unexpected.Store(err)
									}
									return
								}
							} else if _, err := try(write); err != nil { // a writer
								if err != errClosed {
									unexpected.Store(err)
								}
								return
							}
						}
						unexpected.Store("deadline passed")
					}()
				}
				wg.Wait()
				require.Nil(t, unexpected.Load())
				_, err = h.Write(data)
				require.ErrorIs(t, err, errClosed)
				require.NoError(t, h.Close())
			}
		})
	}
}

// TestNativeMatchesPure is the differential test: random keys, messages
// (sub-slices of one buffer, so several share an allocation), batches and
// stream chunkings.
func TestNativeMatchesPure(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	buf := make([]byte, 1<<16)
	for i := range buf {
		buf[i] = byte(rng.Uint32())
	}
	slice := func(max int) []byte {
		off := rng.IntN(len(buf) - max)
		return buf[off : off+rng.IntN(max+1)]
	}
	for iter := 0; iter < 200; iter++ {
		key := slice(200)
		msgs := make([][]byte, rng.IntN(40))
		for i := range msgs {
			msgs[i] = slice(3000)
		}
		checkAgree(t, key, msgs, 1+rng.IntN(700))
	}
}

// checkAgree asserts that the C library (AlwaysNative, so that no call is
// dispatched to Go) and Pure agree on every call for key and msgs,
// streaming in chunks of the given size. In ASan builds the key and
// messages are exact-length C copies (see cbuf): the one-shot calls, the
// streams and the pinned messages of a batch are read in place, so ASan
// sees a read past their end (a batch's packed messages are copied into Go
// memory first).
func checkAgree(t *testing.T, key []byte, msgs [][]byte, chunk int) {
	t.Helper()
	key = cbuf.Exact(t, key)
	msgs = slices.Clone(msgs)
	for i, m := range msgs {
		msgs[i] = cbuf.Exact(t, m)
	}
	for _, m := range msgs {
		want, _ := Pure.SHA256(m)
		got, err := AlwaysNative.SHA256(m)
		require.NoError(t, err)
		require.Equal(t, want, got)
		want, _ = Pure.HMACSHA256(key, m)
		got, err = AlwaysNative.HMACSHA256(key, m)
		require.NoError(t, err)
		require.Equal(t, want, got)
	}
	wantBatch, _ := Pure.SHA256Batch(msgs)
	gotBatch, err := AlwaysNative.SHA256Batch(msgs)
	require.NoError(t, err)
	require.Equal(t, wantBatch, gotBatch)
	wantBatch, _ = Pure.HMACSHA256Batch(key, msgs)
	gotBatch, err = AlwaysNative.HMACSHA256Batch(key, msgs)
	require.NoError(t, err)
	require.Equal(t, wantBatch, gotBatch)

	stream := cbuf.Exact(t, bytes.Join(msgs, nil))
	for _, newHashers := range []func(Backend) (Hasher, error){
		Backend.NewSHA256,
		func(b Backend) (Hasher, error) { return b.NewHMACSHA256(key) },
	} {
		want, _ := newHashers(Pure)
		got, err := newHashers(AlwaysNative)
		require.NoError(t, err)
		for rest := stream; len(rest) > 0; rest = rest[min(chunk, len(rest)):] {
			p := rest[:min(chunk, len(rest))]
			_, _ = want.Write(p)
			n, err := got.Write(p)
			require.NoError(t, err)
			require.Equal(t, len(p), n)
			wantSum, _ := want.Sum()
			gotSum, err := got.Sum()
			require.NoError(t, err)
			require.Equal(t, wantSum, gotSum)
		}
		wantSum, _ := want.Sum()
		gotSum, err := got.Sum()
		require.NoError(t, err)
		require.Equal(t, wantSum, gotSum)
		require.NoError(t, want.Close())
		require.NoError(t, got.Close())
	}
}
