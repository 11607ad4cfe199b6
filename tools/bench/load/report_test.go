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

func TestCodecSection(t *testing.T) {
	r := newReport(machine.Stamp{}, time.Second, 1, 0)
	r.add("scand", "c", 1, 64, result{elapsed: time.Second, latencies: []time.Duration{time.Millisecond}})
	rps := func(n int) result {
		return result{elapsed: time.Second, latencies: make([]time.Duration, n)}
	}
	for _, backend := range backends {
		r.codecs[codecCell{"scand", backend, "default", 4 << 10}] = codecResult{result: rps(100), serverCounts: serverCounts{handled: 100}}
		r.codecs[codecCell{"scand", backend, "zerocopy", 4 << 10}] = codecResult{result: rps(99), serverCounts: serverCounts{handled: 100}}
		r.codecs[codecCell{"scand", backend, "default", 1 << 20}] = codecResult{
			result:       rps(100),
			serverCounts: serverCounts{handled: 100, allocBytes: 100 << 20, allocs: 500, gcs: 20},
			peakRSS:      200 << 20,
		}
		r.codecs[codecCell{"scand", backend, "zerocopy", 1 << 20}] = codecResult{
			result:       rps(120),
			serverCounts: serverCounts{handled: 100, allocBytes: 5 << 20, allocs: 300, aliased: 60, fragmented: 40, poolGets: 200, poolAllocs: 10},
			peakRSS:      90 << 20,
		}
	}
	md := r.markdown("")
	assert.Contains(t, md, "| scand | c | 1 MiB | default | 100 | 1.00 | 1048576 | 1.000 | 5.0 | 200.00 | – | – | – | 200 MiB |")
	assert.Contains(t, md, "| scand | c | 1 MiB | zerocopy | 120 | 1.20 | 52429 | 0.050 | 3.0 | 0.00 | 100% | 40% | 95% | 90 MiB |",
		"per-RPC costs from the server's counters, shares of the zerocopy paths, pool reuse")
	assert.Contains(t, md, "| server bytes allocated per 1 MiB RPC ÷ payload | ≤ 0.1 | scand | c | 0.05 | met |")
	assert.Contains(t, md, "| throughput at 1 MiB, zerocopy ÷ default | ≥ 1.3 (scand), ≥ 1.0 (others) | scand | go | 1.20× | missed |",
		"scand's throughput goal is 1.3")
	assert.Contains(t, md, "| throughput at 4 KiB, zerocopy ÷ default | ≥ 0.97 | scand | c | 0.99× | met |")
	assert.Contains(t, md, "| peak RSS under the 1 MiB load, zerocopy ÷ default | ≤ 0.5 | scand | c | 0.45× | met |")
}
