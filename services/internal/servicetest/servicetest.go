// Package servicetest starts a real, Bazel-built service binary for an
// integration test: on loopback ports, with TLS from a fresh development
// certificate, and stopped when the test ends.
//
// The go_test names the binary in its data and passes its runfiles path in
// the SERVICE_RLOCATION environment variable:
//
//	go_test(
//	    data = [":hashd"],
//	    env = {"SERVICE_RLOCATION": "$(rlocationpath :hashd)"},
//	)
//
// A test of its fault build (fault_binary in tools/cmock/defs.bzl) passes
// that in SERVICE_FAULT_RLOCATION and starts it with StartFault.
package servicetest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/bazelbuild/rules_go/go/runfiles"
	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	"example.com/starter/services/servicekit"
)

// startTimeout bounds how long a service may take to start serving.
const startTimeout = 15 * time.Second

// Service is a running service binary.
type Service struct {
	*servicekit.Process
	bin   string
	args  []string
	env   []string
	certs servicekit.DevCerts
}

// Start runs the binary named by SERVICE_RLOCATION with TLS and args, and
// stops it with SIGTERM when the test ends (failing the test if that does
// not end in a clean exit).
func Start(t *testing.T, args ...string) *Service {
	t.Helper()
	return startBinary(t, "SERVICE_RLOCATION", nil, args)
}

// StartFault is Start for the fault build named by SERVICE_FAULT_RLOCATION,
// with CMOCK_FAULTS=faults in its environment: the C seam functions the
// spec names fail as it says (see tools/cmock/fault/cmock_fault.h), e.g.
// "crypto_evp_final=4@1" fails the first call with CRYPTO_EBACKEND.
func StartFault(t *testing.T, faults string, args ...string) *Service {
	t.Helper()
	return startBinary(t, "SERVICE_FAULT_RLOCATION", []string{faultSeamMarker + "=" + faults}, args)
}

// binary returns the path of the binary whose runfiles path is in the
// environment variable rlocationVar.
func binary(t *testing.T, rlocationVar string) string {
	t.Helper()
	bin, err := runfiles.Rlocation(os.Getenv(rlocationVar))
	require.NoError(t, err, "locating the service binary (is %s set in the go_test?)", rlocationVar)
	return bin
}

func startBinary(t *testing.T, rlocationVar string, env, args []string) *Service {
	t.Helper()
	certs, err := servicekit.WriteDevCerts(t.TempDir())
	require.NoError(t, err)
	s := &Service{
		bin:   binary(t, rlocationVar),
		env:   env,
		certs: certs,
		// No lame-duck period unless a test asks for one: every test
		// stops its service, and would wait it out.
		args: append(append(certs.ServerFlags(), "-lame_duck=0s"), args...),
	}
	s.start(t, s.args)
	return s
}

// StartupFailure runs the binary named by SERVICE_RLOCATION with TLS and
// args, expecting it to refuse its configuration and exit before serving.
// It returns the exit status and what the binary wrote to stderr, and fails
// the test if the binary exits 0 or is still running after startTimeout.
func StartupFailure(t *testing.T, args ...string) (status int, stderr string) {
	t.Helper()
	bin := binary(t, "SERVICE_RLOCATION")
	certs, err := servicekit.WriteDevCerts(t.TempDir())
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	// Free ports, so that a binary that wrongly starts fails no other test.
	cmd := exec.CommandContext(ctx, bin, append(certs.ServerFlags(), append([]string{"-listen=127.0.0.1:0", "-metrics_listen=127.0.0.1:0"}, args...)...)...)
	var errOut strings.Builder
	cmd.Stderr = &errOut
	err = cmd.Run()
	var exitErr *exec.ExitError
	require.ErrorAs(t, err, &exitErr, "%v must refuse to start; stderr:\n%s", args, errOut.String())
	require.NoError(t, ctx.Err(), "%v: still running after %v", args, startTimeout)
	return exitErr.ExitCode(), errOut.String()
}

func (s *Service) start(t *testing.T, args []string) {
	t.Helper()
	proc, err := servicekit.Start(s.bin, args, s.env, testWriter{t}, startTimeout)
	require.NoError(t, err)
	s.Process = proc
	t.Cleanup(func() {
		select {
		case <-proc.Exited():
			return // the test stopped or crashed it on purpose
		default:
		}
		if err := proc.Stop(startTimeout); err != nil {
			t.Errorf("service did not shut down cleanly: %v", err)
		}
	})
}

