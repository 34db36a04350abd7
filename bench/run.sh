#!/usr/bin/env bash
# Runs one benchmark: bench/run.sh commands|gateway|propagation|footprint  (BENCH_SECONDS=20 per measurement)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests install -pl ticket-service,sla-service,escalation-service,budget-service,gateway,local-stack -am
./mvnw -B -q -DskipTests install -N
./mvnw -B -q -Pbench -pl bench compile exec:exec -Dbench="${1:-}"
