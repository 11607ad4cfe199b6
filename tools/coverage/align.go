package main

import (
	"fmt"
	"sort"
	"strings"

	"example.com/starter/tools/coverage/lcov"
)

// alignment says, for one C file, which kind of test reaches each of its
// instrumented lines: only the C unit tests (cc_test), only the Go tests
// (go_test, with the service binaries they start), both, or neither.
type alignment struct {
	file                string
	onlyC, onlyGo, both int
	neither             []int // line numbers
}

// align computes the alignment of every file in files (the combined report's
// C files, which define what is instrumented) from the per-test reports of
// the C tests and of the Go tests.
func align(files lcov.Report, cTests, goTests []lcov.Report) []alignment {
	var out []alignment
	for file, lines := range files {
		a := alignment{file: file}
		for _, line := range lines.Sorted() {
			byC, byGo := hitBy(cTests, file, line), hitBy(goTests, file, line)
			switch {
			case byC && byGo:
				a.both++
			case byC:
				a.onlyC++
			case byGo:
				a.onlyGo++
			default:
				a.neither = append(a.neither, line)
			}
		}
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].file < out[j].file })
	return out
}

func hitBy(reports []lcov.Report, file string, line int) bool {
	for _, r := range reports {
		if r[file].Hit(line) {
			return true
		}
	}
	return false
}

// ranges writes sorted line numbers compactly: 3-5, 9.
func ranges(lines []int) string {
	var parts []string
	for i := 0; i < len(lines); {
		j := i
		for j+1 < len(lines) && lines[j+1] == lines[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, fmt.Sprint(lines[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", lines[i], lines[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// alignmentMarkdown is the table of alignments.
func alignmentMarkdown(as []alignment) string {
	var b strings.Builder
	b.WriteString("| C file | Only C tests | Only Go tests | Both | Neither | Lines no test reaches |\n")
	b.WriteString("| --- | ---: | ---: | ---: | ---: | --- |\n")
	for _, a := range as {
		missed := ranges(a.neither)
		if missed == "" {
			missed = "none"
		}
		fmt.Fprintf(&b, "| `%s` | %d | %d | %d | %d | %s |\n", a.file, a.onlyC, a.onlyGo, a.both, len(a.neither), missed)
	}
	return b.String()
}
