// Command gofmt lists the Go files of a source tree that gofmt would change,
// and exits 1 if there are any; with -w it rewrites them instead.
//
// It formats with go/format, the library gofmt itself is built on, so that
// the check needs no Go SDK binary at test time.
//
//	tools/bazel run //tools/lint:gofmt -- -w   reformat every Go file
//	tools/bazel test //tools/lint:gofmt_test   fail on any unformatted file
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	write := flag.Bool("w", false, "rewrite unformatted files instead of failing")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: %s [-w] [DIR]\n", os.Args[0])
		flag.PrintDefaults()
	}
	flag.Parse()
	root := flag.Arg(0)
	if ws := os.Getenv("BUILD_WORKSPACE_DIRECTORY"); root == "" && ws != "" {
		root = ws
	}
	if root == "" || flag.NArg() > 1 {
		flag.Usage()
		os.Exit(2)
	}
	bad, err := unformatted(root, *write)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if len(bad) > 0 && !*write {
		fmt.Fprintf(os.Stderr, "%d Go files are not gofmt-formatted:\n  %s\nrun: tools/bazel run //tools/lint/gofmt -- -w\n",
			len(bad), strings.Join(bad, "\n  "))
		os.Exit(1)
	}
}

// unformatted returns the .go files under root (relative paths) whose
// content differs from its gofmt form, rewriting them if write is set. It
// skips version control and Bazel's output symlinks. A file that does not
// parse is an error: gofmt cannot vouch for it.
func unformatted(root string, write bool) ([]string, error) {
	var bad []string
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (name == ".git" || strings.HasPrefix(name, "bazel-")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		n++
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out, err := format.Source(src)
		if err != nil {
			return fmt.Errorf("gofmt: %w", err)
		}
		if bytes.Equal(src, out) {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		bad = append(bad, rel)
		if write {
			return os.WriteFile(path, out, d.Type().Perm()|0o600)
		}
		return nil
	})
	if err == nil && n == 0 {
		err = fmt.Errorf("no Go files under %s: is the directory right?", root)
	}
	return bad, err
}
