package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/m.gcov.json.gz is what `gcov -i -b`, run as collect_cc_coverage.sh
// runs it, wrote with the build root's GCC 16 for testdata/m.c (compiled as
// clib/example/m.c with --coverage at -O0) after one run of the program.
// testdata/go_coverage.dat is lcov as rules_go's test runner writes it.

func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyTestdata(t *testing.T, name, dst string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, dst, string(b))
}

func readOutput(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The lcov merger's role: a coverage directory as a cgo test leaves it, with
// Go lcov and the C objects' gcov JSON (two objects built from the same
// source, so their counts add up).
func TestMergeCoverageDir(t *testing.T) {
	dir := t.TempDir()
	covDir := filepath.Join(dir, "coverage")
	copyTestdata(t, "go_coverage.dat", filepath.Join(covDir, "go_coverage.1.dat"))
	writeTestFile(t, filepath.Join(covDir, "go_coverage.2.dat"), `TN:
SF:services/example/example.go
DA:7,2
DA:9,1
LH:2
LF:2
end_of_record
SF:/usr/include/stdio.h
DA:1,1
end_of_record
SF:services/example/example_test.go
DA:3,1
end_of_record
SF:bazel-out/k8-fastbuild/bin/clib/example/_virtual_includes/mock/example.h
DA:2,1
end_of_record
`)
	copyTestdata(t, "m.gcov.json.gz", filepath.Join(covDir, "clib/example/_objs/a/m.gcov.json.gz"))
	copyTestdata(t, "m.gcov.json.gz", filepath.Join(covDir, "clib/example/_objs/b/m.gcov.json.gz"))
	// collect_cc_coverage.sh's leftovers when gcov wrote JSON.
	writeTestFile(t, filepath.Join(covDir, "_cc_coverage.gcov"), "")
	writeTestFile(t, filepath.Join(covDir, "clib/example/_objs/a/m.gcda"), "not read")
	// collect_coverage.sh creates the output first, here inside the directory.
	out := filepath.Join(covDir, "_coverage.dat")
	writeTestFile(t, out, "SF:stale\nend_of_record\n")
	manifest := filepath.Join(dir, "manifest")
	writeTestFile(t, manifest, "clib/example/m.c\nclib/example/_objs/a/m.gcno\nclib/example/example.h\nservices/example/example.go\n/usr/include/stdio.h\n")
	replace := filepath.Join(dir, "reported_to_actual_sources.txt")
	writeTestFile(t, replace, "bazel-out/k8-fastbuild/bin/clib/example/_virtual_includes/mock/example.h:clib/example/example.h\n")

	o, err := parseFlags([]string{
		"--coverage_dir=" + covDir,
		"--output_file=" + out,
		"--filter_sources=/usr/bin/.+",
		"--filter_sources=/usr/include.+",
		"--source_file_manifest=" + manifest,
		"--sources_to_replace_file=" + replace,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := run(o); err != nil {
		t.Fatal(err)
	}

	want := `SF:clib/example/example.h
FNF:0
FNH:0
BRF:0
BRH:0
DA:2,1
LF:1
LH:1
end_of_record
SF:clib/example/m.c
FN:3,twice
FN:5,pick
FN:12,unused
FN:14,main
FNDA:4,twice
FNDA:6,pick
FNDA:0,unused
FNDA:2,main
FNF:4
FNH:3
BRDA:6,0,0,4
BRDA:6,0,1,2
BRDA:16,0,0,6
BRDA:16,0,1,2
BRF:4
BRH:4
DA:3,4
DA:5,6
DA:6,6
DA:7,4
DA:9,2
DA:12,0
DA:14,2
DA:15,2
DA:16,8
DA:17,2
DA:18,2
LF:11
LH:10
end_of_record
SF:services/example/example.go
FNF:0
FNH:0
BRF:0
BRH:0
DA:5,1
DA:6,1
DA:7,2
DA:9,4
LF:4
LH:4
end_of_record
`
	if got := readOutput(t, out); got != want {
		t.Errorf("merged lcov:\n%s\nwant:\n%s", got, want)
	}
}

// The report generator's role: the per-test lcov files Bazel lists, including
// an empty one (a test that covered nothing).
func TestMergeReportsFile(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a", "coverage.dat")
	b := filepath.Join(dir, "b", "coverage.dat")
	empty := filepath.Join(dir, "c", "coverage.dat")
	writeTestFile(t, a, `SF:x.c
FN:2,f
FN:8,g
FNDA:1,f
FNDA:0,g
FNF:2
FNH:1
BRDA:3,0,0,1
BRDA:3,0,1,0
BRDA:9,0,0,-
BRDA:9,0,1,-
BRF:4
BRH:1
DA:2,1
DA:3,1
DA:8,0
DA:9,0
LF:4
LH:2
end_of_record
`)
	writeTestFile(t, b, `SF:x.c
FN:2,f
FN:8,g
FNDA:0,f
FNDA:2,g
BRDA:3,0,0,0
BRDA:3,0,1,0
BRDA:9,0,0,2
BRDA:9,0,1,-
DA:2,0
DA:3,0
DA:8,2
DA:9,2
end_of_record
`)
	writeTestFile(t, empty, "")
	reports := filepath.Join(dir, "lcov_files.tmp")
	writeTestFile(t, reports, strings.Join([]string{a, b, empty}, "\n"))
	out := filepath.Join(dir, "_coverage_report.dat")

	o, err := parseFlags([]string{"--reports_file=" + reports, "--output_file=" + out})
	if err != nil {
		t.Fatal(err)
	}
	if err := run(o); err != nil {
		t.Fatal(err)
	}

	// g's branch 1 never saw its block run ("-" twice) and stays "-"; a
	// branch whose block ran but was never taken is 0 and not hit.
	want := `SF:x.c
FN:2,f
FN:8,g
FNDA:1,f
FNDA:2,g
FNF:2
FNH:2
BRDA:3,0,0,1
BRDA:3,0,1,0
BRDA:9,0,0,2
BRDA:9,0,1,-
BRF:4
BRH:2
DA:2,1
DA:3,1
DA:8,2
DA:9,2
LF:4
LH:4
end_of_record
`
	if got := readOutput(t, out); got != want {
		t.Errorf("merged lcov:\n%s\nwant:\n%s", got, want)
	}
}

// Nothing covered still writes the output Bazel declared.
func TestEmptyCoverageDirWritesEmptyOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "coverage.dat")
	if err := run(options{coverageDir: dir, outputFile: out}); err != nil {
		t.Fatal(err)
	}
	if got := readOutput(t, out); got != "" {
		t.Errorf("output = %q, want empty", got)
	}
}

func TestRejectsWhatItCannotMerge(t *testing.T) {
	for name, tc := range map[string]struct {
		file, content string
	}{
		"unknown record":       {"x.dat", "SF:a\nMCDC:1,0,t,1,0,x\nend_of_record\n"},
		"FNDA before FN":       {"x.dat", "SF:a\nFNDA:1,f\nend_of_record\n"},
		"no end_of_record":     {"x.dat", "SF:a\nDA:1,1\n"},
		"data outside record":  {"x.dat", "DA:1,1\n"},
		"negative count":       {"x.dat", "SF:a\nDA:1,-1\nend_of_record\n"},
		"gcov text format":     {"x.gcov", "file:a.c\nlcount:1,1\n"},
		"clang profdata":       {"x.profdata", "\xffprofdata"},
		"gcov JSON not gzip":   {"x.gcov.json.gz", "{}"},
		"gcov JSON version 99": {"x.gcov.json.gz", gzipped(`{"format_version":"99","files":[]}`)},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeTestFile(t, filepath.Join(dir, tc.file), tc.content)
			err := run(options{coverageDir: dir, outputFile: filepath.Join(t.TempDir(), "out.dat")})
			if err == nil {
				t.Fatal("merged without error")
			}
			t.Log(err)
		})
	}
}

