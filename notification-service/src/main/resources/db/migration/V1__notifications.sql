-- The notification service's own schema (database `notifications`). See docs/notifications.md.

-- What the mails need to know of each ticket, kept from helpdesk.tickets.v1 (opened, assigned).
CREATE TABLE ticket_view (
    ticket_id       text        PRIMARY KEY,
    ticket_key      text,
    organization_id text        NOT NULL,
    title           text        NOT NULL,
    opened_by       text,
    opened_by_kind  text,
    assignee        text,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Who manages each organisation, kept from its registration and terms changes: a user id or an e-mail address each.
CREATE TABLE organization_view (
    organization_id      text        PRIMARY KEY,
    name                 text,
    support_manager      text,
    relationship_manager text,
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- The e-mail address known for each user: from contact-added events, from the token of a user who called this
-- service, and from configuration (staff directory). The newest source wins.
CREATE TABLE user_address (
    user_id    text        PRIMARY KEY,
    email      text        NOT NULL,
    source     text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- A user's e-mail opt-outs: one row per notification type the user does not want.
CREATE TABLE notification_opt_out (
    user_id           text        NOT NULL,
    notification_type text        NOT NULL,
    opted_out_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, notification_type)
);

-- The mail outbox: written in the transaction that applies the inbound event, sent by the sender loop (several
-- instances: FOR UPDATE SKIP LOCKED), marked sent after the SMTP server took it. One row per event and recipient: a
-- redelivered event writes nothing twice. message_id is fixed at insert, so a mail sent again after a crash between
-- the server's answer and the mark carries the same Message-ID (docs/notifications.md, "Guarantees").
CREATE TABLE mail (
    id                bigserial   PRIMARY KEY,
    event_id          text        NOT NULL,
    message_id        text        NOT NULL UNIQUE,
    recipient         text        NOT NULL,
    recipient_user_id text,
    notification_type text        NOT NULL,
    organization_id   text,
    ticket_id         text,
    subject           text        NOT NULL,
    body              text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    attempts          integer     NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    last_error        text,
    sent_at           timestamptz,
    -- set when the mail could not be sent within helpdesk.notifications.sender.give-up-after of its creation
    given_up_at       timestamptz,
    CONSTRAINT mail_once_per_event_and_recipient UNIQUE (event_id, recipient)
);
CREATE INDEX mail_due ON mail (next_attempt_at) WHERE sent_at IS NULL AND given_up_at IS NULL;
CREATE INDEX mail_sent_at ON mail (sent_at) WHERE sent_at IS NOT NULL;

-- Event pipeline tables (same shape as event-pipeline's pipeline-schema.sql); this service publishes nothing, so it
-- has no outbox of its own.
CREATE TABLE processed_event (
    event_id     text        PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

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

CREATE TABLE contact_membership (
    organization_id text NOT NULL,
    user_id         text NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);

-- Idempotency-Key answers of service-edge's IdempotencyFilter.
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
