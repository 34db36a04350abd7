-- service-edge's IdempotencyFilter also replays the Location header of the first answer.
alter table idempotent_request add column location text;
