package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// speedRun is one `openssl speed` measurement: OpenSSL's own loop over
// messages of one size, with no cgo, which bounds what a binding can reach.
type speedRun struct {
	alg   string   // as docs/benchmarks.md names it
	args  []string // selecting the algorithm
	bytes int      // message size
}

// speedRuns are the figures docs/benchmarks.md sets the bindings against:
// the AEADs at 16 KiB and 1 MiB, and the digests at 64 B, the batches'
// message size. -aead makes speed do an AEAD's whole per-message sequence
// (nonce, AAD, encryption, tag), as a Seal does. -evp sha256 runs
// EVP_Digest, which makes a context per message; -hmac keeps one EVP_MAC
// context and re-initialises it, as the batch does.
var speedRuns = []speedRun{
	{"aes-256-gcm", []string{"-aead", "-evp", "aes-256-gcm"}, 16 << 10},
	{"aes-256-gcm", []string{"-aead", "-evp", "aes-256-gcm"}, 1 << 20},
	{"chacha20-poly1305", []string{"-aead", "-evp", "chacha20-poly1305"}, 16 << 10},
	{"chacha20-poly1305", []string{"-aead", "-evp", "chacha20-poly1305"}, 1 << 20},
	{"sha256", []string{"-evp", "sha256"}, 64},
	{"hmac(sha256)", []string{"-hmac", "sha256"}, 64},
}

// speedName is the results name of OpenSSL's own figure for alg at size
// (a benchmark size name: "16KiB", "64B").
func speedName(alg, size string) string { return "OpenSSLSpeed/" + alg + "/" + size }

// opensslSpeed runs every speedRun count times and adds each figure to r as
// MB/s. It returns the openssl binary's version, or an error when there is
// no openssl on PATH (the report then says "not measured").
func opensslSpeed(r results, count int) (string, error) {
	bin, err := exec.LookPath("openssl")
	if err != nil {
		return "", fmt.Errorf("no openssl binary (install Debian's openssl): %w", err)
	}
	version, err := exec.Command(bin, "version").Output()
	if err != nil {
		return "", fmt.Errorf("openssl version: %w", err)
	}
	for _, run := range speedRuns {
		args := append([]string{"speed"}, run.args...)
		args = append(args, "-seconds", "1", "-bytes", strconv.Itoa(run.bytes))
		name := speedName(run.alg, sizeName(run.bytes))
		for range count {
			out, err := exec.Command(bin, args...).Output()
			if err != nil {
				return "", fmt.Errorf("openssl %s: %w", strings.Join(args, " "), err)
			}
			kbps, err := parseSpeed(out)
			if err != nil {
				return "", fmt.Errorf("openssl %s: %w", strings.Join(args, " "), err)
			}
			if r[name] == nil {
				r[name] = map[string][]float64{}
			}
			r[name]["MB/s"] = append(r[name]["MB/s"], kbps/1000)
		}
	}
	return strings.TrimSpace(string(version)), nil
}

// sizeName names a message size as the Go benchmarks do: "64B", "16KiB",
// "1MiB".
func sizeName(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.Itoa(n>>20) + "MiB"
	}
	if n >= 1<<10 && n%(1<<10) == 0 {
		return strconv.Itoa(n>>10) + "KiB"
	}
	return strconv.Itoa(n) + "B"
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
