package main

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"example.com/starter/tools/internal/machine"
)

func TestReportCarriesTheStamp(t *testing.T) {
	stamp := machine.Stamp{Commit: "`abc`", CPU: "Some CPU"}
	md := (&report{stamp: stamp, reps: 1, noop: []run{{}}, edits: []editResult{
		{edit: edit{name: "proto field", file: "p.proto"}, runs: []run{{}}},
		{edit: edit{name: "C body", file: "k.c"}, runs: []run{{}}, goRuns: []goRun{{}}},
	}}).markdown()
	assert.Contains(t, md, stamp.Markdown())
	assert.Contains(t, md, "so these edits have no plain-go measurement: proto field.", "named from the run, not hard-coded")
	assert.Contains(t, md, "| no-op | — | 0 | 0 | 0 | 0 | 0 |")
}
