#!/usr/bin/env bash
# Install Debian's chromium for the browser test of `newskg viz` (tests/test_viz.py),
# unless a chromium is already on PATH. Quiet, and safe to run again.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: no chromium and no apt-get; install Chromium yourself" \
        "(the browser tests of tests/test_viz.py are skipped without it)" >&2
    exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
# Fonts are only recommended by the package; the page needs one to draw names.
"${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
command -v chromium >/dev/null
