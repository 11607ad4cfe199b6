// Package lcov reads the line counts of an lcov tracefile: which lines of
// which source file ran, and how often. It is all the coverage report needs;
// functions and branches are skipped.
package lcov

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// Report maps a source file, as its SF: record names it, to its lines.
type Report map[string]Lines

// Lines maps a line number to its execution count. A line that is absent was
// not instrumented (a comment, a declaration); a line at 0 was and never ran.
type Lines map[int]int64

// Parse reads an lcov tracefile. Counts of a line that appears in several
// records (the same file from two tests) add up.
func Parse(r io.Reader) (Report, error) {
	rep := Report{}
	var cur Lines
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for n := 1; sc.Scan(); n++ {
		kind, value, _ := strings.Cut(strings.TrimSpace(sc.Text()), ":")
		switch kind {
		case "SF":
			if cur != nil {
				return nil, fmt.Errorf("line %d: SF inside a record", n)
			}
			if cur = rep[value]; cur == nil {
				cur = Lines{}
				rep[value] = cur
			}
		case "DA":
			if cur == nil {
				return nil, fmt.Errorf("line %d: DA outside a record", n)
			}
			// DA:line,count[,checksum]
			fields := strings.Split(value, ",")
			if len(fields) < 2 {
				return nil, fmt.Errorf("line %d: want DA:line,count, got %q", n, value)
			}
			line, err1 := strconv.Atoi(fields[0])
			count, err2 := strconv.ParseInt(fields[1], 10, 64)
			if err1 != nil || err2 != nil || line < 0 || count < 0 {
				return nil, fmt.Errorf("line %d: bad DA:%s", n, value)
			}
			cur[line] += count
		case "end_of_record":
			if cur == nil {
				return nil, fmt.Errorf("line %d: end_of_record outside a record", n)
			}
			cur = nil
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if cur != nil {
		return nil, fmt.Errorf("last record has no end_of_record")
	}
	return rep, nil
}

// ParseFile reads the tracefile at path.
func ParseFile(path string) (Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rep, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rep, nil
}

// Hit reports whether line ran at least once.
func (l Lines) Hit(line int) bool { return l[line] > 0 }

// Count returns how many lines are instrumented and how many of them ran.
func (l Lines) Count() (found, hit int) {
	for _, n := range l {
		found++
		if n > 0 {
			hit++
		}
	}
	return found, hit
}

// Sorted returns the instrumented line numbers in order.
func (l Lines) Sorted() []int {
	lines := make([]int, 0, len(l))
	for line := range l {
		lines = append(lines, line)
	}
	sort.Ints(lines)
	return lines
}
