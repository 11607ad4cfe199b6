// Command cmock generates a CMock-style mock of a C header: Mock<header>.h
// and Mock<header>.c, for tests built with tools/ctest.
//
//	cmock -include clib/simd/simd.h -out_h MockSimd.h -out_c MockSimd.c clib/simd/simd.h
//
// A header it cannot mock faithfully (variadic or K&R functions, bit-fields
// in parameters, declarations under unknown #if conditions, ...) is an
// error naming file:line, with exit status 1 and no output files.
// Bazel users call it through c_mock in tools/cmock/defs.bzl.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"example.com/starter/tools/cmock/cheader"
	"example.com/starter/tools/cmock/gen"
)

func main() {
	include := flag.String("include", "", "how the mock #includes the header (default: its base name)")
	outH := flag.String("out_h", "", "where to write Mock<header>.h (default: in the current directory)")
	outC := flag.String("out_c", "", "where to write Mock<header>.c (default: in the current directory)")
	strict := flag.Bool("strict_order", false, "calls must match expectations in the order they were set, across functions")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: cmock [flags] header.h\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *include, *outH, *outC, *strict); err != nil {
		fmt.Fprintf(os.Stderr, "cmock: %v\n", err)
		os.Exit(1)
	}
}

func run(path, include, outH, outC string, strict bool) error {
	h, err := cheader.ParseFile(path)
	if err != nil {
		return err
	}
	if include == "" {
		include = filepath.Base(path)
	}
	m, err := gen.Generate(h, gen.Options{Include: include, StrictOrder: strict})
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
