// Command demo is the repository's main job. It generates a development
// certificate, starts the real hashd and scand binaries on loopback ports
// with TLS, calls them through the starterctl client, prints the results and
// shuts both services down with SIGTERM. Run it with `tools/bazel run //:demo`.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/bazelbuild/rules_go/go/runfiles"

	"example.com/starter/services/servicekit"
)

// Runfiles paths of the binaries, set by x_defs in BUILD.bazel.
var (
	hashdRlocation      string
	scandRlocation      string
	starterctlRlocation string
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run() error {
	bins, err := locate(hashdRlocation, scandRlocation, starterctlRlocation)
	if err != nil {
		return err
	}
	hashd, scand, ctl := bins[0], bins[1], bins[2]

	dir, err := os.MkdirTemp("", "demo")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	certs, err := servicekit.WriteDevCerts(dir)
	if err != nil {
		return err
	}
	payload := filepath.Join(dir, "payload.bin")
	if err := os.WriteFile(payload, []byte(strings.Repeat("go-c-starter ", 400000)), 0o644); err != nil {
		return err
	}

	services := map[string]*servicekit.Process{}
	for _, svc := range []struct{ name, bin string }{{"hashd", hashd}, {"scand", scand}} {
		// Service logs (JSON) go to stderr, keeping stdout for the results.
		proc, err := servicekit.Start(svc.bin, certs.ServerFlags(), nil, os.Stderr, 15*time.Second)
		if err != nil {
			return err
		}
		services[svc.name] = proc
		defer proc.Stop(10 * time.Second)
		fmt.Printf("started %s: gRPC (TLS) on %s, metrics on http://%s/metrics\n", svc.name, proc.Addrs.GRPC, proc.Addrs.Metrics)
	}

	calls := []struct {
		service string
		args    []string
	}{
		{"hashd", []string{"health"}},
		{"hashd", []string{"sha256", "hello, world"}},
		{"hashd", []string{"hmac", "-key=demo-secret", "hello, world"}},
		{"hashd", []string{"batch", "alpha", "beta", "gamma"}},
		{"hashd", []string{"stream", "-chunk=262144", payload}},
		{"scand", []string{"index", "-set=,;", "-all", "id,name;team,lang"}},
		{"scand", []string{"count", "-byte=,", "a,b,,c,d"}},
		{"scand", []string{"compare", "go-c-starter", "go-c-started"}},
	}
	for _, call := range calls {
		args := append([]string{"-addr=" + services[call.service].Addrs.GRPC, "-ca=" + certs.CA}, call.args...)
		fmt.Printf("\n$ starterctl %s   # %s\n", strings.Join(call.args, " "), call.service)
		cmd := exec.Command(ctl, args...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("starterctl %s: %w", call.args[0], err)
		}
	}

	fmt.Println()
	for name, proc := range services {
		if err := proc.Stop(10 * time.Second); err != nil {
			return fmt.Errorf("stopping %s: %w", name, err)
		}
		fmt.Printf("stopped %s cleanly (SIGTERM, drained)\n", name)
	}
	return nil
}

func locate(rlocations ...string) ([]string, error) {
	paths := make([]string, len(rlocations))
	for i, r := range rlocations {
		p, err := runfiles.Rlocation(r)
		if err != nil {
			return nil, fmt.Errorf("locating %s: %w", r, err)
		}
		paths[i] = p
	}
	return paths, nil
}
