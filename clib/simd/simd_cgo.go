//go:build cgo

package simd

// #include "simd.h"
import "C"

import (
	"fmt"
	"unsafe"
)

// CountByte returns the number of bytes in data equal to value.
func CountByte(data []byte, value byte) (int, error) {
	var n C.size_t
	if err := statusError("simd_count_byte", C.simd_count_byte(bytePtr(data), C.size_t(len(data)), C.uint8_t(value), &n)); err != nil {
		return 0, err
	}
	return int(n), nil
}

// statusError maps a simd_status to nil or an error wrapping one of this
// package's sentinel errors.
func statusError(fn string, st C.simd_status) error {
	switch st {
	case C.SIMD_OK:
		return nil
	case C.SIMD_EINVAL:
		return fmt.Errorf("%s: %w", fn, ErrInvalidArgument)
	default:
		return fmt.Errorf("%s: unknown status %d", fn, st)
	}
}

// bytePtr returns a C view of b's backing array without copying. It is nil
// only for a nil slice, whose length is 0, as the C API requires.
func bytePtr(b []byte) *C.uint8_t {
	return (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(b)))
}
