package cheader

import "strings"

// Kind is the outermost constructor of a Type.
type Kind int

// The kinds of C type.
const (
	Named   Kind = iota // a base type: keyword list, tag (`struct s`) or typedef name
	Pointer             // pointer to Elem
	Array               // array of Elem with length Len
	Func                // function returning Ret and taking Params
)

// Type is a C type as a tree of declarator parts, so that it can be spelled
// back with any name (C puts the name in the middle of the type).
type Type struct {
	Kind Kind
	// Spec is the type of a Named type without qualifiers, e.g. "unsigned int",
	// "struct point" or "color_t".
	Spec string
	// Qualifiers of this level: on the base type for Named, on the pointer
	// itself for Pointer.
	Const, Volatile, Restrict bool
	Elem                      *Type  // Pointer and Array
	Len                       string // Array length expression; "" if unspecified
	Ret                       *Type  // Func
	Params                    []Param
	Variadic                  bool // Func: the parameter list ends with `...`
}

// Param is one parameter of a function. Name is never empty: unnamed
// parameters are called cmock_argN, as in CMock.
type Param struct {
	Name string
	Type *Type
	// ArrayLen is the declared length of a parameter written as an array
	// (`int v[4]` has Type `int *` and ArrayLen "4"); "" otherwise.
	ArrayLen string
	// Declared is the type as written, before C's adjustment of array and
	// function parameters to pointers. A definition of the function must
	// spell it so (gcc's -Warray-parameter compares the two).
	Declared *Type
}

// Decl spells t as a declaration of name (name may be empty for a type name),
// e.g. Decl(pointer to function returning int, "cb") is "int (*cb)(void)".
func (t *Type) Decl(name string) string {
	switch t.Kind {
	case Pointer:
		inner := "*" + t.quals() + name
		if t.Elem.Kind == Array || t.Elem.Kind == Func {
			inner = "(" + inner + ")"
		}
		return t.Elem.Decl(inner)
	case Array:
		return t.Elem.Decl(name + "[" + t.Len + "]")
	case Func:
		list := ParamList(t.Params)
		if t.Variadic {
			list += ", ..."
		}
		return t.Ret.Decl(name + "(" + list + ")")
	}
	decl := strings.TrimSpace(t.quals() + t.Spec)
	if name == "" {
		return decl
	}
	return decl + " " + name
}

// ParamList spells params for a prototype; no parameters is "void".
func ParamList(params []Param) string {
	if len(params) == 0 {
		return "void"
	}
	parts := make([]string, len(params))
	for i, p := range params {
		parts[i] = p.Type.Decl(p.Name)
	}
	return strings.Join(parts, ", ")
}

func (t *Type) quals() string {
	var b strings.Builder
	if t.Const {
		b.WriteString("const ")
	}
	if t.Volatile {
		b.WriteString("volatile ")
	}
	if t.Restrict {
		b.WriteString("restrict ")
	}
	return b.String()
}

// Unqualified returns t without its top-level qualifiers: the type of a
// variable that can be assigned a value of type t.
func (t *Type) Unqualified() *Type {
	u := *t
	u.Const, u.Volatile, u.Restrict = false, false, false
	return &u
}

// IsVoid reports whether t is plain void (a function returning nothing).
func (t *Type) IsVoid() bool { return t.Kind == Named && t.Spec == "void" }

// Class is how a mock compares and prints a value of some type.
type Class int

// The classes of value, from the point of view of a mock.
const (
	ClassSigned   Class = iota // signed integers, plain char and enums
	ClassUnsigned              // unsigned integers and _Bool
	ClassFloat                 // float, double, long double
	ClassPointer               // an object pointer (compared by address)
	ClassBytes                 // structs, unions, function pointers, unknown typedefs
	ClassVoid                  // void: only as a pointee
	ClassOpaque                // an incomplete struct or union: only as a pointee
	ClassFunc                  // a function type: only as a pointee
)

// stdTypedefs classifies typedef names from the standard headers that
// headers commonly include, so that their values print as numbers.
var stdTypedefs = map[string]Class{
	"bool": ClassUnsigned, "size_t": ClassUnsigned, "uintptr_t": ClassUnsigned,
	"uintmax_t": ClassUnsigned, "uint8_t": ClassUnsigned, "uint16_t": ClassUnsigned,
	"uint32_t": ClassUnsigned, "uint64_t": ClassUnsigned,
	"ssize_t": ClassSigned, "ptrdiff_t": ClassSigned, "intptr_t": ClassSigned,
	"intmax_t": ClassSigned, "int8_t": ClassSigned, "int16_t": ClassSigned,
	"int32_t": ClassSigned, "int64_t": ClassSigned, "wchar_t": ClassSigned,
	"off_t": ClassSigned, "time_t": ClassSigned,
}

// Classify says how a mock handles a value of type t declared in h.
// Unknown typedef names come from other headers: they are compared as bytes,
// which is exact for any complete type without padding.
func (h *Header) Classify(t *Type) Class {
	switch t.Kind {
	case Pointer:
		if h.Resolve(t.Elem).Kind == Func {
			return ClassBytes // a function pointer: no portable way to print it
		}
		return ClassPointer
	case Array:
		return ClassBytes
	case Func:
		return ClassFunc
	}
	words := strings.Fields(t.Spec)
	switch words[0] {
	case "struct", "union":
		if h.complete[t.Spec] {
			return ClassBytes
		}
		return ClassOpaque
	case "enum":
		return ClassSigned
	}
	if def, ok := h.typedefs[t.Spec]; ok {
		return h.Classify(def)
	}
	if c, ok := stdTypedefs[t.Spec]; ok {
		return c
	}
	has := func(w string) bool {
		for _, x := range words {
			if x == w {
				return true
			}
		}
		return false
	}
	switch {
	case has("void"):
		return ClassVoid
	case has("_Complex"):
		return ClassBytes
	case has("float"), has("double"):
		return ClassFloat
	case has("unsigned"), has("_Bool"):
		return ClassUnsigned
	case has("char"), has("short"), has("int"), has("long"), has("signed"):
		return ClassSigned
	}
	return ClassBytes
}

// Resolve follows typedefs declared in h down to a type that is not a typedef
// name declared in h.
func (h *Header) Resolve(t *Type) *Type {
	for t.Kind == Named {
		def, ok := h.typedefs[t.Spec]
		if !ok {
			break
		}
		t = def
	}
	return t
}
