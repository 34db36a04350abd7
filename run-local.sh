#!/usr/bin/env bash
# Runs the whole helpdesk on this machine: embedded PostgreSQL, a KRaft Kafka broker, the seven services and a local mailbox.
# Needs only a JDK 17+. Options: --fresh (delete local data first), --no-demo (no demo organisation).
set -euo pipefail
cd "$(dirname "$0")"
echo "Building the services (first run downloads dependencies; later runs are incremental)..."
./mvnw -B -q -DskipTests package -pl ticket-service,sla-service,escalation-service,budget-service,webhook-service,notification-service,gateway,local-stack -am
# The launcher only starts and watches the others: a small heap, the serial collector and C1 are plenty.
exec java -XX:+UseSerialGC -Xms16m -Xmx128m -XX:TieredStopAtLevel=1 -jar local-stack/target/local-stack-exec.jar "$@"
