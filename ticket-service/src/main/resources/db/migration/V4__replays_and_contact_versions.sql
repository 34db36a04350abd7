-- Ticket-view replays: one row each, its progress written by the instance that runs it, readable from any instance.
-- The partial unique index lets only one replay of a projection be running (or switching) at a time, across instances.
CREATE TABLE replay (
    id            UUID         PRIMARY KEY,
    projection    VARCHAR(64)  NOT NULL,
    state         VARCHAR(20)  NOT NULL,
    requested_by  VARCHAR(200) NOT NULL,
    started_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    finished_at   TIMESTAMPTZ,
    head_position BIGINT       NOT NULL,
    position      BIGINT       NOT NULL,
    total         BIGINT       NOT NULL,
    done          BIGINT       NOT NULL DEFAULT 0,
    error         VARCHAR(500)
);
CREATE UNIQUE INDEX replay_one_running ON replay (projection) WHERE state = 'RUNNING';

-- What contacts see of a ticket's version: the events they can see (all but internal comments), counted from 0 at the
-- opening, and when the last of them happened. Staff keep the stream version and updated_at.
ALTER TABLE ticket_view ADD COLUMN public_version BIGINT, ADD COLUMN public_updated_at TIMESTAMPTZ;
WITH visible AS (
    SELECT e.aggregate_identifier AS ticket_id, e.sequence_number, e.time_stamp
    FROM domain_event_entry e JOIN ticket_view v ON v.id = e.aggregate_identifier AND e.sequence_number <= v.version
    WHERE NOT (e.payload_type = 'dev.helpdesk.events.ticket.CommentAddedEvent'
               AND convert_from(e.payload, 'UTF8')::jsonb ->> 'visibility' = 'INTERNAL'))
UPDATE ticket_view v SET public_version = s.visible_count - 1, public_updated_at = s.last_at
FROM (SELECT ticket_id, count(*) AS visible_count,
             max(time_stamp::timestamptz) FILTER (WHERE sequence_number > 0) AS last_at
      FROM visible GROUP BY ticket_id) s
WHERE v.id = s.ticket_id;
UPDATE ticket_view SET public_version = 0 WHERE public_version IS NULL;
UPDATE ticket_view SET public_updated_at = opened_at WHERE public_updated_at IS NULL;
ALTER TABLE ticket_view ALTER COLUMN public_version SET NOT NULL, ALTER COLUMN public_updated_at SET NOT NULL;
