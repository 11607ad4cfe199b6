package main

import (
	"bufio"
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// results maps a benchmark name without the -GOMAXPROCS suffix (e.g.
// "BenchmarkIndexAny/c-simd/4KiB") and a unit ("ns/op", "MB/s", "ns/item")
// to every value measured.
type results map[string]map[string][]float64

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

// parse adds the measurements of `go test -bench` output.
func (r results) parse(output []byte) {
	sc := bufio.NewScanner(bytes.NewReader(output))
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		fields := strings.Fields(m[2])
		for i := 0; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			if r[m[1]] == nil {
				r[m[1]] = map[string][]float64{}
			}
			r[m[1]][fields[i+1]] = append(r[m[1]][fields[i+1]], v)
		}
	}
}

// median returns the median of name's values in unit, and false if there
// are none.
func (r results) median(name, unit string) (float64, bool) {
	vs := slices.Clone(r[name][unit])
	if len(vs) == 0 {
		return 0, false
	}
	slices.Sort(vs)
	if len(vs)%2 == 1 {
		return vs[len(vs)/2], true
	}
	return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2, true
}

// ratio returns the median of num (in numUnit) over the median of den (in
// denUnit); false if either was not measured or den is 0.
func (r results) ratio(num, den, numUnit, denUnit string) (float64, bool) {
	a, ok1 := r.median(num, numUnit)
	b, ok2 := r.median(den, denUnit)
	return a / b, ok1 && ok2 && b != 0
}

// gbps returns name's median throughput in GB/s (go test reports MB/s).
func (r results) gbps(name string) (float64, bool) {
	v, ok := r.median(name, "MB/s")
	return v / 1000, ok
}

// nsPerMessage returns the median cost of one message of size bytes from
// name's throughput in MB/s: what `openssl speed` reports for small sizes.
func (r results) nsPerMessage(name string, size int) (float64, bool) {
	v, ok := r.median(name, "MB/s")
	if !ok || v == 0 {
		return 0, false
	}
	return float64(size) / v * 1000, true
}

// difference returns the median of a minus the median of b, in unit.
func (r results) difference(a, b, unit string) (float64, bool) {
	x, ok1 := r.median(a, unit)
	y, ok2 := r.median(b, unit)
	return x - y, ok1 && ok2
}
