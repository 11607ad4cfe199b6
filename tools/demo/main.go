// Command demo is the repository's main job: it starts the real scand binary
// on a loopback port, calls it over gRPC, prints what it got back and stops
// the service with SIGTERM. Run it with `tools/bazel run //:demo`.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/bazelbuild/rules_go/go/runfiles"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	scanv1 "example.com/starter/proto/scan/v1"
)

// scandRlocation is the runfiles path of the scand binary, set by x_defs in
// BUILD.bazel.
var scandRlocation string

func main() {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run() error {
	scand, err := runfiles.Rlocation(scandRlocation)
	if err != nil {
		return fmt.Errorf("locating scand: %w", err)
	}
	tmp, err := os.MkdirTemp("", "demo")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	addrFile := filepath.Join(tmp, "scand.addr")
	cmd := exec.Command(scand, "-listen=127.0.0.1:0", "-addr_file="+addrFile)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting scand: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer stop(cmd, exited)

	addr, err := waitForAddr(addrFile, exited, 10*time.Second)
	if err != nil {
		return err
	}
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	payload := []byte("name,team,language\nscand,platform,C\nhashd,platform,Go\n")
	resp, err := scanv1.NewScanServiceClient(conn).CountByte(ctx, &scanv1.CountByteRequest{Data: payload, Value: ','})
	if err != nil {
		return fmt.Errorf("ScanService.CountByte: %w", err)
	}
	fmt.Printf("scand at %s: CountByte(%d-byte CSV, ',') = %d\n", addr, len(payload), resp.GetCount())
	return nil
}

// waitForAddr polls for the address file that scand writes once it listens.
func waitForAddr(path string, exited <-chan error, timeout time.Duration) (string, error) {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(path); err == nil {
			return string(b), nil
		}
		select {
		case err := <-exited:
			return "", fmt.Errorf("scand exited before serving: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
	return "", errors.New("scand did not start serving within " + timeout.String())
}

// stop sends SIGTERM and waits for the graceful shutdown.
func stop(cmd *exec.Cmd, exited <-chan error) {
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
	}
}
