package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func names(ts []target) []string {
	var n []string
	for _, t := range ts {
		n = append(n, t.name)
	}
	return n
}

func TestSelectTargets(t *testing.T) {
	all, err := selectTargets("")
	require.NoError(t, err)
	assert.Equal(t, []string{"hashd", "scand", "envelopd"}, names(all))

	some, err := selectTargets("envelopd,hashd")
	require.NoError(t, err)
	assert.Equal(t, []string{"hashd", "envelopd"}, names(some), "in targets' order")

	_, err = selectTargets("hashd,nosuchd")
	assert.ErrorContains(t, err, `no service "nosuchd"`)
}
