-- The W3C trace context of the work that caused each outbox event, published by the relay in the record headers
-- and the envelope (docs/observability.md). Null for rows written before tracing, or by untraced work (timers).
-- Same shape as in event-pipeline's pipeline-schema.sql.
ALTER TABLE outbox ADD COLUMN traceparent text, ADD COLUMN tracestate text;
