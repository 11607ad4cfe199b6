package cheader

import (
	"fmt"
	"regexp"
	"strings"
)

// condState is what cmock knows about a conditional branch.
type condState int

const (
	condTrue condState = iota
	condFalse
	condUnknown
)

type cond struct {
	state condState
	taken bool // an earlier branch of this #if chain was true
	line  int
	text  string
}

var (
	reCplusplus    = regexp.MustCompile(`^(ifdef\s+__cplusplus|if\s+(defined\s*\(?\s*__cplusplus\s*\)?|__cplusplus))$`)
	reNotCplusplus = regexp.MustCompile(`^(ifndef\s+__cplusplus|if\s+!\s*defined\s*\(?\s*__cplusplus\s*\)?)$`)
	reIfndef       = regexp.MustCompile(`^ifndef\s+(\w+)$`)
	reDirective    = regexp.MustCompile(`^(\w+)`)
)

// preprocess evaluates the conditionals a header needs for C and drops every
// directive. cmock has no macro expander, so it knows only these conditions:
// __cplusplus (false: the mock is C), `#if 0`/`#if 1`, and `#ifndef X`
// directly followed by `#define X` (include guards and default values, true).
// Declarations under any other condition are an error rather than a guess.
func preprocess(file string, toks []token) ([]token, error) {
	var out []token
	var stack []cond
	for i, t := range toks {
		if t.kind != tokDirective {
			if s := effective(stack); s == condFalse {
				continue
			} else if s == condUnknown {
				c := innermostUnknown(stack)
				return nil, fmt.Errorf("%s:%d: declaration under `#%s` (line %d): cmock does not evaluate "+
					"macros, so it cannot tell whether this code is compiled; move it out of the conditional",
					file, t.line, c.text, c.line)
			}
			out = append(out, t)
			continue
		}
		text := strings.Join(strings.Fields(t.text), " ")
		name := reDirective.FindString(text)
		switch name {
		case "if", "ifdef", "ifndef":
			state := evalCond(text, toks[i+1:])
			stack = append(stack, cond{state: state, taken: state == condTrue, line: t.line, text: text})
		case "elif", "else":
			if len(stack) == 0 {
				return nil, fmt.Errorf("%s:%d: #%s without #if", file, t.line, name)
			}
			top := &stack[len(stack)-1]
			switch {
			case top.taken:
				top.state = condFalse
			case name == "else" && top.state == condFalse:
				top.state = condTrue
			case name == "else":
				top.state = condUnknown
			default:
				top.state = evalCond("if"+strings.TrimPrefix(text, "elif"), toks[i+1:])
			}
			top.taken = top.taken || top.state == condTrue
			top.line, top.text = t.line, text
		case "endif":
			if len(stack) == 0 {
				return nil, fmt.Errorf("%s:%d: #endif without #if", file, t.line)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		c := stack[len(stack)-1]
		return nil, fmt.Errorf("%s:%d: `#%s` has no #endif", file, c.line, c.text)
	}
	return out, nil
}

// evalCond decides an #if/#ifdef/#ifndef line; rest holds the tokens after it.
func evalCond(text string, rest []token) condState {
	switch {
	case reCplusplus.MatchString(text), text == "if 0":
		return condFalse
	case reNotCplusplus.MatchString(text), text == "if 1":
		return condTrue
	}
	if m := reIfndef.FindStringSubmatch(text); m != nil && len(rest) > 0 && rest[0].kind == tokDirective {
		next := strings.Fields(rest[0].text)
		if len(next) >= 2 && next[0] == "define" && next[1] == m[1] {
			return condTrue
		}
	}
	return condUnknown
}

// effective is the state of code at the top of the stack: false wins over
// unknown, because code in a false branch is never compiled.
func effective(stack []cond) condState {
	s := condTrue
	for _, c := range stack {
		if c.state == condFalse {
			return condFalse
		}
		if c.state == condUnknown {
			s = condUnknown
		}
	}
	return s
}

func innermostUnknown(stack []cond) cond {
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i].state == condUnknown {
			return stack[i]
		}
	}
	panic("no unknown conditional on the stack")
}
