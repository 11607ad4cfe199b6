package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunWritesMock(t *testing.T) {
	dir := t.TempDir()
	h, c := filepath.Join(dir, "Mockok.h"), filepath.Join(dir, "Mockok.c")
	if err := run("testdata/ok.h", options{include: "ok.h", outH: h, outC: c, strict: true}, io.Discard); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(h)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), `#include "ok.h"`) {
		t.Errorf("Mockok.h does not include the header as asked")
	}
	if _, err := os.Stat(c); err != nil {
		t.Error(err)
	}
}

// TestRunRejectsUnsupported: with -strict, an unsupported declaration is an
// error with file and line (main turns it into exit status 1) and leaves no
// output behind.
func TestRunRejectsUnsupported(t *testing.T) {
	dir := t.TempDir()
	h, c := filepath.Join(dir, "Mockunsupported.h"), filepath.Join(dir, "Mockunsupported.c")
	err := run("testdata/unsupported.h", options{outH: h, outC: c, strict: true}, io.Discard)
	if err == nil || !strings.HasPrefix(err.Error(), "testdata/unsupported.h:4: bit-field in a parameter list") {
		t.Fatalf("err = %v, want testdata/unsupported.h:4: bit-field in a parameter list", err)
	}
	for _, out := range []string{h, c} {
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s exists after a failed run", out)
		}
	}
}

// TestRunWarnsAndMocksTheRest: by default an unsupported declaration is a
// warning with file and line, and the mock holds every other function.
func TestRunWarnsAndMocksTheRest(t *testing.T) {
	dir := t.TempDir()
	h, c := filepath.Join(dir, "Mockunsupported.h"), filepath.Join(dir, "Mockunsupported.c")
	var warnings strings.Builder
	if err := run("testdata/unsupported.h", options{outH: h, outC: c}, &warnings); err != nil {
		t.Fatal(err)
	}
	want := "testdata/unsupported.h:4: bit-field in a parameter list"
	if !strings.HasPrefix(warnings.String(), want) || !strings.Contains(warnings.String(), "(warning: not mocked)") {
		t.Errorf("warnings = %q, want %q ... (warning: not mocked)", warnings.String(), want)
	}
	src, err := os.ReadFile(c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "void log_level(int level)") || strings.Contains(string(src), "log_mode(") {
		t.Errorf("the mock must hold log_level and not log_mode:\n%s", src)
	}
}
