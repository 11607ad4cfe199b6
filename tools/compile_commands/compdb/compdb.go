// Package compdb turns `bazel aquery --output=jsonproto` output into a JSON
// compilation database (compile_commands.json) for clangd and other tools.
package compdb

import (
	"encoding/json"
	"fmt"
	"io"
)

// Entry is one compile command, in the format clangd reads:
// https://clang.llvm.org/docs/JSONCompilationDatabase.html
type Entry struct {
	// Directory is Bazel's execution root. Every path in Arguments (sources,
	// -iquote ., bazel-out/..., external/...) is relative to it.
	Directory string   `json:"directory"`
	File      string   `json:"file"`
	Arguments []string `json:"arguments"`
	Output    string   `json:"output,omitempty"`
}

// aquery mirrors the parts of Bazel's analysis.ActionGraphContainer we use.
type aquery struct {
	Actions []struct {
		Mnemonic  string   `json:"mnemonic"`
		Arguments []string `json:"arguments"`
	} `json:"actions"`
}

// FromAquery reads aquery JSON and returns one entry per C or C++ source
// file. A file compiled more than once (say with and without -fPIC) keeps
// its first command: clangd needs one way to parse it, not all of them.
func FromAquery(r io.Reader, execroot string) ([]Entry, error) {
	var aq aquery
	if err := json.NewDecoder(r).Decode(&aq); err != nil {
		return nil, fmt.Errorf("reading aquery output: %w", err)
	}
	var entries []Entry
	seen := map[string]bool{}
	for _, a := range aq.Actions {
		if a.Mnemonic != "CppCompile" {
			continue
		}
		src, out := flagValue(a.Arguments, "-c"), flagValue(a.Arguments, "-o")
		if src == "" {
			return nil, fmt.Errorf("CppCompile action without -c: %q", a.Arguments)
		}
		if seen[src] {
			continue
		}
		seen[src] = true
		entries = append(entries, Entry{Directory: execroot, File: src, Arguments: a.Arguments, Output: out})
	}
	return entries, nil
}

// flagValue returns the argument after flag, or "".
func flagValue(args []string, flag string) string {
	for i, a := range args[:max(len(args)-1, 0)] {
		if a == flag {
			return args[i+1]
		}
	}
	return ""
}
