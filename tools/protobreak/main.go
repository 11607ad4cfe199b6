// Command protobreak fails when the versioned contracts under proto/ change
// in a way that breaks existing clients, compared with a git revision.
//
//	protobreak -protoc=PATH [-against=HEAD~1] [-workspace=DIR]
//
// It compiles every .proto file in a proto/<domain>/v<N>/ directory, in the
// working tree and at the given revision, with the same protoc Bazel uses,
// and compares the descriptors (see package breaking). New major versions
// (v2 beside v1) are how breaking changes ship; they never trip the check.
// Without the revision (a first commit, or a shallow clone) there is nothing
// to compare with, and it says so and succeeds.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/descriptorpb"

	"example.com/starter/tools/protobreak/breaking"
)

// versioned matches the contracts that must stay compatible.
var versioned = regexp.MustCompile(`^proto/[a-z0-9_]+/v[0-9]+/[^/]+\.proto$`)

func main() {
	protoc := flag.String("protoc", "", "path to protoc")
	against := flag.String("against", "HEAD~1", "git revision to compare the working tree with")
	workspace := flag.String("workspace", os.Getenv("BUILD_WORKSPACE_DIRECTORY"), "repository root")
	flag.Parse()
	if *protoc == "" || *workspace == "" {
		fmt.Fprintln(os.Stderr, "usage: protobreak -protoc=PATH -workspace=DIR [-against=REV]")
		os.Exit(2)
	}
	findings, err := check(*protoc, *workspace, *against)
	if err != nil {
		fmt.Fprintln(os.Stderr, "protobreak:", err)
		os.Exit(2)
	}
	for _, f := range findings {
		fmt.Println(f)
	}
	if len(findings) > 0 {
		fmt.Printf("%d breaking change(s) against %s; add a new version (v2) instead of changing v1\n", len(findings), *against)
		os.Exit(1)
	}
}

// check returns the breaking changes from revision against to the working
// tree of the git repository at root.
func check(protoc, root, against string) ([]string, error) {
	if err := exec.Command("git", "-C", root, "rev-parse", "--verify", "--quiet", against+"^{commit}").Run(); err != nil {
		fmt.Printf("no revision %s to compare with; nothing to check\n", against)
		return nil, nil
	}
	oldDir, err := os.MkdirTemp("", "protobreak")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(oldDir)
	oldFiles, err := exportRevision(root, against, oldDir)
	if err != nil {
		return nil, err
	}
	newFiles, err := workingTreeFiles(root)
	if err != nil {
		return nil, err
	}
	oldSet, err := compile(protoc, oldDir, oldFiles)
	if err != nil {
		return nil, fmt.Errorf("compiling %s: %w", against, err)
	}
	newSet, err := compile(protoc, root, newFiles)
	if err != nil {
		return nil, fmt.Errorf("compiling the working tree: %w", err)
	}
	return breaking.Compare(oldSet, newSet), nil
}

// exportRevision writes rev's versioned .proto files under dir.
func exportRevision(root, rev, dir string) ([]string, error) {
	out, err := exec.Command("git", "-C", root, "ls-tree", "-r", "--name-only", rev, "--", "proto").Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-tree %s: %w", rev, err)
	}
	var files []string
	for _, name := range strings.Fields(string(out)) {
		if !versioned.MatchString(name) {
			continue
		}
		data, err := exec.Command("git", "-C", root, "show", rev+":"+name).Output()
		if err != nil {
			return nil, fmt.Errorf("git show %s:%s: %w", rev, name, err)
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return nil, err
		}
		files = append(files, name)
	}
	return files, nil
}

func workingTreeFiles(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(filepath.Join(root, "proto"), func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err == nil && versioned.MatchString(filepath.ToSlash(rel)) {
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	return files, err
}

// compile runs protoc on files (relative to root, which is the import root)
// and returns their descriptors.
func compile(protoc, root string, files []string) (*descriptorpb.FileDescriptorSet, error) {
	set := &descriptorpb.FileDescriptorSet{}
	if len(files) == 0 {
		return set, nil
	}
	tmp, err := os.CreateTemp("", "protobreak-*.pb")
	if err != nil {
		return nil, err
	}
	tmp.Close()
	out := tmp.Name()
	defer os.Remove(out)

	cmd := exec.Command(protoc, append([]string{"-I" + root, "--descriptor_set_out=" + out}, files...)...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("%v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	return set, proto.Unmarshal(data, set)
}
