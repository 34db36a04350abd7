package dev.helpdesk.webhooks.domain;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event types an endpoint may subscribe to: the ticket events of {@code helpdesk.tickets.v1} (not the
 * organisation events: contacts' names and addresses, budgets), the per-ticket SLA events and the escalation events.
 */
public final class EventCatalogue {

    public static final List<String> TICKET_TYPES = List.of(
            "helpdesk.ticket.opened.v1",
            "helpdesk.ticket.comment-added.v1",
            "helpdesk.ticket.assigned.v1",
            "helpdesk.ticket.status-changed.v1",
            "helpdesk.ticket.reopened.v1",
            "helpdesk.ticket.severity-changed.v1",
            "helpdesk.ticket.severity-change-requested.v1",
            "helpdesk.ticket.severity-change-request-decided.v1",
            "helpdesk.ticket.escalation-requested.v1",
            "helpdesk.ticket.escalation-level-recorded.v1",
            "helpdesk.ticket.attachment-added.v1");

    public static final List<String> SLA_TYPES = List.of(
            "helpdesk.sla.clock-started.v1",
            "helpdesk.sla.clock-paused.v1",
            "helpdesk.sla.clock-resumed.v1",
            "helpdesk.sla.warning-reached.v1",
            "helpdesk.sla.breached.v1",
            "helpdesk.sla.met.v1",
            "helpdesk.sla.clock-exempted.v1");

    public static final List<String> ESCALATION_TYPES = List.of(
            "helpdesk.escalation.raised.v1",
            "helpdesk.escalation.acknowledged.v1",
            "helpdesk.escalation.closed.v1");

    private static final Set<String> ALL;

    static {
        Set<String> all = new TreeSet<>(TICKET_TYPES);
        all.addAll(SLA_TYPES);
        all.addAll(ESCALATION_TYPES);
        ALL = Set.copyOf(all);
    }

    private EventCatalogue() {
    }

    public static boolean deliverable(String type) {
        return ALL.contains(type);
    }

    public static Set<String> all() {
        return ALL;
    }
}
