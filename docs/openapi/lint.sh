#!/usr/bin/env bash
# Lints the services' OpenAPI documents with Spectral's `spectral:oas` ruleset (.spectral.yaml next to this file);
# fails on any warning. Manual use, not part of CI.
#
#   docs/openapi/lint.sh            saves the documents of a running stack through the gateway
#                                   (GATEWAY_URL, default http://localhost:8080: /v3/api-docs/{tickets,sla,escalations,budgets,webhooks,notifications})
#   docs/openapi/lint.sh tests      lints the documents the services' tests saved (<service>/target/openapi/api-docs.json,
#                                   written by ApiDocumentAssertions when `./mvnw -pl <service> -am verify` ran)
#
# Spectral comes from npm: SPECTRAL (default `npx --yes @stoplight/spectral-cli`).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
spectral=${SPECTRAL:-npx --yes @stoplight/spectral-cli}
docs=$(mktemp -d)
trap 'rm -rf "$docs"' EXIT

if [[ "${1:-}" == "tests" ]]; then
  for service in ticket-service sla-service escalation-service budget-service webhook-service notification-service; do
    saved="$root/$service/target/openapi/api-docs.json"
    [[ -f "$saved" ]] || { echo "no $saved: run the service's tests first" >&2; exit 2; }
    cp "$saved" "$docs/$service.json"
  done
else
  gateway=${GATEWAY_URL:-http://localhost:8080}
  for service in tickets sla escalations budgets webhooks notifications; do
    curl -fsS --max-time 30 "$gateway/v3/api-docs/$service" -o "$docs/$service.json"
  done
fi

status=0
for doc in "$docs"/*.json; do
  echo "== $(basename "$doc" .json)"
  $spectral lint --ruleset "$here/.spectral.yaml" --fail-severity warn "$doc" || status=1
done
exit $status
