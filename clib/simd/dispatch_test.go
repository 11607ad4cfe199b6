package simd

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// recorder is Kernels that only records that it was called.
type recorder struct{ calls *[]string }

func (r recorder) IndexAny([]byte, []byte) (int, error) {
	*r.calls = append(*r.calls, "IndexAny")
	return -1, nil
}

func (r recorder) IndexAllAny(_, _ []byte, dst []int) ([]int, error) {
	*r.calls = append(*r.calls, "IndexAllAny")
	return dst, nil
}

func (r recorder) Compare([]byte, []byte) (bool, int) {
	*r.calls = append(*r.calls, "Compare")
	return true, -1
}

func (r recorder) CountByte([]byte, byte) (int, error) {
	*r.calls = append(*r.calls, "CountByte")
	return 0, nil
}

// TestDispatchBySize checks that sizeDispatch sends each kernel's call to
// C from that kernel's crossover on, and keeps it in Go below it.
func TestDispatchBySize(t *testing.T) {
	from := crossovers{indexAny: 10, indexByte: 20, indexAllAny: 30, compare: 40, countByte: 50}
	var inC []string
	d := &sizeDispatch{c: recorder{&inC}, from: &from}
	set, oneByte := []byte(",;"), []byte(",")
	calls := func(at func(from int) int) {
		_, _ = d.IndexAny(make([]byte, at(from.indexAny)), set)
		_, _ = d.IndexAny(make([]byte, at(from.indexByte)), oneByte)
		_, _ = d.IndexAllAny(make([]byte, at(from.indexAllAny)), set, nil)
		d.Compare(make([]byte, at(from.compare)), make([]byte, at(from.compare)+5))
		d.Compare(make([]byte, at(from.compare)+5), make([]byte, at(from.compare)))
		_, _ = d.CountByte(make([]byte, at(from.countByte)), ',')
	}
	calls(func(from int) int { return from - 1 })
	assert.Empty(t, inC, "below each crossover, calls run in Go")
	calls(func(from int) int { return from })
	assert.Equal(t, []string{"IndexAny", "IndexAny", "IndexAllAny", "Compare", "Compare", "CountByte"}, inC,
		"from each crossover on, calls run in C")

	// A one-byte set below indexByte stays in Go even where a longer set
	// would run in C.
	inC = nil
	_, _ = d.IndexAny(make([]byte, from.indexAny), oneByte)
	assert.Empty(t, inC)
}
