//go:build cgo

package crypto

// #include "crypto.h"
import "C"

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"unsafe"
)

// The Go constants that mirror crypto.h must equal it on every target the
// binding compiles for: each pair below fails to compile (a negative array
// length) when one side changes alone.
var (
	_ [Size - C.CRYPTO_SHA256_SIZE]struct{}
	_ [C.CRYPTO_SHA256_SIZE - Size]struct{}
	_ [MaxBatch - C.CRYPTO_MAX_BATCH]struct{}
	_ [C.CRYPTO_MAX_BATCH - MaxBatch]struct{}
)

// Native is the Backend on OpenSSL libcrypto (clib/crypto) for the calls
// where it is faster than Pure, and Pure for the others (see digestFrom).
var Native Backend = &sizedBackend{c: cBackend{}, from: digestFrom}

// AlwaysNative is Native without its dispatch: every call runs in C,
// whatever it costs. It is for tests that must reach the C library (the
// services' fault injection, -size_dispatch=false) and for measuring the
// crossovers on another machine.
var AlwaysNative Backend = cBackend{}

// digestFrom is where Native hands calls to C: the sizes from which C, cgo
// crossing included, was faster than Pure by more than 5% in every run.
// BenchmarkDigestCrossover (CRYPTO_CROSSOVER=1, -c opt, OpenSSL 3.6.5,
// go1.26.8, AMD EPYC with SHA-NI, 2 shared cores) measured, in ns per call,
// one-shot calls (medians of 3):
//
//	size       SHA256            HMACSHA256
//	           C        Go       C        Go
//	64 B       268      133      1044     1000
//	1 KiB      873      744      1663     1611
//	16 KiB     11383    10020    12574    11169
//	256 KiB    185478   154827   184069   158279
//	1 MiB      700930   648099   689967   661131
//
// and batches (a second run, medians of 7):
//
//	batch            SHA256Batch        HMACSHA256Batch
//	                 C        Go        C        Go
//	n=16   64 B      2294     2150      4510     4319
//	n=64   64 B      8828     8804      15197    14058
//	n=256  64 B      33968    37793     60067    58016
//	n=256  256 B     68510    64029     97662    86457
//	n=1024 64 B      145606   133473    251407   213965
//	n=1024 1 KiB     782553   722130    891706   791516
//
// Both libraries hash with the CPU's SHA extensions, so one-shot C pays
// the cgo crossing and OpenSSL's EVP layer for nothing and never wins. A
// batch crosses cgo once and keeps one context; SHA-256 batches of 64-byte
// messages came out 1.11-1.15x faster in C at n=256 and n=1024 in the first
// run, but 0.92x at n=1024 in the second, and HMAC batches never won. No
// call won in every run, so on this machine every call stays in Go; the
// C library runs only through AlwaysNative. Another CPU or OpenSSL release
// moves the crossovers (without SHA extensions both fall back to vector
// code); rerun the benchmark there.
var digestFrom = digestCrossovers{
	sha256:      math.MaxInt,
	hmac:        math.MaxInt,
	sha256Batch: batchCrossover{minMsgs: math.MaxInt},
	hmacBatch:   batchCrossover{minMsgs: math.MaxInt},
}

// HasNative reports whether Native is the C library; true with cgo.
func HasNative() bool { return true }

type cBackend struct{}

func (cBackend) SHA256(data []byte) ([Size]byte, error) {
	var out [Size]byte
	st := C.crypto_sha256(bytePtr(data), C.size_t(len(data)), digestPtr(&out))
	return out, statusError("crypto_sha256", st)
}

func (cBackend) HMACSHA256(key, data []byte) ([Size]byte, error) {
	var out [Size]byte
	st := C.crypto_hmac_sha256(bytePtr(key), C.size_t(len(key)), bytePtr(data), C.size_t(len(data)), digestPtr(&out))
	return out, statusError("crypto_hmac_sha256", st)
}

func (cBackend) SHA256Batch(msgs [][]byte) ([][Size]byte, error) {
	return batch("crypto_sha256_batch_packed", msgs, func(b *cBatch) C.crypto_status {
		return C.crypto_sha256_batch_packed(b.packed, b.packedLen, b.ptrs, b.lens, b.n, b.out)
	})
}

func (cBackend) HMACSHA256Batch(key []byte, msgs [][]byte) ([][Size]byte, error) {
	return batch("crypto_hmac_sha256_batch_packed", msgs, func(b *cBatch) C.crypto_status {
		return C.crypto_hmac_sha256_batch_packed(bytePtr(key), C.size_t(len(key)),
			b.packed, b.packedLen, b.ptrs, b.lens, b.n, b.out)
	})
}

// packThreshold is the length from which a batch message is passed to C in
// place (pinned) rather than copied into the batch's packed buffer.
//
// C may read a Go message only through a pointer passed as an argument; a
// pointer stored in a Go array (one per message) must point to pinned
// memory. runtime.Pinner's Pin plus Unpin cost a roughly fixed 110-200 ns
// per message here, whatever its size, and cgocheck inspects each stored
// pointer at the call on top. Packing costs a copy into a buffer reused
// through bufPool. BenchmarkBatchCrossover (batches of 64 equal messages,
// go1.26, 2 shared cores, medians of 5) measured per message, Go side only:
//
//	size     packed  pinned
//	64 B        9     194 ns
//	256 B      26     195 ns
//	1 KiB      68     132 ns
//	2 KiB      81     117 ns
//	4 KiB     149     120 ns
//
// so the paths cross between 2 and 4 KiB. Without the pool (a fresh,
// zeroed buffer per batch, and the GC work it causes) packing cost about
// 0.6 ns per byte and the paths crossed at 256 B. The threshold is 1 KiB,
// below the crossover, because it also bounds the pooled buffer
// (MaxBatch*packThreshold = 4 MiB) and the copy a batch makes; packing
// still wins about 2x at 1 KiB. The decision is per message, so a mixed
// batch copies only its short messages.
const packThreshold = 1024

