package machine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDescribe(t *testing.T) {
	cpuinfo := "processor\t: 0\nmodel name\t: Example CPU\nflags\t\t: fpu sse4_2 avx2 sha_ni avx512bw\n\nprocessor\t: 1\n"
	assert.Equal(t, "Example CPU; 2 logical CPUs; flags: sse4_2 avx2 avx512bw sha_ni", describe(cpuinfo, 2))
}

func TestDescribeWithoutFlags(t *testing.T) {
	assert.Contains(t, describe("model name : Other\nflags : fpu\n", 1), "Other; 1 logical CPUs; flags: none of interest")
}
