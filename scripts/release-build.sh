#!/usr/bin/env bash
# Release build of ctg; prints the binary's path on stdout (the build's messages go to stderr).
# Extra arguments go to `swift build` (for example `--scratch-path DIR`).
#
# Swift's runtime and Foundation are linked into the binary (`--static-swift-stdlib`): a
# command starts in about 17 ms instead of 28 ms, and calls into the runtime (retain,
# release) are direct, for 3–6 % less CPU on a build or a check of 1,000 conventions.
# No libcurl is needed: nothing in ctg imports FoundationNetworking (only the tests do), so
# static Foundation links without it. libcmark and libyaml stay shared libraries (`-lcmark`,
# `-lyaml`, from pkg-config), and so do zlib and libxml2 (ZIPFoundation, and static
# FoundationXML's XMLParser, for XLSX and ODS sheets): the binary needs Debian's
# libcmark0.30.2, libyaml-0-2, zlib1g and libxml2 where it runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
STATIC=(--static-swift-stdlib)
swift build -c release --product ctg "${STATIC[@]}" "$@" >&2
echo "$(swift build -c release --product ctg "${STATIC[@]}" "$@" --show-bin-path)/ctg"
