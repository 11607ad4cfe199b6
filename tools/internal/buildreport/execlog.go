// Package buildreport reads what Bazel reports about a build: the JSON
// execution log (--execution_log_json_file) and the process summary line.
package buildreport

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Spawn is one action that Bazel executed or took from a cache, as recorded
// in the execution log. Actions that were already up to date in the output
// base never appear in the log, so its length is the count of work done.
type Spawn struct {
	Mnemonic       string
	TargetLabel    string
	RemoteCacheHit bool
	Outputs        []string
}

// spawnExec mirrors the fields of Bazel's SpawnExec message that we use.
type spawnExec struct {
	Mnemonic       string `json:"mnemonic"`
	TargetLabel    string `json:"targetLabel"`
	RemoteCacheHit bool   `json:"remoteCacheHit"`
	ActualOutputs  []struct {
		Path string `json:"path"`
	} `json:"actualOutputs"`
}

// ReadExecLog parses an execution log: a stream of SpawnExec JSON objects,
// concatenated rather than wrapped in an array.
func ReadExecLog(r io.Reader) ([]Spawn, error) {
	dec := json.NewDecoder(r)
	var spawns []Spawn
	for {
		var e spawnExec
		err := dec.Decode(&e)
		if errors.Is(err, io.EOF) {
			return spawns, nil
		}
		if err != nil {
			return nil, fmt.Errorf("execution log entry %d: %w", len(spawns)+1, err)
		}
		s := Spawn{Mnemonic: e.Mnemonic, TargetLabel: NormalizeLabel(e.TargetLabel), RemoteCacheHit: e.RemoteCacheHit}
		for _, o := range e.ActualOutputs {
			s.Outputs = append(s.Outputs, o.Path)
		}
		spawns = append(spawns, s)
	}
}

// ReadExecLogFile is ReadExecLog on a file.
func ReadExecLogFile(path string) ([]Spawn, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadExecLog(f)
}

// NormalizeLabel writes main-repository labels as //pkg:name whether Bazel
// printed them canonically (@@//pkg:name, with --consistent_labels) or not,
// so labels from queries and execution logs compare equal.
func NormalizeLabel(l string) string {
	for _, p := range []string{"@@//", "@//"} {
		if rest, ok := strings.CutPrefix(l, p); ok {
			return "//" + rest
		}
	}
	return l
}
