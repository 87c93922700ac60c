#!/usr/bin/env bash
# Builds the example site: content/ → public/ (release build of ctg, see release-build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
CTG=$(bash scripts/release-build.sh)
"$CTG" build . "$@"
