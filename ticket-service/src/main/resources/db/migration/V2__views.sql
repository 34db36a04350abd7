-- Read side, kept by the "views" tracking processor (token in token_entry, same transaction).
CREATE TABLE organization_view (
    id               VARCHAR(64) PRIMARY KEY,
    name             VARCHAR(200) NOT NULL,
    plan             VARCHAR(20)  NOT NULL,
    calendar         VARCHAR(30)  NOT NULL,
    time_zone        VARCHAR(64)  NOT NULL,
    period_start     DATE         NOT NULL,
    period_end       DATE         NOT NULL,
    contact_limit    INTEGER      NOT NULL,
    support_manager  VARCHAR(200),
    currency         VARCHAR(3),
    budget_amount    NUMERIC(14, 2),
    standard_rate    NUMERIC(14, 2),
    consultancy_rate NUMERIC(14, 2),
    purchased_total  NUMERIC(14, 2),
    version          BIGINT       NOT NULL
);

CREATE TABLE organization_contact (
    organization_id VARCHAR(64)  NOT NULL REFERENCES organization_view (id),
    user_id         VARCHAR(200) NOT NULL,
    name            VARCHAR(200) NOT NULL,
    email           VARCHAR(320) NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);

CREATE TABLE ticket_view (
    id                  VARCHAR(64) PRIMARY KEY,
    ticket_key          VARCHAR(32)  NOT NULL UNIQUE,
    organization_id     VARCHAR(64)  NOT NULL,
    type                VARCHAR(20)  NOT NULL,
    severity            VARCHAR(2)   NOT NULL,
    status              VARCHAR(30)  NOT NULL,
    title               VARCHAR(200) NOT NULL,
    description         TEXT         NOT NULL,
    course_id           VARCHAR(100),
    affected_user_email VARCHAR(320),
    page_url            VARCHAR(2000),
    channel             VARCHAR(10)  NOT NULL,
    assignee            VARCHAR(200),
    escalation_level    INTEGER      NOT NULL DEFAULT 0,
    opened_by           VARCHAR(200) NOT NULL,
    opened_at           TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL,
    version             BIGINT       NOT NULL
);
CREATE INDEX ticket_view_org ON ticket_view (organization_id, opened_at DESC);
CREATE INDEX ticket_view_status ON ticket_view (status, opened_at DESC);
CREATE INDEX ticket_view_assignee ON ticket_view (assignee);

CREATE TABLE ticket_comment (
    id          VARCHAR(64) PRIMARY KEY,
    ticket_id   VARCHAR(64)  NOT NULL,
    author_id   VARCHAR(200) NOT NULL,
    author_kind VARCHAR(10)  NOT NULL,
    visibility  VARCHAR(10)  NOT NULL,
    body        TEXT         NOT NULL,
    added_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ticket_comment_ticket ON ticket_comment (ticket_id, added_at);

CREATE TABLE ticket_attachment (
    id           VARCHAR(64) PRIMARY KEY,
    ticket_id    VARCHAR(64)  NOT NULL,
    file_name    VARCHAR(255) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    size         BIGINT       NOT NULL,
    sha256       VARCHAR(64)  NOT NULL,
    added_by     VARCHAR(200) NOT NULL,
    added_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ticket_attachment_ticket ON ticket_attachment (ticket_id, added_at);

-- Attachment bytes, stored once per content checksum (written by the HTTP side before the command).
CREATE TABLE attachment_content (
    sha256       VARCHAR(64) PRIMARY KEY,
    content_type VARCHAR(100) NOT NULL,
    size         BIGINT       NOT NULL,
    content      BYTEA        NOT NULL,
    stored_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Idempotency-Key: first answer per user and key, replayed for 24 h.
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

-- Escalation records that could not be read (logged, kept, offset committed).
CREATE TABLE dead_letter (
    id          BIGSERIAL PRIMARY KEY,
    topic       VARCHAR(255) NOT NULL,
    partition_no INTEGER     NOT NULL,
    record_offset BIGINT     NOT NULL,
    value       TEXT,
    error       VARCHAR(1000) NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
