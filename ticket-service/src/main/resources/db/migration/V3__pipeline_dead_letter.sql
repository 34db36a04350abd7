-- The event pipeline's one dead-letter shape (event-pipeline/.../pipeline-schema.sql); rows already set aside stay.
ALTER TABLE dead_letter RENAME COLUMN value TO record_value;
ALTER TABLE dead_letter RENAME COLUMN error TO reason;
ALTER TABLE dead_letter ALTER COLUMN topic TYPE text;
ALTER TABLE dead_letter ALTER COLUMN reason TYPE text;
ALTER TABLE dead_letter ADD COLUMN record_key text;
ALTER TABLE dead_letter ADD COLUMN event_id text;
ALTER TABLE dead_letter ADD COLUMN event_type text;
ALTER TABLE dead_letter ADD COLUMN attempts integer NOT NULL DEFAULT 1;
-- One row per record: exact repeats of a topic, partition and offset go, the earliest stays.
DELETE FROM dead_letter d USING dead_letter earlier
 WHERE d.topic = earlier.topic AND d.partition_no = earlier.partition_no AND d.record_offset = earlier.record_offset
   AND d.id > earlier.id;
ALTER TABLE dead_letter ADD CONSTRAINT dead_letter_topic_partition_no_record_offset_key
    UNIQUE (topic, partition_no, record_offset);
