package dev.helpdesk.tickets.replay;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Events read from {@code domain_event_entry} for a replay, as the messages the projections handle. */
@Component
class StoreEvents {

    /** One event and its position in the store. */
    record Stored(long position, DomainEventMessage<?> message) {
    }

    private final JdbcTemplate jdbc;
    private final RowMapper<Stored> rows;

    StoreEvents(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.rows = (rs, n) -> {
            Object payload = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes("payload"), byte[].class,
                    rs.getString("payload_type"), rs.getString("payload_revision")));
            return new Stored(rs.getLong("global_index"), new GenericDomainEventMessage<>(rs.getString("type"),
                    rs.getString("aggregate_identifier"), rs.getLong("sequence_number"), payload, Map.of(),
                    rs.getString("event_identifier"), Instant.parse(rs.getString("time_stamp"))));
        };
    }

    /** The highest position in the store, -1 when it is empty. */
    long head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    long count() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    /** Up to {@code limit} events after {@code position}, in store order. */
    List<Stored> after(long position, int limit) {
        return jdbc.query("SELECT * FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT ?",
                rows, position, limit);
    }

    /** The events at these positions that are in the store now. */
    List<Stored> at(Collection<Long> positions) {
        if (positions.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT * FROM domain_event_entry WHERE global_index = ANY (?) ORDER BY global_index",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", positions.toArray())), rows);
    }

    /** A whole stream, in sequence order. */
    List<DomainEventMessage<?>> stream(String aggregateId) {
        return jdbc.query("SELECT * FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                rows, aggregateId).stream().<DomainEventMessage<?>>map(Stored::message).toList();
    }
}
