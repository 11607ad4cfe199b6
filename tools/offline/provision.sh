#!/usr/bin/env bash
# Provisions the offline ("mirror mode") Bazel build root and runs Bazel in it.
#
# Usage: tools/offline/provision.sh <workspace> [bazel args...]
#
# Called by tools/bazel when no Bazel of the pinned version and no bazelisk is
# on PATH. It needs only what a mirror-only network offers: a Debian archive
# and the Go module proxy. Every step is idempotent and stamped, so a second
# run only re-checks the mounts and then execs Bazel. See tools/offline/README.md.
#
# Environment (all optional):
#   STARTER_OFFLINE_HOME    state directory (default /var/cache/go-c-starter)
#   STARTER_DEBIAN_MIRROR   Debian archive URL (default: the one the host's apt
#                           sources use, found by debian_mirror.sh)
#   STARTER_DEBIAN_SUITE    suite providing Bazel 7.7.1 (default sid)
set -euo pipefail

readonly WORKSPACE_DIR="$1"
shift

readonly STATE="${STARTER_OFFLINE_HOME:-/var/cache/go-c-starter}"
readonly ROOTFS="$STATE/root"
readonly SHARE="$STATE/share"
readonly SUITE="${STARTER_DEBIAN_SUITE:-sid}"
readonly OFFLINE_DIR="$WORKSPACE_DIR/tools/offline"

# Packages installed into the build root (shellcheck for //tools/lint, clangd for
# //tools/compile_commands:compile_commands_test, lcov's genhtml for
# //tools/coverage, openssl's `speed` for //tools/bench:clib, clang's
# sanitizer and libFuzzer runtimes for //tools/fuzz:defs.bzl's targets, and
# ARM64_PACKAGES below for --config=linux_arm64). Changing this list re-runs
# apt.
readonly PACKAGES=(
  bazel-bootstrap bazel-rules-shell
  gcc g++ libc6-dev git ca-certificates
  protobuf-compiler libprotobuf-dev
  libssl-dev openssl
  shellcheck
  clangd
  clang libclang-rt-dev
  pkgconf
  zlib1g-dev libsqlite3-dev libcurl4-openssl-dev libusb-1.0-0-dev liblua5.4-dev libexpat1-dev
  lcov
)

# For --config=linux_arm64 (tools/toolchains/linux_arm64): the aarch64 cross
# gcc, qemu-user to run the tests, and from Debian's multiarch packages the
# arm64 C library, libcrypto and //tools/cmock/corpus's -dev packages. A
# mirror that serves only amd64 cannot provide them; then they are left
# out with a warning, and only that config fails.
readonly ARM64_PACKAGES=(
  gcc-aarch64-linux-gnu qemu-user
  libc6-dev:arm64 libssl-dev:arm64
  zlib1g-dev:arm64 libsqlite3-dev:arm64 libcurl4-openssl-dev:arm64 libusb-1.0-0-dev:arm64
  liblua5.4-dev:arm64 libexpat1-dev:arm64
)

log() { printf '[offline] %s\n' "$*" >&2; }

die() {
  printf '[offline] error: %s\n' "$1" >&2
  shift
  for hint in "$@"; do printf '[offline]   hint: %s\n' "$hint" >&2; done
  exit 1
}

# stamp_ok NAME VALUE: true if step NAME last completed with the same VALUE.
stamp_ok() { [[ -f "$STATE/stamps/$1" && "$(cat "$STATE/stamps/$1")" == "$2" ]]; }
stamp_set() { mkdir -p "$STATE/stamps" && printf '%s' "$2" >"$STATE/stamps/$1"; }

