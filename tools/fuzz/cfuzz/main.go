// Command cfuzz runs every libFuzzer target of clib (tools/fuzz/defs.bzl)
// for a fixed number of inputs and records, per target, the inputs run,
// the coverage reached and the time taken in docs/testing.md. It is a
// measurement, not a CI check (each target's _test runs a short smoke run
// in CI's clang pass):
//
//	tools/bazel run --config=libfuzzer //tools/fuzz/cfuzz
//	tools/bazel run --config=libfuzzer //tools/fuzz/cfuzz -- -runs=100000 -doc=
//
// Every target starts from an empty corpus with a fixed seed, so a run is
// reproducible on one machine. A finding (a sanitizer report or a failed
// check) is recorded as such, its report printed, and the command fails.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/bazelbuild/rules_go/go/runfiles"

	"example.com/starter/tools/internal/docsection"
	"example.com/starter/tools/internal/machine"
)

// targetRlocations lists the fuzz binaries, space-separated; set by x_defs
// in BUILD.bazel.
var targetRlocations string

const command = "tools/bazel run --config=libfuzzer //tools/fuzz/cfuzz"

func main() {
	runs := flag.Int("runs", 1_000_000, "inputs per target (libFuzzer's -runs)")
	maxLen := flag.Int("max_len", 4096, "longest input generated (libFuzzer's -max_len)")
	doc := flag.String("doc", "docs/testing.md", "Markdown file whose cfuzz section is rewritten (relative to the workspace); empty to only print")
	flag.Parse()

	var results []result
	failed := false
	for _, rl := range strings.Fields(targetRlocations) {
		bin, err := runfiles.Rlocation(rl)
		if err != nil {
			log.Fatalf("finding %s: %v", rl, err)
		}
		name := label(rl)
		log.Printf("fuzzing %s for %d inputs", name, *runs)
		res, report, err := fuzz(name, bin, *runs, *maxLen)
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		if res.finding {
			failed = true
			fmt.Fprintf(os.Stderr, "=== finding in %s\n%s\n", name, report)
		}
		log.Printf("%s: %s", name, res.summary())
		results = append(results, res)
	}

	ws := os.Getenv("BUILD_WORKSPACE_DIRECTORY")
	// --config=libfuzzer is --config=clang: clang built the targets.
	body := markdown(results, machine.Measure(ws), machine.ToolVersion("clang"), *runs, *maxLen)
	if *doc == "" {
		fmt.Print(body)
	} else {
		path := *doc
		if ws != "" && !filepath.IsAbs(path) {
			path = filepath.Join(ws, path)
		}
		if err := docsection.ReplaceInFile(path, "cfuzz", body); err != nil {
			log.Fatal(err)
		}
		log.Printf("wrote the cfuzz section of %s", path)
	}
	if failed {
		os.Exit(1)
	}
}

// fuzz runs one target in a fresh corpus directory and returns what its
// final statistics say, and its output when it found something.
func fuzz(name, bin string, runs, maxLen int) (result, string, error) {
	corpus, err := os.MkdirTemp("", "cfuzz-corpus")
	if err != nil {
		return result{}, "", err
	}
	defer os.RemoveAll(corpus)
	cmd := exec.Command(bin, fmt.Sprintf("-runs=%d", runs), "-seed=1",
		fmt.Sprintf("-max_len=%d", maxLen), "-print_final_stats=1", corpus)
	cmd.Dir = corpus // crash-* and leak-* files land here, not in runfiles
	start := time.Now()
	out, err := cmd.CombinedOutput()
	elapsed := time.Since(start)
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		return result{}, "", err // did not run at all
	}
	res := parse(name, string(out))
	res.elapsed = elapsed
	res.finding = err != nil
	return res, string(out), nil
}

// label turns a target's runfiles path, "_main/clib/simd/compare_fuzz",
// into its label, "//clib/simd:compare_fuzz".
func label(rlocation string) string {
	dir, base := path.Split(strings.TrimPrefix(rlocation, "_main/"))
	return "//" + strings.TrimSuffix(dir, "/") + ":" + base
}
