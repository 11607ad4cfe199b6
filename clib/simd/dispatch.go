package simd

// crossovers holds, per kernel, the input length from which the C kernel
// is faster than Go, all cgo costs included; below it a call runs in Go.
// A length of never keeps every call in Go.
type crossovers struct {
	indexAny    int // IndexAny with a set of two or more bytes
	indexByte   int // IndexAny with a one-byte set (Go's IndexByte is assembly)
	indexAllAny int
	compare     int // the shorter of the two inputs
	countByte   int
}

// never is a crossover no input reaches.
const never = int(^uint(0) >> 1)

// sizeDispatch is Kernels that runs each call in c or in pure by the size
// of its input, so that it is never slower than either: a cgo call has a
// fixed cost that small inputs do not repay. from is read on every call,
// so a test may point it at other thresholds.
type sizeDispatch struct {
	c, pure Kernels
	from    *crossovers
}

func (d sizeDispatch) IndexAny(data, set []byte) (int, error) {
	from := d.from.indexAny
	if len(set) == 1 {
		from = d.from.indexByte
	}
	return d.pick(len(data), from).IndexAny(data, set)
}

func (d sizeDispatch) IndexAllAny(data, set []byte, dst []int) ([]int, error) {
	return d.pick(len(data), d.from.indexAllAny).IndexAllAny(data, set, dst)
}

func (d sizeDispatch) Compare(a, b []byte) (bool, int) {
	return d.pick(min(len(a), len(b)), d.from.compare).Compare(a, b)
}

func (d sizeDispatch) CountByte(data []byte, value byte) (int, error) {
	return d.pick(len(data), d.from.countByte).CountByte(data, value)
}

func (d sizeDispatch) pick(n, from int) Kernels {
	if n >= from {
		return d.c
	}
	return d.pure
}
