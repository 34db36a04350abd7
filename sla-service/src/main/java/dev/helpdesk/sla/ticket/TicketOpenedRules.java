package dev.helpdesk.sla.ticket;

import dev.helpdesk.events.ticket.TicketOpenedEvent;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** What an opening must carry for clocks to start; anything else is a malformed record. */
final class TicketOpenedRules {

    private TicketOpenedRules() {
    }

    static void requireValid(TicketOpenedEvent opened) {
        List<String> missing = new ArrayList<>();
        if (opened.ticketId() == null || opened.ticketId().isBlank()) {
            missing.add("ticketId");
        }
        if (opened.organizationId() == null || opened.organizationId().isBlank()) {
            missing.add("organizationId");
        }
        if (opened.type() == null) {
            missing.add("type");
        }
        if (opened.severity() == null) {
            missing.add("severity");
        }
        if (opened.openedAt() == null) {
            missing.add("openedAt");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("ticket opening lacks " + String.join(", ", missing));
        }
        if (opened.timeZone() != null) {
            try {
                ZoneId.of(opened.timeZone());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("ticket opening has an unknown time zone: " + opened.timeZone());
            }
        }
    }
}
