package main

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"example.com/starter/tools/internal/machine"
)

func TestReportCarriesTheStamp(t *testing.T) {
	stamp := machine.Stamp{Commit: "`abc`", CPU: "Some CPU"}
	md := (&report{stamp: stamp, reps: 1, noop: []run{{}}}).markdown()
	assert.Contains(t, md, stamp.Markdown())
	assert.Contains(t, md, "| no-op | — | 0 | 0 | 0 | 0 | 0 |")
}
