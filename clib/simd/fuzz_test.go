package simd

import "testing"

// FuzzIndexAny checks Native against Pure on arbitrary data and sets
// (including invalid ones) for every kernel: see checkAgree.
func FuzzIndexAny(f *testing.F) {
	f.Add([]byte("a,b;c\n"), []byte(",;"))
	f.Add([]byte("\x00\x80\xff"), []byte("\xff"))
	f.Add([]byte{}, []byte{})
	f.Add(make([]byte, 200), []byte("0123456789abcdefg"))
	f.Fuzz(func(t *testing.T, data, set []byte) {
		checkAgree(t, data, set)
	})
}

// FuzzCompare checks Native.Compare against Pure.Compare on arbitrary
// pairs, which need not share a prefix.
func FuzzCompare(f *testing.F) {
	f.Add([]byte("abc"), []byte("abd"))
	f.Add([]byte("abc"), []byte("ab"))
	f.Add([]byte{}, []byte{0})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		wantEq, wantDiff := Pure.Compare(a, b)
		gotEq, gotDiff := Native.Compare(a, b)
		if gotEq != wantEq || gotDiff != wantDiff {
			t.Fatalf("Compare(%q, %q) = %v, %d; Pure says %v, %d", a, b, gotEq, gotDiff, wantEq, wantDiff)
		}
	})
}
