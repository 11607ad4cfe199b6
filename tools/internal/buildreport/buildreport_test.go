package buildreport

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadExecLogFile(t *testing.T) {
	spawns, err := ReadExecLogFile("testdata/exec.json")
	require.NoError(t, err)
	assert.Equal(t, []Spawn{
		{
			Mnemonic:    "CppCompile",
			TargetLabel: "//clib/simd:simd_c",
			Outputs: []string{
				"bazel-out/k8-fastbuild/bin/clib/simd/_objs/simd_c/count.pic.o",
				"bazel-out/k8-fastbuild/bin/clib/simd/_objs/simd_c/count.pic.d",
			},
		},
		{
			Mnemonic:       "GoLink",
			TargetLabel:    "//services/scand:scand",
			RemoteCacheHit: true,
			Outputs:        []string{"bazel-out/k8-fastbuild/bin/services/scand/scand_/scand"},
		},
	}, spawns)
}

func TestReadExecLogEmpty(t *testing.T) {
	spawns, err := ReadExecLog(strings.NewReader(""))
	require.NoError(t, err)
	assert.Empty(t, spawns)
}

func TestReadExecLogTruncated(t *testing.T) {
	_, err := ReadExecLog(strings.NewReader(`{"mnemonic": "GoLink"`))
	assert.Error(t, err)
}

func TestParseSummary(t *testing.T) {
	for _, tc := range []struct {
		name, out    string
		total, spawn int
		kinds        map[string]int
	}{
		{
			name:  "remote hits",
			out:   "INFO: Elapsed time: 3.1s\nINFO: 394 processes: 327 remote cache hit, 63 internal, 4 processwrapper-sandbox.\nINFO: Build completed",
			total: 394, spawn: 331,
			kinds: map[string]int{"remote cache hit": 327, "internal": 63, "processwrapper-sandbox": 4},
		},
		{
			name:  "no-op",
			out:   "INFO: 1 process: 1 internal.\n",
			total: 1, spawn: 0,
			kinds: map[string]int{"internal": 1},
		},
		{
			name:  "nothing",
			out:   "INFO: 0 processes.\n",
			total: 0, spawn: 0,
			kinds: map[string]int{},
		},
		{
			name:  "last one wins",
			out:   "INFO: 5 processes: 5 local.\nINFO: 2 processes: 2 linux-sandbox.\n",
			total: 2, spawn: 2,
			kinds: map[string]int{"linux-sandbox": 2},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ParseSummary(tc.out)
			require.NoError(t, err)
			assert.Equal(t, tc.total, s.Total)
			assert.Equal(t, tc.spawn, s.Spawned())
			assert.Equal(t, tc.kinds, s.ByKind)
		})
	}
}

func TestParseSummaryMissing(t *testing.T) {
	_, err := ParseSummary("ERROR: build failed\n")
	assert.Error(t, err)
}

func TestNormalizeLabel(t *testing.T) {
	assert.Equal(t, "//a:b", NormalizeLabel("@@//a:b"))
	assert.Equal(t, "//a:b", NormalizeLabel("//a:b"))
	assert.Equal(t, "@@rules_go~//go:def", NormalizeLabel("@@rules_go~//go:def"))
}
