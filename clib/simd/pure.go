package simd

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// Pure is the pure-Go implementation of Kernels, always available.
var Pure Kernels = pureKernels{}

type pureKernels struct{}

// byteSet is a 256-bit membership bitmap.
type byteSet [8]uint32

func makeByteSet(set []byte) (byteSet, error) {
	var s byteSet
	if len(set) == 0 || len(set) > MaxSet {
		return s, ErrInvalidArgument
	}
	for _, b := range set {
		s[b>>5] |= 1 << (b & 31)
	}
	return s, nil
}

func (s *byteSet) has(b byte) bool { return s[b>>5]&(1<<(b&31)) != 0 }

func (pureKernels) IndexAny(data, set []byte) (int, error) {
	s, err := makeByteSet(set)
	if err != nil {
		return -1, err
	}
	if len(set) == 1 {
		return bytes.IndexByte(data, set[0]), nil // assembly fast path
	}
	for i, b := range data {
		if s.has(b) {
			return i, nil
		}
	}
	return -1, nil
}

func (pureKernels) IndexAllAny(data, set []byte, dst []int) ([]int, error) {
	s, err := makeByteSet(set)
	if err != nil {
		return dst, err
	}
	for i, b := range data {
		if s.has(b) {
			dst = append(dst, i)
		}
	}
	return dst, nil
}

func (pureKernels) Compare(a, b []byte) (bool, int) {
	n := min(len(a), len(b))
	i := 0
	// Eight bytes at a time: the lowest set bit of the XOR is the first
	// differing byte (little-endian loads).
	for ; i+8 <= n; i += 8 {
		if x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:]); x != 0 {
			return false, i + bits.TrailingZeros64(x)/8
		}
	}
	for ; i < n; i++ {
		if a[i] != b[i] {
			return false, i
		}
	}
	if len(a) == len(b) {
		return true, -1
	}
	return false, n
}

func (pureKernels) CountByte(data []byte, value byte) (int, error) {
	return bytes.Count(data, []byte{value}), nil
}
