package main

import (
	"bytes"
	"fmt"
	"strings"

	"example.com/starter/tools/internal/machine"
)

var sizes = []string{"64B", "4KiB", "1MiB"}

// writeReport renders docs/benchmarks.md from r, measured as stamp says.
// opensslVersion is what `openssl version` printed, or why it did not run.
func writeReport(w *bytes.Buffer, r results, stamp machine.Stamp, count int, benchtime, opensslVersion string) {
	header(w, stamp, count, benchtime)

	fmt.Fprintf(w, "## simd kernels (GB/s)\n\n")
	fmt.Fprintf(w, "c-simd is the C kernel of the dispatched implementation through cgo, c-scalar the portable C kernel, both at every size; binding is simd.Native as callers get it, which runs in C only from each kernel's measured crossover (nativeFrom in clib/simd/native_cgo.go) and in Pure below it; go-stdlib is the standard library's equivalent, go-pure this package's pure-Go fallback; memcpy (`copy()` of the same size) is the roofline.\n\n")
	for _, k := range []struct{ name, stdlib string }{
		{"IndexAny", "bytes.IndexAny"},
		{"IndexAllAny", "bytes.IndexAny in a loop"},
		{"Compare", "bytes.Equal"},
		{"CountByte", "bytes.Count"},
	} {
		fmt.Fprintf(w, "### %s (go-stdlib: %s)\n\n", k.name, k.stdlib)
		throughputTable(w, r, "Benchmark"+k.name, []string{"c-simd", "c-scalar", "binding", "go-stdlib", "go-pure"})
	}
	fmt.Fprintf(w, "### memcpy roofline\n\n")
	throughputTable(w, r, "BenchmarkMemcpy", []string{"go-copy"})

	fmt.Fprintf(w, "## Cost of a call\n\n| call | ns/call |\n| --- | ---: |\n")
	for _, impl := range []string{"c-simd", "go-pure", "binding", "go-stdlib"} {
		fmt.Fprintf(w, "| CountByte on an empty slice, %s | %s |\n", impl, cell(r.median("BenchmarkCallOverhead/"+impl, "ns/op")))
	}
	if d, ok := r.difference("BenchmarkCallOverhead/c-simd", "BenchmarkCallOverhead/go-pure", "ns/op"); ok {
		fmt.Fprintf(w, "\nThe cgo crossing costs about **%.0f ns** per call here.", d)
	}
	if d, ok := r.difference("BenchmarkCallOverhead/binding", "BenchmarkCallOverhead/go-stdlib", "ns/op"); ok {
		fmt.Fprintf(w, " Below its crossover the binding costs about **%.1f ns** per call more than the standard library: "+
			"its size check, and one call that Go's inliner cannot remove (see the notes).", d)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)

	fmt.Fprintf(w, "## SHA-256 and HMAC-SHA256 (GB/s)\n\n")
	fmt.Fprintf(w, "c-openssl runs every call in C (crypto.AlwaysNative); binding is crypto.Native as callers get it, which runs in C only where its measured crossovers say C is faster (digestFrom in clib/crypto/native_cgo.go) and in Go elsewhere; go-stdlib is crypto/sha256 and crypto/hmac.\n\n")
	for _, f := range []string{"SHA256", "HMACSHA256"} {
		fmt.Fprintf(w, "### %s\n\n", f)
		throughputTable(w, r, "Benchmark"+f, digestImpls)
	}
	fmt.Fprintf(w, "### Batches of 64-byte messages (ns per message)\n\n")
	fmt.Fprintf(w, "go-stdlib is Go's per-message loop; c-openssl is one cgo call per batch.\n\n")
	batchTable(w, r, []string{"SHA256Batch", "HMACSHA256Batch"}, digestImpls)
	fmt.Fprintf(w, "OpenSSL's own loop over 64-byte messages, with no cgo: `openssl speed -evp sha256` and `openssl speed -hmac sha256`, `-seconds 1 -bytes 64`, median of the same number of runs.\n\n")
	fmt.Fprintf(w, "| function | openssl speed | c-openssl (n=1024) | go-stdlib (n=1024) |\n| --- | ---: | ---: | ---: |\n")
	for _, d := range []struct{ alg, bench string }{
		{"sha256", "BenchmarkSHA256Batch"},
		{"hmac(sha256)", "BenchmarkHMACSHA256Batch"},
	} {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", d.alg, cell(r.nsPerMessage(speedName(d.alg, "64B"), 64)),
			cell(r.median(d.bench+"/c-openssl/n=1024", "ns/item")), cell(r.median(d.bench+"/go-stdlib/n=1024", "ns/item")))
	}
	fmt.Fprintln(w)

	fmt.Fprintf(w, "## Authenticated encryption (GB/s)\n\n")
	fmt.Fprintf(w, "In place, one message per call; go-stdlib is crypto/cipher's GCM and golang.org/x/crypto's ChaCha20-Poly1305.\n\n")
	for _, f := range []string{"AESGCMSeal", "AESGCMOpen", "ChaCha20Poly1305Seal"} {
		fmt.Fprintf(w, "### %s\n\n", f)
		sizeTable(w, r, "Benchmark"+f, []string{"c-openssl", "go-stdlib"}, aeadSizes)
	}
	fmt.Fprintf(w, "### AESGCMSealBatch of 64-byte messages (ns per message)\n\n")
	batchTable(w, r, []string{"AESGCMSealBatch"}, []string{"c-openssl", "go-stdlib"})

	ceilingTable(w, r, opensslVersion)
	targets(w, r)
	fmt.Fprint(w, notes)
}

