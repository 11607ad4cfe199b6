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
	"example.com/starter/services/internal/metrics"
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
	// Validate, if set, checks the service-specific flags once they are
	// parsed. An error is a configuration error: the binary says so and
	// exits with status 2 before it binds any port.
	Validate func() error
	// Register adds the service to the server, implemented by the chosen
	// backend.
	Register func(Registration) error
	// Implementation, if set, names what the C backend runs on this
	// machine (simd.Impl, say); /metrics exports it in
	// service_backend_info.
	Implementation func() string
}

// Registration is what Spec.Register gets.
type Registration struct {
	// GRPC is the server to register the service on.
	GRPC *grpc.Server
	// Backend is the implementation chosen by -backend.
	Backend commonv1.Backend
	// SizeDispatch is -size_dispatch: whether the C backend hands calls
	// below clib's measured crossovers to pure Go. Choose applies it.
	SizeDispatch bool
	// MaxMessageBytes is the largest message the server sends
	// (-max_message_bytes). A handler whose answer could be larger should
	// find out before computing it, and fail fast.
	MaxMessageBytes int
}

// Main runs the service described by spec and exits: status 2 for bad
// configuration (any flag out of range, checked before anything starts),
// 1 if serving fails, 0 after a clean shutdown.
func Main(spec Spec) {
	fs := flag.NewFlagSet(spec.Name, flag.ExitOnError)
	var cfg grpcserver.Config
	cfg.RegisterFlags(fs, spec.Listen, spec.MetricsListen)
	backendName := fs.String("backend", "c", "implementation: c (the clib library via cgo) or go (pure Go)")
	sizeDispatch := fs.Bool("size_dispatch", true, "with -backend=c, run calls below clib's measured crossovers in pure Go, which is faster there; false runs every call in C (for fault injection, or to measure C alone)")
	if spec.Flags != nil {
		spec.Flags(fs)
	}
	err := flagenv.Parse(fs, strings.ToUpper(spec.Name), os.Args[1:])
	var backend commonv1.Backend
	if err == nil {
		backend, err = validate(spec, cfg, *backendName, *sizeDispatch)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", spec.Name, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewJSONHandler(os.Stderr, nil)).With("service", spec.Name)
	logger.Info("starting", "backend", *backendName, "size_dispatch", *sizeDispatch)
	reg := Registration{Backend: backend, SizeDispatch: *sizeDispatch, MaxMessageBytes: cfg.MaxMessageBytes}
	if err := run(spec, cfg, *backendName, reg, logger); err != nil {
		logger.Error("exiting", "err", err)
		os.Exit(1)
	}
}

// validate checks every flag: the shared transport ones, -backend,
// -size_dispatch and the service's own.
func validate(spec Spec, cfg grpcserver.Config, backendName string, sizeDispatch bool) (commonv1.Backend, error) {
	if err := cfg.Validate(); err != nil {
		return 0, err
	}
	backend, err := parseBackend(backendName, spec.HasNative)
	if err != nil {
		return 0, err
	}
	if !sizeDispatch && backend != commonv1.Backend_BACKEND_C {
		return 0, fmt.Errorf("-size_dispatch=false applies to -backend=c only")
	}
	if spec.Validate != nil {
		if err := spec.Validate(); err != nil {
			return 0, err
		}
	}
	return backend, nil
}

// run serves until a signal; reg is complete but for its GRPC server.
func run(spec Spec, cfg grpcserver.Config, backendName string, reg Registration, logger *slog.Logger) error {
	srv, err := grpcserver.New(cfg, logger)
	if err != nil {
		return err
	}
	reg.GRPC = srv.GRPC()
	if err := spec.Register(reg); err != nil {
		return err
	}
	implementation := ""
	if reg.Backend == commonv1.Backend_BACKEND_C && spec.Implementation != nil {
		implementation = spec.Implementation()
	}
	logger.Info("backend", "backend", backendName, "implementation", implementation)
	if err := metrics.RegisterBackend(srv.Registry(), backendName, implementation); err != nil {
		return err
	}
	return srv.RunUntilSignal()
}

// Choose returns the implementation r asks for, out of a clib module's
// three: pure with -backend=go, native (dispatched by size) with
// -backend=c, and alwaysNative (every call in C) with -backend=c
// -size_dispatch=false.
func Choose[T any](r Registration, pure, native, alwaysNative T) T {
	switch {
	case r.Backend != commonv1.Backend_BACKEND_C:
		return pure
	case r.SizeDispatch:
		return native
	default:
		return alwaysNative
	}
}
