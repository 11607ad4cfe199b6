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
- **Batches.** Each message in a C batch goes through OpenSSL's provider
  layer (EVP_DigestInit_ex2/Update/Final_ex, or EVP_MAC_init/update/final),
  whose fixed cost per message is of the same order as hashing 64 bytes with
  SHA-NI. For HMAC, re-initialising an EVP_MAC context copies the keyed
  digest contexts, which allocates in OpenSSL 3.0; Go's hmac.Reset restores
  a saved state without allocating. On top of that, the cgo pointer rules
  make the binding pin every message with runtime.Pinner (C reads it through
  a pointer stored in Go memory); Pin plus Unpin cost about 85 ns per
  message when measured alone on the same machine, a third of the budget
  for a 64-byte message. The batch API amortises the cgo crossing, not these
  per-message costs. Closing the gap needs either copying small messages
  into one C buffer (giving up zero-copy) or a lower-level API than EVP;
  this module does neither on purpose.
- **Noise.** The machine these figures come from is shared; medians of
  several runs damp but do not remove interference from other jobs.
`
