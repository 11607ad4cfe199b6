package simd

import "testing"

// forEachKernel calls check once per implementation Impls lists (every
// kernel this CPU runs, or "go" without cgo), forcing it first, so that a
// fuzz input reaches every kernel and not only the dispatched one, at any
// size (forceC). A fuzz worker runs one input at a time, so forcing the
// process-wide choice is safe here; the default is restored before
// returning.
func forEachKernel(t *testing.T, check func()) {
	t.Helper()
	forceC(t)
	defer ResetImpl()
	for _, name := range Impls() {
		if err := ForceImpl(name); err != nil {
			t.Fatalf("ForceImpl(%q): %v", name, err)
		}
		t.Logf("kernel %s", name) // printed only if check fails
		check()
	}
}

// FuzzIndexAny checks Native against Pure on arbitrary data and sets
// (including invalid ones) on every kernel: see checkAgree.
func FuzzIndexAny(f *testing.F) {
	f.Add([]byte("a,b;c\n"), []byte(",;"))
	f.Add([]byte("\x00\x80\xff"), []byte("\xff"))
	f.Add([]byte{}, []byte{})
	f.Add(make([]byte, 200), []byte("0123456789abcdefg"))
	f.Fuzz(func(t *testing.T, data, set []byte) {
		forEachKernel(t, func() { checkAgree(t, data, set) })
	})
}

// FuzzCompare checks Native.Compare against Pure.Compare on arbitrary
// pairs, which need not share a prefix, on every kernel.
func FuzzCompare(f *testing.F) {
	f.Add([]byte("abc"), []byte("abd"))
	f.Add([]byte("abc"), []byte("ab"))
	f.Add([]byte{}, []byte{0})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		wantEq, wantDiff := Pure.Compare(a, b)
		forEachKernel(t, func() {
			gotEq, gotDiff := Native.Compare(a, b)
			if gotEq != wantEq || gotDiff != wantDiff {
				t.Fatalf("Compare(%q, %q) = %v, %d; Pure says %v, %d", a, b, gotEq, gotDiff, wantEq, wantDiff)
			}
		})
	})
}
