#!/usr/bin/env bash
# Stops the bazel-remote that tools/remotecache/start.sh started for DIR.
#
# Usage: tools/remotecache/stop.sh [--dir DIR]
set -euo pipefail

dir="${XDG_CACHE_HOME:-$HOME/.cache}/go-c-starter/bazel-remote/cache"
if [[ "${1:-}" == --dir ]]; then
  dir="$2"
fi
pidfile="$dir/bazel-remote.pid"
if [[ ! -f "$pidfile" ]]; then
  echo "[remote-cache] not running for $dir (no $pidfile)" >&2
  exit 0
fi
pid="$(cat "$pidfile")"
if kill "$pid" 2>/dev/null; then
  # Wait for it to let go of the ports, so a new start can bind them.
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  echo "[remote-cache] stopped pid $pid" >&2
fi
rm -f "$pidfile"
