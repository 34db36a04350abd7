-- POST /api/admin/budgets/replays with the same Idempotency-Key within 24h answers the first rebuild's id.
alter table replay add column idempotency_key text;
create unique index replay_by_idempotency_key on replay (idempotency_key) where idempotency_key is not null;
