// Package gen writes CMock-style mocks (Mock<header>.h and Mock<header>.c)
// and fault seams (Fault<header>.c, see GenerateFault) for the functions of
// a parsed C header.
//
// For each function f the mock offers CMock's API: f_Expect[AndReturn],
// f_ExpectAnyArgs[AndReturn], f_ExpectWithArray[AndReturn],
// f_Ignore[AndReturn], f_StopIgnore, f_IgnoreArg_<param>,
// f_Return{,Array,Mem}ThruPtr_<param>, f_AddCallback, f_Stub and
// f_CallCount; and per module Mock<header>_Init, _Verify and _Destroy. The
// calls that set expectations are macros, so that a failure names the line
// of the test that set the broken expectation. The generated code leans on
// tools/cmock/runtime for everything that is the same in every mock.
package gen

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"example.com/starter/tools/cmock/cheader"
)

// Options says how to generate a mock.
type Options struct {
	// Include is how the mock includes the mocked header, e.g.
	// "clib/simd/simd.h".
	Include string
	// StrictOrder makes calls match expectations in the order they were
	// set across all functions of all strict mocks, not only per function.
	StrictOrder bool
	// FloatTolerance is the relative tolerance of float, double and long
	// double parameter compares (0: exact), as Unity's
	// UNITY_FLOAT_PRECISION.
	FloatTolerance float64
}

// Mock is a generated mock module.
type Mock struct {
	Name   string // e.g. "Mocksimd": the file stem and the prefix of _Init etc.
	Header []byte // Mock<name>.h
	Source []byte // Mock<name>.c
}

// Generate writes the mock of h.
func Generate(h *cheader.Header, opts Options) (*Mock, error) {
	if len(h.Funcs) == 0 {
		return nil, fmt.Errorf("%s: declares no functions to mock", h.Path)
	}
	stem := strings.TrimSuffix(filepath.Base(h.Path), filepath.Ext(h.Path))
	g := &generator{
		h:      h,
		opts:   opts,
		module: "Mock" + regexp.MustCompile(`\W`).ReplaceAllString(stem, "_"),
		norms:  normalizers{h: h, names: map[string]string{}},
	}
	for _, f := range h.Funcs {
		fn := function{Function: f}
		for _, p := range f.Params {
			fn.params = append(fn.params, analyze(h, &g.norms, p))
		}
		g.funcs = append(g.funcs, fn)
	}
	g.header()
	g.source()
	return &Mock{Name: g.module, Header: g.hdr.Bytes(), Source: g.src.Bytes()}, nil
}

// function is a function to mock with its analysed parameters.
type function struct {
	cheader.Function
	params []param
}

func (f *function) returns() bool { return !f.Ret.IsVoid() }

// andReturn is the suffix CMock gives expectation calls of non-void functions.
func (f *function) andReturn() string {
	if f.returns() {
		return "AndReturn"
	}
	return ""
}

// prototype spells f as the header declares it.
func (f *function) prototype() string { return f.prototypeNamed(f.Name) }

// definition spells the head of the mock's definition of f. The name is
// parenthesized so that a function-like macro of the same name (zlib.h's
// gzgetc, say, which is both) does not expand in it.
func (f *function) definition() string { return f.prototypeNamed("(" + f.Name + ")") }

// prototypeNamed spells f as the header declares it, but named name.
func (f *function) prototypeNamed(name string) string {
	params := append([]cheader.Param(nil), f.Params...)
	for i := range params {
		params[i].Type = params[i].Declared
	}
	return (&cheader.Type{Kind: cheader.Func, Ret: f.Ret, Params: params, Variadic: f.Variadic}).Decl(name)
}

// argNames is the parameter names, in order.
func (f *function) argNames() []string {
	names := make([]string, len(f.params))
	for i, p := range f.params {
		names[i] = p.Name
	}
	return names
}

type generator struct {
	h        *cheader.Header
	opts     Options
	module   string
	funcs    []function
	norms    normalizers
	hdr, src bytes.Buffer
}

// includeLine spells what follows #include for include: as it is if it is
// a <system> header, else quoted.
func includeLine(include string) string {
	if strings.HasPrefix(include, "<") && strings.HasSuffix(include, ">") {
		return include
	}
	return strconv.Quote(include)
}

// floatTolerance spells the tolerance as a long double literal.
func (g *generator) floatTolerance() string {
	return strconv.FormatFloat(g.opts.FloatTolerance, 'g', -1, 64) + "L"
}

func line(b *bytes.Buffer, format string, args ...any) {
	fmt.Fprintf(b, format, args...)
	b.WriteByte('\n')
}

// api declares, in the mock header, a macro that passes the test's file and
// line to the implementing function, and that function's prototype.
func (g *generator) api(macro string, macroArgs []string, impl string, implParams []string) {
	call := append([]string{"__FILE__", "__LINE__"}, macroArgs...)
	line(&g.hdr, "#define %s(%s) %s(%s)", macro, strings.Join(macroArgs, ", "), impl, strings.Join(call, ", "))
	params := append([]string{"const char *cmock_file", "int cmock_line"}, implParams...)
	line(&g.hdr, "void %s(%s);", impl, strings.Join(params, ", "))
}

