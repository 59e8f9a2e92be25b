#!/usr/bin/env bash
# The crash loop: a demo hub as a child process, SIGKILLed at random moments while kiosks issue, counters call and
# finish and event-stream followers listen; restarted on the same data each time; then every answered ticket is
# checked, no number given twice, no ticket called twice, followers back within 3 s with no gap (README, "Durability").
#   scripts/crash-loop.sh [--kills 100] [--seed N] [--dir DIR]
# Runs under nice: the machine may be shared. Exit status 1 when a check failed.
set -euo pipefail
cd "$(dirname "$0")/.."
args="${*:---kills 100}"
nice -n 10 mvn -B -q -ntp -pl hub -am install -DskipTests
exec nice -n 10 mvn -B -q -ntp -pl hub exec:java@crash-loop -Dexec.args="$args"
