package zerocopy

import (
	"math/bits"
	"sync"
)

// Pool is a mem.BufferPool that counts what it does: gRPC receives every
// message into buffers from it (see ServerOptions) and the codec copies
// fragmented messages and marshals into it. Buffers come in size classes
// (classCap), each a sync.Pool, as in grpc-go's own tiered pool, which
// keeps no counts.
type Pool struct {
	classes sync.Map // a class's capacity (int) → *sync.Pool of *[]byte
	metrics *Metrics
}

// Buffers up to fineFrom bytes come in powers of two; larger ones in steps
// of an eighth of the power of two below them, so that a message just over
// a power of two, such as a 1 MiB payload with its few bytes of framing,
// wastes at most an eighth of its size rather than nearly all of it. Buffers over maxPooled bytes are
// allocated and dropped, not pooled.
const (
	fineFrom  = 64 << 10
	maxPooled = 64 << 20
)

// NewPool returns an empty pool that counts in metrics.
func NewPool(metrics *Metrics) *Pool { return &Pool{metrics: metrics} }

// classCap returns the capacity of the size class of an n-byte buffer, n > 0.
func classCap(n int) int {
	k := bits.Len(uint(n - 1)) // the smallest k with 1<<k >= n
	if 1<<k <= fineFrom {
		return 1 << k
	}
	step := 1 << (k - 4) // an eighth of 1<<(k-1), the power of two below n
	return (n + step - 1) / step * step
}

// class returns the pool of the class whose capacity is c.
func (p *Pool) class(c int) *sync.Pool {
	if cp, ok := p.classes.Load(c); ok {
		return cp.(*sync.Pool)
	}
	cp, _ := p.classes.LoadOrStore(c, new(sync.Pool))
	return cp.(*sync.Pool)
}

// Get returns a buffer of length n.
func (p *Pool) Get(n int) *[]byte {
	p.metrics.poolGets.Inc()
	c := classCap(max(n, 1))
	if c > maxPooled {
		p.metrics.poolAllocs.Inc()
		b := make([]byte, n)
		return &b
	}
	if b, ok := p.class(c).Get().(*[]byte); ok {
		*b = (*b)[:n]
		return b
	}
	p.metrics.poolAllocs.Inc()
	b := make([]byte, n, c)
	return &b
}

// Put returns a buffer from Get to the pool.
func (p *Pool) Put(b *[]byte) {
	p.metrics.poolPuts.Inc()
	c := cap(*b)
	if c == 0 || c > maxPooled || classCap(c) != c {
		return // not one of ours: every class's capacity is its own class
	}
	p.class(c).Put(b)
}
