-- A timer whose consequence keeps failing is postponed (so it does not hold up the others) and given up after a
-- number of attempts (fired_at set, with the attempts recorded for the operator).
ALTER TABLE acknowledgement_timer ADD COLUMN failed_attempts int NOT NULL DEFAULT 0;

-- Versions behind ETag / If-Match: of each escalation (acknowledged, closed) and of each plan's ladder.
ALTER TABLE escalation ADD COLUMN version bigint NOT NULL DEFAULT 0;

CREATE TABLE ladder (
    plan    text PRIMARY KEY,
    version bigint NOT NULL DEFAULT 0
);
INSERT INTO ladder (plan) SELECT DISTINCT plan FROM ladder_level;

-- Idempotency-Key: the first answer per user and key, replayed for 24 h.
CREATE TABLE idempotent_request (
    user_id      text        NOT NULL,
    idem_key     text        NOT NULL,
    request_hash text        NOT NULL,
    status       int,
    content_type text,
    etag         text,
    body         bytea,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idem_key)
);
