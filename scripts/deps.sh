#!/usr/bin/env bash
# Installs what ctg needs to build on Debian: libcmark and libyaml (through pkg-config). Idempotent.
set -euo pipefail
if pkg-config --exists libcmark yaml-0.1 2>/dev/null; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "Installation de libcmark-dev et libyaml-dev (apt)…" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends pkg-config libcmark-dev libyaml-dev >/dev/null
pkg-config --exists libcmark yaml-0.1
