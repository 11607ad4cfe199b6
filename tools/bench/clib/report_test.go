package main

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"

	"example.com/starter/tools/internal/machine"
)

func TestReportCarriesTheStamp(t *testing.T) {
	stamp := machine.Stamp{Commit: "`abc`", OpenSSL: "3.6.5 (headers)", CPU: "Some CPU"}
	var doc bytes.Buffer
	writeReport(&doc, results{}, stamp, 5, "0.5s", "OpenSSL 3.6.5")
	assert.Contains(t, doc.String(), stamp.Markdown())
	assert.Contains(t, doc.String(), "Medians of 5 runs of -test.benchtime=0.5s")
}

// TestNotesStateNoFigures guards against text that no run measured: every
// figure in the report comes from results, and the notes only explain.
func TestNotesStateNoFigures(t *testing.T) {
	figure := regexp.MustCompile(`\d+(\.\d+)?\s*(ns|µs|ms|%|×|x\b|times)|OpenSSL \d`)
	assert.Empty(t, figure.FindAllString(notes, -1))
}

// TestAEADTargets checks that the AEAD rows read their ratios the right
// way round: C's throughput over Go's.
func TestAEADTargets(t *testing.T) {
	r := results{}
	r.parse([]byte("BenchmarkAESGCMSeal/c-openssl/16KiB-2 1 1 ns/op 9000 MB/s\n" +
		"BenchmarkAESGCMSeal/go-stdlib/16KiB-2 1 1 ns/op 3000 MB/s\n"))
	var doc bytes.Buffer
	targets(&doc, r)
	assert.Contains(t, doc.String(), "| AES-256-GCM seal ≥ 2× crypto/cipher at 16KiB | 3.00× | met |")
	assert.Contains(t, doc.String(), "| AES-256-GCM seal ≥ 2× crypto/cipher at 1MiB | n/a | not measured |")
	sizeTable(&doc, r, "BenchmarkAESGCMSeal", []string{"c-openssl"}, []string{"16KiB"})
	assert.Contains(t, doc.String(), "| impl | 16 KiB |\n| --- | ---: |\n| c-openssl | 9.00 |")
}

// TestSpeedTarget checks the binding-versus-openssl-speed row: the
// binding's throughput over OpenSSL's own, parsed from speed's output.
func TestSpeedTarget(t *testing.T) {
	kbps, err := parseSpeed([]byte("The 'numbers' are in 1000s of bytes per second processed.\n" +
		"type          16384 bytes\nAES-256-GCM    9000000.00k\n"))
	assert.NoError(t, err)
	assert.Equal(t, 9000000.0, kbps)
	_, err = parseSpeed([]byte("Error: unknown cipher\n"))
	assert.Error(t, err)

	r := results{}
	r.parse([]byte("BenchmarkAESGCMSeal/c-openssl/16KiB-2 1 1 ns/op 8100 MB/s\n"))
	r[speedName("aes-256-gcm", "16KiB")] = map[string][]float64{"MB/s": {kbps / 1000}}
	var doc bytes.Buffer
	targets(&doc, r)
	assert.Contains(t, doc.String(), "| AES-256-GCM seal ≥ 0.85× openssl speed at 16KiB | 0.90× | met |")
}

// TestCeilingTable checks the AEAD ceiling rows: OpenSSL's own figure, the
// binding's, Go's, and OpenSSL's over Go's.
func TestCeilingTable(t *testing.T) {
	r := results{}
	r.parse([]byte("BenchmarkChaCha20Poly1305Seal/c-openssl/1MiB-2 1 1 ns/op 3000 MB/s\n" +
		"BenchmarkChaCha20Poly1305Seal/go-stdlib/1MiB-2 1 1 ns/op 2000 MB/s\n"))
	r[speedName("chacha20-poly1305", "1MiB")] = map[string][]float64{"MB/s": {3500}}
	var doc bytes.Buffer
	ceilingTable(&doc, r, "OpenSSL 3.6")
	assert.Contains(t, doc.String(), "| chacha20-poly1305 | 1MiB | 3.50 | 3.00 | 2.00 | 1.75× |")
	assert.Contains(t, doc.String(), "| aes-256-gcm | 16KiB | n/a | n/a | n/a | n/a |")
}

// TestSpeedPerMessage checks the conversion of openssl speed's small-size
// throughput into a cost per message, and the size names its figures are
// filed under.
func TestSpeedPerMessage(t *testing.T) {
	assert.Equal(t, "64B", sizeName(64))
	assert.Equal(t, "16KiB", sizeName(16<<10))
	assert.Equal(t, "1MiB", sizeName(1<<20), "the AEAD ceiling rows look up this name")
	assert.Equal(t, "1536KiB", sizeName(3<<19))
	assert.Equal(t, "1000B", sizeName(1000))

	r := results{speedName("sha256", "64B"): {"MB/s": {400, 320, 800}}}
	ns, ok := r.nsPerMessage(speedName("sha256", "64B"), 64)
	assert.True(t, ok)
	assert.InDelta(t, 160.0, ns, 1e-9, "64 B at the median 400 MB/s")
	_, ok = r.nsPerMessage(speedName("hmac(sha256)", "64B"), 64)
	assert.False(t, ok, "no runs")
}
