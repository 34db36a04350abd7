# Source this before `bench/run.sh pipeline` with BENCH_BASELINE_JARS pointing at jars built before 2026-12-07's
# HELPDESK_<SERVICE>_PORT / HELPDESK_GATEWAY_<SERVICE>_URL names (7edd5f4's, for example): it fixes each service's
# port under both names, and the gateway's routes under their former names, so that old and new jars listen where
# the launcher looks for them. The benchmark keeps ports given in the environment (Bench.config).
# BENCH_PORT_BASE (default 28080): the gateway's port; the services take the next ones, management ports +100.
base="${BENCH_PORT_BASE:-28080}"
export HELPDESK_GATEWAY_PORT="$base" GATEWAY_PORT="$base" HELPDESK_GATEWAY_MANAGEMENT_PORT=$((base + 100))
i=1
for pair in TICKETS:TICKET SLA:SLA ESCALATIONS:ESCALATION BUDGETS:BUDGET WEBHOOKS:WEBHOOK NOTIFICATIONS:NOTIFICATION; do
  new="${pair%%:*}" former="${pair##*:}"
  port=$((base + i))
  export "HELPDESK_${new}_PORT=$port" "${former}_SERVICE_PORT=$port" "HELPDESK_${new}_MANAGEMENT_PORT=$((port + 100))"
  export "${former}_SERVICE_URL=http://127.0.0.1:$port"
  i=$((i + 1))
done
unset base i pair new former port
