#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through playwright-core; no tool may download a browser of its own.
# The pay-day paper tests read the printed PDFs back with poppler's pdftotext (Debian poppler-utils).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "The tests need Debian's ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}' once." >&2
  exit 1
fi
echo "Installing Debian ${missing[*]} for the tests…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
