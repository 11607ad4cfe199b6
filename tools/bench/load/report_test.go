package main

import (
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"example.com/starter/tools/internal/machine"
)

func TestReportHeader(t *testing.T) {
	stamp := machine.Stamp{Commit: "`abc`", CPU: "Some CPU"}
	md := newReport(stamp, time.Second, 3, 0).markdown("-duration=1s")
	assert.Contains(t, md, stamp.Markdown())
	assert.Contains(t, md, "a 6-byte delimiter set", "computed from the set scand is called with")
	assert.Contains(t, md, "at 4 KiB and above", "the target the verdicts use")
}

// TestReadingNoteStatesNoFigures guards against text that no run measured:
// the note explains, the tables give the figures.
func TestReadingNoteStatesNoFigures(t *testing.T) {
	figure := regexp.MustCompile(`\d+(\.\d+)?\s*(ns|µs|ms|%|×|x\b|times)|\d+-\d+`)
	assert.Empty(t, figure.FindAllString(readingNote, -1))
}

func TestHostileSection(t *testing.T) {
	r := newReport(machine.Stamp{}, time.Second, 1, 0)
	r.add("scand", "c", wellBehaved, wellSize, result{elapsed: time.Second, latencies: []time.Duration{time.Millisecond, 2 * time.Millisecond}})
	r.hostileLen = 10 * time.Second
	r.hostile["scand"] = hostileResult{
		well:    result{elapsed: time.Second, latencies: []time.Duration{3 * time.Millisecond}, errors: 1},
		codes:   map[string]map[string]int{"unknown method": {"Unimplemented": 7}, "costliest request": {"Unavailable": 2, "ResourceExhausted": 5}},
		peakRSS: 123 << 20,
	}
	md := r.markdown("")
	assert.Contains(t, md, "| scand | 1 | 3ms | 1ms | 1 | 123 MiB |", "rate, p99 beside the baseline's, errors, peak RSS")
	assert.Contains(t, md, "| scand | costliest request | ResourceExhausted 5, Unavailable 2 |", "codes, most frequent first")
	assert.Contains(t, md, "| scand | unknown method | Unimplemented 7 |")
}
