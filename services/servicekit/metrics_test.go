package servicekit

import (
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSampleValue(t *testing.T) {
	const page = `# TYPE rpcs_total counter
rpcs_total{method="a",code="OK"} 3
rpcs_total{method="b",code="OK"} 5
# TYPE held gauge
held 2
# TYPE gc_seconds summary
gc_seconds{quantile="0.5"} 0.001
gc_seconds_sum 0.01
gc_seconds_count 7
# TYPE latency histogram
latency_bucket{le="1"} 4
latency_bucket{le="+Inf"} 9
latency_sum 12
latency_count 9
`
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(page))
	require.NoError(t, err)
	for _, tc := range []struct {
		family string
		labels map[string]string
		want   float64
	}{
		{"rpcs_total", map[string]string{"method": "b"}, 5},
		{"rpcs_total", map[string]string{"code": "OK"}, 3 + 5},
		{"rpcs_total", nil, 3 + 5},
		{"rpcs_total", map[string]string{"method": "b", "code": "OK"}, 5},
		{"rpcs_total", map[string]string{"method": "c"}, 0},
		{"rpcs_total", map[string]string{"method": "a", "code": "Internal"}, 0},
		{"held", nil, 2},
		{"gc_seconds", nil, 7},
		{"latency", nil, 9},
		{"absent", nil, 0},
	} {
		assert.Equal(t, tc.want, SampleValue(families, tc.family, tc.labels), "%s %v", tc.family, tc.labels)
	}
}
