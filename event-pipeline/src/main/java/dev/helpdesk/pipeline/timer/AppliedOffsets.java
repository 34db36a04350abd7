package dev.helpdesk.pipeline.timer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The offsets up to which this instance has applied (and committed to its database) the records of a consumer group,
 * per partition: what the group's committed offsets say later, known at once. A listener that commits its offsets by
 * time ({@code ack-mode: time}) tells the broker a second or more after its database transaction; a
 * {@link ConsumedWatermark} that took only the broker's word would hold timers back for that long.
 */
public class AppliedOffsets {

    private final Map<TopicPartition, Long> applied = new ConcurrentHashMap<>();

    /** The records of a poll, applied and committed to the database: the next offset of each partition in it. */
    public void applied(List<? extends ConsumerRecord<?, ?>> records) {
        for (ConsumerRecord<?, ?> record : records) {
            applied.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
    }

    /** The greater of each committed offset and the offset applied here. */
    public Map<TopicPartition, Long> merged(Map<TopicPartition, Long> committed) {
        Map<TopicPartition, Long> merged = new HashMap<>(committed);
        applied.forEach((partition, offset) -> merged.merge(partition, offset, Math::max));
        return merged;
    }
}
