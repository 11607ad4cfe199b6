package cheader

import (
	"fmt"
	"strings"
)

// tokKind says what a token is.
type tokKind int

const (
	tokIdent tokKind = iota
	tokNumber
	tokString
	tokChar
	tokPunct
	tokDirective // a whole preprocessor line, continuations joined
)

type token struct {
	kind tokKind
	text string
	line int
	// file is the file the token comes from, when line markers in
	// preprocessed input say so (see lineMarkers); "" for the parsed file.
	file string
}

// puncts lists the multi-character punctuators, longest first, so that array
// sizes such as `1 << 4` keep their operators intact.
var puncts = []string{
	"...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=",
	"&&", "||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##",
}

// lex splits C source into tokens. Comments vanish; a preprocessor line
// becomes one tokDirective token so that the caller can evaluate it.
func lex(file, src string) ([]token, error) {
	var toks []token
	line := 1
	atLineStart := true
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			line++
			atLineStart = true
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return nil, fmt.Errorf("%s:%d: unterminated comment", file, line)
			}
			line += strings.Count(src[i:i+2+end], "\n")
			i += end + 4
		case c == '#' && atLineStart:
			start := line
			var b strings.Builder
			for i < len(src) && src[i] != '\n' {
				switch {
				case strings.HasPrefix(src[i:], "\\\n"):
					line++
					i += 2
					b.WriteByte(' ')
				case strings.HasPrefix(src[i:], "/*"):
					end := strings.Index(src[i+2:], "*/")
					if end < 0 {
						return nil, fmt.Errorf("%s:%d: unterminated comment", file, line)
					}
					line += strings.Count(src[i:i+2+end], "\n")
					i += end + 4
					b.WriteByte(' ')
				case strings.HasPrefix(src[i:], "//"):
					for i < len(src) && src[i] != '\n' {
						i++
					}
				default:
					b.WriteByte(src[i])
					i++
				}
			}
			toks = append(toks, token{kind: tokDirective, text: strings.TrimSpace(b.String()[1:]), line: start})
		default:
			atLineStart = false
			tok, n, err := lexOne(src[i:])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", file, line, err)
			}
			tok.line = line
			toks = append(toks, tok)
			i += n
		}
	}
	return toks, nil
}

// lexOne reads the single non-space, non-comment token at the start of s.
func lexOne(s string) (token, int, error) {
	c := s[0]
	switch {
	case isIdentStart(c):
		n := 1
		for n < len(s) && isIdentPart(s[n]) {
			n++
		}
		return token{kind: tokIdent, text: s[:n]}, n, nil
	case c >= '0' && c <= '9' || c == '.' && len(s) > 1 && s[1] >= '0' && s[1] <= '9':
		n := 1
		for n < len(s) && (isIdentPart(s[n]) || s[n] == '.' ||
			(s[n] == '+' || s[n] == '-') && strings.ContainsRune("eEpP", rune(s[n-1]))) {
			n++
		}
		return token{kind: tokNumber, text: s[:n]}, n, nil
	case c == '"' || c == '\'':
		n := 1
		for n < len(s) && s[n] != c {
			if s[n] == '\\' {
				n++
			}
			if n < len(s) && s[n] == '\n' {
				break
			}
			n++
		}
		if n >= len(s) || s[n] != c {
			return token{}, 0, fmt.Errorf("unterminated %c literal", c)
		}
		kind := tokString
		if c == '\'' {
			kind = tokChar
		}
		return token{kind: kind, text: s[:n+1]}, n + 1, nil
	}
	for _, p := range puncts {
		if strings.HasPrefix(s, p) {
			return token{kind: tokPunct, text: p}, len(p), nil
		}
	}
	if strings.IndexByte("()[]{},;*:=<>+-/%&|^!~?.", c) >= 0 {
		return token{kind: tokPunct, text: s[:1]}, 1, nil
	}
	return token{}, 0, fmt.Errorf("unexpected character %q", c)
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isIdentPart(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }
