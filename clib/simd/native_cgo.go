//go:build cgo

package simd

// #include "simd.h"
import "C"

import (
	"fmt"
	"slices"
	"unsafe"
)

// Native is the C implementation, dispatched to the best kernels this CPU
// runs, for inputs large enough that C is faster; smaller inputs run in
// Pure (see nativeFrom).
var Native Kernels = native

// AlwaysNative is Native without its size dispatch: every call runs in C,
// however small. It is for tests that must reach the C library (the
// services' fault injection, -size_dispatch=false) and for measuring the
// crossovers on another machine.
var AlwaysNative Kernels = cKernels{}

// native is Native's implementation, which the package-level functions
// call without an indirect call.
var native = &sizeDispatch{c: cKernels{}, from: &nativeFrom}

// nativeFrom is where Native hands calls to C: the first measured size at
// which C, cgo crossing included, was faster than Pure by more than 5% in
// every run, and never slower beyond. BenchmarkCrossover, in the Bazel
// build that ships:
//
//	tools/bazel test --config=opt //clib/simd:simd_test --test_env=SIMD_CROSSOVER=1 \
//	  --test_arg=-test.run='^$' --test_arg=-test.bench=Crossover --test_output=all
//
// (gcc 16.2 -O2, go1.26.8, AMD EPYC with AVX-512VBMI, 2 shared cores,
// medians of 5) measured one call, in ns:
//
//	size     IndexAny       IndexByte     IndexAllAny     Compare       CountByte
//	         C      Go      C      Go     C      Go       C      Go     C      Go
//	128 B    56     44      58     8      65     49       44     6      42     6
//	256 B    59     107     65     9      73     99       44     7      43     8
//	4 KiB    133    1197    105    47     234    1279     77     44     82     41
//	16 KiB   274    4670    182    200    765    5238     185    172    226    165
//	64 KiB   790    18598   618    686    2456   19314    900    703    675    630
//	256 KiB  2500   74074   2213   2688   12113  77426    3090   2789   2486   2496
//	1 MiB    13049  299395  11403  12384  46652  306997   24308  23730  12077  11534
//
// (IndexByte is IndexAny with a one-byte set, where Pure calls
// bytes.IndexByte; CountByte was measured in its own run.) A second run
// confirmed IndexAllAny losing at 96 and 128 B (0.72x, 0.84x) and winning
// at 256 B (1.62x), and IndexByte winning from 64 KiB (1.24x, 1.14x, and
// 1.01x at 1 MiB, where both stream from memory). Go's assembly wins
// bytes.Equal and bytes.Count at every size, so those never run in C.
// Another CPU moves the crossovers; rerun the benchmark there. A variable
// so that tests can send every call to C.
var nativeFrom = crossovers{
	indexAny:    256,
	indexByte:   64 << 10,
	indexAllAny: 256,
	compare:     never,
	countByte:   never,
}

// IndexAllAny has C write indices straight into dst's spare capacity, which
// requires Go's int and C's size_t to have the same size. These fail to
// compile (constant overflow) otherwise.
// MaxSet mirrors SIMD_MAX_SET in simd.h, checked the same way.
var (
	_ [unsafe.Sizeof(int(0)) - unsafe.Sizeof(C.size_t(0))]struct{}
	_ [unsafe.Sizeof(C.size_t(0)) - unsafe.Sizeof(int(0))]struct{}
	_ [MaxSet - C.SIMD_MAX_SET]struct{}
	_ [C.SIMD_MAX_SET - MaxSet]struct{}
)

type cKernels struct{}

// HasNative reports whether Native is the C library; true with cgo.
func HasNative() bool { return true }

// Impl names the implementation Native uses now: "neon", "avx512vbmi", "avx512bw", "avx2",
// "sse4.2" or "scalar".
func Impl() string { return C.GoString(C.simd_impl_name(C.simd_current_impl())) }

// Impls lists the implementations ForceImpl accepts on this machine, best
// first.
func Impls() []string {
	var names []string
	for i := C.SIMD_IMPL_COUNT - 1; i >= 0; i-- {
		if C.simd_impl_supported(C.simd_impl(i)) != 0 {
			names = append(names, C.GoString(C.simd_impl_name(C.simd_impl(i))))
		}
	}
	return names
}

