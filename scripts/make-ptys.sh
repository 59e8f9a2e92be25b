#!/usr/bin/env bash
# Makes the pty pairs for trying the device agents on a laptop (README: "The whole chain on a laptop"):
#   $DIR/printer-agent <-> $DIR/printer-device   (kiosk.jar --serial ...-agent; the test printer on ...-device)
#   $DIR/display-agent <-> $DIR/display-device   (counter-terminal.jar --serial ...-agent; the test display)
# Each pair is one socat process: socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B.
# Usage: scripts/make-ptys.sh [DIR]        (default /tmp/queue-ptys; runs until Ctrl-C)
#        scripts/make-ptys.sh stop [DIR]
set -euo pipefail

if [ "${1:-}" = "stop" ]; then
  dir="${2:-/tmp/queue-ptys}"
  for f in "$dir"/*.pid; do
    [ -e "$f" ] || continue
    kill "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  echo "pty pairs in $dir stopped"
  exit 0
fi

command -v socat >/dev/null 2>&1 || { echo "socat is missing: bash scripts/install-browser-deps.sh installs it" >&2; exit 2; }
dir="${1:-/tmp/queue-ptys}"
mkdir -p "$dir"
for name in printer display; do
  rm -f "$dir/$name-agent" "$dir/$name-device"
  socat "pty,raw,echo=0,link=$dir/$name-agent" "pty,raw,echo=0,link=$dir/$name-device" &
  echo $! > "$dir/$name.pid"
done
for name in printer display; do
  for i in $(seq 1 100); do
    [ -e "$dir/$name-agent" ] && [ -e "$dir/$name-device" ] && break
    sleep 0.05
  done
  echo "$dir/$name-agent <-> $dir/$name-device"
done
echo "pty pairs ready; Ctrl-C (or scripts/make-ptys.sh stop $dir) removes them"
trap 'kill $(cat "$dir"/*.pid) 2>/dev/null; rm -f "$dir"/*.pid; exit 0' INT TERM
wait
