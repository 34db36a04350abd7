package dev.helpdesk.escalations.inbound;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Remembers the ids of applied events, in the transaction that applies them, so that a repeat is ignored. */
@Component
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time an event id is seen (and records it); false for a repeat. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstTime(String eventId) {
        return jdbc.update("INSERT INTO processed_event (event_id) VALUES (?) ON CONFLICT (event_id) DO NOTHING", eventId) == 1;
    }
}
