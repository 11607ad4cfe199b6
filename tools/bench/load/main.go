// Command load measures hashd, scand and envelopd under closed-loop gRPC load, with
// the C backend and the pure-Go backend side by side in one run, and writes
// docs/services.md:
//
//	tools/bazel run --config=opt //tools/bench/load -- -out=docs/services.md
//
// Every cell (service, backend, concurrency, payload size) runs -repeat
// times for -duration; the report gives the median requests/s and the p50
// and p99 latency of the median run. A final soak runs each service's C
// backend at concurrency 64 for -soak and must see zero errors. Then the
// hostile mix (hostile.go) runs against a fresh C-backend process for
// -hostile: well-behaved clients beside hostile ones and idle connections,
// reporting each hostile kind's status codes, the well-behaved clients'
// latency and the service's peak RSS. Last, the codec comparison (codec.go)
// runs each service with gRPC's default codec and with zerocopy, and
// reports what each costs the server per RPC; with -heap_profiles=DIR it
// also saves each server's heap profile under the 1 MiB load. -services
// limits a run to some of the services, for profiling one of them:
//
//	tools/bazel run --config=opt //tools/bench/load -- -services=scand -heap_profiles=/tmp/heap
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bazelbuild/rules_go/go/runfiles"

	"example.com/starter/services/servicekit"
	"example.com/starter/tools/internal/machine"
)

// Runfiles paths of the service binaries, set by x_defs in BUILD.bazel.
var hashdRlocation, scandRlocation, envelopdRlocation string

