// Command cmock generates a CMock-style mock of a C header: Mock<header>.h
// and Mock<header>.c, for tests built with tools/ctest.
//
//	cmock -include clib/simd/simd.h -out_h MockSimd.h -out_c MockSimd.c clib/simd/simd.h
//
// A declaration it cannot mock faithfully (a K&R function, a bit-field in
// parameters, ...) is reported as a warning naming file:line,
// every one of them, and left out of the mock; with -strict they are errors,
// with exit status 1 and no output files. So is what stops the whole header
// (declarations under an #if condition it cannot evaluate, say).
// Bazel users call it through c_mock in tools/cmock/defs.bzl.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"example.com/starter/tools/cmock/cheader"
	"example.com/starter/tools/cmock/gen"
)

func main() {
	include := flag.String("include", "", "how the mock #includes the header (default: its base name)")
	outH := flag.String("out_h", "", "where to write Mock<header>.h (default: in the current directory)")
	outC := flag.String("out_c", "", "where to write Mock<header>.c (default: in the current directory)")
	strictOrder := flag.Bool("strict_order", false, "calls must match expectations in the order they were set, across functions")
	strict := flag.Bool("strict", false, "fail on any declaration that cannot be mocked, instead of leaving it out with a warning")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: cmock [flags] header.h\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *include, *outH, *outC, *strictOrder, *strict, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "cmock: %v\n", err)
		os.Exit(1)
	}
}

// run writes the mock of the header at path. Declarations it cannot mock
// are errors if strict, else warnings written to warnings.
func run(path, include, outH, outC string, strictOrder, strict bool, warnings io.Writer) error {
	h, err := cheader.ParseFile(path)
	if err != nil {
		return err
	}
	if strict && len(h.Skipped) > 0 {
		return errors.Join(h.Skipped...)
	}
	for _, skipped := range h.Skipped {
		fmt.Fprintf(warnings, "%v (warning: not mocked)\n", skipped)
	}
	for _, w := range h.Warnings {
		fmt.Fprintf(warnings, "%v (warning)\n", w)
	}
	if include == "" {
		include = filepath.Base(path)
	}
	m, err := gen.Generate(h, gen.Options{Include: include, StrictOrder: strictOrder})
	if err != nil {
		return err
	}
	if outH == "" {
		outH = m.Name + ".h"
	}
	if outC == "" {
		outC = m.Name + ".c"
	}
	if err := os.WriteFile(outH, m.Header, 0o644); err != nil {
		return err
	}
	return os.WriteFile(outC, m.Source, 0o644)
}
