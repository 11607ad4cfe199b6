// Package cheader parses the declarations of a C header that a mock needs:
// function prototypes and the typedefs, structs, unions and enums they use.
//
// It is not a C compiler. It understands include guards, `#ifdef
// __cplusplus` and `extern "C"` blocks, and skips other directives. A
// declaration it cannot mock faithfully (a K&R
// declaration, a bit-field in parameters) goes to Header.Skipped with its
// file and line, and parsing goes on; what it cannot parse past
// (declarations under conditions it cannot evaluate) is an error.
package cheader

import (
	"fmt"
	"os"
	"strings"
)

// ParseFile reads and parses the header at path.
func ParseFile(path string) (*Header, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, string(src))
}

// Parse parses src; path is used in error messages only.
func Parse(path, src string) (*Header, error) {
	toks, err := lex(path, src)
	if err != nil {
		return nil, err
	}
	if toks, err = preprocess(path, toks); err != nil {
		return nil, err
	}
	return parseTokens(path, path, toks)
}

// ParsePreprocessed parses src, the C preprocessor's output for a file
// that includes header (as `cc -E` writes it, with line markers), and
// returns what header itself declares: its functions, and the errors and
// warnings of its declarations, with header's own file:line. Declarations
// from the files it includes are parsed for their types only; what cmock
// cannot parse there is no concern of the mock's and is not reported.
// header is spelled as the line markers spell it, or is the end of that
// spelling after a "/" (a system header's name, "zlib.h", for
// "/usr/include/zlib.h"); Header.Path is then the markers' spelling.
func ParsePreprocessed(header, src string) (*Header, error) {
	toks, err := lex(header, src)
	if err != nil {
		return nil, err
	}
	toks, err = lineMarkers(toks)
	if err != nil {
		return nil, err
	}
	owner := ""
	for _, t := range toks {
		if t.file == header || owner == "" && strings.HasSuffix(t.file, "/"+header) {
			owner = t.file
			if owner == header {
				break
			}
		}
	}
	if owner == "" {
		return nil, fmt.Errorf("%s: the preprocessed input declares nothing from this header", header)
	}
	return parseTokens(owner, owner, toks)
}

func parseTokens(path, owner string, toks []token) (*Header, error) {
	p := &parser{file: path, owner: owner, toks: toks, h: &Header{
		Path:     path,
		typedefs: map[string]*Type{},
		complete: map[string]bool{},
		fields:   map[string][]Field{},
	}}
	if err := p.translationUnit(); err != nil {
		return nil, err
	}
	return p.h, nil
}

type parser struct {
	file string
	// owner is the file whose declarations are reported: file itself, or in
	// preprocessed input the header named by the line markers.
	owner   string
	toks    []token
	pos     int
	externC int // open `extern "C" {` blocks
	h       *Header
	// noreturnAttr records a GNU `__attribute__((noreturn))` seen in the
	// current declaration, which skipAttributes otherwise skips.
	noreturnAttr bool
	// pastDeclaration says that a declaration that failed has already
	// moved past its own end (a K&R definition and its body).
	pastDeclaration bool
}

// specs holds the storage-class and function specifiers of a declaration.
type specs struct {
	typedef, static, extern, noreturn bool
}

var typeKeywords = map[string]bool{
	"void": true, "char": true, "short": true, "int": true, "long": true, "float": true,
	"double": true, "signed": true, "unsigned": true, "_Bool": true, "_Complex": true,
}

func (p *parser) eof() bool { return p.pos >= len(p.toks) }

func (p *parser) peek() token { return p.peekN(0) }

func (p *parser) peekN(n int) token {
	if p.pos+n >= len(p.toks) {
		line := 0
		if len(p.toks) > 0 {
			line = p.toks[len(p.toks)-1].line
		}
		return token{kind: tokPunct, text: "<end of file>", line: line}
	}
	return p.toks[p.pos+n]
}

func (p *parser) next() token {
	t := p.peek()
	p.pos++
	return t
}

func (p *parser) accept(text string) bool {
	if !p.eof() && p.peek().text == text && p.peek().kind != tokString {
		p.pos++
		return true
	}
	return false
}

