package dev.helpdesk.tickets.publishing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.tickets.config.AxonConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code helpdesk.tickets.publish.lag}: how many stored events the Kafka publisher has not yet published (store
 * head minus the publisher's token index), read from the database without claiming the token, so every instance
 * reports the same value.
 */
@Component
class PublishLag {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    PublishLag(JdbcTemplate jdbc, ObjectMapper json, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        Gauge.builder("helpdesk.tickets.publish.lag", this, PublishLag::events)
                .description("Stored events not yet published to Kafka")
                .baseUnit("events")
                .register(meters);
    }

    double events() {
        try {
            Long head = jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry", Long.class);
            List<byte[]> tokens = jdbc.query("SELECT token FROM token_entry WHERE processor_name = ? AND token IS NOT NULL",
                    (rs, n) -> rs.getBytes(1), AxonConfig.KAFKA_PUBLISHER);
            long published = tokens.isEmpty() ? 0 : json.readTree(tokens.get(0)).path("index").asLong(0);
            return Math.max(0, (head == null ? 0 : head) - published);
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
