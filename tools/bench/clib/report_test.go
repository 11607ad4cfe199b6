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
