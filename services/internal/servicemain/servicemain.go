// Package servicemain is the shared main of every service binary: flags with
// environment fallbacks, JSON logging to stderr, the -backend switch between
// a clib implementation and its pure-Go twin, and a grpcserver that serves
// until SIGTERM.
package servicemain

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"google.golang.org/grpc"

	commonv1 "example.com/starter/proto/common/v1"
	"example.com/starter/services/internal/flagenv"
	"example.com/starter/services/internal/grpcserver"
)

// Spec describes a service binary.
type Spec struct {
	// Name is the binary's name; in upper case it prefixes environment
	// variables (HASHD_LISTEN for -listen).
	Name string
	// Listen and MetricsListen are the default addresses.
	Listen, MetricsListen string
	// HasNative reports whether the clib backend was compiled in (cgo).
	HasNative bool
	// Flags, if set, registers service-specific flags.
	Flags func(fs *flag.FlagSet)
	// Register adds the service to srv, implemented by the chosen backend.
	Register func(srv *grpc.Server, backend commonv1.Backend) error
}

// Main runs the service described by spec and exits: status 2 for bad
// configuration, 1 if serving fails, 0 after a clean shutdown.
func Main(spec Spec) {
	fs := flag.NewFlagSet(spec.Name, flag.ExitOnError)
	var cfg grpcserver.Config
	cfg.RegisterFlags(fs, spec.Listen, spec.MetricsListen)
	backendName := fs.String("backend", "c", "implementation: c (the clib library via cgo) or go (pure Go)")
	if spec.Flags != nil {
		spec.Flags(fs)
	}
	if err := flagenv.Parse(fs, strings.ToUpper(spec.Name), os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", spec.Name, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewJSONHandler(os.Stderr, nil)).With("service", spec.Name)
	if err := run(spec, cfg, *backendName, logger); err != nil {
		logger.Error("exiting", "err", err)
		os.Exit(1)
	}
}

func run(spec Spec, cfg grpcserver.Config, backendName string, logger *slog.Logger) error {
	backend, err := parseBackend(backendName, spec.HasNative)
	if err != nil {
		return err
	}
	srv, err := grpcserver.New(cfg, logger)
	if err != nil {
		return err
	}
	if err := spec.Register(srv.GRPC(), backend); err != nil {
		return err
	}
	logger.Info("starting", "backend", backendName)
	return srv.RunUntilSignal()
}
