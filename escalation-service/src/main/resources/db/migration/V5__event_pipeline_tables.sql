-- The tables of the shared event pipeline in their canonical shape (event-pipeline's pipeline-schema.sql), keeping
-- every stored row.

-- outbox: ids from a sequence of its own (it was read by the writer), the topic and the event type on each row.
ALTER SEQUENCE outbox_id_seq OWNED BY outbox.id;
SELECT setval('outbox_id_seq', greatest((SELECT last_value FROM outbox_id_seq), (SELECT coalesce(max(id), 1) FROM outbox)));
ALTER TABLE outbox ALTER COLUMN id SET DEFAULT nextval('outbox_id_seq');
ALTER TABLE outbox ADD COLUMN topic text;
ALTER TABLE outbox ADD COLUMN event_type text;
UPDATE outbox SET topic = '${escalations_topic}', event_type = payload::jsonb ->> 'type';
ALTER TABLE outbox ALTER COLUMN topic SET NOT NULL;
ALTER TABLE outbox ALTER COLUMN event_type SET NOT NULL;
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;

-- The streams are the tickets (key: ticket id); each continues where the ticket's counter stood.
CREATE TABLE outbox_stream (
    stream_key    text   PRIMARY KEY,
    next_sequence bigint NOT NULL
);
INSERT INTO outbox_stream (stream_key, next_sequence)
SELECT ticket_id, event_sequence FROM ticket WHERE event_sequence > 0;
ALTER TABLE ticket DROP COLUMN event_sequence;

-- dead_letter: what was set aside (event id and type when known, tries), once per topic, partition and offset.
ALTER TABLE dead_letter ADD COLUMN event_id text;
ALTER TABLE dead_letter ADD COLUMN event_type text;
ALTER TABLE dead_letter ADD COLUMN attempts integer NOT NULL DEFAULT 1;
DELETE FROM dead_letter later
USING dead_letter earlier
WHERE later.topic = earlier.topic AND later.partition_no = earlier.partition_no
  AND later.record_offset = earlier.record_offset AND later.id > earlier.id;
ALTER TABLE dead_letter ADD CONSTRAINT dead_letter_topic_partition_no_record_offset_key
    UNIQUE (topic, partition_no, record_offset);
