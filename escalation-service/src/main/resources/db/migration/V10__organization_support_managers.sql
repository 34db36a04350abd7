-- Issue 21 point 1: an organisation's terms change naming another support manager is followed. Each organisation's
-- support manager, each from the instant it is in force ('-infinity': from registration), like the relationship
-- managers of V8. Reference data written by the live path only: a projection replay leaves it as it is, and reads
-- recorded_at (when the change was applied) to reassign open levels at its switch as the live path did.
CREATE TABLE organization_support_manager (
    organization_id text        NOT NULL,
    effective_from  timestamptz NOT NULL,
    support_manager text,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, effective_from)
);

-- Organisations registered before this version: their manager from registration on.
INSERT INTO organization_support_manager (organization_id, effective_from, support_manager)
SELECT organization_id, '-infinity', nullif(btrim(support_manager), '') FROM organization;