// ForceImpl makes Native use the named implementation (see Impl) in every
// goroutine until ResetImpl; for tests and benchmarks. It returns
// ErrUnsupported when this CPU cannot run it and ErrInvalidArgument for an
// unknown name.
func ForceImpl(name string) error {
	for i := C.simd_impl(0); i < C.SIMD_IMPL_COUNT; i++ {
		if C.GoString(C.simd_impl_name(i)) == name {
			return statusError("simd_force_impl", C.simd_force_impl(i))
		}
	}
	return fmt.Errorf("simd: unknown implementation %q: %w", name, ErrInvalidArgument)
}

// ResetImpl undoes ForceImpl: Native uses the best implementation again.
func ResetImpl() { C.simd_reset_impl() }

func (cKernels) IndexAny(data, set []byte) (int, error) {
	var i C.size_t
	st := C.simd_index_any(bytePtr(data), C.size_t(len(data)), bytePtr(set), C.size_t(len(set)), &i)
	if err := statusError("simd_index_any", st); err != nil {
		return -1, err
	}
	if i == C.SIMD_NOT_FOUND {
		return -1, nil
	}
	return int(i), nil
}

func (cKernels) IndexAllAny(data, set []byte, dst []int) ([]int, error) {
	// C writes into dst's spare capacity. When it fills up (SIMD_ENOSPC),
	// grow dst and resume after the last index found; indices are relative
	// to the resumed scan's start, so rebase them.
	for start := 0; ; {
		spare := dst[len(dst):cap(dst)]
		var out *C.size_t
		if len(spare) > 0 {
			out = (*C.size_t)(unsafe.Pointer(unsafe.SliceData(spare)))
		}
		var n C.size_t
		st := C.simd_index_all_any(bytePtr(data[start:]), C.size_t(len(data)-start),
			bytePtr(set), C.size_t(len(set)), out, C.size_t(len(spare)), &n)
		found := dst[len(dst) : len(dst)+int(n)]
		for j := range found {
			found[j] += start
		}
		dst = dst[:len(dst)+len(found)]
		if st != C.SIMD_ENOSPC {
			return dst, statusError("simd_index_all_any", st)
		}
		if len(found) > 0 {
			start = found[len(found)-1] + 1
		}
		dst = slices.Grow(dst, max(16, len(dst)))
	}
}

func (cKernels) Compare(a, b []byte) (bool, int) {
	var i C.size_t
	st := C.simd_first_diff(bytePtr(a), C.size_t(len(a)), bytePtr(b), C.size_t(len(b)), &i)
	if st != C.SIMD_OK {
		// Unreachable: Go slices always satisfy the C preconditions.
		panic(statusError("simd_first_diff", st))
	}
	if i == C.SIMD_NOT_FOUND {
		return true, -1
	}
	return false, int(i)
}

func (cKernels) CountByte(data []byte, value byte) (int, error) {
	var n C.size_t
	st := C.simd_count_byte(bytePtr(data), C.size_t(len(data)), C.uint8_t(value), &n)
	if err := statusError("simd_count_byte", st); err != nil {
		return 0, err
	}
	return int(n), nil
}

// statusError maps a simd_status to nil or an error wrapping one of this
// package's sentinel errors.
func statusError(fn string, st C.simd_status) error {
	switch st {
	case C.SIMD_OK:
		return nil
	case C.SIMD_EINVAL, C.SIMD_ESET, C.SIMD_EOVERFLOW:
		return fmt.Errorf("%s: %w", fn, ErrInvalidArgument)
	case C.SIMD_EUNSUPPORTED:
		return fmt.Errorf("%s: %w", fn, ErrUnsupported)
	default:
		return fmt.Errorf("%s: unexpected status %d", fn, st)
	}
}

// bytePtr returns a C view of b's backing array without copying. C reads
// only len(b) bytes from it and keeps no reference after the call.
func bytePtr(b []byte) *C.uint8_t {
	return (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(b)))
}
