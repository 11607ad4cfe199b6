package metrics

import (
	"context"
	"net"
	"net/http"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServeProfilesOnlyWhenAsked checks that /debug/pprof/ is served only
// with profiles on, and /metrics either way.
func TestServeProfilesOnlyWhenAsked(t *testing.T) {
	for _, profiles := range []bool{false, true} {
		lis, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- Serve(ctx, lis, prometheus.NewRegistry(), profiles) }()

		status := func(path string) int {
			resp, err := http.Get("http://" + lis.Addr().String() + path)
			require.NoError(t, err)
			resp.Body.Close()
			return resp.StatusCode
		}
		assert.Equal(t, http.StatusOK, status("/metrics"), "profiles=%v", profiles)
		want := http.StatusNotFound
		if profiles {
			want = http.StatusOK
		}
		assert.Equal(t, want, status("/debug/pprof/heap"), "profiles=%v", profiles)
		assert.Equal(t, want, status("/debug/pprof/"), "profiles=%v", profiles)

		cancel()
		require.NoError(t, <-done)
	}
}
