CREATE TABLE note (event_id text PRIMARY KEY, body text NOT NULL, position_seen bigint);
