package dev.helpdesk.webhooks.delivery;

import dev.helpdesk.pipeline.timer.TimerAlarm;
import dev.helpdesk.webhooks.domain.DeskEvent;
import dev.helpdesk.webhooks.domain.Subscription;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.UUID;

/**
 * Queues deliveries in the caller's transaction (the pipeline's, applying a poll of inbound events) and wakes this
 * instance's worker after the commit. A poll costs a fixed number of statements, whatever its size (issue 14).
 */
@Component
public class DeliveryQueue {

    private final JdbcTemplate jdbc;
    private final TimerAlarm alarm;
    private final Clock clock;

    public DeliveryQueue(JdbcTemplate jdbc, TimerAlarm alarm, Clock clock) {
        this.jdbc = jdbc;
        this.alarm = alarm;
        this.clock = clock;
    }

    /** Records tickets' organisations, from their openings (the later ticket events do not carry it); one statement. */
    public void rememberTickets(Map<String, String> organizationByTicket) {
        if (organizationByTicket.isEmpty()) {
            return;
        }
        Map<String, String> sorted = new TreeMap<>(organizationByTicket); // key order: two writers never wait in a cycle
        jdbc.update("INSERT INTO ticket_organization (ticket_id, organization_id) SELECT * FROM unnest(?::text[], ?::text[]) "
                + "ON CONFLICT DO NOTHING", sorted.keySet().toArray(String[]::new), sorted.values().toArray(String[]::new));
    }

    /** The organisations known for {@code ticketIds}, by ticket; one statement. */
    public Map<String, String> organizationsOf(Collection<String> ticketIds) {
        Map<String, String> known = new HashMap<>();
        if (!ticketIds.isEmpty()) {
            jdbc.query("SELECT ticket_id, organization_id FROM ticket_organization WHERE ticket_id = ANY (?::text[])",
                    (RowCallbackHandler) rs -> known.put(rs.getString(1), rs.getString(2)),
                    (Object) ticketIds.toArray(String[]::new));
        }
        return known;
    }

    /** An event to queue for every endpoint that wants it, and its body (written only when one does). */
    public record Queued(DeskEvent event, Supplier<String> payload) {
    }

    /**
     * One delivery per endpoint that wants each event; a repeat of an event queues nothing more. The active endpoints
     * that may want any of the events are read once (one statement), each event matched to them in memory
     * ({@link Subscription#wants}), and the deliveries inserted as one batch.
     */
    public int enqueueAll(List<Queued> events) {
        if (events.isEmpty()) {
            return 0;
        }
        String[] types = events.stream().map(q -> q.event().type()).distinct().toArray(String[]::new);
        String[] organizations = events.stream().map(q -> q.event().organizationId()).filter(Objects::nonNull)
                .distinct().toArray(String[]::new);
        Map<UUID, Subscription> endpoints = new LinkedHashMap<>();
        jdbc.query("SELECT id, event_types, organization_id FROM endpoint WHERE active AND event_types && ?::text[] "
                        + "AND (organization_id IS NULL OR organization_id = ANY (?::text[])) ORDER BY id",
                (RowCallbackHandler) rs -> {
                    Array eventTypes = rs.getArray("event_types");
                    endpoints.put(rs.getObject("id", UUID.class), new Subscription(Set.of((String[]) eventTypes.getArray()),
                            rs.getString("organization_id"), true));
                }, types, organizations);
        if (endpoints.isEmpty()) {
            return 0;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>();
        for (Queued queued : events) {
            String payload = null;
            for (Map.Entry<UUID, Subscription> endpoint : endpoints.entrySet()) {
                if (endpoint.getValue().wants(queued.event())) {
                    payload = payload == null ? queued.payload().get() : payload;
                    DeskEvent event = queued.event();
                    rows.add(new Object[] {endpoint.getKey(), event.id(), event.type(), event.orderingKey(), payload, now, now});
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        int queued = 0;
        for (int count : jdbc.batchUpdate("INSERT INTO delivery (endpoint_id, event_id, event_type, ordering_key, payload, "
                + "state, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?) "
                + "ON CONFLICT (endpoint_id, event_id) DO NOTHING", rows)) {
            queued += Math.max(count, 0);
        }
        alarm.timerSet(now.toInstant());
        return queued;
    }
}
