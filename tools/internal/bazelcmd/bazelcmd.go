// Package bazelcmd runs Bazel in a workspace through that workspace's own
// tools/bazel, the same entry point a user types, and times it.
package bazelcmd

import (
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"example.com/starter/tools/internal/buildreport"
)

// Workspace is a checkout that has a tools/bazel wrapper.
type Workspace struct {
	Dir string
	// Log, if set, receives Bazel's stdout and stderr as they are written.
	Log io.Writer
}

// Result is a finished Bazel command.
type Result struct {
	Stdout, Stderr string
	Wall           time.Duration
}

// Run runs tools/bazel with args in the workspace. It fails if Bazel exits
// with a status not listed in okCodes (0 is always accepted).
func (w Workspace) Run(args []string, okCodes ...int) (Result, error) {
	cmd := exec.Command(filepath.Join(w.Dir, "tools", "bazel"), args...)
	cmd.Dir = w.Dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if w.Log != nil {
		// os/exec copies stdout and stderr in two goroutines; both reach Log.
		log := &lockedWriter{w: w.Log}
		cmd.Stdout = io.MultiWriter(&stdout, log)
		cmd.Stderr = io.MultiWriter(&stderr, log)
	}
	start := time.Now()
	err := cmd.Run()
	r := Result{Stdout: stdout.String(), Stderr: stderr.String(), Wall: time.Since(start)}
	if exit, ok := err.(*exec.ExitError); ok {
		for _, c := range okCodes {
			if exit.ExitCode() == c {
				return r, nil
			}
		}
	}
	if err != nil {
		return r, fmt.Errorf("bazel %v in %s: %w\n%s", args, w.Dir, err, tail(r.Stderr, 15))
	}
	return r, nil
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// tail returns the last n lines of s: where Bazel says what went wrong.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// Query runs `bazel query --output=label` with flags and expr, and returns
// the labels it prints, normalized to //pkg:name and sorted. okCodes are
// exit codes to accept besides 0 (3, a partial answer under --keep_going).
func (w Workspace) Query(flags []string, expr string, okCodes ...int) ([]string, error) {
	args := append(append([]string{"query"}, flags...), "--output=label", expr)
	r, err := w.Run(args, okCodes...)
	if err != nil {
		return nil, err
	}
	var labels []string
	for _, l := range strings.Fields(r.Stdout) {
		labels = append(labels, buildreport.NormalizeLabel(l))
	}
	sort.Strings(labels)
	return labels, nil
}
