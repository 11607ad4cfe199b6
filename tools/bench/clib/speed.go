package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// opensslAlgs are the AEADs whose binding figures are set against OpenSSL's
// own, as `openssl speed -evp` names them.
var opensslAlgs = []string{"aes-256-gcm", "chacha20-poly1305"}

// opensslSpeedBytes is the message size `openssl speed` measures: the
// size at which docs/benchmarks.md compares the binding with it.
const opensslSpeedBytes = 16 << 10

// speedName is the results name of OpenSSL's own figure for alg.
func speedName(alg string) string { return "OpenSSLSpeed/" + alg + "/16KiB" }

// opensslSpeed runs `openssl speed -evp` count times per algorithm and adds
// each figure to r as MB/s. It returns the openssl binary's version, or an
// error when there is no openssl on PATH (the report then says "not
// measured").
func opensslSpeed(r results, count int) (string, error) {
	bin, err := exec.LookPath("openssl")
	if err != nil {
		return "", fmt.Errorf("no openssl binary (install Debian's openssl): %w", err)
	}
	version, err := exec.Command(bin, "version").Output()
	if err != nil {
		return "", fmt.Errorf("openssl version: %w", err)
	}
	for _, alg := range opensslAlgs {
		for range count {
			out, err := exec.Command(bin, "speed", "-evp", alg, "-seconds", "1",
				"-bytes", strconv.Itoa(opensslSpeedBytes)).Output()
			if err != nil {
				return "", fmt.Errorf("openssl speed -evp %s: %w", alg, err)
			}
			kbps, err := parseSpeed(out)
			if err != nil {
				return "", fmt.Errorf("openssl speed -evp %s: %w", alg, err)
			}
			if r[speedName(alg)] == nil {
				r[speedName(alg)] = map[string][]float64{}
			}
			r[speedName(alg)]["MB/s"] = append(r[speedName(alg)]["MB/s"], kbps/1000)
		}
	}
	return strings.TrimSpace(string(version)), nil
}

// parseSpeed returns the figure of `openssl speed -bytes N` output, in
// 1000s of bytes per second: the last field of its last line, as in
// "AES-256-GCM    9543417.86k".
func parseSpeed(out []byte) (float64, error) {
	lines := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	fields := strings.Fields(string(lines[len(lines)-1]))
	if len(fields) < 2 || !strings.HasSuffix(fields[len(fields)-1], "k") {
		return 0, fmt.Errorf("no figure in the last line of %q", out)
	}
	return strconv.ParseFloat(strings.TrimSuffix(fields[len(fields)-1], "k"), 64)
}
