// Package docsection rewrites one generated section of a Markdown file and
// leaves the rest alone, so several tools can share docs/build.md.
//
// A section is delimited by HTML comments, invisible when rendered:
//
//	<!-- BEGIN generated:NAME -->
//	...
//	<!-- END generated:NAME -->
package docsection

import (
	"fmt"
	"os"
	"strings"
)

func markers(name string) (begin, end string) {
	return "<!-- BEGIN generated:" + name + " -->", "<!-- END generated:" + name + " -->"
}

// Replace returns doc with section name's content set to body. A missing
// section is appended at the end.
func Replace(doc, name, body string) (string, error) {
	begin, end := markers(name)
	body = strings.TrimRight(body, "\n") + "\n"
	i := strings.Index(doc, begin)
	if i < 0 {
		if doc != "" && !strings.HasSuffix(doc, "\n") {
			doc += "\n"
		}
		return doc + "\n" + begin + "\n" + body + end + "\n", nil
	}
	j := strings.Index(doc[i:], end)
	if j < 0 {
		return "", fmt.Errorf("section %q: %q without %q", name, begin, end)
	}
	return doc[:i] + begin + "\n" + body + doc[i+j:], nil
}

// ReplaceInFile applies Replace to the file at path, creating it if needed.
func ReplaceInFile(path, name, body string) error {
	doc, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	out, err := Replace(string(doc), name, body)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.WriteFile(path, []byte(out), 0o644)
}
