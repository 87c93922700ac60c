#!/usr/bin/env bash
# Runs the test suite (Swift Testing), after installing what the build needs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
swift build --build-tests
swift test --skip-build "$@"
