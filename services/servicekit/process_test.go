package servicekit

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// script writes an executable shell script standing in for a service: it
// gets Start's arguments, the -addr_file one last, and its body calls
// `serve JSON` to write the address file as WriteAddrs does, atomically
// (a plain `echo > file` lets Start read the file empty).
func script(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "service.sh")
	prologue := `for a; do addr_file="${a#-addr_file=}"; done
serve() { echo "$1" >"$addr_file.tmp" && mv "$addr_file.tmp" "$addr_file"; }
`
	require.NoError(t, os.WriteFile(path, []byte("#!/bin/sh\n"+prologue+body+"\n"), 0o755))
	return path
}

func TestStartStopAndPeakRSS(t *testing.T) {
	// The trap comes first: Start returns once the address file is
	// written, and the test's SIGTERM may follow at once.
	bin := script(t, `trap 'exit 0' TERM
serve '{"grpc":"127.0.0.1:1","metrics":"127.0.0.1:2"}'
while :; do sleep 0.05; done`)
	p, err := Start(bin, nil, []string{"X=1"}, io.Discard, 10*time.Second)
	require.NoError(t, err)
	assert.Equal(t, Addrs{GRPC: "127.0.0.1:1", Metrics: "127.0.0.1:2"}, p.Addrs)
	peak, err := p.PeakRSS()
	require.NoError(t, err)
	assert.Positive(t, peak)
	require.NoError(t, p.Stop(10*time.Second), "a clean exit on SIGTERM")
	_, err = p.PeakRSS()
	assert.Error(t, err, "the process is gone")
}

func TestStartFailures(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		timeout    time.Duration
		want       string
	}{
		{"exits before serving", "exit 3", 10 * time.Second, "exited before serving"},
		{"bad address file", `serve 'not json'; exec sleep 10`, 10 * time.Second, "bad address file"},
		{"does not serve in time", "exec sleep 10", 200 * time.Millisecond, "did not serve within"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Start(script(t, tc.body), nil, nil, io.Discard, tc.timeout)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	_, err := Start(filepath.Join(t.TempDir(), "missing"), nil, nil, io.Discard, time.Second)
	assert.ErrorContains(t, err, "starting")
}

func TestStopReportsAnUncleanExit(t *testing.T) {
	bin := script(t, `trap 'exit 4' TERM
serve '{}'
while :; do sleep 0.05; done`)
	p, err := Start(bin, nil, nil, io.Discard, 10*time.Second)
	require.NoError(t, err)
	assert.Error(t, p.Stop(10*time.Second), "exit status 4 on SIGTERM")

	bin = script(t, `trap '' TERM
serve '{}'
while :; do sleep 0.05; done`)
	p, err = Start(bin, nil, nil, io.Discard, 10*time.Second)
	require.NoError(t, err)
	assert.ErrorContains(t, p.Stop(300*time.Millisecond), "killed", "a process that ignores SIGTERM")
}

func TestWriteAddrs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "addrs.json")
	require.NoError(t, WriteAddrs(path, Addrs{GRPC: "a", Metrics: "b"}))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.JSONEq(t, `{"grpc":"a","metrics":"b"}`, string(data))
	assert.Error(t, WriteAddrs(filepath.Join(t.TempDir(), "no", "such", "dir"), Addrs{}))
}

func TestDialOptions(t *testing.T) {
	_, err := Dial("127.0.0.1:1", ClientOptions{})
	assert.ErrorContains(t, err, "a CA file is required")
	_, err = Dial("127.0.0.1:1", ClientOptions{CAFile: filepath.Join(t.TempDir(), "missing.pem")})
	assert.Error(t, err)
	empty := filepath.Join(t.TempDir(), "empty.pem")
	require.NoError(t, os.WriteFile(empty, []byte("no PEM here"), 0o644))
	_, err = Dial("127.0.0.1:1", ClientOptions{CAFile: empty})
	assert.ErrorContains(t, err, "no certificates")

	conn, err := Dial("127.0.0.1:1", ClientOptions{Insecure: true, MaxMessageBytes: 1 << 20})
	require.NoError(t, err)
	assert.NoError(t, conn.Close())
}

func TestWriteDevCertsIntoAMissingDirectory(t *testing.T) {
	_, err := WriteDevCerts(filepath.Join(t.TempDir(), "no", "such", "dir"))
	assert.Error(t, err)
	assert.False(t, strings.Contains(err.Error(), "panic"))
}
