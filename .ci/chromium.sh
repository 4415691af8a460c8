#!/usr/bin/env bash
# Installs headless Chromium for the browser tests (tests/CollabBot.BrowserTests): Debian's chromium package,
# which puts the browser at /usr/bin/chromium. Playwright's own browser download does not work here, so the
# tests drive this system Chromium instead. Idempotent: exits 0 at once when Chromium is already there.
#
# .ci/run calls it before `dotnet test` (as root, DEBIAN_FRONTEND=noninteractive):
#     bash .ci/chromium.sh
#     export COLLABBOT_TEST_CHROMIUM=/usr/bin/chromium
# With the variable set, a missing or broken Chromium fails the browser tests instead of skipping them.
set -euo pipefail

chromium=/usr/bin/chromium

if [[ -x "$chromium" ]] && "$chromium" --version >/dev/null 2>&1; then
    echo "Chromium already installed: $("$chromium" --version 2>/dev/null)"
    exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
    echo "Installing Chromium needs root (apt-get install chromium)." >&2
    exit 1
fi

echo "Installing Chromium (Debian package chromium)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
"$chromium" --version 2>/dev/null
