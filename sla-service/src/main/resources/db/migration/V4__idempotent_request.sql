-- Idempotency-Key on writes (service-edge IdempotencyFilter): the first answer per user and key, kept 24 h.
create table idempotent_request (
    user_id      text        not null,
    idem_key     text        not null,
    request_hash text        not null,
    status       int,
    content_type text,
    location     text,
    etag         text,
    body         bytea,
    created_at   timestamptz not null default now(),
    primary key (user_id, idem_key)
);
