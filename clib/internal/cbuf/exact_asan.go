//go:build cgo && clib_asan

package cbuf

// #include <stdlib.h>
import "C"

import (
	"testing"
	"unsafe"
)

// Exact returns a copy of b in C memory of exactly len(b) bytes, freed when
// tb's test ends. nil stays nil; an empty slice stays empty and non-nil.
func Exact(tb testing.TB, b []byte) []byte {
	if b == nil {
		return nil
	}
	p := C.malloc(C.size_t(len(b)))
	if p == nil {
		if len(b) == 0 {
			return []byte{} // malloc(0) may return NULL
		}
		tb.Fatalf("cbuf: malloc(%d) failed", len(b))
	}
	tb.Cleanup(func() { C.free(p) })
	c := unsafe.Slice((*byte)(p), len(b))
	copy(c, b)
	return c
}
