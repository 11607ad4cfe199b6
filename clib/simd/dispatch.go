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

// sizeDispatch is Kernels that runs each call in c or in Pure by the size
// of its input, so that it is never slower than Pure: a cgo call has a
// fixed cost that small inputs do not repay. The Go side is called
// directly, not through Kernels, so that small inputs pay no indirect
// call. from is read on every call, so a test may point it at other
// thresholds.
type sizeDispatch struct {
	c    Kernels
	from *crossovers
}

func (d *sizeDispatch) IndexAny(data, set []byte) (int, error) {
	from := d.from.indexAny
	if len(set) == 1 {
		from = d.from.indexByte
	}
	if len(data) >= from {
		return d.c.IndexAny(data, set)
	}
	return pureKernels{}.IndexAny(data, set)
}

func (d *sizeDispatch) IndexAllAny(data, set []byte, dst []int) ([]int, error) {
	if len(data) >= d.from.indexAllAny {
		return d.c.IndexAllAny(data, set, dst)
	}
	return pureKernels{}.IndexAllAny(data, set, dst)
}

func (d *sizeDispatch) Compare(a, b []byte) (bool, int) {
	if min(len(a), len(b)) >= d.from.compare {
		return d.c.Compare(a, b)
	}
	return pureKernels{}.Compare(a, b)
}

func (d *sizeDispatch) CountByte(data []byte, value byte) (int, error) {
	if len(data) >= d.from.countByte {
		return d.c.CountByte(data, value)
	}
	return pureKernels{}.CountByte(data, value)
}
