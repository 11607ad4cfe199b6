package simd

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// Pure is the pure-Go implementation of Kernels, always available.
var Pure Kernels = pureKernels{}

type pureKernels struct{}

// byteSet is a membership table indexed by byte: one load and no shift
// per byte tested, which runs about twice as fast as a 256-bit bitmap.
type byteSet [256]bool

// init makes s the set of set's bytes. It fills s in place: returning a
// 256-byte table costs a copy that a short scan notices.
func (s *byteSet) init(set []byte) error {
	if len(set) == 0 || len(set) > MaxSet {
		return ErrInvalidArgument
	}
	for _, b := range set {
		s[b] = true
	}
	return nil
}

func (pureKernels) IndexAny(data, set []byte) (int, error) {
	var s byteSet
	if err := s.init(set); err != nil {
		return -1, err
	}
	if len(set) == 1 {
		return bytes.IndexByte(data, set[0]), nil // assembly fast path
	}
	for i, b := range data {
		if s[b] {
			return i, nil
		}
	}
	return -1, nil
}

func (pureKernels) IndexAllAny(data, set []byte, dst []int) ([]int, error) {
	var s byteSet
	if err := s.init(set); err != nil {
		return dst, err
	}
	for i, b := range data {
		if s[b] {
			dst = append(dst, i)
		}
	}
	return dst, nil
}

func (pureKernels) Compare(a, b []byte) (bool, int) {
	// bytes.Equal is assembly and settles equal inputs in one pass. This
	// method is kept small enough to inline, so that Native's dispatch and
	// the package-level Compare cost an equal input no call beyond
	// bytes.Equal's; unequal inputs take the call to mismatch.
	if bytes.Equal(a, b) {
		return true, -1
	}
	return false, mismatch(a, b)
}

// mismatch returns the first index at which a and b, known to differ,
// differ: len(shorter) when one is a proper prefix of the other.
func mismatch(a, b []byte) int {
	n := min(len(a), len(b))
	if bytes.Equal(a[:n], b[:n]) {
		return n
	}
	return firstDiff(a[:n], b[:n])
}

// firstDiff returns the first index at which a and b, of the same length
// and known to differ, differ.
func firstDiff(a, b []byte) int {
	const block = 256
	i := 0
	for i+block <= len(a) && bytes.Equal(a[i:i+block], b[i:i+block]) {
		i += block
	}
	// Eight bytes at a time: the lowest set bit of the XOR is the first
	// differing byte (little-endian loads).
	for ; i+8 <= len(a); i += 8 {
		if x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:]); x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
	}
	for a[i] == b[i] {
		i++
	}
	return i
}

func (pureKernels) CountByte(data []byte, value byte) (int, error) {
	return bytes.Count(data, []byte{value}), nil
}
