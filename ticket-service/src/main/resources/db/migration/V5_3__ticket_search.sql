-- Ticket search (issue 22, point 1; docs/search.md).
--
-- The text search configuration lives here, in two functions, so that the projection, this back-fill and the query
-- side use one definition: each text is indexed twice, stemmed in English (the desk's working language: "courses"
-- finds "course") and word for word with 'simple' (any other language still matches its exact words). Changing them
-- is a new migration followed by a ticket-views replay.
CREATE FUNCTION ticket_search_document(body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_tsvector('english'::regconfig, coalesce(body, '')) || to_tsvector('simple'::regconfig, coalesce(body, '')) $$;

CREATE FUNCTION ticket_search_query(q text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT websearch_to_tsquery('english'::regconfig, q) || websearch_to_tsquery('simple'::regconfig, q) $$;

CREATE AGGREGATE ticket_search_concat(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '');

-- The searchable words of a ticket: title, description and its PUBLIC comments, appended in event order by the
-- projection (internal notes never enter it). Part of ticket_view, so a replay's next generation (CREATE TABLE ...
-- LIKE ticket_view INCLUDING ALL) gets the column, its default and its GIN index.
ALTER TABLE ticket_view ADD COLUMN search_vector tsvector NOT NULL DEFAULT '';
UPDATE ticket_view v SET search_vector = ticket_search_document(v.title) || ticket_search_document(v.description)
    || coalesce((SELECT ticket_search_concat(ticket_search_document(c.body) ORDER BY c.added_at, c.id)
                 FROM ticket_comment c WHERE c.ticket_id = v.id AND c.visibility = 'PUBLIC'), '');
CREATE INDEX ticket_view_search ON ticket_view USING gin (search_vector);
CREATE INDEX ticket_view_opened_by ON ticket_view (opened_by, opened_at DESC);
CREATE INDEX ticket_view_opened ON ticket_view (opened_at DESC, id);
CREATE INDEX ticket_view_updated ON ticket_view (updated_at DESC, id);
CREATE INDEX ticket_view_public_updated ON ticket_view (organization_id, public_updated_at DESC, id);

-- The due time of each running SLA clock of a ticket, kept from helpdesk.sla.v1 (sla-service owns the clocks). Not
-- derived from the ticket's stream, so not part of the replayed generation: a replay leaves it as it is. due_at is
-- null while the clock is paused, met or breached (no target ahead); sequence is the envelope's position among the
-- ticket's SLA events, so a repeat or an older event never overwrites a newer one.
CREATE TABLE ticket_sla_clock (
    ticket_id VARCHAR(64) NOT NULL,
    metric    VARCHAR(32) NOT NULL,
    due_at    TIMESTAMPTZ,
    sequence  BIGINT      NOT NULL,
    PRIMARY KEY (ticket_id, metric)
);
CREATE INDEX ticket_sla_clock_due ON ticket_sla_clock (ticket_id, due_at) WHERE due_at IS NOT NULL;

-- The key that signs search cursors, shared by every instance of the service (strong random from the server).
CREATE TABLE search_cursor_key (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    secret VARCHAR(128) NOT NULL
);
INSERT INTO search_cursor_key (id, secret)
VALUES (1, replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
