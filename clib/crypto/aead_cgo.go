//go:build cgo

package crypto

// #include "aead.h"
import "C"

import (
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"
)

// The Go constants that mirror aead.h must equal it (see native_cgo.go).
var (
	_ [AEADKeySize - C.CRYPTO_AEAD_KEY_SIZE]struct{}
	_ [C.CRYPTO_AEAD_KEY_SIZE - AEADKeySize]struct{}
	_ [AEADNonceSize - C.CRYPTO_AEAD_NONCE_SIZE]struct{}
	_ [C.CRYPTO_AEAD_NONCE_SIZE - AEADNonceSize]struct{}
	_ [AEADOverhead - C.CRYPTO_AEAD_TAG_SIZE]struct{}
	_ [C.CRYPTO_AEAD_TAG_SIZE - AEADOverhead]struct{}
	_ [MaxAEADLen - C.CRYPTO_AEAD_MAX_LEN]struct{}
	_ [C.CRYPTO_AEAD_MAX_LEN - MaxAEADLen]struct{}
	_ [int(AES256GCM) - C.CRYPTO_AEAD_AES_256_GCM]struct{}
	_ [C.CRYPTO_AEAD_AES_256_GCM - int(AES256GCM)]struct{}
	_ [int(ChaCha20Poly1305) - C.CRYPTO_AEAD_CHACHA20_POLY1305]struct{}
	_ [C.CRYPTO_AEAD_CHACHA20_POLY1305 - int(ChaCha20Poly1305)]struct{}
)

// NativeAEAD is the AEADBackend on OpenSSL libcrypto (clib/crypto/aead.h),
// which hands messages shorter than aeadNativeFrom to PureAEAD.
var NativeAEAD AEADBackend = cAEADBackend{}

// AlwaysNativeAEAD is NativeAEAD without its dispatch: every message runs
// in C, however short (see AlwaysNative).
var AlwaysNativeAEAD AEADBackend = cAEADBackend{always: true}

// cAEADBackend makes cAEADs; always sends their every call to C.
type cAEADBackend struct{ always bool }

func (be cAEADBackend) NewAEAD(alg AEADAlgorithm, key []byte) (AEAD, error) {
	if err := checkAEAD(alg, key); err != nil {
		return nil, err
	}
	pool := &cAEADPool{alg: C.crypto_aead_alg(alg), key: append([]byte(nil), key...), maxIdle: runtime.GOMAXPROCS(0)}
	// The first context is made now, so that OpenSSL lacking the cipher
	// fails here rather than at the first Seal.
	c, err := pool.newContext()
	if err != nil {
		pool.close()
		return nil, err
	}
	pool.put(c)
	pure, err := PureAEAD.NewAEAD(alg, key)
	if err != nil {
		pool.close()
		return nil, err
	}
	a := &cAEAD{alg: alg, pool: pool, pure: pure, always: be.always}
	a.cleanup = runtime.AddCleanup(a, (*cAEADPool).close, pool)
	return a, nil
}

// cAEAD is safe for concurrent use although a C crypto_aead is not: each
// call takes a context of its own from the pool and gives it back.
// Messages shorter than aeadNativeFrom go to pure, the pure-Go twin under
// the same key, which is faster there.
type cAEAD struct {
	alg     AEADAlgorithm
	pool    *cAEADPool
	pure    AEAD
	always  bool // every message in C (AlwaysNativeAEAD)
	cleanup runtime.Cleanup
}

// aeadNativeFrom is, per algorithm, the plaintext length from which
// NativeAEAD runs in C; below it, where a call's fixed cost (the cgo
// crossing, taking a context, OpenSSL re-initialising it with the nonce)
// outweighs C's faster cipher, it runs the pure-Go twin, so that Native is
// never slower than Pure. A batch goes to C when its mean plaintext
// reaches the threshold. BenchmarkAEADCrossover (-c opt, OpenSSL 3.6.5,
// go1.26.8, AMD EPYC with VAES, 2 shared cores, medians of 5) measured one
// seal, in ns:
//
//	size       AES-256-GCM     ChaCha20-Poly1305
//	           C       Go        C       Go
//	512 B      301     175       592     329
//	1 KiB      364     289       629     523
//	1.5 KiB    391     402       880     740
//	2 KiB      457     511       932     873
//	3 KiB      563     709      1227    1300
//	4 KiB      598     950      1582    1613
//	8 KiB     1038    1846      2687    3035
//
// so the thresholds are 1.5 KiB and 3 KiB. Another CPU or OpenSSL release
// moves the crossover; rerun the benchmark there. A variable so that
// tests can force either path.
var aeadNativeFrom = [...]int{AES256GCM: 1536, ChaCha20Poly1305: 3072}

// usesC reports whether a message (or a batch's mean message) of n
// plaintext bytes runs in C.
func (a *cAEAD) usesC(n int) bool { return a.always || n >= aeadNativeFrom[a.alg] }

