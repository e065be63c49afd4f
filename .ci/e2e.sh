#!/usr/bin/env bash
# Browser tests: Debian's Chromium (installed if missing, never downloaded by a tool) and
# a CJK font so the Chinese screenshots are readable. Then `npm run test:e2e`.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || missing+=(fonts-wqy-zenhei)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}" npm run test:e2e
