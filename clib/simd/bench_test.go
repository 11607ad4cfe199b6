package simd

import (
	"bytes"
	"testing"
)

// Benchmarks are named Benchmark<Kernel>/<impl>/<size>, which
// tools/bench/clib parses into docs/benchmarks.md. Impls:
//
//	c-simd    the C kernel of the best implementation, through cgo, at
//	          every size (forceC)
//	c-scalar  the scalar C kernel, through cgo, at every size
//	binding   the package-level function, as callers get it: C from the
//	          kernel's crossover (nativeFrom) on, Pure below it; Native
//	          runs the same code after one more indirect call
//	go-stdlib the standard library's equivalent (bytes.IndexAny, ...)
//	go-pure   Pure
//
// Data is lowercase text without matches (scans run to the end), except
// for IndexAllAny, whose input has a delimiter every 32 bytes.

var benchSizes = []struct {
	name string
	n    int
}{{"64B", 64}, {"4KiB", 4 << 10}, {"1MiB", 1 << 20}}

// benchSet is the delimiter set of a CSV/JSON-ish tokenizer.
var benchSet = []byte(",;\t\n\"\\{}")

// benchCase is one implementation of a kernel, run on a and b (b is a copy
// of a, for Compare).
type benchCase struct {
	impl string
	run  func(a, b []byte)
}

func text(n, delimEvery int) []byte {
	data := make([]byte, n)
	for i := range data {
		data[i] = 'a' + byte(i%26)
		if delimEvery > 0 && i%delimEvery == delimEvery-1 {
			data[i] = ','
		}
	}
	return data
}

func runBench(b *testing.B, delimEvery int, cases []benchCase) {
	// Every impl reads the same buffers, so that where a buffer lands
	// (alignment, page colouring, huge pages) is not part of a comparison.
	// With a buffer per impl, rows that run identical code at 1 MiB
	// differed by up to 14% (docs/benchmarks.md on a3e1b6f).
	inputs := make([][2][]byte, len(benchSizes))
	for i, s := range benchSizes {
		a := text(s.n, delimEvery)
		inputs[i] = [2][]byte{a, bytes.Clone(a)}
	}
	for _, c := range cases {
		b.Run(c.impl, func(b *testing.B) {
			if c.impl == "c-simd" || c.impl == "c-scalar" {
				if !HasNative() {
					b.Skip("cgo is off")
				}
				forceC(b)
				if c.impl == "c-scalar" {
					if err := ForceImpl("scalar"); err != nil {
						b.Fatal(err)
					}
					defer ResetImpl()
				}
			}
			for i, s := range benchSizes {
				a, other := inputs[i][0], inputs[i][1]
				b.Run(s.name, func(b *testing.B) {
					b.SetBytes(int64(s.n))
					for b.Loop() {
						c.run(a, other)
					}
				})
			}
		})
	}
}

func BenchmarkIndexAny(b *testing.B) {
	chars := string(benchSet)
	inC := func(a, _ []byte) { _, _ = Native.IndexAny(a, benchSet) }
	runBench(b, 0, []benchCase{
		{"c-simd", inC},
		{"c-scalar", inC},
		{"binding", func(a, _ []byte) { _, _ = IndexAny(a, benchSet) }},
		{"go-stdlib", func(a, _ []byte) { bytes.IndexAny(a, chars) }},
		{"go-pure", func(a, _ []byte) { _, _ = Pure.IndexAny(a, benchSet) }},
	})
}

func BenchmarkIndexAllAny(b *testing.B) {
	dst := make([]int, 0, 1<<20/32+1) // preallocated: measure the scan, not append
	chars := string(benchSet)
	inC := func(a, _ []byte) { dst, _ = Native.IndexAllAny(a, benchSet, dst[:0]) }
	runBench(b, 32, []benchCase{
		{"c-simd", inC},
		{"c-scalar", inC},
		{"binding", func(a, _ []byte) { dst, _ = IndexAllAny(a, benchSet, dst[:0]) }},
		{"go-stdlib", func(a, _ []byte) { // the stdlib idiom: IndexAny in a loop
			dst = dst[:0]
			for i := 0; ; {
				j := bytes.IndexAny(a[i:], chars)
				if j < 0 {
					break
				}
				dst = append(dst, i+j)
				i += j + 1
			}
		}},
		{"go-pure", func(a, _ []byte) { dst, _ = Pure.IndexAllAny(a, benchSet, dst[:0]) }},
	})
}

func BenchmarkCompare(b *testing.B) {
	inC := func(a, o []byte) { Native.Compare(a, o) }
	runBench(b, 0, []benchCase{
		{"c-simd", inC},
		{"c-scalar", inC},
		{"binding", func(a, o []byte) { Compare(a, o) }},
		{"go-stdlib", func(a, o []byte) { bytes.Equal(a, o) }},
		{"go-pure", func(a, o []byte) { Pure.Compare(a, o) }},
	})
}

func BenchmarkCountByte(b *testing.B) {
	inC := func(a, _ []byte) { _, _ = Native.CountByte(a, ',') }
	runBench(b, 0, []benchCase{
		{"c-simd", inC},
		{"c-scalar", inC},
		{"binding", func(a, _ []byte) { _, _ = CountByte(a, ',') }},
		{"go-stdlib", func(a, _ []byte) { bytes.Count(a, []byte{','}) }},
	})
}

// BenchmarkMemcpy is the roofline: copy() of the same sizes.
func BenchmarkMemcpy(b *testing.B) {
	runBench(b, 0, []benchCase{{"go-copy", func(a, o []byte) { copy(o, a) }}})
}

// BenchmarkCallOverhead measures a call that does no work (an empty
// buffer): for c-simd that is the cost of crossing cgo, and for binding
// over go-stdlib the cost of Native's size dispatch.
func BenchmarkCallOverhead(b *testing.B) {
	for _, k := range []struct {
		impl string
		call func()
	}{
		{"c-simd", func() { _, _ = Native.CountByte(nil, ',') }},
		{"go-pure", func() { _, _ = Pure.CountByte(nil, ',') }},
		{"binding", func() { _, _ = CountByte(nil, ',') }},
		{"go-stdlib", func() { bytes.Count(nil, []byte{','}) }},
	} {
		b.Run(k.impl, func(b *testing.B) {
			if k.impl == "c-simd" {
				forceC(b) // an empty slice is below every crossover
			}
			for b.Loop() {
				k.call()
			}
		})
	}
}
