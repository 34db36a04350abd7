-- Issue 21: organisation terms change from a stated instant (docs/organisation-terms.md).
-- organization_view's term columns hold the terms in effect when the last change was applied; a change dated in the
-- future is overlaid by the query once it is due (from organization_terms_change).
ALTER TABLE organization_view ADD COLUMN relationship_manager VARCHAR(200);

CREATE TABLE organization_terms_change (
    organization_id      VARCHAR(64)    NOT NULL REFERENCES organization_view (id),
    version              BIGINT         NOT NULL,
    effective_from       TIMESTAMPTZ    NOT NULL,
    changed_at           TIMESTAMPTZ    NOT NULL,
    changed_by           VARCHAR(200),
    changed_fields       VARCHAR(500)   NOT NULL,
    name                 VARCHAR(200)   NOT NULL,
    plan                 VARCHAR(20)    NOT NULL,
    calendar             VARCHAR(30)    NOT NULL,
    time_zone            VARCHAR(64)    NOT NULL,
    contact_limit        INTEGER        NOT NULL,
    support_manager      VARCHAR(200),
    relationship_manager VARCHAR(200),
    standard_rate        NUMERIC(14, 2),
    consultancy_rate     NUMERIC(14, 2),
    PRIMARY KEY (organization_id, version)
);
