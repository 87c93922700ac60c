#!/usr/bin/env bash
# Release build of ctg; prints the binary's path on stdout (the build's messages go to stderr).
# Extra arguments go to `swift build` (for example `--scratch-path DIR`).
#
# Swift's runtime and Foundation are linked into the binary (`--static-swift-stdlib`): a
# command starts in about 17 ms instead of 28 ms, and calls into the runtime (retain,
# release) are direct, for 3–6 % less CPU on a build or a check of 1,000 conventions.
# Static Foundation needs libcurl's development files (FoundationNetworking, which FlyingFox
# links): they are installed through apt when missing; without them the build is the usual
# dynamic one. libcmark and libyaml stay shared libraries (`-lcmark`, `-lyaml`, from
# pkg-config): the binary needs Debian's libcmark0.30.2 and libyaml-0-2 where it runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
STATIC=(--static-swift-stdlib)
if ! pkg-config --exists libcurl 2>/dev/null; then
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    echo "Installation de libcurl4-openssl-dev (apt), pour lier Swift et Foundation dans ctg…" >&2
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libcurl4-openssl-dev >/dev/null; } || true
    if ! pkg-config --exists libcurl 2>/dev/null; then
        echo "libcurl (développement) introuvable : ctg est construit sans --static-swift-stdlib" >&2
        STATIC=()
    fi
fi
swift build -c release --product ctg "${STATIC[@]}" "$@" >&2
echo "$(swift build -c release --product ctg "${STATIC[@]}" "$@" --show-bin-path)/ctg"
