// Package simd exposes the byte-level kernels of clib/simd to Go.
//
// With cgo enabled the calls go to the C library, zero-copy: slices are
// passed to C as pointers and C keeps no reference after returning. With cgo
// disabled (rules_go pure mode, CGO_ENABLED=0) a pure-Go implementation with
// identical results is used instead.
package simd
