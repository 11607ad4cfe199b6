// Starting a service binary as a child process, and the address-file
// protocol: a service started with -addr_file=PATH writes its bound
// addresses there as JSON (see Addrs and WriteAddrs) once it accepts
// connections, which lets launchers use port 0 without racing for free
// ports.

package servicekit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Addrs is the content of an address file.
type Addrs struct {
	GRPC    string `json:"grpc"`
	Metrics string `json:"metrics"`
}

// WriteAddrs writes addrs to path atomically, so a poller never reads a
// partial file.
func WriteAddrs(path string, addrs Addrs) error {
	data, err := json.Marshal(addrs)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Process is a running service.
type Process struct {
	Addrs  Addrs
	cmd    *exec.Cmd
	exited chan struct{}
	err    error // valid once exited is closed
}

// loopbackAnyPort is where Start binds a service unless args say otherwise
// (a later flag overrides an earlier one).
var loopbackAnyPort = []string{"-listen=127.0.0.1:0", "-metrics_listen=127.0.0.1:0"}

// Start runs bin on free loopback ports with args and -addr_file, in this
// process's environment plus env ("NAME=value" entries, which win), sends
// its output to out, and returns once the service serves, or with an error
// if it exits first or does not serve within timeout. args may set -listen
// and -metrics_listen to choose the ports.
func Start(bin string, args, env []string, out io.Writer, timeout time.Duration) (*Process, error) {
	dir, err := os.MkdirTemp("", "servicekit")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	addrFile := filepath.Join(dir, "addrs.json")

	argv := append(append(slices.Clone(loopbackAnyPort), args...), "-addr_file="+addrFile)
	cmd := exec.Command(bin, argv...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	p := &Process{cmd: cmd, exited: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.exited)
	}()

	deadline := time.After(timeout)
	for {
		if data, err := os.ReadFile(addrFile); err == nil {
			if err := json.Unmarshal(data, &p.Addrs); err != nil {
				p.Kill()
				return nil, fmt.Errorf("%s: bad address file: %w", bin, err)
			}
			return p, nil
		}
		select {
		case <-p.exited:
			return nil, fmt.Errorf("%s exited before serving: %v", filepath.Base(bin), p.err)
		case <-deadline:
			p.Kill()
			return nil, fmt.Errorf("%s did not serve within %v", filepath.Base(bin), timeout)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// Pid is the process's ID.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// PeakRSS returns the most resident memory the process has used so far, in
// bytes: VmHWM in /proc/<pid>/status, so Linux only.
func (p *Process) PeakRSS() (int64, error) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.Pid()))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kib, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kib << 10, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", p.Pid())
}

// Terminate sends SIGTERM without waiting.
func (p *Process) Terminate() error { return p.cmd.Process.Signal(syscall.SIGTERM) }

// Stop sends SIGTERM and waits up to timeout for a clean exit, then kills the
// process. It returns an error unless the process exited with status 0 in time.
func (p *Process) Stop(timeout time.Duration) error {
	if err := p.Terminate(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	select {
	case <-p.exited:
		return p.Wait()
	case <-time.After(timeout):
		p.Kill()
		return fmt.Errorf("no exit within %v of SIGTERM; killed", timeout)
	}
}

// Kill ends the process with SIGKILL, as a crash would, and waits for it.
func (p *Process) Kill() {
	_ = p.cmd.Process.Kill()
	<-p.exited
}

// Exited is closed once the process has exited.
func (p *Process) Exited() <-chan struct{} { return p.exited }

// Wait waits for the process to exit and returns its exit error, nil for
// status 0.
func (p *Process) Wait() error {
	<-p.exited
	return p.err
}