func (p *parser) errorf(t token, format string, args ...any) error {
	file := p.file
	if t.file != "" {
		file = t.file
	}
	return fmt.Errorf("%s:%d: %s", file, t.line, fmt.Sprintf(format, args...))
}

// owns reports whether t comes from the file whose declarations are
// reported (always, outside preprocessed input).
func (p *parser) owns(t token) bool { return t.file == "" || t.file == p.owner }

func (p *parser) expect(text string) error {
	if !p.accept(text) {
		return p.errorf(p.peek(), "expected %q, found %q", text, p.peek().text)
	}
	return nil
}

func (p *parser) translationUnit() error {
	for !p.eof() {
		t := p.peek()
		switch {
		case t.text == ";":
			p.next()
		case t.text == "}" && p.externC > 0:
			p.next()
			p.externC--
		case t.text == "extern" && p.peekN(1).kind == tokString:
			if p.peekN(1).text != `"C"` {
				return p.errorf(t, "unsupported linkage %s", p.peekN(1).text)
			}
			p.pos += 2
			if p.accept("{") {
				p.externC++
			}
		default:
			start, funcs, warnings := p.pos, len(p.h.Funcs), len(p.h.Warnings)
			p.pastDeclaration = false
			err := p.declaration()
			if err != nil && !p.pastDeclaration {
				p.skipDeclaration(start)
			}
			switch {
			case !p.owns(p.toks[start]):
				// An included file's declaration: its types count, its
				// functions and troubles do not.
				p.h.Funcs, p.h.Warnings = p.h.Funcs[:funcs], p.h.Warnings[:warnings]
			case err != nil:
				p.h.Skipped = append(p.h.Skipped, err)
				p.h.Funcs = p.h.Funcs[:funcs] // all of a broken declaration is out
			}
		}
	}
	if p.externC > 0 {
		return p.errorf(p.peek(), `extern "C" block is not closed`)
	}
	return nil
}

// declaration parses one top-level declaration and records what it declares.
func (p *parser) declaration() error {
	start := p.peek()
	p.noreturnAttr = false
	base, sp, err := p.specifiers()
	if err != nil {
		return err
	}
	if p.accept(";") {
		return nil // a tag declaration such as `struct s { ... };`
	}
	for {
		at := p.peek()
		name, typ, err := p.declarator(base)
		if err != nil {
			return err
		}
		if name == "" {
			return p.errorf(at, "expected a name in the declaration")
		}
		p.skipAttributes()
		if typ.Kind == Func {
			if p.peek().text == "{" {
				// An inline definition: the header provides the function, so
				// there is nothing to mock.
				return p.skipBalanced("{", "}")
			}
			if t := p.peek(); t.kind == tokIdent {
				// The parameter declarations end with `;`: move past them
				// and the body, so that they are not taken for
				// declarations of their own.
				for !p.eof() && p.peek().text != "{" {
					p.next()
				}
				p.pastDeclaration = p.skipBalanced("{", "}") == nil
				return p.errorf(t, "expected \";\" after the declaration of %s (K&R-style definitions are not supported)", name)
			}
		}
		switch {
		case sp.typedef:
			p.h.typedefs[name] = typ
		case typ.Kind == Func:
			if err := p.addFunction(start, at, name, typ, sp); err != nil {
				return err
			}
		case !sp.extern && !sp.static:
			// A header declares variables extern; without it this is most
			// likely a macro invocation that cmock cannot expand.
			return p.errorf(start, "%s is neither a prototype nor an extern declaration (a macro cmock cannot expand?)", name)
		}
		if !p.accept(",") {
			return p.expect(";")
		}
	}
}

