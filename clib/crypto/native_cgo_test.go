//go:build cgo

package crypto

import (
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// wantBatch is what the C library's batch calls must return for key and msgs:
// crypto/sha256 and crypto/hmac, message by message.
func wantBatch(key []byte, msgs [][]byte) (sha, mac [][Size]byte) {
	for _, m := range msgs {
		sha = append(sha, sha256.Sum256(m))
		h := hmac.New(sha256.New, key)
		h.Write(m)
		mac = append(mac, [Size]byte(h.Sum(nil)))
	}
	return sha, mac
}

// checkNativeBatch checks the C library's batch calls (AlwaysNative, so
// that no batch is dispatched to Go) against wantBatch.
func checkNativeBatch(t *testing.T, key []byte, msgs [][]byte) {
	t.Helper()
	sha, mac := wantBatch(key, msgs)
	got, err := AlwaysNative.SHA256Batch(msgs)
	require.NoError(t, err)
	require.Equal(t, sha, got)
	got, err = AlwaysNative.HMACSHA256Batch(key, msgs)
	require.NoError(t, err)
	require.Equal(t, mac, got)
}

// TestBatchPackThreshold covers the boundary between packed (copied) and
// pinned batch messages: lengths just below, at and above packThreshold,
// alone, all alike, and mixed with empty and short messages in every
// order, including a full MaxBatch batch of mixed messages.
func TestBatchPackThreshold(t *testing.T) {
	require.Equal(t, packThreshold, packLimit)
	rng := rand.New(rand.NewPCG(5, 6))
	buf := make([]byte, 4*packThreshold)
	for i := range buf {
		buf[i] = byte(rng.Uint32())
	}
	key := buf[:40]
	// Sub-slices of buf: several messages share an allocation, and the
	// pinned ones point into its middle.
	msg := func(n int) []byte {
		off := rng.IntN(len(buf) - n + 1)
		return buf[off : off+n : off+n]
	}
	lengths := []int{packThreshold - 1, packThreshold, packThreshold + 1}
	for _, n := range lengths {
		require.True(t, packs(make([]byte, n)) == (n < packThreshold), "length %d", n)
		checkNativeBatch(t, key, [][]byte{msg(n)})
		checkNativeBatch(t, key, [][]byte{msg(n), msg(n), msg(n)})
	}
	// Mixed: every combination of below/at/above with empty (nil and
	// non-nil) and short messages, in shuffled orders.
	pool := [][]byte{nil, {}, msg(1), msg(64)}
	for _, n := range lengths {
		pool = append(pool, msg(n))
	}
	for iter := 0; iter < 50; iter++ {
		msgs := make([][]byte, 1+rng.IntN(3*len(pool)))
		for i := range msgs {
			msgs[i] = pool[rng.IntN(len(pool))]
		}
		checkNativeBatch(t, key, msgs)
	}
	// All packed but empty (no packed bytes at all), and all pinned.
	checkNativeBatch(t, key, [][]byte{nil, {}, nil})
	checkNativeBatch(t, key, [][]byte{msg(packThreshold), msg(2 * packThreshold)})
	// MaxBatch messages cycling through the pool: packed bytes, pinned
	// pointers and empty messages in one call of the largest size.
	msgs := make([][]byte, MaxBatch)
	for i := range msgs {
		msgs[i] = pool[i%len(pool)]
	}
	checkNativeBatch(t, key, msgs)
	_, err := AlwaysNative.SHA256Batch(append(msgs, nil))
	require.ErrorIs(t, err, ErrBatchTooLarge)
}

// TestBatchForcedPaths runs the differential check with every message
// packed and with every non-empty message pinned, whatever its size.
func TestBatchForcedPaths(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	msgs := make([][]byte, 100)
	for i := range msgs {
		msgs[i] = make([]byte, rng.IntN(3*packThreshold))
		for j := range msgs[i] {
			msgs[i][j] = byte(rng.Uint32())
		}
	}
	defer func(l int) { packLimit = l }(packLimit)
	for _, limit := range []int{1, 1 << 30} {
		packLimit = limit
		checkNativeBatch(t, []byte("key"), msgs)
	}
}

// BenchmarkBatchCrossover compares the C binding's two ways of passing a batch
// message to C, packed (copied) and pinned, across message sizes: "prep"
// is the Go side alone (packBatch and Unpin), "call" a whole SHA256Batch
// (which adds cgo's pointer check of the pinned messages and the hashing).
// It is the measurement behind packThreshold, and is skipped unless
// CRYPTO_CROSSOVER=1 so that tools/bench/clib does not spend time on it:
//
//	CRYPTO_CROSSOVER=1 go test -run '^$' -bench BatchCrossover ./clib/crypto/
func BenchmarkBatchCrossover(b *testing.B) {
	if os.Getenv("CRYPTO_CROSSOVER") != "1" {
		b.Skip("set CRYPTO_CROSSOVER=1 to run")
	}
	const n = 64
	for _, what := range []string{"prep", "call"} {
		for _, size := range []int{64, 256, 512, 768, 1024, 2048, 4096} {
			buf := &packBuf{}
			msgs := zeroMessages(n, size)
			out := make([][Size]byte, n)
			for _, path := range []struct {
				name  string
				limit int
			}{{"packed", size + 1}, {"pinned", 1}} {
				b.Run(fmt.Sprintf("%s/%s/%dB", what, path.name, size), func(b *testing.B) {
					defer func(l int) { packLimit = l }(packLimit)
					packLimit = path.limit
					for b.Loop() {
						if what == "prep" {
							var p runtime.Pinner
							_ = packBatch(msgs, out, buf, &p)
							p.Unpin()
						} else if _, err := AlwaysNative.SHA256Batch(msgs); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/item")
				})
			}
		}
	}
}

// TestStatusErrors checks that every failing crypto_status maps to its own
// sentinel, CRYPTO_ERANGE (a length past CRYPTO_MAX_LEN) included, which no
// Go slice can provoke through the API.
func TestStatusErrors(t *testing.T) {
	require.NoError(t, statusError("f", 0))
	mapped := map[error]bool{}
	for st, sentinel := range statusSentinels {
		require.False(t, mapped[sentinel], "%v mapped twice", sentinel)
		mapped[sentinel] = true
		require.ErrorIs(t, statusError("crypto_sha256", st), sentinel)
	}
	for _, sentinel := range []error{ErrInvalidArgument, ErrBatchTooLarge, ErrNoMemory, ErrBackend, ErrTooLong, ErrAuth} {
		require.True(t, mapped[sentinel], "no crypto_status maps to %v", sentinel)
	}
	require.ErrorContains(t, statusError("f", 99), "unexpected status 99")
}

// TestDroppedHasher drops unclosed hashers and checks that their cleanup
// frees every C side (the asan config's leak checker would also report a
// leak), and that Close frees it exactly once.
func TestDroppedHasher(t *testing.T) {
	before := liveCHashers.Load()
	for i := 0; i < 100; i++ {
		h, err := AlwaysNative.NewHMACSHA256([]byte("k"))
		require.NoError(t, err)
		_, err = h.Write([]byte("data"))
		require.NoError(t, err)
	}
	require.Equal(t, before+100, liveCHashers.Load())
	// Cleanups run on their own goroutine after a collection finds the
	// Hashers unreachable: wait for them, within a bound.
	for deadline := time.Now().Add(10 * time.Second); liveCHashers.Load() != before && time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	require.Equal(t, before, liveCHashers.Load(), "dropped hashers whose C side was never freed")

	h, err := AlwaysNative.NewSHA256()
	require.NoError(t, err)
	require.Equal(t, before+1, liveCHashers.Load())
	require.NoError(t, h.Close())
	require.NoError(t, h.Close())
	runtime.GC() // a stopped cleanup must not free it again
	require.Equal(t, before, liveCHashers.Load())
	runtime.KeepAlive(h)
}

// TestDroppedAEAD drops unclosed AEADs and checks that their cleanup frees
// every C context, and that Close frees them too, once, including contexts
// that were in use while it ran.
func TestDroppedAEAD(t *testing.T) {
	before := liveCAEADs.Load()
	for i := 0; i < 50; i++ {
		a, err := NativeAEAD.NewAEAD(AES256GCM, make([]byte, AEADKeySize))
		require.NoError(t, err)
		_, err = a.Seal(nil, make([]byte, AEADNonceSize), []byte("data"), nil)
		require.NoError(t, err)
	}
	for deadline := time.Now().Add(10 * time.Second); liveCAEADs.Load() != before && time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	require.Equal(t, before, liveCAEADs.Load(), "dropped AEADs whose C contexts were never freed")

	a, err := NativeAEAD.NewAEAD(ChaCha20Poly1305, make([]byte, AEADKeySize))
	require.NoError(t, err)
	pool := a.(*cAEAD).pool
	busy, err := pool.get() // a context in use by a call while Close runs
	require.NoError(t, err)
	require.Equal(t, before+1, liveCAEADs.Load())
	busy2, err := pool.get()
	require.NoError(t, err)
	require.Equal(t, before+2, liveCAEADs.Load())
	pool.put(busy2)
	require.NoError(t, a.Close())
	require.Equal(t, before+1, liveCAEADs.Load(), "Close kept an idle context")
	pool.put(busy)
	require.Equal(t, before, liveCAEADs.Load(), "a context given back after Close was kept")
	require.NoError(t, a.Close())
	runtime.GC()
	require.Equal(t, before, liveCAEADs.Load())
}

// BenchmarkDigestCrossover runs every digest call in C and in Go, one-shot
// across message sizes and batched across batch lengths and message sizes:
// the measurement behind digestFrom. Skipped unless CRYPTO_CROSSOVER=1,
// like BenchmarkBatchCrossover.
func BenchmarkDigestCrossover(b *testing.B) {
	if os.Getenv("CRYPTO_CROSSOVER") != "1" {
		b.Skip("set CRYPTO_CROSSOVER=1 to run")
	}
	key := []byte("crossover key")
	for _, be := range []struct {
		impl string
		Backend
	}{{"c", cBackend{}}, {"go", Pure}} {
		for _, size := range []int{64, 1 << 10, 16 << 10, 256 << 10, 1 << 20} {
			data := make([]byte, size)
			b.Run(fmt.Sprintf("SHA256/%s/%dB", be.impl, size), func(b *testing.B) {
				for b.Loop() {
					_, _ = be.SHA256(data)
				}
			})
			b.Run(fmt.Sprintf("HMACSHA256/%s/%dB", be.impl, size), func(b *testing.B) {
				for b.Loop() {
					_, _ = be.HMACSHA256(key, data)
				}
			})
		}
		for _, n := range []int{4, 16, 64, 256, 1024} {
			for _, size := range []int{64, 256, 1024} {
				msgs := zeroMessages(n, size)
				b.Run(fmt.Sprintf("SHA256Batch/%s/n=%d/%dB", be.impl, n, size), func(b *testing.B) {
					for b.Loop() {
						_, _ = be.SHA256Batch(msgs)
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/msg")
				})
				b.Run(fmt.Sprintf("HMACSHA256Batch/%s/n=%d/%dB", be.impl, n, size), func(b *testing.B) {
					for b.Loop() {
						_, _ = be.HMACSHA256Batch(key, msgs)
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/msg")
				})
			}
		}
	}
}
