package simd

import "errors"

// ErrInvalidArgument reports input the C library rejected, such as a
// missing buffer.
var ErrInvalidArgument = errors.New("simd: invalid argument")
