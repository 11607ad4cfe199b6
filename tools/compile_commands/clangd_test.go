package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bazelbuild/rules_go/go/runfiles"
	"github.com/stretchr/testify/require"

	"example.com/starter/tools/compile_commands/compdb"
)

// checkedFiles are one C file per module; crypto_evp.c includes OpenSSL's
// headers, so the system include path is exercised too.
var checkedFiles = []string{
	"clib/simd/kernels_scalar.c",
	"clib/crypto/crypto_evp.c",
}

// TestClangdAcceptsCompileCommands runs `clangd --check` on the compile
// commands compdb derives from Bazel's real CppCompile actions (collected by
// :clib_compile_actions), in a directory laid out like the execution root:
// the runfiles tree, where clib's sources sit at the same relative paths. It
// fails when clangd reports any error, such as a flag it does not know.
func TestClangdAcceptsCompileCommands(t *testing.T) {
	// Set by the go_test in BUILD.bazel, so this never skips under Bazel.
	if os.Getenv("COMPILE_ACTIONS_RLOCATION") == "" {
		t.Skip("the compile commands come from a Bazel aspect: run tools/bazel test //tools/compile_commands:compile_commands_test")
	}
	clangd, err := exec.LookPath("clangd")
	require.NoError(t, err, "clangd is not installed; offline mode lists it in PACKAGES in tools/offline/provision.sh, elsewhere install it (apt install clangd)")

	actions, err := runfiles.Rlocation(os.Getenv("COMPILE_ACTIONS_RLOCATION"))
	require.NoError(t, err)
	f, err := os.Open(actions)
	require.NoError(t, err)
	defer f.Close()
	// The execution root's stand-in: the main repository's runfiles.
	src, err := runfiles.Rlocation("_main/" + checkedFiles[0])
	require.NoError(t, err)
	execroot := strings.TrimSuffix(src, "/"+checkedFiles[0])

	entries, err := compdb.FromAquery(f, execroot)
	require.NoError(t, err)
	dir := t.TempDir()
	data, err := json.Marshal(entries)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "compile_commands.json"), data, 0o644))

	for _, file := range checkedFiles {
		t.Run(file, func(t *testing.T) {
			cmd := exec.Command(clangd, "--compile-commands-dir="+dir, "--check="+filepath.Join(execroot, file))
			cmd.Dir = execroot
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "clangd --check %s:\n%s", file, errorLines(string(out)))
			// Without an entry clangd guesses a command and may well pass.
			require.Contains(t, string(out), "Compile command from CDB", "clangd found no entry for %s", file)
		})
	}
}

// errorLines keeps clangd's error lines (E[...]) and its summary: the full
// --check log is hundreds of lines.
func errorLines(log string) string {
	var keep []string
	for _, line := range strings.Split(log, "\n") {
		if strings.HasPrefix(line, "E[") || strings.Contains(line, "All checks completed") {
			keep = append(keep, line)
		}
	}
	if len(keep) == 0 {
		return log
	}
	return strings.Join(keep, "\n")
}
