package main

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	goformat "go/format"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/template"

	"github.com/bazelbuild/buildtools/build"
)

// templates holds one tree per kind (templates/clib, templates/service):
// each file is a text/template rendered with params, at its path in the
// tree with ".tmpl" dropped and "NAME" replaced by the name. Beside them,
// module_tests.bazel.tmpl is the suite a service adds to its module.
//
//go:embed templates
var templates embed.FS

// params are what the templates see.
type params struct {
	// Name is the module's or service's name: "checksum", "sumd".
	Name string
	// Module is the C module a service serves; for a module, Name.
	Module string
	// Listen and MetricsListen are a new service's default ports.
	Listen, MetricsListen int
}

// Upper is Name in upper case, for C macros and environment variables.
func (p params) Upper() string { return strings.ToUpper(p.Name) }

// Camel is Name for proto and Go type names, spelt as protoc-gen-go spells
// Go identifiers (its GoCamelCase), so that the service's generated names
// are predictable: the first letter, and every letter after a digit, in
// upper case ("e2esum" is "E2Esum").
func (p params) Camel() string {
	var b strings.Builder
	upper := true
	for _, r := range p.Name {
		if upper && 'a' <= r && r <= 'z' {
			r += 'A' - 'a'
		}
		b.WriteRune(r)
		upper = '0' <= r && r <= '9'
	}
	return b.String()
}

// file is one file to write, its path relative to the workspace.
type file struct {
	path string
	data []byte
	// edit says that data replaces a file that exists (a BUILD file gaining
	// a rule), instead of going into a new file.
	edit bool
}

var namePattern = regexp.MustCompile(`^[a-z][a-z0-9]{1,30}$`)

// checkName refuses what cannot be a Go package, a C prefix, a proto
// package and a binary name at once.
func checkName(name string) error {
	if !namePattern.MatchString(name) {
		return fmt.Errorf("%q: a name is 2 to 31 lower-case letters and digits, starting with a letter", name)
	}
	if token.IsKeyword(name) {
		return fmt.Errorf("%q is a Go keyword", name)
	}
	return nil
}

// clibFiles renders the C module NAME.
func clibFiles(name string) ([]file, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	return render("templates/clib", "clib/NAME", params{Name: name, Module: name})
}

// generatedMarker is in the doc.go of every module new writes; a service
// can only serve such a module, whose API its templates know.
const generatedMarker = "Written by tools/new"

// serviceFiles renders the service NAME, serving the C module module, and
// module's c_module_tests.
func serviceFiles(root, name, module string) ([]file, error) {
	for _, n := range []string{name, module} {
		if err := checkName(n); err != nil {
			return nil, err
		}
	}
	doc, err := os.ReadFile(filepath.Join(root, "clib", module, "doc.go"))
	if err != nil || !bytes.Contains(doc, []byte(generatedMarker)) {
		return nil, fmt.Errorf("-clib %s: no module written by new at clib/%s; create it first with: tools/bazel run //tools/new -- clib %s", module, module, module)
	}
	moduleBuild := filepath.Join("clib", module, "BUILD.bazel")
	buildData, err := os.ReadFile(filepath.Join(root, moduleBuild))
	if err != nil {
		return nil, err
	}
	if bytes.Contains(buildData, []byte("c_module_tests(")) {
		return nil, fmt.Errorf("%s already has c_module_tests: a service serves %s already", moduleBuild, module)
	}
	listen, metrics, err := nextPorts(root)
	if err != nil {
		return nil, err
	}
	p := params{Name: name, Module: module, Listen: listen, MetricsListen: metrics}
	files, err := render("templates/service", "", p)
	if err != nil {
		return nil, err
	}
	suite, err := renderOne("templates/module_tests.bazel.tmpl", p)
	if err != nil {
		return nil, err
	}
	if !bytes.Contains(buildData, []byte(cmockLoad)) {
		return nil, fmt.Errorf("%s: no %s line to add c_module_tests to; add the suite by hand (README.md)", moduleBuild, cmockLoad)
	}
	buildData = bytes.Replace(buildData, []byte(cmockLoad), []byte(cmockSuiteLoad), 1)
	buildData, err = format(moduleBuild, append(buildData, suite...))
	if err != nil {
		return nil, err
	}
	return append(files, file{path: moduleBuild, data: buildData, edit: true}), nil
}

// cmockLoad is the load of a module's BUILD file as new writes it, and
// cmockSuiteLoad that load once the module has a c_module_tests.
const (
	cmockLoad      = `load("//tools/cmock:defs.bzl", "c_seam", "c_unit_test")`
	cmockSuiteLoad = `load("//tools/cmock:defs.bzl", "c_module_tests", "c_seam", "c_unit_test")`
)

// portPattern finds the default ports in a service's main.go.
var portPattern = regexp.MustCompile(`"127\.0\.0\.1:(\d+)"`)

// nextPorts returns the pair after the highest gRPC and metrics ports the
// services in root use by default (hashd has 7001 and 9101).
func nextPorts(root string) (listen, metrics int, err error) {
	listen, metrics = 7000, 9100
	mains, err := filepath.Glob(filepath.Join(root, "services", "*", "main.go"))
	if err != nil {
		return 0, 0, err
	}
	for _, m := range mains {
		data, err := os.ReadFile(m)
		if err != nil {
			return 0, 0, err
		}
		for _, match := range portPattern.FindAllSubmatch(data, -1) {
			port, _ := strconv.Atoi(string(match[1]))
			switch {
			case port >= 9000:
				metrics = max(metrics, port)
			default:
				listen = max(listen, port)
			}
		}
	}
	return listen + 1, metrics + 1, nil
}

// render renders every template under dir, at its path under dir joined
// to prefix.
func render(dir, prefix string, p params) ([]file, error) {
	var files []file
	err := fs.WalkDir(templates, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := renderOne(name, p)
		if err != nil {
			return err
		}
		rel := path.Join(prefix, strings.TrimSuffix(strings.TrimPrefix(name, dir+"/"), ".tmpl"))
		rel = strings.ReplaceAll(rel, "NAME", p.Name)
		if data, err = format(rel, data); err != nil {
			return err
		}
		files = append(files, file{path: rel, data: data})
		return nil
	})
	return files, err
}

// renderOne renders the template at name.
func renderOne(name string, p params) ([]byte, error) {
	t, err := template.New(path.Base(name)).ParseFS(templates, name)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, p); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b.Bytes(), nil
}

// format formats a Go file as gofmt does (which also sorts its imports)
// and a BUILD file as buildifier does (which also sorts srcs and deps), so
// that what a name sorts next to does not matter to the templates.
func format(name string, data []byte) ([]byte, error) {
	switch {
	case strings.HasSuffix(name, ".go"):
		out, err := goformat.Source(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return out, nil
	case path.Base(name) == "BUILD.bazel":
		f, err := build.ParseBuild(name, data)
		if err != nil {
			return nil, err
		}
		return build.Format(f), nil
	}
	return data, nil
}

// errExists is returned when a file to write exists already.
var errExists = errors.New("exists already; new never overwrites a file")

// write writes files under root, after checking that none of the new ones
// exists (and that those it edits do), so that a refusal leaves the tree
// as it was.
func write(root string, files []file) error {
	for _, f := range files {
		_, err := os.Stat(filepath.Join(root, f.path))
		switch {
		case f.edit && err != nil:
			return err
		case !f.edit && err == nil:
			return fmt.Errorf("%s %w", f.path, errExists)
		case !f.edit && !errors.Is(err, fs.ErrNotExist):
			return err
		}
	}
	for _, f := range files {
		target := filepath.Join(root, f.path)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, f.data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
