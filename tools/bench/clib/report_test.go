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
	writeReport(&doc, results{}, stamp, 5, "0.5s")
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
