-- Issue 21, points 6 and 7 (docs/severity-requests-and-resolution.md): the resolution summary shown while a ticket is
-- RESOLVED or CLOSED, and the contacts' severity requests with their decisions (a few per ticket at most, kept as a
-- JSON array in the view row, so that a replay's next generation, created LIKE the served table, has them too).
-- Tickets resolved before this migration have no summary (their events carry none).
ALTER TABLE ticket_view ADD COLUMN resolution TEXT;
ALTER TABLE ticket_view ADD COLUMN severity_requests JSONB NOT NULL DEFAULT '[]'::jsonb;
