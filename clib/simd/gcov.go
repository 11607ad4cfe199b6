//go:build clib_gcov && cgo

package simd

// Coverage builds (the clib_gcov tag, set by `bazel coverage`) write the
// counters of this package's C code when the process exits: see gcovdump.
import _ "example.com/starter/clib/internal/gcovdump"
