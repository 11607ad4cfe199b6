package crypto

import (
	"fmt"
	"testing"
)

// Benchmarks are named Benchmark<Func>/<impl>/<size or batch>, which
// tools/bench/clib parses into docs/benchmarks.md. Impls: c-openssl
// (Native) and go-stdlib (Pure: crypto/sha256 and crypto/hmac).

var benchBackends = []struct {
	impl string
	Backend
}{{"c-openssl", Native}, {"go-stdlib", Pure}}

var benchKey = []byte("0123456789abcdef0123456789abcdef")

func BenchmarkSHA256(b *testing.B) {
	benchOneShot(b, func(be Backend, data []byte) { _, _ = be.SHA256(data) })
}

func BenchmarkHMACSHA256(b *testing.B) {
	benchOneShot(b, func(be Backend, data []byte) { _, _ = be.HMACSHA256(benchKey, data) })
}

func benchOneShot(b *testing.B, run func(Backend, []byte)) {
	for _, be := range benchBackends {
		for _, s := range []struct {
			name string
			n    int
		}{{"64B", 64}, {"4KiB", 4 << 10}, {"1MiB", 1 << 20}} {
			data := make([]byte, s.n)
			b.Run(be.impl+"/"+s.name, func(b *testing.B) {
				b.SetBytes(int64(s.n))
				for b.Loop() {
					run(be.Backend, data)
				}
			})
		}
	}
}

// The batch benchmarks hash 64-byte messages and report ns/item; the
// go-stdlib rows are Go's per-message loop.
func BenchmarkSHA256Batch(b *testing.B) {
	benchBatch(b, func(be Backend, msgs [][]byte) { _, _ = be.SHA256Batch(msgs) })
}

func BenchmarkHMACSHA256Batch(b *testing.B) {
	benchBatch(b, func(be Backend, msgs [][]byte) { _, _ = be.HMACSHA256Batch(benchKey, msgs) })
}

func benchBatch(b *testing.B, run func(Backend, [][]byte)) {
	for _, be := range benchBackends {
		for _, n := range []int{1, 16, 1024} {
			msgs := make([][]byte, n)
			for i := range msgs {
				msgs[i] = make([]byte, 64)
			}
			b.Run(fmt.Sprintf("%s/n=%d", be.impl, n), func(b *testing.B) {
				b.SetBytes(int64(64 * n))
				for b.Loop() {
					run(be.Backend, msgs)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/item")
			})
		}
	}
}
