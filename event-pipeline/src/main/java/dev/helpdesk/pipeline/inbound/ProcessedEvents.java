package dev.helpdesk.pipeline.inbound;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The ids of the events a service has applied ({@code processed_event}), recorded and checked in bulk. */
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the ids in the caller's transaction and answers those seen for the first time (one statement). */
    public Set<String> recordFirstSeen(List<String> eventIds) {
        Set<String> fresh = new HashSet<>();
        jdbc.query("INSERT INTO processed_event (event_id) SELECT unnest(?::text[]) ON CONFLICT (event_id) DO NOTHING "
                + "RETURNING event_id", row -> {
            fresh.add(row.getString(1));
        }, (Object) eventIds.toArray(String[]::new));
        return fresh;
    }
}
