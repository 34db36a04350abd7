package dev.helpdesk.sla.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import dev.helpdesk.sla.ticket.SlaMetrics;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records set aside from a topic, with where they came from and why, for an operator to look at. */
@Component
public class DeadLetters {

    private final JdbcTemplate jdbc;
    private final SlaMetrics metrics;

    public DeadLetters(JdbcTemplate jdbc, SlaMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    public void store(ConsumerRecord<String, String> record, String reason) {
        jdbc.update("INSERT INTO dead_letter (topic, partition_no, record_offset, record_key, record_value, reason) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                record.topic(), record.partition(), record.offset(), clean(record.key()), clean(record.value()), clean(reason));
        metrics.deadLetter(record.topic());
    }

    private static String clean(String text) {
        return text == null ? null : text.replace("\u0000", "");
    }
}
