// Package gcovdump makes a Go process write the gcov counters of its
// instrumented C code when it exits, so that `bazel coverage` sees the C
// that Go tests and the service binaries they start run.
//
// gcc's runtime (libgcov) writes .gcda files from a C destructor, which runs
// only when the process calls C's exit(). A Go program never does: it ends
// with the exit_group system call, so without this package every count of
// C code run from Go is lost. Importing it registers an exit hook that calls
// libgcov's public __gcov_dump.
//
// The hook exists only with the clib_gcov build tag, which the coverage
// command sets in .bazelrc; the cgo bindings in clib/ import this package in
// a file with that tag. Other builds compile this file alone and link
// nothing.
package gcovdump
