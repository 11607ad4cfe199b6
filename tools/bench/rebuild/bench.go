package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"time"

	"example.com/starter/tools/internal/bazelcmd"
	"example.com/starter/tools/internal/buildreport"
)

// bench drives Bazel in the scratch copy.
type bench struct {
	bz      bazelcmd.Workspace
	execLog string
	reps    int
}

// run is one measured build.
type run struct {
	wall    time.Duration
	summary buildreport.Summary
	spawns  []buildreport.Spawn
}

// count is the number of spawns with one of the mnemonics.
func (r run) count(mnemonics ...string) int {
	n := 0
	for _, s := range r.spawns {
		if slices.Contains(mnemonics, s.Mnemonic) {
			n++
		}
	}
	return n
}

// targets is the sorted set of targets that ran at least one action.
func (r run) targets() []string {
	var ts []string
	for _, s := range r.spawns {
		if s.TargetLabel != "" && !slices.Contains(ts, s.TargetLabel) {
			ts = append(ts, s.TargetLabel)
		}
	}
	slices.Sort(ts)
	return ts
}

// build builds //... and reads back what ran. The disk cache is off (the
// shared .bazelrc turns it on) so that every action counted really ran.
func (b *bench) build() (run, error) {
	res, err := b.bz.Run([]string{
		"build", "//...",
		"--disk_cache=",
		"--execution_log_json_file=" + b.execLog,
		"--execution_log_sort=false",
		"--color=no", "--curses=no",
	})
	if err != nil {
		return run{}, err
	}
	sum, err := buildreport.ParseSummary(res.Stderr)
	if err != nil {
		return run{}, err
	}
	spawns, err := buildreport.ReadExecLogFile(b.execLog)
	if err != nil {
		return run{}, err
	}
	return run{wall: res.Wall, summary: sum, spawns: spawns}, nil
}

// noop measures builds with nothing changed.
func (b *bench) noop() ([]run, error) {
	var runs []run
	for i := 1; i <= b.reps; i++ {
		log.Printf("no-op build %d/%d", i, b.reps)
		r, err := b.build()
		if err != nil {
			return nil, err
		}
		runs = append(runs, r)
	}
	return runs, nil
}

// editResult is everything measured for one edit.
type editResult struct {
	edit     edit
	expected []string
	runs     []run
	goRuns   []goRun
}

// measure applies the edit reps times; after each measured build it puts
// the files back and rebuilds, unmeasured, so every rep starts from the
// same state.
func (b *bench) measure(e edit, bumpModule string) (editResult, error) {
	res := editResult{edit: e}
	restore, err := snapshot(b.bz.Dir, e.touchedFiles())
	if err != nil {
		return res, err
	}
	for i := 1; i <= b.reps; i++ {
		log.Printf("%s: build %d/%d", e.name, i, b.reps)
		if err := e.apply(filepath.Join(b.bz.Dir, e.file), i); err != nil {
			return res, err
		}
		if i == 1 {
			// The graph after the edit: a new proto field adds no edge,
			// but a future edit kind might.
			if res.expected, err = expectedTargets(b.bz, e.file, bumpModule); err != nil {
				return res, err
			}
		}
		r, err := b.build()
		if err != nil {
			return res, err
		}
		res.runs = append(res.runs, r)
		if err := restore(); err != nil {
			return res, err
		}
		if _, err := b.build(); err != nil {
			return res, fmt.Errorf("rebuild after restoring: %w", err)
		}
	}
	return res, nil
}

// snapshot saves files and returns a function that writes them back.
func snapshot(dir string, files []string) (func() error, error) {
	saved := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		saved[f] = data
	}
	return func() error {
		for f, data := range saved {
			if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
				return err
			}
		}
		return nil
	}, nil
}
