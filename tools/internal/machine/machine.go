// Package machine describes what a benchmark ran on (the CPU, and with
// Stamp the commit and toolchain), for the reports the tools generate.
package machine

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
)

// dispatchFlags are the /proc/cpuinfo flags that clib's kernels use.
var dispatchFlags = []string{"sse4_2", "popcnt", "avx2", "avx512f", "avx512bw", "avx512vbmi", "sha_ni"}

// Describe returns the CPU model, the number of logical CPUs and which of
// the flags clib dispatches on the CPU has.
func Describe() string {
	info, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return fmt.Sprintf("unknown CPU (%v); %d logical CPUs", err, runtime.NumCPU())
	}
	return describe(string(info), runtime.NumCPU())
}

func describe(cpuinfo string, cpus int) string {
	model, flags := runtime.GOARCH, "none of interest"
lines:
	for _, line := range strings.Split(cpuinfo, "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(key) {
		case "model name":
			model = strings.TrimSpace(value)
		case "flags":
			have := strings.Fields(value)
			var found []string
			for _, f := range dispatchFlags {
				if slices.Contains(have, f) {
					found = append(found, f)
				}
			}
			if len(found) > 0 {
				flags = strings.Join(found, " ")
			}
			// The first CPU's block is enough: every CPU reports the same.
			break lines
		}
	}
	return fmt.Sprintf("%s; %d logical CPUs; flags: %s", model, cpus, flags)
}
