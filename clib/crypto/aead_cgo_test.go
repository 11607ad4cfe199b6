//go:build cgo

package crypto

import (
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

func init() {
	forceNativeAEAD = func(tb testing.TB) {
		saved := aeadNativeFrom
		aeadNativeFrom = [len(aeadNativeFrom)]int{}
		tb.Cleanup(func() { aeadNativeFrom = saved })
	}
}

// TestAEADDispatchBySize checks that NativeAEAD runs a message in C from
// aeadNativeFrom on, and in Go below it: with the pool emptied, a call
// that reaches C has to make a context, which liveCAEADs counts.
func TestAEADDispatchBySize(t *testing.T) {
	for _, alg := range aeadAlgs {
		a := newAEAD(t, NativeAEAD, alg, make([]byte, AEADKeySize))
		pool := a.(*cAEAD).pool
		held, err := pool.get()
		require.NoError(t, err)
		defer pool.put(held)
		from := aeadNativeFrom[alg]
		nonce := make([]byte, AEADNonceSize)
		before := liveCAEADs.Load()

		small, err := a.Seal(nil, nonce, make([]byte, from-1), nil)
		require.NoError(t, err)
		_, err = a.Open(nil, nonce, small, nil)
		require.NoError(t, err)
		_, err = a.SealBatch([][]byte{nonce, nonce}, [][]byte{make([]byte, from-2), make([]byte, from)}, nil)
		require.NoError(t, err)
		require.Equal(t, before, liveCAEADs.Load(), "%v: a message below %d bytes reached C", alg, from)

		large, err := a.Seal(nil, nonce, make([]byte, from), nil)
		require.NoError(t, err)
		require.Equal(t, before+1, liveCAEADs.Load(), "%v: a message of %d bytes did not reach C", alg, from)
		_, err = a.Open(nil, nonce, large, nil)
		require.NoError(t, err)
		require.Equal(t, before+1, liveCAEADs.Load(), "%v: the context was not reused", alg)
	}
}

// TestAlwaysNativeAEAD checks that AlwaysNativeAEAD runs even a one-byte
// message in C, seen as in TestAEADDispatchBySize.
func TestAlwaysNativeAEAD(t *testing.T) {
	for _, alg := range aeadAlgs {
		a := newAEAD(t, AlwaysNativeAEAD, alg, make([]byte, AEADKeySize))
		held, err := a.(*cAEAD).pool.get()
		require.NoError(t, err)
		before := liveCAEADs.Load()
		_, err = a.Seal(nil, make([]byte, AEADNonceSize), []byte{1}, nil)
		require.NoError(t, err)
		require.Equal(t, before+1, liveCAEADs.Load(), "%v: a one-byte message did not reach C", alg)
		a.(*cAEAD).pool.put(held)
	}
}

// BenchmarkAEADCrossover seals one message per call, in C (forced) and in
// Go, across the sizes where the two cross: the measurement behind
// aeadNativeFrom. Skipped unless CRYPTO_CROSSOVER=1, like
// BenchmarkBatchCrossover.
func BenchmarkAEADCrossover(b *testing.B) {
	if os.Getenv("CRYPTO_CROSSOVER") != "1" {
		b.Skip("set CRYPTO_CROSSOVER=1 to run")
	}
	forceNativeAEAD(b)
	nonce := make([]byte, AEADNonceSize)
	for _, alg := range aeadAlgs {
		for _, be := range benchAEADBackends {
			a, err := be.NewAEAD(alg, benchKey)
			require.NoError(b, err)
			for _, size := range []int{512, 1024, 1536, 2048, 3072, 4096, 6144, 8192} {
				buf := make([]byte, size+AEADOverhead)
				b.Run(fmt.Sprintf("%v/%s/%dB", alg, be.impl, size), func(b *testing.B) {
					for b.Loop() {
						if _, err := a.Seal(buf[:0], nonce, buf[:size], nil); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			a.Close()
		}
	}
}