check_host() {
  [[ "$(id -u)" == 0 ]] ||
    die "offline mode builds a chroot and needs root." \
      "run as root (e.g. sudo tools/bazel ...), or install bazelisk so tools/bazel delegates to it"
  command -v apt-get >/dev/null ||
    die "offline mode needs a Debian-like host (apt-get not found)." \
      "install bazelisk (https://github.com/bazelbuild/bazelisk) and use online mode"
  command -v go >/dev/null ||
    die "offline mode needs a Go SDK on PATH (go not found)." \
      "install the Go version named by the toolchain line in go.mod"
  local want have
  want="$(sed -n 's/^toolchain go//p' "$WORKSPACE_DIR/go.mod")"
  have="$(go env GOVERSION)"
  [[ -z "$want" || "$have" == "go$want" ]] ||
    die "go.mod pins Go $want but the host Go is ${have#go}; offline mode uses the host SDK." \
      "install Go $want, or put it first on PATH"
}

# debian_mirror prints the Debian archive to use: STARTER_DEBIAN_MIRROR, else
# the one the host's apt already uses (on a mirror-only network, that is the
# mirror).
debian_mirror() {
  if [[ -n "${STARTER_DEBIAN_MIRROR:-}" ]]; then
    printf '%s\n' "$STARTER_DEBIAN_MIRROR"
    return
  fi
  "$OFFLINE_DIR/debian_mirror.sh" /etc/apt ||
    die "found no Debian archive in the host's apt sources (/etc/apt/sources.list, /etc/apt/sources.list.d)." \
      "set STARTER_DEBIAN_MIRROR to the URL of a Debian $SUITE archive (the directory holding dists/)"
}

ensure_debootstrap() {
  command -v debootstrap >/dev/null && return
  log "installing debootstrap on the host"
  apt-get install -y --no-install-recommends debootstrap >/dev/null 2>&1 ||
    { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends debootstrap >/dev/null; } ||
    die "could not install debootstrap with apt-get." "check the host's apt sources reach a Debian archive"
}

ensure_rootfs() {
  [[ -f "$ROOTFS/.bootstrapped" ]] && return
  curl -fsS -o /dev/null --max-time 20 "$MIRROR/dists/$SUITE/Release" ||
    die "cannot reach the Debian archive at $MIRROR (suite $SUITE)." \
      "set STARTER_DEBIAN_MIRROR to a reachable mirror of Debian $SUITE"
  ensure_debootstrap
  log "bootstrapping Debian $SUITE into $ROOTFS (about a minute)"
  rm -rf "$ROOTFS.tmp"
  mkdir -p "$STATE"
  debootstrap --variant=minbase "$SUITE" "$ROOTFS.tmp" "$MIRROR" >"$STATE/debootstrap.log" 2>&1 ||
    die "debootstrap failed; see $STATE/debootstrap.log"
  rm -rf "$ROOTFS"
  mv "$ROOTFS.tmp" "$ROOTFS"
  touch "$ROOTFS/.bootstrapped"
}

configure_rootfs() {
  # Unstable's Release files expire between snapshots; an expired one must not
  # stop a reproducible install.
  printf 'Acquire::Check-Valid-Until "false";\n' >"$ROOTFS/etc/apt/apt.conf.d/99no-check-valid-until"
  printf 'deb [check-valid-until=no] %s %s main\n' "$MIRROR" "$SUITE" >"$ROOTFS/etc/apt/sources.list"
  # Go's TLS (go mod download inside Bazel) needs the host's CA bundle before
  # the root has its own, and DNS needs the host's resolver.
  install -D -m 0644 /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/ca-certificates.crt"
  cp -L /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
}

# apt_install LOG FIRST PACKAGES: in the build root, runs the shell command
# FIRST, then apt-get update and an install of PACKAGES (a space-separated
# list), with their output in LOG.
apt_install() {
  chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
    sh -c "$2 && apt-get update -q && apt-get install -y -q --no-install-recommends $3" >"$1" 2>&1
}

ensure_packages() {
  local want="${PACKAGES[*]}"
  stamp_ok packages "$want" && return
  log "installing into the build root: $want"
  apt_install "$STATE/apt.log" "dpkg --configure -a" "$want" ||
    die "apt-get in the build root failed; see $STATE/apt.log" \
      "check that $MIRROR serves Debian $SUITE"
  # ca-certificates regenerates the bundle from its own store; keep the host's
  # in case it trusts a corporate proxy.
  install -m 0644 /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/ca-certificates.crt"
  stamp_set packages "$want"
}

