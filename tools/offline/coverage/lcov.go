package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// coverage is merged lcov data, keyed by source file as the SF: record names
// it (an execroot-relative path for this repository's sources).
type coverage map[string]*fileCoverage

// fileCoverage is one source file's counters. Summary records (LF, LH, FNF,
// FNH, BRF, BRH) are not stored: they are recomputed when printing, so that
// merged output never carries an input's stale totals.
type fileCoverage struct {
	lines    map[int]int64 // DA: line -> execution count
	funcs    map[string]*function
	branches map[branchKey]branchCount
}

type function struct {
	line  int   // FN: first line
	count int64 // FNDA: execution count
}

// branchKey is BRDA's line, block and branch number.
type branchKey struct{ line, block, branch int }

// branchCount is BRDA's taken field: lcov writes "-" (executed false) when the
// block holding the branch never ran, which is not the same as taken 0 times.
type branchCount struct {
	executed bool
	taken    int64
}

func (c coverage) file(name string) *fileCoverage {
	f, ok := c[name]
	if !ok {
		f = &fileCoverage{
			lines:    map[int]int64{},
			funcs:    map[string]*function{},
			branches: map[branchKey]branchCount{},
		}
		c[name] = f
	}
	return f
}

func (f *fileCoverage) addLine(line int, count int64) { f.lines[line] += count }

// addFunction records a function's first line and adds count executions. The
// same function can come from several inputs (a static inline function in a
// header compiled into two objects); the lowest line wins so that the output
// does not depend on input order.
func (f *fileCoverage) addFunction(name string, line int, count int64) {
	fn, ok := f.funcs[name]
	if !ok {
		f.funcs[name] = &function{line: line, count: count}
		return
	}
	if line < fn.line {
		fn.line = line
	}
	fn.count += count
}

func (f *fileCoverage) addBranch(k branchKey, v branchCount) {
	old := f.branches[k]
	f.branches[k] = branchCount{executed: old.executed || v.executed, taken: old.taken + v.taken}
}

// merge adds every counter of other into c.
func (c coverage) merge(other coverage) {
	for name, o := range other {
		f := c.file(name)
		for line, n := range o.lines {
			f.addLine(line, n)
		}
		for fname, fn := range o.funcs {
			f.addFunction(fname, fn.line, fn.count)
		}
		for k, v := range o.branches {
			f.addBranch(k, v)
		}
	}
}

// rename moves the counters of each file named in renames to its new name,
// merging them with any the new name already has.
func (c coverage) rename(renames map[string]string) {
	moved := coverage{}
	for from, to := range renames {
		if f, ok := c[from]; ok {
			moved.merge(coverage{to: f})
			delete(c, from)
		}
	}
	c.merge(moved)
}

// filter drops every file whose name fully matches one of exclude (Bazel's
// merger uses Java's String.matches, which anchors both ends) and, when keep
// is not nil, every file not in keep.
func (c coverage) filter(exclude []*regexp.Regexp, keep map[string]bool) {
	for name := range c {
		drop := keep != nil && !keep[name]
		for _, re := range exclude {
			drop = drop || re.MatchString(name)
		}
		if drop {
			delete(c, name)
		}
	}
}

