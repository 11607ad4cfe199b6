package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunWritesMock(t *testing.T) {
	dir := t.TempDir()
	h, c := filepath.Join(dir, "Mockok.h"), filepath.Join(dir, "Mockok.c")
	if err := run("testdata/ok.h", "ok.h", h, c, false); err != nil {
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

// TestRunRejectsUnsupported: an unsupported header is an error with file and
// line (main turns it into exit status 1) and leaves no output behind.
func TestRunRejectsUnsupported(t *testing.T) {
	dir := t.TempDir()
	h, c := filepath.Join(dir, "Mockvariadic.h"), filepath.Join(dir, "Mockvariadic.c")
	err := run("testdata/variadic.h", "", h, c, false)
	if err == nil || !strings.HasPrefix(err.Error(), "testdata/variadic.h:4: variadic functions cannot be mocked") {
		t.Fatalf("err = %v, want testdata/variadic.h:4: variadic functions cannot be mocked", err)
	}
	for _, out := range []string{h, c} {
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s exists after a failed run", out)
		}
	}
}
