-- Issue 17, point 3 (docs/budget-time.md, "Running totals"): the money consumed per organisation and support period,
-- kept by the live consumer so that a threshold check costs the same few statements whatever the size of the ledger.
-- A cache of the ledger, never the truth: an organisation has either a row for each of its periods (exact) or none,
-- and then the next check recomputes them from its ledger. Facts that re-price or re-assign lines (a registration,
-- a change of the support period or of the terms, a reversal charged before its entry was known) delete the rows.
create table consumption_total (
    generation      integer        not null,
    organization_id text           not null,
    period_start    date           not null,
    consumed        numeric(19, 2) not null,
    primary key (generation, organization_id, period_start)
);
