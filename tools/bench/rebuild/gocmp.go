package main

import (
	"bytes"
	"fmt"
	"log"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// goCompare repeats edits with plain `go build` and `go test`. Only packages
// that plain go can build take part: those importing generated protos cannot
// (their .pb.go files exist only in Bazel's output), while cgo packages in
// clib/ can, because their C sources sit next to the Go binding.
type goCompare struct {
	dir      string
	packages []string
	pkgDirs  map[string]bool
}

// goRun is one measured `go build` and `go test` of the packages.
type goRun struct {
	build, test goCommand
}

// goCommand is one timed go command and the steps its -x trace shows.
type goCommand struct {
	wall                  time.Duration
	compiles, links, ccCC int
}

func newGoCompare(dir string) (*goCompare, error) {
	// A package whose own code builds may still have tests that import
	// generated protos (zerocopy's do): `go test` fails its setup, so it is
	// left out of both commands.
	out, err := goCmd(dir, "list", "-e", "-test", "-f", "{{if and .Incomplete .ForTest}}{{.ForTest}}{{end}}", "./...")
	if err != nil {
		return nil, err
	}
	untestable := strings.Fields(out)
	// Test-only packages (no GoFiles) are left out: `go build` refuses them.
	out, err = goCmd(dir, "list", "-e", "-f", "{{if and (not .Incomplete) (or .GoFiles .CgoFiles)}}{{.ImportPath}} {{.Dir}}{{end}}", "./...")
	if err != nil {
		return nil, err
	}
	gc := &goCompare{dir: dir, pkgDirs: map[string]bool{}}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		// Only "importpath /dir" lines: go may add warnings to the output.
		if path, pkgDir, ok := strings.Cut(line, " "); ok && filepath.IsAbs(pkgDir) && !slices.Contains(untestable, path) {
			gc.packages = append(gc.packages, path)
			gc.pkgDirs[pkgDir] = true
		}
	}
	if len(gc.packages) == 0 {
		return nil, fmt.Errorf("go list ./... found no package that builds and tests without Bazel")
	}
	return gc, nil
}

// applies reports whether plain go builds the edited file: it is go.mod or
// sits in a package that builds.
func (gc *goCompare) applies(e edit) bool {
	return e.file == "go.mod" || gc.pkgDirs[filepath.Join(gc.dir, filepath.Dir(e.file))]
}

// measure warms go's build and test caches, then times the edit reps times
// (once if the edit is the same every rep).
func (gc *goCompare) measure(e edit, reps int) ([]goRun, error) {
	if e.sameEveryRep {
		reps = 1
	}
	if _, err := gc.run("build"); err != nil {
		return nil, err
	}
	if _, err := gc.run("test"); err != nil {
		return nil, err
	}
	restore, err := snapshot(gc.dir, e.touchedFiles())
	if err != nil {
		return nil, err
	}
	var runs []goRun
	for i := 1; i <= reps; i++ {
		log.Printf("%s: go build and go test %d/%d", e.name, i, reps)
		// Rep numbers past those Bazel saw: go's cache is content-addressed,
		// so reusing them would measure cache hits.
		if err := e.apply(filepath.Join(gc.dir, e.file), reps+i); err != nil {
			return nil, err
		}
		var r goRun
		if r.build, err = gc.run("build"); err != nil {
			return nil, err
		}
		if r.test, err = gc.run("test"); err != nil {
			return nil, err
		}
		runs = append(runs, r)
		if err := restore(); err != nil {
			return nil, err
		}
	}
	return runs, nil
}

// run times `go build|test -x` over the packages and counts the compiler,
// linker and C compiler invocations in the trace.
func (gc *goCompare) run(verb string) (goCommand, error) {
	start := time.Now()
	trace, err := goCmd(gc.dir, append([]string{verb, "-x"}, gc.packages...)...)
	c := goCommand{wall: time.Since(start)}
	if err != nil {
		return c, err
	}
	for _, m := range traceCmdRE.FindAllStringSubmatch(trace, -1) {
		switch filepath.Base(m[1]) {
		case "compile":
			c.compiles++
		case "link":
			c.links++
		case "gcc", "cc", "clang":
			c.ccCC++
		}
	}
	return c, nil
}

// traceCmdRE matches the command of a line of go's -x trace, after any
// VAR=value prefixes (cgo runs `TERM='dumb' gcc ...`).
var traceCmdRE = regexp.MustCompile(`(?m)^(?:[A-Z_]+=\S+ )*(\S+)`)

// goCmd runs the go command in dir and returns its combined output.
func goCmd(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("go %s: %w\n%s", strings.Join(args[:1], " "), err, out.String())
	}
	return out.String(), nil
}
