package main

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"google.golang.org/grpc"

	"example.com/starter/services/servicekit"
)

// driver runs closed-loop load against one service: each client has its own
// connection and sends its next request as soon as the previous one returns.
type driver struct {
	addr, caFile string
	call         func(ctx context.Context, conn *grpc.ClientConn, payload []byte) error
}

// result is one measurement.
type result struct {
	elapsed   time.Duration
	latencies []time.Duration // sorted
	errors    int
}

func (r result) count() int { return len(r.latencies) }

func (r result) rps() float64 { return float64(len(r.latencies)) / r.elapsed.Seconds() }

// p returns the q-th percentile latency.
func (r result) p(q int) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[(len(r.latencies)-1)*q/100]
}

// median returns the run with the median rate.
func median[R interface{ rps() float64 }](runs []R) R {
	sorted := slices.Clone(runs)
	slices.SortFunc(sorted, func(a, b R) int { return cmp.Compare(a.rps(), b.rps()) })
	return sorted[len(sorted)/2]
}

func (d driver) run(clients, size int, duration time.Duration) (result, error) {
	conns := make([]*grpc.ClientConn, clients)
	for i := range conns {
		conn, err := servicekit.Dial(d.addr, servicekit.ClientOptions{CAFile: d.caFile, MaxMessageBytes: 8 << 20})
		if err != nil {
			return result{}, err
		}
		defer conn.Close()
		// Connect and warm up outside the measurement.
		if err := d.call(context.Background(), conn, payload(size)); err != nil {
			return result{}, fmt.Errorf("warm-up: %w", err)
		}
		conns[i] = conn
	}

	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      int
		wg        sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(duration)
	for _, conn := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data := payload(size)
			var local []time.Duration
			localErrs := 0
			for time.Now().Before(deadline) {
				t := time.Now()
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				err := d.call(ctx, conn, data)
				cancel()
				if err != nil {
					localErrs++
					continue
				}
				local = append(local, time.Since(t))
			}
			mu.Lock()
			latencies = append(latencies, local...)
			errs += localErrs
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.Sort(latencies)
	return result{elapsed: time.Since(start), latencies: latencies, errors: errs}, nil
}
