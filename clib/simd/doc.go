// Package simd exposes the byte-level kernels of clib/simd to Go: byte-set
// scans (the way a parser finds delimiters), buffer comparison and byte
// counting.
//
// Two implementations satisfy [Kernels]: [Pure], in Go, and [Native], the C
// library with runtime CPU dispatch (AVX-512BW, AVX2, SSE4.2 or scalar; see
// [Impl]). With cgo disabled (rules_go pure mode, CGO_ENABLED=0) Native is
// Pure. Both give identical results and errors. The top-level functions
// forward to Native.
//
// Native calls copy nothing: slices are passed to C as pointers and C keeps
// no reference after returning. A cgo call costs tens of nanoseconds, so for
// inputs of a few dozen bytes Pure can be faster; docs/benchmarks.md has the
// figures.
package simd
