-- Projection tables carry a generation: a rebuild fills a fresh generation while the active one keeps being served,
-- then projection_generation switches to it in one transaction.
create table projection_generation (
    projection text primary key,
    active     integer not null
);
insert into projection_generation (projection, active) values ('budgets', 1);
create sequence generation_seq start with 2;

create table organization_budget (
    generation      integer not null,
    organization_id text    not null,
    currency        text,
    standard_rate   numeric(19, 2),
    consultancy_rate numeric(19, 2),
    primary key (generation, organization_id)
);

create table support_period (
    generation      integer not null,
    organization_id text    not null,
    period_start    date    not null,
    period_end      date    not null,
    primary key (generation, organization_id, period_start)
);

create table budget_purchase (
    generation      integer        not null,
    organization_id text           not null,
    purchase_id     text           not null,
    amount          numeric(19, 2) not null,
    purchased_on    date           not null,
    primary key (generation, organization_id, purchase_id)
);

create table ledger_line (
    generation      integer     not null,
    organization_id text        not null,
    entry_id        text        not null,
    kind            text        not null check (kind in ('LOGGED', 'REVERSED')),
    ticket_id       text        not null,
    agent_id        text        not null,
    minutes         integer     not null check (minutes >= 0),
    rate            text        not null,
    work_date       date        not null,
    note            text,
    recorded_at     timestamptz not null,
    primary key (generation, ticket_id, entry_id, kind)
);
create index ledger_line_by_organization on ledger_line (generation, organization_id, work_date);

create table processed_event (
    generation integer not null,
    event_id   text    not null,
    primary key (generation, event_id)
);

-- How far the live consumer has applied each partition (next offset), read when a rebuild switches over.
create table consumer_position (
    topic       text    not null,
    partition   integer not null,
    next_offset bigint  not null,
    primary key (topic, partition)
);

-- Thresholds raised: a fact of history, not part of a generation, so a rebuild never raises one again.
create table threshold_crossed (
    organization_id text           not null,
    period_start    date           not null,
    threshold       integer        not null,
    period_end      date           not null,
    purchased       numeric(19, 2) not null,
    consumed        numeric(19, 2) not null,
    currency        text,
    crossed_at      timestamptz    not null,
    primary key (organization_id, period_start, threshold)
);

create table outbox (
    id           bigserial primary key,
    event_id     text        not null unique,
    record_key   text        not null,
    event_type   text        not null,
    payload      text        not null,
    correlation_id text,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;

create table dead_letter (
    id           bigserial primary key,
    topic        text        not null,
    partition    integer     not null,
    record_offset bigint     not null,
    record_key   text,
    record_value text,
    reason       text        not null,
    received_at  timestamptz not null default now(),
    unique (topic, partition, record_offset)
);

create table replay (
    id            uuid primary key,
    projection    text        not null,
    state         text        not null,
    requested_by  text        not null,
    generation    integer     not null,
    started_at    timestamptz not null,
    updated_at    timestamptz not null,
    finished_at   timestamptz,
    events_read   bigint      not null default 0,
    positions     text        not null default '{}',
    end_offsets   text        not null default '{}',
    rate_per_second numeric(19, 1) not null default 0,
    result        text,
    error         text
);
