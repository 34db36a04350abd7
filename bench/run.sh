#!/usr/bin/env bash
# Runs one benchmark: bench/run.sh commands|gateway|propagation|replay|timers|footprint|pipeline  (BENCH_SECONDS=20 per measurement)
# BENCH_MAVEN_REPO=<dir>: every Maven call uses that local repository (-Dmaven.repo.local), so the install does not
# touch ~/.m2. pipeline: BENCH_BASELINE_JARS=<dir> (<dir>/<service>/target/<service>.jar) runs the same phases
# against those jars first, then against the tree's build, and reports both and the ratios.
set -euo pipefail
# One token drives the load: the per-user rate limit of the gateway would measure itself, not the system.
export HELPDESK_GATEWAY_RATE_LIMIT_ENABLED=false
# The same for builds before the HELPDESK_GATEWAY_* names (a baseline's jars).
export HELPDESK_RATE_LIMIT_ENABLED=false
export AXONIQ_UPDATE_CHECKER_DISABLED=true
# The local stack's defaults are tuned for a quick start (Kafka on C1 only with a small heap, class data sharing
# recorded on a first run): benchmarks measure C2-compiled JVMs, Kafka included, and the jars as built. The launcher
# reads these from its own environment (KafkaBroker, ClassDataSharing), so they are set here, not in Bench.java.
export HELPDESK_KAFKA_JAVA_OPTS="${HELPDESK_KAFKA_JAVA_OPTS:--Xmx512m}"
export HELPDESK_CDS="${HELPDESK_CDS:-false}"
# Other builds share the 2 cores: a service may need more than the stack's default 240 s to become ready.
export HELPDESK_READY_TIMEOUT_SECONDS="${HELPDESK_READY_TIMEOUT_SECONDS:-600}"
maven=(-B -q)
if [[ -n "${BENCH_MAVEN_REPO:-}" ]]; then
  maven+=("-Dmaven.repo.local=${BENCH_MAVEN_REPO}")
fi
cd "$(dirname "$0")/.."
./mvnw "${maven[@]}" -DskipTests install -pl ticket-service,sla-service,escalation-service,budget-service,webhook-service,notification-service,gateway,local-stack -am
./mvnw "${maven[@]}" -DskipTests install -N
./mvnw "${maven[@]}" -Pbench -pl bench compile exec:exec -Dbench="${1:-}"