// Restart starts the binary again on the same ports, as a supervisor would
// after a crash. The previous process must have exited.
func (s *Service) Restart(t *testing.T) {
	t.Helper()
	args := append(append([]string{}, s.args...), "-listen="+s.Addrs.GRPC, "-metrics_listen="+s.Addrs.Metrics)
	s.start(t, args)
}

// Dial returns a TLS client connection to the service, closed at test end,
// with opts added to the usual ones. Its message limit is large so that
// tests can send what the server refuses.
func (s *Service) Dial(t *testing.T, opts ...grpc.DialOption) *grpc.ClientConn {
	t.Helper()
	conn, err := servicekit.Dial(s.Addrs.GRPC, servicekit.ClientOptions{CAFile: s.certs.CA, MaxMessageBytes: 64 << 20, GRPCOptions: opts})
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// PeakRSS returns the most resident memory the service has used so far,
// in bytes (Linux only).
func (s *Service) PeakRSS(t *testing.T) int64 {
	t.Helper()
	peak, err := s.Process.PeakRSS()
	require.NoError(t, err, "reading the service's peak RSS")
	return peak
}

// CAFile is the PEM file of the CA that signed the service's certificate,
// for clients built by hand.
func (s *Service) CAFile() string { return s.certs.CA }

// Metrics returns the body of the service's /metrics page.
func (s *Service) Metrics(t *testing.T) string {
	t.Helper()
	text, err := s.Process.Metrics()
	require.NoError(t, err)
	return text
}

// HandledCounts returns the service's grpc_server_handled_total samples,
// keyed by "method code" (e.g. "/hash.v1.HashService/Sum OK").
func (s *Service) HandledCounts(t *testing.T) map[string]float64 {
	t.Helper()
	counts := map[string]float64{}
	for _, m := range s.metricFamily(t, "grpc_server_handled_total") {
		labels := labelMap(m)
		counts[labels["grpc_method"]+" "+labels["grpc_code"]] = m.GetCounter().GetValue()
	}
	return counts
}

// BackendInfo returns the labels of the service's service_backend_info:
// the backend it runs and the implementation the C library chose.
func (s *Service) BackendInfo(t *testing.T) (backend, implementation string) {
	t.Helper()
	info := s.metricFamily(t, "service_backend_info")
	require.Len(t, info, 1, "service_backend_info in /metrics")
	labels := labelMap(info[0])
	return labels["backend"], labels["implementation"]
}

// metricFamily returns the samples of one metric family on /metrics.
func (s *Service) metricFamily(t *testing.T, name string) []*dto.Metric {
	t.Helper()
	families, err := s.MetricFamilies()
	require.NoError(t, err)
	return families[name].GetMetric()
}

func labelMap(m *dto.Metric) map[string]string {
	labels := map[string]string{}
	for _, l := range m.GetLabel() {
		labels[l.GetName()] = l.GetValue()
	}
	return labels
}

// WaitHandled waits up to within until /metrics holds exactly the given
// grpc_server_handled_total counts (keyed as in HandledCounts) and reports
// whether it did; if not, it fails the test (not fatally) with the counts it
// saw. The server counts an RPC as it ends, which can be just after the
// client has its status, so a fresh count must be waited for, not read.
func (s *Service) WaitHandled(t *testing.T, within time.Duration, want map[string]float64) bool {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		counts := s.HandledCounts(t)
		met := true
		for key, n := range want {
			met = met && counts[key] == n
		}
		if met {
			return true
		}
		if time.Now().After(deadline) {
			t.Errorf("/metrics after %v: want %v among grpc_server_handled_total %v", within, want, counts)
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// WaitGauge waits up to within until the gauge name on /metrics reads want
// and reports whether it did; if not, it fails the test (not fatally) with
// the last value it saw. Like WaitHandled, it is for what the server
// updates as an RPC ends, after the client may already have its status.
func (s *Service) WaitGauge(t *testing.T, within time.Duration, name string, want float64) bool {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		families, err := s.MetricFamilies()
		require.NoError(t, err)
		got := servicekit.SampleValue(families, name, nil)
		if got == want {
			return true
		}
		if time.Now().After(deadline) {
			t.Errorf("/metrics after %v: %s is %v, want %v", within, name, got, want)
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// testWriter sends the service's logs to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(p))
	return len(p), nil
}
