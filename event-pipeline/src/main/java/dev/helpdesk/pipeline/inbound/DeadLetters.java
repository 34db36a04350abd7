package dev.helpdesk.pipeline.inbound;

import dev.helpdesk.pipeline.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one dead-letter table of every consuming service ({@code dead_letter}, one row per topic, partition and
 * offset). Text PostgreSQL cannot store (NUL characters) is stripped and long values are cut, so that setting a record
 * aside never fails for the reason that made it unreadable.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    static final int LONGEST_VALUE = 100_000;
    static final int LONGEST_REASON = 1_000;

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    public DeadLetters(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /** Stores the dead letters with one statement, in the caller's transaction if there is one. */
    public void store(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        int size = letters.size();
        String[] topics = new String[size];
        Integer[] partitions = new Integer[size];
        Long[] offsets = new Long[size];
        String[] keys = new String[size];
        String[] values = new String[size];
        String[] eventIds = new String[size];
        String[] types = new String[size];
        String[] reasons = new String[size];
        Integer[] attempts = new Integer[size];
        for (int i = 0; i < size; i++) {
            DeadLetter letter = letters.get(i);
            log.warn("Setting aside record {}-{}@{} ({} {}): {}", letter.topic(), letter.partition(), letter.offset(),
                    letter.eventType(), letter.eventId(), letter.reason());
            topics[i] = letter.topic();
            partitions[i] = letter.partition();
            offsets[i] = letter.offset();
            keys[i] = clean(letter.key(), 1_000);
            values[i] = clean(letter.value(), LONGEST_VALUE);
            eventIds[i] = clean(letter.eventId(), 200);
            types[i] = clean(letter.eventType(), 200);
            reasons[i] = clean(letter.reason() == null ? "unknown" : letter.reason(), LONGEST_REASON);
            attempts[i] = letter.attempts();
        }
        Map<String, Integer> stored = new HashMap<>();
        jdbc.query("""
                INSERT INTO dead_letter (topic, partition_no, record_offset, record_key, record_value, event_id, event_type,
                                         reason, attempts)
                SELECT * FROM unnest(?::text[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                                     ?::text[], ?::int[])
                ON CONFLICT (topic, partition_no, record_offset) DO NOTHING
                RETURNING topic""",
                row -> {
                    stored.merge(row.getString(1), 1, Integer::sum);
                }, topics, partitions, offsets, keys, values, eventIds, types, reasons, attempts);
        // Counted once stored for good: a rolled-back attempt, or a record set aside before, counts nothing.
        AfterCommit.run(() -> stored.forEach((topic, count) -> Counter.builder("helpdesk.dead.letters")
                .description("records set aside").tag("topic", topic).register(meters).increment(count)));
    }


    private static String clean(String text, int longest) {
        if (text == null) {
            return null;
        }
        String clean = text.indexOf('\u0000') >= 0 ? text.replace("\u0000", "") : text;
        return clean.length() > longest ? clean.substring(0, longest) : clean;
    }
}
