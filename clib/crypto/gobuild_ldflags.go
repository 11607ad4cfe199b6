//go:build cgo

package crypto

// Links the host libcrypto for plain `go build` and `go test`. Bazel
// excludes this file (see BUILD.bazel) and gets the library only from the
// declared target //clib/third_party/openssl:libcrypto, so swapping that
// target for a hermetic OpenSSL needs no change here.

// #cgo LDFLAGS: -lcrypto
import "C"
