// Package servicekit is what code that starts or calls this repository's
// services shares, on both sides of the services/tools line: development
// certificates (WriteDevCerts), the address-file protocol and starting a
// service binary as a child process (Start, WriteAddrs), and dialling a
// service (Dial). The services use it (grpcserver writes the address file,
// servicetest starts and dials them), and so do tools (the demo, the load
// benchmark, starterctl); services never import tools.
package servicekit
