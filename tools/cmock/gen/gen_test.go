package gen

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/starter/tools/cmock/cheader"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// strict lists the corpus headers mocked with strict ordering; BUILD.bazel
// mocks them the same way.
var strict = map[string]bool{"pointers.h": true}

// TestGolden generates the mock of every testdata header and compares it
// with testdata/golden. Run `go test ./tools/cmock/gen -update` after a
// deliberate change, and review the diff.
func TestGolden(t *testing.T) {
	headers, err := filepath.Glob("testdata/*.h")
	if err != nil || len(headers) == 0 {
		t.Fatalf("no corpus headers: %v", err)
	}
	for _, path := range headers {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			h, err := cheader.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Generate(h, Options{Include: "tools/cmock/gen/testdata/" + name, StrictOrder: strict[name]})
			if err != nil {
				t.Fatal(err)
			}
			for ext, got := range map[string][]byte{".h": m.Header, ".c": m.Source} {
				golden := filepath.Join("testdata", "golden", m.Name+ext)
				if *update {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from the generated mock; run `go test ./tools/cmock/gen -update` and review the diff", golden)
				}
			}
		})
	}
}

func TestGenerateAPI(t *testing.T) {
	h, err := cheader.Parse("api.h", `
		int get(int *out, const char *key);
		void reset(void);
	`)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Generate(h, Options{Include: "api.h"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "Mockapi" {
		t.Errorf("Name = %q, want Mockapi", m.Name)
	}
	for _, want := range []string{
		"#define get_ExpectAndReturn(out, key, cmock_retval)",
		"#define get_ExpectAnyArgsAndReturn(cmock_retval)",
		"#define get_ExpectWithArrayAndReturn(out, out_Depth, key, cmock_retval)",
		"void get_IgnoreAndReturn(int cmock_retval);",
		"void get_StopIgnore(void);",
		"#define get_IgnoreArg_key()",
		"#define get_ReturnThruPtr_out(cmock_src)",
		"#define get_ReturnArrayThruPtr_out(cmock_src, cmock_len)",
		"#define get_ReturnMemThruPtr_out(cmock_src, cmock_size)",
		"typedef int (*CMOCK_get_CALLBACK)(int *out, const char *key, int cmock_num_calls);",
		"void get_AddCallback(CMOCK_get_CALLBACK cmock_callback);",
		"void get_Stub(CMOCK_get_CALLBACK cmock_callback);",
		"int get_CallCount(void);",
		"#define reset_Expect()",
		"void reset_Ignore(void);",
		"void Mockapi_Init(void);",
		"void Mockapi_Verify(void);",
		"void Mockapi_Destroy(void);",
	} {
		if !strings.Contains(string(m.Header), want) {
			t.Errorf("Mockapi.h lacks %q", want)
		}
	}
	for _, absent := range []string{"get_ReturnThruPtr_key", "reset_ExpectAnyArgs", "reset_ExpectWithArray"} {
		if strings.Contains(string(m.Header), absent) {
			t.Errorf("Mockapi.h has %q", absent)
		}
	}
}

func TestGenerateNoFunctions(t *testing.T) {
	h, err := cheader.Parse("empty.h", "typedef int x;")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(h, Options{}); err == nil || !strings.Contains(err.Error(), "empty.h: declares no functions") {
		t.Errorf("err = %v, want 'declares no functions'", err)
	}
}

func TestGenerateFault(t *testing.T) {
	h, err := cheader.Parse("seam.h", `
		struct pair { int a, b; };
		typedef int status;
		status seam_open(const char *path, int *fd);
		double seam_ratio(void);
		void seam_close(int fd);
		int seam_printf(const char *fmt, ...);
		struct pair seam_pair(void);
	`)
	if err != nil {
		t.Fatal(err)
	}
	f, err := GenerateFault(h, Options{Include: "seam.h"})
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "Faultseam" {
		t.Errorf("Name = %q, want Faultseam", f.Name)
	}
	rename, src := string(f.Rename), string(f.Source)
	for _, want := range []string{"#define seam_open cmock_real_seam_open", "#define seam_ratio cmock_real_seam_ratio"} {
		if !strings.Contains(rename, want) {
			t.Errorf("rename header lacks %q", want)
		}
	}
	for _, unwrapped := range []string{"seam_close", "seam_printf", "seam_pair"} {
		if strings.Contains(rename, unwrapped) {
			t.Errorf("rename header renames %s, which has no wrapper", unwrapped)
		}
	}
	for _, want := range []string{
		"status cmock_real_seam_open(const char *path, int *fd);",
		"return cmock_real_seam_open(path, fd);",
		`{.name = "seam_ratio", .ret_size = sizeof(long long)}`,
		"return (double)cmock_value;",
		"/* seam_close returns void",
		"/* seam_printf is variadic",
		"/* seam_pair returns a struct or union",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("Faultseam.c lacks %q", want)
		}
	}
}

func TestGenerateFaultNothingToWrap(t *testing.T) {
	h, err := cheader.Parse("void.h", "void f(void);")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := GenerateFault(h, Options{}); err == nil || !strings.Contains(err.Error(), "no function that can fail") {
		t.Errorf("err = %v, want 'no function that can fail'", err)
	}
}
