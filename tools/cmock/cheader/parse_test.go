package cheader

import (
	"strings"
	"testing"
)

func TestParsePrototypes(t *testing.T) {
	h, err := Parse("ok.h", `
		#ifndef OK_H
		#define OK_H
		#include <stddef.h>
		#ifdef __cplusplus
		extern "C" {
		#endif
		typedef struct point { int x, y; } point;
		typedef void (*cb_fn)(int);
		typedef int vec3[3];
		struct opaque;
		extern int counter;
		static inline int twice(int x) { return 2 * x; }
		void f0(void);
		const char *f1(const char *s, char *const out, int n);
		int f2(int v[4], const vec3 w, int m[][3]);
		void f3(cb_fn cb, void (*raw)(void), int fn(int));
		int (*f4(int))(double);
		struct point f5(point p, struct opaque *o, union u *x, enum e k);
		void f0(void);
		#ifdef __cplusplus
		}
		#endif
		#endif
	`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"void f0(void)",
		"const char *f1(const char *s, char *const out, int n)",
		"int f2(int *v, const int *w, int (*m)[3])",
		"void f3(cb_fn cb, void (*raw)(void), int (*fn)(int cmock_arg1))",
		"int (*f4(int cmock_arg1))(double cmock_arg1)",
		"struct point f5(point p, struct opaque *o, union u *x, enum e k)",
	}
	if len(h.Funcs) != len(want) {
		t.Fatalf("got %d functions, want %d: %+v", len(h.Funcs), len(want), h.Funcs)
	}
	for i, f := range h.Funcs {
		got := (&Type{Kind: Func, Ret: f.Ret, Params: f.Params}).Decl(f.Name)
		if got != want[i] {
			t.Errorf("function %d = %q, want %q", i, got, want[i])
		}
	}
	if got := h.Funcs[2].Params[0].ArrayLen; got != "4" {
		t.Errorf("ArrayLen of v = %q, want 4", got)
	}
	if got := h.Funcs[2].Params[1].ArrayLen; got != "3" {
		t.Errorf("ArrayLen of w = %q, want 3", got)
	}
	if got := h.Funcs[2].Params[1].Declared.Decl("w"); got != "const vec3 w" {
		t.Errorf("Declared of w = %q", got)
	}
	classes := map[string]Class{
		"point": ClassBytes, "struct opaque": ClassOpaque, "cb_fn": ClassBytes,
		"size_t": ClassUnsigned, "enum e": ClassSigned, "double": ClassFloat,
		"unsigned char": ClassUnsigned, "void": ClassVoid, "other_t": ClassBytes,
	}
	for spec, want := range classes {
		if got := h.Classify(&Type{Kind: Named, Spec: spec}); got != want {
			t.Errorf("Classify(%s) = %v, want %v", spec, got, want)
		}
	}
	if fs := h.Fields(&Type{Kind: Named, Spec: "point"}); len(fs) != 2 || fs[1].Name != "y" {
		t.Errorf("Fields(point) = %+v", fs)
	}
}

// TestUnsupported checks that what cmock cannot mock faithfully is an error
// naming the file and line, never a silently wrong mock.
func TestUnsupported(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"variadic only", "\nint v(...);", "bad.h:2: a variadic function needs a fixed parameter"},
		{"K&R definition", "int f(a, b)\nint a;\nint b;\n{ return a + b; }", "bad.h:2: expected \";\" after the declaration of f (K&R-style"},
		{"implicit int", "\n\nf(void);", "bad.h:3: expected a name"},
		{"bit-field param", "void f(int x : 3);", "bad.h:1: bit-field in a parameter list"},
		{"noreturn", "_Noreturn void die(void);", "bad.h:1: noreturn function die cannot be mocked"},
		{"noreturn attribute", "\n__attribute__((noreturn)) void die(int code);", "bad.h:2: noreturn function die cannot be mocked"},
		{"noreturn attribute after", "void die(int code) __attribute__((__noreturn__, cold));", "bad.h:1: noreturn function die cannot be mocked"},
		{"va_list", "#include <stdarg.h>\nvoid log_v(const char *fmt, va_list ap);", "bad.h:2: log_v takes a va_list"},
		{"static", "static int hidden(void);", "bad.h:1: static function hidden cannot be mocked"},
		{"anonymous struct", "void f(struct { int a; } s);", "bad.h:1: f uses an anonymous struct"},
		{"unknown conditional", "#ifdef FEATURE\nvoid f(void);\n#endif", "bad.h:2: declaration under `#ifdef FEATURE` (line 1)"},
		{"unterminated if", "#if X\n", "bad.h:1: `#if X` has no #endif"},
		{"stray endif", "#endif", "bad.h:1: #endif without #if"},
		{"unterminated comment", "void f(void); /* oops", "bad.h:1: unterminated comment"},
		{"missing semicolon", "void f(void)\nvoid g(void);", "bad.h:2: expected \";\""},
		{"conflict", "void f(void);\nint f(void);", "bad.h:2: f redeclared with a different type (first declared on line 1)"},
		{"atomic", "void f(_Atomic int x);", "bad.h:1: _Atomic is not supported"},
		{"macro call", "DECLARE_API(foo);", "bad.h:1: foo is neither a prototype nor an extern declaration"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A declaration cmock cannot mock is reported in Skipped; one
			// that stops the whole header is the error.
			h, err := Parse("bad.h", tc.src)
			if err == nil && len(h.Skipped) > 0 {
				err = h.Skipped[0]
			}
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error = %v, want prefix %q", err, tc.want)
			}
		})
	}
}

