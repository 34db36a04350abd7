package dev.helpdesk.tickets.sla;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.events.Instants;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.sla.SlaEventTypes;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * What the ticket list keeps of one SLA clock event: the ticket, the metric, the due time the clock now counts
 * towards or, for a breached clock, the target it missed ({@code null}: none, the clock being paused, met or
 * exempted), and the event's position among the
 * ticket's SLA events. Read from the data's JSON, not bound to the metric enumeration, so that a metric added to the
 * published language later (NEXT_REPLY) is kept too instead of being set aside.
 */
record SlaClockDue(String ticketId, String metric, Instant dueAt, long sequence) {

    /**
     * The types after which the clock's {@code dueAt} orders the ticket: running towards it, or breached at it (a
     * breached target is the most urgent of all and sorts first, the longest overdue ahead).
     */
    private static final Set<String> RUNNING = Set.of(SlaEventTypes.CLOCK_STARTED, SlaEventTypes.CLOCK_RESUMED,
            SlaEventTypes.WARNING_REACHED, SlaEventTypes.BREACHED);
    /** The types after which the clock has no target to order by (an exempted clock counts no more). */
    private static final Set<String> STOPPED = Set.of(SlaEventTypes.CLOCK_PAUSED, SlaEventTypes.MET,
            SlaEventTypes.CLOCK_EXEMPTED);

    static boolean concerns(String type) {
        return RUNNING.contains(type) || STOPPED.contains(type);
    }

    /** @throws IllegalArgumentException when the event lacks what the list needs */
    static SlaClockDue of(ReceivedEvent event) {
        JsonNode data = event.data();
        String ticketId = text(data, "ticketId", 64, "[A-Za-z0-9-]+");
        String metric = text(data, "metric", 32, "[A-Z_]+");
        if (event.sequence() == null || event.sequence() < 0) {
            throw new IllegalArgumentException("sequence is missing");
        }
        Instant due = null;
        if (RUNNING.contains(event.type())) {
            try {
                due = Instants.parse(text(data, "dueAt", 40, "\\S+"));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("dueAt must be an ISO-8601 instant");
            }
        }
        return new SlaClockDue(ticketId, metric, due, event.sequence());
    }

    private static String text(JsonNode data, String field, int maxLength, String pattern) {
        JsonNode node = data.get(field);
        if (node == null || !node.isTextual() || node.asText().length() > maxLength || !node.asText().matches(pattern)) {
            throw new IllegalArgumentException(field + " is missing or invalid");
        }
        return node.asText();
    }
}
