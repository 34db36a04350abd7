-- Auto-close (issue 22, point 4; docs/auto-close.md): one timer per resolved ticket, set and cleared in the command's
-- transaction, fired by the due-timer loop with FOR UPDATE SKIP LOCKED. resolved_at names the resolution it was set
-- for (the command closes only that one). Tickets resolved before this migration get no timer.
CREATE TABLE auto_close_timer (
    ticket_id   VARCHAR(64) PRIMARY KEY,
    resolved_at TIMESTAMPTZ NOT NULL,
    due_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX auto_close_timer_due ON auto_close_timer (due_at);
