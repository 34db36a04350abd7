#!/usr/bin/env bash
# Runs the whole helpdesk on this machine: embedded PostgreSQL, a KRaft Kafka broker and the five services.
# Needs only a JDK 17+. Options: --fresh (delete local data first), --no-demo (no demo organisation).
set -euo pipefail
cd "$(dirname "$0")"
echo "Building the services (first run downloads dependencies; later runs are incremental)..."
./mvnw -B -q -DskipTests package -pl ticket-service,sla-service,escalation-service,budget-service,gateway,local-stack -am
exec java -jar local-stack/target/local-stack-exec.jar "$@"
