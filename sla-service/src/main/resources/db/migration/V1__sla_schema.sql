-- Calendars: weekly opening hours and holidays; read in the organisation's zone unless time_zone is set.
CREATE TABLE calendar (
    id            text PRIMARY KEY,
    weekly_hours  jsonb       NOT NULL,
    holidays      jsonb       NOT NULL DEFAULT '[]',
    time_zone     text,
    version       bigint      NOT NULL DEFAULT 1,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Policies: targets per severity (ISO-8601 durations, resolution may be null = none) and warning thresholds.
CREATE TABLE policy (
    id                 text PRIMARY KEY,
    name               text        NOT NULL,
    calendar_id        text        NOT NULL REFERENCES calendar (id),
    warning_thresholds jsonb       NOT NULL,
    targets            jsonb       NOT NULL,
    version            bigint      NOT NULL DEFAULT 1,
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- What the service knows of each organisation; policy_id overrides the plan's default policy.
CREATE TABLE organization (
    organization_id text PRIMARY KEY,
    plan            text,
    calendar_kind   text,
    time_zone       text,
    policy_id       text REFERENCES policy (id)
);

-- A ticket with the policy version it was opened under (targets and thresholds copied).
CREATE TABLE ticket (
    ticket_id          text PRIMARY KEY,
    organization_id    text        NOT NULL,
    type               text        NOT NULL,
    severity           text        NOT NULL,
    status             text        NOT NULL,
    policy_id          text        NOT NULL,
    policy_version     bigint      NOT NULL,
    calendar_id        text        NOT NULL,
    time_zone          text        NOT NULL,
    targets            jsonb       NOT NULL,
    warning_thresholds jsonb       NOT NULL,
    opened_at          timestamptz NOT NULL
);
CREATE INDEX ticket_by_organization ON ticket (organization_id, opened_at);

-- One row per ticket and metric. next_timer_at is the durable timer: the time the next threshold
-- (next_timer_percent, 100 = breach) is due while the clock runs; null otherwise.
CREATE TABLE clock (
    ticket_id          text        NOT NULL REFERENCES ticket (ticket_id),
    metric             text        NOT NULL,
    severity           text        NOT NULL,
    state              text        NOT NULL,
    target_ms          bigint,
    started_at         timestamptz NOT NULL,
    due_at             timestamptz,
    paused_at          timestamptz,
    paused_for_ms      bigint      NOT NULL DEFAULT 0,
    met_at             timestamptz,
    breached_at        timestamptz,
    fired_thresholds   jsonb       NOT NULL DEFAULT '[]',
    next_timer_at      timestamptz,
    next_timer_percent integer,
    PRIMARY KEY (ticket_id, metric)
);
CREATE INDEX clock_due_timers ON clock (next_timer_at) WHERE next_timer_at IS NOT NULL;
CREATE INDEX clock_by_state ON clock (state);

CREATE TABLE processed_event (
    event_id     text PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dead_letter (
    id           bigserial PRIMARY KEY,
    topic        text        NOT NULL,
    partition_no integer     NOT NULL,
    record_offset bigint     NOT NULL,
    record_key   text,
    record_value text,
    reason       text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE outbox (
    id           bigserial PRIMARY KEY,
    event_id     text        NOT NULL UNIQUE,
    record_key   text        NOT NULL,
    type         text        NOT NULL,
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_by_key ON outbox (record_key);
