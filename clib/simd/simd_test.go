package simd

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCountByte(t *testing.T) {
	tests := []struct {
		name  string
		data  []byte
		value byte
		want  int
	}{
		{"nil", nil, 'a', 0},
		{"empty", []byte{}, 'a', 0},
		{"none", []byte("bcd"), 'a', 0},
		{"delimiters", []byte("a,b,,c,"), ',', 4},
		{"zero byte", []byte{0, 1, 0, 2}, 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CountByte(tt.data, tt.value)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestCountByteMatchesStdlib checks the C path against bytes.Count on random input.
func TestCountByteMatchesStdlib(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200; i++ {
		data := make([]byte, rng.IntN(4097))
		for j := range data {
			data[j] = byte(rng.IntN(4)) // a small alphabet gives many matches
		}
		value := byte(rng.IntN(4))
		got, err := CountByte(data, value)
		require.NoError(t, err)
		assert.Equal(t, bytes.Count(data, []byte{value}), got, "len %d value %d", len(data), value)
	}
}
