// Package compdb turns `bazel aquery --output=jsonproto` output into a JSON
// compilation database (compile_commands.json) for clangd and other tools.
package compdb

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
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
// Flags clang does not know are dropped (see ForClang).
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
		entries = append(entries, Entry{Directory: execroot, File: src, Arguments: ForClang(a.Arguments), Output: out})
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

// GCCOnlyFlags are the flags Bazel's auto-configured gcc toolchain passes
// that clang rejects ("unknown argument"), which clangd reports as an error
// in every file. They only affect how gcc names headers in its dependency
// output, nothing clangd models, so dropping them loses nothing.
var GCCOnlyFlags = []string{
	// gcc: keep header paths as written in .d files (Bazel's include
	// checking needs them relative to the execution root).
	"-fno-canonical-system-headers",
}

// ForClang returns args without GCCOnlyFlags, leaving args untouched.
func ForClang(args []string) []string {
	var out []string
	for _, a := range args {
		if !slices.Contains(GCCOnlyFlags, a) {
			out = append(out, a)
		}
	}
	return out
}
