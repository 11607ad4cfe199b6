// Command new adds a C module or a service to the repository, written the
// way the existing ones are, so that it builds and passes its tests as
// soon as it exists:
//
//	tools/bazel run //tools/new -- clib NAME
//	tools/bazel run //tools/new -- service NAME [-clib MODULE]
//
// "clib NAME" writes clib/NAME/: a C header with its contracts, the core, a
// seam with its mock and fault build, the library the Go binding links, C
// unit tests (one with the seam mocked), the Go binding with its pure-Go
// twin, differential, fuzz and example tests, and a README.
//
// "service NAME" writes proto/NAME/v1/ (the contract), services/NAME/
// (main.go on servicemain, with its fault build and integration tests) and
// services/NAME/NAMEserver/ (the gRPC server, on the C module and its
// pure-Go twin behind the -backend switch). It serves MODULE (default NAME),
// which must be a module "new clib" wrote, and adds MODULE's
// c_module_tests, which name the service's tests as the module's
// integration layer.
//
// Names are lower-case letters and digits, starting with a letter. Nothing
// that exists is overwritten: new refuses before it writes anything. The
// BUILD files it writes are what gazelle and buildifier would write.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	root := os.Getenv("BUILD_WORKSPACE_DIRECTORY")
	if root == "" {
		root = "."
	}
	if err := run(root, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "new:", err)
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New(`usage:
  tools/bazel run //tools/new -- clib NAME
  tools/bazel run //tools/new -- service NAME [-clib MODULE]`)

// run generates what args ask for into the workspace at root and prints
// what it wrote and what to do next to out.
func run(root string, args []string, out io.Writer) error {
	if len(args) < 2 {
		return errUsage
	}
	kind, name := args[0], args[1]
	fs := flag.NewFlagSet(kind, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	module := fs.String("clib", name, "the C module the service serves (written by new clib)")
	if err := fs.Parse(args[2:]); err != nil || fs.NArg() != 0 {
		return errUsage
	}
	var (
		files []file
		err   error
	)
	switch kind {
	case "clib":
		if *module != name {
			return errUsage
		}
		files, err = clibFiles(name)
	case "service":
		files, err = serviceFiles(root, name, *module)
	default:
		return errUsage
	}
	if err != nil {
		return err
	}
	if err := write(root, files); err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintf(out, "wrote %s\n", f.path)
	}
	fmt.Fprint(out, nextSteps(kind, name, *module))
	return nil
}

// nextSteps says what the generator leaves to the user.
func nextSteps(kind, name, module string) string {
	if kind == "clib" {
		return fmt.Sprintf(`
Next:
  tools/bazel test //clib/%[1]s/...            # C unit tests and the binding's tests
  tools/bazel run //tools/new -- service %[1]sd -clib %[1]s   # a service that serves it
Replace the byte sum with your module's work; clib/%[1]s/README.md says where.
`, name)
	}
	return fmt.Sprintf(`
Next:
  tools/bazel test //services/%[1]s/... //clib/%[2]s:%[2]s_module_tests
  tools/bazel run //services/%[1]s -- -insecure
The demo (tools/demo), starterctl and the load benchmark (tools/bench/load)
list the services they run by hand; README.md, "Adding a service", says
what to add to each.
`, name, module)
}
