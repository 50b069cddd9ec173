#!/usr/bin/env bash
# Installs the system Chromium that the browser tests drive (playwright-core never downloads browsers).
# Does nothing when it is already there. Called by .ci/run.
set -euo pipefail
CHROMIUM="${ASSENT_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  "$CHROMIUM" --version
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y chromium
"$CHROMIUM" --version
