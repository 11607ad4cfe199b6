package simd

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	"example.com/starter/clib/internal/cbuf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// forceC makes Native run every call in C, whatever its size (see
// nativeFrom), until the test ends: the tests below compare C with Go. A
// no-op without cgo.
var forceC = func(testing.TB) {}

// forEachImpl runs f once per C implementation this CPU supports (forced),
// or once with "go" without cgo, and restores the default dispatch. Every
// call, small or not, runs in C.
func forEachImpl(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	forceC(t)
	t.Cleanup(ResetImpl)
	for _, name := range Impls() {
		require.NoError(t, ForceImpl(name))
		t.Run(name, f)
	}
	ResetImpl()
}

func TestImpl(t *testing.T) {
	impls := Impls()
	require.NotEmpty(t, impls)
	assert.Equal(t, impls[0], Impl(), "the default is the best supported implementation")
	assert.ErrorIs(t, ForceImpl("no-such-impl"), ErrInvalidArgument)
	if HasNative() {
		assert.Contains(t, impls, "scalar")
	}
}

func TestCountByte(t *testing.T) {
	forceC(t)
	tests := []struct {
		name  string
		data  []byte
		value byte
		want  int
	}{
		{"nil", nil, 'a', 0},
		{"empty", []byte{}, 'a', 0},
		{"none", []byte("bcd"), 'a', 0},
		{"delimiters", []byte("a,b,,c,"), ',', 4},
		{"zero byte", []byte{0, 1, 0, 2}, 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CountByte(cbuf.Exact(t, tt.data), tt.value)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestIndexAnyEdgeCases(t *testing.T) {
	forceC(t)
	tests := []struct {
		name string
		data string
		set  string
		want int
	}{
		{"empty data", "", ",", -1},
		{"no match", "abcdef", ",;", -1},
		{"first byte", ",abc", ",", 0},
		{"last byte", "abc;", ",;", 3},
		{"high bytes", "ab\x80\xff", "\xff\x80", 2},
		{"zero byte", "ab\x00", "\x00", 2},
		{"duplicates in set", "abc", "cc", 2},
		{"16-byte set", "zzzzzp", "abcdefghijklmnop", 5},
	}
	for _, k := range []struct {
		name string
		Kernels
	}{{"pure", Pure}, {"native", Native}} {
		for _, tt := range tests {
			t.Run(k.name+"/"+tt.name, func(t *testing.T) {
				got, err := k.IndexAny([]byte(tt.data), []byte(tt.set))
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
			})
		}
	}
}

func TestInvalidSets(t *testing.T) {
	forceC(t)
	for _, k := range []Kernels{Pure, Native} {
		for _, set := range [][]byte{nil, {}, bytes.Repeat([]byte{','}, MaxSet+1)} {
			i, err := k.IndexAny([]byte("a,b"), set)
			assert.ErrorIs(t, err, ErrInvalidArgument)
			assert.Equal(t, -1, i)
			dst, err := k.IndexAllAny([]byte("a,b"), set, []int{7})
			assert.ErrorIs(t, err, ErrInvalidArgument)
			assert.Equal(t, []int{7}, dst, "dst is returned unchanged")
			_, err = k.IndexAllAny(nil, set, nil)
			assert.ErrorIs(t, err, ErrInvalidArgument, "the set is checked even for empty data")
		}
	}
}

func TestCompareEdgeCases(t *testing.T) {
	forceC(t)
	tests := []struct {
		a, b      string
		equal     bool
		firstDiff int
	}{
		{"", "", true, -1},
		{"abc", "abc", true, -1},
		{"abc", "abd", false, 2},
		{"abc", "ab", false, 2},
		{"", "a", false, 0},
		{"0123456789abcdef!", "0123456789abcdef?", false, 16},
	}
	for _, k := range []Kernels{Pure, Native} {
		for _, tt := range tests {
			equal, diff := k.Compare([]byte(tt.a), []byte(tt.b))
			assert.Equal(t, tt.equal, equal, "%q vs %q", tt.a, tt.b)
			assert.Equal(t, tt.firstDiff, diff, "%q vs %q", tt.a, tt.b)
		}
	}
	equal, diff := Compare(nil, []byte{})
	assert.True(t, equal)
	assert.Equal(t, -1, diff)
}

// TestIndexAllAnyGrowth covers every way dst's capacity can run out,
// including C filling it and resuming mid-buffer.
func TestIndexAllAnyGrowth(t *testing.T) {
	forceC(t)
	data := bytes.Repeat([]byte("a,"), 1000)
	want := make([]int, 0, 1000)
	for i := 1; i < len(data); i += 2 {
		want = append(want, i)
	}
	for _, spare := range []int{0, 1, 15, 999, 1000, 5000} {
		dst := make([]int, 2, 2+spare)
		dst[0], dst[1] = -7, -8
		got, err := Native.IndexAllAny(data, []byte(","), dst)
		require.NoError(t, err)
		assert.Equal(t, append([]int{-7, -8}, want...), got, "spare %d", spare)
	}
	got, err := Native.IndexAllAny([]byte("abc"), []byte(","), nil)
	require.NoError(t, err)
	assert.Nil(t, got, "no match leaves a nil dst nil")
}

// TestNativeMatchesPure is the differential test: every implementation the
// CPU supports against Pure and the standard library, on random input from
// a small alphabet (many matches), at every alignment.
func TestNativeMatchesPure(t *testing.T) {
	forEachImpl(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		buf := make([]byte, 4096+64)
		for iter := 0; iter < 400; iter++ {
			off := iter % 64
			data := buf[off : off+rng.IntN(4097)]
			base := byte(rng.Uint32())
			for j := range data {
				data[j] = base + byte(rng.IntN(24))
			}
			set := make([]byte, 1+rng.IntN(MaxSet))
			for j := range set {
				set[j] = base + byte(rng.IntN(48))
			}
			checkAgree(t, data, set)
		}
	})
}

// checkAgree asserts that Native and Pure agree on every kernel for data
// and set, and that a copy of data compares equal with a flipped last byte
// found. In ASan builds every input is an exact-length C copy (see cbuf).
func checkAgree(t *testing.T, data, set []byte) {
	t.Helper()
	data, set = cbuf.Exact(t, data), cbuf.Exact(t, set)
	wantI, wantErr := Pure.IndexAny(data, set)
	gotI, gotErr := Native.IndexAny(data, set)
	require.Equal(t, wantErr, sentinel(gotErr))
	require.Equal(t, wantI, gotI, "IndexAny len %d set %q", len(data), set)

	wantAll, _ := Pure.IndexAllAny(data, set, nil)
	gotAll, _ := Native.IndexAllAny(data, set, nil)
	require.Equal(t, wantAll, gotAll, "IndexAllAny len %d set %q", len(data), set)

	if len(set) > 0 {
		wantN, _ := Pure.CountByte(data, set[0])
		gotN, _ := Native.CountByte(data, set[0])
		require.Equal(t, wantN, gotN, "CountByte len %d", len(data))
		require.Equal(t, bytes.Count(data, set[:1]), gotN)
	}

	other := cbuf.Exact(t, bytes.Clone(data))
	if len(other) > 0 {
		other[len(other)-1] ^= 0x80
	}
	for _, b := range [][]byte{data, other, other[:len(other)/2]} {
		wantEq, wantDiff := Pure.Compare(data, b)
		gotEq, gotDiff := Native.Compare(data, b)
		require.Equal(t, wantEq, gotEq)
		require.Equal(t, wantDiff, gotDiff, "Compare len %d vs %d", len(data), len(b))
		require.Equal(t, bytes.Equal(data, b), gotEq)
	}
}

// sentinel strips the function-name context Native adds to an error, so
// that it compares equal to Pure's bare sentinel.
func sentinel(err error) error {
	for _, s := range []error{ErrInvalidArgument, ErrUnsupported} {
		if errors.Is(err, s) {
			return s
		}
	}
	return err
}

// TestMatchInLastByte puts the only match in the last byte of buffers at
// every alignment, where vector loops hand over to their tails; in ASan
// builds the kernels get exact-length C copies (see cbuf), whose end ASan
// sees.
func TestMatchInLastByte(t *testing.T) {
	forEachImpl(t, func(t *testing.T) {
		buf := make([]byte, 300+64)
		other := make([]byte, 300+64)
		for n := 1; n <= 300; n++ {
			for off := 0; off < 64; off++ {
				data := buf[off : off+n]
				for j := range data {
					data[j] = 'x'
				}
				data[n-1] = ';'
				data = cbuf.Exact(t, data)
				i, err := IndexAny(data, []byte(",;"))
				require.NoError(t, err)
				require.Equal(t, n-1, i, "len %d offset %d", n, off)
				all, err := IndexAllAny(data, []byte(",;"), nil)
				require.NoError(t, err)
				require.Equal(t, []int{n - 1}, all)
				c, err := CountByte(data, ';')
				require.NoError(t, err)
				require.Equal(t, 1, c)
				b := other[off : off+n]
				copy(b, data)
				b[n-1] = ','
				_, diff := Compare(data, cbuf.Exact(t, b))
				require.Equal(t, n-1, diff)
			}
		}
	})
}
