package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"example.com/starter/tools/internal/buildreport"
	"example.com/starter/tools/internal/machine"
)

func summary(total, hits, internal int) buildreport.Summary {
	return buildreport.Summary{Total: total, ByKind: map[string]int{"remote cache hit": hits, "internal": internal}}
}

func TestHitRateUsesMedianWarmBuild(t *testing.T) {
	r := &result{
		stamp: machine.Stamp{Commit: "`abc`", CPU: "Some CPU"},
		cold:  build{wall: 100 * time.Second, summary: summary(400, 0, 60)},
		warm: []build{
			{wall: 30 * time.Second, summary: summary(400, 300, 60)},
			{wall: 10 * time.Second, summary: summary(400, 340, 60)},
			{wall: 20 * time.Second, summary: summary(400, 323, 60)},
		},
	}
	assert.InDelta(t, 0.95, r.hitRate(), 1e-9, "323 of 340 spawned, from the 20s build")
	md := r.markdown()
	assert.Contains(t, md, "**Hit rate 95.0%** of 340 spawned actions")
	assert.Contains(t, md, "**Time saved 80.0s** (80%)")
	assert.Contains(t, md, "| warm 2 | 10.0s | 400 | 340 | 0 | 60 |")
	assert.Contains(t, md, "Measured on commit `abc` with", "the report carries the stamp")
	assert.Contains(t, md, "CPU: Some CPU.")
}

func TestHitRateNothingSpawned(t *testing.T) {
	r := &result{warm: []build{{summary: summary(5, 0, 5)}}}
	assert.Zero(t, r.hitRate())
}
