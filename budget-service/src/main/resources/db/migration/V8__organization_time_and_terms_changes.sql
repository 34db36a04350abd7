-- Issue 21, point 8 (docs/budget-time.md): time against the organisation itself (no ticket; an activity), the start
-- instant of an entry (out-of-hours marking), and an organisation's terms over time (rates, calendar, time zone from
-- its registration and each OrganizationTermsChangedEvent, in effect from effectiveFrom).
alter table ledger_line drop constraint ledger_line_pkey;
alter table ledger_line alter column ticket_id drop not null;
alter table ledger_line add column activity text;
alter table ledger_line add column started_at timestamptz;
-- The same uniqueness as the key it replaces, with organisation-level entries (no ticket) in it.
create unique index ledger_line_entry on ledger_line (generation, coalesce(ticket_id, ''), entry_id, kind);

-- Known for organisations registered from now on, or rebuilt from the topic (null until then: no out-of-hours marks).
alter table organization_budget add column calendar text;
alter table organization_budget add column time_zone text;

create table terms_change (
    generation       integer     not null,
    organization_id  text        not null,
    effective_from   timestamptz not null,
    changed_at       timestamptz not null,
    standard_rate    numeric(19, 2),
    consultancy_rate numeric(19, 2),
    calendar         text,
    time_zone        text,
    primary key (generation, organization_id, effective_from, changed_at)
);
