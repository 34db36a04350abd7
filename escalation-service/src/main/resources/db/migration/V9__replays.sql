-- Replays of the escalations projection (event-pipeline's replay package, docs/replays.md): same shape as
-- pipeline-schema.sql. One row per replay with its progress; one running replay per projection across instances.
CREATE TABLE replay (
    id           uuid         PRIMARY KEY,
    projection   varchar(64)  NOT NULL,
    state        varchar(20)  NOT NULL,
    requested_by varchar(200) NOT NULL,
    started_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    finished_at  timestamptz,
    done         bigint       NOT NULL DEFAULT 0,
    total        bigint       NOT NULL DEFAULT 0,
    skipped      bigint       NOT NULL DEFAULT 0,
    error        varchar(500)
);
CREATE UNIQUE INDEX replay_one_running ON replay (projection) WHERE state = 'RUNNING';
