// Command starterctl is a command-line client for this repository's services.
//
//	starterctl -addr=127.0.0.1:7001 -ca=ca.pem sha256 "some text"
//	starterctl -addr=127.0.0.1:7001 -ca=ca.pem hmac -key=secret "some text"
//	starterctl -addr=127.0.0.1:7001 -ca=ca.pem stream -chunk=65536 big.bin
//	starterctl -addr=127.0.0.1:7001 -ca=ca.pem batch one two three
//	starterctl -addr=127.0.0.1:7002 -ca=ca.pem index -set=",;" -all "a,b;c"
//	starterctl -addr=127.0.0.1:7002 -ca=ca.pem count -byte=, "a,b,c"
//	starterctl -addr=127.0.0.1:7002 -ca=ca.pem compare "abc" "abd"
//	starterctl -addr=127.0.0.1:7002 -ca=ca.pem health
//	starterctl -addr=127.0.0.1:7003 -ca=ca.pem seal -key=ID -aad=TEXT "secret"
//	starterctl -addr=127.0.0.1:7003 -ca=ca.pem open -aad=TEXT "$(seal's output)"
//
// Exit status: 0 on success, 1 if the RPC fails, 2 for usage errors.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/status"

	"example.com/starter/services/servicekit"
)

// command is one subcommand: it parses its own flags from args and calls conn.
type command struct {
	usage string
	run   func(ctx context.Context, conn *grpc.ClientConn, args []string, out io.Writer) error
}

var commands = map[string]command{
	"sha256":  {"TEXT", runSHA256},
	"hmac":    {"-key=KEY TEXT", runHMAC},
	"stream":  {"[-chunk=BYTES] [-key=KEY] FILE", runStream},
	"batch":   {"TEXT...", runBatch},
	"index":   {"-set=BYTES [-all] TEXT", runIndex},
	"count":   {"-byte=CHAR TEXT", runCount},
	"compare": {"A B", runCompare},
	"health":  {"[-service=NAME]", runHealth},
	"seal":    {"-key=ID [-aad=TEXT] TEXT", runSeal},
	"open":    {"[-aad=TEXT] ENVELOPE_JSON", runOpen},
}

// errUsage marks errors in the command line rather than in the RPC.
var errUsage = errors.New("usage")

func main() {
	fs := flag.NewFlagSet("starterctl", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:7001", "service address (hashd listens on :7001, scand on :7002, envelopd on :7003)")
	caFile := fs.String("ca", "", "PEM file of the CA that signed the server certificate")
	insecure := fs.Bool("insecure", false, "connect without TLS")
	timeout := fs.Duration("timeout", 30*time.Second, "deadline for the RPC")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: starterctl [flags] COMMAND [args]\n\ncommands:")
		for name, c := range commands {
			fmt.Fprintf(fs.Output(), "  %-8s %s\n", name, c.usage)
		}
		fmt.Fprintln(fs.Output(), "\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	cmd, ok := commands[fs.Arg(0)]
	if !ok {
		fs.Usage()
		os.Exit(2)
	}

	conn, err := servicekit.Dial(*addr, servicekit.ClientOptions{CAFile: *caFile, Insecure: *insecure, MaxMessageBytes: 64 << 20})
	if err != nil {
		fmt.Fprintln(os.Stderr, "starterctl:", err)
		os.Exit(2)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()

	err = cmd.run(ctx, conn, fs.Args()[1:], os.Stdout)
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		fmt.Fprintf(os.Stderr, "usage: starterctl %s %s\n", fs.Arg(0), cmd.usage)
		os.Exit(2)
	default:
		st := status.Convert(err)
		fmt.Fprintf(os.Stderr, "starterctl %s: %s: %s\n", fs.Arg(0), st.Code(), st.Message())
		os.Exit(1)
	}
}

// parse parses a subcommand's flags and checks its positional arguments.
func parse(fs *flag.FlagSet, args []string, minArgs, maxArgs int) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil || fs.NArg() < minArgs || (maxArgs >= 0 && fs.NArg() > maxArgs) {
		return errUsage
	}
	return nil
}
