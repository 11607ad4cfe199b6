package crypto

import "math"

// digestCrossovers says which digest calls Native runs in C; the rest run
// in Pure, which is faster there. A length of math.MaxInt keeps every call
// in Go.
type digestCrossovers struct {
	// sha256 and hmac are the message lengths from which one-shot calls
	// run in C. They also decide streams: a Hasher runs in C when one-shot
	// calls do at some length, since a stream's length is not known when
	// it starts.
	sha256, hmac           int
	sha256Batch, hmacBatch batchCrossover
}

// batchCrossover says which batches run in C: those of at least minMsgs
// messages whose mean length is at most maxMean bytes. A C batch crosses
// cgo once per call, which only long batches repay, to save a cost per
// message that only short messages notice.
type batchCrossover struct{ minMsgs, maxMean int }

func (b batchCrossover) usesC(msgs [][]byte) bool {
	if len(msgs) < b.minMsgs {
		return false
	}
	if len(msgs) == 0 {
		return true
	}
	total := 0
	for _, m := range msgs {
		total += len(m)
	}
	return total/len(msgs) <= b.maxMean
}

// sizedBackend is Native: it runs each call in c or in Pure as from says,
// so that it is never slower than Pure.
type sizedBackend struct {
	c    Backend
	from digestCrossovers
}

func (d *sizedBackend) SHA256(data []byte) ([Size]byte, error) {
	if len(data) >= d.from.sha256 {
		return d.c.SHA256(data)
	}
	return pureBackend{}.SHA256(data)
}

func (d *sizedBackend) HMACSHA256(key, data []byte) ([Size]byte, error) {
	if len(data) >= d.from.hmac {
		return d.c.HMACSHA256(key, data)
	}
	return pureBackend{}.HMACSHA256(key, data)
}

func (d *sizedBackend) SHA256Batch(msgs [][]byte) ([][Size]byte, error) {
	if d.from.sha256Batch.usesC(msgs) {
		return d.c.SHA256Batch(msgs)
	}
	return pureBackend{}.SHA256Batch(msgs)
}

func (d *sizedBackend) HMACSHA256Batch(key []byte, msgs [][]byte) ([][Size]byte, error) {
	if d.from.hmacBatch.usesC(msgs) {
		return d.c.HMACSHA256Batch(key, msgs)
	}
	return pureBackend{}.HMACSHA256Batch(key, msgs)
}

func (d *sizedBackend) NewSHA256() (Hasher, error) {
	if d.from.sha256 < math.MaxInt {
		return d.c.NewSHA256()
	}
	return pureBackend{}.NewSHA256()
}

func (d *sizedBackend) NewHMACSHA256(key []byte) (Hasher, error) {
	if d.from.hmac < math.MaxInt {
		return d.c.NewHMACSHA256(key)
	}
	return pureBackend{}.NewHMACSHA256(key)
}