// TestSkipsWhatItCannotMock: every unsupported declaration is reported,
// with its line, and parsing goes on to the declarations after it, also
// past a body and inside extern "C".
func TestSkipsWhatItCannotMock(t *testing.T) {
	h, err := Parse("mixed.h", `#ifdef __cplusplus
extern "C" {
#endif
int log_printf(const char *fmt, ...);
void first(int a);
int old_style();
int knr(a, b) int a; int b; { return a + b; }
void second(void);
void (*bad_array)[3];
void missing_semicolon(void)
#ifdef __cplusplus
}
#endif
`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := funcNames(h), "log_printf first old_style second"; got != want {
		t.Errorf("functions = %q, want %q", got, want)
	}
	var lines []string
	for _, e := range h.Skipped {
		lines = append(lines, strings.SplitN(e.Error(), ":", 3)[1])
	}
	if got, want := strings.Join(lines, " "), "7 9 10"; got != want {
		t.Errorf("skipped at lines %q, want %q: %v", got, want, h.Skipped)
	}
	if len(h.Warnings) != 1 || !strings.HasPrefix(h.Warnings[0].Error(), "mixed.h:6: empty parameter list `()`") {
		t.Errorf("warnings = %v, want one for old_style() at line 6", h.Warnings)
	}
	if got, want := h.Funcs[2].Type().Decl("old_style"), "int old_style(void)"; got != want {
		t.Errorf("old_style is mocked as %q, want %q", got, want)
	}
}

func TestConditionals(t *testing.T) {
	h, err := Parse("cond.h", `
		#if 0
		void never(int);
		#else
		void always(void);
		#endif
		#ifndef LIMIT
		#define LIMIT 4
		#endif
		#ifdef SOMETHING
		#define ONLY_MACROS 1
		#endif
		#if defined(__cplusplus)
		class X;
		#elif 1
		void c_only(void);
		#endif
	`)
	if err != nil {
		t.Fatal(err)
	}
	if got := funcNames(h); got != "always c_only" {
		t.Errorf("functions = %q, want %q", got, "always c_only")
	}
}

// TestVariadic: a variadic function is mocked on its fixed parameters; the
// prototype keeps the `...`, in function pointers too.
func TestVariadic(t *testing.T) {
	h, err := Parse("log.h", "int log_printf(int level, const char *fmt, ...);\nvoid on_log(void (*sink)(const char *, ...));")
	if err != nil || len(h.Skipped) > 0 {
		t.Fatal(err, h.Skipped)
	}
	if got, want := h.Funcs[0].Type().Decl("log_printf"), "int log_printf(int level, const char *fmt, ...)"; got != want {
		t.Errorf("Decl = %q, want %q", got, want)
	}
	if got, want := h.Funcs[1].Type().Decl("on_log"), "void on_log(void (*sink)(const char *cmock_arg1, ...))"; got != want {
		t.Errorf("Decl = %q, want %q", got, want)
	}
}

// funcNames lists the names of h's functions, space-separated.
func funcNames(h *Header) string {
	var names []string
	for _, f := range h.Funcs {
		names = append(names, f.Name)
	}
	return strings.Join(names, " ")
}

func TestParsePreprocessed(t *testing.T) {
	src := `# 1 "s.c"
# 1 "/usr/include/dep.h" 1 3
typedef unsigned int dep_len;
this is not C at all;
int dep_func(int);
# 2 "s.c" 2
# 1 "/usr/include/lib/api.h" 1
# 10 "/usr/include/lib/api.h"
int api_open(const char *path, dep_len n);

int api_vlog(__builtin_va_list ap);
# 3 "s.c" 2
`
	for _, header := range []string{"/usr/include/lib/api.h", "lib/api.h"} {
		h, err := ParsePreprocessed(header, src)
		if err != nil {
			t.Fatal(err)
		}
		if h.Path != "/usr/include/lib/api.h" {
			t.Errorf("%s: Path = %q, want the line markers' spelling", header, h.Path)
		}
		if len(h.Funcs) != 1 || h.Funcs[0].Name != "api_open" || h.Funcs[0].Line != 10 {
			t.Errorf("%s: Funcs = %+v, want api_open on line 10 only (dep_func is the included file's)", header, h.Funcs)
		}
		if h.Classify(h.Funcs[0].Params[1].Type) != ClassUnsigned {
			t.Errorf("%s: dep_len from the included file is not known as unsigned", header)
		}
		if len(h.Skipped) != 1 || !strings.HasPrefix(h.Skipped[0].Error(), "/usr/include/lib/api.h:12: api_vlog takes a va_list") {
			t.Errorf("%s: Skipped = %v, want api_vlog at api.h:12 only (the included file's junk is not reported)", header, h.Skipped)
		}
	}
	if _, err := ParsePreprocessed("other.h", src); err == nil {
		t.Error("a header the input does not include: want an error")
	}
}
