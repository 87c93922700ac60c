#!/usr/bin/env bash
# Builds the example site: content/ → public/ (release build of ctg).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
swift build -c release --product ctg
.build/release/ctg build . "$@"
