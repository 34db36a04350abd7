-- The event pipeline's tables in their canonical shape (event-pipeline/.../pipeline-schema.sql), keeping every row.

-- Outbox: the topic is stored per row (all rows so far went to this service's topic), `type` is `event_type`.
ALTER TABLE outbox RENAME COLUMN type TO event_type;
ALTER TABLE outbox ADD COLUMN topic text;
UPDATE outbox SET topic = '${sla_topic}';
ALTER TABLE outbox ALTER COLUMN topic SET NOT NULL;
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;

-- Streams were numbered by counting a ticket's outbox rows (rows were never pruned); the pipeline keeps the next
-- position per stream instead. Start each stream after the highest sequence it published, so it goes on without a
-- gap or a repeat.
CREATE TABLE outbox_stream (
    stream_key    text   PRIMARY KEY,
    next_sequence bigint NOT NULL
);
INSERT INTO outbox_stream (stream_key, next_sequence)
SELECT record_key, greatest(count(*), coalesce(max((payload::jsonb ->> 'sequence')::bigint) + 1, 0))
FROM outbox GROUP BY record_key;
-- Only the count per stream used it.
DROP INDEX outbox_by_key;

-- Dead letters: what the record was, how often it was tried, and one row per record.
ALTER TABLE dead_letter ADD COLUMN event_id text;
ALTER TABLE dead_letter ADD COLUMN event_type text;
ALTER TABLE dead_letter ADD COLUMN attempts integer NOT NULL DEFAULT 1;
-- Id and type of the records that were JSON (a record that was not stays without).
DO $$
DECLARE
    letter record;
BEGIN
    FOR letter IN SELECT id, record_value FROM dead_letter WHERE record_value LIKE '{%' LOOP
        BEGIN
            UPDATE dead_letter SET event_id = left(letter.record_value::jsonb ->> 'id', 200),
                                   event_type = left(letter.record_value::jsonb ->> 'type', 200)
            WHERE id = letter.id;
        EXCEPTION WHEN others THEN
            NULL;
        END;
    END LOOP;
END
$$;
DELETE FROM dead_letter d USING dead_letter earlier
WHERE d.topic = earlier.topic AND d.partition_no = earlier.partition_no AND d.record_offset = earlier.record_offset
  AND earlier.id < d.id;
ALTER TABLE dead_letter ADD CONSTRAINT dead_letter_topic_partition_no_record_offset_key
    UNIQUE (topic, partition_no, record_offset);
