#!/usr/bin/env bash
# Starts bazel-remote (github.com/buchgr/bazel-remote), a remote cache server,
# on loopback and prints its gRPC endpoint once it answers.
#
# Usage: tools/remotecache/start.sh [--dir DIR] [--grpc-port N] [--http-port N] [--max-size GIB]
#
# DIR holds the cache (DIR/data), the server's pid and its log. Defaults:
# DIR=${XDG_CACHE_HOME:-~/.cache}/go-c-starter/bazel-remote/cache, ports 9092
# (gRPC, what Bazel uses) and 9093 (HTTP, /status), 10 GiB.
# Point Bazel at it with a line in user.bazelrc:
#   build:remote --remote_cache=grpc://127.0.0.1:9092
# and build with --config=remote. Stop it with tools/remotecache/stop.sh [--dir DIR].
set -euo pipefail

# The pinned release. The module proxy serves this version but not the
# module's version list, which `go install pkg@version` insists on reading,
# so the script downloads the module and builds it in place instead.
readonly MODULE=github.com/buchgr/bazel-remote/v2
readonly VERSION=v2.6.2

cache_home="${XDG_CACHE_HOME:-$HOME/.cache}/go-c-starter/bazel-remote"
dir="$cache_home/cache"
grpc_port=9092
http_port=9093
max_size=10
while [[ $# -gt 0 ]]; do
  case "$1" in
  --dir) dir="$2" ;;
  --grpc-port) grpc_port="$2" ;;
  --http-port) http_port="$2" ;;
  --max-size) max_size="$2" ;;
  *)
    echo "usage: $0 [--dir DIR] [--grpc-port N] [--http-port N] [--max-size GIB]" >&2
    exit 2
    ;;
  esac
  shift 2
done

log() { printf '[remote-cache] %s\n' "$*" >&2; }

# build_server prints the path of the bazel-remote binary, building it with
# the host's Go the first time. Its go.sum pins every dependency.
build_server() {
  local bin="$cache_home/$VERSION/bazel-remote" src
  if [[ ! -x "$bin" ]]; then
    log "building bazel-remote $VERSION with $(go env GOVERSION) (once; about three minutes)"
    src="$(GOFLAGS=-mod=mod go mod download -json "$MODULE@$VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
    [[ -n "$src" ]] || {
      log "go mod download $MODULE@$VERSION failed; check GOPROXY ($(go env GOPROXY))"
      exit 1
    }
    mkdir -p "$(dirname "$bin")"
    (cd "$src" && GOWORK=off GOFLAGS=-mod=readonly go build -trimpath -o "$bin.tmp" .)
    mv "$bin.tmp" "$bin"
  fi
  printf '%s\n' "$bin"
}

bin="$(build_server)"
# bazel-remote refuses files it did not write in its directory, so the pid
# and log live beside its data, not in it.
mkdir -p "$dir/data"
pidfile="$dir/bazel-remote.pid"
if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  log "already running (pid $(cat "$pidfile")) for $dir"
else
  nohup "$bin" --dir "$dir/data" --max_size "$max_size" \
    --grpc_address "127.0.0.1:$grpc_port" --http_address "127.0.0.1:$http_port" \
    >"$dir/bazel-remote.log" 2>&1 &
  echo $! >"$pidfile"
fi

# Ready when the gRPC port accepts connections (bazel-remote listens only
# after loading its index); give up after 30 s. Bash's /dev/tcp, because
# curl is not in offline mode's build root.
for _ in $(seq 60); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$grpc_port") 2>/dev/null; then
    log "ready: pid $(cat "$pidfile"), cache in $dir, log in $dir/bazel-remote.log"
    echo "grpc://127.0.0.1:$grpc_port"
    exit 0
  fi
  kill -0 "$(cat "$pidfile")" 2>/dev/null || break
  sleep 0.5
done
log "bazel-remote did not become ready; last lines of $dir/bazel-remote.log:"
tail -n 20 "$dir/bazel-remote.log" >&2
exit 1
