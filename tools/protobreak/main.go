// Command protobreak fails when the versioned contracts under proto/ change
// in a way that breaks existing clients, compared with a git revision.
//
//	protobreak -protoc=PATH [-against=REV] [-require_base] [-workspace=DIR]
//
// It compiles every .proto file in a proto/<domain>/v<N>/ directory, in the
// working tree and at the given revision, with the same protoc Bazel uses,
// and compares the descriptors (see package breaking). New major versions
// (v2 beside v1) are how breaking changes ship; they never trip the check.
//
// The revision is -against, else $PROTOBREAK_AGAINST, else the merge base of
// HEAD with the default branch (so a branch is checked against where it
// forked, not only its last commit), else HEAD~1. When it does not exist
// there is nothing to compare with: locally that is a pass, but under CI=true
// (or -require_base) it fails, because a shallow clone would otherwise turn
// the check into a silent pass. Only a complete history whose HEAD is the
// first commit passes there.
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
	against := flag.String("against", os.Getenv("PROTOBREAK_AGAINST"), "git revision to compare the working tree with (default $PROTOBREAK_AGAINST, else the merge base with the default branch, else HEAD~1)")
	requireBase := flag.Bool("require_base", os.Getenv("CI") == "true", "fail when the revision is missing (default: true when CI=true)")
	workspace := flag.String("workspace", os.Getenv("BUILD_WORKSPACE_DIRECTORY"), "repository root")
	flag.Parse()
	if *protoc == "" || *workspace == "" {
		fmt.Fprintln(os.Stderr, "usage: protobreak -protoc=PATH -workspace=DIR [-against=REV] [-require_base]")
		os.Exit(2)
	}
	rev := *against
	if rev == "" {
		rev = defaultBase(*workspace)
	}
	found, err := haveBase(*workspace, rev, *requireBase)
	if err != nil {
		fmt.Fprintln(os.Stderr, "protobreak:", err)
		os.Exit(2)
	}
	if !found {
		fmt.Printf("no revision %s to compare with; nothing to check\n", rev)
		return
	}
	fmt.Printf("comparing the working tree with %s\n", rev)
	findings, err := check(*protoc, *workspace, rev)
	if err != nil {
		fmt.Fprintln(os.Stderr, "protobreak:", err)
		os.Exit(2)
	}
	for _, f := range findings {
		fmt.Println(f)
	}
	if len(findings) > 0 {
		fmt.Printf("%d breaking change(s) against %s; add a new version (v2) instead of changing v1\n", len(findings), rev)
		os.Exit(1)
	}
}

// defaultBranches are the remote-tracking refs tried for the merge base:
// origin/HEAD where the clone recorded the default branch, else the usual
// name.
var defaultBranches = []string{"origin/HEAD", "origin/main"}

// defaultBase is the revision a change is judged against: the merge base of
// HEAD with the default branch, so that every commit of a branch counts. On
// the default branch itself that merge base is HEAD, which would compare the
// tree with itself, so it falls back to HEAD~1, as it does without a remote.
func defaultBase(root string) string {
	head, err := git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
	if err != nil {
		return "HEAD~1"
	}
	for _, ref := range defaultBranches {
		base, err := git(root, "merge-base", "HEAD", ref)
		if err == nil && base != head {
			return base
		}
	}
	return "HEAD~1"
}

// haveBase reports whether rev names a commit. A missing one is an error
// when required, unless the history is complete and HEAD is its first
// commit: then there is truly nothing earlier to compare with.
func haveBase(root, rev string, required bool) (bool, error) {
	if _, err := git(root, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err == nil {
		return true, nil
	}
	if !required {
		return false, nil
	}
	// In a complete history a missing HEAD~1 means HEAD is the first commit.
	if shallow, _ := git(root, "rev-parse", "--is-shallow-repository"); shallow == "false" && rev == "HEAD~1" {
		return false, nil
	}
	return false, fmt.Errorf("revision %s to compare with is missing (shallow clone? fetch the full history, e.g. actions/checkout with fetch-depth: 0, or set PROTOBREAK_AGAINST)", rev)
}

// git runs git in root and returns its trimmed output.
func git(root string, args ...string) (string, error) {
	out, err := exec.Command("git", append([]string{"-C", root}, args...)...).Output()
	return strings.TrimSpace(string(out)), err
}

// check returns the breaking changes from revision against, which must
// exist, to the working tree of the git repository at root.
func check(protoc, root, against string) ([]string, error) {
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
