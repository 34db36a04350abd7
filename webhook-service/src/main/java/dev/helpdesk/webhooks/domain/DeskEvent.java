package dev.helpdesk.webhooks.domain;

import java.util.Objects;

/**
 * An event of the desk as the webhooks see it: its type, the organisation it belongs to (null when unknown), whether
 * only staff may read it, and the unit of order of its deliveries (the ticket, else the event's subject).
 */
public record DeskEvent(String id, String type, String organizationId, boolean internal, String orderingKey) {

    public DeskEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(orderingKey, "orderingKey");
    }
}
