#!/usr/bin/env bash
# Runs the test suite (Swift Testing), after installing what the build needs, and LibreOffice
# (headless, from Debian) for the test that opens the sheets ctg writes: when it cannot be
# installed, that test is skipped and this script says so.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
if ! command -v soffice >/dev/null 2>&1; then
    SUDO=""; if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    echo "Installation de LibreOffice Calc sans interface (apt), pour le test des feuilles XLSX et ODS…" >&2
    if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null; }; then
        echo "LibreOffice n'a pas pu être installé : le test « LibreOffice opens what ctg tableur writes » sera sauté." >&2
    fi
fi
swift build --build-tests
swift test --skip-build "$@"
if ! command -v soffice >/dev/null 2>&1; then
    echo "Attention : LibreOffice absent, le test des feuilles XLSX et ODS avec LibreOffice a été sauté." >&2
fi
