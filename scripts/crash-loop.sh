#!/usr/bin/env bash
# The crash loop: a demo hub as a child process, SIGKILLed at random moments while kiosks issue, counters call and
# finish and event-stream followers listen; restarted on the same data and port each time; then every answered
# ticket is checked, no number given twice, no ticket called twice, followers back within 3 s with no gap
# (README, "Durability: the crash loop").
#   scripts/crash-loop.sh [KILLS=100] [SEED]
# Runs under nice (the machine may be shared), through the build's own classes (CrashLoopTest with
# -Dcrash.kills). Exit status non-zero when a check failed; the figures are the "crash loop:" line.
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-100}"
seed="${2:-$RANDOM$RANDOM}"
exec nice -n 10 mvn -B -ntp -pl hub -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest=CrashLoopTest \
    -Dcrash.kills="$kills" -Dcrash.seed="$seed" test