// digestImpls are the digest benchmarks' impls (clib/crypto's
// benchBackends): c-openssl runs every call in C, binding is crypto.Native
// as callers get it.
var digestImpls = []string{"c-openssl", "binding", "go-stdlib"}

// ceilingTable sets each AEAD binding's seal against `openssl speed`'s
// figure for the same work.
func ceilingTable(w *bytes.Buffer, r results, opensslVersion string) {
	fmt.Fprintf(w, "### Against OpenSSL's own figure (GB/s)\n\n")
	fmt.Fprintf(w, "`openssl speed -aead -evp ALG -seconds 1 -bytes N`: OpenSSL's own loop doing a seal's whole work per message (nonce, AAD, encryption, tag), with no cgo; median of the same number of runs; openssl: %s. Its ratio over go-stdlib is the most any binding could show on this CPU with this OpenSSL.\n\n", opensslVersion)
	fmt.Fprintf(w, "| algorithm | size | openssl speed | c-openssl (binding) | go-stdlib | openssl speed / go-stdlib |\n| --- | --- | ---: | ---: | ---: | ---: |\n")
	for _, a := range []struct{ alg, bench string }{
		{"aes-256-gcm", "BenchmarkAESGCMSeal"},
		{"chacha20-poly1305", "BenchmarkChaCha20Poly1305Seal"},
	} {
		for _, size := range []string{"16KiB", "1MiB"} {
			speed := speedName(a.alg, size)
			ceiling, ok := r.ratio(speed, a.bench+"/go-stdlib/"+size, "MB/s", "MB/s")
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", a.alg, size, cell(r.gbps(speed)),
				cell(r.gbps(a.bench+"/c-openssl/"+size)), cell(r.gbps(a.bench+"/go-stdlib/"+size)), ratioCell(ceiling, ok))
		}
	}
	fmt.Fprintln(w)
}

// aeadSizes are the AEAD benchmarks' message sizes (clib/crypto's
// aeadBenchSizes).
var aeadSizes = []string{"64B", "1KiB", "16KiB", "1MiB"}

func throughputTable(w *bytes.Buffer, r results, bench string, impls []string) {
	sizeTable(w, r, bench, impls, sizes)
}

