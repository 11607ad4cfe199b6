package lcov

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAddsCountsOfTheSameFile(t *testing.T) {
	rep, err := Parse(strings.NewReader(`TN:
SF:clib/simd/api.c
FN:3,f
FNDA:1,f
DA:3,1
DA:4,0
BRDA:4,0,0,-
LF:2
LH:1
end_of_record
SF:clib/simd/api.c
DA:4,2,abcd
DA:5,0
end_of_record
SF:services/x.go
DA:1,0
end_of_record
`))
	require.NoError(t, err)
	assert.Equal(t, Lines{3: 1, 4: 2, 5: 0}, rep["clib/simd/api.c"])
	found, hit := rep["clib/simd/api.c"].Count()
	assert.Equal(t, 3, found)
	assert.Equal(t, 2, hit)
	assert.Equal(t, []int{3, 4, 5}, rep["clib/simd/api.c"].Sorted())
	assert.False(t, rep["services/x.go"].Hit(1))
}

func TestParseRejectsBrokenTracefiles(t *testing.T) {
	for name, in := range map[string]string{
		"DA outside a record":  "DA:1,1\n",
		"unterminated record":  "SF:a.c\nDA:1,1\n",
		"negative count":       "SF:a.c\nDA:1,-1\nend_of_record\n",
		"missing count":        "SF:a.c\nDA:1\nend_of_record\n",
		"nested SF":            "SF:a.c\nSF:b.c\nend_of_record\n",
		"stray end_of_record":  "end_of_record\n",
		"non-numeric line no.": "SF:a.c\nDA:x,1\nend_of_record\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(in))
			assert.Error(t, err)
		})
	}
}
