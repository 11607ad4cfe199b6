package main

// notes explains the figures; it is written for this code, not for one
// run, so it speaks of causes rather than of exact numbers.
const notes = `## Why the figures look the way they do

- **Small inputs lose to Go.** Every Native call crosses cgo (see "Cost of a
  call"). At 64 B that crossing costs more than the work, so go-stdlib wins
  there; the C kernels pay off from a few hundred bytes on. Batch small
  inputs, or use Pure for them.
- **Byte-set scan.** bytes.IndexAny with a multi-byte set is a byte-at-a-time
  loop over a 256-bit table; the C kernels test 64 (AVX-512BW) or 32 (AVX2)
  bytes per step with a set-size-independent nibble lookup, hence the wide
  margin at 4 KiB and above. At 1 MiB the data no longer fits in L1, and
  the scan is measured against copy() of the same buffer, which streams at
  the cache's bandwidth.
- **Compare and CountByte** race Go's own assembly (bytes.Equal and
  bytes.Count are already vectorised), so parity or a modest gain at large
  sizes is the expected outcome; the scalar C rows show what vectorising
  buys.
- **SHA-256 at 1 MiB** is bound by the SHA-NI instructions in both OpenSSL
  and Go, so the two are close; the cgo cost vanishes at this size.
- **Batches.** A batch call crosses cgo once and keeps one OpenSSL context
  for all its messages (the algorithm is fetched once per call; for HMAC the
  key is set once and each message re-initialises with a NULL key). What is
  left per message is OpenSSL's provider layer
  (EVP_DigestInit_ex2/Update/Final_ex or EVP_MAC_init/update/final) and
  handing the message to C. Messages under 1 KiB are copied into one reused,
  pointer-free buffer per batch: a pointer to each message stored in Go
  memory would have to be pinned with runtime.Pinner for the call, which
  costs more than copying a short message. Longer messages are pinned and
  read in place (see packThreshold in clib/crypto/native_cgo.go for the
  measured crossover). The provider layer's fixed cost per message depends
  on the OpenSSL version: small and allocation-free in OpenSSL 3.6 (about
  25 ns over the bare SHA-256 compression for a 64-byte message), larger
  in 3.0, where every re-initialisation allocates.
- **Noise.** The machine these figures come from is shared; medians of
  several runs damp but do not remove interference from other jobs.
`
