package zerocopy

import "github.com/prometheus/client_golang/prometheus"

// The path label values of zerocopy_unmarshal_total.
const (
	// pathAliased: decoded in place in gRPC's receive buffer.
	pathAliased = "aliased"
	// pathFragmented: the message arrived in several buffers, so it was
	// copied once into one pooled buffer and decoded in place there.
	pathFragmented = "fragmented"
	// pathSmall: below gRPC's pooling threshold; decoded by copying, as
	// the default codec does.
	pathSmall = "small"
	// pathNotVT: a message without vtprotobuf's methods (the health and
	// reflection services'); decoded by the default codec.
	pathNotVT = "not_vtproto"
	// pathUnusual: a message with unknown fields, or one vtprotobuf
	// refused; decoded by the default codec, so that it is accepted or
	// refused exactly as without this codec.
	pathUnusual = "unusual"
)

// Metrics counts what a Codec and a Pool do.
type Metrics struct {
	unmarshals *prometheus.CounterVec
	held       prometheus.Gauge
	poolGets   prometheus.Counter
	poolPuts   prometheus.Counter
	poolAllocs prometheus.Counter
}

// NewMetrics registers the codec's and the pool's metrics with reg. The
// pool's reuse ratio is 1 - zerocopy_pool_allocs_total /
// zerocopy_pool_gets_total.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		unmarshals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "zerocopy_unmarshal_total",
			Help: "Messages decoded, by path: aliased (no copy), fragmented (one pooled copy), small, not_vtproto or unusual (the default codec's copies).",
		}, []string{"path"}),
		held: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "zerocopy_held_buffers",
			Help: "Receive buffers kept for messages whose handler has not returned yet.",
		}),
		poolGets: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "zerocopy_pool_gets_total",
			Help: "Buffers taken from the pool.",
		}),
		poolPuts: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "zerocopy_pool_puts_total",
			Help: "Buffers given back to the pool.",
		}),
		poolAllocs: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "zerocopy_pool_allocs_total",
			Help: "Gets the pool could not serve from a returned buffer, so it allocated.",
		}),
	}
	for _, path := range []string{pathAliased, pathFragmented, pathSmall, pathNotVT, pathUnusual} {
		m.unmarshals.WithLabelValues(path) // export every path from the start
	}
	for _, c := range []prometheus.Collector{m.unmarshals, m.held, m.poolGets, m.poolPuts, m.poolAllocs} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}
