//go:build !cgo

package simd

// Native is Pure in builds without cgo.
var Native = Pure

// AlwaysNative is Pure in builds without cgo.
var AlwaysNative = Pure

// native is what the package-level functions call.
var native pureKernels

// HasNative reports whether Native is the C library; false without cgo.
func HasNative() bool { return false }

// Impl names the implementation Native uses: "go" without cgo.
func Impl() string { return "go" }

// Impls lists the implementations ForceImpl accepts on this machine.
func Impls() []string { return []string{"go"} }

// ForceImpl accepts only "go" without cgo: the C implementations are
// ErrUnsupported and any other name ErrInvalidArgument, as with cgo.
func ForceImpl(name string) error {
	switch name {
	case "go":
		return nil
	case "neon", "avx512vbmi", "avx512bw", "avx2", "sse4.2", "scalar":
		return ErrUnsupported
	default:
		return ErrInvalidArgument
	}
}

// ResetImpl does nothing without cgo.
func ResetImpl() {}
