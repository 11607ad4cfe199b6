package servicekit

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// Metrics returns the body of the process's /metrics page.
func (p *Process) Metrics() (string, error) {
	body, err := p.Get("/metrics")
	return string(body), err
}

// Get returns the body of path (with its query) on the process's metrics
// listener: /metrics, or with -pprof a profile under /debug/pprof/. Any
// status but 200 OK is an error.
func (p *Process) Get(path string) ([]byte, error) {
	resp, err := http.Get("http://" + p.Addrs.Metrics + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return io.ReadAll(resp.Body)
}

// MetricFamilies returns the process's /metrics page parsed, keyed by
// metric family name.
func (p *Process) MetricFamilies() (map[string]*dto.MetricFamily, error) {
	text, err := p.Metrics()
	if err != nil {
		return nil, err
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("parsing /metrics: %w", err)
	}
	return families, nil
}

// SampleValue returns the sum over the samples of family whose labels
// include labels (nil matches every sample), as PromQL's sum() would: of a
// counter's or gauge's value, or of a summary's or histogram's count. With
// no sample that matches it returns 0, as Prometheus reads an absent
// counter.
func SampleValue(families map[string]*dto.MetricFamily, family string, labels map[string]string) float64 {
	sum := 0.0
	for _, m := range families[family].GetMetric() {
		if !hasLabels(m, labels) {
			continue
		}
		switch {
		case m.Counter != nil:
			sum += m.Counter.GetValue()
		case m.Gauge != nil:
			sum += m.Gauge.GetValue()
		case m.Summary != nil:
			sum += float64(m.Summary.GetSampleCount())
		case m.Histogram != nil:
			sum += float64(m.Histogram.GetSampleCount())
		case m.Untyped != nil:
			sum += m.Untyped.GetValue()
		}
	}
	return sum
}

func hasLabels(m *dto.Metric, labels map[string]string) bool {
	matched := 0
	for _, l := range m.GetLabel() {
		if v, ok := labels[l.GetName()]; ok && v == l.GetValue() {
			matched++
		}
	}
	return matched == len(labels)
}
