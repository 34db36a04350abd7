-- The event pipeline's tables in their canonical shape (event-pipeline/.../pipeline-schema.sql), keeping every row.
-- processed_event stays the budget's own (generation, event_id): the projection de-duplicates per generation.

-- outbox: rows now name their topic (before, the relay sent every row to the budget topic); event_type was there.
alter table outbox add column topic text;
update outbox set topic = '${budgetsTopic}';
alter table outbox alter column topic set not null;
update outbox set event_type = coalesce(event_type, payload::jsonb ->> 'type');
create index outbox_published_at on outbox (published_at) where published_at is not null;

-- outbox_stream: the next sequence of each organisation's stream. Before, the writer numbered an event with the
-- count of the stream's rows (never pruned), 0 first; continue after the highest number given, so no number is
-- given twice or skipped.
create table outbox_stream (
    stream_key    text   primary key,
    next_sequence bigint not null
);
insert into outbox_stream (stream_key, next_sequence)
select record_key, greatest(count(*), coalesce(max((payload::jsonb ->> 'sequence')::bigint), -1) + 1)
from outbox
group by record_key;

-- dead_letter: partition -> partition_no, plus what the pipeline records of a record set aside.
alter table dead_letter rename column partition to partition_no;
alter table dead_letter rename constraint dead_letter_topic_partition_record_offset_key
    to dead_letter_topic_partition_no_record_offset_key;
alter table dead_letter add column event_id text;
alter table dead_letter add column event_type text;
alter table dead_letter add column attempts integer not null default 1;
-- Event id and type of the letters whose value is a JSON object; the others (not JSON) keep them null.
do $$
declare
    letter record;
    envelope jsonb;
begin
    for letter in select id, record_value from dead_letter where record_value like '{%' loop
        begin
            envelope := letter.record_value::jsonb;
            update dead_letter
            set event_id = left(envelope ->> 'id', 200), event_type = left(envelope ->> 'type', 200)
            where id = letter.id and jsonb_typeof(envelope) = 'object';
        exception when others then
            null; -- not JSON after all
        end;
    end loop;
end $$;
