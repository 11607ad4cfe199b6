#!/usr/bin/env bash
# run_under.sh PROGRAM ARGS...: --run_under for --config=linux_arm64. Runs
# PROGRAM under qemu-aarch64 when it is an arm64 ELF executable (with the
# arm64 loader and libraries of Debian's multiarch and cross packages), and
# as it is otherwise, so that shell-script tests still run natively.
set -euo pipefail

program="$1"
shift
# ELF header: bytes 0-3 "\x7fELF", e_machine at 18-19 (little-endian):
# 0xb7 0x00 is EM_AARCH64.
magic="$(head -c 4 "$program" | od -An -c | tr -d ' ')"
machine="$(od -An -tx1 -j18 -N2 "$program" | tr -d ' ')"
if [[ "$magic" == '177ELF' && "$machine" == b700 ]]; then
  exec qemu-aarch64 -L /usr/aarch64-linux-gnu "$program" "$@"
fi
exec "$program" "$@"
