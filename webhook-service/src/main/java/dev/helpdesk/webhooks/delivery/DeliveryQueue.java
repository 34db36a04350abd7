package dev.helpdesk.webhooks.delivery;

import dev.helpdesk.pipeline.timer.TimerAlarm;
import dev.helpdesk.webhooks.domain.DeskEvent;
import dev.helpdesk.webhooks.domain.Subscription;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Queues deliveries in the caller's transaction (the pipeline's, applying an inbound event) and wakes this
 * instance's worker after the commit.
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

    /** Records a ticket's organisation, from its opening (the later ticket events do not carry it). */
    public void rememberTicket(String ticketId, String organizationId) {
        jdbc.update("INSERT INTO ticket_organization (ticket_id, organization_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                ticketId, organizationId);
    }

    public Optional<String> organizationOf(String ticketId) {
        return jdbc.queryForList("SELECT organization_id FROM ticket_organization WHERE ticket_id = ?", String.class,
                ticketId).stream().findFirst();
    }

    /** One delivery per endpoint that wants the event; a repeat of the event queues nothing more. */
    public int enqueue(DeskEvent event, String payload) {
        List<UUID> targets = jdbc.query("SELECT id, event_types, organization_id FROM endpoint WHERE active "
                                + "AND ? = ANY(event_types) AND (organization_id IS NULL OR organization_id = ?)",
                (rs, n) -> {
                    Array types = rs.getArray("event_types");
                    Subscription subscription = new Subscription(Set.of((String[]) types.getArray()),
                            rs.getString("organization_id"), true);
                    return subscription.wants(event) ? rs.getObject("id", UUID.class) : null;
                }, event.type(), event.organizationId()).stream().filter(id -> id != null).toList();
        if (targets.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        int queued = 0;
        for (UUID endpoint : targets) {
            queued += jdbc.update("INSERT INTO delivery (endpoint_id, event_id, event_type, ordering_key, payload, "
                            + "state, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?) "
                            + "ON CONFLICT (endpoint_id, event_id) DO NOTHING",
                    endpoint, event.id(), event.type(), event.orderingKey(), payload, Timestamp.from(now),
                    Timestamp.from(now));
        }
        alarm.timerSet(now);
        return queued;
    }
}
