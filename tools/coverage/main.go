// Command coverage measures line coverage of the whole repository, C and Go,
// and checks it against the floors in floors.txt:
//
//	tools/bazel run //tools/coverage
//
// It runs `bazel coverage //...` (every test, including the service binaries
// the integration tests start; see docs/testing.md), then, from the combined
// lcov report and each test's own coverage.dat:
//
//   - writes HTML with lcov's genhtml, and report.md, into
//     bazel-coverage-html/ (git-ignored);
//   - aligns each C file of clib/: which lines only the C unit tests reach,
//     only the Go tests, both, or neither;
//   - regenerates the coverage section of docs/testing.md;
//   - exits 1 when a package, or a tree, is below its floor, or when an
//     integration test's coverage lacks what only the service binary it
//     starts can have run.
//
// -run=false skips `bazel coverage` and reports on the last run.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"example.com/starter/tools/coverage/lcov"
	"example.com/starter/tools/internal/bazelcmd"
	"example.com/starter/tools/internal/docsection"
	"example.com/starter/tools/internal/machine"
)

// combinedReport is where `bazel coverage --combined_report=lcov` (set in
// .bazelrc) writes the merged report, relative to the workspace.
const combinedReport = "bazel-out/_coverage/_coverage_report.dat"

func main() {
	workspace := flag.String("workspace", os.Getenv("BUILD_WORKSPACE_DIRECTORY"), "workspace to measure (set by bazel run)")
	run := flag.Bool("run", true, "run `bazel coverage //...` first; false reports on the last run")
	out := flag.String("out", "bazel-coverage-html", "directory for the HTML and report.md, relative to the workspace")
	doc := flag.String("doc", "docs/testing.md", "Markdown file whose generated coverage section to rewrite, relative to the workspace; empty for none")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("coverage: ")
	if *workspace == "" {
		log.Fatal("run me with `tools/bazel run //tools/coverage`, or pass -workspace")
	}
	rep, err := measure(*workspace, *run, filepath.Join(*workspace, *out))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(checksMarkdown(rep.checks))
	if *doc != "" {
		path := filepath.Join(*workspace, *doc)
		if err := docsection.ReplaceInFile(path, "coverage", rep.markdown()); err != nil {
			log.Fatal(err)
		}
		log.Printf("wrote the coverage section of %s", path)
	}
	log.Printf("HTML: %s", filepath.Join(*workspace, *out, "index.html"))
	if failures := rep.failures(); len(failures) > 0 {
		for _, f := range failures {
			log.Print("FAIL ", f)
		}
		os.Exit(1)
	}
}

// measure runs the tests (if run), reads their coverage and writes the HTML
// and report.md into outDir.
func measure(workspace string, run bool, outDir string) (report, error) {
	bz := bazelcmd.Workspace{Dir: workspace, Log: os.Stderr}
	if run {
		// The filter is Bazel's default for //..., spelled out so that the
		// figures do not depend on which targets were asked for.
		if _, err := bz.Run([]string{"coverage", "--instrumentation_filter=^//", "//..."}); err != nil {
			return report{}, err
		}
	}
	floorsFile, err := os.Open(filepath.Join(workspace, "tools", "coverage", "floors.txt"))
	if err != nil {
		return report{}, err
	}
	floors, err := parseFloors(floorsFile)
	floorsFile.Close()
	if err != nil {
		return report{}, fmt.Errorf("floors.txt: %w", err)
	}
	combinedPath := filepath.Join(workspace, combinedReport)
	combined, err := lcov.ParseFile(combinedPath)
	if err != nil {
		return report{}, fmt.Errorf("%w (run `tools/bazel coverage //...` first, or drop -run=false)", err)
	}
	rep := report{checks: checks(combined, floors), floors: floors}

	if rep.cTests, err = queryTests(bz, "cc_test"); err != nil {
		return report{}, err
	}
	if rep.goTests, err = queryTests(bz, "go_test"); err != nil {
		return report{}, err
	}
	cReports, err := testReports(workspace, rep.cTests)
	if err != nil {
		return report{}, err
	}
	goReports, err := testReports(workspace, rep.goTests)
	if err != nil {
		return report{}, err
	}
	integration, err := bz.Query(nil, integrationQuery)
	if err != nil {
		return report{}, err
	}
	for _, label := range integration {
		path := filepath.Join(workspace, "bazel-testlogs", testlogsDir(label), "coverage.dat")
		tr, err := lcov.ParseFile(path)
		if err != nil {
			return report{}, err
		}
		rep.integration = append(rep.integration, label)
		rep.problems = append(rep.problems, subprocessProblems(label, tr)...)
	}
	cFiles := lcov.Report{}
	for file, lines := range combined {
		if strings.HasPrefix(file, "clib/") && strings.HasSuffix(file, ".c") {
			cFiles[file] = lines
		}
	}
	rep.alignment = align(cFiles, cReports, goReports)

	if rep.lcov, err = genhtml(workspace, combinedPath, outDir); err != nil {
		return report{}, err
	}
	if err := os.WriteFile(filepath.Join(outDir, "report.md"), []byte(rep.markdown()), 0o644); err != nil {
		return report{}, err
	}
	rep.stamp = machine.Measure(workspace)
	return rep, nil
}

// queryTests lists the test targets of a rule kind in //... (c_unit_test is
// a macro around cc_test).
func queryTests(bz bazelcmd.Workspace, kind string) ([]string, error) {
	return bz.Query(nil, fmt.Sprintf("kind(%q, //...)", kind+" rule"))
}

// testReports reads each test's coverage.dat from bazel-testlogs. A test
// that did not run here (incompatible with this platform, or tagged manual)
// has none and is left out, which the log says.
func testReports(workspace string, labels []string) ([]lcov.Report, error) {
	var reps []lcov.Report
	for _, label := range labels {
		path := filepath.Join(workspace, "bazel-testlogs", testlogsDir(label), "coverage.dat")
		if _, err := os.Stat(path); os.IsNotExist(err) {
			log.Printf("%s: no coverage.dat (the test did not run); left out of the alignment", label)
			continue
		}
		rep, err := lcov.ParseFile(path)
		if err != nil {
			return nil, err
		}
		reps = append(reps, rep)
	}
	return reps, nil
}

// testlogsDir is where Bazel keeps a test's outputs under bazel-testlogs:
// //a/b:c is a/b/c.
func testlogsDir(label string) string {
	pkg, name, _ := strings.Cut(strings.TrimPrefix(label, "//"), ":")
	return filepath.Join(pkg, name)
}

// genhtml writes HTML for the report into outDir and returns genhtml's
// version. It runs in the workspace, since the report's paths are relative
// to it.
func genhtml(workspace, reportPath, outDir string) (string, error) {
	version, err := exec.Command("genhtml", "--version").Output()
	if err != nil {
		return "", fmt.Errorf("genhtml --version: %v (install lcov: `apt-get install lcov`; offline mode installs it in its build root)", err)
	}
	if err := os.RemoveAll(outDir); err != nil {
		return "", err
	}
	cmd := exec.Command("genhtml", "--quiet", "--output-directory", outDir, reportPath)
	cmd.Dir = workspace
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("genhtml: %v", err)
	}
	return strings.TrimSpace(string(version)), nil
}
