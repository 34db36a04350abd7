-- Issue 21, point 8 (docs/budget-time.md, "Out-of-hours marks"): the organisation calendars sla-service publishes on
-- helpdesk.sla.v1 (SlaOrganizationCalendarChangedEvent), each in force from its effective_from. Reference data, not a
-- projection of the ticket topic: no generation, untouched by a rebuild.

-- The highest sequence applied per organisation: an event of a lower or equal sequence (older, or repeated) is ignored.
create table organization_calendar_stream (
    organization_id text   primary key,
    last_sequence   bigint not null
);

create table organization_calendar (
    organization_id  text        not null,
    effective_from   timestamptz not null,
    calendar_id      text        not null,
    calendar_version bigint      not null,
    time_zone        text        not null,
    -- {"MONDAY": [{"from": "09:00:00", "to": "17:00:00"}], ...} as published
    weekly_hours     jsonb       not null,
    -- ["2026-12-25", ...]
    holidays         jsonb       not null,
    event_sequence   bigint      not null,
    primary key (organization_id, effective_from)
);
