// Package flagenv lets environment variables supply flag values, so a service
// can be configured by flags on a command line or by its environment in a
// container, with flags taking precedence.
package flagenv

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

// Parse parses args into fs, then sets every flag that args left unset from
// the environment variable PREFIX_NAME, where NAME is the flag name in upper
// case with '-' and '.' turned into '_'. For example, with prefix "HASHD" the
// flag -max_batch reads HASHD_MAX_BATCH.
func Parse(fs *flag.FlagSet, prefix string, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := make(map[string]bool)
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] || err != nil {
			return
		}
		name := EnvName(prefix, f.Name)
		if v, ok := os.LookupEnv(name); ok {
			if e := fs.Set(f.Name, v); e != nil {
				err = fmt.Errorf("environment variable %s: %w", name, e)
			}
		}
	})
	return err
}

// EnvName returns the environment variable that supplies flag name.
func EnvName(prefix, name string) string {
	return prefix + "_" + strings.ToUpper(strings.NewReplacer("-", "_", ".", "_").Replace(name))
}
