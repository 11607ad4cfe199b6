package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"example.com/starter/tools/coverage/lcov"
	"example.com/starter/tools/internal/machine"
)

func TestParseFloors(t *testing.T) {
	floors, err := parseFloors(strings.NewReader(`
# comment
clib/     90   every C path is reachable
services/x 70% x needs a live backend to fail
`))
	require.NoError(t, err)
	assert.Equal(t, []floor{
		{prefix: "clib", percent: 90, reason: "every C path is reachable"},
		{prefix: "services/x", percent: 70, reason: "x needs a live backend to fail"},
	}, floors)

	for name, in := range map[string]string{
		"no reason":    "clib 90\n",
		"bad percent":  "clib ninety reason\n",
		"over 100":     "clib 101 reason\n",
		"second floor": "clib 90 a\nclib/ 80 b\n",
	} {
		_, err := parseFloors(strings.NewReader(in))
		assert.Error(t, err, name)
	}
}

// lines makes a file's counts: hit lines ran once, missed lines never.
func lines(hit, missed int) lcov.Lines {
	l := lcov.Lines{}
	for i := 1; i <= hit+missed; i++ {
		if i <= hit {
			l[i] = 1
		} else {
			l[i] = 0
		}
	}
	return l
}

func TestChecksApplyTheLongestPrefixAndTheTree(t *testing.T) {
	floors := []floor{
		{prefix: "services", percent: 80, reason: "global"},
		{prefix: "services/b", percent: 50, reason: "b is special"},
	}
	rep := lcov.Report{
		"services/a/a.go":   lines(9, 1),  // 90%
		"services/a/doc.go": lcov.Lines{}, // nothing instrumented
		"services/b/b.go":   lines(6, 4),  // 60%: below the tree's floor, above its own
		"services/c/c.go":   lines(7, 3),  // 70%: below
		"tools/x/x.go":      lines(0, 10), // no floor
	}
	cs := checks(rep, floors)
	var got []string
	for _, c := range cs {
		got = append(got, c.what)
	}
	assert.Equal(t, []string{"services/a", "services/b", "services/c", "all of services/"}, got)
	assert.True(t, cs[0].ok())
	assert.True(t, cs[1].ok(), "b has its own floor")
	assert.Equal(t, "b is special", cs[1].floor.reason)
	assert.False(t, cs[2].ok())
	assert.Equal(t,
		"services/c: 70.0% of lines covered (7 of 10), below its floor of 80% (global, from services)",
		cs[2].message())
	// The tree: 22 of 30, 73.3%, below 80 although each package meets its own floor but c.
	assert.Equal(t, figure{found: 30, hit: 22}, cs[3].figure)
	assert.False(t, cs[3].ok(), "a package's lower floor does not lower its tree's")
}

func TestFloorAboveTheFigureFails(t *testing.T) {
	rep := report{checks: checks(lcov.Report{"clib/simd/api.c": lines(95, 5)}, []floor{{prefix: "clib", percent: 96, reason: "r"}})}
	require.Len(t, rep.failures(), 1)
	assert.Contains(t, rep.failures()[0], "clib/simd: 95.0% of lines covered (95 of 100), below its floor of 96%")
	assert.Contains(t, rep.markdown(), "**below floor**")
}

func TestAlign(t *testing.T) {
	combined := lcov.Report{"clib/m/a.c": {1: 2, 2: 1, 3: 1, 4: 0, 5: 0, 7: 0}}
	cTests := []lcov.Report{
		{"clib/m/a.c": {1: 1, 2: 1, 4: 0}},
		{"clib/m/a.c": {2: 0}},
	}
	goTests := []lcov.Report{
		{"clib/m/a.c": {1: 1, 3: 1}},
		{"other.c": {4: 1}}, // another file's line 4 is not a.c's
	}
	got := align(combined, cTests, goTests)
	assert.Equal(t, []alignment{{file: "clib/m/a.c", onlyC: 1, onlyGo: 1, both: 1, neither: []int{4, 5, 7}}}, got)
	assert.Contains(t, alignmentMarkdown(got), "| `clib/m/a.c` | 1 | 1 | 1 | 3 | 4-5, 7 |")
}

func TestRanges(t *testing.T) {
	assert.Equal(t, "", ranges(nil))
	assert.Equal(t, "1-3, 5, 7-8", ranges([]int{1, 2, 3, 5, 7, 8}))
}

func TestMarkdownCarriesTheStampAndTheFigures(t *testing.T) {
	floors := []floor{{prefix: "clib", percent: 90, reason: "r"}}
	rep := report{
		stamp:       machine.Stamp{Commit: "`abc`"},
		lcov:        "genhtml: LCOV version 2.0",
		floors:      floors,
		checks:      checks(lcov.Report{"clib/simd/api.c": lines(9, 1)}, floors),
		integration: []string{"//services/scand:scand_test"},
		cTests:      []string{"//clib/simd:simd_c_test"},
		goTests:     []string{"//clib/simd:simd_test", "//services/scand:scand_test"},
	}
	md := rep.markdown()
	assert.Contains(t, md, "`abc`")
	assert.Contains(t, md, "LCOV version 2.0")
	assert.Contains(t, md, "1 C unit tests and 2 Go tests")
	assert.Contains(t, md, "| `clib/simd` | 10 | 90.0% | 90% (`clib/`) | ok |")
	assert.Contains(t, md, "| `clib/` | 90% | r |")
	assert.Contains(t, md, "present in `//services/scand:scand_test`")
	assert.Empty(t, rep.failures())
}

func TestSubprocessProblems(t *testing.T) {
	full := lcov.Report{
		"services/scand/main.go":          {1: 1},
		"services/scand/scand_test.go":    {1: 1},
		"clib/simd/api.c":                 {3: 2},
		"services/internal/x/x.go":        {1: 1},
		"services/scand/scanserver/s.go":  {1: 1},
		"services/scand/never_ran_too.go": {1: 0},
	}
	assert.Empty(t, subprocessProblems("//services/scand:scand_test", full))

	// What the test binary itself runs: its own file, the harness, and the
	// handler package (a unit test could import it), but nothing that only
	// the child process runs.
	noChild := lcov.Report{
		"services/scand/main.go":         {1: 0},
		"services/scand/scand_test.go":   {1: 1},
		"services/scand/scanserver/s.go": {1: 1},
		"clib/simd/api.c":                {3: 0},
	}
	problems := subprocessProblems("//services/scand:scand_test", noChild)
	require.Len(t, problems, 2)
	assert.Contains(t, problems[0], "no line of services/scand/*.go ran")
	assert.Contains(t, problems[1], "no line of clib/ C code ran")

	rep := report{problems: problems}
	assert.Len(t, rep.failures(), 2, "a lost subprocess fails the run")
	assert.Contains(t, rep.markdown(), "**missing**")
}

func TestTestlogsDir(t *testing.T) {
	assert.Equal(t, "services/scand/scand_test", testlogsDir("//services/scand:scand_test"))
}