func (p *parser) addFunction(start, at token, name string, typ *Type, sp specs) error {
	switch {
	case sp.noreturn || p.noreturnAttr:
		return p.errorf(start, "noreturn function %s cannot be mocked: a mock returns", name)
	case sp.static:
		return p.errorf(start, "static function %s cannot be mocked: only its own file can define it", name)
	}
	for _, t := range append([]*Type{typ.Ret}, paramTypes(typ.Params)...) {
		if strings.Contains(t.Decl(""), "{") {
			return p.errorf(at, "%s uses an anonymous struct, union or enum; give it a name or a typedef", name)
		}
		if t.Kind == Named && (t.Spec == "va_list" || t.Spec == "__builtin_va_list" || t.Spec == "__gnuc_va_list") {
			return p.errorf(at, "%s takes a va_list, which a mock can neither store nor compare; mock a wrapper that takes the arguments instead", name)
		}
	}
	f := Function{Name: name, Ret: typ.Ret, Params: typ.Params, Variadic: typ.Variadic, Line: at.line}
	for _, g := range p.h.Funcs {
		if g.Name != name {
			continue
		}
		if typ.Decl(name) != g.Type().Decl(name) {
			return p.errorf(at, "%s redeclared with a different type (first declared on line %d)", name, g.Line)
		}
		return nil
	}
	p.h.Funcs = append(p.h.Funcs, f)
	return nil
}

func paramTypes(params []Param) []*Type {
	ts := make([]*Type, len(params))
	for i, p := range params {
		ts[i] = p.Type
	}
	return ts
}

// specifiers parses declaration specifiers into the base type.
func (p *parser) specifiers() (*Type, specs, error) {
	var sp specs
	base := &Type{Kind: Named}
	var words []string
	start := p.peek()
loop:
	for !p.eof() {
		t := p.peek()
		if t.kind != tokIdent {
			break
		}
		switch t.text {
		case "typedef":
			sp.typedef = true
		case "static":
			sp.static = true
		case "_Noreturn":
			sp.noreturn = true
		case "extern":
			sp.extern = true
		case "register", "auto", "inline", "__inline", "__inline__":
		case "const":
			base.Const = true
		case "volatile":
			base.Volatile = true
		case "restrict", "__restrict", "__restrict__":
			base.Restrict = true
		case "__attribute__", "__extension__":
			p.skipAttributes()
			continue
		case "_Atomic", "_Alignas", "_Thread_local", "_Static_assert", "typeof", "__typeof__":
			return nil, sp, p.errorf(t, "%s is not supported", t.text)
		case "struct", "union", "enum":
			if len(words) > 0 || base.Spec != "" {
				return nil, sp, p.errorf(t, "unexpected %s after a type", t.text)
			}
			if err := p.tagSpecifier(base); err != nil {
				return nil, sp, err
			}
			continue
		default:
			switch {
			case typeKeywords[t.text]:
				if base.Spec != "" {
					return nil, sp, p.errorf(t, "unexpected %s after type %s", t.text, base.Spec)
				}
				words = append(words, t.text)
			case len(words) == 0 && base.Spec == "":
				base.Spec = t.text // a typedef name
			default:
				break loop // the declarator's name
			}
		}
		p.next()
	}
	if len(words) > 0 {
		base.Spec = strings.Join(words, " ")
	}
	if base.Spec == "" {
		if p.peek().text == "..." {
			return nil, sp, p.errorf(p.peek(), "a variadic function needs a fixed parameter to be mocked")
		}
		return nil, sp, p.errorf(start, "expected a type, found %q (implicit int and K&R declarations are not supported)", start.text)
	}
	return base, sp, nil
}

// tagSpecifier parses `struct name`, `struct name { ... }` or `struct { ... }`
// (and the same for union and enum) into base.Spec.
func (p *parser) tagSpecifier(base *Type) error {
	kw := p.next().text
	p.skipAttributes()
	base.Spec = kw
	if p.peek().kind == tokIdent {
		base.Spec = kw + " " + p.next().text
	}
	if p.peek().text != "{" {
		if base.Spec == kw {
			return p.errorf(p.peek(), "expected a name or a body after %s", kw)
		}
		return nil
	}
	if base.Spec == kw {
		// Anonymous: only a typedef can name it, and Decl never spells it.
		// The position keeps two anonymous types apart.
		base.Spec = fmt.Sprintf("%s {...%d}", kw, p.pos)
	}
	p.h.complete[base.Spec] = true
	if kw == "struct" {
		start := p.pos
		if fields, ok := p.fields(); ok {
			p.h.fields[base.Spec] = fields
			return nil
		}
		p.pos = start // members cmock cannot read: the struct stays opaque inside
	}
	return p.skipBalanced("{", "}")
}

