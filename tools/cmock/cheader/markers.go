package cheader

import (
	"fmt"
	"regexp"
	"strconv"
)

// reLineMarker matches the line markers of GNU cpp and clang
// (`# 12 "file.h" 1 3`) and the #line directive (`line 12 "file.h"`).
var reLineMarker = regexp.MustCompile(`^(?:line\s+)?(\d+)\s+"((?:[^"\\]|\\.)*)"`)

// lineMarkers gives each token of preprocessed input the file and line the
// markers say it comes from, and drops every directive: after cpp only
// markers and pragmas remain, and pragmas declare nothing.
func lineMarkers(toks []token) ([]token, error) {
	out := toks[:0]
	file, offset := "", 0 // a token on output line n is on line n+offset of file
	for _, t := range toks {
		if t.kind != tokDirective {
			t.file, t.line = file, t.line+offset
			out = append(out, t)
			continue
		}
		m := reLineMarker.FindStringSubmatch(t.text)
		if m == nil {
			continue
		}
		n, err := strconv.Atoi(m[1])
		if err != nil {
			return nil, fmt.Errorf("line %d: bad line marker %q", t.line, t.text)
		}
		name, err := strconv.Unquote(`"` + m[2] + `"`)
		if err != nil {
			return nil, fmt.Errorf("line %d: bad file name in line marker %q", t.line, t.text)
		}
		// The marker names the line that follows it.
		file, offset = name, n-(t.line+1)
	}
	return out, nil
}
