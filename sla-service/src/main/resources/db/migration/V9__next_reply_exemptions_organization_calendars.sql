-- Issue 21 (docs/sla-contract.md): NEXT_REPLY clocks need no schema change (one row per ticket and metric: the
-- latest next-reply clock; earlier ones live on in clock_segment). Exemptions, ticket types without targets and the
-- organisation calendar last published are new.

-- Ticket types that get no SLA clock at all under a policy (e.g. ["REQUEST"]); policies stored before: none.
ALTER TABLE policy ADD COLUMN types_without_targets jsonb NOT NULL DEFAULT '[]';

-- A ticket whose policy gave its type no targets: it has no clocks, and none ever starts.
ALTER TABLE ticket ADD COLUMN without_targets boolean NOT NULL DEFAULT false;

-- When support exempted the clock (state EXEMPTED); null otherwise.
ALTER TABLE clock ADD COLUMN exempted_at timestamptz;

-- The effective calendar last published for the organisation (helpdesk.sla.organization-calendar-changed.v1):
-- a trigger publishes only when the calendar, its version or the zone differ from these.
ALTER TABLE organization ADD COLUMN published_calendar_id text;
ALTER TABLE organization ADD COLUMN published_calendar_version bigint;
ALTER TABLE organization ADD COLUMN published_time_zone text;

-- Exemptions are this service's own commands, not ticket events: kept outside the rebuilt tables (ticket, clock,
-- clock_segment), so that a replay of the ticket history applies them again where they happened (docs/replays.md).
-- A clock is named by its ticket, metric and start (next-reply clocks start again and again).
CREATE TABLE clock_exemption (
    ticket_id        text        NOT NULL,
    metric           text        NOT NULL,
    clock_started_at timestamptz NOT NULL,
    reason           text        NOT NULL,
    note             text        NOT NULL,
    exempted_by      text        NOT NULL,
    exempted_at      timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, metric, clock_started_at)
);
CREATE INDEX clock_exemption_by_time ON clock_exemption (exempted_at);
