package dev.helpdesk.pipeline.inbound;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * The highest sequence applied per stream (an organisation's, say) of another service's events that a service keeps
 * as reference data: only an event of a higher sequence may write, so a redelivered, replayed or older event never
 * overwrites a newer value. The service's schema owns the table: its key column and {@code last_sequence bigint}.
 */
public class StreamSequences {

    private final JdbcTemplate jdbc;
    private final String advance;

    /**
     * @param table     the service's table of last sequences
     * @param keyColumn its primary key, the stream's id
     */
    public StreamSequences(JdbcTemplate jdbc, String table, String keyColumn) {
        this.jdbc = jdbc;
        this.advance = """
                INSERT INTO %1$s (%2$s, last_sequence) VALUES (?, ?)
                ON CONFLICT (%2$s) DO UPDATE SET last_sequence = excluded.last_sequence
                WHERE %1$s.last_sequence < excluded.last_sequence
                RETURNING 1""".formatted(table, keyColumn);
    }

    /**
     * Records the sequence as the stream's last unless it already has this or a higher one; true when recorded (the
     * event may then write, in the same transaction).
     */
    public boolean advance(String streamId, long sequence) {
        List<Integer> newer = jdbc.queryForList(advance, Integer.class, streamId, sequence);
        return !newer.isEmpty();
    }
}