// fields parses a struct body; false if some member is beyond this parser
// (an anonymous member, say), in which case the caller skips the body.
func (p *parser) fields() ([]Field, bool) {
	if !p.accept("{") {
		return nil, false
	}
	var fs []Field
	for !p.accept("}") {
		base, _, err := p.specifiers()
		if err != nil {
			return nil, false
		}
		for {
			name, typ, err := p.declarator(base)
			if err != nil || name == "" {
				return nil, false
			}
			f := Field{Name: name, Type: typ}
			if p.accept(":") {
				f.BitField = true
				for !p.eof() && p.peek().text != "," && p.peek().text != ";" {
					p.next()
				}
			}
			fs = append(fs, f)
			if !p.accept(",") {
				break
			}
		}
		if !p.accept(";") {
			return nil, false
		}
	}
	return fs, true
}

// skipDeclaration moves past the declaration that starts at token start:
// to its `;`, or past a body `{ ... }` that no `;` follows, whichever comes
// first outside parentheses, brackets and braces. It stops before a `}`
// that closes an enclosing block (`extern "C" {`).
func (p *parser) skipDeclaration(start int) {
	p.pos = start
	for depth := 0; !p.eof(); {
		t := p.next()
		if t.kind != tokPunct {
			continue
		}
		switch t.text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
			if depth < 0 {
				p.pos--
				return
			}
			if t.text == "}" && depth == 0 && p.peek().text != ";" {
				return
			}
		case ";":
			if depth == 0 {
				return
			}
		}
	}
}

// skipBalanced skips from an opening token to its matching closing token.
func (p *parser) skipBalanced(open, close string) error {
	first := p.peek()
	if err := p.expect(open); err != nil {
		return err
	}
	for depth := 1; depth > 0; {
		if p.eof() {
			return p.errorf(first, "%q is never closed", open)
		}
		switch t := p.next(); {
		case t.kind == tokPunct && t.text == open:
			depth++
		case t.kind == tokPunct && t.text == close:
			depth--
		}
	}
	return nil
}

// skipAttributes skips GNU `__attribute__((...))` and `__asm__("name")`.
func (p *parser) skipAttributes() {
	for {
		switch p.peek().text {
		case "__extension__":
			p.next()
		case "__attribute__", "__asm__", "__asm":
			p.next()
			if p.peek().text == "(" {
				from := p.pos
				_ = p.skipBalanced("(", ")") // an unclosed one fails at the next expect
				for _, t := range p.toks[from:p.pos] {
					if t.text == "noreturn" || t.text == "__noreturn__" {
						p.noreturnAttr = true
					}
				}
			}
		default:
			return
		}
	}
}

// declarator parses a (possibly abstract) declarator around base and returns
// the declared name ("" if abstract) and its full type.
func (p *parser) declarator(base *Type) (string, *Type, error) {
	for p.accept("*") {
		ptr := &Type{Kind: Pointer, Elem: base}
		for quals := true; quals; {
			switch p.peek().text {
			case "const":
				ptr.Const = true
			case "volatile":
				ptr.Volatile = true
			case "restrict", "__restrict", "__restrict__":
				ptr.Restrict = true
			default:
				quals = false
				continue
			}
			p.next()
		}
		p.skipAttributes()
		base = ptr
	}
	var name string
	var inner []token // a parenthesised declarator, parsed once its suffixes are known
	switch t := p.peek(); {
	case t.text == "(" && p.nestedDeclaratorAhead():
		open := p.pos
		if err := p.skipBalanced("(", ")"); err != nil {
			return "", nil, err
		}
		inner = p.toks[open+1 : p.pos-1]
	case t.kind == tokIdent && !typeKeywords[t.text]:
		name = p.next().text
	}
	var suffixes []func(*Type) *Type
	for {
		switch t := p.peek(); {
		case t.text == "[":
			n, err := p.arrayLen()
			if err != nil {
				return "", nil, err
			}
			suffixes = append(suffixes, func(elem *Type) *Type { return &Type{Kind: Array, Elem: elem, Len: n} })
			continue
		case t.text == "(":
			params, variadic, err := p.params()
			if err != nil {
				return "", nil, err
			}
			suffixes = append(suffixes, func(ret *Type) *Type {
				return &Type{Kind: Func, Ret: ret, Params: params, Variadic: variadic}
			})
			continue
		}
		break
	}
	for i := len(suffixes) - 1; i >= 0; i-- {
		base = suffixes[i](base)
	}
	if inner == nil {
		return name, base, nil
	}
	sub := &parser{file: p.file, toks: inner, h: p.h}
	name, typ, err := sub.declarator(base)
	if err == nil && !sub.eof() {
		err = sub.errorf(sub.peek(), "unexpected %q in declarator", sub.peek().text)
	}
	return name, typ, err
}

