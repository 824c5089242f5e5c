#!/usr/bin/env bash
# Pacing simulator: predictive vs progressive vs VICIdial fixed ratios and adaptive rules on one seeded call
# population. Builds the small shaded jar (dialer-service's pacing + simulation sources and this command) under the
# shared Maven lock, then runs it. Arguments go to the simulator, e.g.
#   bench/pacing-sim/run.sh --agents 20,100 --seeds 3 --hours 8
#   bench/pacing-sim/run.sh --agents 20 --profile realistic --set talk=lognormal:120:90 --explain 10
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  flock /tmp/waihu-mvn.lock mvn -B -o -q -f bench/pacing-sim/pom.xml package >&2
fi
exec java -jar bench/pacing-sim/target/pacing-sim.jar "$@"
