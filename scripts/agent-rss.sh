#!/usr/bin/env bash
# Resident memory of the three device agents under the JVM flags and environment of their systemd units
# (deploy/queue-kiosk.service, queue-counter.service, queue-board.service), each --demo --simulate against one
# demo hub: the kiosk gets a press every 5 s (a ticket issued and its slip printed to a file), the panel a call,
# the board follows and renders. After SECONDS_RUN (40) seconds prints VmRSS and thread count of each.
# Run from the repository root after `mvn install -DskipTests`. EXTRA="-X..." adds flags to all three agents,
# EXTRA_ENV="NAME=VALUE" environment variables.
# NMT=1 adds -XX:NativeMemoryTracking=summary and prints each agent's summary (NMT costs a few MB itself).
# The units map a class-data archive of their own (-XX:SharedArchiveFile=/var/lib/queue-agent/%N.jsa; %N is the
# unit's name); CDS_DIR=DIR reads the archives from DIR instead (a missing one: the JVM runs without it).
# TRAIN=1 writes them there (-XX:ArchiveClassesAtExit, at the agents' exit) instead of reading them: the install
# step, run as the agents' user with JAR_DIR=/opt/queue (an archive only serves the jar path and JVM it was made with).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-18391}
run=${SECONDS_RUN:-40}
work=$(mktemp -d /tmp/agent-rss.XXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cds_dir=${CDS_DIR:-/var/lib/queue-agent}
jar_dir=${JAR_DIR:-}
flags_of() {  # the JVM flags of a unit's ExecStart (between the java binary and -jar), %N and CDS_DIR applied
  local train="s/^//"
  [[ "${TRAIN:-}" == 1 ]] && train="s/-XX:SharedArchiveFile=/-XX:ArchiveClassesAtExit=/"
  sed -n '/^ExecStart=/,/-jar/p' "deploy/$1" | tr -d '\\' | tr '\n' ' ' | sed -e 's/^ExecStart=[^ ]*java //' -e 's/ -jar .*//' \
    -e "s|%N|${1%.service}|g" -e "s|/var/lib/queue-agent|$cds_dir|g" -e "$train"
}
jar_of() { if [[ -n "$jar_dir" ]]; then echo "$jar_dir/$(basename "$1")"; else echo "$1"; fi; }
env_of() {  # the unit's Environment= lines other than the token, as NAME=VALUE words
  sed -n 's/^Environment=//p' "deploy/$1" | grep -v QUEUE_DEVICE_TOKEN || true
}

[[ "${TRAIN:-}" == 1 ]] && mkdir -p "$cds_dir"
java -Xmx128m -XX:+UseSerialGC -jar "$(jar_of hub/target/hub.jar)" --demo --port "$port" --data "$work/data" >"$work/hub.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 1; done

start_agent() {  # name unit jar press-word
  local name=$1 unit=$2 jar=$3 word=$4 nmt=""
  [[ "${NMT:-}" == 1 ]] && nmt="-XX:NativeMemoryTracking=summary"
  mkfifo "$work/$name.in"; : >"$work/$name.out"
  # shellcheck disable=SC2046
  env $(env_of "$unit") ${EXTRA_ENV:-} java $(flags_of "$unit") ${EXTRA:-} $nmt -jar "$(jar_of "$jar")" --hub "http://127.0.0.1:$port" \
    --demo --simulate --serial "$work/$name.out" <"$work/$name.in" >"$work/$name.log" 2>&1 &
  pids+=($!)
  eval "${name}_pid=$!"
  ( while sleep 5; do echo "$word"; done >"$work/$name.in" ) &
  pids+=($!)
}
start_agent kiosk queue-kiosk.service kiosk/target/kiosk.jar transcript
start_agent counter queue-counter.service counter-terminal/target/counter-terminal.jar call
start_agent board queue-board.service display-board/target/display-board.jar ""
sleep "$run"
for name in kiosk counter board; do
  pid_var="${name}_pid"; pid=${!pid_var}
  if [[ -r /proc/$pid/status ]]; then
    printf '%-8s %s  threads %s  cpu %s s  (printed/written %s bytes)\n' "$name" "$(grep -E 'VmRSS|RssAnon|RssFile' /proc/"$pid"/status | tr -s ' \t\n' ' ')" \
      "$(grep Threads /proc/"$pid"/status | awk '{print $2}')" \
      "$(awk -v t="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / t}' /proc/"$pid"/stat)" "$(stat -c %s "$work/$name.out" 2>/dev/null || echo 0)"
    [[ "${NMT:-}" == 1 ]] && jcmd "$pid" VM.native_memory summary | grep -E '^-|committed=' | grep -E '^-' | sed 's/^/    /'
  else
    echo "$name exited:"; tail -5 "$work/$name.log"
  fi
done
