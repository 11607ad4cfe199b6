// Package cbuf gives the tests of cgo bindings input buffers whose end
// AddressSanitizer can see.
//
// Go memory is not poisoned for ASan: a C kernel that reads one byte past
// a Go slice reads Go heap (the slack of a size class, or the next object)
// and ASan stays silent. So in an ASan build, Exact copies a slice into C
// memory malloc'd to exactly its length, which ASan guards with a redzone.
// The asan config of .bazelrc selects that variant with the Go build tag
// clib_asan (--@io_bazel_rules_go//go/config:tags=clib_asan); every other
// build gets the slice itself, so the zero-copy path over Go memory stays
// what the tests exercise.
package cbuf
