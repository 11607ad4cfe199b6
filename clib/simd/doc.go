// Package simd exposes the byte-level kernels of clib/simd to Go: byte-set
// scans (the way a parser finds delimiters), buffer comparison and byte
// counting.
//
// Two implementations satisfy [Kernels]: [Pure], in Go, and [Native], the C
// library with runtime CPU dispatch (AVX-512VBMI, AVX-512BW, AVX2, SSE4.2
// or scalar; see [Impl]). With cgo disabled (rules_go pure mode,
// CGO_ENABLED=0) Native is Pure. Both give identical results and errors.
// The top-level functions forward to Native.
//
// A cgo call costs tens of nanoseconds, which small inputs do not repay, so
// Native runs a call in C only from a measured size on and in Pure below it;
// where Go's own assembly is as fast as C at every size (Compare and
// CountByte) Native stays in Go, and IndexAny with a one-byte set, which
// Pure hands to bytes.IndexByte, goes to C only from 64 KiB.
// docs/benchmarks.md has the figures. [AlwaysNative] runs every call in C, for tests that must reach
// the C library and for measuring the crossovers on another machine. Native
// calls copy nothing: slices are passed to C as
// pointers and C keeps no reference after returning.
package simd