// meanPlaintext is the mean plaintext length of a batch of msgs, which
// hold their tags when open is set.
func meanPlaintext(msgs [][]byte, open bool) int {
	if len(msgs) == 0 {
		return 0
	}
	total := 0
	for _, m := range msgs {
		total += len(m)
		if open {
			total -= AEADOverhead
		}
	}
	return total / len(msgs)
}

// cAEADPool holds the idle C contexts of one key, each keyed once: keying
// (the AES key schedule and GHASH tables) costs more than sealing a short
// message, so calls reuse contexts instead of making one each. It keeps a
// copy of the key to make more when every context is busy, and at most
// GOMAXPROCS idle ones. A cleanup closes the pool of a dropped AEAD.
type cAEADPool struct {
	alg     C.crypto_aead_alg
	maxIdle int // GOMAXPROCS when the AEAD was made: reading it takes a scheduler lock
	mu      sync.Mutex
	key     []byte           // wiped by close
	idle    []*C.crypto_aead // guarded by mu
	closed  bool             // guarded by mu
}

// liveCAEADs counts the C contexts not yet freed; tests check that Close
// and the cleanup of a dropped AEAD bring it back.
var liveCAEADs atomic.Int64

func (p *cAEADPool) newContext() (*C.crypto_aead, error) {
	var c *C.crypto_aead
	st := C.crypto_aead_new(p.alg, bytePtr(p.key), C.size_t(len(p.key)), &c)
	if err := statusError("crypto_aead_new", st); err != nil {
		return nil, err
	}
	liveCAEADs.Add(1)
	return c, nil
}

func freeContext(c *C.crypto_aead) {
	C.crypto_aead_free(c)
	liveCAEADs.Add(-1)
}

// get takes an idle context, or makes one.
func (p *cAEADPool) get() (*C.crypto_aead, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, errAEADClosed
	}
	if n := len(p.idle); n > 0 {
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return c, nil
	}
	p.mu.Unlock()
	return p.newContext()
}

// put gives a context back, or frees it if the pool is closed or full.
func (p *cAEADPool) put(c *C.crypto_aead) {
	p.mu.Lock()
	if !p.closed && len(p.idle) < p.maxIdle {
		p.idle = append(p.idle, c)
		c = nil
	}
	p.mu.Unlock()
	if c != nil {
		freeContext(c)
	}
}

// close frees the idle contexts and wipes the key; contexts in use are
// freed as they come back.
func (p *cAEADPool) close() {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	clear(p.key)
	p.mu.Unlock()
	for _, c := range idle {
		freeContext(c)
	}
}

func (a *cAEAD) Algorithm() AEADAlgorithm { return a.alg }

func (a *cAEAD) Close() error {
	a.cleanup.Stop()
	a.pool.close()
	return a.pure.Close()
}

func (a *cAEAD) Seal(dst, nonce, plaintext, aad []byte) ([]byte, error) {
	if !a.usesC(len(plaintext)) {
		return a.pure.Seal(dst, nonce, plaintext, aad)
	}
	whole, out := grow(dst, len(plaintext)+AEADOverhead)
	if err := checkMessage(nonce, plaintext, aad, out, MaxAEADLen); err != nil {
		return nil, err
	}
	c, err := a.pool.get()
	if err != nil {
		return nil, err
	}
	st := C.crypto_aead_seal(c, bytePtr(nonce), bytePtr(aad), C.size_t(len(aad)),
		bytePtr(plaintext), C.size_t(len(plaintext)), bytePtr(out))
	a.pool.put(c)
	if err := statusError("crypto_aead_seal", st); err != nil {
		return nil, err
	}
	return whole, nil
}

func (a *cAEAD) Open(dst, nonce, ciphertext, aad []byte) ([]byte, error) {
	if !a.usesC(len(ciphertext) - AEADOverhead) {
		return a.pure.Open(dst, nonce, ciphertext, aad)
	}
	if err := checkOpenLen(ciphertext); err != nil {
		return nil, err
	}
	whole, out := grow(dst, len(ciphertext)-AEADOverhead)
	if err := checkMessage(nonce, ciphertext, aad, out, MaxAEADLen+AEADOverhead); err != nil {
		return nil, err
	}
	c, err := a.pool.get()
	if err != nil {
		return nil, err
	}
	st := C.crypto_aead_open(c, bytePtr(nonce), bytePtr(aad), C.size_t(len(aad)),
		bytePtr(ciphertext), C.size_t(len(ciphertext)), bytePtr(out))
	a.pool.put(c)
	if st == C.CRYPTO_EAUTH {
		return nil, authError(a.alg)
	}
	if err := statusError("crypto_aead_open", st); err != nil {
		return nil, err
	}
	return whole, nil
}

// cAEADBatch is the C view of a batch: the nonces back to back, each
// message's input, length and output. Inputs shorter than packThreshold
// are copied into one buffer and longer ones pinned, as the digest batches
// do (see packThreshold); every output lies in one buffer, pinned once.
type cAEADBatch struct {
	nonces []byte
	ins    []*C.uint8_t
	lens   []C.size_t
	outs   []*C.uint8_t
	pinner runtime.Pinner
}

