// Command check proves that --config=remote works against a real remote
// cache and measures what it saves:
//
//	tools/bazel run //tools/remotecache/check
//
// In a scratch copy of the workspace it starts a fresh bazel-remote on
// loopback (tools/remotecache/start.sh), points --config=remote at it through
// the copy's user.bazelrc, and then, with the disk cache off:
//
//  1. cleans and builds //... once: every action runs and is uploaded (cold);
//  2. cleans and builds //... again, reps times: actions come from the cache.
//
// It writes the hit rate and times to the remote-cache section of
// docs/build.md and exits 1 if fewer than 95% of actions were cache hits.
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"example.com/starter/tools/internal/bazelcmd"
	"example.com/starter/tools/internal/buildreport"
	"example.com/starter/tools/internal/docsection"
	"example.com/starter/tools/internal/machine"
	"example.com/starter/tools/internal/scratch"
)

// minHitRate is the share of actions a warm build must take from the cache.
const minHitRate = 0.95

func main() {
	reps := flag.Int("reps", 3, "warm (cached) builds; the report gives the median")
	workspace := flag.String("workspace", os.Getenv("BUILD_WORKSPACE_DIRECTORY"), "workspace to copy and to write docs/build.md in (set by bazel run)")
	flag.Parse()
	log.SetFlags(log.Ltime)
	if *workspace == "" {
		log.Fatal("run me with `tools/bazel run //tools/remotecache/check`, or pass -workspace")
	}
	res, err := check(*workspace, *reps)
	if err != nil {
		log.Fatal(err)
	}
	doc := filepath.Join(*workspace, "docs", "build.md")
	if err := docsection.ReplaceInFile(doc, "remote-cache", res.markdown()); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s", doc)
	if rate := res.hitRate(); rate < minHitRate {
		log.Fatalf("FAIL: %.1f%% of actions came from the remote cache; want at least %.0f%%", 100*rate, 100*minHitRate)
	}
	log.Printf("pass: %.1f%% of actions came from the remote cache", 100*res.hitRate())
}

type build struct {
	wall    time.Duration
	summary buildreport.Summary
}

type result struct {
	stamp    machine.Stamp
	endpoint string
	cold     build
	warm     []build
}

func check(workspace string, reps int) (*result, error) {
	home, dir, err := scratch.Prepare(workspace, "remote-cache-check")
	if err != nil {
		return nil, err
	}

	// A fresh cache directory: the cold build must really be cold.
	serverDir := filepath.Join(home, "server")
	if err := os.RemoveAll(serverDir); err != nil {
		return nil, err
	}
	endpoint, stop, err := startServer(dir, serverDir)
	if err != nil {
		return nil, err
	}
	defer stop()
	log.Printf("bazel-remote at %s", endpoint)
	rc := fmt.Sprintf("# Written by //tools/remotecache/check.\nbuild:remote --remote_cache=%s\n", endpoint)
	if err := os.WriteFile(filepath.Join(dir, "user.bazelrc"), []byte(rc), 0o644); err != nil {
		return nil, err
	}

	logFile, err := os.Create(filepath.Join(home, "bazel.log"))
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	log.Printf("Bazel output goes to %s", logFile.Name())
	bz := bazelcmd.Workspace{Dir: dir, Log: logFile}
	// The copy's Bazel server is ours: stop it, whatever happens.
	defer bz.Run([]string{"shutdown"})

	res := &result{endpoint: endpoint, stamp: machine.Measure(workspace)}
	log.Print("cold build: clean, then build //... with an empty remote cache")
	if res.cold, err = cleanBuild(bz); err != nil {
		return nil, err
	}
	for i := 1; i <= reps; i++ {
		log.Printf("warm build %d/%d: clean, then build //... from the remote cache", i, reps)
		b, err := cleanBuild(bz)
		if err != nil {
			return nil, err
		}
		res.warm = append(res.warm, b)
	}
	return res, nil
}

// cleanBuild empties the output base and builds //... with --config=remote
// and no disk cache, so any action not executed came from the remote cache.
func cleanBuild(bz bazelcmd.Workspace) (build, error) {
	if _, err := bz.Run([]string{"clean"}); err != nil {
		return build{}, err
	}
	r, err := bz.Run([]string{"build", "//...", "--config=remote", "--disk_cache=", "--color=no", "--curses=no"})
	if err != nil {
		return build{}, err
	}
	s, err := buildreport.ParseSummary(r.Stderr)
	return build{wall: r.Wall, summary: s}, err
}

// startServer runs the copy's start.sh on free ports and returns the
// endpoint and a function that stops the server.
func startServer(ws, serverDir string) (string, func(), error) {
	grpcPort, err := freePort()
	if err != nil {
		return "", nil, err
	}
	httpPort, err := freePort()
	if err != nil {
		return "", nil, err
	}
	cmd := exec.Command(filepath.Join(ws, "tools/remotecache/start.sh"),
		"--dir", serverDir, "--grpc-port", fmt.Sprint(grpcPort), "--http-port", fmt.Sprint(httpPort))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", nil, fmt.Errorf("start.sh: %w", err)
	}
	stop := func() {
		cmd := exec.Command(filepath.Join(ws, "tools/remotecache/stop.sh"), "--dir", serverDir)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			log.Printf("stop.sh: %v", err)
		}
	}
	endpoint := strings.TrimSpace(string(out))
	if !strings.HasPrefix(endpoint, "grpc://") {
		stop()
		return "", nil, errors.New("start.sh printed no grpc:// endpoint")
	}
	return endpoint, stop, nil
}

// freePort asks the kernel for a loopback port nobody uses right now, so
// the check never collides with a cache the user already runs on 9092.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
