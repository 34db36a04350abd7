-- SLA triggers of a ticket whose opening (plan, calendar, zone) has not been read yet: applied when it arrives.
CREATE TABLE deferred_sla_trigger (
    id                bigserial PRIMARY KEY,
    ticket_id         text        NOT NULL,
    organization_id   text        NOT NULL,
    trigger           text        NOT NULL,
    severity          text,
    threshold_percent int,
    received_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deferred_sla_trigger_by_ticket ON deferred_sla_trigger (ticket_id);
