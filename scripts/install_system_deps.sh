#!/usr/bin/env bash
# Install the Debian packages the project needs (CJK font, chromium) when they are missing.
# Runs as root on CI and on the dev machines; elsewhere it only says what is missing.
set -euo pipefail
need=()
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei fontconfig)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${need[*]}. Install them as root: apt-get install -y ${need[*]}" >&2
  exit 0
fi
echo "Installing system packages: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