// packLimit is packThreshold, a variable so that the crossover benchmark
// can force either path.
var packLimit = packThreshold

// packs reports whether batch copies m into the packed buffer. Empty
// messages are always packed: they have nothing to copy or pin.
func packs(m []byte) bool { return len(m) < packLimit || len(m) == 0 }

// cBatch is the C view of a batch (see crypto_sha256_batch_packed): the
// packed buffer holding the short messages back to back, the pointers to
// the pinned long messages (nil when there are none; NULL entries for
// packed messages), every message's length, and the output array.
type cBatch struct {
	packed    *C.uint8_t
	packedLen C.size_t
	ptrs      **C.uint8_t
	lens      *C.size_t
	n         C.size_t
	out       *C.uint8_t
}

// batch runs call on the C view of msgs and returns the digests it wrote.
//
// Messages shorter than packLimit are copied into one Go buffer, which
// with the length array holds no pointers: passing both as arguments is
// all the cgo rules ask for. Longer messages are not copied: C reads them
// through pointers stored in a Go array, which the cgo rules allow only
// for pinned memory, so they are pinned for the call (the arrays
// themselves, passed as arguments, are pinned by cgo).
func batch(fn string, msgs [][]byte, call func(*cBatch) C.crypto_status) ([][Size]byte, error) {
	if err := checkBatch(len(msgs)); err != nil {
		return nil, err
	}
	out := make([][Size]byte, len(msgs))
	if len(msgs) == 0 {
		return out, nil
	}
	var pinner runtime.Pinner
	defer pinner.Unpin()
	buf := bufPool.Get().(*packBuf)
	defer bufPool.Put(buf)
	b := packBatch(msgs, out, buf, &pinner)
	if err := statusError(fn, call(&b)); err != nil {
		return nil, err
	}
	return out, nil
}

// packBuf holds a batch's packed buffer and length array between calls:
// C keeps no reference to them after returning, and reusing them saves an
// allocation (and its zeroing and GC work) per batch. Both are bounded by
// MaxBatch: at most MaxBatch*packThreshold bytes (4 MiB) and MaxBatch
// lengths; sync.Pool drops idle buffers at garbage collections.
type packBuf struct {
	packed []byte
	lens   []C.size_t
}

var bufPool = sync.Pool{New: func() any { return new(packBuf) }}

// packBatch builds the C view of msgs for batch, writing to out (of the
// same length, at least 1): it packs the short messages and pins the long
// ones with pinner, which the caller unpins after the call.
func packBatch(msgs [][]byte, out [][Size]byte, buf *packBuf, pinner *runtime.Pinner) cBatch {
	total, long := 0, 0
	for _, m := range msgs {
		if packs(m) {
			total += len(m)
		} else {
			long++
		}
	}
	var packed []byte // nil (NULL in C) when no packed message has bytes
	if total > 0 {
		if cap(buf.packed) < total {
			buf.packed = make([]byte, 0, total)
		}
		packed = buf.packed[:0]
	}
	if cap(buf.lens) < len(msgs) {
		buf.lens = make([]C.size_t, len(msgs))
	}
	lens := buf.lens[:len(msgs)]
	var ptrs []*C.uint8_t
	if long > 0 {
		ptrs = make([]*C.uint8_t, len(msgs))
	}
	for i, m := range msgs {
		lens[i] = C.size_t(len(m))
		if packs(m) {
			packed = append(packed, m...)
		} else {
			p := unsafe.SliceData(m)
			pinner.Pin(p)
			ptrs[i] = (*C.uint8_t)(unsafe.Pointer(p))
		}
	}
	b := cBatch{
		packed:    bytePtr(packed),
		packedLen: C.size_t(len(packed)),
		lens:      &lens[0],
		n:         C.size_t(len(msgs)),
		out:       digestPtr(&out[0]),
	}
	if ptrs != nil {
		b.ptrs = &ptrs[0]
	}
	return b
}

// statusSentinels is the sentinel error of every failing crypto_status.
var statusSentinels = map[C.crypto_status]error{
	C.CRYPTO_EINVAL:   ErrInvalidArgument,
	C.CRYPTO_E2BIG:    ErrBatchTooLarge,
	C.CRYPTO_ENOMEM:   ErrNoMemory,
	C.CRYPTO_EBACKEND: ErrBackend,
	C.CRYPTO_ERANGE:   ErrTooLong,
	C.CRYPTO_EAUTH:    ErrAuth,
}

// statusError maps a crypto_status to nil or an error wrapping one of this
// package's sentinel errors.
func statusError(fn string, st C.crypto_status) error {
	if st == C.CRYPTO_OK {
		return nil
	}
	if sentinel, ok := statusSentinels[st]; ok {
		return fmt.Errorf("%s: %w", fn, sentinel)
	}
	return fmt.Errorf("%s: unexpected status %d", fn, st)
}

// bytePtr returns a C view of b's backing array without copying. C reads
// only len(b) bytes from it and keeps no reference after the call.
func bytePtr(b []byte) *C.uint8_t {
	return (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(b)))
}

// digestPtr returns a C view of a Go digest array for C to write into.
func digestPtr(d *[Size]byte) *C.uint8_t { return (*C.uint8_t)(unsafe.Pointer(d)) }
