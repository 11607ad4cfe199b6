// Command coverage stands in for Bazel's Java coverage tools in offline
// (mirror) mode, where @remote_coverage_tools cannot be downloaded. One binary
// plays both roles, as Bazel's CoverageOutputGenerator does, and takes its
// flags:
//
//   - lcov merger (--coverage_output_generator): collect_coverage.sh runs it
//     after each test with --coverage_dir, --output_file, --filter_sources
//     (repeated), --source_file_manifest and, for cc_test,
//     --sources_to_replace_file. It merges the lcov tracefiles
//     (*.dat, written by rules_go) and gcov JSON files (*.gcov.json.gz, written
//     by collect_cc_coverage.sh for C) under the directory into one lcov file.
//   - report generator (--coverage_report_generator): Bazel runs it once per
//     `bazel coverage` with --reports_file (a list of every test's lcov file
//     and the baseline files) and --output_file.
//
// See tools/offline/README.md.
package main

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

type options struct {
	coverageDir        string
	reportsFile        string
	outputFile         string
	filterSources      []*regexp.Regexp
	sourceFileManifest string
	sourcesToReplace   string
}

// parseFlags accepts exactly the --name=value flags Bazel 7 passes to its own
// merger. An unknown flag is an error, so that a Bazel that starts passing one
// fails loudly instead of producing a report that silently ignores it.
func parseFlags(args []string) (options, error) {
	var o options
	for _, arg := range args {
		name, value, ok := strings.Cut(strings.TrimPrefix(arg, "--"), "=")
		if !ok || !strings.HasPrefix(arg, "--") {
			return o, fmt.Errorf("argument %q: want --name=value", arg)
		}
		switch name {
		case "coverage_dir":
			o.coverageDir = value
		case "reports_file":
			o.reportsFile = value
		case "output_file":
			o.outputFile = value
		case "filter_sources":
			re, err := regexp.Compile("^(?:" + value + ")$")
			if err != nil {
				return o, fmt.Errorf("--filter_sources: %w", err)
			}
			o.filterSources = append(o.filterSources, re)
		case "source_file_manifest":
			o.sourceFileManifest = value
		case "sources_to_replace_file":
			o.sourcesToReplace = value
		default:
			return o, fmt.Errorf("unknown flag %q", arg)
		}
	}
	if (o.coverageDir == "") == (o.reportsFile == "") {
		return o, fmt.Errorf("exactly one of --coverage_dir and --reports_file is required")
	}
	if o.outputFile == "" {
		return o, fmt.Errorf("--output_file is required")
	}
	return o, nil
}

func main() {
	o, err := parseFlags(os.Args[1:])
	if err == nil {
		err = run(o)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "coverage: %v\n", err)
		os.Exit(1)
	}
}

func run(o options) error {
	var inputs []input
	var err error
	if o.coverageDir != "" {
		inputs, err = coverageDirInputs(o.coverageDir, o.outputFile)
	} else {
		inputs, err = reportsFileInputs(o.reportsFile)
	}
	if err != nil {
		return err
	}
	merged := coverage{}
	for _, in := range inputs {
		c, err := in.read()
		if err != nil {
			return fmt.Errorf("%s: %w", in.path, err)
		}
		merged.merge(c)
	}
	if o.sourcesToReplace != "" {
		renames, err := sourceRenames(o.sourcesToReplace)
		if err != nil {
			return err
		}
		merged.rename(renames)
	}
	var keep map[string]bool
	if o.sourceFileManifest != "" {
		if keep, err = manifestSources(o.sourceFileManifest); err != nil {
			return err
		}
	}
	merged.filter(o.filterSources, keep)

	// Bazel declares the output, so it is written even when empty (a test
	// that covers nothing), as Bazel's own merger does.
	out, err := os.Create(o.outputFile)
	if err != nil {
		return err
	}
	if err := writeLcov(out, merged); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// input is one coverage file and the parser for its format.
type input struct {
	path  string
	parse func(io.Reader) (coverage, error)
}

func (in input) read() (coverage, error) {
	f, err := os.Open(in.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return in.parse(f)
}

// coverageDirInputs finds the coverage files under dir in lexical order.
func coverageDirInputs(dir, outputFile string) ([]input, error) {
	outAbs, err := filepath.Abs(outputFile)
	if err != nil {
		return nil, err
	}
	var inputs []input
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		// collect_coverage.sh creates the output file before running the
		// merger, by default inside the coverage directory: it is not input.
		if abs, err := filepath.Abs(path); err != nil || abs == outAbs {
			return err
		}
		name := d.Name()
		switch {
		case strings.HasSuffix(name, ".dat"):
			inputs = append(inputs, input{path, parseLcov})
		case strings.HasSuffix(name, ".gcov.json.gz"):
			inputs = append(inputs, input{path, parseGcovJSON})
		case strings.HasSuffix(name, ".gcov"), strings.HasSuffix(name, ".profdata"):
			// gcov's text format (GCC 8 and older) and clang's profdata are
			// what Bazel's merger also reads; neither toolchain is in the build
			// root. collect_cc_coverage.sh leaves an empty .gcov behind when
			// gcov wrote nothing, which is no data rather than an error.
			info, err := d.Info()
			if err != nil {
				return err
			}
			if info.Size() > 0 {
				return fmt.Errorf("%s: unsupported coverage format (only lcov .dat and gcov JSON are)", path)
			}
		}
		return nil
	})
	return inputs, err
}

// reportsFileInputs reads the list of lcov files Bazel writes for the report
// generator, one execroot-relative path a line.
func reportsFileInputs(reportsFile string) ([]input, error) {
	paths, err := readLines(reportsFile)
	if err != nil {
		return nil, err
	}
	inputs := make([]input, 0, len(paths))
	for _, p := range paths {
		inputs = append(inputs, input{p, parseLcov})
	}
	return inputs, nil
}

// manifestSources returns the source files listed in Bazel's instrumented
// file manifest; its .gcno (gcc notes) and .em (Java metadata) lines are not
// sources.
func manifestSources(manifest string) (map[string]bool, error) {
	lines, err := readLines(manifest)
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	for _, l := range lines {
		if !strings.HasSuffix(l, ".gcno") && !strings.HasSuffix(l, ".em") {
			keep[l] = true
		}
	}
	return keep, nil
}

// sourceRenames reads the reported:actual path pairs, one a line, that
// cc_test passes so that gcov's paths through _virtual_includes (headers of
// a cc_library with include_prefix or strip_include_prefix, and c_mock's
// generated headers) become the files the manifest lists. Lines that are not
// exactly one pair are skipped, as Bazel's merger skips them.
func sourceRenames(path string) (map[string]string, error) {
	lines, err := readLines(path)
	if err != nil {
		return nil, err
	}
	renames := map[string]string{}
	for _, l := range lines {
		if parts := strings.Split(l, ":"); len(parts) == 2 {
			renames[parts[0]] = parts[1]
		}
	}
	return renames, nil
}

// readLines returns the non-empty lines of a file.
func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			lines = append(lines, l)
		}
	}
	return lines, sc.Err()
}
