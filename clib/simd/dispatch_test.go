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
// C from that kernel's crossover on, and to Go below it.
func TestDispatchBySize(t *testing.T) {
	from := crossovers{indexAny: 10, indexByte: 20, indexAllAny: 30, compare: 40, countByte: 50}
	var inC, inGo []string
	d := sizeDispatch{c: recorder{&inC}, pure: recorder{&inGo}, from: &from}
	set, oneByte := []byte(",;"), []byte(",")
	call := func(n int, run func(data []byte)) { run(make([]byte, n)) }
	for _, below := range []bool{true, false} {
		at := func(from int) int {
			if below {
				return from - 1
			}
			return from
		}
		inC, inGo = nil, nil
		call(at(from.indexAny), func(b []byte) { _, _ = d.IndexAny(b, set) })
		call(at(from.indexByte), func(b []byte) { _, _ = d.IndexAny(b, oneByte) })
		call(at(from.indexAllAny), func(b []byte) { _, _ = d.IndexAllAny(b, set, nil) })
		call(at(from.compare), func(b []byte) { d.Compare(b, make([]byte, len(b)+5)) })
		call(at(from.compare), func(b []byte) { d.Compare(make([]byte, len(b)+5), b) })
		call(at(from.countByte), func(b []byte) { _, _ = d.CountByte(b, ',') })
		want := []string{"IndexAny", "IndexAny", "IndexAllAny", "Compare", "Compare", "CountByte"}
		if below {
			assert.Equal(t, want, inGo, "below each crossover, calls run in Go")
			assert.Empty(t, inC)
		} else {
			assert.Equal(t, want, inC, "from each crossover on, calls run in C")
			assert.Empty(t, inGo)
		}
	}
	// A one-byte set below indexByte stays in Go even where a longer set
	// would run in C.
	inC, inGo = nil, nil
	_, _ = d.IndexAny(make([]byte, from.indexAny), oneByte)
	assert.Equal(t, []string{"IndexAny"}, inGo)
	assert.Empty(t, inC)
}
