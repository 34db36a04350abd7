-- The webhook service's schema (docs/webhooks.md).

-- Registered endpoints. The secret is kept in clear: the service needs it to sign (HMAC), as every Standard Webhooks
-- sender does; the API shows it only when it is made (create, rotation).
CREATE TABLE endpoint (
    id                    uuid        PRIMARY KEY,
    url                   text        NOT NULL,
    event_types           text[]      NOT NULL,
    -- null: the endpoint receives the events of every organisation (and events of none)
    organization_id       text,
    active                boolean     NOT NULL,
    secret                text        NOT NULL,
    -- the secret before the last rotation, which still signs until previous_secret_until
    previous_secret       text,
    previous_secret_until timestamptz,
    consecutive_failures  integer     NOT NULL DEFAULT 0,
    disabled_at           timestamptz,
    disabled_reason       text,
    created_by            text        NOT NULL,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    version               bigint      NOT NULL DEFAULT 0
);
CREATE INDEX endpoint_active ON endpoint (organization_id) WHERE active;

-- The organisation of each ticket, from helpdesk.ticket.opened.v1: ticket events without an organisation id are
-- matched to organisation endpoints through it.
CREATE TABLE ticket_organization (
    ticket_id       text PRIMARY KEY,
    organization_id text NOT NULL
);

-- One row per event and endpoint, written in the transaction that applies the inbound record; the delivery log.
-- state: PENDING (to be sent, next_attempt_at), DELIVERED, FAILED (given up).
CREATE TABLE delivery (
    id              bigserial   PRIMARY KEY,
    endpoint_id     uuid        NOT NULL REFERENCES endpoint (id) ON DELETE CASCADE,
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    -- the unit of order per endpoint: the ticket id, else the event's subject
    ordering_key    text        NOT NULL,
    payload         text        NOT NULL,
    state           text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    -- an instance sending this delivery holds it until then (a crash releases it when it passes)
    leased_until    timestamptz,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX delivery_order ON delivery (endpoint_id, ordering_key, id) WHERE state = 'PENDING';
CREATE INDEX delivery_log ON delivery (endpoint_id, id DESC);
CREATE INDEX delivery_finished ON delivery (finished_at) WHERE finished_at IS NOT NULL;

-- Idempotency-Key: the first answer per user and key, replayed for 24 h (service-edge IdempotencyFilter).
CREATE TABLE idempotent_request (
    user_id      text        NOT NULL,
    idem_key     text        NOT NULL,
    request_hash text        NOT NULL,
    status       int,
    content_type text,
    location     text,
    etag         text,
    body         bytea,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idem_key)
);

CREATE TABLE outbox (
    id             bigserial   PRIMARY KEY,
    event_id       text        NOT NULL UNIQUE,
    topic          text        NOT NULL,
    record_key     text        NOT NULL,
    event_type     text        NOT NULL,
    payload        text        NOT NULL,
    correlation_id text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    published_at   timestamptz,
    -- W3C trace context of the work that caused the event (docs/observability.md); null when it was not traced.
    traceparent    text,
    tracestate     text
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;

-- The next position of each published stream (ticket, escalation, organisation): the envelope's sequence.
CREATE TABLE outbox_stream (
    stream_key    text   PRIMARY KEY,
    next_sequence bigint NOT NULL
);

-- Ids of the events applied, recorded in the transaction that applied them.
CREATE TABLE processed_event (
    event_id     text        PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- Records that can never be applied, set aside so that their partition moves on.
CREATE TABLE dead_letter (
    id            bigserial   PRIMARY KEY,
    topic         text        NOT NULL,
    partition_no  integer     NOT NULL,
    record_offset bigint      NOT NULL,
    record_key    text,
    record_value  text,
    event_id      text,
    event_type    text,
    reason        text        NOT NULL,
    attempts      integer     NOT NULL DEFAULT 1,
    received_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (topic, partition_no, record_offset)
);

-- The current contacts of each organisation, kept from the organisation's events on helpdesk.tickets.v1
-- (contact-added inserts, contact-removed deletes); read by the edge's contact check (docs/security.md).
CREATE TABLE contact_membership (
    organization_id text NOT NULL,
    user_id         text NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);

