// Tests of the fault seams end to end: cmock -fault's wrappers for
// example/probe.h, c_seam and fault_binary's build, and the CMOCK_FAULTS
// run time, driven through the example program's fault build.
package fault_test

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/bazelbuild/rules_go/go/runfiles"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The example program's line for a call nothing faulted.
const realCall = "read=0/42 buffer=ok ratio=0.5 byte=7 log=1 errno=0"

// run runs the program named by the environment variable rlocationVar
// with env and calls, and returns its stdout lines, its stderr and its
// exit status.
func run(t *testing.T, rlocationVar string, env []string, calls int) (lines []string, stderr string, status int) {
	t.Helper()
	if os.Getenv(rlocationVar) == "" {
		t.Skipf("%s is unset: the programs are built by Bazel; run tools/bazel test //tools/cmock/fault:fault_test", rlocationVar)
	}
	bin, err := runfiles.Rlocation(os.Getenv(rlocationVar))
	require.NoError(t, err)
	cmd := exec.Command(bin, fmt.Sprint(calls))
	cmd.Env = append(os.Environ(), env...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	if exitErr, ok := err.(*exec.ExitError); ok {
		status = exitErr.ExitCode()
	} else {
		require.NoError(t, err)
	}
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if l != "" {
			lines = append(lines, l[strings.Index(l, ": ")+2:])
		}
	}
	return lines, errOut.String(), status
}

func faulty(t *testing.T, spec string, calls int) ([]string, string) {
	t.Helper()
	lines, stderr, status := run(t, "FAULT_RLOCATION", []string{"CMOCK_FAULTS=" + spec}, calls)
	require.Zero(t, status, "stderr: %s", stderr)
	return lines, stderr
}

func TestUnarmedFaultBuildBehavesAsProduction(t *testing.T) {
	lines, _, status := run(t, "PRODUCTION_RLOCATION", nil, 2)
	require.Zero(t, status)
	assert.Equal(t, []string{realCall, realCall}, lines)
	lines, stderr, status := run(t, "FAULT_RLOCATION", nil, 2)
	require.Zero(t, status)
	assert.Equal(t, []string{realCall, realCall}, lines)
	assert.Empty(t, stderr)
}

func TestProductionBuildIgnoresFaults(t *testing.T) {
	lines, _, status := run(t, "PRODUCTION_RLOCATION", []string{"CMOCK_FAULTS=probe_read=5"}, 1)
	require.Zero(t, status)
	assert.Equal(t, []string{realCall}, lines)
}

func TestWhen(t *testing.T) {
	const eio = "read=5/0 buffer=ok ratio=0.5 byte=7 log=1 errno=0"
	for _, tc := range []struct {
		spec string
		want []string
	}{
		{"probe_read=5", []string{eio, eio, eio, eio}},
		{"probe_read=5@2", []string{realCall, eio, realCall, realCall}},
		{"probe_read=5@3+", []string{realCall, realCall, eio, eio}},
		{"probe_read=5@100%", []string{eio, eio, eio, eio}},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			lines, stderr := faulty(t, tc.spec, 4)
			assert.Equal(t, tc.want, lines)
			assert.Equal(t, strings.Count(strings.Join(tc.want, "\n"), "read=5"), strings.Count(stderr, "cmock_fault: probe_read call"),
				"one log line per fault fired; stderr:\n%s", stderr)
		})
	}
}

func TestReturnTypesAndErrno(t *testing.T) {
	lines, _ := faulty(t, "probe_buffer=0;probe_ratio=3;probe_byte=-2;probe_read=5:EIO@1", 2)
	assert.Equal(t, []string{
		fmt.Sprintf("read=5/0 buffer=null ratio=3 byte=-2 log=1 errno=%d", 5), // EIO is 5 on Linux
		"read=0/42 buffer=null ratio=3 byte=-2 log=1 errno=0",
	}, lines)
}

func TestPercentIsSeededAndRepeatable(t *testing.T) {
	const calls = 200
	count := func(seed string) (int, []string) {
		lines, stderr, status := run(t, "FAULT_RLOCATION", []string{"CMOCK_FAULTS=probe_read=5@30%", "CMOCK_FAULTS_SEED=" + seed}, calls)
		require.Zero(t, status, stderr)
		return strings.Count(stderr, "cmock_fault: probe_read"), lines
	}
	n1, lines1 := count("1")
	n1again, lines1again := count("1")
	n2, lines2 := count("2")
	assert.Equal(t, lines1, lines1again, "the same seed fails the same calls")
	assert.Equal(t, n1, n1again)
	assert.NotEqual(t, lines1, lines2, "another seed fails other calls")
	for _, n := range []int{n1, n2} {
		assert.InDelta(t, 0.3*calls, n, 0.12*calls, "faults fired at 30%% of %d calls", calls)
	}
}

func TestBadSpecsStopTheProgramBeforeMain(t *testing.T) {
	for _, tc := range []struct{ spec, why string }{
		{"probe_read", "want function=value"},
		{"nosuch=1", "no wrapped function has this name"},
		{"probe_reset=1", "no wrapped function has this name"}, // void: not wrapped
		{"probe_log=1", "no wrapped function has this name"},   // variadic: not wrapped
		{"probe_read=x", "value: want an integer"},
		{"probe_read=1x", "value: want an integer"},
		{"probe_read=1:ENOPE", "errno: want a name"},
		{"probe_read=1@0", "when: want N, N+ or P%"},
		{"probe_read=1@2x", "when: want N, N+ or P%"},
		{"probe_read=1@101%", "a percentage is at most 100"},
		{"probe_read=1;probe_read=2", "a function may have one rule"},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			lines, stderr, status := run(t, "FAULT_RLOCATION", []string{"CMOCK_FAULTS=" + tc.spec}, 1)
			assert.Equal(t, 2, status)
			assert.Empty(t, lines, "the program ran")
			assert.Contains(t, stderr, tc.why)
		})
	}
	_, stderr, status := run(t, "FAULT_RLOCATION", []string{"CMOCK_FAULTS_SEED=-1"}, 1)
	assert.Equal(t, 2, status)
	assert.Contains(t, stderr, "CMOCK_FAULTS_SEED=-1: want an unsigned number")
}
