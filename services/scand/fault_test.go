// Fault tests: they start scand's fault build (fault_binary in BUILD.bazel)
// with clib/simd's CPU probe faked, and check that the service falls back to
// the kernels the probe allows, says so in /metrics, and still answers
// right.
package main_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	scanv1 "example.com/starter/proto/scan/v1"
	"example.com/starter/services/internal/servicetest"
)

// simd_cpu_features (cpu_features.h) cannot fail; what can go wrong is a
// probe that reports less than the CPU has (a hypervisor hiding AVX, say),
// which must cost speed, never correctness.
func TestCPUProbeReportingNothingFallsBackToScalar(t *testing.T) {
	svc := servicetest.StartFault(t, "simd_cpu_features=0", "-backend=c")
	c := scanv1.NewScanServiceClient(svc.Dial(t))
	data := bytes.Repeat([]byte("0123456789abcdef"), 4096)
	data[len(data)-3] = '!'

	resp, err := c.IndexAny(context.Background(), &scanv1.IndexAnyRequest{Data: data, Set: []byte("!?")})
	require.NoError(t, err)
	assert.Equal(t, []uint64{uint64(bytes.IndexAny(data, "!?"))}, resp.GetIndices())
	count, err := c.CountByte(context.Background(), &scanv1.CountByteRequest{Data: data, Value: 'a'})
	require.NoError(t, err)
	assert.EqualValues(t, bytes.Count(data, []byte("a")), count.GetCount())

	backend, implementation := svc.BackendInfo(t)
	assert.Equal(t, "c", backend)
	assert.Equal(t, "scalar", implementation, "the kernels scand chose with the probe reporting no SIMD")
}

func TestFaultSeamOnlyInFaultBuild(t *testing.T) {
	servicetest.RequireFaultSeamOnlyInFaultBuild(t)
}
