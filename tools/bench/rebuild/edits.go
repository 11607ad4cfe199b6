package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// An edit is one canonical change a developer makes. apply must produce
// different content for every rep, so that no build can be satisfied by an
// earlier one; the benchmark restores the touched files afterwards.
type edit struct {
	name string
	// file is the edited file, relative to the workspace; the expected
	// rebuild set is everything that depends on it.
	file string
	// touched lists every file apply changes (file first).
	touched []string
	// apply edits the workspace copy; path is file's absolute path there.
	apply func(path string, rep int) error
	// check returns why a measured build missed this edit's target, if it did.
	check func(r run) []string
	// sameEveryRep marks an edit whose content cannot vary by rep. Bazel
	// still measures it each time (restoring and rebuilding in between
	// evicts it from the action cache), but go's content-addressed cache
	// would answer every rep after the first, so go measures it once.
	sameEveryRep bool
}

// canonicalEdits are the edits the benchmark measures, in report order.
func canonicalEdits(bumpModule, bumpVersion string) []edit {
	return []edit{
		{
			name: "C body", file: "clib/simd/kernels_scalar.c",
			// A volatile local changes the generated code even at -O0, so
			// the object differs and the relink is real. The first function
			// is a kernel reached through the dispatch table, so it is
			// compiled and linked, never dropped as unused.
			apply: insertAfter(`(?m)^\S.*\) \{\n`, "  volatile int rebuild_bench_edit = %d;\n  (void)rebuild_bench_edit;\n"),
			check: onlyCompiles("kernels_scalar"),
		},
		{
			name: "C public header", file: "clib/simd/simd.h",
			apply: insertBefore(`(?m)^#ifdef __cplusplus\n\}`, "simd_status simd_rebuild_bench_%d(void);\n\n"),
		},
		{
			name: "Go service file", file: "services/scand/scanserver/server.go",
			apply: appendText("\n// rebuildBenchEdit changes the package's compiled code.\nvar rebuildBenchEdit = %d\n"),
			check: noCCompile,
		},
		{
			name: "proto comment", file: "proto/scan/v1/scan.proto",
			apply: appendText("\n// Detached comment %d: not attached to any declaration.\n"),
			check: noCCompile,
		},
		{
			name: "proto field", file: "proto/scan/v1/scan.proto",
			apply: insertAfter(`(?m)^message \w+ \{\n`, "  string rebuild_bench_note = %d;\n", 1000),
			check: noCCompile,
		},
		{
			name: "go.mod bump " + bumpModule + "@" + bumpVersion, file: "go.mod",
			touched:      []string{"go.mod", "go.sum"},
			apply:        goGet(bumpModule, bumpVersion),
			check:        noCCompile,
			sameEveryRep: true,
		},
	}
}

// touchedFiles is the list of files an edit changes.
func (e edit) touchedFiles() []string {
	if e.touched != nil {
		return e.touched
	}
	return []string{e.file}
}

// insertAfter returns an apply that inserts format (with rep+offset[0]) after
// the first match of pattern in the edited file.
func insertAfter(pattern, format string, offset ...int) func(string, int) error {
	return rewrite(pattern, format, offset, func(src []byte, loc []int, text string) []byte {
		return join(src[:loc[1]], text, src[loc[1]:])
	})
}

// insertBefore is insertAfter, but inserts before the match.
func insertBefore(pattern, format string) func(string, int) error {
	return rewrite(pattern, format, nil, func(src []byte, loc []int, text string) []byte {
		return join(src[:loc[0]], text, src[loc[0]:])
	})
}

func appendText(format string) func(string, int) error {
	return rewrite(`\z`, format, nil, func(src []byte, _ []int, text string) []byte {
		return join(src, text, nil)
	})
}

func join(a []byte, text string, b []byte) []byte {
	return bytes.Join([][]byte{a, []byte(text), b}, nil)
}

// rewrite is the shared body of the text edits: it finds pattern in the
// file and splices in format, formatted with the rep number.
func rewrite(pattern, format string, offset []int, splice func([]byte, []int, string) []byte) func(string, int) error {
	re := regexp.MustCompile(pattern)
	return func(path string, rep int) error {
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		loc := re.FindIndex(src)
		if loc == nil {
			return fmt.Errorf("%s: no match for %q; update the benchmark's edit", path, pattern)
		}
		n := rep
		if len(offset) > 0 {
			n += offset[0]
		}
		return os.WriteFile(path, splice(src, loc, fmt.Sprintf(format, n)), 0o644)
	}
}

// goGet bumps a module with the go command, which also updates go.sum. Every
// rep applies the same bump: the benchmark restores go.mod and rebuilds in
// between, so each measured build still starts from the old version.
func goGet(module, version string) func(string, int) error {
	return func(gomod string, _ int) error {
		cmd := exec.Command("go", "get", module+"@"+version)
		cmd.Dir = filepath.Dir(gomod)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go get %s@%s: %v\n%s", module, version, err, out)
		}
		return nil
	}
}

// onlyCompiles fails a run that compiled any C object other than those of
// the edited source file (stem, e.g. "kernels_scalar" for kernels_scalar.c
// and kernels_scalar.pic.o).
func onlyCompiles(stem string) func(run) []string {
	return func(r run) []string {
		var bad []string
		for _, s := range r.spawns {
			if s.Mnemonic != "CppCompile" {
				continue
			}
			for _, o := range s.Outputs {
				if strings.HasSuffix(o, ".o") && !strings.HasPrefix(filepath.Base(o), stem+".") {
					bad = append(bad, "recompiled unrelated C object "+o)
				}
			}
		}
		return bad
	}
}

// noCCompile fails a run that compiled any C.
func noCCompile(r run) []string {
	if n := r.count("CppCompile"); n > 0 {
		return []string{fmt.Sprintf("ran %d C compiles for an edit that touches no C", n)}
	}
	return nil
}
