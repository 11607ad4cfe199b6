package main

import (
	"fmt"
	"strings"

	"example.com/starter/tools/internal/machine"
)

// report is what one run of the tool found.
type report struct {
	stamp     machine.Stamp
	lcov      string // genhtml's version line
	checks    []check
	alignment []alignment
	cTests    []string // labels of the C unit tests whose coverage was read
	goTests   []string // and of the Go tests
	floors    []floor
	// integration tests, and what their coverage lacks (subprocessProblems)
	integration []string
	problems    []string
}

// markdown renders the report as the generated section of docs/testing.md.
func (r report) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s HTML by %s.\n\n", r.stamp.Markdown(), r.lcov)
	fmt.Fprintf(&b, "`tools/bazel run //tools/coverage` ran `bazel coverage //...`: %d C unit tests and %d Go tests.\n\n",
		len(r.cTests), len(r.goTests))
	b.WriteString("Floors (`tools/coverage/floors.txt`):\n\n")
	b.WriteString("| Path | Floor | Why |\n| --- | ---: | --- |\n")
	for _, f := range r.floors {
		fmt.Fprintf(&b, "| `%s/` | %g%% | %s |\n", f.prefix, f.percent, f.reason)
	}
	b.WriteString("\nLine coverage of each package under a floor, and of each tree:\n\n")
	b.WriteString(checksMarkdown(r.checks))
	fmt.Fprintf(&b, "\nCoverage from the service binaries that integration tests start: ")
	switch {
	case len(r.problems) > 0:
		fmt.Fprintf(&b, "**missing**: %s.\n", strings.Join(r.problems, "; "))
	case len(r.integration) == 0:
		b.WriteString("no integration tests found.\n")
	default:
		fmt.Fprintf(&b, "present in %s (lines of the service's main package and of clib/ C code ran).\n", strings.Join(quote(r.integration), ", "))
	}
	b.WriteString("\nWhich tests reach the lines of each C file in `clib/`: only the C unit tests (`cc_test`), ")
	b.WriteString("only the Go tests (`go_test`, with the service binaries they start), both, or neither:\n\n")
	b.WriteString(alignmentMarkdown(r.alignment))
	return b.String()
}

func checksMarkdown(cs []check) string {
	var b strings.Builder
	b.WriteString("| Package | Lines | Covered | Floor | Result |\n")
	b.WriteString("| --- | ---: | ---: | ---: | --- |\n")
	for _, c := range cs {
		result := "ok"
		if !c.ok() {
			result = "**below floor**"
		}
		fmt.Fprintf(&b, "| `%s` | %d | %.1f%% | %g%% (`%s/`) | %s |\n",
			c.what, c.figure.found, c.figure.percent(), c.floor.percent, c.floor.prefix, result)
	}
	return b.String()
}

func quote(labels []string) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = "`" + l + "`"
	}
	return out
}

// failures returns a message for every check below its floor and every
// integration test without its subprocess coverage.
func (r report) failures() []string {
	out := append([]string{}, r.problems...)
	for _, c := range r.checks {
		if !c.ok() {
			out = append(out, c.message())
		}
	}
	return out
}
