#!/usr/bin/env bash
# Runs the whole helpdesk on this machine: embedded PostgreSQL, a KRaft Kafka broker, the seven services and a local mailbox.
# Needs only a JDK 17+. Options: --fresh (delete local data first), --no-demo (no demo organisation).
set -euo pipefail
cd "$(dirname "$0")"
SERVICES=ticket-service,sla-service,escalation-service,budget-service,webhook-service,notification-service,gateway
# Built only when a source or pom changed since the last build of this script: a rebuild runs Spring AOT's build-time
# start of every service (about a minute) and gives the jars new modification times, which makes the next start
# record its class-data-sharing archives again (docs/local-stack.md). A build that fails leaves the mark where it was.
BUILT=local-stack/target/run-local.built
needs_build() {
  [ -f "$BUILT" ] && [ -f local-stack/target/local-stack-exec.jar ] || return 0
  for service in ${SERVICES//,/ }; do
    [ -f "$service/target/$service.jar" ] || return 0
  done
  [ -n "$(find . \( -path ./.git -o -path ./.helpdesk-data -o -name target -o -name node_modules \) -prune \
    -o -type f -newer "$BUILT" \( -name pom.xml -o -path '*/src/main/*' -o -path './.mvn/*' -o -name mvnw \) -print -quit)" ]
}
if needs_build; then
  echo "Building the services (first run downloads dependencies)..."
  mkdir -p local-stack/target
  touch "$BUILT.next"
  ./mvnw -B -q -DskipTests package -pl "$SERVICES,local-stack" -am
  mv "$BUILT.next" "$BUILT"
else
  echo "Nothing changed since the last build: starting the jars built then (./mvnw package, or any change, rebuilds)."
fi
# The launcher only starts and watches the others: a small heap, the serial collector and C1 are plenty.
exec java -XX:+UseSerialGC -Xms16m -Xmx128m -XX:TieredStopAtLevel=1 -jar local-stack/target/local-stack-exec.jar "$@"
