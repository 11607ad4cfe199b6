// Command gen_runner writes the main function of a ctest unit test: it finds
// the `void test_*(void)` functions (and setUp/tearDown) in the test files and
// the CMock mocks they include (`#include "Mock<name>.h"`), whose _Init,
// _Verify and _Destroy it calls around every test, as CMock's runner does.
//
//	gen_runner -o runner.c tools/cmock/examples/thermostat_test.c
//
// Bazel users get it through c_unit_test in tools/cmock/defs.bzl.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	out := flag.String("o", "", "the runner to write (required)")
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: gen_runner -o runner.c test.c...")
		os.Exit(2)
	}
	var files []testFile
	for _, path := range flag.Args() {
		src, err := os.ReadFile(path)
		if err != nil {
			fail(err)
		}
		f, err := scan(path, string(src))
		if err != nil {
			fail(err)
		}
		files = append(files, f)
	}
	runner, err := render(files)
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(*out, runner, 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "gen_runner: %v\n", err)
	os.Exit(1)
}
