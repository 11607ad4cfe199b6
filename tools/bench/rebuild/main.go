// Command rebuild measures how much Bazel rebuilds after canonical edits
// (a C body, a C header, a Go file, a proto comment and field, a go.mod bump)
// and compares it with what the dependency graph implies and with plain go.
//
// It works on a scratch copy of the workspace, so the user's tree is never
// edited, and writes its report to the rebuild-benchmark section of
// docs/build.md:
//
//	tools/bazel run //tools/bench/rebuild -- [-reps=3]
//
// The copy's builds disable the disk cache: a cache would serve the very
// actions being counted. It exits 1 if an edit misses its target (a C body
// edit recompiling other objects, a Go edit compiling C, a no-op build running
// actions, or any build running actions outside the expected set).
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"example.com/starter/tools/internal/bazelcmd"
	"example.com/starter/tools/internal/docsection"
	"example.com/starter/tools/internal/machine"
	"example.com/starter/tools/internal/scratch"
)

// defaultBump is the go.mod edit's upgrade; edits_test checks that go.mod
// requires the module, so the default keeps working as go.mod changes.
const defaultBump = "go.yaml.in/yaml/v3@v3.0.6"

func main() {
	reps := flag.Int("reps", 3, "measured builds per edit; the report gives medians")
	bump := flag.String("bump", defaultBump, "module@version for the go.mod edit: a small, safe upgrade of an indirect dependency")
	workspace := flag.String("workspace", os.Getenv("BUILD_WORKSPACE_DIRECTORY"), "workspace to copy and to write docs/build.md in (set by bazel run)")
	flag.Parse()
	log.SetFlags(log.Ltime)
	if *workspace == "" {
		log.Fatal("run me with `tools/bazel run //tools/bench/rebuild`, or pass -workspace")
	}
	module, version, ok := strings.Cut(*bump, "@")
	if !ok {
		log.Fatalf("-bump=%q: want module@version", *bump)
	}

	rep, err := benchmark(*workspace, *reps, module, version)
	if err != nil {
		log.Fatal(err)
	}
	doc := filepath.Join(*workspace, "docs", "build.md")
	if err := docsection.ReplaceInFile(doc, "rebuild-benchmark", rep.markdown()); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s", doc)
	if failures := rep.failures(); len(failures) > 0 {
		for _, f := range failures {
			log.Print("FAIL ", f)
		}
		os.Exit(1)
	}
}

// benchmark copies the workspace to a fixed scratch directory (a fixed path
// keeps the copy's Bazel output base, and its fetched repositories, from run
// to run) and measures every edit there.
func benchmark(workspace string, reps int, module, version string) (*report, error) {
	home, dir, err := scratch.Prepare(workspace, "rebuild-bench")
	if err != nil {
		return nil, err
	}
	logFile, err := os.Create(filepath.Join(home, "bazel.log"))
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	log.Printf("Bazel output goes to %s", logFile.Name())

	b := &bench{
		bz:      bazelcmd.Workspace{Dir: dir, Log: logFile},
		execLog: filepath.Join(home, "exec.json"),
		reps:    reps,
	}
	// The copy's Bazel server is ours: stop it, whatever happens.
	defer b.bz.Run([]string{"shutdown"})

	rep := &report{reps: reps, stamp: machine.Measure(workspace)}
	log.Print("warm-up build of //... (the first one in a new copy takes minutes)")
	if _, err := b.build(); err != nil {
		return nil, err
	}
	if rep.noop, err = b.noop(); err != nil {
		return nil, err
	}
	gc, err := newGoCompare(dir)
	if err != nil {
		return nil, err
	}
	rep.goPackages = gc.packages
	for _, e := range canonicalEdits(module, version) {
		r, err := b.measure(e, module)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.name, err)
		}
		if gc.applies(e) {
			if r.goRuns, err = gc.measure(e, reps); err != nil {
				return nil, fmt.Errorf("%s with go: %w", e.name, err)
			}
		}
		rep.edits = append(rep.edits, r)
	}
	return rep, nil
}
