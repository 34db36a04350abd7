-- The tables of the event pipeline, in every service's own schema (each service's Flyway migration creates them in
-- exactly this shape; event-pipeline's tests check it). See docs/event-pipeline.md.

-- Events to publish, written in the transaction of the state change they describe; published in id order.
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

-- Replays of the service's projections (dev.helpdesk.pipeline.replay, docs/replays.md): one row each, its progress
-- written by the instance that runs it, readable from any; one running replay per projection across instances.
CREATE TABLE replay (
    id           uuid         PRIMARY KEY,
    projection   varchar(64)  NOT NULL,
    state        varchar(20)  NOT NULL,
    requested_by varchar(200) NOT NULL,
    started_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    finished_at  timestamptz,
    done         bigint       NOT NULL DEFAULT 0,
    total        bigint       NOT NULL DEFAULT 0,
    skipped      bigint       NOT NULL DEFAULT 0,
    error        varchar(500)
);
CREATE UNIQUE INDEX replay_one_running ON replay (projection) WHERE state = 'RUNNING';
