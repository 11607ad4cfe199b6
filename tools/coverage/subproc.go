package main

import (
	"fmt"
	"path"
	"strings"

	"example.com/starter/tools/coverage/lcov"
)

// integrationQuery finds the integration tests: go_test targets that start a
// service binary through servicetest, which reads SERVICE_RLOCATION.
const integrationQuery = `attr(env, SERVICE_RLOCATION, kind("go_test rule", //...))`

// subprocessProblems checks that an integration test's coverage holds what
// only the service binary it starts can have run: lines of the Go package
// next to the test (the binary's main package, which the external test
// package main_test cannot import), and lines of clib C code. Either missing
// means coverage of child processes is lost (their environment, their exit
// path, or the clib_gcov tag), which no floor would notice where unit tests
// cover the same code.
func subprocessProblems(label string, rep lcov.Report) []string {
	pkg, _, _ := strings.Cut(strings.TrimPrefix(label, "//"), ":")
	var mainHit, cHit bool
	for file, lines := range rep {
		_, hit := lines.Count()
		if hit == 0 {
			continue
		}
		if path.Dir(file) == pkg && strings.HasSuffix(file, ".go") && !strings.HasSuffix(file, "_test.go") {
			mainHit = true
		}
		if strings.HasPrefix(file, "clib/") && strings.HasSuffix(file, ".c") {
			cHit = true
		}
	}
	var problems []string
	if !mainHit {
		problems = append(problems, fmt.Sprintf("%s: no line of %s/*.go ran: the Go coverage of the service binary it starts was lost", label, pkg))
	}
	if !cHit {
		problems = append(problems, fmt.Sprintf("%s: no line of clib/ C code ran: the C coverage of the service binary it starts was lost", label))
	}
	return problems
}
