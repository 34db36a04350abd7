package dev.helpdesk.budgets.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Sets aside a record that cannot be applied, with where it was, so that it never blocks its partition. */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_VALUE_LENGTH = 100_000;

    private final JdbcTemplate jdbc;
    private final Counter counter;

    public DeadLetters(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.counter = Counter.builder("helpdesk.budget.dead.letters").description("records set aside as unreadable")
                .register(registry);
    }

    public void store(ConsumerRecord<String, String> record, String reason) {
        log.warn("Dead letter {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        String value = record.value();
        if (value != null && value.length() > MAX_VALUE_LENGTH) {
            value = value.substring(0, MAX_VALUE_LENGTH);
        }
        int stored = jdbc.update("""
                insert into dead_letter (topic, partition, record_offset, record_key, record_value, reason)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""",
                record.topic(), record.partition(), record.offset(), record.key(), value == null ? null : value.replace("\u0000", ""), reason);
        if (stored > 0) {
            counter.increment();
        }
    }
}
