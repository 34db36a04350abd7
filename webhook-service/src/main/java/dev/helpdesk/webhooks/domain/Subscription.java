package dev.helpdesk.webhooks.domain;

import java.util.Set;

/**
 * What an endpoint asked to receive: event types, and one organisation's events or every organisation's
 * ({@code organizationId} null).
 */
public record Subscription(Set<String> eventTypes, String organizationId, boolean active) {

    public Subscription {
        eventTypes = Set.copyOf(eventTypes);
    }

    /**
     * Whether an event goes to this endpoint. An organisation's endpoint gets only events known to be of that
     * organisation, and never internal ones (internal notes: what a contact of the organisation may not read);
     * events of no known organisation and internal ones go only to endpoints of every organisation.
     */
    public boolean wants(DeskEvent event) {
        if (!active || !eventTypes.contains(event.type())) {
            return false;
        }
        if (organizationId == null) {
            return true;
        }
        return organizationId.equals(event.organizationId()) && !event.internal();
    }
}
