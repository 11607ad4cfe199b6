//go:build !race

package servicetest

// RaceEnabled reports whether this build, and so the service binaries the
// test starts (built in the same configuration), run under Go's race
// detector, whose shadow memory makes a process's RSS several times its
// own.
const RaceEnabled = false