// nestedDeclaratorAhead reports whether the "(" at the cursor opens a nested
// declarator, as in `(*fp)(int)`, rather than a parameter list.
func (p *parser) nestedDeclaratorAhead() bool {
	t := p.peekN(1)
	if t.text == "*" || t.text == "(" {
		return true
	}
	_, isTypedef := p.h.typedefs[t.text]
	return t.kind == tokIdent && !typeKeywords[t.text] && !isTypedef &&
		!strings.Contains(" const volatile struct union enum ", " "+t.text+" ")
}

// arrayLen parses `[expr]` and returns expr as text; C11's `static` and
// qualifiers in parameter arrays are dropped (the length still applies).
func (p *parser) arrayLen() (string, error) {
	open := p.pos
	if err := p.skipBalanced("[", "]"); err != nil {
		return "", err
	}
	var b strings.Builder
	prevWord := false
	for _, t := range p.toks[open+1 : p.pos-1] {
		switch t.text {
		case "static", "const", "volatile", "restrict":
			continue
		}
		word := t.kind == tokIdent || t.kind == tokNumber
		if word && prevWord {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
		prevWord = word
	}
	return b.String(), nil
}

// params parses a prototype's parameter list, adjusting array and function
// parameters to pointers as C does, and reports whether `...` ends it.
func (p *parser) params() (params []Param, variadic bool, err error) {
	open := p.next()
	if p.accept(")") {
		// Most such headers mean (void); a K&R definition that takes
		// arguments fails elsewhere.
		p.h.Warnings = append(p.h.Warnings, p.errorf(open, "empty parameter list `()` declares no prototype (K&R style); mocked as `(void)`"))
		return nil, false, nil
	}
	if p.peek().text == "void" && p.peekN(1).text == ")" {
		p.pos += 2
		return nil, false, nil
	}
	for {
		if t := p.peek(); t.text == "..." {
			if len(params) == 0 {
				return nil, false, p.errorf(t, "a variadic function needs a fixed parameter to be mocked")
			}
			p.next()
			return params, true, p.expect(")")
		}
		base, sp, err := p.specifiers()
		if err != nil {
			return nil, false, err
		}
		if sp.typedef || sp.static || sp.noreturn {
			return nil, false, p.errorf(p.peek(), "storage class in a parameter list")
		}
		name, typ, err := p.declarator(base)
		if err != nil {
			return nil, false, err
		}
		p.skipAttributes()
		if t := p.peek(); t.text == ":" {
			return nil, false, p.errorf(t, "bit-field in a parameter list")
		}
		if name == "" {
			name = fmt.Sprintf("cmock_arg%d", len(params)+1)
		}
		params = append(params, p.adjustParam(name, typ))
		if p.accept(")") {
			return params, false, nil
		}
		if err := p.expect(","); err != nil {
			return nil, false, err
		}
	}
}

// adjustParam applies C's parameter adjustments: an array parameter is a
// pointer to its element, a function parameter a pointer to the function.
func (p *parser) adjustParam(name string, typ *Type) Param {
	switch r := p.h.Resolve(typ); r.Kind {
	case Array:
		elem := r.Elem
		if typ.Kind == Named && typ.Const && elem.Kind == Named {
			// `const vec3 v` with `typedef int vec3[3]`: the elements are const.
			c := *elem
			c.Const = true
			elem = &c
		}
		return Param{Name: name, Type: &Type{Kind: Pointer, Elem: elem}, ArrayLen: r.Len, Declared: typ}
	case Func:
		return Param{Name: name, Type: &Type{Kind: Pointer, Elem: typ}, Declared: typ}
	}
	return Param{Name: name, Type: typ, Declared: typ}
}
