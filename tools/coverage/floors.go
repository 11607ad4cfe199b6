package main

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"

	"example.com/starter/tools/coverage/lcov"
)

// floor is one line of floors.txt: the least line coverage, in percent, that
// the packages under prefix must reach, and why that figure.
type floor struct {
	prefix  string // a directory of the repository; it covers its subdirectories
	percent float64
	reason  string
}

// parseFloors reads floors.txt: "PATH PERCENT REASON..." a line, # comments.
// A reason is required, so that every floor, and every exception to a wider
// one, says why it is what it is.
func parseFloors(r io.Reader) ([]floor, error) {
	var floors []floor
	seen := map[string]bool{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 3 {
			return nil, fmt.Errorf("line %d: want PATH PERCENT REASON, got %q", n, line)
		}
		pct, err := strconv.ParseFloat(strings.TrimSuffix(fields[1], "%"), 64)
		if err != nil || pct < 0 || pct > 100 {
			return nil, fmt.Errorf("line %d: bad percentage %q", n, fields[1])
		}
		prefix := strings.TrimSuffix(fields[0], "/")
		if seen[prefix] {
			return nil, fmt.Errorf("line %d: second floor for %s", n, prefix)
		}
		seen[prefix] = true
		floors = append(floors, floor{prefix: prefix, percent: pct, reason: strings.Join(fields[2:], " ")})
	}
	return floors, sc.Err()
}

// under reports whether dir is prefix or inside it.
func under(dir, prefix string) bool {
	return dir == prefix || strings.HasPrefix(dir, prefix+"/")
}

// floorFor returns the floor of the longest prefix that holds dir: a
// package's own line overrides its tree's.
func floorFor(floors []floor, dir string) (floor, bool) {
	best, ok := floor{}, false
	for _, f := range floors {
		if under(dir, f.prefix) && (!ok || len(f.prefix) > len(best.prefix)) {
			best, ok = f, true
		}
	}
	return best, ok
}

// figure is a measured line coverage.
type figure struct{ found, hit int }

func (f figure) percent() float64 {
	if f.found == 0 {
		return 100
	}
	return 100 * float64(f.hit) / float64(f.found)
}

func (f *figure) add(lines lcov.Lines) {
	found, hit := lines.Count()
	f.found += found
	f.hit += hit
}

// check is one floor applied to one measured figure.
type check struct {
	what   string // a package (directory), or "all of PREFIX"
	figure figure
	floor  floor
}

func (c check) ok() bool { return c.figure.percent() >= c.floor.percent }

// message says what failed, in terms a person can act on.
func (c check) message() string {
	return fmt.Sprintf("%s: %.1f%% of lines covered (%d of %d), below its floor of %g%% (%s, from %s)",
		c.what, c.figure.percent(), c.figure.hit, c.figure.found, c.floor.percent, c.floor.reason, c.floor.prefix)
}

// checks applies floors to the combined report: every package (the directory
// of a source file with instrumented lines) under a floor gets the floor of
// the longest prefix that holds it, and the tree under each floor's prefix,
// taken as a whole, gets that floor too, so that a package's own lower
// floor cannot pull its tree below the tree's. Packages come first, in path
// order.
func checks(rep lcov.Report, floors []floor) []check {
	pkgs := map[string]*figure{}
	trees := map[string]*figure{}
	treePkgs := map[string]map[string]bool{}
	for file, lines := range rep {
		dir := path.Dir(file)
		if _, ok := floorFor(floors, dir); !ok {
			continue
		}
		if pkgs[dir] == nil {
			pkgs[dir] = &figure{}
		}
		pkgs[dir].add(lines)
		for _, f := range floors {
			if under(dir, f.prefix) {
				if trees[f.prefix] == nil {
					trees[f.prefix] = &figure{}
					treePkgs[f.prefix] = map[string]bool{}
				}
				trees[f.prefix].add(lines)
				treePkgs[f.prefix][dir] = true
			}
		}
	}
	var out []check
	for dir, fig := range pkgs {
		if fig.found == 0 {
			continue // headers and doc.go only: nothing to cover
		}
		f, _ := floorFor(floors, dir)
		out = append(out, check{what: dir, figure: *fig, floor: f})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].what < out[j].what })
	for _, f := range floors {
		// A tree of one package is that package's check already.
		if fig := trees[f.prefix]; fig != nil && len(treePkgs[f.prefix]) > 1 {
			out = append(out, check{what: "all of " + f.prefix + "/", figure: *fig, floor: f})
		}
	}
	return out
}
