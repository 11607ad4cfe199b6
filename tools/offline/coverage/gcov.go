package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
)

// gcovJSON is the part of gcov's JSON format (`gcov -i`, GCC 9 and later,
// written as NAME.gcov.json.gz) that lcov can express. Bazel's
// collect_cc_coverage.sh runs `gcov -i -b`, so lines carry branches.
type gcovJSON struct {
	FormatVersion string `json:"format_version"`
	Files         []struct {
		File      string `json:"file"`
		Functions []struct {
			Name           string `json:"name"`
			StartLine      int    `json:"start_line"`
			ExecutionCount int64  `json:"execution_count"`
		} `json:"functions"`
		Lines []struct {
			LineNumber int   `json:"line_number"`
			Count      int64 `json:"count"`
			Branches   []struct {
				Count int64 `json:"count"`
			} `json:"branches"`
		} `json:"lines"`
	} `json:"files"`
}

// parseGcovJSON converts one gzipped gcov JSON document to lcov counters.
// gcov names no basic blocks for branches, so, like Bazel's own merger, each
// line's branches are block 0 numbered in gcov's order, which is stable for a
// given object file and so merges across test runs. A branch on a line that
// never ran is "-" in lcov terms.
func parseGcovJSON(r io.Reader) (coverage, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var doc gcovJSON
	if err := json.NewDecoder(zr).Decode(&doc); err != nil {
		return nil, err
	}
	// Version 2, which the build root's GCC writes, adds conditions and prime
	// paths to version 1; both agree on every field read above.
	if doc.FormatVersion != "1" && doc.FormatVersion != "2" {
		return nil, fmt.Errorf("gcov JSON format_version %q, want 1 or 2", doc.FormatVersion)
	}
	c := coverage{}
	for _, src := range doc.Files {
		f := c.file(src.File)
		for _, fn := range src.Functions {
			f.addFunction(fn.Name, fn.StartLine, fn.ExecutionCount)
		}
		for _, line := range src.Lines {
			f.addLine(line.LineNumber, line.Count)
			for i, br := range line.Branches {
				f.addBranch(
					branchKey{line: line.LineNumber, branch: i},
					branchCount{executed: line.Count > 0, taken: br.Count},
				)
			}
		}
	}
	return c, nil
}
