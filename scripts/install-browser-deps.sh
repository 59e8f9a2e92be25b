#!/usr/bin/env bash
# Installs what the tests need on Debian beyond Java and Maven: Chromium, its WebDriver, a CJK and a Thai font for
# the browser tests (without them, Chinese and Thai render as boxes in the screenshots), and socat for the device
# agents' serial tests (pty pairs), and Debian's prometheus package for promtool (the /metrics test checks the
# hub's exposition text with `promtool check metrics`). Idempotent: a no-op when everything is already there; one apt-get update.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed' || missing+=(fonts-noto-cjk)
# Thai (the kiosk's ภาษาไทย): Noto Sans Thai UI, 5 MB (fonts-noto-core would be 42 MB); Vietnamese renders with CJK/DejaVu
dpkg-query -W -f='${Status}' fonts-noto-ui-core 2>/dev/null | grep -q 'install ok installed' || missing+=(fonts-noto-ui-core)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)

if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies (browser, socat, promtool): already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "test dependencies: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "test dependencies: installed ${missing[*]}"
