package docsection

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const doc = `# Build

Intro.

<!-- BEGIN generated:a -->
old a
<!-- END generated:a -->

Between.

<!-- BEGIN generated:b -->
old b
<!-- END generated:b -->
`

func TestReplaceKeepsOtherSections(t *testing.T) {
	got, err := Replace(doc, "a", "new a\nline 2")
	require.NoError(t, err)
	assert.Equal(t, `# Build

Intro.

<!-- BEGIN generated:a -->
new a
line 2
<!-- END generated:a -->

Between.

<!-- BEGIN generated:b -->
old b
<!-- END generated:b -->
`, got)
}

func TestReplaceAppendsMissingSection(t *testing.T) {
	got, err := Replace("# Build", "c", "c body\n")
	require.NoError(t, err)
	assert.Equal(t, "# Build\n\n<!-- BEGIN generated:c -->\nc body\n<!-- END generated:c -->\n", got)
}

func TestReplaceUnterminated(t *testing.T) {
	_, err := Replace("<!-- BEGIN generated:a -->\nx\n", "a", "y")
	assert.Error(t, err)
}

func TestReplaceInFileIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "build.md")
	require.NoError(t, ReplaceInFile(path, "a", "one"))
	require.NoError(t, ReplaceInFile(path, "a", "one"))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "\n<!-- BEGIN generated:a -->\none\n<!-- END generated:a -->\n", string(got))
}
