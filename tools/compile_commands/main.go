// Command compile_commands writes compile_commands.json at the workspace
// root, so clangd understands the repository's C exactly as Bazel compiles
// it:
//
//	tools/bazel run //tools:compile_commands
//
// The commands come from `bazel aquery`; their paths are relative to Bazel's
// execution root, which every entry names as its directory. The targets are
// built first, so the external/ and bazel-out/ paths the commands mention
// exist. It fails if a C source under clib/ ends up without an entry.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strings"

	"example.com/starter/tools/compile_commands/compdb"
	"example.com/starter/tools/internal/bazelcmd"
)

func main() {
	scope := flag.String("scope", "//...", "targets whose C compiles to include")
	workspace := flag.String("workspace", os.Getenv("BUILD_WORKSPACE_DIRECTORY"), "workspace root (set by bazel run)")
	flag.Parse()
	log.SetFlags(0)
	if *workspace == "" {
		log.Fatal("run me with `tools/bazel run //tools:compile_commands`, or pass -workspace")
	}
	entries, err := generate(bazelcmd.Workspace{Dir: *workspace}, *scope)
	if err != nil {
		log.Fatal(err)
	}
	if missing, err := missingClibSources(*workspace, entries); err != nil {
		log.Fatal(err)
	} else if len(missing) > 0 {
		log.Fatalf("no compile command for %s: is each in a cc_library or cc_test?", strings.Join(missing, ", "))
	}
	out, err := json.MarshalIndent(entries, "", "  ")
	if err != nil {
		log.Fatal(err)
	}
	path := filepath.Join(*workspace, "compile_commands.json")
	if err := os.WriteFile(path, append(out, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %d entries to %s", len(entries), path)
}

func generate(bz bazelcmd.Workspace, scope string) ([]compdb.Entry, error) {
	if _, err := bz.Run([]string{"build", scope}); err != nil {
		return nil, err
	}
	info, err := bz.Run([]string{"info", "execution_root"})
	if err != nil {
		return nil, err
	}
	aq, err := bz.Run([]string{"aquery", fmt.Sprintf("mnemonic(%q, %s)", "CppCompile", scope), "--output=jsonproto"})
	if err != nil {
		return nil, err
	}
	return compdb.FromAquery(bytes.NewReader([]byte(aq.Stdout)), strings.TrimSpace(info.Stdout))
}

// missingClibSources lists the .c files under clib/ that have no entry.
func missingClibSources(workspace string, entries []compdb.Entry) ([]string, error) {
	have := map[string]bool{}
	for _, e := range entries {
		have[e.File] = true
	}
	var missing []string
	err := filepath.WalkDir(filepath.Join(workspace, "clib"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".c" {
			return err
		}
		rel, err := filepath.Rel(workspace, path)
		if err == nil && !have[rel] {
			missing = append(missing, rel)
		}
		return err
	})
	return missing, err
}
