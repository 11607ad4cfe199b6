package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/bazelbuild/rules_go/go/runfiles"

	"example.com/starter/services/servicekit"
)

// The codec comparison: each service and backend runs as two processes,
// one with gRPC's default codec (-zero_copy=false) and one with
// services/internal/zerocopy (-zero_copy=true), under codecClients clients
// at each of codecSizes, the two processes' runs alternating. Smaller
// sizes run first, so a process's peak RSS after a size's runs is that
// size's (the larger sizes dominate).
const codecClients = 16

var (
	codecSizes = []int{4 << 10, 1 << 20}
	codecs     = []codec{{"default", "-zero_copy=false"}, {"zerocopy", "-zero_copy=true"}}
)

// codec is one side of the comparison.
type codec struct{ name, flag string }

// codecCell identifies one row of the codec comparison.
type codecCell struct {
	service, backend, codec string
	size                    int
}

// codecResult is one codec run: the client's view, and what serving it
// cost the server, read from the server's own /metrics.
type codecResult struct {
	result
	serverCounts // the run's increase
	// peakRSS is the process's VmHWM after this size's runs.
	peakRSS int64
}

// serverCounts are the server's counters that a codec run reads.
type serverCounts struct {
	// handled is the RPCs the server ended (the driver's warm-up calls
	// included); the per-RPC figures divide by it.
	handled float64
	// allocBytes and allocs are the Go heap bytes and objects allocated
	// (go_memstats_alloc_bytes_total, go_memstats_mallocs_total), and gcs
	// the GC cycles completed (go_gc_duration_seconds' count).
	allocBytes, allocs, gcs float64
	// aliased and fragmented are the requests zerocopy decoded without the
	// default codec's copy: in gRPC's receive buffer, or in one pooled
	// copy of a message that arrived in several buffers
	// (zerocopy_unmarshal_total by path).
	aliased, fragmented float64
	// poolGets and poolAllocs are the zerocopy pool's gets and the gets it
	// served by allocating.
	poolGets, poolAllocs float64
}

func (c serverCounts) minus(d serverCounts) serverCounts {
	return serverCounts{
		handled: c.handled - d.handled, allocBytes: c.allocBytes - d.allocBytes, allocs: c.allocs - d.allocs, gcs: c.gcs - d.gcs,
		aliased: c.aliased - d.aliased, fragmented: c.fragmented - d.fragmented,
		poolGets: c.poolGets - d.poolGets, poolAllocs: c.poolAllocs - d.poolAllocs,
	}
}

func (c serverCounts) perRPC(v float64) float64 { return v / max(c.handled, 1) }

// measureCodecs runs the codec comparison for svc and records it. With
// heapProfiles set, it saves there each process's heap profile from its
// last 1 MiB run.
func measureCodecs(report *report, svc target, flags []string, caFile, heapProfiles string) error {
	bin, err := runfiles.Rlocation(*svc.rlocation)
	if err != nil {
		return err
	}
	for _, backend := range backends {
		if err := measureCodecBackend(report, svc, bin, backend, flags, caFile, heapProfiles); err != nil {
			return err
		}
	}
	return nil
}

// measureCodecBackend runs the comparison for one backend of svc, whose
// processes it stops when it returns.
func measureCodecBackend(report *report, svc target, bin, backend string, flags []string, caFile, heapProfiles string) error {
	procs := map[string]*servicekit.Process{}
	for _, c := range codecs {
		args := append(slices.Clone(flags), "-backend="+backend, c.flag)
		if heapProfiles != "" {
			args = append(args, "-pprof")
		}
		proc, err := servicekit.Start(bin, args, nil, os.Stderr, 15*time.Second)
		if err != nil {
			return err
		}
		defer proc.Stop(30 * time.Second)
		procs[c.name] = proc
	}
	for _, size := range codecSizes {
		runs := map[string][]codecResult{}
		for i := range report.repeat {
			for _, c := range codecs {
				profile := ""
				if heapProfiles != "" && size == codecSizes[len(codecSizes)-1] && i == report.repeat-1 {
					profile = filepath.Join(heapProfiles, fmt.Sprintf("%s-%s-%s.heap.pb.gz", svc.name, backend, c.name))
				}
				res, err := codecRun(procs[c.name], svc, caFile, size, report.duration, profile)
				if err != nil {
					return fmt.Errorf("%s/%s/%s size=%d: %w", svc.name, backend, c.name, size, err)
				}
				runs[c.name] = append(runs[c.name], res)
			}
		}
		for _, c := range codecs {
			res := median(runs[c.name])
			var err error
			if res.peakRSS, err = procs[c.name].PeakRSS(); err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "%s %-2s %-8s %8d B: %7.0f req/s, server %.0f B/RPC, %.1f GC/1000 RPC, peak RSS %d MiB\n",
				svc.name, backend, c.name, size, res.rps(), res.perRPC(res.allocBytes), 1000*res.perRPC(res.gcs), res.peakRSS>>20)
			report.codecs[codecCell{svc.name, backend, c.name, size}] = res
		}
	}
	return nil
}

