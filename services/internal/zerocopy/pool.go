package zerocopy

import (
	"math/bits"
	"sync"
)

// Pool is a mem.BufferPool that counts what it does: gRPC receives every
// message into a buffer from it (see ServerOptions) and the codec marshals
// into it. Buffers come in power-of-two size classes, each a sync.Pool, as
// in grpc-go's own tiered pool, which keeps no counts.
type Pool struct {
	classes [maxClass + 1]sync.Pool
	metrics *Metrics
}

// maxClass is the largest size class, 1<<maxClass bytes; larger buffers
// are allocated and dropped, not pooled.
const maxClass = 26 // 64 MiB

// NewPool returns an empty pool that counts in metrics.
func NewPool(metrics *Metrics) *Pool { return &Pool{metrics: metrics} }

// class returns the size class of a buffer of n bytes: the smallest k with
// 1<<k >= n.
func class(n int) int { return bits.Len(uint(n - 1)) }

// Get returns a buffer of length n.
func (p *Pool) Get(n int) *[]byte {
	p.metrics.poolGets.Inc()
	k := class(max(n, 1))
	if k > maxClass {
		p.metrics.poolAllocs.Inc()
		b := make([]byte, n)
		return &b
	}
	if b, ok := p.classes[k].Get().(*[]byte); ok {
		*b = (*b)[:n]
		return b
	}
	p.metrics.poolAllocs.Inc()
	b := make([]byte, n, 1<<k)
	return &b
}

// Put returns a buffer from Get to the pool.
func (p *Pool) Put(b *[]byte) {
	p.metrics.poolPuts.Inc()
	c := cap(*b)
	if c == 0 || c&(c-1) != 0 || class(c) > maxClass {
		return // not one of ours: a size class has a power-of-two capacity
	}
	p.classes[class(c)].Put(b)
}
