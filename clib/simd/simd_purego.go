//go:build !cgo

package simd

import "bytes"

// CountByte returns the number of bytes in data equal to value.
func CountByte(data []byte, value byte) (int, error) {
	return bytes.Count(data, []byte{value}), nil
}