// newAEADBatch checks the batch in Go first, so that errors name the
// message as Pure's do, and builds the C view of msgs; outLen gives each
// output's length. It returns the outputs, slices of one new buffer.
func newAEADBatch(nonces, msgs [][]byte, aad []byte, open bool) (*cAEADBatch, [][]byte, error) {
	if err := checkAEADBatch(nonces, msgs, aad, open); err != nil {
		return nil, nil, err
	}
	outLen := func(n int) int { return n + AEADOverhead }
	if open {
		outLen = func(n int) int { return n - AEADOverhead }
	}
	total, packed := 0, 0
	for _, m := range msgs {
		total += outLen(len(m))
		if packs(m) {
			packed += len(m)
		}
	}
	buf := make([]byte, total)
	outs := make([][]byte, len(msgs))
	b := &cAEADBatch{
		nonces: make([]byte, 0, len(msgs)*AEADNonceSize),
		ins:    make([]*C.uint8_t, len(msgs)),
		lens:   make([]C.size_t, len(msgs)),
		outs:   make([]*C.uint8_t, len(msgs)),
	}
	pack := make([]byte, 0, packed)
	if total > 0 {
		b.pinner.Pin(&buf[0])
	}
	if packed > 0 {
		b.pinner.Pin(unsafe.SliceData(pack))
	}
	for i, m := range msgs {
		outs[i], buf = buf[:outLen(len(m)):outLen(len(m))], buf[outLen(len(m)):]
		b.nonces = append(b.nonces, nonces[i]...)
		b.lens[i] = C.size_t(len(m))
		b.outs[i] = bytePtr(outs[i])
		switch {
		case len(m) == 0:
		case packs(m):
			pack = append(pack, m...)
			b.ins[i] = bytePtr(pack[len(pack)-len(m):])
		default:
			b.pinner.Pin(unsafe.SliceData(m))
			b.ins[i] = bytePtr(m)
		}
	}
	return b, outs, nil
}

// cBatchCall is one C batch call on a context and a batch's C view:
// nonces, inputs, lengths, count and outputs (NULL for an empty batch).
type cBatchCall func(c *C.crypto_aead, nonces *C.uint8_t, ins **C.uint8_t, lens *C.size_t, n C.size_t, outs **C.uint8_t) C.crypto_status

// runBatch checks msgs, builds their C view, runs call on a pooled context
// and returns the outputs and call's status.
func (a *cAEAD) runBatch(nonces, msgs [][]byte, aad []byte, open bool, call cBatchCall) ([][]byte, C.crypto_status, error) {
	b, outs, err := newAEADBatch(nonces, msgs, aad, open)
	if err != nil {
		return nil, 0, err
	}
	defer b.pinner.Unpin()
	c, err := a.pool.get()
	if err != nil {
		return nil, 0, err
	}
	defer a.pool.put(c)
	if len(b.lens) == 0 {
		return outs, call(c, nil, nil, nil, 0, nil), nil
	}
	return outs, call(c, bytePtr(b.nonces), &b.ins[0], &b.lens[0], C.size_t(len(b.lens)), &b.outs[0]), nil
}

func (a *cAEAD) SealBatch(nonces, plaintexts [][]byte, aad []byte) ([][]byte, error) {
	if !a.usesC(meanPlaintext(plaintexts, false)) {
		return a.pure.SealBatch(nonces, plaintexts, aad)
	}
	outs, st, err := a.runBatch(nonces, plaintexts, aad, false,
		func(c *C.crypto_aead, n *C.uint8_t, ins **C.uint8_t, lens *C.size_t, count C.size_t, outp **C.uint8_t) C.crypto_status {
			return C.crypto_aead_seal_batch(c, n, bytePtr(aad), C.size_t(len(aad)), ins, lens, count, outp)
		})
	if err == nil {
		err = statusError("crypto_aead_seal_batch", st)
	}
	if err != nil {
		return nil, err
	}
	return outs, nil
}

func (a *cAEAD) OpenBatch(nonces, ciphertexts [][]byte, aad []byte) ([][]byte, error) {
	if !a.usesC(meanPlaintext(ciphertexts, true)) {
		return a.pure.OpenBatch(nonces, ciphertexts, aad)
	}
	var bad C.size_t
	outs, st, err := a.runBatch(nonces, ciphertexts, aad, true,
		func(c *C.crypto_aead, n *C.uint8_t, ins **C.uint8_t, lens *C.size_t, count C.size_t, outp **C.uint8_t) C.crypto_status {
			return C.crypto_aead_open_batch(c, n, bytePtr(aad), C.size_t(len(aad)), ins, lens, count, outp, &bad)
		})
	switch {
	case err != nil:
	case st == C.CRYPTO_EAUTH:
		err = batchError(int(bad), authError(a.alg))
	default:
		err = statusError("crypto_aead_open_batch", st)
	}
	if err != nil {
		return nil, err
	}
	return outs, nil
}
