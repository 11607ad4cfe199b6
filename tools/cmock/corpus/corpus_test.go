// Package corpus_test mocks every function of eight public headers that
// Debian's -dev packages install, none written here, and reports how many
// cmock mocked. Building the test compiles every mock with the
// repository's C flags (-Wall -Wextra -Werror), with gcc, and with clang
// under --config=clang.
package corpus_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/bazelbuild/rules_go/go/runfiles"
)

// goal is the fraction of the corpus's functions that must be mocked.
const goal = 0.95

// reSkipped is a left-out declaration as cmock reports it: where, and why.
var reSkipped = regexp.MustCompile(`^skipped \S+:\d+: \S.*$`)

func TestCorpus(t *testing.T) {
	reports := strings.Fields(os.Getenv("CMOCK_REPORTS"))
	if len(reports) == 0 {
		t.Skip("CMOCK_REPORTS is unset: the mocks are built by Bazel; run tools/bazel test //tools/cmock/corpus:corpus_test")
	}
	var mocked, skipped int
	fmt.Printf("| header | mocked | left out |\n|---|---:|---:|\n")
	for _, r := range reports {
		path, err := runfiles.Rlocation(r)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var m, s int
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			switch {
			case strings.HasPrefix(line, "mocked "):
				m++
			case reSkipped.MatchString(line):
				s++
				fmt.Printf("  %s\n", line)
			default:
				t.Errorf("%s: a report line that is neither a mocked function nor a left-out one with file:line and reason: %q", r, line)
			}
		}
		fmt.Printf("| %s | %d | %d |\n", strings.TrimSuffix(strings.TrimPrefix(r, "_main/tools/cmock/corpus/mock_"), "/cmock_report.txt"), m, s)
		mocked, skipped = mocked+m, skipped+s
	}
	fraction := float64(mocked) / float64(mocked+skipped)
	fmt.Printf("\n%d of %d functions mocked (%.1f%%); every one left out is reported with file:line and why\n", mocked, mocked+skipped, 100*fraction)
	if fraction < goal {
		t.Errorf("%.1f%% of the corpus's functions mocked; the goal is %.0f%%", 100*fraction, 100*goal)
	}
}
