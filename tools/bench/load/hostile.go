package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"sort"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/status"

	envelopev1 "example.com/starter/proto/envelope/v1"
	hashv1 "example.com/starter/proto/hash/v1"
	scanv1 "example.com/starter/proto/scan/v1"
	"example.com/starter/services/servicekit"
)

// The hostile mix: while wellBehaved clients load a service as in the
// tables (4 KiB requests), hostileClients more send what a careless or
// hostile client sends, and idleConns TCP connections never start TLS.
const (
	wellBehaved    = 16
	wellSize       = 4096
	hostileClients = 16
	idleConns      = 100
	// maxMessage is the services' default -max_message_bytes.
	maxMessage = 4 << 20
)

// hostileKind is one kind of request the hostile clients send, in turn.
type hostileKind struct {
	name string
	call func(ctx context.Context, conn *grpc.ClientConn) error
}

// rawCodec sends bytes as they are, to send what no proto decodes.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error)      { return *v.(*[]byte), nil }
func (rawCodec) Unmarshal(data []byte, v any) error { *v.(*[]byte) = data; return nil }
func (rawCodec) Name() string                       { return "proto" }

func invokeRaw(ctx context.Context, conn *grpc.ClientConn, method string, req []byte) error {
	var resp []byte
	return conn.Invoke(ctx, method, &req, &resp, grpc.ForceCodec(rawCodec{}))
}

// hostileKinds are the hostile requests for svc: its costliest request,
// one over the message limit, bytes no proto decodes, an unknown method
// and a malformed method name.
func hostileKinds(svc target) []hostileKind {
	worst := svc.worst
	return []hostileKind{
		{"costliest request", worst},
		{"over the message limit", func(ctx context.Context, conn *grpc.ClientConn) error {
			return svc.call(ctx, conn, payload(maxMessage+1024))
		}},
		{"undecodable", func(ctx context.Context, conn *grpc.ClientConn) error {
			return invokeRaw(ctx, conn, svc.method, []byte{0xff, 0xff, 0xff})
		}},
		{"unknown method", func(ctx context.Context, conn *grpc.ClientConn) error {
			return invokeRaw(ctx, conn, svc.method+"Nope", nil)
		}},
		{"malformed method name", func(ctx context.Context, conn *grpc.ClientConn) error {
			return invokeRaw(ctx, conn, "no-slash", nil)
		}},
	}
}

// worstScan asks scand for every index of 4 MiB in which every byte
// matches: an answer far over the response limit.
func worstScan(ctx context.Context, conn *grpc.ClientConn) error {
	_, err := scanv1.NewScanServiceClient(conn).IndexAny(ctx, &scanv1.IndexAnyRequest{
		Data: bytes.Repeat([]byte{','}, maxMessage-64), Set: []byte(","), All: true,
	})
	return err
}

// worstHash is hashd's largest request: an HMAC of 4 MiB.
func worstHash(ctx context.Context, conn *grpc.ClientConn) error {
	_, err := hashv1.NewHashServiceClient(conn).Sum(ctx, &hashv1.SumRequest{
		Algorithm: hashv1.Algorithm_ALGORITHM_HMAC_SHA256, Key: []byte("k"), Data: payload(maxMessage - 64),
	})
	return err
}

// worstSeal is envelopd's largest request: a seal of 4 MiB.
func worstSeal(ctx context.Context, conn *grpc.ClientConn) error {
	_, err := envelopev1.NewEnvelopeServiceClient(conn).Seal(ctx, &envelopev1.SealRequest{
		KeyId: servicekit.DevKeyIDs.AESGCM, Plaintext: payload(maxMessage - 64),
	})
	return err
}

// hostileResult is one service's hostile run.
type hostileResult struct {
	well    result                    // the well-behaved clients, during it
	codes   map[string]map[string]int // hostile kind -> status code -> count
	peakRSS int64                     // bytes (VmHWM)
}

// runHostile runs the hostile mix against the service proc for duration.
func runHostile(svc target, proc *servicekit.Process, caFile string, duration time.Duration) (hostileResult, error) {
	addr := proc.Addrs.GRPC
	res := hostileResult{codes: map[string]map[string]int{}}
	for range idleConns {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			return res, err
		}
		defer conn.Close()
	}
	kinds := hostileKinds(svc)
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	deadline := time.Now().Add(duration)
	for i := range hostileClients {
		conn, err := servicekit.Dial(addr, servicekit.ClientOptions{CAFile: caFile, MaxMessageBytes: 8 << 20})
		if err != nil {
			return res, err
		}
		defer conn.Close()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := i; time.Now().Before(deadline); n++ {
				kind := kinds[n%len(kinds)]
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				code := status.Code(kind.call(ctx, conn)).String()
				cancel()
				mu.Lock()
				if res.codes[kind.name] == nil {
					res.codes[kind.name] = map[string]int{}
				}
				res.codes[kind.name][code]++
				mu.Unlock()
			}
		}()
	}
	well, err := driver{addr: addr, caFile: caFile, call: svc.call}.run(wellBehaved, wellSize, duration)
	wg.Wait()
	if err != nil {
		return res, err
	}
	res.well = well
	res.peakRSS, err = proc.PeakRSS()
	return res, err
}

// codeList spells a kind's status counts, most frequent first.
func codeList(counts map[string]int) string {
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		if counts[names[i]] != counts[names[j]] {
			return counts[names[i]] > counts[names[j]]
		}
		return names[i] < names[j]
	})
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = fmt.Sprintf("%s %d", name, counts[name])
	}
	return strings.Join(parts, ", ")
}
