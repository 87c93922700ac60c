#!/usr/bin/env bash
# Installs what ctg needs to build on Debian, through pkg-config: libcmark and libyaml (the
# Markdown and YAML readers), zlib (ZIPFoundation, for XLSX and ODS sheets) and libxml2
# (Foundation's XMLParser, for their XML). Idempotent.
set -euo pipefail
if pkg-config --exists libcmark yaml-0.1 zlib libxml-2.0 2>/dev/null; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "Installation de libcmark-dev, libyaml-dev, zlib1g-dev et libxml2-dev (apt)…" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends pkg-config libcmark-dev libyaml-dev zlib1g-dev libxml2-dev >/dev/null
pkg-config --exists libcmark yaml-0.1 zlib libxml-2.0