# ensure_arm64_packages installs ARM64_PACKAGES, or warns once (until the
# list changes) that the mirror could not provide them.
ensure_arm64_packages() {
  local want="${ARM64_PACKAGES[*]}"
  stamp_ok arm64-packages "$want" && return
  log "installing the linux/arm64 cross packages into the build root"
  if ! apt_install "$STATE/apt-arm64.log" "dpkg --add-architecture arm64" "$want"; then
    log "warning: $MIRROR did not provide the linux/arm64 cross packages (see $STATE/apt-arm64.log);" \
      "--config=linux_arm64 will fail, and .ci/run needs STARTER_SKIP_ARM64=1"
    # Without arm64 on the mirror, a later apt-get update would fail on
    # its arm64 indices.
    chroot "$ROOTFS" dpkg --remove-architecture arm64 >>"$STATE/apt-arm64.log" 2>&1 || true
  fi
  stamp_set arm64-packages "$want"
}

# bind DIR: makes host DIR visible at the same path inside the root, so paths
# (workspace, bazel-bin links, GOROOT) mean the same thing on both sides.
#
# Mounts outlive the runs that made them, so one may already be there. It is
# reused only if it shows DIR itself (same device and inode). A directory
# deleted and made again at the same path (a CI clone that reuses its path)
# leaves a mount of the deleted directory, and Bazel inside it then dies with
# "getcwd() failed"; such a mount is replaced.
bind() {
  local src="$1" dst="$ROOTFS$1"
  # A fresh machine may not have a Go module cache yet.
  mkdir -p "$src" "$dst"
  if mountpoint -q "$dst"; then
    [[ "$(stat -c %d:%i "$src")" == "$(stat -c %d:%i "$dst")" ]] && return
    log "replacing a stale mount of $src in the build root"
    umount -l "$dst" || die "could not unmount the stale $dst." "unmount it by hand: umount -l $dst"
  fi
  mount --bind "$src" "$dst"
}

ensure_mounts() {
  mkdir -p "$ROOTFS/proc" "$ROOTFS/sys" "$ROOTFS/dev"
  mountpoint -q "$ROOTFS/proc" || mount -t proc proc "$ROOTFS/proc"
  mountpoint -q "$ROOTFS/sys" || mount --rbind /sys "$ROOTFS/sys"
  mountpoint -q "$ROOTFS/dev" || mount --rbind /dev "$ROOTFS/dev"
  mkdir -p "$SHARE"
  bind "$SHARE"
  bind "$WORKSPACE_DIR"
  bind "$(go env GOROOT)"
  bind "$(go env GOMODCACHE)"
}

# bazel_dep_version NAME: the version MODULE.bazel pins for NAME.
bazel_dep_version() {
  sed -n "s/^bazel_dep(name = \"$1\", version = \"\([^\"]*\)\".*/\1/p" "$WORKSPACE_DIR/MODULE.bazel"
}

# fetch_go_module PATH VERSION DEST: copies a Go module zip's tree to DEST.
# Module zips carry no file modes, so the scripts rules_go runs need +x back.
fetch_go_module() {
  local dir
  dir="$(go mod download -json "$1@$2" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  [[ -n "$dir" ]] || die "go mod download $1@$2 failed." "check GOPROXY ($(go env GOPROXY)) is reachable"
  rm -rf "$3"
  cp -R "$dir" "$3"
  chmod -R u+w "$3"
  find "$3" -name '*.sh' -exec chmod +x {} +
}

