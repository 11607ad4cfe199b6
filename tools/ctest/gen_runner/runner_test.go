package main

import (
	"strings"
	"testing"
)

func TestScanAndRender(t *testing.T) {
	f, err := scan("x_test.c", `#include "Mockfoo.h"
#include "tools/ctest/ctest.h"
/* void test_commented_out(void) {
 */
void setUp(void) {}
void test_one(void);
void test_one(void) {
}
// void test_line_comment(void) {}
void test_two(void)
{
}
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.tests) != 2 || f.tests[0] != (testFunc{"test_one", 7}) || f.tests[1] != (testFunc{"test_two", 10}) {
		t.Errorf("tests = %+v", f.tests)
	}
	if !f.setUp || f.tearDown || len(f.mocks) != 1 || f.mocks[0] != "Mockfoo" {
		t.Errorf("setUp %v, tearDown %v, mocks %v", f.setUp, f.tearDown, f.mocks)
	}
	out, err := render([]testFile{f})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`#include "Mockfoo.h"`,
		`{"test_one", test_one, "x_test.c", 7},`,
		"  Mockfoo_Verify();",
		"setUp, NULL,",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("runner lacks %q:\n%s", want, out)
		}
	}
}

// TestScanRejectsTestsThatWouldNotRun: a test the runner cannot call is an
// error, not a silently skipped test.
func TestScanRejectsTestsThatWouldNotRun(t *testing.T) {
	for src, want := range map[string]string{
		"\nstatic void test_hidden(void) {}": "t.c:2: test_hidden would not run",
		"void test_args(int x) {}":           "t.c:1: test_args would not run",
		"void helper(void) {}":               "t.c: no test functions",
	} {
		if _, err := scan("t.c", src); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("scan(%q) = %v, want %q", src, err, want)
		}
	}
}
