-- Carried into the Kafka record as header X-Correlation-Id (it is also the envelope's correlationid).
ALTER TABLE outbox ADD COLUMN correlation_id text;
