-- When each event id was applied, so that the event pipeline's retention forgets old ids like every other service's
-- (docs/event-pipeline.md, "Retention"). Rows from before this migration count as applied now.
alter table processed_event add column processed_at timestamptz not null default now();
