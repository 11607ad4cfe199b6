package buildreport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Summary is Bazel's process summary, e.g.
// "INFO: 42 processes: 40 remote cache hit, 2 internal." Internal processes
// are bookkeeping done inside Bazel (symlink trees, file writes), not spawns.
type Summary struct {
	Total int
	// ByKind maps a kind ("internal", "remote cache hit", "disk cache hit",
	// "linux-sandbox", "processwrapper-sandbox", "local", ...) to its count.
	ByKind map[string]int
}

var (
	summaryRE = regexp.MustCompile(`(?m)^INFO: (\d+) process(?:es)?(?:: (.*?))?\.?$`)
	kindRE    = regexp.MustCompile(`^(\d+) (.+)$`)
)

// ParseSummary finds the last process summary in Bazel's output.
func ParseSummary(output string) (Summary, error) {
	all := summaryRE.FindAllStringSubmatch(output, -1)
	if all == nil {
		return Summary{}, fmt.Errorf("no process summary (INFO: N processes: ...) in Bazel output")
	}
	m := all[len(all)-1]
	s := Summary{ByKind: map[string]int{}}
	s.Total, _ = strconv.Atoi(m[1])
	if m[2] == "" {
		return s, nil
	}
	for _, part := range strings.Split(strings.TrimSuffix(m[2], "."), ", ") {
		k := kindRE.FindStringSubmatch(part)
		if k == nil {
			return Summary{}, fmt.Errorf("unexpected process summary part %q", part)
		}
		n, _ := strconv.Atoi(k[1])
		s.ByKind[k[2]] += n
	}
	return s, nil
}

// Spawned is the number of processes that were not internal: executed
// locally, in a sandbox, remotely, or taken from a cache.
func (s Summary) Spawned() int { return s.Total - s.ByKind["internal"] }