func gzipped(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s)) // A bytes.Buffer does not fail.
	zw.Close()
	return b.String()
}

func TestParseFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--output_file=o"},
		{"--coverage_dir=d", "--reports_file=r", "--output_file=o"},
		{"--coverage_dir=d"},
		{"--coverage_dir=d", "--output_file=o", "--parse_parallelism=4"},
		{"--coverage_dir=d", "--output_file=o", "-v"},
		{"--coverage_dir=d", "--output_file=o", "--filter_sources=("},
	} {
		if _, err := parseFlags(args); err == nil {
			t.Errorf("parseFlags(%q) succeeded", args)
		}
	}
}

// --filter_sources matches whole paths, as Java's String.matches does in
// Bazel's merger: /usr/include.+ must not drop a source that merely contains
// it.
func TestFilterSourcesMatchesWholePath(t *testing.T) {
	o, err := parseFlags([]string{"--coverage_dir=d", "--output_file=o", "--filter_sources=/usr/include.+"})
	if err != nil {
		t.Fatal(err)
	}
	c := coverage{}
	c.file("/usr/include/stdio.h")
	c.file("third_party/usr/include/x.h")
	c.filter(o.filterSources, nil)
	if _, ok := c["third_party/usr/include/x.h"]; !ok || len(c) != 1 {
		t.Errorf("after filter: %v", c)
	}
}
