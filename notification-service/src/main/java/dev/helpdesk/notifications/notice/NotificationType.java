package dev.helpdesk.notifications.notice;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of mail this service sends; each is one template ({@code mail/<id>.txt}) and one opt-out a user may choose
 * ({@code GET/PUT /api/me/notifications}).
 */
public enum NotificationType {

    PUBLIC_REPLY("public-reply", "Support answered publicly on a ticket you opened"),
    CONTACT_REPLY("contact-reply", "The contact replied on a ticket assigned to you"),
    STATUS_CHANGED("status-changed", "Support changed the status of a ticket you opened"),
    SLA_WARNING("sla-warning", "A ticket you opened nears its SLA target"),
    ESCALATION_RAISED("escalation-raised", "A ticket was escalated to a level you are told of"),
    ESCALATION_OVERDUE("escalation-overdue", "An escalation was not acknowledged in time and moved up a level");

    private final String id;
    private final String description;

    NotificationType(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name in the API and in the template's file name. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public static Optional<NotificationType> fromId(String id) {
        return Arrays.stream(values()).filter(type -> type.id.equals(id)).findFirst();
    }
}
