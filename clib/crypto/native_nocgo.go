//go:build !cgo

package crypto

// Native is Pure in builds without cgo.
var Native = Pure

// HasNative reports whether Native is the C library; false without cgo.
func HasNative() bool { return false }

// NativeAEAD is PureAEAD in builds without cgo.
var NativeAEAD = PureAEAD

// AlwaysNative is Pure in builds without cgo.
var AlwaysNative = Pure

// AlwaysNativeAEAD is PureAEAD in builds without cgo.
var AlwaysNativeAEAD = PureAEAD
