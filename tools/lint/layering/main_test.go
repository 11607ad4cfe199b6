// Package layering checks that the repository's layers point one way:
// code under services/ and clib/ never imports tools/ (developer tooling),
// and clib/ never imports services/.
package layering

import (
	"errors"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bazelbuild/rules_go/go/runfiles"
)

const module = "example.com/starter/"

// forbidden maps a top-level directory to the import path prefixes its Go
// files may not import.
var forbidden = map[string][]string{
	"services": {module + "tools/"},
	"clib":     {module + "tools/", module + "services/"},
}

// violations lists "file: import" for every forbidden import under root.
func violations(t *testing.T, root string) []string {
	t.Helper()
	var found []string
	for dir, prefixes := range forbidden {
		if _, err := os.Stat(filepath.Join(root, dir)); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
				return err
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				for _, prefix := range prefixes {
					if strings.HasPrefix(p, prefix) {
						rel, _ := filepath.Rel(root, path)
						found = append(found, rel+": "+p)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return found
}

func TestLayersPointOneWay(t *testing.T) {
	// Under `bazel test` the marker is a runfiles symlink into the source
	// tree (the test runs unsandboxed); `go test` runs in the package.
	root := "../../.."
	if marker := os.Getenv("WORKSPACE_MARKER"); marker != "" {
		path, err := runfiles.Rlocation(marker)
		if err != nil {
			t.Fatal(err)
		}
		real, err := filepath.EvalSymlinks(path)
		if err != nil {
			t.Fatal(err)
		}
		root = filepath.Dir(real)
	}
	for _, v := range violations(t, root) {
		t.Errorf("%s: services/ and clib/ must not import tools/, nor clib/ services/; move what both need to services/ (see services/servicekit)", v)
	}
}

func TestViolationsAreFound(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "services", "x")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src := "package x\n\nimport _ \"" + module + "tools/demo\"\n"
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := violations(t, root); len(got) != 1 || got[0] != "services/x/x.go: "+module+"tools/demo" {
		t.Errorf("violations = %q, want the one planted import", got)
	}
}
