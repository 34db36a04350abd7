-- Issue 21: acknowledgement deadlines count on the calendar the sla-service publishes for each organisation
-- (helpdesk.sla.organization-calendar-changed.v1), and the relationship manager is named from level 2.

-- Each published calendar of an organisation, in force from effective_from until the next one's. event_sequence is
-- the event's position in the organisation's stream of the SLA topic (key organization/<id>).
CREATE TABLE organization_calendar (
    organization_id  text        NOT NULL,
    effective_from   timestamptz NOT NULL,
    calendar_id      text        NOT NULL,
    calendar_version bigint      NOT NULL,
    time_zone        text        NOT NULL,
    weekly_hours     text        NOT NULL, -- JSON {"MONDAY": [{"from": "09:00:00", "to": "17:00:00"}], ...}
    holidays         text        NOT NULL, -- JSON ["2026-12-25", ...]
    event_sequence   bigint      NOT NULL,
    PRIMARY KEY (organization_id, effective_from)
);

-- The highest sequence applied per organisation: an older (redelivered, replayed) event never overwrites a newer one.
CREATE TABLE organization_calendar_stream (
    organization_id text   PRIMARY KEY,
    last_sequence   bigint NOT NULL
);

-- Relationship managers of organisations, each from the instant it is in force ('-infinity': from registration).
CREATE TABLE organization_relationship_manager (
    organization_id      text        NOT NULL,
    effective_from       timestamptz NOT NULL,
    relationship_manager text,
    PRIMARY KEY (organization_id, effective_from)
);

-- The relationship manager named on a level that informs them (from level 2), as published in its raised event.
ALTER TABLE escalation ADD COLUMN relationship_manager text;

-- The level's acknowledgement time, kept so that a calendar change recomputes the deadline with the ladder the level
-- was raised under. Levels raised before this version get their plan's current ladder.
ALTER TABLE escalation ADD COLUMN acknowledge_within text;
UPDATE escalation e SET acknowledge_within = l.acknowledge_within
FROM ticket t
LEFT JOIN organization o ON o.organization_id = t.organization_id
JOIN ladder_level l ON l.plan = coalesce(t.plan, o.plan, 'STANDARD')
WHERE t.ticket_id = e.ticket_id AND l.level = e.level;

CREATE INDEX escalation_open_by_organization ON escalation (organization_id) WHERE state = 'OPEN';
