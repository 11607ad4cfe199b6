package simd

import "errors"

var (
	// ErrInvalidArgument reports input the kernels reject: a byte set that
	// is empty or longer than MaxSet bytes, or an unknown implementation
	// name.
	ErrInvalidArgument = errors.New("simd: invalid argument")
	// ErrUnsupported reports a ForceImpl of an implementation this CPU or
	// build cannot run.
	ErrUnsupported = errors.New("simd: implementation not supported")
)
