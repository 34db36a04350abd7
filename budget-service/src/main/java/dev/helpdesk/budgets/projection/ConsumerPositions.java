package dev.helpdesk.budgets.projection;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * How far the live consumer has applied each partition ({@code consumer_position}, next offset), written in the
 * transaction of what it applied and read by a rebuild when it switches over.
 */
@Component
public class ConsumerPositions {

    private final JdbcTemplate jdbc;

    public ConsumerPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Moves each partition's position forward to the given next offset (never back), in one statement. */
    public void advance(Map<TopicPartition, Long> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return;
        }
        int size = nextOffsets.size();
        String[] topics = new String[size];
        Integer[] partitions = new Integer[size];
        Long[] offsets = new Long[size];
        int i = 0;
        for (Map.Entry<TopicPartition, Long> position : nextOffsets.entrySet()) {
            topics[i] = position.getKey().topic();
            partitions[i] = position.getKey().partition();
            offsets[i++] = position.getValue();
        }
        jdbc.update("""
                insert into consumer_position (topic, partition, next_offset)
                select * from unnest(?::text[], ?::int[], ?::bigint[]) order by 1, 2
                on conflict (topic, partition) do update
                    set next_offset = greatest(consumer_position.next_offset, excluded.next_offset)""",
                topics, partitions, offsets);
    }

    public Map<TopicPartition, Long> of(String topic) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        jdbc.query("select partition, next_offset from consumer_position where topic = ?",
                row -> {
                    positions.put(new TopicPartition(topic, row.getInt(1)), row.getLong(2));
                }, topic);
        return positions;
    }
}
