package grpcserver

import (
	"errors"
	"flag"
	"time"
)

// Config is the transport configuration shared by every service. Register
// it on a FlagSet with RegisterFlags; services add their own flags beside it.
type Config struct {
	// Listen is the gRPC address; port 0 picks a free port.
	Listen string
	// MetricsListen is the HTTP address of /metrics; port 0 picks a free port.
	MetricsListen string
	// AddrFile, if set, receives the bound addresses (servicekit.Addrs) once the
	// server accepts connections. Tests and tools use it with port 0.
	AddrFile string
	// TLSCert and TLSKey are PEM files. Both are required unless Insecure.
	TLSCert, TLSKey string
	// Insecure serves plaintext gRPC. Only for local development.
	Insecure bool
	// MaxMessageBytes bounds every received and sent message; larger
	// messages fail with RESOURCE_EXHAUSTED.
	MaxMessageBytes int
	// ZeroCopy decodes requests with services/internal/zerocopy, whose
	// bytes fields alias gRPC's receive buffer until the handler returns,
	// instead of with gRPC's default codec, which copies them.
	ZeroCopy bool
	// Profiles serves Go's runtime profiles (net/http/pprof) under
	// /debug/pprof/ on the metrics listener. Off by default: a profile
	// reveals the process's internals and costs CPU to take, so turn it on
	// only where the metrics listener is private.
	Profiles bool
	// MaxInflightBytes bounds the request bytes the server holds at once:
	// each RPC reserves MaxMessageBytes until its request is read, then its
	// request's size (see inflightBudget). Past it, RPCs are refused before
	// their payload is read, with UNAVAILABLE (retry with backoff). At
	// least MaxMessageBytes.
	MaxInflightBytes int64
	// MaxDeadline caps how long any RPC may run, whatever deadline (or none)
	// the client sent. Health Watch and reflection streams are exempt: they
	// are meant to stay open (see uncappedStreams).
	MaxDeadline time.Duration
	// HandshakeTimeout bounds how long a new connection may take to finish
	// its TLS and HTTP/2 handshakes; a client that connects and sends
	// nothing is disconnected after it.
	HandshakeTimeout time.Duration
	// MaxConcurrentStreams caps the RPCs one connection may have open.
	MaxConcurrentStreams uint
	// KeepaliveMinTime is the shortest interval between client pings the
	// server tolerates (with or without open RPCs); a client that pings
	// more often is disconnected with GOAWAY "too_many_pings".
	KeepaliveMinTime time.Duration
	// MaxConnectionAge closes connections after this long (with GOAWAY,
	// so clients reconnect), which spreads long-lived clients over new
	// replicas; MaxConnectionAgeGrace then lets their RPCs finish.
	MaxConnectionAge, MaxConnectionAgeGrace time.Duration
	// LameDuck is how long the server keeps serving after shutdown begins
	// while health reports NOT_SERVING, so that load balancers and
	// health-checking clients move away before the listener closes.
	LameDuck time.Duration
	// DrainTimeout bounds the graceful shutdown after the lame-duck period:
	// RPCs still running after it are cancelled.
	DrainTimeout time.Duration
}

// RegisterFlags binds c to flags on fs, with the given default addresses.
func (c *Config) RegisterFlags(fs *flag.FlagSet, listen, metricsListen string) {
	fs.StringVar(&c.Listen, "listen", listen, "gRPC listen address (host:port; port 0 picks a free port)")
	fs.StringVar(&c.MetricsListen, "metrics_listen", metricsListen, "Prometheus /metrics HTTP listen address")
	fs.StringVar(&c.AddrFile, "addr_file", "", "if set, write the bound addresses here as JSON once serving")
	fs.StringVar(&c.TLSCert, "tls_cert", "", "PEM certificate chain for TLS")
	fs.StringVar(&c.TLSKey, "tls_key", "", "PEM private key for TLS")
	fs.BoolVar(&c.Insecure, "insecure", false, "serve plaintext gRPC instead of TLS (development only)")
	fs.IntVar(&c.MaxMessageBytes, "max_message_bytes", 4<<20, "largest gRPC message accepted or sent, in bytes")
	fs.BoolVar(&c.ZeroCopy, "zero_copy", true, "decode requests in place in gRPC's receive buffer instead of copying their bytes fields")
	fs.BoolVar(&c.Profiles, "pprof", false, "serve Go's runtime profiles at /debug/pprof/ on the metrics listener (keep that listener private)")
	fs.Int64Var(&c.MaxInflightBytes, "max_inflight_bytes", 64<<20, "most request bytes held at once (an RPC counts -max_message_bytes until its request is read); past it RPCs are refused as overloaded")
	fs.DurationVar(&c.MaxDeadline, "max_deadline", 30*time.Second, "longest an RPC may run, whatever the client's deadline (health Watch and reflection streams are exempt)")
	fs.DurationVar(&c.HandshakeTimeout, "handshake_timeout", 5*time.Second, "longest a new connection may take for its TLS and HTTP/2 handshakes")
	fs.UintVar(&c.MaxConcurrentStreams, "max_concurrent_streams", 256, "most RPCs open at once on one connection")
	fs.DurationVar(&c.KeepaliveMinTime, "keepalive_min_time", 10*time.Second, "shortest client ping interval tolerated; faster pingers are disconnected")
	fs.DurationVar(&c.MaxConnectionAge, "max_connection_age", 30*time.Minute, "close connections this old (clients reconnect), to rebalance load")
	fs.DurationVar(&c.MaxConnectionAgeGrace, "max_connection_age_grace", time.Minute, "how long RPCs on a connection closed for its age may still run")
	fs.DurationVar(&c.LameDuck, "lame_duck", 3*time.Second, "on SIGTERM, how long to keep serving with health NOT_SERVING before draining")
	fs.DurationVar(&c.DrainTimeout, "drain_timeout", 20*time.Second, "how long shutdown waits for in-flight RPCs after the lame-duck period")
}

// Validate reports the first flag that is missing, conflicting or out of
// range, naming it.
func (c *Config) Validate() error {
	switch {
	case c.Insecure && (c.TLSCert != "" || c.TLSKey != ""):
		return errors.New("-insecure conflicts with -tls_cert/-tls_key")
	case !c.Insecure && (c.TLSCert == "" || c.TLSKey == ""):
		return errors.New("TLS needs -tls_cert and -tls_key (or -insecure for plaintext development)")
	case c.MaxMessageBytes <= 0:
		return errors.New("-max_message_bytes must be positive")
	case c.MaxInflightBytes < int64(c.MaxMessageBytes):
		return errors.New("-max_inflight_bytes must be at least -max_message_bytes, or the largest request could never run")
	case c.MaxDeadline <= 0 || c.DrainTimeout <= 0:
		return errors.New("-max_deadline and -drain_timeout must be positive")
	case c.LameDuck < 0:
		return errors.New("-lame_duck must not be negative")
	case c.HandshakeTimeout <= 0 || c.KeepaliveMinTime <= 0 || c.MaxConnectionAge <= 0 || c.MaxConnectionAgeGrace <= 0:
		return errors.New("-handshake_timeout, -keepalive_min_time, -max_connection_age and -max_connection_age_grace must be positive")
	case c.MaxConcurrentStreams == 0:
		return errors.New("-max_concurrent_streams must be positive")
	}
	return nil
}
