package gen

import (
	"example.com/starter/tools/cmock/cheader"
)

// check is how a mock compares an argument with its expectation.
type check int

const (
	checkValue  check = iota // the argument's bytes
	checkString              // a `const char *`: the strings
	checkData                // an object pointer: depth elements behind it
	checkFloat               // a floating-point value, by value
)

// param is a parameter together with everything the generator decides
// about it from its type.
type param struct {
	cheader.Param
	check check
	// kind is the ctest_kind that prints the value (checkValue) or one
	// element (checkData).
	kind string
	// elemSize is the C expression for one element's size (checkData).
	elemSize string
	// depth is the C expression for the number of elements f_Expect compares
	// (checkData): the declared array length, 1, or 0 (compare addresses).
	depth string
	// thru says whether the mock can write through the pointer
	// (f_ReturnThruPtr_<param>): it points to non-const data.
	thru bool
	// norm is the C function that normalizes the value (checkValue) or one
	// element (checkData) before comparison, or "NULL"; see normalizers.
	norm string
}

var kinds = map[cheader.Class]string{
	cheader.ClassSigned:   "CTEST_SIGNED",
	cheader.ClassUnsigned: "CTEST_UNSIGNED",
	cheader.ClassFloat:    "CTEST_FLOAT",
	cheader.ClassPointer:  "CTEST_POINTER",
	cheader.ClassBytes:    "CTEST_BYTES",
	cheader.ClassVoid:     "CTEST_BYTES",
	// By value, a struct that is incomplete in this header is complete in
	// one it includes: its bytes.
	cheader.ClassOpaque: "CTEST_BYTES",
}

func analyze(h *cheader.Header, n *normalizers, p cheader.Param) param {
	a := param{Param: p, check: checkValue, kind: kinds[h.Classify(p.Type)], norm: n.of(p.Type)}
	if h.Classify(p.Type) == cheader.ClassFloat {
		a.check = checkFloat
	}
	if p.Type.Kind != cheader.Pointer {
		return a
	}
	elem := p.Type.Elem
	switch h.Classify(elem) {
	case cheader.ClassFunc:
		return a // a function pointer is a value
	case cheader.ClassOpaque:
		// An incomplete type has no size: compare the address, but the
		// function may still fill in memory it points to.
		a.thru = !elem.Const
		return a
	case cheader.ClassVoid:
		// f_ExpectWithArray compares depth bytes; f_Expect the address.
		a.check, a.kind, a.elemSize, a.depth = checkData, "CTEST_BYTES", "1", "0"
		a.norm = "NULL"
		a.thru = !elem.Const
		return a
	}
	if elem.Kind == cheader.Named && elem.Spec == "char" && elem.Const {
		a.check = checkString
		return a
	}
	a.check, a.kind, a.elemSize, a.depth = checkData, kinds[h.Classify(elem)], "sizeof *"+p.Name, "1"
	a.norm = n.of(elem)
	switch {
	case elem.Volatile:
		// A pointer to volatile is typically a device register at a fixed
		// address that the test machine does not map: reading through it
		// would crash the test. f_Expect compares the address;
		// f_ExpectWithArray reads only as deep as the test asks.
		a.depth = "0"
	case p.ArrayLen != "":
		a.depth = "(" + p.ArrayLen + ")"
	}
	a.thru = !elem.Const
	return a
}

// hasDepth reports whether any parameter takes a depth in f_ExpectWithArray.
func hasDepth(params []param) bool {
	for _, p := range params {
		if p.check == checkData {
			return true
		}
	}
	return false
}
