-- Simulations across every organisation page through the tickets opened in a range by (opened_at, ticket_id);
-- ticket_by_organization serves only the ones of one organisation.
CREATE INDEX ticket_by_opened_at ON ticket (opened_at, ticket_id);
