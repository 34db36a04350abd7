-- The table a service owns for the IdempotencyFilter (same shape as ticket-service's).
CREATE TABLE idempotent_request (
    user_id       VARCHAR(200) NOT NULL,
    idem_key      VARCHAR(200) NOT NULL,
    request_hash  VARCHAR(64)  NOT NULL,
    status        INTEGER,
    content_type  VARCHAR(100),
    location      VARCHAR(500),
    etag          VARCHAR(50),
    body          BYTEA,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idem_key)
);
