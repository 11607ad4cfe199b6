package main

import (
	"os"
	"path/filepath"
	"strings"

	"example.com/starter/tools/internal/bazelcmd"
)

// queryPartial is Bazel's exit code for a --keep_going query that answered
// with partial results. Offline, the universe's implicit coverage tools cannot
// be fetched; they never depend on workspace sources, so rdeps is unaffected.
const queryPartial = 3

// expectedTargets is the minimal rebuild set the dependency graph implies for
// an edit of file: every rule in //...'s closure that depends on it (source
// files are left out: they never run actions).
func expectedTargets(bz bazelcmd.Workspace, file, bumpModule string) ([]string, error) {
	var of string
	if file == "go.mod" {
		targets, err := repoRules(bz, gazelleRepoName(bumpModule))
		if err != nil || len(targets) == 0 {
			return nil, err
		}
		of = "set(" + strings.Join(targets, " ") + ")"
	} else {
		of = fileLabel(bz.Dir, file)
	}
	return query(bz, "kind(rule, rdeps(//..., "+of+"))")
}

// query answers a query over the whole graph, accepting a partial answer
// (--keep_going) where some package does not load.
func query(bz bazelcmd.Workspace, expr string) ([]string, error) {
	return bz.Query([]string{"--keep_going", "--consistent_labels"}, expr, queryPartial)
}

// fileLabel is the label of a source file: its nearest enclosing package.
func fileLabel(root, file string) string {
	dir := filepath.Dir(file)
	for dir != "." {
		if _, err := os.Stat(filepath.Join(root, dir, "BUILD.bazel")); err == nil {
			break
		}
		dir = filepath.Dir(dir)
	}
	if dir == "." {
		return "//:" + file
	}
	return "//" + dir + ":" + strings.TrimPrefix(file, dir+"/")
}

// repoRules lists the rules of //...'s closure that live in the external
// repository whose apparent name is repo. The canonical name differs by
// Bazel version (module~ext~repo, module+ext+repo), so match its last part.
func repoRules(bz bazelcmd.Workspace, repo string) ([]string, error) {
	all, err := query(bz, "kind(rule, deps(//...))")
	if err != nil {
		return nil, err
	}
	var in []string
	for _, l := range all {
		name, _, ok := strings.Cut(strings.TrimPrefix(l, "@@"), "//")
		if ok && (name == repo || strings.HasSuffix(name, "~"+repo) || strings.HasSuffix(name, "+"+repo)) {
			in = append(in, l)
		}
	}
	return in, nil
}

// gazelleRepoName is the repository name gazelle's go_deps gives a module,
// following bazel-gazelle's label.ImportPathToBazelRepoName: the host's
// labels reversed, then the path, with separators as underscores.
func gazelleRepoName(module string) string {
	parts := strings.Split(strings.ToLower(module), "/")
	host := strings.Split(parts[0], ".")
	for i, j := 0, len(host)-1; i < j; i, j = i+1, j-1 {
		host[i], host[j] = host[j], host[i]
	}
	name := strings.Join(append(host, parts[1:]...), ".")
	return strings.NewReplacer("-", "_", ".", "_", "/", "_").Replace(name)
}