func (g *generator) header() {
	guard := strings.ToUpper(g.module) + "_H_"
	line(&g.hdr, "/* %s.h: generated by tools/cmock from %s. Do not edit. */", g.module, g.h.Path)
	line(&g.hdr, "#ifndef %s\n#define %s\n", guard, guard)
	line(&g.hdr, "#include <stddef.h>\n")
	line(&g.hdr, "#include %s\n", includeLine(g.opts.Include))
	line(&g.hdr, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n")
	line(&g.hdr, "/* Init clears all state, Verify fails the test if an expected call was")
	line(&g.hdr, " * not made, Destroy frees all expectations. The ctest runner calls them. */")
	for _, fn := range []string{"Init", "Verify", "Destroy"} {
		line(&g.hdr, "void %s_%s(void);", g.module, fn)
	}
	for i := range g.funcs {
		g.functionAPI(&g.funcs[i])
	}
	line(&g.hdr, "\n#ifdef __cplusplus\n}\n#endif\n")
	line(&g.hdr, "#endif /* %s */", guard)
}

func (g *generator) functionAPI(f *function) {
	name, ar := f.Name, f.andReturn()
	line(&g.hdr, "\n/* %s */", f.prototype())
	var ret []string
	var retParam []string
	if f.returns() {
		ret = []string{"cmock_retval"}
		retParam = []string{f.Ret.Unqualified().Decl("cmock_retval")}
	}
	args := f.argNames()
	g.api(name+"_Expect"+ar, append(args, ret...), name+"_CMockExpect"+ar, append(g.paramDecls(f, false), retParam...))
	if len(f.params) > 0 {
		g.api(name+"_ExpectAnyArgs"+ar, ret, name+"_CMockExpectAnyArgs"+ar, retParam)
	}
	if hasDepth(f.params) {
		var withDepth []string
		for _, p := range f.params {
			withDepth = append(withDepth, p.Name)
			if p.check == checkData {
				withDepth = append(withDepth, p.Name+"_Depth")
			}
		}
		g.api(name+"_ExpectWithArray"+ar, append(withDepth, ret...), name+"_CMockExpectWithArray"+ar,
			append(g.paramDecls(f, true), retParam...))
	}
	if f.returns() {
		line(&g.hdr, "void %s_IgnoreAndReturn(%s);", name, retParam[0])
	} else {
		line(&g.hdr, "void %s_Ignore(void);", name)
	}
	line(&g.hdr, "void %s_StopIgnore(void);", name)
	for _, p := range f.params {
		g.api(name+"_IgnoreArg_"+p.Name, nil, name+"_CMockIgnoreArg_"+p.Name, nil)
	}
	for _, p := range f.params {
		if !p.thru {
			continue
		}
		impl := name + "_CMockReturnMemThruPtr_" + p.Name
		line(&g.hdr, "#define %s_ReturnThruPtr_%s(cmock_src) %s(__FILE__, __LINE__, (cmock_src), sizeof *(cmock_src))",
			name, p.Name, impl)
		line(&g.hdr, "#define %s_ReturnArrayThruPtr_%s(cmock_src, cmock_len) \\\n"+
			"  %s(__FILE__, __LINE__, (cmock_src), (cmock_len) * sizeof *(cmock_src))", name, p.Name, impl)
		g.api(name+"_ReturnMemThruPtr_"+p.Name, []string{"cmock_src", "cmock_size"}, impl,
			[]string{"const void *cmock_src", "size_t cmock_size"})
	}
	cbParams := append(append([]cheader.Param(nil), paramsOf(f)...),
		cheader.Param{Name: "cmock_num_calls", Type: &cheader.Type{Kind: cheader.Named, Spec: "int"}})
	cb := &cheader.Type{Kind: cheader.Pointer, Elem: &cheader.Type{Kind: cheader.Func, Ret: f.Ret, Params: cbParams}}
	line(&g.hdr, "typedef %s;", cb.Decl(callbackType(f)))
	line(&g.hdr, "void %s_AddCallback(%s cmock_callback);", name, callbackType(f))
	line(&g.hdr, "void %s_Stub(%s cmock_callback);", name, callbackType(f))
	line(&g.hdr, "/* CMock's older name for %s_Stub. */", name)
	line(&g.hdr, "#define %s_StubWithCallback %s_Stub", name, name)
	line(&g.hdr, "int %s_CallCount(void);", name)
}

func paramsOf(f *function) []cheader.Param {
	ps := make([]cheader.Param, len(f.params))
	for i, p := range f.params {
		ps[i] = p.Param
	}
	return ps
}

func callbackType(f *function) string { return "CMOCK_" + f.Name + "_CALLBACK" }

// paramDecls declares f's parameters with their storable (unqualified)
// types, followed by a depth after each pointer if withDepth.
func (g *generator) paramDecls(f *function, withDepth bool) []string {
	var decls []string
	for _, p := range f.params {
		decls = append(decls, p.Type.Unqualified().Decl(p.Name))
		if withDepth && p.check == checkData {
			decls = append(decls, "size_t "+p.Name+"_Depth")
		}
	}
	return decls
}