// parseLcov reads an lcov tracefile. Record types this tool cannot merge
// correctly are errors rather than silently dropped data.
func parseLcov(r io.Reader) (coverage, error) {
	c := coverage{}
	var cur *fileCoverage
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		kind, value, _ := strings.Cut(line, ":")
		if err := parseLcovLine(c, &cur, kind, value); err != nil {
			return nil, fmt.Errorf("line %d %q: %w", n, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if cur != nil {
		return nil, fmt.Errorf("last record has no end_of_record")
	}
	return c, nil
}

func parseLcovLine(c coverage, cur **fileCoverage, kind, value string) error {
	switch kind {
	case "TN":
		// Test names are not kept: the output is one record per source file.
		return nil
	case "SF":
		if *cur != nil {
			return fmt.Errorf("SF inside a record")
		}
		*cur = c.file(value)
		return nil
	}
	f := *cur
	if f == nil {
		return fmt.Errorf("%s outside a record", kind)
	}
	switch kind {
	case "end_of_record":
		*cur = nil
	case "DA":
		// DA:line,count[,checksum]; the checksum is optional and not kept.
		fields := strings.Split(value, ",")
		if len(fields) < 2 || len(fields) > 3 {
			return fmt.Errorf("want DA:line,count")
		}
		line, err := parseLineNumber(fields[0])
		if err != nil {
			return err
		}
		count, err := parseCount(fields[1])
		if err != nil {
			return err
		}
		f.addLine(line, count)
	case "FN":
		// FN:line,name, or lcov 2's FN:line,end_line,name.
		first, rest, ok := strings.Cut(value, ",")
		if !ok {
			return fmt.Errorf("want FN:line,name")
		}
		line, err := parseLineNumber(first)
		if err != nil {
			return err
		}
		if end, name, ok := strings.Cut(rest, ","); ok {
			if _, err := strconv.Atoi(end); err == nil {
				rest = name
			}
		}
		f.addFunction(rest, line, 0)
	case "FNDA":
		countText, name, ok := strings.Cut(value, ",")
		if !ok {
			return fmt.Errorf("want FNDA:count,name")
		}
		count, err := parseCount(countText)
		if err != nil {
			return err
		}
		fn, ok := f.funcs[name]
		if !ok {
			return fmt.Errorf("FNDA for %q before its FN", name)
		}
		fn.count += count
	case "BRDA":
		fields := strings.Split(value, ",")
		if len(fields) != 4 {
			return fmt.Errorf("want BRDA:line,block,branch,taken")
		}
		var k branchKey
		var err error
		if k.line, err = parseLineNumber(fields[0]); err != nil {
			return err
		}
		if k.block, err = strconv.Atoi(fields[1]); err != nil {
			return err
		}
		if k.branch, err = strconv.Atoi(fields[2]); err != nil {
			return err
		}
		v := branchCount{}
		if fields[3] != "-" {
			if v.taken, err = parseCount(fields[3]); err != nil {
				return err
			}
			v.executed = true
		}
		f.addBranch(k, v)
	case "LF", "LH", "FNF", "FNH", "BRF", "BRH":
		// Recomputed from the merged counters when printing.
	default:
		return fmt.Errorf("unsupported lcov record %q", kind)
	}
	return nil
}

func parseLineNumber(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad line number %q", s)
	}
	return n, nil
}

func parseCount(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("bad count %q", s)
	}
	if n < 0 {
		// gcov derives some counts from others; counters that threads
		// updated without atomics make them inconsistent, and a derived
		// count negative. .bazelrc builds coverage with
		// -fprofile-update=atomic so that this cannot happen.
		return 0, fmt.Errorf("negative count %q: the gcov counters were updated racily; build C with -fprofile-update=atomic", s)
	}
	return n, nil
}

// writeLcov prints c as lcov: files sorted by name, each with FN/FNDA, BRDA
// and DA records in line order and totals computed from them.
func writeLcov(w io.Writer, c coverage) error {
	bw := bufio.NewWriter(w)
	names := make([]string, 0, len(c))
	for name := range c {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		writeFile(bw, name, c[name])
	}
	return bw.Flush()
}

func writeFile(w *bufio.Writer, name string, f *fileCoverage) {
	fmt.Fprintf(w, "SF:%s\n", name)

	fnames := make([]string, 0, len(f.funcs))
	for fname := range f.funcs {
		fnames = append(fnames, fname)
	}
	sort.Slice(fnames, func(i, j int) bool {
		a, b := f.funcs[fnames[i]], f.funcs[fnames[j]]
		if a.line != b.line {
			return a.line < b.line
		}
		return fnames[i] < fnames[j]
	})
	fnHit := 0
	for _, fname := range fnames {
		fmt.Fprintf(w, "FN:%d,%s\n", f.funcs[fname].line, fname)
	}
	for _, fname := range fnames {
		count := f.funcs[fname].count
		if count > 0 {
			fnHit++
		}
		fmt.Fprintf(w, "FNDA:%d,%s\n", count, fname)
	}
	fmt.Fprintf(w, "FNF:%d\nFNH:%d\n", len(fnames), fnHit)

	keys := make([]branchKey, 0, len(f.branches))
	for k := range f.branches {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.line != b.line {
			return a.line < b.line
		}
		if a.block != b.block {
			return a.block < b.block
		}
		return a.branch < b.branch
	})
	brHit := 0
	for _, k := range keys {
		v := f.branches[k]
		taken := "-"
		if v.executed {
			taken = strconv.FormatInt(v.taken, 10)
		}
		if v.taken > 0 {
			brHit++
		}
		fmt.Fprintf(w, "BRDA:%d,%d,%d,%s\n", k.line, k.block, k.branch, taken)
	}
	fmt.Fprintf(w, "BRF:%d\nBRH:%d\n", len(keys), brHit)

	lines := make([]int, 0, len(f.lines))
	for line := range f.lines {
		lines = append(lines, line)
	}
	sort.Ints(lines)
	lineHit := 0
	for _, line := range lines {
		count := f.lines[line]
		if count > 0 {
			lineHit++
		}
		fmt.Fprintf(w, "DA:%d,%d\n", line, count)
	}
	fmt.Fprintf(w, "LF:%d\nLH:%d\nend_of_record\n", len(lines), lineHit)
}
