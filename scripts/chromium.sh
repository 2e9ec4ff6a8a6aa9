#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for end-to-end tests and benchmarks; prints its path.
# Nothing downloads a browser of its own: playwright-core drives this one through executablePath.
set -euo pipefail
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
if [ "$(id -u)" != 0 ]; then
  echo "sightline: Chromium is needed for browser tests: install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH." >&2
  exit 2
fi
echo "sightline: installing Debian's chromium…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium fonts-dejavu-core >&2
echo /usr/bin/chromium
