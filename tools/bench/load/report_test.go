package main

import (
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"example.com/starter/tools/internal/machine"
)

func TestReportHeader(t *testing.T) {
	stamp := machine.Stamp{Commit: "`abc`", CPU: "Some CPU"}
	md := newReport(stamp, time.Second, 3, 0).markdown("-duration=1s")
	assert.Contains(t, md, stamp.Markdown())
	assert.Contains(t, md, "a 6-byte delimiter set", "computed from the set scand is called with")
	assert.Contains(t, md, "at 4 KiB and above", "the target the verdicts use")
}

// TestReadingNoteStatesNoFigures guards against text that no run measured:
// the note explains, the tables give the figures.
func TestReadingNoteStatesNoFigures(t *testing.T) {
	figure := regexp.MustCompile(`\d+(\.\d+)?\s*(ns|µs|ms|%|×|x\b|times)|\d+-\d+`)
	assert.Empty(t, figure.FindAllString(readingNote, -1))
}