func main() {
	out := flag.String("out", "", "write the Markdown report here (relative to the workspace); stdout if empty")
	duration := flag.Duration("duration", 3*time.Second, "length of one measurement")
	repeat := flag.Int("repeat", 3, "measurements per cell; the median is reported")
	soak := flag.Duration("soak", 60*time.Second, "length of the zero-error run at concurrency 64 (0 skips it)")
	hostile := flag.Duration("hostile", 10*time.Second, "length of the hostile mix (0 skips it)")
	codecs := flag.Bool("codecs", true, "compare gRPC's default codec with zerocopy")
	concurrency := flag.String("concurrency", "1,16,64", "client counts to measure")
	sizes := flag.String("sizes", "64,4096,1048576", "payload sizes in bytes")
	services := flag.String("services", "", "comma-separated services to measure (default: all)")
	heapProfiles := flag.String("heap_profiles", "", "if set, a directory where the codec comparison saves each server's heap profile, taken halfway through its last 1 MiB run (the servers then run with -pprof)")
	flag.Parse()

	svcs, err := selectTargets(*services)
	if err == nil && *heapProfiles != "" {
		*heapProfiles, err = workspaceDir(*heapProfiles)
	}
	if err == nil {
		err = run(options{
			out: *out, duration: *duration, repeat: *repeat, soak: *soak, hostile: *hostile, codecs: *codecs,
			concurrency: parseInts(*concurrency), sizes: parseInts(*sizes), targets: svcs, heapProfiles: *heapProfiles,
		})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// workspaceDir makes dir, relative to the workspace under `bazel run`,
// and returns its path.
func workspaceDir(dir string) (string, error) {
	if ws := os.Getenv("BUILD_WORKSPACE_DIRECTORY"); ws != "" && !filepath.IsAbs(dir) {
		dir = filepath.Join(ws, dir)
	}
	return dir, os.MkdirAll(dir, 0o755)
}

// options are main's flags.
type options struct {
	out                string
	duration           time.Duration
	repeat             int
	soak, hostile      time.Duration
	codecs             bool
	concurrency, sizes []int
	targets            []target
	heapProfiles       string
}

func run(o options) error {
	dir, err := os.MkdirTemp("", "load")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	certs, err := servicekit.WriteDevCerts(dir)
	if err != nil {
		return err
	}

	report := newReport(machine.Measure(os.Getenv("BUILD_WORKSPACE_DIRECTORY")), o.duration, o.repeat, o.soak)
	flags := map[string][]string{} // each service's flags, TLS and its own
	for _, svc := range o.targets {
		flags[svc.name] = certs.ServerFlags()
		if svc.flags != nil {
			own, err := svc.flags(dir)
			if err != nil {
				return fmt.Errorf("%s: %w", svc.name, err)
			}
			flags[svc.name] = append(flags[svc.name], own...)
		}
	}
	for _, svc := range o.targets {
		if err := measure(report, svc, flags[svc.name], certs.CA, o.concurrency, o.sizes); err != nil {
			return err
		}
	}
	if o.hostile > 0 {
		report.hostileLen = o.hostile
		for _, svc := range o.targets {
			if err := measureHostile(report, svc, flags[svc.name], certs.CA, o.hostile); err != nil {
				return err
			}
		}
	}

	if o.codecs {
		for _, svc := range o.targets {
			if err := measureCodecs(report, svc, flags[svc.name], certs.CA, o.heapProfiles); err != nil {
				return err
			}
		}
	}

	text := report.markdown(strings.Join(os.Args[1:], " "))
	out := o.out
	if out == "" {
		fmt.Print(text)
	} else {
		if ws := os.Getenv("BUILD_WORKSPACE_DIRECTORY"); ws != "" && !filepath.IsAbs(out) {
			out = filepath.Join(ws, out)
		}
		if err := os.WriteFile(out, []byte(text), 0o644); err != nil {
			return err
		}
	}
	for svc, res := range report.soaks {
		if res.errors > 0 {
			return fmt.Errorf("%s: %d errors during the soak; the target is zero", svc, res.errors)
		}
	}
	return nil
}

// measure runs every cell of one service, then its soak, and records them.
// Both backends serve at once and their runs alternate, so that a change in
// background load hits both columns alike.
func measure(report *report, svc target, flags []string, caFile string, concurrency, sizes []int) error {
	bin, err := runfiles.Rlocation(*svc.rlocation)
	if err != nil {
		return err
	}
	drivers := map[string]driver{}
	for _, backend := range backends {
		args := append(slices.Clone(flags), "-backend="+backend)
		proc, err := servicekit.Start(bin, args, nil, os.Stderr, 15*time.Second)
		if err != nil {
			return err
		}
		defer proc.Stop(30 * time.Second)
		drivers[backend] = driver{addr: proc.Addrs.GRPC, caFile: caFile, call: svc.call}
	}
	for _, c := range concurrency {
		for _, size := range sizes {
			runs := map[string][]result{}
			for range report.repeat {
				for _, backend := range backends {
					res, err := drivers[backend].run(c, size, report.duration)
					if err != nil {
						return fmt.Errorf("%s/%s c=%d size=%d: %w", svc.name, backend, c, size, err)
					}
					runs[backend] = append(runs[backend], res)
				}
			}
			for _, backend := range backends {
				res := median(runs[backend])
				fmt.Fprintf(os.Stderr, "%s %-2s c=%-3d %8d B: %9.0f req/s p50 %v p99 %v errors %d\n",
					svc.name, backend, c, size, res.rps(), res.p(50), res.p(99), res.errors)
				report.add(svc.name, backend, c, size, res)
			}
		}
	}
	if report.soakLen > 0 {
		res, err := drivers["c"].run(64, 4096, report.soakLen)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s soak: %d requests, %d errors\n", svc.name, res.count(), res.errors)
		report.addSoak(svc.name, res)
	}
	return nil
}

// measureHostile runs the hostile mix against a fresh C-backend process
// of svc, so that its peak RSS is the mix's alone.
func measureHostile(report *report, svc target, flags []string, caFile string, duration time.Duration) error {
	bin, err := runfiles.Rlocation(*svc.rlocation)
	if err != nil {
		return err
	}
	proc, err := servicekit.Start(bin, append(slices.Clone(flags), "-backend=c"), nil, os.Stderr, 15*time.Second)
	if err != nil {
		return err
	}
	defer proc.Stop(30 * time.Second)
	res, err := runHostile(svc, proc, caFile, duration)
	if err != nil {
		return fmt.Errorf("%s hostile mix: %w", svc.name, err)
	}
	fmt.Fprintf(os.Stderr, "%s hostile: well-behaved %0.f req/s p99 %v errors %d; peak RSS %d MiB; %v\n",
		svc.name, res.well.rps(), res.well.p(99), res.well.errors, res.peakRSS>>20, res.codes)
	report.hostile[svc.name] = res
	return nil
}

// backends are the -backend values compared, the measured one first.
var backends = []string{"c", "go"}

func parseInts(list string) []int {
	var ints []int
	for _, f := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "load: bad list %q\n", list)
			os.Exit(2)
		}
		ints = append(ints, n)
	}
	return ints
}
