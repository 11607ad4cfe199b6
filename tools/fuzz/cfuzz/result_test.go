package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"example.com/starter/tools/internal/machine"
)

// A libFuzzer run's tail, as -print_final_stats=1 prints it.
const output = `INFO: Seed: 1
#2	INITED cov: 10 ft: 11 corp: 1/1b exec/s: 0 rss: 30Mb
#1024	pulse  cov: 80 ft: 150 corp: 20/300b lim: 14 exec/s: 512 rss: 40Mb
#1000000	DONE   cov: 91 ft: 402 corp: 57/2314b lim: 4096 exec/s: 25000 rss: 61Mb
Done 1000000 runs in 40 second(s)
stat::number_of_executed_units: 1000000
stat::average_exec_per_sec:     25000
stat::new_units_added:          120
stat::slowest_unit_time_sec:    0
stat::peak_rss_mb:              61
`

func TestLabel(t *testing.T) {
	assert.Equal(t, "//clib/simd:compare_fuzz", label("_main/clib/simd/compare_fuzz"))
}

func TestParse(t *testing.T) {
	r := parse("clib/simd:compare", output)
	assert.Equal(t, result{name: "clib/simd:compare", runs: 1000000, execsPerSec: 25000, peakRSSMB: 61,
		cov: 91, features: 402, corpus: 57}, r, "the last status line's coverage")
	assert.Equal(t, result{name: "x"}, parse("x", "==1==ERROR: AddressSanitizer: heap-buffer-overflow\n"))
}

func TestMarkdownJudgesTheGoal(t *testing.T) {
	ok := result{name: "a", runs: 1000000, elapsed: 40 * time.Second}
	short := result{name: "b", runs: 999999}
	found := result{name: "c", runs: 1000000, finding: true}
	stamp := machine.Stamp{}
	assert.Contains(t, markdown([]result{ok}, stamp, "clang", 1000000, 4096), "no finding: met.")
	assert.Contains(t, markdown([]result{ok, short}, stamp, "clang", 1000000, 4096), "no finding: **missed**.")
	doc := markdown([]result{ok, found}, stamp, "clang", 1000000, 4096)
	assert.Contains(t, doc, "no finding: **missed**.")
	assert.Contains(t, doc, "| c | 1000000 | 0 | 0 | 0 | 0 | 0 MB | 0s | **finding** |")
	assert.Contains(t, markdown(nil, stamp, "clang", 1000000, 4096), "**missed**", "no targets is no result")
}
