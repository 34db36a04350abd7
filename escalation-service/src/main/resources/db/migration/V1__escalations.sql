-- Ladders: one row per plan and level. Defaults of DOMAIN.md; editable through PUT /api/escalations/ladders/{plan}.
CREATE TABLE ladder_level (
    plan                         text    NOT NULL,
    level                        int     NOT NULL,
    name                         text    NOT NULL,
    acknowledge_within           text    NOT NULL, -- ISO-8601 duration, business time on the organisation's calendar
    informs_relationship_manager boolean NOT NULL,
    PRIMARY KEY (plan, level)
);

INSERT INTO ladder_level (plan, level, name, acknowledge_within, informs_relationship_manager)
SELECT plan, level, name, within, level >= 2
FROM (VALUES ('STANDARD'), ('EXTENDED'), ('DEDICATED')) AS plans(plan)
CROSS JOIN (VALUES (1, 'Support services manager', 'PT1H'),
                   (2, 'Head of support', 'PT2H'),
                   (3, 'Executive sponsor', 'PT4H')) AS levels(level, name, within);

-- What this service knows of organisations and tickets, mirrored from helpdesk.tickets.v1.
CREATE TABLE organization (
    organization_id text PRIMARY KEY,
    plan            text NOT NULL,
    calendar        text NOT NULL,
    time_zone       text NOT NULL,
    support_manager text
);

CREATE TABLE ticket (
    ticket_id       text PRIMARY KEY,
    organization_id text    NOT NULL,
    plan            text,
    calendar        text,
    time_zone       text,
    severity        text,
    resolved        boolean NOT NULL DEFAULT false,
    event_sequence  bigint  NOT NULL DEFAULT 0 -- sequence of the next published escalation event of this ticket
);

CREATE TABLE escalation (
    id                           uuid PRIMARY KEY,
    ticket_id                    text        NOT NULL REFERENCES ticket (ticket_id),
    organization_id              text        NOT NULL,
    level                        int         NOT NULL CHECK (level >= 1),
    level_name                   text        NOT NULL,
    assignee                     text,
    informs_relationship_manager boolean     NOT NULL,
    trigger                      text        NOT NULL,
    state                        text        NOT NULL,
    raised_at                    timestamptz NOT NULL,
    acknowledge_by               timestamptz NOT NULL,
    acknowledged_at              timestamptz,
    acknowledged_by              text,
    action_plan                  text,
    closed_at                    timestamptz,
    close_reason                 text,
    -- each level is raised at most once per ticket, whatever the number of instances
    CONSTRAINT escalation_once_per_level UNIQUE (ticket_id, level)
);
CREATE INDEX escalation_by_organization ON escalation (organization_id, raised_at);
CREATE INDEX escalation_by_state ON escalation (state, raised_at);

-- Durable acknowledgement deadlines, fired by row lock (FOR UPDATE SKIP LOCKED) by exactly one instance.
CREATE TABLE acknowledgement_timer (
    escalation_id uuid PRIMARY KEY REFERENCES escalation (id),
    due_at        timestamptz NOT NULL,
    fired_at      timestamptz
);
CREATE INDEX acknowledgement_timer_due ON acknowledgement_timer (due_at) WHERE fired_at IS NULL;

-- Idempotent consumers: the ids of the events already applied.
CREATE TABLE processed_event (
    event_id     text PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- Records that could not be read; set aside so that they never block their partition.
CREATE TABLE dead_letter (
    id           bigserial PRIMARY KEY,
    topic        text        NOT NULL,
    partition_no int         NOT NULL,
    record_offset bigint     NOT NULL,
    record_key   text,
    record_value text,
    reason       text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);

-- Transactional outbox of helpdesk.escalations.v1.
CREATE TABLE outbox (
    id           bigint PRIMARY KEY,
    event_id     text        NOT NULL UNIQUE,
    record_key   text        NOT NULL,
    payload      text        NOT NULL,
    correlation_id text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE SEQUENCE outbox_id_seq;
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
