-- The request buckets shared by every gateway instance (bucket4j's PostgreSQL proxy manager, select-for-update).
-- id: 'user:<subject>' or 'address:<ip>'; state: bucket4j's serialised bucket; expires_at: epoch millis after which
-- the bucket is full again and the row may go (RateLimitConfig sweeps such rows).
CREATE TABLE rate_limit_bucket (
    id         VARCHAR(512) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);

CREATE INDEX rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);