ensure_rule_modules() {
  local rules_go gazelle patch_sum
  rules_go="$(bazel_dep_version rules_go)"
  gazelle="$(bazel_dep_version gazelle)"
  patch_sum="$(cat "$OFFLINE_DIR"/patches/*.patch | sha256sum)"
  if ! stamp_ok rules_go "$rules_go $patch_sum"; then
    log "preparing rules_go v$rules_go from the Go module proxy"
    fetch_go_module github.com/bazelbuild/rules_go "v$rules_go" "$SHARE/rules_go"
    patch -s -d "$SHARE/rules_go" -p1 <"$OFFLINE_DIR/patches/rules_go-host-sdk.patch"
    stamp_set rules_go "$rules_go $patch_sum"
  fi
  if ! stamp_ok gazelle "$gazelle"; then
    log "preparing gazelle v$gazelle from the Go module proxy"
    fetch_go_module github.com/bazelbuild/bazel-gazelle "v$gazelle" "$SHARE/gazelle"
    # go_repository_tools builds gazelle in GOPATH mode from vendor/, which
    # module zips drop.
    (cd "$SHARE/gazelle" && GOFLAGS=-mod=mod go mod vendor -e >/dev/null 2>&1) ||
      die "go mod vendor failed for gazelle v$gazelle."
    stamp_set gazelle "$gazelle"
  fi
}

write_bazelrc() {
  mkdir -p "$SHARE/registry"
  printf '{}\n' >"$SHARE/registry/bazel_registry.json"
  cat >"$SHARE/offline.bazelrc.tmp" <<EOF
# Generated by tools/offline/provision.sh; do not edit.
import %workspace%/tools/offline/offline.bazelrc
common --registry=file://$SHARE/registry
common --override_module=rules_go=$SHARE/rules_go
common --override_module=gazelle=$SHARE/gazelle
common --repo_env=GOMODCACHE=$(go env GOMODCACHE)
EOF
  mv "$SHARE/offline.bazelrc.tmp" "$SHARE/offline.bazelrc"
}

# write_launcher: $SHARE/bazel runs the root's Bazel with this mode's startup
# flags. It is exported as BAZEL_REAL, so a tool that `bazel run` starts inside
# the root (compile_commands, the rebuild benchmark) and that calls tools/bazel
# again reaches Bazel directly instead of provisioning a root inside the root.
write_launcher() {
  cat >"$SHARE/bazel.tmp" <<EOF
#!/bin/sh
# Generated by tools/offline/provision.sh; do not edit.
exec /usr/bin/bazel --output_user_root=$SHARE/output --bazelrc=$SHARE/offline.bazelrc "\$@"
EOF
  chmod +x "$SHARE/bazel.tmp"
  mv "$SHARE/bazel.tmp" "$SHARE/bazel"
}

main() {
  check_host
  MIRROR="$(debian_mirror)" || exit 1
  mkdir -p "$STATE"
  exec 9>"$STATE/.lock"
  flock 9
  ensure_rootfs
  configure_rootfs
  ensure_mounts # before apt: the JDK's postinst needs /proc
  ensure_packages
  ensure_arm64_packages
  ensure_rule_modules
  write_bazelrc
  write_launcher
  flock -u 9

  local goroot
  goroot="$(go env GOROOT)"
  # A clean environment, plus what tests read through env_inherit (CI and
  # PROTOBREAK_AGAINST for //tools/protobreak:contracts_test). The
  # single-quoted script is expanded by the shell inside the root.
  # shellcheck disable=SC2016
  exec chroot "$ROOTFS" /usr/bin/env -i \
    HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" USER=root \
    PATH="$goroot/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    GOPROXY="$(go env GOPROXY)" GONOSUMDB="$(go env GONOSUMDB)" GOPRIVATE="$(go env GOPRIVATE)" \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt BAZEL_REAL="$SHARE/bazel" \
    ${CI:+"CI=$CI"} ${PROTOBREAK_AGAINST:+"PROTOBREAK_AGAINST=$PROTOBREAK_AGAINST"} \
    /bin/sh -c 'cd "$0" && exec "$BAZEL_REAL" "$@"' "$PWD" "$@"
}

main "$@"
