package dev.helpdesk.escalations.inbound;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Sets aside records that cannot be applied, so that they never block their partition. */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int LONGEST_REASON = 1000;

    private final JdbcTemplate jdbc;

    public DeadLetters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the record with the reason (in its own transaction); throws if the database cannot take it. */
    public void setAside(ConsumerRecord<?, ?> record, Throwable reason) {
        String why = describe(reason);
        log.warn("Setting aside record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), why);
        jdbc.update("INSERT INTO dead_letter (topic, partition_no, record_offset, record_key, record_value, reason) VALUES (?, ?, ?, ?, ?, ?)",
                record.topic(), record.partition(), record.offset(),
                record.key() == null ? null : String.valueOf(record.key()),
                record.value() == null ? null : String.valueOf(record.value()), why);
    }

    private static String describe(Throwable reason) {
        Throwable cause = reason;
        while (cause.getCause() != null && !(cause instanceof InvalidRecordException)) {
            cause = cause.getCause();
        }
        String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return text.length() > LONGEST_REASON ? text.substring(0, LONGEST_REASON) : text;
    }
}