// sizeTable writes one row of GB/s per impl, one column per size.
func sizeTable(w *bytes.Buffer, r results, bench string, impls, sizes []string) {
	fmt.Fprintf(w, "| impl |")
	for _, s := range sizes {
		digits := strings.IndexFunc(s, func(c rune) bool { return c < '0' || c > '9' })
		fmt.Fprintf(w, " %s %s |", s[:digits], s[digits:]) // "4KiB" as "4 KiB"
	}
	fmt.Fprintf(w, "\n| --- |%s\n", strings.Repeat(" ---: |", len(sizes)))
	for _, impl := range impls {
		if _, ok := r.gbps(bench + "/" + impl + "/" + sizes[0]); !ok {
			continue // a kernel without this impl (e.g. Pure.CountByte is bytes.Count)
		}
		fmt.Fprintf(w, "| %s |", impl)
		for _, s := range sizes {
			fmt.Fprintf(w, " %s |", cell(r.gbps(bench+"/"+impl+"/"+s)))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
}

// batchTable writes ns per message of each batch benchmark in funcs, a row
// per impl.
func batchTable(w *bytes.Buffer, r results, funcs, impls []string) {
	fmt.Fprintf(w, "| function | impl | n=1 | n=16 | n=1024 |\n| --- | --- | ---: | ---: | ---: |\n")
	for _, f := range funcs {
		for _, impl := range impls {
			fmt.Fprintf(w, "| %s | %s |", f, impl)
			for _, n := range []string{"n=1", "n=16", "n=1024"} {
				fmt.Fprintf(w, " %s |", cell(r.median(fmt.Sprintf("Benchmark%s/%s/%s", f, impl, n), "ns/item")))
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintln(w)
}

// ratioCell formats a ratio, or "n/a" when it was not measured.
func ratioCell(v float64, ok bool) string {
	if !ok {
		return "n/a"
	}
	return fmt.Sprintf("%.2f×", v)
}

func cell(v float64, ok bool) string {
	if !ok {
		return "n/a"
	}
	if v >= 100 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

// targets writes the performance targets the C modules exist to meet (each
// C path must beat, or nearly match, what Go offers) with the measured ratio
// and, for a miss, by how much.
func targets(w *bytes.Buffer, r results) {
	fmt.Fprintf(w, "## Targets\n\n| target | measured | result |\n| --- | ---: | --- |\n")
	ratio := r.ratio
	row := func(name string, got float64, ok bool, want float64) {
		switch {
		case !ok:
			fmt.Fprintf(w, "| %s | n/a | not measured |\n", name)
		case got >= want:
			fmt.Fprintf(w, "| %s | %.2f× | met |\n", name, got)
		default:
			fmt.Fprintf(w, "| %s | %.3f× | **missed by %.1f%%** |\n", name, got, 100*(want-got)/want)
		}
	}
	for _, s := range []string{"4KiB", "1MiB"} {
		got, ok := ratio("BenchmarkIndexAny/c-simd/"+s, "BenchmarkIndexAny/go-stdlib/"+s, "MB/s", "MB/s")
		row("byte-set scan ≥ 5× bytes.IndexAny at "+s, got, ok, 5)
	}
	got, ok := ratio("BenchmarkIndexAny/c-simd/1MiB", "BenchmarkMemcpy/go-copy/1MiB", "MB/s", "MB/s")
	row("byte-set scan ≥ 0.5× memcpy bandwidth at 1MiB", got, ok, 0.5)
	got, ok = ratio("BenchmarkIndexAny/c-simd/1MiB", "BenchmarkCountByte/c-simd/1MiB", "MB/s", "MB/s")
	row("byte-set scan ≥ 0.7× the C CountByte kernel at 1MiB", got, ok, 0.7)
	for _, k := range []string{"IndexAny", "IndexAllAny", "Compare", "CountByte"} {
		for _, s := range sizes {
			got, ok = ratio("Benchmark"+k+"/binding/"+s, "Benchmark"+k+"/go-stdlib/"+s, "MB/s", "MB/s")
			row("simd."+k+" binding ≥ 1× go-stdlib at "+s, got, ok, 1)
		}
	}
	got, ok = ratio("BenchmarkSHA256/c-openssl/1MiB", "BenchmarkSHA256/go-stdlib/1MiB", "MB/s", "MB/s")
	row("SHA-256 ≥ 0.95× crypto/sha256 at 1MiB", got, ok, 0.95)
	for _, f := range []string{"SHA256", "HMACSHA256"} {
		for _, s := range sizes {
			got, ok = ratio("Benchmark"+f+"/binding/"+s, "Benchmark"+f+"/go-stdlib/"+s, "MB/s", "MB/s")
			row("crypto."+f+" binding ≥ 1× go-stdlib at "+s, got, ok, 1)
		}
	}
	for _, f := range []string{"SHA256Batch", "HMACSHA256Batch"} {
		// Speed ratio: Go's ns per message over C's.
		got, ok = ratio("Benchmark"+f+"/go-stdlib/n=1024", "Benchmark"+f+"/c-openssl/n=1024", "ns/item", "ns/item")
		row(f+" of 64 B messages ≥ 1× Go's per-message loop (n=1024)", got, ok, 1)
		got, ok = ratio("Benchmark"+f+"/go-stdlib/n=1024", "Benchmark"+f+"/binding/n=1024", "ns/item", "ns/item")
		row("crypto."+f+" binding of 64 B messages ≥ 1× Go's per-message loop (n=1024)", got, ok, 1)
	}
	aead := func(f, s string) (float64, bool) {
		return ratio("Benchmark"+f+"/c-openssl/"+s, "Benchmark"+f+"/go-stdlib/"+s, "MB/s", "MB/s")
	}
	for _, s := range []string{"16KiB", "1MiB"} {
		got, ok = aead("AESGCMSeal", s)
		row("AES-256-GCM seal ≥ 2× crypto/cipher at "+s, got, ok, 2)
	}
	for _, s := range []string{"1KiB", "16KiB", "1MiB"} {
		got, ok = aead("AESGCMSeal", s)
		row("AES-256-GCM seal ≥ 1× crypto/cipher at "+s, got, ok, 1)
	}
	got, ok = ratio("BenchmarkAESGCMSeal/c-openssl/16KiB", speedName("aes-256-gcm", "16KiB"), "MB/s", "MB/s")
	row("AES-256-GCM seal ≥ 0.85× openssl speed at 16KiB", got, ok, 0.85)
	for _, s := range []string{"16KiB", "1MiB"} {
		got, ok = aead("ChaCha20Poly1305Seal", s)
		row("ChaCha20-Poly1305 seal ≥ 1.8× x/crypto at "+s, got, ok, 1.8)
	}
	fmt.Fprintln(w)
}
