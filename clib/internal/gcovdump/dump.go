//go:build clib_gcov && cgo

package gcovdump

// // libgcov's public entry point (gcc manual, "Gcov and Optimization");
// // gcc installs no header that declares it.
// extern void __gcov_dump(void);
// static void gcovdump_dump(void) { __gcov_dump(); }
import "C"

// internal/runtime/exithook is the only way to run code on every exit of a
// Go program (os.Exit and a return from main); rules_go registers its own
// Go coverage writer the same way (go/tools/bzltestutil/bincov).
import "internal/runtime/exithook"

func init() {
	exithook.Add(exithook.Hook{
		F: func() { C.gcovdump_dump() },
		// A process that exits non-zero (a service refusing its flags) ran
		// C code too.
		RunOnFailure: true,
	})
}