// codecRun loads proc for duration and reads what the run cost the server
// from its /metrics before and after. With profile set, it also saves the
// server's heap profile there, taken halfway through the run after a GC
// (?gc=1), so that it shows what is live under load.
func codecRun(proc *servicekit.Process, svc target, caFile string, size int, duration time.Duration, profile string) (codecResult, error) {
	before, err := readServerCounts(proc, svc.method)
	if err != nil {
		return codecResult{}, err
	}
	profiled := make(chan error, 1)
	if profile != "" {
		time.AfterFunc(duration/2, func() { profiled <- saveHeapProfile(proc, profile) })
	} else {
		profiled <- nil
	}
	d := driver{addr: proc.Addrs.GRPC, caFile: caFile, call: svc.call}
	res, err := d.run(codecClients, size, duration)
	if err != nil {
		return codecResult{}, err
	}
	if err := <-profiled; err != nil {
		return codecResult{}, err
	}
	after, err := readServerCounts(proc, svc.method)
	if err != nil {
		return codecResult{}, err
	}
	return codecResult{result: res, serverCounts: after.minus(before)}, nil
}

// saveHeapProfile writes proc's heap profile, after a GC, to path.
func saveHeapProfile(proc *servicekit.Process, path string) error {
	profile, err := proc.Get("/debug/pprof/heap?gc=1")
	if err != nil {
		return err
	}
	return os.WriteFile(path, profile, 0o644)
}

// readServerCounts reads proc's counters; handled counts method's RPCs,
// whatever their status (SampleValue sums over the codes).
func readServerCounts(proc *servicekit.Process, method string) (serverCounts, error) {
	families, err := proc.MetricFamilies()
	if err != nil {
		return serverCounts{}, err
	}
	v := func(family string, labels map[string]string) float64 {
		return servicekit.SampleValue(families, family, labels)
	}
	return serverCounts{
		handled:    v("grpc_server_handled_total", map[string]string{"grpc_method": method}),
		allocBytes: v("go_memstats_alloc_bytes_total", nil),
		allocs:     v("go_memstats_mallocs_total", nil),
		gcs:        v("go_gc_duration_seconds", nil),
		aliased:    v("zerocopy_unmarshal_total", map[string]string{"path": "aliased"}),
		fragmented: v("zerocopy_unmarshal_total", map[string]string{"path": "fragmented"}),
		poolGets:   v("zerocopy_pool_gets_total", nil),
		poolAllocs: v("zerocopy_pool_allocs_total", nil),
	}, nil
}

// codecMarkdown writes the codec comparison's section.
func (r *report) codecMarkdown(b *strings.Builder) {
	if len(r.codecs) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## Zero-copy codec\n\n")
	fmt.Fprintf(b, "Each service and backend runs as two fresh processes, one with gRPC's default codec (`-zero_copy=false`) "+
		"and one with services/internal/zerocopy (`-zero_copy=true`), loaded as above by %d clients, their runs alternating; "+
		"each row is the median of %d runs of %v. The server's costs come from its own /metrics over that run, per RPC it handled: "+
		"Go heap bytes and objects allocated (`go_memstats_alloc_bytes_total`, `go_memstats_mallocs_total`) and GC cycles "+
		"(`go_gc_duration_seconds`' count). *In place* is the share of requests decoded without the default codec's copy "+
		"(`zerocopy_unmarshal_total` paths `aliased` and `fragmented`), *fragmented* the share of those that arrived in several "+
		"buffers and were copied once into a pooled one; *pool reuse* is 1 − `zerocopy_pool_allocs_total` / `zerocopy_pool_gets_total`. "+
		"Peak RSS is the process's VmHWM after that size's runs (the 4 KiB runs come first). "+
		"envelopd's Seal answers with a ciphertext as large as its plaintext, which the handler allocates whatever the codec, "+
		"so its bytes per RPC cannot fall below the payload.\n\n",
		codecClients, r.repeat, r.duration)
	fmt.Fprintf(b, "| service | backend | payload | codec | req/s | vs default | server B/RPC | ÷ payload | allocs/RPC | GC/1000 RPC | in place | fragmented | pool reuse | peak RSS |\n")
	fmt.Fprintf(b, "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, svc := range r.services {
		for _, backend := range backends {
			for _, size := range codecSizes {
				base, ok := r.codecs[codecCell{svc, backend, "default", size}]
				if !ok {
					continue
				}
				for _, c := range codecs {
					res := r.codecs[codecCell{svc, backend, c.name, size}]
					inPlace, fragmented, reuse := "–", "–", "–"
					if c.name == "zerocopy" {
						inPlace = percent(res.aliased+res.fragmented, res.handled)
						fragmented = percent(res.fragmented, res.aliased+res.fragmented)
						reuse = percent(res.poolGets-res.poolAllocs, res.poolGets)
					}
					fmt.Fprintf(b, "| %s | %s | %s | %s | %.0f | %.2f | %.0f | %.3f | %.1f | %.2f | %s | %s | %s | %d MiB |\n",
						svc, backend, sizeName(size), c.name, res.rps(), res.rps()/base.rps(),
						res.perRPC(res.allocBytes), res.perRPC(res.allocBytes)/float64(size), res.perRPC(res.allocs),
						1000*res.perRPC(res.gcs), inPlace, fragmented, reuse, res.peakRSS>>20)
				}
			}
		}
	}
	r.codecGoals(b)
}

