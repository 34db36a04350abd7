#!/usr/bin/env bash
# The gateway alone: CPU per proxied request of one or more gateway jars, one after the other on the same machine,
# each in front of the same stand-in ticket service (no database, Kafka or other service), rate limit off, one token.
# usage: bench/gateway-cpu/run.sh <label>=<gateway.jar>[,VAR=value...] ...
#   e.g. before=/work/baseline-15/gateway/target/gateway.jar after=gateway/target/gateway.jar
#   (VAR=value: environment of that gateway only, e.g. MANAGEMENT_OBSERVATIONS_ENABLE_SPRING_SECURITY=false)
# Knobs: GW_WARMUP (longest warm-up in s, 300; it ends earlier once the gateway's JIT compilers use under 5 % of one core over 10 s), GW_MEASURE (s, 20), GW_CLIENTS ("4 1"), GW_JFR=<dir> (record each gateway with JFR,
# settings=profile, into <dir>/<label>.jfr). Prints one line per label and client count.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d /tmp/gateway-cpu.XXXXXX)"
javac -d "$work/classes" "$here/GatewayCpu.java"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("",0));print(s.getsockname()[1])'; }
secret="benchmark-secret-0123456789-0123456789-abcdef"
standin_port=$(free_port)
java -Xmx128m -cp "$work/classes" GatewayCpu standin "$standin_port" > "$work/standin.log" 2>&1 &
standin=$!
trap 'kill $standin 2>/dev/null || true' EXIT
for spec in "$@"; do
  label="${spec%%=*}"; rest="${spec#*=}"; IFS=',' read -r -a parts <<< "$rest"; jar="${parts[0]}"; extra=("${parts[@]:1}")
  port=$(free_port); management=$(free_port)
  jfr=()
  if [[ -n "${GW_JFR:-}" ]]; then jfr=("-XX:StartFlightRecording=settings=profile,filename=${GW_JFR}/${label}.jfr"); fi
  env HELPDESK_GATEWAY_PORT="$port" HELPDESK_GATEWAY_MANAGEMENT_PORT="$management" HELPDESK_MANAGEMENT_ADDRESS=127.0.0.1 \
      HELPDESK_GATEWAY_ADDRESS=127.0.0.1 HELPDESK_JWT_SECRET="$secret" HELPDESK_SECURITY_ISSUER=helpdesk-local-stack \
      HELPDESK_SECURITY_AUDIENCE=helpdesk-api HELPDESK_GATEWAY_RATE_LIMIT_ENABLED=false HELPDESK_RATE_LIMIT_ENABLED=false \
      HELPDESK_GATEWAY_TICKETS_URL="http://127.0.0.1:$standin_port" "${extra[@]}" \
      java -Xmx512m "${jfr[@]}" -jar "$jar" > "$work/$label.log" 2>&1 &
  gateway=$!
  for i in $(seq 1 600); do
    if curl -sf "http://127.0.0.1:$management/actuator/health/readiness" > /dev/null; then break; fi
    sleep 1
  done
  for clients in ${GW_CLIENTS:-4 1}; do
    echo -n "$label "
    java -Xmx256m -cp "$work/classes" GatewayCpu load "http://127.0.0.1:$port" "$secret" "$gateway" "$clients" \
        "${GW_WARMUP:-300}" "${GW_MEASURE:-20}"
  done
  kill "$gateway"; wait "$gateway" || true
done
