package gen

import (
	"fmt"
	"strings"

	"example.com/starter/tools/cmock/cheader"
)

// normalizers writes, for each struct the mock compares, a function that
// copies a value member by member into zeroed memory. Comparing the copies
// byte by byte then ignores padding, whose bytes C leaves unspecified: a
// plain memcmp of two equal structs could fail.
type normalizers struct {
	h     *cheader.Header
	names map[string]string // resolved struct spec -> function name
	code  []string          // the functions, callees first
}

// of returns the normalizer of values of type t, or "NULL" if its bytes can
// be compared as they are (no struct of this header, or one cmock cannot read
// or spell: those are compared with their padding, see README).
func (n *normalizers) of(t *cheader.Type) string {
	fields := n.h.Fields(t)
	spelling := t.Unqualified().Decl("")
	if fields == nil || t.Kind != cheader.Named || strings.Contains(spelling, "{") {
		return "NULL"
	}
	key := n.h.Resolve(t).Spec
	if name, ok := n.names[key]; ok {
		return name
	}
	name := fmt.Sprintf("cmock_normalize_%d", len(n.names)+1)
	n.names[key] = name
	var b strings.Builder
	fmt.Fprintf(&b, "\n/* %s copies a %s member by member over zeroes. */\n", name, spelling)
	fmt.Fprintf(&b, "static void %s(void *cmock_dst, const void *cmock_src) {\n", name)
	fmt.Fprintf(&b, "  %s = cmock_dst;\n", t.Unqualified().Decl("*d"))
	fmt.Fprintf(&b, "  const %s = cmock_src;\n", t.Unqualified().Decl("*s"))
	b.WriteString("  memset(d, 0, sizeof *d);\n")
	for _, f := range fields {
		b.WriteString("  " + n.member(f) + "\n")
	}
	b.WriteString("}\n")
	n.code = append(n.code, b.String())
	return name
}

// member copies one member from s to d.
func (n *normalizers) member(f cheader.Field) string {
	t, m := f.Type, f.Name
	switch {
	case f.BitField && t.Const:
		return fmt.Sprintf("/* %s: a const bit-field cannot be copied; compared as zero */", m)
	case f.BitField:
		return fmt.Sprintf("d->%s = s->%s;", m, m) // no address to memcpy from
	case t.Kind == cheader.Array && t.Len == "":
		return fmt.Sprintf("/* %s: a flexible array member is not part of the value */", m)
	case t.Kind == cheader.Array:
		if norm := n.of(t.Elem); norm != "NULL" && t.Elem.Kind != cheader.Array {
			return fmt.Sprintf("for (size_t i = 0; i < sizeof d->%s / sizeof d->%s[0]; i++) %s(&d->%s[i], &s->%s[i]);",
				m, m, norm, m, m)
		}
	case t.Kind == cheader.Named:
		if norm := n.of(t); norm != "NULL" {
			return fmt.Sprintf("%s(&d->%s, &s->%s);", norm, m, m)
		}
	}
	// Scalars, pointers, unions and types from other headers: their bytes.
	// The casts drop the member's own const or volatile (a register
	// block's), which the copy into scratch memory does not need.
	return fmt.Sprintf("memcpy((void *)&d->%s, (const void *)&s->%s, sizeof d->%s);", m, m, m)
}