// codecGoals writes the zero-copy goals, each judged on this run's rows.
func (r *report) codecGoals(b *strings.Builder) {
	type goal struct {
		what, target string
		// value returns the measure for one service and backend, and
		// whether the run has it.
		value func(svc, backend string) (float64, bool)
		met   func(v float64) bool
		unit  string
	}
	ratio := func(size int, f func(zc, def codecResult) float64) func(svc, backend string) (float64, bool) {
		return func(svc, backend string) (float64, bool) {
			zc, ok1 := r.codecs[codecCell{svc, backend, "zerocopy", size}]
			def, ok2 := r.codecs[codecCell{svc, backend, "default", size}]
			return f(zc, def), ok1 && ok2
		}
	}
	large, small := codecSizes[len(codecSizes)-1], codecSizes[0]
	goals := []goal{
		{"server bytes allocated per 1 MiB RPC ÷ payload", "≤ 0.1", ratio(large, func(zc, _ codecResult) float64 {
			return zc.perRPC(zc.allocBytes) / float64(large)
		}), func(v float64) bool { return v <= 0.1 }, ""},
		{"throughput at 1 MiB, zerocopy ÷ default", "≥ 1.3 (scand), ≥ 1.0 (others)", ratio(large, func(zc, def codecResult) float64 {
			return zc.rps() / def.rps()
		}), nil, "×"},
		{"throughput at 4 KiB, zerocopy ÷ default", "≥ 0.97", ratio(small, func(zc, def codecResult) float64 {
			return zc.rps() / def.rps()
		}), func(v float64) bool { return v >= 0.97 }, "×"},
		{"peak RSS under the 1 MiB load, zerocopy ÷ default", "≤ 0.5", ratio(large, func(zc, def codecResult) float64 {
			return float64(zc.peakRSS) / float64(def.peakRSS)
		}), func(v float64) bool { return v <= 0.5 }, "×"},
	}
	fmt.Fprintf(b, "\nGoals (issue: zero-copy from the socket to C), judged on the rows above:\n\n")
	fmt.Fprintf(b, "| measure | target | service | backend | measured | result |\n|---|---|---|---|---:|---|\n")
	for _, g := range goals {
		for _, svc := range r.services {
			for _, backend := range backends {
				v, ok := g.value(svc, backend)
				if !ok {
					continue
				}
				met := g.met
				if met == nil { // the throughput goal depends on the service
					floor := 1.0
					if svc == "scand" {
						floor = 1.3
					}
					met = func(v float64) bool { return v >= floor }
				}
				verdict := "missed"
				if met(v) {
					verdict = "met"
				}
				fmt.Fprintf(b, "| %s | %s | %s | %s | %.2f%s | %s |\n", g.what, g.target, svc, backend, v, g.unit, verdict)
			}
		}
	}
	fmt.Fprint(b, rssNote)
}

// rssNote says why zerocopy barely moves peak RSS; heap profiles taken
// with -heap_profiles show it for any run.
const rssNote = `
Why peak RSS hardly moves: zerocopy removes the payload-sized garbage of
each RPC (the GC column), not the payload-sized live memory. Under load
each in-flight request holds about one payload with either codec: with
the default codec, gRPC's pooled receive buffers and the decoded bytes
field; with zerocopy, the pooled buffer a fragmented request is joined
into (the fragmented column). Go's collector lets the heap grow past its
live size (GOGC) before collecting, whichever codec made it. Heap profiles
under this load (` + "`-heap_profiles=DIR`" + `, read with ` + "`go tool pprof -sample_index=inuse_space`" + `)
show where the live bytes are. Halving peak RSS would need requests
consumed from gRPC's frames without joining them, or fewer bytes in
flight (-max_inflight_bytes).
`

// percent formats part/whole as a percentage, or "–" when whole is zero.
func percent(part, whole float64) string {
	if whole == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*part/whole)
}
