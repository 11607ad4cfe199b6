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
//
// With -fault it writes a fault seam instead: Fault<header>.c, wrappers that
// fail when CMOCK_FAULTS arms them in a running binary and else call the real
// function, and Fault<header>_rename.h (to -out_h), which renames the real
// ones when force-included into their implementation. See
// tools/cmock/fault/cmock_fault.h.
//
// Bazel users call it through c_mock and c_seam in tools/cmock/defs.bzl.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"example.com/starter/tools/cmock/cheader"
	"example.com/starter/tools/cmock/gen"
)

func main() {
	include := flag.String("include", "", "how the mock #includes the header: a path for #include \"...\" (default: its base name), or <name.h>")
	preprocessed := flag.String("preprocessed", "", "parse this output of the C preprocessor (cc -E, with line markers) for what header.h declares; header.h is then spelled as its line markers spell it")
	outH := flag.String("out_h", "", "where to write Mock<header>.h (default: in the current directory)")
	outC := flag.String("out_c", "", "where to write Mock<header>.c (default: in the current directory)")
	strictOrder := flag.Bool("strict_order", false, "calls must match expectations in the order they were set, across functions")
	strict := flag.Bool("strict", false, "fail on any declaration that cannot be mocked, instead of leaving it out with a warning")
	floatTolerance := flag.Float64("float_tolerance", 0, "relative tolerance of floating-point parameter compares (0: exact)")
	report := flag.String("report", "", "also write a report here: a line \"mocked NAME\" per function mocked and \"skipped FILE:LINE: REASON\" per declaration left out")
	fault := flag.Bool("fault", false, "write a fault seam (Fault<header>.c and Fault<header>_rename.h) instead of a mock")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: cmock [flags] header.h\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	opts := options{include: *include, preprocessed: *preprocessed, report: *report, outH: *outH, outC: *outC, strictOrder: *strictOrder, strict: *strict, fault: *fault, floatTolerance: *floatTolerance}
	if err := run(flag.Arg(0), opts, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "cmock: %v\n", err)
		os.Exit(1)
	}
}

// options are the command's flags.
type options struct {
	include, outH, outC string
	preprocessed        string
	report              string
	strictOrder, strict bool
	fault               bool
	floatTolerance      float64
}

// run writes the mock (or fault seam) of the header at path. Declarations
// it cannot mock are errors if strict, else warnings written to warnings.
func run(path string, opts options, warnings io.Writer) error {
	h, err := parse(path, opts.preprocessed)
	if err != nil {
		return err
	}
	if opts.strict && len(h.Skipped) > 0 {
		return errors.Join(h.Skipped...)
	}
	for _, skipped := range h.Skipped {
		fmt.Fprintf(warnings, "%v (warning: not mocked)\n", skipped)
	}
	if opts.report != "" {
		if err := writeReport(opts.report, h); err != nil {
			return err
		}
	}
	for _, w := range h.Warnings {
		fmt.Fprintf(warnings, "%v (warning)\n", w)
	}
	include := opts.include
	if include == "" {
		include = filepath.Base(path)
	}
	if opts.floatTolerance < 0 || opts.floatTolerance >= 1 {
		return fmt.Errorf("-float_tolerance %v: want a relative tolerance from 0 to below 1", opts.floatTolerance)
	}
	genOpts := gen.Options{Include: include, StrictOrder: opts.strictOrder, FloatTolerance: opts.floatTolerance}
	if opts.fault {
		f, err := gen.GenerateFault(h, genOpts)
		if err != nil {
			return err
		}
		return write(opts, f.Name+"_rename.h", f.Rename, f.Name+".c", f.Source)
	}
	m, err := gen.Generate(h, genOpts)
	if err != nil {
		return err
	}
	return write(opts, m.Name+".h", m.Header, m.Name+".c", m.Source)
}

// writeReport writes what was mocked and what was left out, and why.
func writeReport(path string, h *cheader.Header) error {
	var b strings.Builder
	for _, f := range h.Funcs {
		fmt.Fprintf(&b, "mocked %s\n", f.Name)
	}
	for _, skipped := range h.Skipped {
		fmt.Fprintf(&b, "skipped %v\n", skipped)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// parse parses the header at path, or what the preprocessed file says it
// declares.
func parse(path, preprocessed string) (*cheader.Header, error) {
	if preprocessed == "" {
		return cheader.ParseFile(path)
	}
	src, err := os.ReadFile(preprocessed)
	if err != nil {
		return nil, err
	}
	return cheader.ParsePreprocessed(path, string(src))
}

// write writes the generated header and source, to -out_h and -out_c or
// else to the default names in the current directory.
func write(opts options, defaultH string, header []byte, defaultC string, source []byte) error {
	outH, outC := opts.outH, opts.outC
	if outH == "" {
		outH = defaultH
	}
	if outC == "" {
		outC = defaultC
	}
	if err := os.WriteFile(outH, header, 0o644); err != nil {
		return err
	}
	return os.WriteFile(outC, source, 0o644)
}
