package cheader

// The header model: what Parse returns, apart from the types (types.go).

// Function is a prototype to mock.
type Function struct {
	Name   string
	Ret    *Type
	Params []Param
	// Variadic: Params are the fixed parameters, and `...` follows them.
	Variadic bool
	Line     int
}

// Type returns f's function type.
func (f Function) Type() *Type {
	return &Type{Kind: Func, Ret: f.Ret, Params: f.Params, Variadic: f.Variadic}
}

// Header is what a parsed header declares.
type Header struct {
	Path  string
	Funcs []Function
	// Skipped holds one "file:line: reason" error for every declaration
	// that cmock cannot mock faithfully. Parsing goes on after each, so
	// that a caller can report all of them at once and mock the rest.
	Skipped []error
	// Warnings holds "file:line: reason" for what is mocked but not quite
	// as written (a `()` parameter list, mocked as `(void)`).
	Warnings []error
	// typedefs maps typedef names to their types.
	typedefs map[string]*Type
	// complete holds the struct and union tags ("struct s") defined with a
	// body, whose size a mock may take.
	complete map[string]bool
	// fields holds the members of the structs in complete, where cmock
	// could read them.
	fields map[string][]Field
}

// Field is a member of a struct.
type Field struct {
	Name     string
	Type     *Type
	BitField bool
}

// Fields returns the members of the struct type t resolves to, or nil if t
// is no struct defined in the header or its members are beyond cmock.
func (h *Header) Fields(t *Type) []Field {
	r := h.Resolve(t)
	if r.Kind != Named {
		return nil
	}
	return h.fields[r.Spec]
}
