package main

// notes explains the figures; it is written for this code, not for one
// run, so it speaks of mechanisms and leaves every figure and outcome to the
// tables above it.
const notes = `## Why the figures look the way they do

- **Small inputs.** Every call into C crosses cgo ("Cost of a call" gives
  what that costs on this machine). Where the crossing costs more than the
  work, Go wins; the c-simd rows at 64 B show whether it does here. The
  binding rows are what a caller gets: simd.Native sends a call to C only
  from its kernel's measured crossover on, so below it binding runs Pure.
  Batch small inputs where a batch call exists.
- **Byte-set scan.** bytes.IndexAny with a multi-byte set is a byte-at-a-time
  loop over a 256-bit table, and Pure a byte-at-a-time loop over a 256-entry
  table. The C kernels test 64 (AVX-512) or 32 (AVX2) bytes per step,
  whatever the set's size: with AVX-512VBMI two byte permutes look each byte
  up in the set's 256-bit bitmap, and without it three nibble shuffles do.
  At 1 MiB the data no longer fits in L1, so the scan is also measured
  against copy() of the same buffer and against the C CountByte kernel,
  which does the least work a byte-wise scan can.
- **Compare and CountByte** race Go's own assembly (bytes.Equal and
  bytes.Count are vectorised too); the scalar C rows show what vectorising
  buys. Pure.Compare finds equal inputs with bytes.Equal in one pass, so the
  binding keeps Compare in Go at every size unless the crossover table
  says otherwise.
- **The binding below its crossover** runs the same Go code as go-stdlib,
  behind a size check. Go's inliner does not inline a function that makes
  two calls (the Go one and the C one), so the check costs one call: the
  binding row of "Cost of a call" over the go-stdlib row. That is what
  separates the two at 64 B, where the whole call takes a few ns; at
  larger sizes it shrinks to noise, which the go-pure row (the same code
  as the binding's Go side) shows the size of. Profile-guided optimisation
  would inline the check; this repository does not use it.
- **SHA-256.** OpenSSL and Go both use the CPU's SHA extensions when it has
  them (sha_ni in the flags above). At 1 MiB the cgo crossing is negligible
  next to the work, so that column compares the two implementations. Where
  C was never faster when digestFrom was measured, crypto.Native runs Go:
  the binding rows then run the same code as go-stdlib, behind one more
  call, and differ from it by that and noise.
- **Batches.** A batch call crosses cgo once and keeps one OpenSSL context
  for all its messages (the algorithm is fetched once per process; for HMAC
  the key is set once and each message re-initialises with a NULL key). What is
  left per message is OpenSSL's provider layer
  (EVP_DigestInit_ex2/Update/Final_ex or EVP_MAC_init/update/final) and
  handing the message to C. Messages under 1 KiB are copied into one reused,
  pointer-free buffer per batch: a pointer to each message stored in Go
  memory would have to be pinned with runtime.Pinner for the call, which
  costs more than copying a short message. Longer messages are pinned and
  read in place (see packThreshold in clib/crypto/native_cgo.go). The
  provider layer's fixed cost per message differs between OpenSSL releases
  (some allocate on every re-initialisation), so compare batch figures only
  between runs with the same OpenSSL, which the header records. The
  openssl speed rows are OpenSSL's own loop over 64-byte messages, with no
  cgo at all: where that loop alone costs more per message than Go's, no
  binding can make the batch beat Go, because what is left is OpenSSL's
  per-message cost, not the crossing.
- **Ceilings.** Likewise, openssl speed's AEAD figures are about the most a
  binding can reach: the last column of "Against OpenSSL's own figure" is
  the largest ratio over Go that any binding could show, and a goal above
  it cannot be met on this CPU with this OpenSSL, however thin the binding.
- **Authenticated encryption.** Each AEAD keeps a pool of OpenSSL cipher
  contexts keyed once, so a call only sets the nonce; a context costs a key
  schedule, and for GCM the GHASH tables, to make. Both OpenSSL and Go use
  the CPU's AES and carry-less multiply instructions; the OpenSSL release
  decides whether wider vector code (VAES, VPCLMULQDQ) is used, so compare
  these rows only between runs with the same OpenSSL. Below a measured
  crossover (aeadNativeFrom in clib/crypto/aead_cgo.go) NativeAEAD hands
  the message to the pure-Go twin, so in those columns both rows run the
  same Go code and differ only by noise and one indirect call. An AEAD
  batch pins its output buffer once and copies short messages, as the
  digest batches do.
- **Noise.** Medians of several runs damp, but do not remove, interference
  from whatever else the machine is doing.
`
