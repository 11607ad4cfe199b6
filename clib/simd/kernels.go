package simd

// MaxSet is the largest byte set IndexAny and IndexAllAny accept.
const MaxSet = 16

// Kernels is the set of byte kernels, implemented by Pure and Native.
type Kernels interface {
	// IndexAny returns the first index in data of any byte in set, or -1.
	// set must hold 1..MaxSet bytes (duplicates allowed), else
	// ErrInvalidArgument. Bytes are bytes, not UTF-8 runes.
	IndexAny(data, set []byte) (int, error)
	// IndexAllAny appends to dst the index of every byte of data that is in
	// set, in increasing order, and returns the extended slice. dst is
	// returned unchanged when nothing matches. set as for IndexAny.
	IndexAllAny(data, set []byte, dst []int) ([]int, error)
	// Compare reports whether a and b are equal and, if not, the first
	// index at which they differ; firstDiff is -1 when they are equal and
	// len(shorter) when one is a proper prefix of the other.
	Compare(a, b []byte) (equal bool, firstDiff int)
	// CountByte returns the number of bytes in data equal to value.
	CountByte(data []byte, value byte) (int, error)
}

// The package-level functions run Native's code without calling through
// the Kernels interface, which saves an indirect call on small inputs.

// IndexAny is Native.IndexAny.
func IndexAny(data, set []byte) (int, error) { return native.IndexAny(data, set) }

// IndexAllAny is Native.IndexAllAny.
func IndexAllAny(data, set []byte, dst []int) ([]int, error) {
	return native.IndexAllAny(data, set, dst)
}

// Compare is Native.Compare.
func Compare(a, b []byte) (equal bool, firstDiff int) { return native.Compare(a, b) }

// CountByte is Native.CountByte.
func CountByte(data []byte, value byte) (int, error) { return native.CountByte(data, value) }
