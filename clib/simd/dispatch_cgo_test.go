//go:build cgo

package simd

import (
	"fmt"
	"os"
	"testing"
)

func init() {
	forceC = func(tb testing.TB) {
		saved := nativeFrom
		nativeFrom = crossovers{}
		tb.Cleanup(func() { nativeFrom = saved })
	}
}

// BenchmarkCrossover runs one call of each kernel in C (forced) and in
// Pure across the sizes where the two cross: the measurement behind
// nativeFrom. Skipped unless SIMD_CROSSOVER=1, since it takes a while.
func BenchmarkCrossover(b *testing.B) {
	if os.Getenv("SIMD_CROSSOVER") != "1" {
		b.Skip("set SIMD_CROSSOVER=1 to run")
	}
	dst := make([]int, 0, 1<<16)
	oneByte := benchSet[:1]
	for _, k := range []struct {
		impl string
		Kernels
	}{{"c", AlwaysNative}, {"go", Pure}} {
		calls := []struct {
			name string
			run  func(a, b []byte)
		}{
			{"IndexAny", func(a, _ []byte) { _, _ = k.IndexAny(a, benchSet) }},
			{"IndexByte", func(a, _ []byte) { _, _ = k.IndexAny(a, oneByte) }},
			{"IndexAllAny", func(a, _ []byte) { dst, _ = k.IndexAllAny(a, benchSet, dst[:0]) }},
			{"Compare", func(a, o []byte) { k.Compare(a, o) }},
			{"CountByte", func(a, _ []byte) { _, _ = k.CountByte(a, ',') }},
		}
		for _, c := range calls {
			for _, size := range []int{16, 32, 48, 64, 96, 128, 256, 1 << 10, 2 << 10, 4 << 10, 8 << 10, 16 << 10, 32 << 10, 64 << 10, 256 << 10, 1 << 20} {
				delimEvery := 0
				if c.name == "IndexAllAny" {
					delimEvery = 32
				}
				a := text(size, delimEvery)
				o := append([]byte(nil), a...)
				b.Run(fmt.Sprintf("%s/%s/%dB", c.name, k.impl, size), func(b *testing.B) {
					for b.Loop() {
						c.run(a, o)
					}
				})
			}
		}
	}
}
