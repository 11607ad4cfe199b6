// Package scratch keeps a throwaway copy of the workspace, so benchmarks can
// edit sources and run Bazel without touching the user's tree.
package scratch

import (
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strings"
)

// skipTop reports whether a top-level entry of the workspace stays out of the
// copy: Bazel's convenience symlinks (they point into the original's output
// base), VCS metadata, and personal or generated files that would make the
// copy behave differently from a fresh clone.
func skipTop(name string) bool {
	return strings.HasPrefix(name, "bazel-") ||
		name == ".git" || name == "user.bazelrc" || name == "compile_commands.json"
}

// Prepare syncs a copy of workspace into the user's cache directory under
// go-c-starter/<name>-<key>/ws and returns that home and the copy. key
// comes from workspace's path, so that two checkouts keep two copies
// instead of overwriting each other's; the path is fixed for a checkout, so
// the copy's output base, and its fetched repositories, last between runs.
func Prepare(workspace, name string) (home, dir string, err error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", "", err
	}
	abs, err := filepath.Abs(workspace)
	if err != nil {
		return "", "", err
	}
	key := sha256.Sum256([]byte(abs))
	home = filepath.Join(cache, "go-c-starter", fmt.Sprintf("%s-%x", name, key[:4]))
	dir = filepath.Join(home, "ws")
	log.Printf("copying %s to %s", workspace, dir)
	return home, dir, Sync(workspace, dir)
}

// Sync makes dst a copy of the workspace src. dst itself is kept (only its
// contents are replaced): its path names the copy's Bazel output base, which
// is reused from run to run, and offline mode bind-mounts it by path.
func Sync(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	old, err := os.ReadDir(dst)
	if err != nil {
		return err
	}
	for _, e := range old {
		if err := os.RemoveAll(filepath.Join(dst, e.Name())); err != nil {
			return err
		}
	}
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil || rel == "." {
			return err
		}
		if !strings.Contains(rel, string(filepath.Separator)) && skipTop(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		return copyEntry(path, filepath.Join(dst, rel), d)
	})
}

func copyEntry(src, dst string, d fs.DirEntry) error {
	info, err := d.Info()
	if err != nil {
		return err
	}
	switch {
	case d.IsDir():
		return os.Mkdir(dst, info.Mode().Perm())
	case info.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(src)
		if err != nil {
			return err
		}
		return os.Symlink(target, dst)
	case info.Mode().IsRegular():
		return copyFile(src, dst, info.Mode().Perm())
	default:
		return fmt.Errorf("%s: cannot copy %s", src, info.Mode().Type())
	}
}

func copyFile(src, dst string, perm fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
