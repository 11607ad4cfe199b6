// Command demo is the repository's main job. It generates a development
// certificate (and, for envelopd, a key file of random keys), starts the
// real hashd, scand and envelopd binaries on loopback ports with TLS, calls
// them through the starterctl client, prints the results and shuts the
// services down with SIGTERM. Run it with `tools/bazel run //:demo`.
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
	envelopdRlocation   string
	starterctlRlocation string
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run() error {
	bins, err := locate(hashdRlocation, scandRlocation, envelopdRlocation, starterctlRlocation)
	if err != nil {
		return err
	}
	hashd, scand, envelopd, ctl := bins[0], bins[1], bins[2], bins[3]

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
	keyFlag, err := servicekit.WriteDevKeys(dir)
	if err != nil {
		return err
	}

	services := map[string]*servicekit.Process{}
	for _, svc := range []struct {
		name, bin string
		args      []string
	}{{"hashd", hashd, nil}, {"scand", scand, nil}, {"envelopd", envelopd, []string{keyFlag}}} {
		// Service logs (JSON) go to stderr, keeping stdout for the results.
		proc, err := servicekit.Start(svc.bin, append(certs.ServerFlags(), svc.args...), nil, os.Stderr, 15*time.Second)
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
	starterctl := func(service string, args ...string) (string, error) {
		fmt.Printf("\n$ starterctl %s   # %s\n", strings.Join(args, " "), service)
		cmd := exec.Command(ctl, append([]string{"-addr=" + services[service].Addrs.GRPC, "-ca=" + certs.CA}, args...)...)
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		fmt.Print(string(out))
		if err != nil {
			return "", fmt.Errorf("starterctl %s: %w", args[0], err)
		}
		return strings.TrimSpace(string(out)), nil
	}
	for _, call := range calls {
		if _, err := starterctl(call.service, call.args...); err != nil {
			return err
		}
	}
	// envelopd: seal, then open the envelope seal printed.
	envelope, err := starterctl("envelopd", "seal", "-key="+servicekit.DevKeyIDs.AESGCM, "-aad=order 42", "card ending 4242")
	if err != nil {
		return err
	}
	if _, err := starterctl("envelopd", "open", "-aad=order 42", envelope); err != nil {
		return err
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
