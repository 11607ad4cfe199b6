package servicetest

import (
	"bytes"
	"debug/elf"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// faultSeamMarker is the environment variable that arms a fault seam
// (StartFault sets it); its name is in the data of every binary that links
// one, stripped or not.
const faultSeamMarker = "CMOCK_FAULTS"

// RequireFaultSeamOnlyInFaultBuild fails the test if the production binary
// (SERVICE_RLOCATION) contains any trace of a fault seam, or if the fault
// build (SERVICE_FAULT_RLOCATION) contains none: the second shows that the
// first would see one. Production builds must never be able to fail on
// purpose.
func RequireFaultSeamOnlyInFaultBuild(t *testing.T) {
	t.Helper()
	require.NotEmpty(t, faultSeamTraces(t, binary(t, "SERVICE_FAULT_RLOCATION")),
		"the fault build shows no trace of its fault seam, so this check cannot see one")
	require.Empty(t, faultSeamTraces(t, binary(t, "SERVICE_RLOCATION")),
		"the production binary contains a fault seam")
}

// faultSeamTraces lists what in bin belongs to a fault seam: the symbols of
// its run time (cmock_fault_*) and of the renamed real functions
// (cmock_real_*), and faultSeamMarker in the file's bytes.
func faultSeamTraces(t *testing.T, bin string) []string {
	t.Helper()
	f, err := elf.Open(bin)
	require.NoError(t, err, "reading %s as ELF", bin)
	defer f.Close()
	var traces []string
	for _, read := range []func() ([]elf.Symbol, error){f.Symbols, f.DynamicSymbols} {
		syms, err := read()
		if err != nil {
			continue // a stripped binary has no such table
		}
		for _, s := range syms {
			if strings.HasPrefix(s.Name, "cmock_fault_") || strings.HasPrefix(s.Name, "cmock_real_") {
				traces = append(traces, "symbol "+s.Name)
			}
		}
	}
	data, err := os.ReadFile(bin)
	require.NoError(t, err)
	if bytes.Contains(data, []byte(faultSeamMarker)) {
		traces = append(traces, "the string "+faultSeamMarker)
	}
	return traces
}
