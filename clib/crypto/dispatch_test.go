package crypto

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// recorder is a Backend that only records that it was called.
type recorder struct{ calls *[]string }

func (r recorder) record(call string) { *r.calls = append(*r.calls, call) }

func (r recorder) SHA256([]byte) ([Size]byte, error) {
	r.record("SHA256")
	return [Size]byte{}, nil
}

func (r recorder) HMACSHA256(_, _ []byte) ([Size]byte, error) {
	r.record("HMACSHA256")
	return [Size]byte{}, nil
}

func (r recorder) SHA256Batch([][]byte) ([][Size]byte, error) {
	r.record("SHA256Batch")
	return nil, nil
}

func (r recorder) HMACSHA256Batch([]byte, [][]byte) ([][Size]byte, error) {
	r.record("HMACSHA256Batch")
	return nil, nil
}

func (r recorder) NewSHA256() (Hasher, error) {
	r.record("NewSHA256")
	return nil, nil
}

func (r recorder) NewHMACSHA256([]byte) (Hasher, error) {
	r.record("NewHMACSHA256")
	return nil, nil
}

// TestDigestDispatch checks that sizedBackend sends each call to C where
// its crossover says, and keeps it in Go elsewhere: one-shot calls from
// their length on, batches from their message count up to their mean
// length, streams whenever one-shot calls reach C at some length.
func TestDigestDispatch(t *testing.T) {
	from := digestCrossovers{
		sha256:      10,
		hmac:        20,
		sha256Batch: batchCrossover{minMsgs: 3, maxMean: 8},
		hmacBatch:   batchCrossover{minMsgs: 4, maxMean: 16},
	}
	var inC []string
	d := &sizedBackend{c: recorder{&inC}, from: from}
	_, _ = d.SHA256(make([]byte, 9))
	_, _ = d.HMACSHA256(nil, make([]byte, 19))
	_, _ = d.SHA256Batch(zeroMessages(2, 8))            // too few messages
	_, _ = d.SHA256Batch(zeroMessages(3, 9))            // messages too long
	_, _ = d.HMACSHA256Batch(nil, zeroMessages(3, 16))  // too few messages
	_, _ = d.HMACSHA256Batch(nil, zeroMessages(40, 17)) // messages too long
	assert.Empty(t, inC, "short of each crossover, calls run in Go")

	_, _ = d.SHA256(make([]byte, 10))
	_, _ = d.HMACSHA256(nil, make([]byte, 20))
	_, _ = d.SHA256Batch(append(zeroMessages(2, 0), make([]byte, 24))) // the mean decides, not each message
	_, _ = d.HMACSHA256Batch(nil, zeroMessages(400, 16))
	_, _ = d.NewSHA256()
	_, _ = d.NewHMACSHA256(nil)
	assert.Equal(t, []string{"SHA256", "HMACSHA256", "SHA256Batch", "HMACSHA256Batch", "NewSHA256", "NewHMACSHA256"}, inC,
		"at each crossover, calls run in C")

	inC = nil
	d.from = digestCrossovers{sha256: math.MaxInt, hmac: math.MaxInt,
		sha256Batch: batchCrossover{minMsgs: math.MaxInt}, hmacBatch: batchCrossover{minMsgs: math.MaxInt}}
	_, _ = d.SHA256(make([]byte, 1<<20))
	_, _ = d.HMACSHA256(nil, make([]byte, 1<<20))
	_, _ = d.SHA256Batch(zeroMessages(MaxBatch, 0))
	_, _ = d.HMACSHA256Batch(nil, zeroMessages(MaxBatch, 0))
	_, _ = d.NewSHA256()
	_, _ = d.NewHMACSHA256(nil)
	assert.Empty(t, inC, "with every crossover at math.MaxInt, no call runs in C")
}
