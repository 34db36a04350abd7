#!/usr/bin/env bash
# Runs one benchmark: bench/run.sh commands|gateway|propagation|replay|timers|footprint  (BENCH_SECONDS=20 per measurement)
set -euo pipefail
# One token drives the load: the per-user rate limit of the gateway would measure itself, not the system.
export HELPDESK_GATEWAY_RATE_LIMIT_ENABLED=false
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests install -pl ticket-service,sla-service,escalation-service,budget-service,gateway,local-stack -am
./mvnw -B -q -DskipTests install -N
./mvnw -B -q -Pbench -pl bench compile exec:exec -Dbench="${1:-}"
